"""Ingest: decoding is detected from the bytes; every input gives exactly one document."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from pipeline.ingest import DecodeError, decode_bytes, iter_documents
from pipeline.pipeline import Pipeline

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
SAMPLE = "丹阳市委书记王成明说，按照各级部署要求，丹阳将抓落实、强攻坚。"


@pytest.mark.parametrize("encoding, expected", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8"), ("gb18030", "gb18030"), ("gbk", "gb18030"),
    ("utf-16", "utf-16-le"),
])
def test_simplified_encodings_are_detected(encoding, expected):
    text, enc = decode_bytes(SAMPLE.encode(encoding))
    assert text == SAMPLE
    assert enc == expected


def test_big5_is_detected_for_traditional_text():
    trad = "張德軍說，揚中市力爭全年工業應稅銷售突破1200億元，一般公共預算收入突破40億元。"
    text, enc = decode_bytes(trad.encode("big5"))
    assert (text, enc) == (trad, "big5")


@pytest.mark.parametrize("data, reason", [
    (b"", "empty input"),
    (b"\x00\x01\x02binary\x00", "binary data"),
    (b"\xff\xfe\x00\xd8", "byte order mark says utf-16-le"),
])
def test_undecodable_inputs_say_why(data, reason):
    with pytest.raises(DecodeError, match=reason):
        decode_bytes(data)


def test_folder_recursive_glob_jsonl_and_missing(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "sub" / "b.txt").write_bytes(SAMPLE.encode("gb18030"))
    (tmp_path / "c.md").write_text("不读", encoding="utf-8")
    jl = tmp_path / "docs.jsonl"
    jl.write_text('{"id": "x1", "text": "全会指出，要坚持。"}\nnot json\n{"id": "x3"}\n', encoding="utf-8")
    docs = list(iter_documents([str(tmp_path), str(jl), str(tmp_path / "nope.txt")]))
    assert [d.doc_id for d in docs] == ["a", "b", "x1", "docs:2", "docs:3", "nope"]
    assert docs[1].encoding == "gb18030" and docs[1].text == SAMPLE
    assert docs[3].error.startswith("invalid JSON")
    assert docs[4].error == 'expected an object with a string "text"'
    assert docs[5].error == "no such file or folder"


def test_seeds_in_every_encoding_and_random_bytes_give_one_record_each(tmp_path):
    """N inputs → N records, never a crash: the seeds re-encoded, plus 500 random byte strings."""
    rng = random.Random(20261121)
    expected = []
    for seed in SEEDS:
        text = seed.read_text(encoding="utf-8")
        for enc in ("gb18030", "big5", "utf-16"):
            try:
                data = text.encode(enc)
            except UnicodeEncodeError:
                continue  # Big5 cannot represent every simplified character
            path = tmp_path / f"{seed.stem}.{enc}.txt"
            path.write_bytes(data)
            expected.append(path.stem)
    for i in range(500):
        path = tmp_path / f"random{i:03d}.txt"
        path.write_bytes(bytes(rng.randrange(256) for _ in range(rng.randrange(0, 300))))
        expected.append(path.stem)
    pipe = Pipeline()
    records = list(pipe.process_many(iter_documents([str(tmp_path)])))
    assert sorted(r.doc_id for r in records) == sorted(expected)
    by_id = {r.doc_id: r for r in records}
    for seed in SEEDS:
        for enc in ("gb18030", "utf-16"):
            rec = by_id[f"{seed.stem}.{enc}"]
            assert not rec.errors, (rec.doc_id, rec.errors)
            assert rec.people or rec.dates, rec.doc_id
    for r in records:
        assert all(e.message for e in r.errors)
