"""The command line as a user meets it: help, extract, --only, --ref-date, eval and its exit code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import orjson
from click.testing import CliRunner

from pipeline.cli import main

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def test_help_lists_every_command():
    out = CliRunner().invoke(main, ["--help"]).output
    for cmd in ("extract", "eval", "schema"):
        assert cmd in out
    assert "--ref-date" in CliRunner().invoke(main, ["extract", "--help"]).output


def test_python_dash_m_works():
    out = subprocess.run([sys.executable, "-m", "pipeline", "--help"], capture_output=True, text=True, check=True)
    assert "zhfacts" in out.stdout


def test_extract_stdin_only_and_ref_date(tmp_path):
    out = tmp_path / "o.jsonl"
    res = CliRunner().invoke(main, ["extract", "-", "-o", str(out), "--only", "dates", "--ref-date", "2021-12-28"],
                             input="明年是关键之年。今年以来，全市上下持续奔跑。".encode())
    assert res.exit_code == 0, res.output
    rec = orjson.loads(out.read_bytes())
    assert rec["doc_id"] == "stdin" and rec["reference_date"] == "2021-12-28"
    assert rec["reference_date_source"]["source"] == "cli"
    assert [(d["text"], d["value"]) for d in rec["dates"]] == [("明年", "2022"), ("今年以来", "2021")]
    assert rec["people"] == [] and rec["targets"] == []
    assert "documents 1" in res.output


def test_bad_options_are_explained():
    res = CliRunner().invoke(main, ["extract", "seeds", "--only", "weather"])
    assert res.exit_code == 2 and "unknown categories ['weather']" in res.output
    res = CliRunner().invoke(main, ["extract", "seeds", "--ref-date", "28/12/2021"])
    assert res.exit_code == 2 and "YYYY-MM-DD" in res.output


def test_failed_document_gives_an_error_record_and_exit_1(tmp_path):
    (tmp_path / "ok.txt").write_text("全会指出，要坚持稳中求进。", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    out = tmp_path / "o.jsonl"
    res = CliRunner().invoke(main, ["extract", str(tmp_path), "-o", str(out)])
    assert res.exit_code == 1
    recs = [orjson.loads(line) for line in out.read_bytes().splitlines()]
    assert [r["doc_id"] for r in recs] == ["empty", "ok"]
    assert recs[0]["errors"] == [{"stage": "ingest", "message": "empty input", "source": str(tmp_path / "empty.txt")}]


def test_eval_agrees_with_the_shared_scorer_and_gates_on_min_f1(tmp_path):
    gold, pred = SHARED / "gold", ROOT / "outputs" / "seeds.jsonl"
    report = tmp_path / "r.json"
    res = CliRunner().invoke(main, ["eval", str(gold), str(pred), "--json", str(report)])
    assert res.exit_code == 0, res.output
    ours = json.loads(report.read_text())
    shared_json = tmp_path / "s.json"
    subprocess.run([sys.executable, str(SHARED / "tools" / "score_facts.py"), str(gold), str(pred), "--json",
                    str(shared_json)], check=True, capture_output=True)
    theirs = json.loads(shared_json.read_text())
    assert ours["categories"] == theirs["categories"]
    assert ours["micro"] == theirs["micro"]
    assert ours["attributes"] == theirs["attributes"]
    res = CliRunner().invoke(main, ["eval", str(gold), str(pred), "--min-f1", "1.01"])
    assert res.exit_code == 1 and "below --min-f1 1.01" in res.output
