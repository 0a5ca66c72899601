"""Segment: paragraphs, sentences and word tokens over the normalised text.

Tokens come from spaCy's `Chinese` language with jieba's dictionary, loaded once per process
with the lexicons' words added; by default without jieba's HMM and through jieba-next, which
then cuts exactly as jieba does, faster (pkuseg when the user configures a model path).
Extractors work on character offsets and use tokens only as hints, so a different segmenter
changes no rule.

Sentences end at 。！？ (and ! ?) and at paragraph ends; a closing quotation mark that
follows the terminal punctuation stays with its sentence.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from types import ModuleType

from spacy.attrs import IDX, IS_SPACE, LENGTH
from spacy.lang.zh import ChineseTokenizer, Segmenter
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import get_words_and_spaces
from spacy.util import registry as spacy_registry
from spacy.vocab import Vocab

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
    single_char_starts: frozenset[int] = frozenset()  # one-character tokens: where 的, 和 stand alone

    @cached_property
    def start_set(self) -> frozenset[int]:
        return frozenset(self.token_starts)

    @cached_property
    def end_set(self) -> frozenset[int]:
        return frozenset(self.token_ends)

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
    if segmenter == "jieba":
        return spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "zhfacts.jieba_dictionary_only.v1"}}})
    module = dictionary("jieba")  # before spaCy's tokenizer loads it, so that it loads quietly
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.tokenizer.jieba_seg = module  # jieba-hmm: jieba itself, as spaCy calls it
    return nlp


class JiebaDictionaryOnlyTokenizer(ChineseTokenizer):
    """spaCy's Chinese tokenizer in jieba mode, cutting with dictionary words only.

    jieba's HMM, which guesses words missing from the dictionary, is a third of jieba's time,
    and its guesses (mostly names) are what the extractors find from evidence anyway: on the
    seeds and all seven held-out sets the scores are the same with it and without it (README,
    Speed). `--segmenter jieba-hmm` keeps it. Registered as a spaCy tokenizer, so a config
    names it like any other.
    """

    def __init__(self, vocab: Vocab) -> None:
        super().__init__(vocab, segmenter=Segmenter.char)  # the parent would load jieba's own dictionary
        self.segmenter = Segmenter.jieba
        self.jieba_seg = _DictionaryOnly(dictionary())

    def __call__(self, text: str) -> Doc:
        words = [w for w in self.jieba_seg.cut(text) if w]
        words, spaces = words_and_spaces(words, text)
        return Doc(self.vocab, words=words, spaces=spaces)


def words_and_spaces(words: list[str], text: str) -> tuple[list[str], list[bool]]:
    """spaCy's `get_words_and_spaces` for words that tile the text, as jieba's do, in one pass:
    spaCy's searches the rest of the text for every word, which grows with the square of a
    document's length. A single space after a word becomes that word's trailing space; other
    whitespace stays a token of its own."""
    if "".join(words) != text:
        return get_words_and_spaces(words, text)
    out: list[str] = []
    spaces: list[bool] = []
    gap: list[str] = []
    for word in words:
        if word.isspace():
            gap.append(word)
            continue
        if gap:
            _flush(gap, out, spaces)
        out.append(word)
        spaces.append(False)
    if gap:
        _flush(gap, out, spaces)
    return out, spaces


def _flush(gap: list[str], out: list[str], spaces: list[bool]) -> None:
    white = "".join(gap)
    gap.clear()
    if out and white[0] == " ":
        spaces[-1] = True
        white = white[1:]
    if white:
        out.append(white)
        spaces.append(False)


@spacy_registry.tokenizers("zhfacts.jieba_dictionary_only.v1")
def _create_dictionary_only_tokenizer() -> Callable[[Language], JiebaDictionaryOnlyTokenizer]:
    return lambda nlp: JiebaDictionaryOnlyTokenizer(nlp.vocab)


@cache
def dictionary(implementation: str | None = None) -> ModuleType:
    """jieba's dictionary, loaded once, with the lexicons' words (titles, organisation heads …)
    added with the same weights whichever implementation loads it.

    By default the implementation is jieba-next when it is installed: a Rust port of jieba's
    dictionary search that, without the HMM, cuts exactly as jieba does (tests/test_segment.py
    checks it on real text) three times as fast. Otherwise, and for `jieba-hmm` (jieba-next's
    HMM guesses differ), it is jieba itself.
    """
    module: ModuleType | None = None
    if implementation in (None, "jieba-next"):
        try:
            import jieba_next as module  # type: ignore[no-redef]
        except ImportError:
            if implementation == "jieba-next":
                raise
    if module is None:
        import jieba as module  # type: ignore[no-redef]
    logging.getLogger(module.__name__).setLevel(logging.ERROR)
    module.initialize()
    for word, freq in weighed_words(module):
        module.add_word(word, freq)
    return module


def weighed_words(module: ModuleType) -> tuple[tuple[str, int], ...]:
    """The lexicons' words, each with the frequency jieba suggests for it (just enough to be cut
    out whole), weighed against the shipped dictionary before any is added. Adding them with
    these frequencies, instead of one by one without (where each weight depends on the words
    added before), gives every implementation the same dictionary, and spares jieba-next a
    rebuild of its index for every word."""
    return tuple((word, module.suggest_freq(word, False)) for word in sorted(load_lexicons().jieba_words()))


class _DictionaryOnly:
    """The `cut` spaCy's tokenizer calls, with the HMM off."""

    def __init__(self, module: ModuleType) -> None:
        self.module = module

    def cut(self, text: str, cut_all: bool = False) -> Iterator[str]:
        return self.module.cut(text, cut_all=cut_all, HMM=False)


def word_freq(word: str) -> int:
    """How common a word is in jieba's dictionary (0 when unknown): a data hint, not segmentation."""
    return dictionary().dt.FREQ.get(word, 0)


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
    starts, lengths = words[:, 0], words[:, 1]
    return Segmented(split_paragraphs(text), split_sentences(text), starts.tolist(), (starts + lengths).tolist(),
                     frozenset(starts[lengths == 1].tolist()))
