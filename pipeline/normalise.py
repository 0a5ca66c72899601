"""Normalise: one clean Simplified text for the extractors, with a map back to the original.

What changes, and why:
- OpenCC Traditional→Simplified, so one set of rules and lexicons serves both scripts;
- full-width digits, Latin letters and ASCII-like symbols fold to ASCII (１２０％ → 120%),
  while Chinese punctuation (，。：（）) stays, since the extractors read it;
- PDF and page-break line wraps inside a sentence are joined (`扬\\n\\n中将` → `扬中将`), and
  stray spaces next to digits or Latin letters go (`2023 年`, `GDP 突破 800 亿元`);
- web boilerplate lines (navigation, `返回顶部`, share bars) are left out, and reported.

Every normalised character keeps the offset of the original character it came from, so any
span the extractors find maps back to `original[start:end]` exactly.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple

from .lexicons import load as load_lexicons

_WS = " \t\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff"
# terminal punctuation: a line ending in one of these ends its paragraph
_TERMINAL = "。！？!?；;…」』"
_CLOSE_QUOTES = "”’"
_FOLD_SYMBOLS = set("％＋－．／＝＜＞＃＆＊＠＄＾＿｀｜～")
_META_LINE = re.compile(r"(来源|发布时间|发稿时间|作者|编辑|责任编辑|记者)[:：]")
_LINE_RE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|$)")


@dataclass
class NormText:
    original: str
    text: str
    offsets: list[int]
    script: str = "simplified"
    boilerplate: list[tuple[int, int]] = field(default_factory=list)
    folded: bool = False  # did width folding change any character kept in `text`?

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised span [start, end) to the original [start, end)."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"span {start}:{end} outside the normalised text (length {len(self.text)})")
        return self.offsets[start], self.offsets[end - 1] + 1


def fold_char(ch: str) -> str:
    """Full-width digits, letters and ASCII-like symbols to ASCII; Chinese punctuation stays."""
    code = ord(ch)
    if 0xFF10 <= code <= 0xFF19 or 0xFF21 <= code <= 0xFF3A or 0xFF41 <= code <= 0xFF5A or ch in _FOLD_SYMBOLS:
        return chr(code - 0xFEE0)
    if ch == "\u3000" or ch == "\u00a0":
        return " "
    return ch


_FOLD_TABLE = {c: fold_char(chr(c)) for c in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B),
                                                *map(ord, _FOLD_SYMBOLS), 0x3000, 0x00A0)}
_INNER_WS = re.compile(f"[{_WS}]")
_FOLDABLE = re.compile("[" + "".join(re.escape(chr(c)) for c in _FOLD_TABLE if c not in (0x3000, 0x00A0)) + "]")
_HAN_RUN = re.compile("[\u4e00-\u9fff]+")


def _kind(ch: str) -> str:
    if ch.isdigit() and ch.isascii():
        return "digit"
    if ch.isascii() and ch.isalpha():
        return "latin"
    if ch in "%‰":
        return "digit"
    if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf":
        return "cjk"
    return "other"


class Line(NamedTuple):
    """A cleaned line: its text and, per character, the offset in the original."""

    text: str
    offsets: list[int]


def _clean_line(line: str, base: int) -> Line:
    """Fold widths, strip the ends and drop spaces a PDF put next to digits or Latin letters."""
    folded = line.translate(_FOLD_TABLE)  # the same as fold_char on every character, in C
    body = folded.strip(_WS)
    lead = base + len(folded) - len(folded.lstrip(_WS))
    if not _INNER_WS.search(body):  # most lines: no space inside, nothing to decide
        return Line(body, list(range(lead, lead + len(body))))
    chars, offsets = [], []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch in _WS:
            j = i
            while j < len(body) and body[j] in _WS:
                j += 1
            left = _kind(chars[-1]) if chars else "other"
            right = _kind(body[j]) if j < len(body) else "other"
            pair = {left, right}
            nxt = body[j] if j < len(body) else ""
            if not (("cjk" in pair and pair & {"digit", "latin"}) or (nxt in "%‰" and left == "digit")):
                chars.append(" ")
                offsets.append(lead + i)
            i = j
            continue
        chars.append(ch)
        offsets.append(lead + i)
        i += 1
    return Line("".join(chars), offsets)


# a number's unit or date character, as it continues a line cut after the number (月，全省…, %，…)
_UNIT_CONTINUES = re.compile(r"[年月日号](?=[\d，,。；、份底末初以前后至到—~-])|[%％‰]|[亿万]元|亿美元|万(?:人|吨|亩|户)|个百分点")
_PHRASE_SPACE = re.compile("[\u4e00-\u9fff\u3400-\u4dbf] [\u4e00-\u9fff\u3400-\u4dbf]")


def _joins(prev: str, nxt: str, single_break: bool = False) -> bool:
    """Is the break between two content lines a wrap inside a sentence?

    A long line that stops mid-sentence continues on the next; so does a short one when
    the break is a lone newline and the next line reads as prose (it has sentence punctuation).
    """
    if prev[-1:].isdigit() and _UNIT_CONTINUES.match(nxt):
        return True  # 2023年1-6 | 月，全省…: a number cut from its unit is always a wrap, even across a blank line
    if _PHRASE_SPACE.search(prev):
        return False  # headlines and bylines separate phrases or names by spaces
    if _META_LINE.search(prev, 0, 40):
        return False  # 发布时间：… 来源：…: a page's metadata line is never wrapped prose
    last = prev[-1]
    if last in ")）":
        return False
    if last in "：:" and not single_break:
        return False  # 现予以公示：, then a blank line: a list or a quotation starts, not a wrapped line
    if len(prev) < 25:
        if not (single_break and last not in _TERMINAL + _CLOSE_QUOTES + "：:" and any(p in nxt for p in "，。,")):
            return False
    if last in _TERMINAL:
        return False
    if last in _CLOSE_QUOTES and len(prev) > 1 and prev[-2] in _TERMINAL:
        return False
    if nxt[:1] in "(（【[" and nxt[-1:] in ")）】]":
        return False
    if len(nxt) <= 12 and not any(p in nxt for p in "，。；、：,"):
        return False
    return not re.match(r"^\d{4}[-/.年]\d", nxt)


@cache
def _converters():
    import opencc

    return opencc.OpenCC("t2s"), opencc.OpenCC("s2t")


@cache
def _script_marks() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Characters OpenCC changes on their own: traditional-only ones (t2s changes them) and
    simplified-only ones (s2t changes them). Built once, so that detecting a document's script
    is a regex count instead of two conversions of it."""
    t2s, s2t = _converters()
    han = [chr(c) for c in range(0x4E00, 0xA000)]
    simp = t2s.convert("\n".join(han)).split("\n")
    trad = s2t.convert("\n".join(han)).split("\n")
    trad_only = "".join(c for c, s in zip(han, simp, strict=True) if s != c)
    simp_only = "".join(c for c, t in zip(han, trad, strict=True) if t != c)
    return re.compile(f"[{trad_only}]"), re.compile(f"[{simp_only}]")


