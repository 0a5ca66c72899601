"""The record model: one `DocumentRecord` per input document.

Field names follow ../shared/GUIDELINES.md (`name`, `titles[].text`, `text`, `value`,
`metric`, `unit`, `comparator`, `kind`, `period`, `speaker`) so that the expected-facts
scorer reads a record as it stands. Every fact carries `span` evidence whose offsets are
Unicode code points into the ORIGINAL input text (end exclusive) and whose `text` equals
`original[start:end]`; the validate stage enforces that promise.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, model_validator

SCHEMA_VERSION = "1.0"

Comparator = Literal[">=", ">", "<=", "<", "~", "="]
Script = Literal["simplified", "traditional", "mixed", "unknown"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """Evidence: `text == original[start:end]`, offsets in code points, end exclusive."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @model_validator(mode="after")
    def _slices_the_original(self, info: ValidationInfo) -> Span:
        """With the original text in the validation context (the validate stage passes it),
        every span, however deep in a fact, is checked in pydantic's one pass over the record."""
        original = info.context.get("original") if info.context else None
        if original is not None and (problem := span_problem(self, original)):
            raise ValueError(problem)
        return self


def span_problem(span: Span, original: str) -> str | None:
    if not 0 <= span.start < span.end <= len(original):
        return f"span {span.start}:{span.end} outside the text (length {len(original)})"
    if original[span.start : span.end] != span.text:
        return f"span {span.start}:{span.end} text {span.text!r} != original {original[span.start:span.end]!r}"
    return None


class Title(_Model):
    text: str = Field(description="The title as written (Simplified), e.g. 市发改委党组书记 or 主任.")
    text_original: str | None = Field(None, description="As written in the source, when the script differs.")
    org: str | None = Field(None, description="The organisation the title belongs to, inherited along a chain.")
    role: str | None = Field(None, description="The role word without the organisation, e.g. 党组书记.")
    span: Span


class Person(_Model):
    id: str = Field(description="Stable within the record: P1, P2, … in order of first mention.")
    name: str
    name_original: str | None = None
    titles: list[Title] = Field(default_factory=list)
    span: Span = Field(description="The first mention of the name.")
    mentions: list[Span] = Field(default_factory=list, description="Every mention of the name.")


class Organization(_Model):
    id: str
    name: str
    name_original: str | None = None
    span: Span
    mentions: list[Span] = Field(default_factory=list)


class DateFact(_Model):
    text: str
    text_original: str | None = None
    value: str = Field(description="Normalised in GUIDELINES notation: 2021-12-28, XXXX-08-08, Y+0-H1, 2021/2025 …")
    relative: bool = Field(False, description="True when the value depends on the reference date.")
    span: Span


class NormalizedAmount(_Model):
    value: float
    unit: str
    currency: str | None = None


class Target(_Model):
    text: str
    text_original: str | None = None
    metric: str | None
    value: int | float
    value_max: int | float | None = None
    unit: str | None
    comparator: Comparator = "="
    kind: Literal["target", "actual"]
    period: str | None = None
    subject: str | None = None
    normalized: NormalizedAmount | None = Field(None, description="The value in base units (元, t, m …).")
    span: Span


class Quote(_Model):
    text: str
    text_original: str | None = None
    kind: Literal["direct", "indirect"]
    speaker: str | None
    speaker_id: str | None = None
    speaker_span: Span | None = None
    span: Span


class ErrorEntry(_Model):
    stage: str
    message: str
    source: str | None = None


class ReferenceDate(_Model):
    value: str | None = None
    source: Literal["cli", "dateline", "opening", "closing", "none"] = "none"
    span: Span | None = None


class DocumentRecord(_Model):
    schema_version: str = SCHEMA_VERSION
    doc_id: str
    source: str
    text_sha256: str | None = Field(None, description="SHA-256 of the decoded original text, UTF-8 encoded.")
    encoding: str | None = None
    script: Script = "unknown"
    char_count: int = 0
    reference_date: str | None = None
    reference_date_source: ReferenceDate = Field(default_factory=ReferenceDate)
    people: list[Person] = Field(default_factory=list)
    organizations: list[Organization] = Field(default_factory=list)
    dates: list[DateFact] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    errors: list[ErrorEntry] = Field(default_factory=list)


CATEGORIES = ("people", "organizations", "dates", "targets", "quotes")
