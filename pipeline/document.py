"""The working document every stage after ingest reads and writes."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from .config import PipelineConfig
from .ingest import RawDocument
from .lexicons import Lexicons
from .models import ErrorEntry, ReferenceDate, Span
from .normalise import NormText, fold_char
from .segment import Segment, Segmented

_DROP = set(" \t\r\n\u3000\u00a0")


@dataclass
class Doc:
    raw: RawDocument
    norm: NormText
    seg: Segmented
    config: PipelineConfig
    lex: Lexicons
    facts: dict[str, list[Any]] = field(default_factory=dict)
    errors: list[ErrorEntry] = field(default_factory=list)
    reference: ReferenceDate = field(default_factory=ReferenceDate)
    cache: dict[str, Any] = field(default_factory=dict)  # per-document results shared by extractors

    @property
    def text(self) -> str:
        return self.norm.text

    def span(self, start: int, end: int) -> Span:
        """Evidence for the normalised span [start, end): offsets and text in the original."""
        o_start, o_end = self.norm.to_original(start, end)
        return Span(start=o_start, end=o_end, text=self.norm.original[o_start:o_end])

    def as_written(self, start: int, end: int) -> str:
        """text[start:end] with the source's own character widths (２０２３年 stays ２０２３年).

        GUIDELINES asks for fact text as written, only converted to Simplified and without the
        breaks a PDF inserted; rules read the width-folded text, facts report this one. The
        result has the same length as the slice, character for character."""
        if not self.norm.folded:
            return self.text[start:end]
        original, offsets = self.norm.original, self.norm.offsets
        out = []
        for i in range(start, end):
            c, o = self.text[i], original[offsets[i]]
            out.append(o if o != c and fold_char(o) == c and not o.isspace() else c)
        return "".join(out)

    def original_form(self, start: int, end: int) -> str | None:
        """The source's own writing of a span when it differs from the normalised text (script)."""
        if self.norm.script == "simplified":
            return None
        o_start, o_end = self.norm.to_original(start, end)
        form = "".join(fold_char(c) for c in self.norm.original[o_start:o_end] if c not in _DROP)
        clean = "".join(c for c in self.text[start:end] if c not in _DROP)
        return form if form != clean else None

    def sentence_of(self, pos: int) -> Segment | None:
        return _containing(self.seg.sentences, pos)

    def paragraph_of(self, pos: int) -> Segment | None:
        return _containing(self.seg.paragraphs, pos)


def _containing(segments: list[Segment], pos: int) -> Segment | None:
    """The segment holding pos; segments are sorted and do not overlap, so a binary search."""
    k = bisect_right(segments, pos, key=lambda s: s.start) - 1
    if k >= 0 and segments[k].start <= pos < segments[k].end:
        return segments[k]
    return None
