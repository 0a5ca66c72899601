from __future__ import annotations

import re

from pipeline.wordtrie import occurrences, word_regex


def test_occurrences_in_a_long_text_match_a_plain_scan():
    """Long texts use an index of character pairs; the answer must be the same as re's."""
    text = ("王明说，王明明天来。" * 600) + "王王王王王"
    assert len(text) > 5000
    for word in ("王明", "王明明", "明明", "王王", "王王王", "天来。王", "不在"):
        assert occurrences(text, word) == [m.start() for m in re.finditer(re.escape(word), text)], word


def test_the_trie_regex_takes_the_longest_word_at_a_position():
    pattern = word_regex(["市长", "市委书记", "市委", "副市长"])
    assert [m.group() for m in pattern.finditer("市委书记、副市长和市委常委")] == ["市委书记", "副市长", "市委"]
