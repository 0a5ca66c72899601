"""People and organisations: the hand-written table tests/cases/people.jsonl.

Each case lists every person (with every title, in text order) and every organisation."""

from __future__ import annotations

import pytest
from case_tables import load


@pytest.mark.parametrize("case", load("people.jsonl"))
def test_people_case(case, run_text):
    record = run_text(case["text"])
    got_people = {p.name: [t.text for t in p.titles] for p in record.people}
    want_people = {p["name"]: p["titles"] for p in case["people"]}
    assert got_people == want_people, case.get("note")
    assert sorted({o.name for o in record.organizations}) == sorted(set(case["organizations"])), case.get("note")
