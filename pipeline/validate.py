"""Validate: build the pydantic record and enforce the evidence promise.

Every span of every fact must slice the original text exactly. A fact that breaks the
promise is dropped and reported in `errors`; it is never written.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from .models import CATEGORIES, DocumentRecord, ErrorEntry, Span


def _spans(obj: Any, found: list[Span] | None = None) -> list[Span]:
    """Every Span inside a fact, however deep (titles, mentions, speaker)."""
    if found is None:
        found = []
    if isinstance(obj, Span):
        found.append(obj)
    elif isinstance(obj, BaseModel):
        for value in obj.__dict__.values():
            if isinstance(value, BaseModel | list):
                _spans(value, found)
    elif isinstance(obj, list):
        for item in obj:
            if isinstance(item, BaseModel | list):
                _spans(item, found)
    return found


def span_problem(span: Span, original: str) -> str | None:
    if not 0 <= span.start < span.end <= len(original):
        return f"span {span.start}:{span.end} outside the text (length {len(original)})"
    if original[span.start : span.end] != span.text:
        return f"span {span.start}:{span.end} text {span.text!r} != original {original[span.start:span.end]!r}"
    return None


def validate(record: DocumentRecord, original: str) -> DocumentRecord:
    """Drop facts whose evidence does not slice the original, then re-validate the whole record."""
    errors = list(record.errors)
    kept: dict[str, list[Any]] = {}
    for cat in CATEGORIES:
        good = []
        for fact in getattr(record, cat):
            problems = [p for s in _spans(fact) if (p := span_problem(s, original))]
            if problems:
                errors.append(ErrorEntry(stage="validate", message=f"{cat} fact dropped: {problems[0]}"))
            else:
                good.append(fact)
        kept[cat] = good
    checked = record.model_copy(update={**kept, "errors": errors})
    try:
        # every field checked again: extractors and resolve mutate facts after construction
        return DocumentRecord.model_validate(checked.model_dump())
    except ValidationError as exc:  # a model bug must not lose the document
        return DocumentRecord(
            doc_id=record.doc_id,
            source=record.source,
            text_sha256=record.text_sha256,
            errors=[*errors, ErrorEntry(stage="validate", message=f"record invalid: {exc.errors()[0]['msg']}")],
        )