def detect_script(text: str) -> str:
    """`simplified`, `traditional`, `mixed` or `unknown` (no Han), from the first 3,000 Han characters."""
    runs, size = [], 0
    for m in _HAN_RUN.finditer(text):
        runs.append(m.group())
        size += m.end() - m.start()
        if size >= 3000:
            break
    if not runs:
        return "unknown"
    sample = "".join(runs)[:3000]
    trad_marks, simp_marks = _script_marks()
    n_trad = len(trad_marks.findall(sample))
    if n_trad == 0:
        return "simplified"
    n_simp = len(simp_marks.findall(sample))
    if n_simp == 0 or n_trad >= 4 * n_simp:
        return "traditional"
    if n_simp >= 4 * n_trad:
        return "simplified"
    return "mixed"


def _convert(text: str) -> str:
    """T→S on a paragraph, keeping one output character per input character."""
    t2s = _converters()[0]
    conv = t2s.convert(text)
    if len(conv) == len(text):
        return conv
    return "".join(c if len(c := t2s.convert(ch)) == 1 else ch for ch in text)


@cache
def _boilerplate_patterns() -> tuple[int, re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The lexicon's patterns joined into three regexes, so that a line costs one or two scans:
    anchored ones (`^…$`, nearly all) that can only match a line of at most `width` characters
    (`^.{0,60}版权所有.{0,80}$`), the other anchored ones, tried at the line's start only, and
    the unanchored rest, searched through the line. An article's long lines skip the first."""
    short, anchored, floating = [], [], []
    width = 0
    for line in load_lexicons().boilerplate:
        try:
            re.compile(line)
        except re.error:
            continue
        longest = _max_width(line)
        if not line.startswith("^"):
            floating.append(f"(?:{line})")
        elif longest is not None:
            short.append(f"(?:{line})")
            width = max(width, longest)
        else:
            anchored.append(f"(?:{line})")
    return (width, *(re.compile("|".join(group) or "(?!)") for group in (short, anchored, floating)))


def _max_width(pattern: str) -> int | None:
    """The most characters `pattern` can match, or None when unbounded (or unknown)."""
    try:
        from re import _parser  # CPython's own parser: the same reading as re.compile's

        longest = _parser.parse(pattern).getwidth()[1]
    except Exception:  # noqa: BLE001 - another Python: treat the pattern as unbounded
        return None
    return longest if longest < _parser.MAXREPEAT - 1 else None


def is_boilerplate(line: str) -> bool:
    stripped = (line if unicodedata.is_normalized("NFKC", line) else unicodedata.normalize("NFKC", line)).strip()
    if not stripped:
        return False
    width, short, anchored, floating = _boilerplate_patterns()
    return ((len(stripped) <= width and short.match(stripped) is not None)
            or anchored.match(stripped) is not None or floating.search(stripped) is not None)


def normalise(original: str) -> NormText:
    script = detect_script(original)
    paragraphs: list[list[Line]] = []
    boiler: list[tuple[int, int]] = []
    pending: list[Line] | None = None
    blank_run = 0
    for m in _LINE_RE.finditer(original):
        content, eol = m.group(1), m.group(2)
        if not content and not eol:
            break
        start = m.start(1)
        if not content.strip(_WS):
            blank_run += 1
            continue
        if is_boilerplate(content):
            boiler.append((start, m.end(1)))
            if pending is not None:
                paragraphs.append(pending)
                pending = None
            continue
        line = _clean_line(content, start)
        if not line.text:
            continue
        if pending is not None and _joins(pending[-1].text, line.text, blank_run == 0):
            pending.append(line)
        else:
            if pending is not None:
                paragraphs.append(pending)
            pending = [line]
        blank_run = 0
    if pending is not None:
        paragraphs.append(pending)
    texts: list[str] = []
    offsets: list[int] = []
    for k, para in enumerate(paragraphs):
        if k:
            # the separator maps to the character just after the previous paragraph
            offsets.append(offsets[-1] + 1 if offsets[-1] + 1 < len(original) else offsets[-1])
            texts.append("\n")
        para_text = "".join(line.text for line in para)
        texts.append(_convert(para_text) if script != "simplified" else para_text)
        for line in para:
            offsets.extend(line.offsets)
    text = "".join(texts)
    folded = _FOLDABLE.search(original) is not None
    return NormText(original=original, text=text, offsets=offsets, script=script, boilerplate=boiler, folded=folded)
