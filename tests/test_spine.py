"""The record contract: schema in sync, committed outputs reproducible and valid, every span exact."""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import jsonschema
import orjson

from pipeline.ingest import iter_documents
from pipeline.models import DocumentRecord
from pipeline.pipeline import Pipeline
from pipeline.schema import document_schema
from pipeline.write import dumps

ROOT = Path(__file__).resolve().parent.parent
OUTPUTS = ROOT / "outputs" / "seeds.jsonl"


def _spans(obj):
    if isinstance(obj, dict):
        if set(obj) >= {"start", "end", "text"} and isinstance(obj.get("start"), int):
            yield obj
        for v in obj.values():
            yield from _spans(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _spans(v)


def test_committed_schema_matches_the_models():
    committed = (ROOT / "schemas" / "document.schema.json").read_bytes()
    assert committed == document_schema(), "schemas/ is stale: run `zhfacts schema`"


def test_seed_output_is_reproduced_exactly(pipe, monkeypatch):
    """Regenerates outputs/seeds.jsonl and shows a readable diff when the baseline moved."""
    monkeypatch.chdir(ROOT)
    fresh = [dumps(r).decode() for r in pipe.process_many(iter_documents(["seeds"]))]
    committed = OUTPUTS.read_text(encoding="utf-8").splitlines()
    if fresh != committed:
        pretty = lambda lines: [json.dumps(json.loads(x), ensure_ascii=False, indent=1) for x in lines]  # noqa: E731
        diff = difflib.unified_diff("\n".join(pretty(committed)).splitlines(), "\n".join(pretty(fresh)).splitlines(),
                                    "outputs/seeds.jsonl (committed)", "regenerated", lineterm="", n=2)
        raise AssertionError("seed output changed; run `make run` and review:\n" + "\n".join(list(diff)[:200]))


def test_outputs_validate_against_the_schema_and_every_span_slices_the_original():
    schema = json.loads((ROOT / "schemas" / "document.schema.json").read_text(encoding="utf-8"))
    records = [orjson.loads(line) for line in OUTPUTS.read_bytes().splitlines()]
    assert len(records) == len(list((ROOT / "seeds").glob("*.txt")))
    n_spans = 0
    for rec in records:
        jsonschema.validate(rec, schema)
        original = (ROOT / rec["source"]).read_text(encoding="utf-8") if not Path(rec["source"]).is_absolute() \
            else Path(rec["source"]).read_text(encoding="utf-8")
        for span in _spans(rec):
            assert original[span["start"]:span["end"]] == span["text"], (rec["doc_id"], span)
            n_spans += 1
    assert n_spans > 300


def test_a_fact_that_breaks_the_evidence_promise_is_dropped_with_an_error():
    from pipeline.models import DateFact, Span
    from pipeline.validate import validate

    original = "8月8日，市委工作会议召开。"
    good = DateFact(text="8月8日", value="XXXX-08-08", span=Span(start=0, end=4, text="8月8日"))
    bad = DateFact(text="召开", value="XXXX", span=Span(start=0, end=2, text="召开"))
    rec = validate(DocumentRecord(doc_id="d", source="s", dates=[good, bad]), original)
    assert [d.text for d in rec.dates] == ["8月8日"]
    assert rec.errors[0].stage == "validate"
    assert "'召开' != original '8月'" in rec.errors[0].message


def test_api_extract_one_text():
    from pipeline import extract

    rec = extract("市委副书记、市长徐曙海作经济工作部署。", doc_id="api")
    assert rec.doc_id == "api"
    assert [(p.name, [t.text for t in p.titles]) for p in rec.people] == [("徐曙海", ["市委副书记", "市长"])]
    assert rec.people[0].titles[1].org == "市委" and rec.people[0].titles[1].role == "市长"


def test_extractor_failure_becomes_an_error_entry_and_the_document_survives(monkeypatch):
    from pipeline import registry
    from pipeline.ingest import RawDocument

    spec = registry.get("targets")

    def boom(doc):
        raise RuntimeError("kaboom")

    monkeypatch.setitem(registry._REGISTRY, "targets", registry.ExtractorSpec(spec.name, spec.category, spec.requires, boom))
    rec = Pipeline().process(RawDocument("d", "s", "上半年增长9.2%。", "utf-8"))
    assert rec.targets == [] and rec.dates
    assert rec.errors[0].stage == "extract:targets" and "RuntimeError: kaboom" in rec.errors[0].message


def test_reference_date_from_a_closing_signature_line(run_text):
    """HK press releases and notices sign off with their date on a line of its own."""
    body = "政府统计处今日公布的数字显示，失业率为2.8%，就业不足率为1.1%，总就业人数为371.5万人。" * 7
    text = f"劳工及福利局局长谈最新劳动人口统计数字\n\n{body}\n\n完\n\n政府新闻处\n2024年3月12日（星期二）"
    assert len(text) > 300  # beyond the opening lines, where a date would be the reference
    record = run_text(text, None)
    assert record.reference_date == "2024-03-12"
    assert record.reference_date_source.source == "closing"
    assert record.reference_date_source.span.text == "2024年3月12日"
    assert [d.value for d in record.dates if d.text == "今日"] == ["2024-03-12"]


def test_a_date_inside_the_last_sentence_is_not_a_signature(run_text):
    body = "会议要求各单位抓好安全生产、防汛抗旱和民生保障各项工作，确保全年目标任务顺利完成。" * 8
    record = run_text(f"{body}\n\n下一次会议将于2024年5月6日召开。", None)
    assert record.reference_date is None
