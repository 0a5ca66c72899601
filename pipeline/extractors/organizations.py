"""Organisations: maximal names as they stand, anchored on their heads.

Every organisation head (lexicons/org_suffixes.txt, org_abbreviations.txt, org_bare.txt)
that ends on a word boundary is extended leftwards until a function word, a governing verb
(org_left_stops.txt) or punctuation; the longest extension that still reads as an
organisation (vocab.Vocab.is_org: a place or level start, a strong suffix, not a zone, a
meeting or a title) is the name. Overlaps keep the longest, except that an organisation
inside a delegation's name counts on its own (GUIDELINES.md). Datelines (`金山网讯`) give
the outlet.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache

from ..lexicons import read_sections
from ..models import Organization
from ..registry import register
from ..segment import word_freq
from ..wordtrie import occurrences, word_regex
from .vocab import COMPANY_HEADS, FUNCTION_START, ORG_CHARS, PUNCT, vocab

_BRACKETS = set("()（）")
_DATELINE = re.compile(r"(?:^|\n)\s*(?P<name>[\u4e00-\u9fff]{2,6}网)讯")
_CONTAINERS = ("代表团", "考察团", "访问团")


@cache
def _heads_by_last_char() -> dict[str, list[str]]:
    v = vocab()
    heads = set(v.suffixes) | set(v.abbrev) | set(v.standalone) | set(v.bare)
    table: dict[str, list[str]] = defaultdict(list)
    for h in heads:
        table[h[-1]].append(h)
    for k in table:
        table[k].sort(key=len, reverse=True)
    return dict(table)


@cache
def _head_last_re() -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(c) for c in sorted(_heads_by_last_char())) + "]")


@cache
def _heads_by_last_two() -> dict[str, tuple[str, ...]]:
    """Heads of two characters or more by their last two, longest first: a position then has
    only a few heads to try instead of every head with its last character."""
    table: dict[str, list[str]] = defaultdict(list)
    for heads in _heads_by_last_char().values():
        for h in heads:
            if len(h) >= 2:
                table[h[-2:]].append(h)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in table.items()}


@cache
def _single_heads() -> frozenset[str]:
    return frozenset(h for heads in _heads_by_last_char().values() for h in heads if len(h) == 1)


def _heads_ending_at(text: str, e: int) -> list[str]:
    """Every head that text[:e] ends with, longest first."""
    heads = [h for h in _heads_by_last_two().get(text[e - 2:e], ()) if text.endswith(h, 0, e)] if e >= 2 else []
    if text[e - 1] in _single_heads():
        heads.append(text[e - 1])
    return heads


@cache
def _left_stop_lengths() -> dict[str, tuple[int, ...]]:
    """Lengths of the multi-character left stops by their last character, shortest first."""
    table: dict[str, set[int]] = defaultdict(set)
    for w in vocab().multi_left_stops:
        table[w[-1]].add(len(w))
    return {k: tuple(sorted(v)) for k, v in table.items()}


def _walk_back(text: str, pos: int, single_tokens: frozenset[int], floor: int = 0, limit: int = 25,
               date_ends: frozenset[int] = frozenset()) -> tuple[int, bool]:
    """Leftmost start of a name ending at pos, and whether a governing word stopped the walk.

    A one-character stop (的, 和, 都) stops the walk only where the segmenter made it a word of
    its own, so 成都 and 人才 do not cut 成都市委 and 省人才办."""
    v = vocab()
    k = pos
    while k > floor and pos - k < limit:
        ch = text[k - 1]
        if (ch in PUNCT and ch not in _BRACKETS) or not ("\u4e00" <= ch <= "\u9fff" or ch in _BRACKETS or ch.isalnum()):
            break
        stop = next((n for n in _left_stop_lengths().get(ch, ()) if n <= k and text[k - n:k] in v.multi_left_stops), 0)
        # a governing verb stops the name, unless it stands right before the head (永丰建设集团,
        # 蜀能投资集团有限责任公司) or right after a level character (宁川市城市建设投资集团)
        inname = stop and text[k - stop:k] in v.inname_stops and (k == pos or text[k:pos] in COMPANY_HEADS
                                                                  or text[k - stop - 1:k - stop] in "市县区省镇")
        if stop and not inname:
            return k, True
        if k in date_ends:
            break  # 市府去年委托…: a date ends the name
        if ch in v.left_stops and ((k - 1) in single_tokens or _glued_to_level(text, k)):
            break
        if ch == "年" and k >= 2 and text[k - 2].isdigit():
            break
        if ch.isascii() and ch.isdigit():
            break
        k -= 1
    return k, False


_GLUING_STOPS = frozenset("据由在对向从为与和及将把按随被让经于")  # prepositions a segmenter glues to 市, 省


def _glued_to_level(text: str, k: int) -> bool:
    """`据市投资促进局`, `由省发展改革委`, `由港铁公司`: a preposition that a segmenter glued to
    the name's first character (据市, 由省, 由港: not dictionary words); unless the two end a
    place (平和县, 于都县)."""
    if k >= len(text) or text[k - 1] not in _GLUING_STOPS:
        return False
    if text[k] not in "市省县区镇乡" and word_freq(text[k - 1:k + 1]) > 0:
        return False  # 由于, 在于: a real word; 由港 (由港铁公司) is a segmenter's guess
    places = vocab().places
    return not any(text[k - n:k + 1] in places for n in range(1, 5) if k - n >= 0)


_COUNT = r"(?:\d+|[一二三四五六七八九十百千万两几数多]+)(?:个|家|所|间|座|条|处|支|批|项)"
_COUNTED = re.compile(_COUNT + "$")
_COUNT_FIRST = re.compile(_COUNT)


def _balanced(name: str) -> bool:
    depth = 0
    for c in name:
        depth += c in "(（"
        depth -= c in ")）"
        if depth < 0:
            return False
    return depth == 0


def find_organizations(doc) -> list[tuple[int, int]]:
    v = vocab()
    text = doc.text
    token_ends, token_starts, single_tokens = doc.seg.end_set, doc.seg.start_set, doc.seg.single_char_starts
    from .dates import doc_dates

    date_ends = frozenset(d.end for d in doc_dates(doc))
    found: list[tuple[int, int]] = []
    for last in _head_last_re().finditer(text):  # only where a head can end
        e = last.end()
        if not (e in token_ends or e == len(text) or text[e] in PUNCT or v.title_at(text, e)):
            continue
        for head in _heads_ending_at(text, e):
            p = e - len(head)
            if len(head) == 1 and e < len(text) and word_freq(text[e - 1:e + 1]) > 2000 and not v.is_org(text[e - 1:e + 1]):
                continue  # 资源部门, 委员: the head is the start of another word
            start, governed = _walk_back(text, p, single_tokens, date_ends=date_ends)
            for k in range(start, p + 1):
                if text[k] in FUNCTION_START and not v.has_good_start(text[k:e]):
                    continue  # 由港铁公司: a preposition the segmenter glued on never opens a name
                if k > start and k not in token_starts and text[k - 1] not in FUNCTION_START:
                    continue  # 准化学校 (标准化学校), 贯制学校: a name starts where a word does
                if _COUNTED.search(text, max(0, k - 8), k) or _COUNT_FIRST.match(text, k):
                    continue  # 14间长者日间护理中心, 两所中学: a count of a kind of body names none
                name = text[k:e]
                if _balanced(name) and v.is_org(name, bounded=k == start, governed=governed and k == start):
                    found.append(_inner_if_organ(text, k, e))
                    break
            else:
                continue
            break
    for m in _DATELINE.finditer(text):
        found.append((m.start("name"), m.end("name")))
    found += _company_short_names(doc)
    found += _known_companies(doc)
    kept = _keep_maximal(found, text)
    return sorted(kept + _brands_used_alone(text, kept))


@cache
def _known() -> tuple[re.Pattern[str], frozenset[str]]:
    sections = read_sections("org_known_companies.txt", ("ambiguous",))
    plain = [r[0] for r in sections[""] if r and r[0]]
    ambiguous = [r[0] for r in sections.get("ambiguous", []) if r and r[0]]
    return word_regex(plain + ambiguous), frozenset(ambiguous)


def _known_companies(doc) -> list[tuple[int, int]]:
    """Well-known companies that news names without 公司 or 集团 (华为, 宁德时代, 台积电), from
    lexicons/org_known_companies.txt, where the segmenter agrees they are words of their own;
    a name that is also an ordinary word (小米, 理想) needs a company cue in its clause."""
    text = doc.text
    pattern, ambiguous = _known()
    starts, ends = doc.seg.start_set, doc.seg.end_set
    cues = _industry()[1]
    out: list[tuple[int, int]] = []
    for m in pattern.finditer(text):
        s, e = m.span()
        if not ((s in starts or s == 0) and (e in ends or e == len(text) or text[e] in PUNCT)):
            continue
        if m.group() in ambiguous:
            left, right = _clause(text, s, e)
            if not any(c in text[left:right] for c in cues):
                continue
        out.append((s, e))
    return out


COMPANY_ENDINGS = ("集团股份有限公司", "股份有限公司", "集团有限公司", "有限责任公司", "有限公司", "集团公司", "集团", "公司")


def _brands_used_alone(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`华岳城建集团有限公司 …，华岳城建要…`: a company's name without its ending, used alone
    elsewhere in the text, is a short form of it and its own entry (GUIDELINES)."""
    v = vocab()
    inside = {k for s, e in spans for k in range(s, e)}
    out: list[tuple[int, int]] = []
    for s, e in spans:
        name = text[s:e]
        ending = next((x for x in COMPANY_ENDINGS if name.endswith(x)), None)
        brand = name[: -len(ending)] if ending else ""
        if not 3 <= len(brand) <= 6 or not all("\u4e00" <= c <= "\u9fff" for c in brand) or brand in v.places:
            continue
        for k in occurrences(text, brand):
            if k not in inside and k + len(brand) - 1 not in inside:
                out.append((k, k + len(brand)))
    return out


