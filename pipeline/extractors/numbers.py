"""Numbers with their units: the extractor finds `NUM UNIT` spans, the parser gives values.

Arabic numbers (with separators, decimals, ranges, 万/亿 multipliers, `3万4000`) are parsed
here; pure Chinese numerals (`一千二百`, `两`, `十八`) go through cn2an, a maintained
converter. Units, comparators and their multipliers are data (lexicons/units.txt,
lexicons/comparators.tsv).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from ..lexicons import load, read_sections
from ..wordtrie import word_regex

CN_NUM_CHARS = "零〇一二三四五六七八九十百千万亿两"
# thousands as 1,286 or, in Hong Kong releases, 6 800 (a space between groups of three)
_NUM = r"(?:\d{1,3}(?:[ \u2009]\d{3})+(?![\d,.])|\d+(?:,\d{3})*(?:\.\d+)?)"
NUMBER_RE = regex.compile(
    rf"(?<![\d.,A-Za-z])(?P<a>{_NUM})(?:\s*(?P<m1>万亿|亿|万|千)(?P<rest>\d{{1,4}}(?!\d))?)?"
    rf"(?:\s*%?\s*(?P<range>[-~—–至到])\s*(?P<b>{_NUM})(?:\s*(?P<m2>万亿|亿|万|千))?)?"
    rf"|百分之(?P<pct>[{CN_NUM_CHARS}点]+|{_NUM})"
    rf"|(?<=[近逾约达超上])(?P<mag>[百千万])(?=[个家人项座所名户次])"
    rf"|(?<![{CN_NUM_CHARS}])(?P<cn>[{CN_NUM_CHARS}]*[一二三四五六七八九十两][{CN_NUM_CHARS}]*(?:点[{CN_NUM_CHARS}]+)?)"
)
MULT = {"千": 1e3, "万": 1e4, "亿": 1e8, "万亿": 1e12}


@dataclass
class NumberMention:
    start: int
    end: int          # end of the unit (and of an `after` comparator)
    num_end: int      # end of the number itself
    value: float
    value_max: float | None
    unit: str | None
    comparator: str
    chinese: bool     # written in Chinese numerals


def to_number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(value, 6)


BARE_MAGNITUDES = {"十": 10.0, "百": 100.0, "千": 1000.0, "万": 1e4, "亿": 1e8}


@lru_cache(maxsize=1 << 14)  # the same numerals (三, 十二, 一千) recur across documents
def cn_to_float(text: str) -> float | None:
    """Chinese numerals through cn2an; a bare magnitude (近千家, 上万人) is that magnitude."""
    import cn2an

    if text in BARE_MAGNITUDES:
        return BARE_MAGNITUDES[text]
    try:
        return float(cn2an.cn2an(text.replace("〇", "零"), "smart"))
    except (ValueError, KeyError, IndexError):
        return None


@cache
def comparators() -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {"before": [], "after": [], "between": []}
    for rows in read_sections("comparators.tsv").values():
        for r in rows:
            if len(r) >= 3:
                out.setdefault(r[1], []).append((r[0], r[2]))
    for k in out:
        out[k].sort(key=lambda x: -len(x[0]))
    return out


@cache
def _comparator_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    comps = comparators()
    return tuple(w for w, _ in comps["after"]), tuple(w for w, _ in comps["before"])


@cache
def _unit_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The longest listed unit at a position: any unit, and any unit but a percentage."""
    units = load().units
    return word_regex(units), word_regex(u for u in units if u not in ("%", "个百分点"))


def match_unit(text: str, pos: int) -> str | None:
    """The longest unit at pos; a multiplier before a listed unit joins it (`亿亩`, `万套`)."""
    m = _unit_res()[0].match(text, pos)
    listed = m.group() if m else None
    for mult in ("万亿", "亿", "万", "千"):
        if text.startswith(mult, pos):
            rest = match_unit_plain(text, pos + len(mult))
            if rest and (listed is None or len(mult + rest) > len(listed)):
                return mult + rest
    return listed


def match_unit_plain(text: str, pos: int) -> str | None:
    m = _unit_res()[1].match(text, pos)
    return m.group() if m else None


