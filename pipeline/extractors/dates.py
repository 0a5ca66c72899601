"""Dates: an extractor (find the span) and a parser (normalise the value).

Values follow GUIDELINES.md: absolute parts where the text gives them (`2021-12-28T23:58`),
`XXXX`/`XX` for an unknown year or month, and `Y±n`, `D±n`, `W±n`, `M±n` for dates relative
to the reference date. The resolve stage rewrites relative values once the reference date
is known, so this module never looks at a clock. Vocabularies live in
lexicons/date_words.tsv and lexicons/periods.tsv.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import regex

from ..lexicons import read_sections
from ..models import DateFact
from ..registry import register
from ..wordtrie import word_pattern

CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SUFFIX = r"(?P<suf>年底以来|年初以来|以来|同期|年底|年初|年末|底|末|初|前(?![三两]季度|沿|列|景|期|提|夕|身))?"
_M = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_D = r"(?:3[01]|[12]\d|0?[1-9]|三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九])"
_Y4 = r"(?:1[89]\d\d|20\d\d|21\d\d|[一二][〇零一二三四五六七八九]{3})"


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    value: str


@cache
def _vocab() -> tuple[dict[str, str], dict[str, str]]:
    words = {r[0]: r[1] for rows in read_sections("date_words.tsv").values() for r in rows if len(r) >= 2}
    periods = {r[0]: r[1] for rows in read_sections("periods.tsv").values() for r in rows if len(r) >= 2}
    return words, periods


def _alt(items) -> str:
    return word_pattern(items)


@cache
def _patterns() -> list[tuple[str, regex.Pattern[str]]]:
    words, periods = _vocab()
    rel_year_words = [w for w, v in words.items() if re.fullmatch(r"Y[+-]\d+", v) and w.endswith("年")]
    rel_years = _alt(rel_year_words)
    other_words = _alt(w for w, v in words.items() if not (w.endswith("年") and v.startswith("Y")) or w in ("年底", "年初", "年末", "年中"))
    period = _alt(periods)
    rel = rf"(?P<rel>{rel_years})"
    # what a match can start with, tested first so that most positions fail at one character
    numeral_start = r"(?=[\s\d一二三四五六七八九十])"
    firsts = {w[0] for w in (*periods, *rel_year_words)} | set("0123456789十一二三四五六七八九")
    rel_sub_start = "(?=[" + "".join(regex.escape(c) for c in sorted(firsts)) + "])"
    sub = (
        rf"(?:(?P<period>{period})"
        rf"|(?P<m1>{_M})\s*[-—–~至到]\s*(?P<m2>{_M})\s*月份?"
        rf"|(?P<md_m>{_M})\s*月\s*(?P<md_d>{_D})\s*[日号]"
        rf"|(?P<mon>{_M})\s*月份?(?![\d])"
        r")"
    )
    return [
        ("today_paren", regex.compile(
            rf"今[（(](?P<d>\d{{1,2}})[)）]日|[今昨前明][日天][（(](?:(?P<m>{_M})月)?(?P<d>{_D})日[)）]")),
        ("roc_year", regex.compile(r"民国(?P<roc>\d{2,3})年度?")),
        ("weekday_day", regex.compile(rf"周[一二三四五六日天][（(](?P<d>{_D})日[)）]")),
        ("week_day", regex.compile(r"(?P<rel>本|这|上|下)(?:周|星期)(?P<wd>[一二三四五六日天])")),
        ("day_range", regex.compile(
            rf"(?<![\d.]){numeral_start}(?:(?P<y>{_Y4})\s*年)?\s*(?P<md_m>{_M})\s*月\s*(?P<md_d>{_D})\s*日\s*[-—–~至到]\s*(?:(?P<m2>{_M})\s*月\s*)?(?P<d2>{_D})\s*日")),
        ("year_month_range", regex.compile(
            rf"(?<![\d.]){numeral_start}(?P<y>{_Y4})\s*年\s*(?P<m1>{_M})\s*月份?\s*[-—–~至到]\s*(?P<y2>{_Y4})\s*年\s*(?P<m2>{_M})\s*月份?")),
        ("month_range2", regex.compile(
            rf"(?<![\d.]){numeral_start}(?:(?P<y>{_Y4})\s*年)?(?P<m1>{_M})\s*月\s*[-—–~至到]\s*(?P<m2>{_M})\s*月份?")),
        ("datetime", regex.compile(
            r"(?<![\d.])(?P<y>(?:19|20|21)\d\d)(?P<sep>[-/.])(?P<mo>1[0-2]|0?[1-9])(?P=sep)(?P<d>3[01]|[12]\d|0?[1-9])(?![\d.])"
            r"(?:\s*(?P<hh>[01]?\d|2[0-3])[:：](?P<mm>[0-5]\d)(?:[:：][0-5]\d)?)?")),
        ("fiscal", regex.compile(r"(?<![\d.])(?P<y>(?:19|20)\d\d)[/-](?P<y2>\d\d)\s*(?:财政)?年度")),
        ("year_range", regex.compile(rf"(?<![\d.])(?P<y>{_Y4})\s*[-—–~至到]\s*(?P<y2>{_Y4})\s*年")),
        ("year", regex.compile(
            rf"(?<![\d.])(?P<y>{_Y4})\s*年度?(?:\s*(?:(?P<period>{period})"
            rf"|(?P<m1>{_M})\s*[-—–~至到]\s*(?P<m2>{_M})\s*月份?"
            rf"|(?P<md_m>{_M})\s*月\s*(?P<md_d>{_D})\s*[日号]"
            rf"|(?P<mon>{_M})\s*月份?))?{_SUFFIX}")),
        ("five_year", regex.compile(
            r"(?P<q1>[“\"])?(?P<fyp>十[一二三四五六七八九]|[二三四五六七八九])五(?P<q2>[”\"])?(?=(?P<plan>规划)?)(?P<suf>末|初|以来)?")),
        ("rel_sub", regex.compile(rf"{rel_sub_start}{rel}?{sub}{_SUFFIX}")),
        ("rel", regex.compile(rf"{rel}{_SUFFIX}")),
        ("offset_years", regex.compile(r"(?<![\d.第])(?P<n>\d{1,2}|[一二三四五六七八九十两]{1,3})年(?P<dir>后|前)(?!期|景)")),
        ("word", regex.compile(rf"(?P<word>{other_words})(?P<suf>以来|前(?![三两]季度|沿|列|景|期|提|夕|身))?"
                               r"(?!产值|产量|均|度|营收|销售|利润|收入)")),  # 后年产值: 年 starts another word
        ("day", regex.compile(rf"(?:(?<=^|[（(，,。；;\n])|(?<=周[一二三四五六日天]))(?P<d>{_D})日(?!内|以内|左右|前后)")),
        ("day_verb", regex.compile(r"(?<![\d.月第])(?P<d>3[01]|[12]\d|0?[1-9])日(?=发布|公布|宣布|表示|召开|举行|上午|下午|晚间|晚|电|讯|在)")),
    ]


def cn_int(text: str) -> int:
    """Small Chinese or Arabic integers as they appear in dates (一九 digit strings, 十二, 二十八)."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        head, _, tail = text.partition("十")
        return (CN_DIGITS.get(head, 1) if head else 1) * 10 + (CN_DIGITS.get(tail, 0) if tail else 0)
    return int("".join(str(CN_DIGITS[c]) for c in text))