@cache
def _industry() -> tuple[re.Pattern[str], tuple[str, ...]]:
    sections = read_sections("company_industry_words.txt", ("cues",))
    words = [r[0] for r in sections[""] if r and r[0]]
    return word_regex(words), tuple(r[0] for r in sections.get("cues", []) if r and r[0])


_CLAUSE_END = re.compile(r"[，,。；;！!？?：:\n]")


def _clause(text: str, start: int, end: int, reach: int = 40) -> tuple[int, int]:
    """The clause around text[start:end]: from the last clause break before it (at most `reach`
    characters back) to the next one after it."""
    floor = max(0, start - reach)
    left = max((c.end() for c in _CLAUSE_END.finditer(text, floor, start)), default=floor)
    right = _CLAUSE_END.search(text, end)
    return left, right.start() if right else len(text)


def _company_short_names(doc) -> list[tuple[int, int]]:
    """A company's short name with no organisation head: a brand of two or three characters and
    an industry word (`美科太阳能`, `润果农业`), ending a word, with a company cue in its clause
    (`…等优质企业上市`, `入选省级…骨干企业`). The brand is made of the segmenter's words, does
    not open with a one-character word (像灵犀智能), and is neither a common word nor a place,
    so `现代农业` and `江苏农业` are not companies."""
    v = vocab()
    text = doc.text
    industry, cues = _industry()
    starts, ends = doc.seg.start_set, doc.seg.end_set
    out: list[tuple[int, int]] = []
    for m in industry.finditer(text):
        p, e = m.start(), m.end()
        if not (e == len(text) or e in ends or text[e] in PUNCT) or (e < len(text) and text[e] in ORG_CHARS):
            continue  # 运输及物流局: the industry word is inside an office's name
        clause_start, clause_end = _clause(text, p, e)
        clause_after = text[e:clause_end]
        if not (any(c in clause_after for c in cues) or text[clause_start:p].endswith(("企业", "公司"))):
            continue
        if p not in starts:
            continue  # the industry word must be a word of its own: 美科/太阳能, not 太阳能源
        for b in (p - 2, p - 3):
            brand = text[b:p]
            if (b >= clause_start and b in starts and (b + 1 not in starts or b + 2 == p) and all("\u4e00" <= c <= "\u9fff" for c in brand)
                    and brand[0] not in FUNCTION_START and brand[-1] not in "及和与" and brand not in v.places and word_freq(brand) < 30
                    and not any(c in ORG_CHARS for c in brand) and v.title_at(text, b) is None):
                out.append((b, e))
                break
    return out


