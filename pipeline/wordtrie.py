"""One regular expression for a word list, shaped as a trie.

Why: the lexicons hold thousands of titles, surnames and verbs, and a flat alternation
(`市长|市委书记|…`) makes Python's `re` try every word at every position. The same words
as a trie (`市(?:长|委书记)`) fail at the first character that leaves the tree. At each
position the longest word wins, exactly as with a longest-first alternation.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

_END = ""


def word_pattern(words: Iterable[str]) -> str:
    """Regex source matching any of `words`, the longest at a position first; never matches when empty."""
    trie: dict = {}
    for w in set(words):
        if not w:
            continue
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[_END] = {}
    return _node(trie) or "(?!)"


def _node(node: dict) -> str:
    leaves = sorted(ch for ch, child in node.items() if ch != _END and list(child) == [_END])
    branches = [re.escape(ch) + _node(child) for ch, child in sorted(node.items())
                if ch != _END and list(child) != [_END]]
    if leaves:
        branches.append(re.escape(leaves[0]) if len(leaves) == 1 else "[" + "".join(map(re.escape, leaves)) + "]")
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END in node:
        return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else f"{body}?"
    return body


_INDEXED_LENGTH = 5000  # from here a document's names are looked up often enough to index it


def occurrences(text: str, word: str) -> list[int]:
    """Starts of the non-overlapping occurrences of `word`, as re.finditer would find them, without
    a regex. In a long text, from an index of its character pairs: extractors look up every
    known name several times, and scanning a 50,000-character work report for each is quadratic."""
    if len(text) >= _INDEXED_LENGTH and len(word) >= 2:
        out: list[int] = []
        for k in _pair_index(text).get(word[:2], ()):
            if (not out or k >= out[-1] + len(word)) and text.startswith(word, k):
                out.append(k)
        return out
    out, k = [], text.find(word)
    while k != -1:
        out.append(k)
        k = text.find(word, k + len(word))
    return out


@lru_cache(maxsize=2)
def _pair_index(text: str) -> dict[str, list[int]]:
    """Where each pair of characters starts in `text`, in order."""
    index: dict[str, list[int]] = defaultdict(list)
    for k in range(len(text) - 1):
        index[text[k:k + 2]].append(k)
    return index


def word_regex(words: Iterable[str]) -> re.Pattern[str]:
    return re.compile(word_pattern(words))
