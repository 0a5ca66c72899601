from __future__ import annotations

import pytest

from pipeline import registry
from pipeline.config import PipelineConfig


def test_plan_adds_requirements_first_and_keeps_order():
    assert [s.name for s in registry.plan(("quotes",))] == ["dates", "organizations", "people", "quotes"]
    assert [s.name for s in registry.plan(("targets", "dates"))] == ["dates", "organizations", "targets"]


def test_unknown_extractor_is_named():
    with pytest.raises(KeyError, match="unknown extractor 'weather'"):
        registry.get("weather")


def test_a_new_extractor_plugs_in_by_name(monkeypatch, run_text):
    from pipeline.ingest import RawDocument
    from pipeline.pipeline import Pipeline

    monkeypatch.setattr(registry, "_REGISTRY", dict(registry._REGISTRY))
    calls = []

    @registry.register("dates_upper", category="dates", requires=("dates",))
    def dates_upper(doc):
        calls.append(doc.raw.doc_id)
        return doc.facts["dates"]

    rec = Pipeline(PipelineConfig(extractors=("dates_upper",))).process(RawDocument("n", "s", "8月8日召开。", "utf-8"))
    assert calls == ["n"] and [d.value for d in rec.dates] == ["XXXX-08-08"]