def _year_prefix(m: regex.Match[str]) -> str | None:
    if m.groupdict().get("y"):
        return f"{cn_int(m['y']):04d}"
    rel = m.groupdict().get("rel")
    if rel:
        return _vocab()[0][rel]
    return None


def _value(kind: str, m: regex.Match[str]) -> str | None:
    g = m.groupdict()
    if kind == "datetime":
        v = f"{int(g['y']):04d}-{int(g['mo']):02d}-{int(g['d']):02d}"
        return v + (f"T{int(g['hh']):02d}:{g['mm']}" if g.get("hh") else "")
    if kind == "month_range2":
        y = f"{cn_int(g['y']):04d}" if g.get("y") else "XXXX"
        return f"{y}-{cn_int(g['m1']):02d}/{y}-{cn_int(g['m2']):02d}"
    if kind == "fiscal":
        y = int(g["y"])
        return f"{y}/{(y // 100) * 100 + int(g['y2']) if int(g['y2']) > y % 100 else y + 1}"
    if kind == "year_range":
        return f"{cn_int(g['y'])}/{cn_int(g['y2'])}"
    if kind == "five_year":
        if not (g.get("q1") and g.get("q2")) and not g.get("plan") and not g["fyp"].startswith("十"):
            return None
        n = cn_int(g["fyp"])
        start = 1953 if n == 1 else 1958 if n == 2 else 1966 + 5 * (n - 3)
        suf = g.get("suf")
        return str(start + 4) if suf == "末" else str(start) if suf == "初" else f"{start}/{start + 4}"
    if kind == "offset_years":
        n = cn_int(g["n"].replace("两", "二"))
        return f"Y{'+' if g['dir'] == '后' else '-'}{n}"
    if kind == "word":
        return _vocab()[0][g["word"]]
    if kind == "today_paren" and g.get("m"):
        return f"XXXX-{cn_int(g['m']):02d}-{cn_int(g['d']):02d}"  # 今日（三月十二日）
    if kind in ("day", "weekday_day", "today_paren", "day_verb"):
        return f"XXXX-XX-{cn_int(g['d']):02d}"
    if kind == "week_day":  # 本周五: W+0-5, a weekday of a relative week (1 = Monday)
        offset = {"上": -1, "下": 1}.get(g["rel"], 0)
        return f"W{offset:+d}-{'一二三四五六日天'.index(g['wd']) + 1 if g['wd'] != '天' else 7}"
    if kind == "roc_year":
        return str(1911 + int(g["roc"]))
    if kind == "year_month_range":  # 2023年12月至2024年2月
        return f"{cn_int(g['y']):04d}-{cn_int(g['m1']):02d}/{cn_int(g['y2']):04d}-{cn_int(g['m2']):02d}"
    if kind == "day_range":
        y = f"{cn_int(g['y']):04d}" if g.get("y") else "XXXX"
        mo = cn_int(g["md_m"])
        mo2 = cn_int(g["m2"]) if g.get("m2") else mo  # 3月12日至3月18日, 3月28日至4月3日
        return f"{y}-{mo:02d}-{cn_int(g['md_d']):02d}/{y}-{mo2:02d}-{cn_int(g['d2']):02d}"
    year = _year_prefix(m)
    if g.get("period"):
        part = _vocab()[1][g["period"]]
        y = year or "Y+0"
        return "/".join(f"{y}-{p}" for p in part.split("/"))
    if g.get("m1"):
        y = year or "XXXX"
        return f"{y}-{cn_int(g['m1']):02d}/{y}-{cn_int(g['m2']):02d}"
    if g.get("md_m"):
        return f"{year or 'XXXX'}-{cn_int(g['md_m']):02d}-{cn_int(g['md_d']):02d}"
    if g.get("mon"):
        return f"{year or 'XXXX'}-{cn_int(g['mon']):02d}"
    return year


