"""Write: records as JSONL (one per line, flushed whole) or one JSON file per document."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import IO

import orjson

from .models import DocumentRecord


def dumps(record: DocumentRecord) -> bytes:
    return orjson.dumps(record.model_dump(mode="json"))


class JsonlWriter:
    """Writes to a temporary file renamed into place on close, so a crash never leaves half a file."""

    def __init__(self, path: str | Path | None) -> None:
        self.path = Path(path) if path and str(path) != "-" else None
        self._tmp: Path | None = None
        self._fh: IO[bytes]
        if self.path is None:
            self._fh = sys.stdout.buffer
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._tmp = self.path.with_name(self.path.name + ".part")
            self._fh = self._tmp.open("wb")

    def write(self, record: DocumentRecord) -> None:
        self._fh.write(dumps(record) + b"\n")
        self._fh.flush()

    def close(self) -> None:
        if self.path is None:
            self._fh.flush()
            return
        self._fh.close()
        assert self._tmp is not None
        os.replace(self._tmp, self.path)

    def __enter__(self) -> JsonlWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def write_json_dir(records: Iterable[DocumentRecord], folder: str | Path) -> int:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    n = 0
    for rec in records:
        (folder / f"{rec.doc_id}.json").write_bytes(orjson.dumps(rec.model_dump(mode="json"), option=orjson.OPT_INDENT_2))
        n += 1
    return n


def read_jsonl(path: str | Path) -> list[dict]:
    out = []
    with open(path, "rb") as fh:
        for line in fh:
            if line.strip():
                out.append(orjson.loads(line))
    return out
