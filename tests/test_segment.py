from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.config import PipelineConfig
from pipeline.ingest import RawDocument
from pipeline.pipeline import Pipeline
from pipeline.segment import segment, split_sentences


def test_sentences_end_at_terminal_punctuation_and_keep_closing_quotes():
    text = "“今年是关键之年。”王成明说，按照部署要求推进。会议强调！\n新段落"
    got = [text[s.start:s.end] for s in split_sentences(text)]
    assert got == ["“今年是关键之年。”", "王成明说，按照部署要求推进。", "会议强调！", "新段落"]


def test_tokens_cover_the_text_with_offsets():
    text = "市委常委、镇江高新区党工委书记詹立风说。"
    seg = segment(text)
    assert "".join(text[t.start:t.end] for t in seg.tokens) == text
    # a token ends where the title ends and the name begins: lexicon words are in the dictionary
    assert text.index("詹立风") in {t.end for t in seg.tokens}


def _words(text: str, segmenter: str) -> list[str]:
    seg = segment(text, segmenter)
    return [text[s:e] for s, e in zip(seg.token_starts, seg.token_ends, strict=True)]


def test_default_jieba_keeps_dictionary_words_and_skips_the_hmm_guesses():
    text = "市委书记蔺晓辉在湟中区调研。"
    # the name is in no dictionary: only jieba's HMM guesses it is one word
    assert _words(text, "jieba")[:4] == ["市委书记", "蔺", "晓", "辉"]
    assert _words(text, "jieba-hmm")[:2] == ["市委书记", "蔺晓辉"]
    assert _words(text, "char")[:2] == ["市", "委"]


def test_jieba_next_cuts_real_text_exactly_as_jieba_does():
    """The default segmentation runs on jieba-next; its promise, kept on every seed and case text."""
    from pipeline.segment import dictionary

    fast, reference = dictionary(), dictionary("jieba")
    assert fast.__name__ == "jieba_next" and reference.__name__ == "jieba"
    root = Path(__file__).resolve().parent.parent
    files = sorted((root / "seeds").glob("*.txt")) + sorted((root / "bench").glob("holdout*/texts/*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in files]
    texts += [json.loads(line)["text"] for p in sorted((root / "tests" / "cases").glob("*.jsonl"))
              for line in p.read_text(encoding="utf-8").splitlines()]
    assert len(texts) > 500
    for text in texts:
        assert list(fast.cut(text, HMM=False)) == list(reference.cut(text, HMM=False)), text[:40]
    # the lexicons' words, equally weighed: the same dictionary
    assert fast.dt.FREQ.get("市委书记") == reference.dt.FREQ.get("市委书记") > 0
    assert fast.dt.total == reference.dt.total


def test_the_segmenter_changes_no_fact():
    raw = RawDocument("d", "<t>", "市委书记蔺晓辉在湟中区调研时说：“今年项目投资要增长12%。”", "utf-8")
    facts = {}
    for segmenter in ("jieba", "jieba-hmm"):
        record = Pipeline(PipelineConfig(segmenter=segmenter)).process(raw)
        facts[segmenter] = record.model_dump(exclude={"errors"})
        assert [p.name for p in record.people] == ["蔺晓辉"]
    assert facts["jieba"] == facts["jieba-hmm"]


def test_an_unknown_segmenter_is_named_in_the_error():
    with pytest.raises(ValueError, match="unknown segmenter 'thulac': use jieba, jieba-hmm, pkuseg, char"):
        segment("文本", "thulac")


@pytest.mark.parametrize("text", [
    "市委书记 王明 说",            # single spaces become trailing spaces
    "  开头两个空格\n\n结尾 ",       # leading whitespace, a blank line, a trailing space
    "GDP  增长 5% \t 以上\u3000。",  # double space, tab, ideographic space
    " ",
    "",
])
def test_words_and_spaces_match_spacys_own(text):
    from spacy.util import get_words_and_spaces

    from pipeline.segment import dictionary, words_and_spaces

    words = [w for w in dictionary().cut(text, HMM=False) if w]
    assert words_and_spaces(words, text) == get_words_and_spaces(words, text)


def test_words_and_spaces_match_spacys_own_on_real_text():
    from spacy.util import get_words_and_spaces

    from pipeline.segment import dictionary, words_and_spaces

    root = Path(__file__).resolve().parent.parent
    for path in sorted((root / "seeds").glob("*.txt")) + sorted((root / "bench").glob("holdout*/texts/*.txt")):
        text = path.read_text(encoding="utf-8")
        words = [w for w in dictionary().cut(text, HMM=False) if w]
        assert words_and_spaces(words, text) == get_words_and_spaces(words, text), path.name

