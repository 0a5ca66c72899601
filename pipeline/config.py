"""One configuration for a pipeline run: which extractors, in which order, on which segmenter."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

DEFAULT_EXTRACTORS: tuple[str, ...] = ("dates", "targets", "organizations", "people", "quotes")
SEGMENTERS: tuple[str, ...] = ("jieba", "jieba-hmm", "pkuseg", "char")


@dataclass(frozen=True)
class PipelineConfig:
    extractors: tuple[str, ...] = DEFAULT_EXTRACTORS
    segmenter: str = "jieba"
    pkuseg_model: str | None = None
    ref_date: str | None = None
    only: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if self.ref_date is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", self.ref_date):
            raise ValueError(f"reference date must be YYYY-MM-DD, got {self.ref_date!r}")