def _inner_if_organ(text: str, s: int, e: int) -> tuple[int, int]:
    """`市发改委党组书记`: the party group belongs to 市发改委, which is the organisation."""
    v = vocab()
    name = text[s:e]
    for organ in ("党组", "党委"):
        if name.endswith(organ) and v.title_at(text, e) and v.is_org(name[: -len(organ)]):
            return s, e - len(organ)
    return s, e


def _keep_maximal(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    spans = sorted(set(spans), key=lambda s: (-(s[1] - s[0]), s[0]))
    kept: list[tuple[int, int]] = []
    blocks: dict[int, list[int]] = defaultdict(list)  # kept spans (by index) per 32-character block

    def near(s: int, e: int) -> list[tuple[int, int]]:
        """Kept spans that share a block with [s, e), in the order they were kept."""
        found = {i for b in range(s >> 5, ((e - 1) >> 5) + 1) for i in blocks.get(b, ())}
        return [kept[i] for i in sorted(found)]

    def keep(s: int, e: int) -> None:
        for b in range(s >> 5, ((e - 1) >> 5) + 1):
            blocks[b].append(len(kept))
        kept.append((s, e))

    for s, e in spans:
        if e <= s:
            continue
        around = near(s, e)
        outer = next((k for k in around if k[0] <= s and e <= k[1]), None)
        if outer is not None:
            if text[outer[0]:outer[1]].endswith(_CONTAINERS) and (s, e) != outer:
                keep(s, e)
            continue
        if any(k[0] < e and s < k[1] for k in around):
            continue
        keep(s, e)
    return sorted(kept)


@register("organizations", category="organizations", requires=("dates",))
def extract_organizations(doc) -> list[Organization]:
    by_name: dict[str, Organization] = {}
    for s, e in find_organizations(doc):
        name = doc.text[s:e]
        span = doc.span(s, e)
        org = by_name.get(name)
        if org is None:
            by_name[name] = Organization(id=f"O{len(by_name) + 1}", name=name, name_original=doc.original_form(s, e),
                                         span=span, mentions=[span])
        else:
            org.mentions.append(span)
    return list(by_name.values())
