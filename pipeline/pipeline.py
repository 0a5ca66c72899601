"""The stages in order: ingest → normalise → segment → extract → resolve → validate → write.

`Pipeline.process` never raises for a bad document: a failure in any stage becomes an
error entry naming the stage, and the document still yields a record.
"""

from __future__ import annotations

import traceback
from collections.abc import Iterable, Iterator

from . import registry, resolve
from .config import PipelineConfig
from .document import Doc
from .ingest import RawDocument
from .lexicons import load as load_lexicons
from .models import CATEGORIES, DocumentRecord, ErrorEntry
from .normalise import normalise
from .segment import segment
from .validate import validate


class Pipeline:
    def __init__(self, config: PipelineConfig | None = None) -> None:
        self.config = config or PipelineConfig()
        self.lex = load_lexicons()
        self.plan = registry.plan(self.config.extractors)
        self.output_categories = set(self.config.only) if self.config.only else set(CATEGORIES)

    def process(self, raw: RawDocument) -> DocumentRecord:
        base = {"doc_id": raw.doc_id, "source": raw.source, "text_sha256": raw.sha256, "encoding": raw.encoding}
        if raw.error is not None or raw.text is None:
            return DocumentRecord(**base, errors=[ErrorEntry(stage="ingest", message=raw.error or "no text", source=raw.source)])
        try:
            norm = normalise(raw.text)
        except Exception as exc:  # noqa: BLE001 - one document must not stop the batch
            return self._failed(base, "normalise", exc)
        try:
            seg = segment(norm.text, self.config.segmenter, self.config.pkuseg_model)
        except Exception as exc:  # noqa: BLE001
            return self._failed(base, "segment", exc)
        doc = Doc(raw=raw, norm=norm, seg=seg, config=self.config, lex=self.lex)
        for spec in self.plan:
            try:
                doc.facts[spec.category] = list(spec.fn(doc))
            except Exception as exc:  # noqa: BLE001
                doc.facts[spec.category] = []
                doc.errors.append(ErrorEntry(stage=f"extract:{spec.name}", message=_describe(exc)))
        try:
            resolve.resolve(doc)
        except Exception as exc:  # noqa: BLE001
            doc.errors.append(ErrorEntry(stage="resolve", message=_describe(exc)))
        # assembled without checks: the validate stage checks the whole record in one pass
        record = DocumentRecord.model_construct(
            **base,
            script=norm.script,
            char_count=len(raw.text),
            reference_date=doc.reference.value,
            reference_date_source=doc.reference,
            errors=doc.errors,
            **{cat: doc.facts.get(cat, []) for cat in CATEGORIES if cat in self.output_categories},
        )
        return validate(record, raw.text)

    def process_many(self, raws: Iterable[RawDocument]) -> Iterator[DocumentRecord]:
        for raw in raws:
            yield self.process(raw)

    @staticmethod
    def _failed(base: dict, stage: str, exc: Exception) -> DocumentRecord:
        return DocumentRecord(**base, errors=[ErrorEntry(stage=stage, message=_describe(exc))])


def _describe(exc: Exception) -> str:
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" (at {frame.filename.rsplit('/', 1)[-1]}:{frame.lineno})" if frame else ""
    return f"{type(exc).__name__}: {exc}{where}"