def _parse_arabic(num: str) -> float:
    return float(num.replace(",", "").replace(" ", "").replace("\u2009", ""))


def find_numbers(text: str) -> list[NumberMention]:
    out: list[NumberMention] = []
    comps = comparators()
    for m in NUMBER_RE.finditer(text):
        g = m.groupdict()
        chinese = False
        value_max = None
        unit: str | None = None
        if g["a"]:
            value = _parse_arabic(g["a"])
            if g["m1"]:
                unit_here = match_unit(text, m.start("m1"))
                if unit_here and g["rest"] is None:
                    # 亿元, 万人: the multiplier belongs to the unit as written
                    pos = m.start("m1")
                    value_end = m.end("a")
                    unit = unit_here
                    end = pos + len(unit_here)
                    out.append(_finish(text, m.start(), value_end, end, value, None, unit, comps, False))
                    continue
                value *= MULT[g["m1"]]
                if g["rest"]:
                    value += float(g["rest"])
            if g["b"]:
                if g["m2"] and not g["m1"] and match_unit(text, m.start("m2")):
                    # `6-8亿元`: both ends are in the unit as written
                    unit = match_unit(text, m.start("m2"))
                    out.append(_finish(text, m.start(), m.end("b"), m.start("m2") + len(unit), value,
                                       _parse_arabic(g["b"]), unit, comps, False))
                    continue
                value_max = _parse_arabic(g["b"]) * (MULT[g["m2"]] if g["m2"] else (MULT[g["m1"]] if g["m1"] else 1))
            num_end = m.end()
        elif g["mag"] == "万":
            value, chinese, num_end = 1.0, True, m.start()  # 上万个: one 万, and the unit as written (万个)
        elif g["mag"]:
            value, chinese, num_end = BARE_MAGNITUDES[g["mag"]], True, m.end()
        elif g["pct"]:
            p = g["pct"]
            value = float(p) if re.fullmatch(_NUM, p) else cn_to_float(p)
            if value is None:
                continue
            out.append(_finish(text, m.start(), m.end(), m.end(), value, None, "%", comps, True))
            continue
        else:
            cn = g["cn"]
            num_end = m.end()
            for mult in ("万亿", "亿", "万"):
                if cn.endswith(mult) and len(cn) > len(mult) and match_unit(text, num_end - len(mult)):
                    cn, num_end = cn[: -len(mult)], num_end - len(mult)
                    break
            value = cn_to_float(cn)
            if value is None:
                continue
            chinese = True
        between = None
        pos = num_end
        for word, comp in comps["between"]:
            if text.startswith(word, pos) and match_unit(text, pos + len(word)):
                between = comp
                pos += len(word)
                break
        unit = match_unit(text, pos)
        end = pos + len(unit) if unit else num_end
        mention = _finish(text, m.start(), num_end, end, value, value_max, unit, comps, chinese)
        if between and mention.comparator == "=":
            mention.comparator = between
        if g["mag"] and text[m.start() - 1:m.start()] == "上" and mention.comparator == "=":
            mention.comparator = ">="  # 上万, 上千: at least that many (GUIDELINES)
        out.append(mention)
    return out


def _finish(text: str, start: int, num_end: int, end: int, value: float, value_max: float | None,
            unit: str | None, comps: dict[str, list[tuple[str, str]]], chinese: bool) -> NumberMention:
    comparator = "="
    after_words, before_words = _comparator_words()
    if text.startswith(after_words, end):
        for word, comp in comps["after"]:
            if text.startswith(word, end):
                comparator = comp
                end += len(word)
                break
    if comparator == "=":
        window = text[max(0, start - 4):start]
        reach = next((r for r in ("达到", "达", "到") if window.endswith(r)), "")
        base = window[: -len(reach)] if reach else window  # 约达, 近达: the comparator stands before 达
        if reach or window.endswith(before_words):
            for word, comp in comps["before"]:
                if window.endswith(word) or (reach and base.endswith(word)):
                    comparator = comp
                    break
    if value_max is not None:
        comparator = ">="
    return NumberMention(start, end, num_end, value, value_max, unit, comparator, chinese)
