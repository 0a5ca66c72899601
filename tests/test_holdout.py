"""A floor on the hand-written held-out documents (bench/holdout/): the rules must keep
working on text unlike the seeds (HK, TW, web, PDF, work reports, minority names)."""

from __future__ import annotations

from pathlib import Path

from pipeline.evaluate import load_gold, score
from pipeline.ingest import iter_documents

HOLDOUT = Path(__file__).resolve().parent.parent / "bench" / "holdout"


def test_holdout_micro_f1_stays_above_the_floor(pipe):
    records = {r.doc_id: r.model_dump(mode="json") for r in pipe.process_many(iter_documents([str(HOLDOUT / "texts")]))}
    report = score(load_gold(HOLDOUT / "gold"), records)
    assert not report.missing_docs
    floors = {"people": 0.85, "titles": 0.80, "organizations": 0.80, "dates": 0.90, "targets": 0.85, "quotes": 0.75}
    low = {c: round(report.categories[c].f1, 3) for c, f in floors.items() if report.categories[c].f1 < f}
    assert not low, f"below the floor: {low}"
    assert report.micro.f1 >= 0.88, report.table()
