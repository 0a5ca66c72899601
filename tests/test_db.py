"""The database loader: DDL in sync with the models, and idempotent, transactional loads.

Loading tests run on SQLite and on a real PostgreSQL server (tests/pg_server.py; they skip
with the reason when psycopg or the server binaries are missing).
"""

from __future__ import annotations

import copy
import itertools
import json
import sqlite3
import subprocess
import sys
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pg_server import pg_server  # noqa: F401  (session fixture, reached via getfixturevalue)
from pydantic import BaseModel

from pipeline import db
from pipeline.models import DocumentRecord

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "outputs" / "seeds.jsonl"
_db_names = itertools.count()


# --- helpers that read a database the same way on both backends ---


def _sqlite_path(url: str) -> str:
    return url.removeprefix("sqlite:///")


def query(url: str, sql: str) -> list[tuple[Any, ...]]:
    if url.startswith("sqlite:"):
        conn = sqlite3.connect(_sqlite_path(url))
        try:
            return conn.execute(sql).fetchall()
        finally:
            conn.close()
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute(sql).fetchall()


def tables(url: str) -> list[tuple[Any, ...]]:
    """Every table (first item) with its DDL or columns: the schema part of a dump."""
    if url.startswith("sqlite:"):
        return query(url, "SELECT tbl_name, type, name, sql FROM sqlite_master ORDER BY tbl_name, name")
    return query(
        url,
        "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns "
        "WHERE table_schema = 'public' ORDER BY table_name, ordinal_position",
    )


def dump(url: str) -> dict[str, Any]:
    """Schema and every row of every table, sorted: equal dumps mean equal databases."""
    out: dict[str, Any] = {"schema": tables(url)}
    names = sorted({row[0] for row in tables(url)})
    for name in names:
        out[name] = sorted(query(url, f"SELECT * FROM {name}"), key=repr)
    if url.startswith("sqlite:"):
        out["file"] = Path(_sqlite_path(url)).read_bytes() if Path(_sqlite_path(url)).exists() else None
    return out


def counts(url: str) -> dict[str, int]:
    return {t.name: query(url, f"SELECT count(*) FROM {t.name}")[0][0] for t in db.TABLES}


def expected_counts(records: list[dict[str, Any]]) -> dict[str, int]:
    """Rows each table should hold: one per fact in the records."""

    def total(fn: Any) -> int:
        return sum(fn(r) for r in records)

    return {
        "documents": len(records),
        "people": total(lambda r: len(r["people"])),
        "person_titles": total(lambda r: sum(len(p["titles"]) for p in r["people"])),
        "organizations": total(lambda r: len(r["organizations"])),
        "mentions": total(lambda r: sum(len(e["mentions"]) for e in r["people"] + r["organizations"])),
        "dates": total(lambda r: len(r["dates"])),
        "targets": total(lambda r: len(r["targets"])),
        "quotes": total(lambda r: len(r["quotes"])),
        "errors": total(lambda r: len(r["errors"])),
    }


def without_doc(d: dict[str, Any], doc_id: str) -> dict[str, Any]:
    """A dump's rows minus one document's (doc_id is every table's first column)."""
    return {k: [r for r in v if r[0] != doc_id] for k, v in d.items() if k not in ("schema", "file")}


