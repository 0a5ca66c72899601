"""Quotes: the hand-written table tests/cases/quotes.jsonl (text → every quote with its speaker)."""

from __future__ import annotations

import pytest
from case_tables import load

from pipeline.evaluate import norm


def _key(q: dict) -> tuple[str, str, str]:
    return (q["kind"], norm(q["speaker"]), norm(q["text"]).rstrip("。！？!?"))


@pytest.mark.parametrize("case", load("quotes.jsonl"))
def test_quotes_case(case, run_text):
    record = run_text(case["text"])
    got = sorted(_key(q.model_dump()) for q in record.quotes)
    want = sorted(_key(q) for q in case["quotes"])
    assert got == want, case.get("note")
