"""Dates: the hand-written table tests/cases/dates.jsonl (text → the complete set of dates)."""

from __future__ import annotations

import re

import pytest
from case_tables import load


def _clean(s: str) -> str:
    return re.sub(r"(?<=\D)\s+|\s+(?=\D)", "", s) if not re.search(r"\d\s+\d", s) else s


@pytest.mark.parametrize("case", load("dates.jsonl"))
def test_dates_case(case, run_text):
    record = run_text(case["text"], case.get("ref"))
    got = sorted((_clean(d.text), d.value) for d in record.dates)
    want = sorted((_clean(d["text"]), d["value"]) for d in case["dates"])
    assert got == want, case.get("note")
