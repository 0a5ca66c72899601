"""Load DocumentRecords into SQLite or PostgreSQL as normalised tables.

One description, `TABLES`, says which table and column each model field goes to; the DDL
for both dialects and the rows to insert are generated from it, and column types,
NOT NULL and CHECK (... IN ...) come from the pydantic models themselves, so the database
cannot drift from the record (tests/test_db.py walks the models to prove every field is
mapped or listed in `SKIPPED_FIELDS`). Regenerate the committed DDL with
`python -c "from pipeline.db import write_schema_files; write_schema_files()"`.

`load_records` runs the whole call in ONE transaction (table creation included): either
every record is loaded or, on any error, the database is left exactly as it was. A
document is identified by `doc_id`; the fingerprint of its whole record (`record_sha256`)
decides whether it is unchanged (nothing written) or replaced (its rows deleted through
ON DELETE CASCADE and inserted again). The fingerprint covers `text_sha256`, so a changed
text always replaces, and so does a new extractor's output for the same text.
"""

from __future__ import annotations

import functools
import hashlib
import operator
import sqlite3
import types
import typing
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import orjson
from pydantic import BaseModel

from .models import DocumentRecord

Dialect = Literal["sqlite", "postgresql"]
DIALECTS: tuple[Dialect, ...] = ("sqlite", "postgresql")

# Model fields that deliberately have no column, with the reason.
SKIPPED_FIELDS: dict[str, str] = {
    "reference_date_source.value": "always equal to reference_date, which has its own column",
}

# Columns not read from the model: their type, and whether they can be NULL (never).
_DERIVED_TYPES = {
    "doc_id": "text",  # the record's doc_id, repeated in every child table
    "ordinal": "integer",  # position in its list, so the order of facts survives
    "parent_id": "text",  # the id of the person / organisation a nested row belongs to
    "const": "text",  # a constant per row source (mentions.entity_kind)
    "record_sha256": "text",  # fingerprint of the whole record: unchanged vs replaced
    "loaded_at": "timestamp",  # when this version of the document was written
}

_SQL_TYPES: dict[Dialect, dict[str, str]] = {
    "sqlite": {
        "text": "TEXT",
        "integer": "INTEGER",
        "real": "REAL",
        "boolean": "INTEGER",
        "timestamp": "TEXT",
    },
    "postgresql": {
        "text": "TEXT",
        "integer": "INTEGER",
        "real": "DOUBLE PRECISION",
        "boolean": "BOOLEAN",
        "timestamp": "TIMESTAMPTZ",
    },
}

# Serialises concurrent PostgreSQL loaders (CREATE TABLE IF NOT EXISTS and replace races).
_PG_LOCK_KEY = 0x7A6866616374  # "zhfact"


@dataclass(frozen=True)
class Column:
    """A column filled from a model path (relative to the table's row source) or derived."""

    name: str
    path: str | None = None
    derived: str | None = None


@dataclass(frozen=True)
class Table:
    """A table: where its rows come from in the record, its columns and its keys.

    `sources` are (path, constants) pairs: "" is the record itself, "people[]" each person,
    "people[].titles[]" each title of each person; constants fill `derived="const"` columns.
    """

    name: str
    sources: tuple[tuple[str, Mapping[str, str]], ...]
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = ()


def _c(name: str, path: str | None = None) -> Column:
    return Column(name, path=name if path is None else path)


def _d(name: str, derived: str | None = None) -> Column:
    return Column(name, derived=derived or name)


def _span(prefix: str, path: str | None = None) -> tuple[Column, ...]:
    base = f"{path or prefix}." if (path or prefix) else ""
    name = f"{prefix}_" if prefix else "span_"
    return tuple(Column(f"{name}{part}", path=f"{base}{part}") for part in ("start", "end", "text"))


_DOC_FK = ((("doc_id",), "documents", ("doc_id",)),)
_NO_CONST: Mapping[str, str] = {}

