"""Validate: build the pydantic record and enforce the evidence promise.

Every span of every fact must slice the original text exactly. A fact that breaks the
promise (or any other rule of its model) is dropped and reported in `errors`; it is never
written. The spans are checked by `Span`'s own validator, given the original text as
validation context, so the whole record is checked in one pydantic pass.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from .models import CATEGORIES, DocumentRecord, ErrorEntry

_ROUNDS = 3  # dropping a fact cannot make another invalid; the spare rounds are a safety net


def validate(record: DocumentRecord, original: str) -> DocumentRecord:
    """The record re-validated as a whole (extractors and resolve mutate facts after
    construction), without the facts whose evidence does not slice `original`."""
    data = record.model_dump()
    for _ in range(_ROUNDS):
        try:
            return DocumentRecord.model_validate(data, context={"original": original})
        except ValidationError as exc:
            bad = _bad_facts(exc)
            if bad is None:
                return _invalid(record, data, exc)
            for (cat, _index), problem in sorted(bad.items(), key=lambda kv: (CATEGORIES.index(kv[0][0]), kv[0][1])):
                data["errors"].append({"stage": "validate", "message": f"{cat} fact dropped: {problem}", "source": None})
            for cat in CATEGORIES:
                if drop := {i for c, i in bad if c == cat}:
                    data[cat] = [fact for i, fact in enumerate(data[cat]) if i not in drop]
    return _invalid(record, data, None)


def _bad_facts(exc: ValidationError) -> dict[tuple[str, int], str] | None:
    """Which facts failed and why (the first problem of each); None when something outside
    the facts failed, which no dropping can mend."""
    bad: dict[tuple[str, int], str] = {}
    for err in exc.errors():
        loc = err["loc"]
        if len(loc) < 2 or loc[0] not in CATEGORIES or not isinstance(loc[1], int):
            return None
        cause = (err.get("ctx") or {}).get("error")
        problem = str(cause) if cause is not None else f"{'.'.join(map(str, loc[2:]))}: {err['msg']}"
        bad.setdefault((str(loc[0]), loc[1]), problem)
    return bad


def _invalid(record: DocumentRecord, data: dict[str, Any], exc: ValidationError | None) -> DocumentRecord:
    """A model bug must not lose the document: it keeps its identity and says what failed."""
    reason = exc.errors()[0]["msg"] if exc is not None else "facts kept failing validation"
    errors = [ErrorEntry(**e) for e in data["errors"] if isinstance(e, dict)]
    return DocumentRecord(
        doc_id=record.doc_id,
        source=record.source,
        text_sha256=record.text_sha256,
        errors=[*errors, ErrorEntry(stage="validate", message=f"record invalid: {reason}")],
    )
