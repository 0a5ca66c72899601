from __future__ import annotations

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
