"""`zhfacts diff`: what an upgrade changed, per document and category, with the evidence text."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from pipeline.cli import main

ROOT = Path(__file__).resolve().parent.parent


def _records() -> list[dict]:
    return [json.loads(x) for x in (ROOT / "outputs" / "seeds.jsonl").read_text(encoding="utf-8").splitlines()]


def _write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_identical_runs_have_no_diff_and_pass(tmp_path):
    old = _write(tmp_path / "old.jsonl", _records())
    res = CliRunner().invoke(main, ["diff", str(old), str(old), "--fail-on-change"])
    assert res.exit_code == 0
    assert res.output.strip() == "0 of 5 documents differ"


def test_changed_record_is_reported_by_category_with_evidence(tmp_path):
    old_recs = _records()
    new_recs = json.loads(json.dumps(old_recs))
    doc = new_recs[2]  # 002: the party plenum
    doc["dates"] = [d for d in doc["dates"] if d["text"] != "明年"]
    doc["people"][0]["titles"] = []                       # 马明龙 loses 市委书记
    doc["organizations"].append({**doc["organizations"][0], "name": "新的组织"})
    old, new = _write(tmp_path / "old.jsonl", old_recs), _write(tmp_path / "new.jsonl", new_recs)
    res = CliRunner().invoke(main, ["diff", str(old), str(new), "--fail-on-change"])
    assert res.exit_code == 1
    assert "002_85478f13691ada4a: 3 change(s)" in res.output
    assert "  + organizations: 新的组织" in res.output
    assert "  - dates: 明年" in res.output
    assert "  ~ people: 马明龙  {'titles': ['市委书记']} -> {'titles': []}" in res.output
    js = CliRunner().invoke(main, ["diff", str(old), str(new), "--json"]).output.strip().splitlines()
    assert len(js) == 1 and json.loads(js[0])["removed"] == {"dates": ["明年"]}


def test_documents_added_and_removed(tmp_path):
    recs = _records()
    old, new = _write(tmp_path / "old.jsonl", recs[:4]), _write(tmp_path / "new.jsonl", recs[1:])
    out = CliRunner().invoke(main, ["diff", str(old), str(new)]).output
    assert "004_8d80b741a34b62fd: document added" in out
    assert "000_44bd914b3c919c48: document removed" in out
