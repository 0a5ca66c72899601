"""Ingest: turn paths, folders, JSONL files and stdin into decoded documents.

Decoding is detected from the bytes, never from the file name: a BOM wins, then strict
UTF-8, then GB18030 (which covers GBK/GB2312) against Big5, decided by which decoding
reads as more ordinary Chinese. Anything that cannot be read becomes a `RawDocument` with
an `error`, so the batch goes on and N inputs always give N records.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson

MAX_BYTES = 20_000_000


@dataclass
class RawDocument:
    doc_id: str
    source: str
    text: str | None = None
    encoding: str | None = None
    error: str | None = None

    @property
    def sha256(self) -> str | None:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest() if self.text is not None else None


class DecodeError(ValueError):
    pass


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def _cjk_ratio(text: str) -> float:
    """Share of characters that are CJK ideographs or common CJK punctuation."""
    if not text:
        return 0.0
    ok = sum(1 for c in text if "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef")
    return ok / len(text)


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls > len(sample) * 0.05


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding) or raise DecodeError with a reason a user can act on."""
    if not data:
        raise DecodeError("empty input")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"byte order mark says {enc} but the bytes do not decode: {exc.reason}") from exc
            return text.lstrip("\ufeff"), enc.replace("-sig", "")
    if _looks_binary(data):
        raise DecodeError("binary data (NUL or control bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates: list[tuple[str, str]] = []
    for enc in ("gb18030", "big5"):
        try:
            candidates.append((data.decode(enc), enc))
        except UnicodeDecodeError:
            continue
    if not candidates:
        raise DecodeError("not UTF-8, UTF-16, GB18030 or Big5 text")
    if len(candidates) == 2:
        return _pick_chinese(data, candidates)
    text, enc = candidates[0]
    if _cjk_ratio(text) < 0.2:
        raise DecodeError(f"decodes as {enc} but does not read as Chinese text")
    return text, enc


def _pick_chinese(data: bytes, candidates: list[tuple[str, str]]) -> tuple[str, str]:
    """GB18030 and Big5 both decoded: ask charset-normalizer which reads as Chinese."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "big5"]).best()
    if best is not None:
        enc = "big5" if "big5" in best.encoding else "gb18030"
        for text, cand in candidates:
            if cand == enc:
                return text, enc
    text, enc = max(candidates, key=lambda c: _cjk_ratio(c[0]))
    if _cjk_ratio(text) < 0.2:
        raise DecodeError("bytes decode as GB18030 and Big5 but read as neither")
    return text, enc


def _document_from_bytes(doc_id: str, source: str, data: bytes) -> RawDocument:
    if len(data) > MAX_BYTES:
        return RawDocument(doc_id, source, error=f"input too large ({len(data)} bytes > {MAX_BYTES})")
    try:
        text, enc = decode_bytes(data)
    except DecodeError as exc:
        return RawDocument(doc_id, source, error=str(exc))
    if not text.strip():
        return RawDocument(doc_id, source, text=text, encoding=enc, error="empty input (only white space)")
    return RawDocument(doc_id, source, text=text, encoding=enc)


def _read_jsonl(path: Path) -> Iterator[RawDocument]:
    with path.open("rb") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            source = f"{path}:{lineno}"
            try:
                obj = orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                yield RawDocument(f"{path.stem}:{lineno}", source, error=f"invalid JSON: {exc}")
                continue
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                yield RawDocument(f"{path.stem}:{lineno}", source, error='expected an object with a string "text"')
                continue
            doc_id = str(obj.get("id") or obj.get("doc_id") or f"{path.stem}:{lineno}")
            text = obj["text"]
            if not text.strip():
                yield RawDocument(doc_id, source, text=text, encoding="utf-8", error="empty input (only white space)")
            else:
                yield RawDocument(doc_id, source, text=text, encoding="utf-8")


def iter_documents(inputs: list[str], glob: str = "*.txt") -> Iterator[RawDocument]:
    """Yield one RawDocument per input document, in a deterministic order."""
    for item in inputs:
        if item == "-":
            yield _document_from_bytes("stdin", "-", sys.stdin.buffer.read())
            continue
        path = Path(item)
        if path.is_dir():
            files = sorted(p for p in path.rglob(glob) if p.is_file())
            for p in files:
                yield from _iter_file(p)
        elif path.is_file():
            yield from _iter_file(path)
        else:
            yield RawDocument(path.stem or item, item, error="no such file or folder")


def _iter_file(path: Path) -> Iterator[RawDocument]:
    if path.suffix.lower() == ".jsonl":
        yield from _read_jsonl(path)
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield RawDocument(path.stem, str(path), error=f"cannot read: {exc.strerror or exc}")
        return
    yield _document_from_bytes(path.stem, str(path), data)
