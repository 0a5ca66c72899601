"""Segment: paragraphs, sentences and word tokens over the normalised text.

Tokens come from spaCy's `Chinese` language with the jieba segmenter (pkuseg when the
user configures a model path), loaded once per process with the lexicons' words added to
jieba's dictionary. Extractors work on character offsets and use tokens only as hints,
so a different segmenter changes no rule.

Sentences end at 。！？ (and ! ?) and at paragraph ends; a closing quotation mark that
follows the terminal punctuation stays with its sentence.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from spacy.attrs import IDX, IS_SPACE, LENGTH

from .config import SEGMENTERS
from .lexicons import load as load_lexicons

_SENT_END = re.compile(r"[。！？!?]+[”’」』\"]*|\n")


@dataclass(frozen=True)
class Segment:
    start: int
    end: int


@dataclass
class Segmented:
    paragraphs: list[Segment]
    sentences: list[Segment]
    token_starts: list[int]  # plain integer lists: a document has thousands of tokens
    token_ends: list[int]

    @property
    def tokens(self) -> list[Segment]:
        return [Segment(s, e) for s, e in zip(self.token_starts, self.token_ends, strict=True)]


def split_sentences(text: str) -> list[Segment]:
    out: list[Segment] = []
    start = 0
    for m in _SENT_END.finditer(text):
        end = m.end() if m.group() != "\n" else m.start()
        if end > start and text[start:end].strip():
            out.append(Segment(start, end))
        start = m.end()
    if start < len(text) and text[start:].strip():
        out.append(Segment(start, len(text)))
    return out


def split_paragraphs(text: str) -> list[Segment]:
    out, start = [], 0
    for m in re.finditer(r"\n", text):
        if m.start() > start:
            out.append(Segment(start, m.start()))
        start = m.end()
    if start < len(text):
        out.append(Segment(start, len(text)))
    return out


@cache
def get_nlp(segmenter: str = "jieba", pkuseg_model: str | None = None):
    """A blank spaCy Chinese pipeline, built once per process and configuration."""
    import spacy

    logging.getLogger("jieba").setLevel(logging.ERROR)
    if segmenter == "pkuseg":
        if not pkuseg_model:
            raise ValueError("the pkuseg segmenter needs a model path (--pkuseg-model)")
        nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "pkuseg"}}})
        nlp.tokenizer.initialize(pkuseg_model=pkuseg_model)
        return nlp
    if segmenter == "char":
        return spacy.blank("zh")
    if segmenter not in SEGMENTERS:
        raise ValueError(f"unknown segmenter {segmenter!r}: use {', '.join(SEGMENTERS)}")
    import jieba

    jieba.setLogLevel(logging.ERROR)
    for word in sorted(load_lexicons().jieba_words()):
        jieba.add_word(word)
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    if segmenter == "jieba":
        nlp.tokenizer.jieba_seg = _JiebaDictionaryOnly()
    return nlp


class _JiebaDictionaryOnly:
    """jieba as spaCy calls it, without the HMM that guesses words missing from the dictionary.

    The HMM is a third of jieba's time, and its guesses (mostly names) are what the extractors
    find from evidence anyway: on the seeds and all seven held-out sets the scores are the same
    with it and without it (README, Speed). `--segmenter jieba-hmm` keeps it.
    """

    @staticmethod
    def cut(text: str, cut_all: bool = False) -> Iterator[str]:
        import jieba

        return jieba.cut(text, cut_all=cut_all, HMM=False)


def word_freq(word: str) -> int:
    """How common a word is in jieba's dictionary (0 when unknown): a data hint, not segmentation."""
    import jieba

    if not jieba.dt.initialized:
        jieba.setLogLevel(logging.ERROR)
        jieba.dt.initialize()
    return jieba.dt.FREQ.get(word, 0)


NOT_NAME_TAGS = ("v", "vd", "p", "c", "d", "r", "u", "t")  # verbs (not 胜利/vn), adverbs, pronouns …


@cache
def not_name_words() -> frozenset[str]:
    """Two-character words jieba's dictionary tags as verbs, prepositions, conjunctions, adverbs,
    pronouns, particles or time words (传达, 借助, 但是, 今年): they do not start a place's name.
    Read once from the dictionary file jieba ships, keeping only what this test needs."""
    import jieba

    with jieba.dt.get_dict_file() as f:
        text = f.read().decode("utf-8")
    tags = "|".join(NOT_NAME_TAGS)
    return frozenset(re.findall(rf"^(\S\S) \d+ (?:{tags})\s*$", text, re.MULTILINE))


def segment(text: str, segmenter: str = "jieba", pkuseg_model: str | None = None) -> Segmented:
    nlp = get_nlp(segmenter, pkuseg_model)
    doc = nlp.make_doc(text)
    table = doc.to_array([IDX, LENGTH, IS_SPACE])  # one numpy array instead of a Python object per token
    words = table[table[:, 2] == 0]
    starts = words[:, 0]
    return Segmented(split_paragraphs(text), split_sentences(text), starts.tolist(), (starts + words[:, 1]).tolist())
