"""One regular expression for a word list, shaped as a trie.

Why: the lexicons hold thousands of titles, surnames and verbs, and a flat alternation
(`市长|市委书记|…`) makes Python's `re` try every word at every position. The same words
as a trie (`市(?:长|委书记)`) fail at the first character that leaves the tree. At each
position the longest word wins, exactly as with a longest-first alternation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

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


def occurrences(text: str, word: str) -> list[int]:
    """Starts of the non-overlapping occurrences of `word`, as re.finditer would find them, without a regex."""
    out, k = [], text.find(word)
    while k != -1:
        out.append(k)
        k = text.find(word, k + len(word))
    return out


def word_regex(words: Iterable[str]) -> re.Pattern[str]:
    return re.compile(word_pattern(words))
