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


def _clean_line(line: str, base: int) -> list[tuple[str, int]]:
    """Fold widths, strip the ends and drop spaces a PDF put next to digits or Latin letters."""
    chars = [(fold_char(c), base + i) for i, c in enumerate(line)]
    while chars and chars[0][0] in _WS:
        chars.pop(0)
    while chars and chars[-1][0] in _WS:
        chars.pop()
    out: list[tuple[str, int]] = []
    i = 0
    while i < len(chars):
        ch, pos = chars[i]
        if ch in _WS:
            j = i
            while j < len(chars) and chars[j][0] in _WS:
                j += 1
            left = _kind(out[-1][0]) if out else "other"
            right = _kind(chars[j][0]) if j < len(chars) else "other"
            pair = {left, right}
            nxt = chars[j][0] if j < len(chars) else ""
            if ("cjk" in pair and pair & {"digit", "latin"}) or (nxt in "%‰" and left == "digit"):
                i = j
                continue
            out.append((" ", pos))
            i = j
            continue
        out.append((ch, pos))
        i += 1
    return out


def _has_phrase_spaces(chars: list[tuple[str, int]]) -> bool:
    """Headlines and bylines separate phrases or names by spaces between Chinese characters."""
    for k in range(1, len(chars) - 1):
        if chars[k][0] == " " and _kind(chars[k - 1][0]) == "cjk" and _kind(chars[k + 1][0]) == "cjk":
            return True
    return False


def _joins(prev: list[tuple[str, int]], nxt: list[tuple[str, int]], single_break: bool = False) -> bool:
    """Is the break between two content lines a wrap inside a sentence?

    A long line that stops mid-sentence continues on the next; so does a short one when
    the break is a lone newline and the next line reads as prose (it has sentence punctuation).
    """
    if _has_phrase_spaces(prev):
        return False
    head = "".join(c for c, _ in prev[:40])
    if _META_LINE.search(head):
        return False  # 发布时间：… 来源：…: a page's metadata line is never wrapped prose
    last = prev[-1][0]
    if last in ")）":
        return False
    if len(prev) < 25:
        text = "".join(c for c, _ in nxt)
        if not (single_break and last not in _TERMINAL + _CLOSE_QUOTES + "：:" and any(p in text for p in "，。,")):
            return False
    if last in _TERMINAL:
        return False
    if last in _CLOSE_QUOTES and len(prev) > 1 and prev[-2][0] in _TERMINAL:
        return False
    text = "".join(c for c, _ in nxt)
    if text[:1] in "(（【[" and text[-1:] in ")）】]":
        return False
    if len(text) <= 12 and not any(p in text for p in "，。；、：,"):
        return False
    return not re.match(r"^\d{4}[-/.年]\d", text)


@cache
def _converters():
    import opencc

    return opencc.OpenCC("t2s"), opencc.OpenCC("s2t")


def detect_script(text: str) -> str:
    t2s, s2t = _converters()
    han = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    if not han:
        return "unknown"
    sample = "".join(han[:3000])
    simp = t2s.convert(sample)
    n_trad = sum(1 for a, b in zip(sample, simp, strict=False) if a != b) if len(simp) == len(sample) else 0
    if n_trad == 0:
        return "simplified"
    trad = s2t.convert(sample)
    n_simp = sum(1 for a, b in zip(sample, trad, strict=False) if a != b) if len(trad) == len(sample) else 0
    if n_simp == 0 or n_trad >= 4 * n_simp:
        return "traditional"
    if n_simp >= 4 * n_trad:
        return "simplified"
    return "mixed"


def _convert_chars(chars: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """T→S on a paragraph, keeping one output character per input character."""
    t2s = _converters()[0]
    text = "".join(c for c, _ in chars)
    conv = t2s.convert(text)
    if len(conv) == len(text):
        return [(conv[k], pos) for k, (_, pos) in enumerate(chars)]
    out = []
    for ch, pos in chars:
        c = t2s.convert(ch)
        out.append((c if len(c) == 1 else ch, pos))
    return out


@cache
def _boilerplate_patterns() -> tuple[re.Pattern[str], ...]:
    pats = []
    for line in load_lexicons().boilerplate:
        try:
            pats.append(re.compile(line))
        except re.error:
            continue
    return tuple(pats)


def is_boilerplate(line: str) -> bool:
    stripped = unicodedata.normalize("NFKC", line).strip()
    return bool(stripped) and any(p.search(stripped) for p in _boilerplate_patterns())


def normalise(original: str) -> NormText:
    script = detect_script(original)
    paragraphs: list[list[tuple[str, int]]] = []
    boiler: list[tuple[int, int]] = []
    pending: list[tuple[str, int]] | None = None
    last_line: list[tuple[str, int]] | None = None
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
                pending, last_line = None, None
            continue
        chars = _clean_line(content, start)
        if not chars:
            continue
        if pending is not None and last_line is not None and _joins(last_line, chars, blank_run == 0):
            pending.extend(chars)
        else:
            if pending is not None:
                paragraphs.append(pending)
            pending = list(chars)
        last_line = chars
        blank_run = 0
    if pending is not None:
        paragraphs.append(pending)
    text_chars: list[tuple[str, int]] = []
    for k, para in enumerate(paragraphs):
        if k:
            # the separator maps to the character just after the previous paragraph
            text_chars.append(("\n", text_chars[-1][1] + 1 if text_chars[-1][1] + 1 < len(original) else text_chars[-1][1]))
        text_chars.extend(_convert_chars(para) if script != "simplified" else para)
    return NormText(
        original=original,
        text="".join(c for c, _ in text_chars),
        offsets=[p for _, p in text_chars],
        script=script,
        boilerplate=boiler,
    )