TABLES: tuple[Table, ...] = (
    Table(
        "documents",
        (("", _NO_CONST),),
        (
            _c("doc_id"),
            _c("source"),
            _c("text_sha256"),
            _c("encoding"),
            _c("schema_version"),
            _c("script"),
            _c("char_count"),
            _c("reference_date"),
            _c("reference_date_source", "reference_date_source.source"),
            *_span("reference_date_span", "reference_date_source.span"),
            _d("record_sha256"),
            _d("loaded_at"),
        ),
        ("doc_id",),
    ),
    Table(
        "people",
        (("people[]", _NO_CONST),),
        (_d("doc_id"), _c("person_id", "id"), _c("name"), _c("name_original"), *_span("span")),
        ("doc_id", "person_id"),
        _DOC_FK,
    ),
    Table(
        "person_titles",
        (("people[].titles[]", _NO_CONST),),
        (
            _d("doc_id"),
            _d("person_id", "parent_id"),
            _d("ordinal"),
            _c("text"),
            _c("text_original"),
            _c("org"),
            _c("role"),
            *_span("span"),
        ),
        ("doc_id", "person_id", "ordinal"),
        ((("doc_id", "person_id"), "people", ("doc_id", "person_id")),),
    ),
    Table(
        "organizations",
        (("organizations[]", _NO_CONST),),
        (_d("doc_id"), _c("org_id", "id"), _c("name"), _c("name_original"), *_span("span")),
        ("doc_id", "org_id"),
        _DOC_FK,
    ),
    Table(
        "mentions",
        (
            ("people[].mentions[]", {"entity_kind": "person"}),
            ("organizations[].mentions[]", {"entity_kind": "organization"}),
        ),
        (
            _d("doc_id"),
            _d("entity_kind", "const"),
            _d("entity_id", "parent_id"),
            _d("ordinal"),
            *_span("", ""),
        ),
        ("doc_id", "entity_kind", "entity_id", "ordinal"),
        _DOC_FK,
    ),
    Table(
        "dates",
        (("dates[]", _NO_CONST),),
        (
            _d("doc_id"),
            _d("ordinal"),
            _c("text"),
            _c("text_original"),
            _c("value"),
            _c("relative"),
            *_span("span"),
        ),
        ("doc_id", "ordinal"),
        _DOC_FK,
    ),
    Table(
        "targets",
        (("targets[]", _NO_CONST),),
        (
            _d("doc_id"),
            _d("ordinal"),
            _c("text"),
            _c("text_original"),
            _c("metric"),
            _c("value"),
            _c("value_max"),
            _c("unit"),
            _c("comparator"),
            _c("kind"),
            _c("period"),
            _c("subject"),
            _c("normalized_value", "normalized.value"),
            _c("normalized_unit", "normalized.unit"),
            _c("currency", "normalized.currency"),
            *_span("span"),
        ),
        ("doc_id", "ordinal"),
        _DOC_FK,
    ),
    Table(
        # speaker_id has no foreign key: validate may drop a person whose quote stays.
        "quotes",
        (("quotes[]", _NO_CONST),),
        (
            _d("doc_id"),
            _d("ordinal"),
            _c("text"),
            _c("text_original"),
            _c("kind"),
            _c("speaker"),
            _c("speaker_id"),
            *_span("speaker_span"),
            *_span("span"),
        ),
        ("doc_id", "ordinal"),
        _DOC_FK,
    ),
    Table(
        "errors",
        (("errors[]", _NO_CONST),),
        (_d("doc_id"), _d("ordinal"), _c("stage"), _c("message"), _c("source")),
        ("doc_id", "ordinal"),
        _DOC_FK,
    ),
)


# --- the model side: every leaf field with its SQL type, nullability and allowed values ---


@dataclass(frozen=True)
class Leaf:
    """A scalar model field reached by a path such as `people[].titles[].span.start`."""

    kind: str  # text | integer | real | boolean
    nullable: bool
    choices: tuple[str, ...] = ()


def _unwrap(annotation: Any) -> tuple[Any, bool, bool]:
    """(inner annotation, may be None, is a list) for `X`, `X | None`, `list[X]`."""
    nullable = is_list = False
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        nullable = len(args) < len(typing.get_args(annotation))
        annotation = functools.reduce(operator.or_, args)
    if typing.get_origin(annotation) is list:
        annotation, is_list = typing.get_args(annotation)[0], True
    return annotation, nullable, is_list


def _leaf(annotation: Any, nullable: bool) -> Leaf:
    if typing.get_origin(annotation) is Literal:
        return Leaf("text", nullable, tuple(str(v) for v in typing.get_args(annotation)))
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        if set(typing.get_args(annotation)) <= {int, float}:
            return Leaf("real", nullable)
    kinds = {str: "text", int: "integer", float: "real", bool: "boolean"}
    if annotation not in kinds:
        raise TypeError(f"no SQL type for {annotation!r}: extend pipeline.db._leaf")
    return Leaf(kinds[annotation], nullable)


