"""Write: JSONL records, crash-safe and resumable; pretty per-document JSON.

`ResumableOutput` appends whole lines to `OUT.part` (one `os.write` per record) and renames
it to `OUT` when the run completes: a run killed at any moment leaves a valid JSONL prefix,
and `--resume` continues from it to the same bytes an uninterrupted run writes.
"""

from __future__ import annotations

import os
from pathlib import Path

import orjson

from .models import DocumentRecord


def dumps(record: DocumentRecord) -> bytes:
    return orjson.dumps(record.model_dump(mode="json"))


class ResumableOutput:
    """JSONL written as whole lines to OUT.part and renamed to OUT when the run completes."""

    def __init__(self, path: str | Path, resume: bool = False) -> None:
        self.path = Path(path)
        self.part = self.path.with_name(self.path.name + ".part")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.done: set[str] = set()
        if resume:
            source = self.part if self.part.exists() else self.path if self.path.exists() else None
            prefix = valid_prefix(source) if source else b""
            self.part.write_bytes(prefix)
            self.done = {str(orjson.loads(line)["doc_id"]) for line in prefix.splitlines() if line}
        else:
            self.part.write_bytes(b"")
        self._fd = os.open(self.part, os.O_WRONLY | os.O_APPEND)

    def write(self, line: bytes) -> None:
        view = memoryview(line)
        while view:
            n = os.write(self._fd, view)
            view = view[n:]

    def close(self) -> None:
        os.fsync(self._fd)
        os.close(self._fd)
        os.replace(self.part, self.path)


def valid_prefix(path: Path) -> bytes:
    """The complete, parseable lines at the start of a JSONL file (a killed run may leave half a line)."""
    data = path.read_bytes()
    keep = 0
    for line in data.splitlines(keepends=True):
        if not line.endswith(b"\n"):
            break
        try:
            orjson.loads(line)
        except orjson.JSONDecodeError:
            break
        keep += len(line)
    return data[:keep]


def write_json_dir(lines: list[bytes], folder: str | Path) -> None:
    """One pretty `<doc_id>.json` per record, for people who read records by eye."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    for line in lines:
        data = orjson.loads(line)
        (out / f"{data['doc_id']}.json").write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2))


def read_jsonl(path: str | Path) -> list[dict]:
    with open(path, "rb") as fh:
        return [orjson.loads(line) for line in fh if line.strip()]