_ROC_BARE = ("roc_year", regex.compile(r"(?<![\d.])(?P<roc>1[0-4]\d)\s*年度?(?![\d个])"))


def find_dates(text: str, roc_years: bool = False) -> list[DateMatch]:
    """All date expressions, longest and earliest first, never overlapping. `roc_years`: the
    text is Taiwanese (Traditional script), where a bare 112年 or 114年度 is a Republic year."""
    found: list[DateMatch] = []
    taken = [False] * (len(text) + 1)
    for kind, pat in _patterns() + ([_ROC_BARE] if roc_years else []):
        for m in pat.finditer(text):
            if m.end() <= m.start() or any(taken[m.start():m.end()]):
                continue
            if kind == "rel_sub" and not any(m.groupdict().get(k) for k in ("period", "m1", "md_m", "mon")):
                continue
            if _glued_after_verb(text, m):
                continue
            try:
                value = _value(kind, m)
            except (KeyError, ValueError):
                continue
            if value is None or not _plausible(value):
                continue
            found.append(DateMatch(m.start(), m.end(), value))
            for k in range(m.start(), m.end()):
                taken[k] = True
    return _anaphora(sorted(found, key=lambda d: d.start), text)


_SAME_DAY = ("同日", "当日", "当天")


def _anaphora(found: list[DateMatch], text: str) -> list[DateMatch]:
    """同日 takes the day of the date before it; a bare 28日 takes that date's year and month."""
    out: list[DateMatch] = []
    last_day: str | None = None
    for d in found:
        value = d.value
        if text[d.start:d.end] in _SAME_DAY and last_day:
            value = last_day
        elif value.startswith("XXXX-XX-") and last_day:
            value = last_day[:8] + value[8:]
        if _FULL_DAY.fullmatch(value):
            last_day = value
        out.append(DateMatch(d.start, d.end, value))
    return out