def model_leaves(
    model: type[BaseModel] = DocumentRecord, prefix: str = "", nullable: bool = False
) -> dict[str, Leaf]:
    """Every scalar field of the model tree; nullable when it or an enclosing object may be None."""
    leaves: dict[str, Leaf] = {}
    for name, info in model.model_fields.items():
        inner, may_be_none, is_list = _unwrap(info.annotation)
        path = f"{prefix}{name}{'[]' if is_list else ''}"
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            leaves.update(model_leaves(inner, f"{path}.", nullable=(nullable or may_be_none) and not is_list))
        else:
            leaves[path] = _leaf(inner, nullable or may_be_none)
    return leaves


def _full_path(source: str, path: str) -> str:
    return f"{source}.{path}" if source else path


def mapped_fields() -> dict[str, str]:
    """Model path → "table.column", for every column read from the model."""
    return {
        _full_path(source, col.path): f"{table.name}.{col.name}"
        for table in TABLES
        for source, _ in table.sources
        for col in table.columns
        if col.path is not None
    }


# --- DDL ---


def _quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _column_ddl(table: Table, col: Column, dialect: Dialect, leaves: Mapping[str, Leaf]) -> str:
    if col.path is not None:
        leaf = leaves[_full_path(table.sources[0][0], col.path)]
        kind, not_null, choices = leaf.kind, not leaf.nullable, leaf.choices
    else:
        kind, not_null = _DERIVED_TYPES[col.derived or ""], True
        choices = (
            tuple(dict.fromkeys(c[col.name] for _, c in table.sources)) if col.derived == "const" else ()
        )
    ddl = f"{col.name} {_SQL_TYPES[dialect][kind]}"
    if not_null:
        ddl += " NOT NULL"
    if choices:
        ddl += f" CHECK ({col.name} IN ({', '.join(_quote(c) for c in choices)}))"
    return ddl


def _ddl_statements(dialect: Dialect) -> list[str]:
    if dialect not in DIALECTS:
        raise ValueError(f"unknown dialect {dialect!r}: expected one of {', '.join(DIALECTS)}")
    leaves = model_leaves()
    statements = []
    for table in TABLES:
        lines = [_column_ddl(table, col, dialect, leaves) for col in table.columns]
        lines.append(f"PRIMARY KEY ({', '.join(table.primary_key)})")
        for cols, ref, ref_cols in table.foreign_keys:
            lines.append(
                f"FOREIGN KEY ({', '.join(cols)}) REFERENCES {ref} ({', '.join(ref_cols)}) ON DELETE CASCADE"
            )
        body = ",\n".join(f"    {line}" for line in lines)
        statements.append(f"CREATE TABLE IF NOT EXISTS {table.name} (\n{body}\n)")
    return statements


def schema_sql(dialect: str) -> str:
    """The DDL for one dialect, generated from `TABLES` and the models (committed under schemas/)."""
    statements = _ddl_statements(typing.cast(Dialect, dialect))
    header = (
        f"-- zhfacts database schema ({dialect}); generated by pipeline.db.write_schema_files, do not edit.\n"
    )
    return header + "".join(f"\n{s};\n" for s in statements)


def write_schema_files(out_dir: str | Path = "schemas") -> list[Path]:
    """Write schemas/sqlite.sql and schemas/postgresql.sql; a test checks they are current."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for dialect in DIALECTS:
        path = out / f"{dialect}.sql"
        path.write_text(schema_sql(dialect), encoding="utf-8", newline="\n")
        paths.append(path)
    return paths


# --- rows ---


def _items(
    obj: Mapping[str, Any], parts: list[str], parent: Mapping[str, Any]
) -> Iterator[tuple[Any, Any, int]]:
    key = parts[0].removesuffix("[]")
    for i, item in enumerate(obj.get(key) or []):
        if len(parts) == 1:
            yield item, parent, i
        else:
            yield from _items(item, parts[1:], item)


def _get(obj: Any, path: str) -> Any:
    for part in path.split("."):
        if obj is None:
            return None
        obj = obj[part]
    return obj


def _rows(table: Table, data: Mapping[str, Any], extra: Mapping[str, Any]) -> Iterator[tuple[Any, ...]]:
    """The table's rows for one record (`data` is its JSON form; `extra` holds derived values)."""
    for source, consts in table.sources:
        items = _items(data, source.split("."), data) if source else iter([(data, data, 0)])
        for item, parent, ordinal in items:
            derived = {**extra, "doc_id": data["doc_id"], "ordinal": ordinal, "parent_id": parent.get("id")}
            yield tuple(
                _get(item, col.path)
                if col.path is not None
                else consts[col.name]
                if col.derived == "const"
                else derived[col.derived or ""]
                for col in table.columns
            )


