"""Load the hand-written case tables under tests/cases/ (one JSON object a line)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

CASES = Path(__file__).resolve().parent / "cases"


def load(name: str) -> list:
    """Parametrize entries; a case listed in `known_gaps` runs as a strict xfail, so it fails when fixed."""
    params = []
    for line in (CASES / name).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        case = json.loads(line)
        marks = []
        if case.get("gap"):
            marks.append(pytest.mark.xfail(reason=f"known gap: {case['gap']}", strict=True))
        params.append(pytest.param(case, id=case["id"], marks=marks))
    return params