_SPACE = re.compile(r"\s+")
_DIGIT_SPACE_DIGIT = re.compile(r"\d\s+\d")
_FULL_DAY = re.compile(r"(\d{4}|XXXX)-\d\d-\d\d")
_MONTHS = re.compile(r"(?:^|/)(?:\d{4}|XXXX|Y[+-]\d+)-(\d\d)")
_RELATIVE = re.compile(r"[YDWM][+-]\d|XXXX|XX")


def _glued_after_verb(text: str, m: regex.Match[str]) -> bool:
    """`达产后年产值`, `建成前年均…`: 后/前 closes the verb before it ("after reaching output"), so
    后年/前年 is not a date there; it is one after punctuation or a word such as 到, 和, 今年、."""
    rel = m.groupdict().get("rel")
    if not rel or rel[0] not in "前后" or m.start("rel") == 0:
        return False
    before = text[m.start("rel") - 1]
    return "\u4e00" <= before <= "\u9fff" and before not in _BEFORE_REL_YEAR


_BEFORE_REL_YEAR = set("到在至和与及或于从自是今明大")


def _plausible(value: str) -> bool:
    for mo in _MONTHS.findall(value):
        if not 1 <= int(mo) <= 12:
            return False
    return True


def is_relative(value: str) -> bool:
    return _RELATIVE.search(value) is not None


def doc_dates(doc) -> list[DateMatch]:
    """The document's date matches, found once and shared (targets read them for periods)."""
    if "date_matches" not in doc.cache:
        doc.cache["date_matches"] = find_dates(doc.text, roc_years=doc.norm.script in ("traditional", "mixed"))
    return doc.cache["date_matches"]


@register("dates", category="dates")
def extract_dates(doc) -> list[DateFact]:
    facts: list[DateFact] = []
    seen: set[tuple[str, str]] = set()
    for d in doc_dates(doc):
        text = doc.as_written(d.start, d.end)
        if _SPACE.search(text) and not _DIGIT_SPACE_DIGIT.search(text):
            text = _SPACE.sub("", text)  # 2023 年 → 2023年, but 2021 12 28 keeps its separators
        key = (text, d.value)
        if key in seen:
            continue
        seen.add(key)
        facts.append(DateFact(text=text, text_original=doc.original_form(d.start, d.end), value=d.value,
                              relative=is_relative(d.value), span=doc.span(d.start, d.end)))
    return facts