# --- loading ---


@dataclass
class LoadStats:
    """What one `load_records` call did, per document."""

    inserted: int = 0
    unchanged: int = 0
    replaced: int = 0

    @property
    def total(self) -> int:
        return self.inserted + self.unchanged + self.replaced


def _connect(url: str) -> tuple[Any, Dialect]:
    """An open connection with no transaction started yet, and its dialect."""
    if url.startswith("sqlite:///"):
        path = url.removeprefix("sqlite:///")
        if not path:
            raise ValueError("sqlite URL without a path: use sqlite:///relative.db or sqlite:////absolute.db")
        conn = sqlite3.connect(path, isolation_level=None)  # we issue BEGIN / COMMIT ourselves
        conn.execute("PRAGMA foreign_keys = ON")  # needed for ON DELETE CASCADE
        return conn, "sqlite"
    if url.startswith(("postgresql://", "postgres://")):
        try:
            import psycopg  # lazily: SQLite users need not install it
        except ImportError as exc:
            raise ImportError(
                "loading into PostgreSQL needs psycopg 3: pip install 'zhfacts[postgres]'"
            ) from exc
        return psycopg.connect(url, autocommit=False), "postgresql"
    raise ValueError(f"unsupported database URL {url!r}: expected sqlite:///path.db or postgresql://…")


def _fingerprint(data: Mapping[str, Any]) -> str:
    return hashlib.sha256(orjson.dumps(data, option=orjson.OPT_SORT_KEYS)).hexdigest()


def load_records(records: Iterable[Mapping[str, Any] | DocumentRecord], url: str) -> LoadStats:
    """Load records into the database at `url` in one transaction, creating the tables if missing.

    Each record is validated as a DocumentRecord first. Per doc_id: inserted when new,
    unchanged when its fingerprint matches the stored one, replaced otherwise (a doc_id
    given twice in one call: the last one wins). Any exception — a bad record, a constraint
    violation, an error raised by the `records` iterator — rolls everything back and is
    re-raised, so the database is as it was before the call.
    """
    conn, dialect = _connect(url)
    mark = "?" if dialect == "sqlite" else "%s"
    now = datetime.now(UTC)
    loaded_at = now.isoformat() if dialect == "sqlite" else now
    inserts = {
        t.name: f"INSERT INTO {t.name} ({', '.join(c.name for c in t.columns)}) "
        f"VALUES ({', '.join(mark for _ in t.columns)})"
        for t in TABLES
    }
    stats = LoadStats()
    try:
        cur = conn.cursor()
        if dialect == "sqlite":
            cur.execute("BEGIN IMMEDIATE")  # take the write lock now: no other writer interleaves
        else:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", (_PG_LOCK_KEY,))
        for statement in _ddl_statements(dialect):
            cur.execute(statement)
        for raw in records:
            record = raw if isinstance(raw, DocumentRecord) else DocumentRecord.model_validate(raw)
            data = record.model_dump(mode="json")
            digest = _fingerprint(data)
            cur.execute(f"SELECT record_sha256 FROM documents WHERE doc_id = {mark}", (record.doc_id,))
            found = cur.fetchone()
            if found is not None and found[0] == digest:
                stats.unchanged += 1
                continue
            if found is None:
                stats.inserted += 1
            else:
                cur.execute(f"DELETE FROM documents WHERE doc_id = {mark}", (record.doc_id,))  # cascades
                stats.replaced += 1
            extra = {"record_sha256": digest, "loaded_at": loaded_at}
            for table in TABLES:
                rows = list(_rows(table, data, extra))
                if rows:
                    cur.executemany(inserts[table.name], rows)
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    finally:
        conn.close()
    return stats
