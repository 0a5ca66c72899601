from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

settings.register_profile("ci", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def pipe():
    from pipeline.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def run_text(pipe):
    """Extract one text (optionally with a reference date) through the whole pipeline."""
    from pipeline.config import PipelineConfig
    from pipeline.ingest import RawDocument
    from pipeline.pipeline import Pipeline

    pipes = {None: pipe}

    def run(text: str, ref: str | None = None, doc_id: str = "case"):
        if ref not in pipes:
            pipes[ref] = Pipeline(PipelineConfig(ref_date=ref))
        return pipes[ref].process(RawDocument(doc_id=doc_id, source="<case>", text=text, encoding="utf-8"))

    return run