# --- fixtures ---


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    return [json.loads(line) for line in SEEDS.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database: a new SQLite file, or a new database on the session's PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'facts.db'}"
    server: str = request.getfixturevalue("pg_server")  # skips, saying why, without psycopg or a server
    import psycopg

    name = f"zhfacts_test_{next(_db_names)}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return f"{server.rsplit('/', 1)[0]}/{name}"


# --- schema ---


def _leaf_paths(model: type[BaseModel], prefix: str = "") -> set[str]:
    """Independent walk of the models: `people[].titles[].span.start` for every scalar field."""
    paths: set[str] = set()
    for name, info in model.model_fields.items():
        ann = info.annotation
        origin = typing.get_origin(ann)
        args = typing.get_args(ann) if origin in (list, typing.Union, types.UnionType) else (ann,)
        nested = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
        path = f"{prefix}{name}{'[]' if origin is list else ''}"
        if nested:
            paths |= _leaf_paths(nested[0], f"{path}.")
        else:
            paths.add(path)
    return paths


def test_every_model_field_has_a_column_or_is_deliberately_skipped():
    model = _leaf_paths(DocumentRecord)
    mapped = set(db.mapped_fields())
    skipped = set(db.SKIPPED_FIELDS)
    assert "people[].titles[].span.start" in model and "targets[].normalized.currency" in model
    assert not model - mapped - skipped, "model fields with no column: add them to pipeline.db.TABLES"
    assert not mapped - model, "columns mapped to fields the model no longer has"
    assert not skipped - model, "SKIPPED_FIELDS lists fields the model no longer has"
    assert not mapped & skipped


def test_committed_schema_files_are_current():
    for dialect in db.DIALECTS:
        committed = (ROOT / "schemas" / f"{dialect}.sql").read_text(encoding="utf-8")
        assert committed == db.schema_sql(dialect), (
            f"schemas/{dialect}.sql is stale: run write_schema_files()"
        )


def test_schema_sql_is_valid_and_rerunnable_sqlite():
    conn = sqlite3.connect(":memory:")
    conn.executescript(db.schema_sql("sqlite"))
    conn.executescript(db.schema_sql("sqlite"))  # IF NOT EXISTS
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert names == {t.name for t in db.TABLES}
    with pytest.raises(ValueError, match="unknown dialect"):
        db.schema_sql("mysql")


def test_sqlite_users_do_not_import_psycopg():
    code = "import sys, pipeline.db; assert 'psycopg' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_unsupported_url_is_refused():
    with pytest.raises(ValueError, match="unsupported database URL"):
        db.load_records([], "mysql://localhost/x")


# --- loading, on both backends ---


def test_rows_equal_the_facts(url: str, records: list[dict[str, Any]]):
    stats = db.load_records(records, url)
    assert (stats.inserted, stats.unchanged, stats.replaced) == (len(records), 0, 0)
    assert counts(url) == expected_counts(records)
    doc = records[1]  # Traditional seed: values Simplified, evidence Traditional
    target = doc["targets"][0]
    row = query(
        url,
        "SELECT text, text_original, value, normalized_value, currency, span_start, span_text FROM targets "
        f"WHERE doc_id = '{doc['doc_id']}' AND ordinal = 0",
    )[0]
    assert row == (target["text"], target["text_original"], target["value"], target["normalized"]["value"],
                   target["normalized"]["currency"], target["span"]["start"], target["span"]["text"])  # fmt: skip


def test_loading_twice_changes_nothing(url: str, records: list[dict[str, Any]]):
    db.load_records(records, url)
    before = dump(url)
    stats = db.load_records(iter(records), url)
    assert (stats.inserted, stats.unchanged, stats.replaced) == (0, len(records), 0)
    assert dump(url) == before


def test_changed_text_replaces_all_rows_of_that_document(url: str, records: list[dict[str, Any]]):
    db.load_records(records, url)
    before = dump(url)
    changed = copy.deepcopy(records[0])
    changed["text_sha256"] = "0" * 64
    changed["quotes"].pop()  # one fact fewer
    stats = db.load_records([changed, *records[1:]], url)
    assert (stats.inserted, stats.unchanged, stats.replaced) == (0, len(records) - 1, 1)
    assert counts(url) == expected_counts([changed, *records[1:]])
    doc_id = changed["doc_id"]
    assert query(url, f"SELECT text_sha256 FROM documents WHERE doc_id = '{doc_id}'") == [("0" * 64,)]
    quotes = query(url, f"SELECT ordinal, text FROM quotes WHERE doc_id = '{doc_id}' ORDER BY ordinal")
    assert quotes == [(i, q["text"]) for i, q in enumerate(changed["quotes"])]
    assert without_doc(dump(url), doc_id) == without_doc(before, doc_id)  # other documents untouched


def test_changed_facts_for_the_same_text_also_replace(url: str, records: list[dict[str, Any]]):
    db.load_records(records[:1], url)
    changed = copy.deepcopy(records[0])
    changed["dates"].pop()  # a newer extractor found one date fewer in the same text
    stats = db.load_records([changed], url)
    assert (stats.inserted, stats.unchanged, stats.replaced) == (0, 0, 1)
    assert counts(url)["dates"] == len(changed["dates"])


def _failing_load(how: str, records: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Records that fail after a replace and an insert already happened in the transaction."""
    replaced = copy.deepcopy(records[0])
    replaced["text_sha256"] = "1" * 64
    replaced["people"] = []
    new = {**copy.deepcopy(records[1]), "doc_id": "new-document"}
    victim = copy.deepcopy(records[2])
    victim["text_sha256"] = "2" * 64
    yield replaced
    yield new
    if how == "not-null":  # the database itself refuses a row: quotes.text NOT NULL
        real_rows = db._rows

        def rows(table: db.Table, data: dict[str, Any], extra: dict[str, Any]) -> Iterator[tuple[Any, ...]]:
            text = [c.name for c in table.columns].index("text") if table.name == "quotes" else -1
            for row in real_rows(table, data, extra):
                yield (
                    row[:text] + (None,) + row[text + 1 :]
                    if data["doc_id"] == victim["doc_id"] and text >= 0
                    else row
                )

        monkeypatch.setattr(db, "_rows", rows)
        yield victim
    elif how == "invalid-record":
        victim["quotes"][0]["kind"] = "rumour"
        yield victim
    else:
        raise RuntimeError("the input stream broke")


@pytest.mark.parametrize("how", ["not-null", "invalid-record", "iterator"])
def test_failure_mid_load_leaves_the_database_as_it_was(
    url: str, records: list[dict[str, Any]], how: str, monkeypatch: pytest.MonkeyPatch
):
    db.load_records(records, url)
    before = dump(url)
    expected = {"not-null": r"(?i)not.null", "invalid-record": "kind", "iterator": "input stream broke"}[how]
    with pytest.raises(Exception, match=expected) as failure:
        db.load_records(_failing_load(how, records, monkeypatch), url)
    kinds = {"not-null": ("IntegrityError", "NotNullViolation"), "invalid-record": ("ValidationError",)}
    assert type(failure.value).__name__ in kinds.get(how, ("RuntimeError",))
    assert dump(url) == before  # for SQLite this includes the file's bytes
    assert db.load_records(records, url).unchanged == len(records)


def test_failed_first_load_creates_no_tables(
    url: str, records: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
):
    with pytest.raises(RuntimeError):
        db.load_records(_failing_load("iterator", records, monkeypatch), url)
    assert tables(url) == []
