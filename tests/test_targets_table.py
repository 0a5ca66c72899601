"""Targets: the hand-written table tests/cases/targets.jsonl, matched by the scorer's rules
(value and unit equal, metric equal or contained) and then checked field by field."""

from __future__ import annotations

import pytest
from case_tables import load

from pipeline.evaluate import comparable, pair_up, same_target

FIELDS = ("comparator", "kind", "period")


@pytest.mark.parametrize("case", load("targets.jsonl"))
def test_targets_case(case, run_text):
    record = run_text(case["text"])
    got = comparable({"targets": [t.model_dump() for t in record.targets]})["targets"]
    want = comparable({"targets": case["targets"]})["targets"]
    pairs = pair_up(want, got, same_target)
    missed = [w for i, w in enumerate(want) if i not in {a for a, _ in pairs}]
    spurious = [g for i, g in enumerate(got) if i not in {b for _, b in pairs}]
    assert not missed and not spurious, f"missed {missed} spurious {spurious} ({case.get('note')})"
    for gi, pi in pairs:
        for f in FIELDS:
            assert want[gi][f] == got[pi][f], f"{f}: want {want[gi]} got {got[pi]}"
