"""zhfacts: source-grounded fact extraction from Chinese news.

    from pipeline import extract
    record = extract("市委书记马明龙代表市委常委会作报告。")
    record.people[0].name  # '马明龙'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .models import DocumentRecord
    from .pipeline import Pipeline

_DEFAULT: Pipeline | None = None


def extract(text: str, doc_id: str = "doc", ref_date: str | None = None) -> DocumentRecord:
    """Run the whole pipeline on one text and return its validated record."""
    global _DEFAULT
    from .config import PipelineConfig
    from .ingest import RawDocument
    from .pipeline import Pipeline

    if ref_date is not None:
        pipe = Pipeline(PipelineConfig(ref_date=ref_date))
    else:
        if _DEFAULT is None:
            _DEFAULT = Pipeline()
        pipe = _DEFAULT
    raw = RawDocument(doc_id=doc_id, source="<text>", text=text, encoding="utf-8",
                      error=None if text.strip() else "empty input (only white space)")
    return pipe.process(raw)


__all__ = ["extract", "__version__"]
