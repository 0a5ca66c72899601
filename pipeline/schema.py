"""Schemas generated from the record model (JSON Schema, SQLite and PostgreSQL DDL); committed
under schemas/ and checked against the models by tests."""

from __future__ import annotations

from pathlib import Path

import orjson

from .models import DocumentRecord


def document_schema() -> bytes:
    schema = DocumentRecord.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://zhfacts.invalid/schemas/document.schema.json"
    return orjson.dumps(schema, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n"


def write_schemas(out_dir: str | Path = "schemas") -> list[Path]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    path = out / "document.schema.json"
    path.write_bytes(document_schema())
    from .db import write_schema_files

    return [path, *write_schema_files(out)]
