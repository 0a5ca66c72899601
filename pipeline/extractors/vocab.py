"""Shared readers of names, titles and organisation names, built once from the lexicons.

This is where the rules for *what a name, a title and an organisation look like* live:
- `name_at`: a surname-led name of 2–4 characters, its end decided by what follows;
- `parse_title`: split a title into organisation and role (`市发改委党组书记` →
  `市发改委` + `党组书记`), preferring the shortest role that leaves a real organisation;
- `is_org`: whether a string is an organisation name (suffix, place or level start,
  short forms, not a zone, a meeting or a title).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from ..lexicons import load, read_list, read_sections
from ..wordtrie import word_pattern, word_regex

INNER_STOPS = ("的", "以及", "及其", "均由", "并且", "通过", "在", "已", "将", "被")
LEADING_TENSE = ("拟任", "时任", "曾任", "现任", "新任", "原任", "原", "前")
NOT_SURNAME_START = set("在由对把和与及将从据按随被让")  # 向, 为 and 经 are real surnames too
FUNCTION_START = set("在由对把为和与及将向从据按随被让")
STRONG_FOLLOWERS = {"说", "称", "讲", "道", "等"}
# 他说，, 王明说：: a one-character verb of saying, unambiguous before a comma or a colon
SAID_BEFORE_COMMA = re.compile(r"[说称](?=[，,：:])")
DOTTED_NAME = re.compile(r"[\u4e00-\u9fff]{2,6}(?:[·•‧・][\u4e00-\u9fff]{2,6}){1,2}")
NOT_NAME_CHARS = set("届次的了是在和与及")
PUNCT = set("，,。．.！!？?；;：:、“”\"‘’'「」『』（）()【】《》〈〉[]…—-－~ \t\n\u3000·•/")
ORG_CHARS = set("委局办厅部会院司区市县省镇乡村党府署处团组队站所社报")
ZONE_ENDINGS = tuple(read_list("zones.txt"))
COMPANY_HEADS = ("公司", "有限公司", "集团", "集团公司", "企业")
# levels below the county, which the gazetteer (places.tsv) does not list: towns, villages
LEVEL_PLACE = re.compile(r"([\u4e00-\u9fff]{1,4}?)(街道|社区|镇|乡|村|嘎查|苏木)")
SCOPE_START = set("全本该我各每其此这那外邻某")  # 全镇, 各村, 该县: scope words, not names
WEAK_IGNORED = {"会", "网", "团", "组", "队", "站", "所", "科", "厂", "支部"}
MEMOISED = ("plausible_name", "wordlike", "roles_ending", "parse_title", "unlisted_org", "has_good_start",
            "is_org", "_title_inside", "suffix_of")


@dataclass(frozen=True)
class TitleParse:
    text: str
    org: str | None
    role: str


class Vocab:
    def __init__(self) -> None:
        lex = load()
        self.lex = lex
        self.surnames = lex.surnames
        self.compound = lex.compound_surnames
        self.rare = lex.rare_surnames
        self.stop = lex.name_stopwords
        self.titles = set(lex.titles)
        self.prefixes = lex.title_prefixes
        self.max_title = max(len(t) for t in self.titles)
        self.suffixes = tuple(s for s in lex.org_suffixes if s not in WEAK_IGNORED)
        self.weak = {s for s in lex.weak_org_suffixes if s not in WEAK_IGNORED}
        generic = read_sections("org_generic_words.txt", ("business", "ownership"))
        self.generic = frozenset(r[0] for r in generic[""] if r)
        self.business_kinds = frozenset(r[0] for r in generic.get("business", []) if r)
        self.ownership = tuple(r[0] for r in generic.get("ownership", []) if r)
        self.abbrev = lex.org_abbrev_prefixed
        self.standalone = lex.org_standalone
        self.bare = set(read_list("org_bare.txt"))
        self.places = lex.place_names
        self.state_bodies = set(read_list("state_bodies.txt"))
        self.good_starts = tuple(sorted(read_list("org_good_starts.txt"), key=len, reverse=True))
        self.left_stops = tuple(sorted(read_list("org_left_stops.txt"), key=len, reverse=True))
        self.inname_stops = frozenset(r[0] for rows in read_sections("org_left_stops.txt").values()
                                      for r in rows if len(r) > 1 and r[1] == "inname")
        self.meetings = tuple(sorted(read_list("meeting_words.txt"), key=len, reverse=True))
        self.meeting_words = frozenset(self.meetings)
        self.credit_roles = set(read_list("credit_roles.txt"))
        followers = read_list("name_followers.txt")
        self.followers = tuple(sorted(set(followers) | set(lex.speech_verbs), key=len, reverse=True))
        self.follower_re = _alternation(self.followers)
        self.strong_follower_re = _alternation(f for f in self.followers if len(f) >= 2 or f in STRONG_FOLLOWERS)
        self.weak_follower_re = _alternation(f for f in self.followers if len(f) == 1)
        self.title_re = re.compile(f"(?:{_alt(self.prefixes)})*(?:{_alt(self.titles)})")
        self.bare_title_re = re.compile(_alt(self.titles))
        # heads with a conjunction inside (发展和改革局, 住房和城乡建设局): 和 there joins no two bodies
        self.conjunction_heads = tuple(h for h in {*self.suffixes, *self.abbrev} if any(c in h[1:-1] for c in "和与及"))
        self.suffix_re = _alternation(self.suffixes)
        self.subject_verbs = _alternation(set(lex.speech_verbs) | {"主持", "出席", "调研", "告诉记者", "介绍"})
        self.multi_left_stops = {w for w in self.left_stops if len(w) >= 2}
        self.max_left_stop = max((len(w) for w in self.left_stops), default=1)
        self._heads: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        for last in {h[-1] for h in (*self.suffixes, *self.abbrev)}:
            self._heads[last] = (tuple(x for x in self.suffixes if x.endswith(last)),
                                 tuple(sorted((x for x in self.abbrev if x.endswith(last)), key=len, reverse=True)))
        self.max_place = max((len(p) for p in self.places), default=1)
        # place names by their first two characters, longest first: thousands of names make a
        # regex alternation slow, while most positions fail at one dictionary look-up here
        by_prefix: dict[str, set[int]] = {}
        for p in self.places:
            if len(p) >= 2:
                by_prefix.setdefault(p[:2], set()).add(len(p))
        self._place_lengths = {k: tuple(sorted(v, reverse=True)) for k, v in by_prefix.items()}
        # memoised: these read only their string arguments and the lexicons, and the same names,
        # titles and organisation strings come back at many positions and in many documents;
        # bounded, so memory stays flat over any number of documents
        for method in MEMOISED:
            setattr(self, method, lru_cache(maxsize=1 << 17)(getattr(self, method)))

    # ---- names -------------------------------------------------------------
    def surname_at(self, text: str, pos: int) -> str | None:
        if text[pos:pos + 2] in self.compound:
            return text[pos:pos + 2]
        if text[pos:pos + 1] in self.surnames:
            return text[pos:pos + 1]
        return None

    def plausible_name(self, name: str, strict: bool = True) -> bool:
        """A surname-led 2–4 character string that is not a word, place, title or organisation.
        `strict=False` (a title or a byline vouches for it) lets famous names such as 李娜 through."""
        if DOTTED_NAME.fullmatch(name):
            return name not in self.places
        if name[:1] in NOT_SURNAME_START:
            return False  # 在调试, 和有关: a function word, not a surname
        if not 2 <= len(name) <= 4 or not all("\u4e00" <= c <= "\u9fff" for c in name):
            return False
        sur = self.surname_at(name, 0)
        if sur is None or len(name) - len(sur) not in (1, 2):
            return False
        if name in self.stop or name in self.places or name in self.titles or name in self.standalone:
            return False
        if any(c in ORG_CHARS or c in NOT_NAME_CHARS for c in name[len(sur):]):
            return False
        from ..segment import word_freq

        if not strict:
            return True  # a title or byline vouches: 书记廖长春 (长春 is also a city)
        if self.lex.places.get(name[len(sur):]) in ("province", "city"):
            return False  # 和浙江: a province or city is not a given name
        if word_freq(name) > 300:
            return False  # 卓越, 干净, 程度: ordinary words
        if sur in self.rare and len(name) - len(sur) == 2 and word_freq(name[len(sur):]) > 300:
            return False
        return not any(name.startswith(s) for s in ("中共", "全国"))

    def _title_inside(self, name: str) -> bool:
        """`华为…常务董事汪明远与比亚迪…`: a title with more than a character after it is a chain, not a name."""
        for k in range(0, len(name) - 3):
            for n in (2, 3, 4):
                if name[k:k + n] not in self.titles or len(name) - (k + n) < 2:
                    continue
                head = self.suffix_re.match(name, k)
                if head and head.end() > k + n:
                    continue  # 人大常委会办公室: 常委 opens the head 常委会, it is no title here
                rest = name[k + n:]
                office = not name[k:k + n].endswith(("师", "员", "士", "授"))  # 工程师 can sit inside a name
                if (office and len(rest) >= 3) or rest[0] in "和与及" or any(self.plausible_name(x) and not self.wordlike(x)
                                                                   for x in (rest[:3], rest[:2])):
                    return True  # a title with a name or more words after it: a chain, not one name
        return False

    @staticmethod
    def wordlike(name: str) -> bool:
        """Does a would-be name start or end with a common word (关于江, 发展中)?"""
        from ..segment import word_freq

        if name[:2] in vocab().compound:
            return word_freq(name[2:]) > 300
        return word_freq(name[:2]) > 100 or word_freq(name[1:]) > 300

    def follows_name(self, text: str, pos: int) -> bool:
        """Does a name plausibly end at pos (punctuation, a follower verb, or a title)?"""
        if pos >= len(text) or text[pos] in PUNCT or not "\u4e00" <= text[pos] <= "\u9fff":
            return True
        return bool(self.follower_re.match(text, pos)) or self.title_at(text, pos) is not None

    def dotted_start(self, text: str, m: re.Match[str]) -> int | None:
        """Where a dotted name found by DOTTED_NAME really starts: after a title, or at a boundary."""
        dot = m.start() + min(i for i in (m.group().find(d) for d in "·•‧・") if i >= 0)
        for p in range(m.start(), dot - 1):
            if self.title_ends_at(text, p):
                return p
        p = m.start()
        if p == 0 or not "\u4e00" <= text[p - 1] <= "\u9fff" or text[p - 1] in ORG_CHARS:
            return p
        return None

    def dotted_name_at(self, text: str, pos: int) -> str | None:
        """`艾尔肯·热合曼`, `阿卜杜热西提·吐尔洪`: transliterated names joined by a middle dot."""
        m = DOTTED_NAME.match(text, pos)
        if not m or not (pos == 0 or not "\u4e00" <= text[pos - 1] <= "\u9fff" or text[pos - 1] in ORG_CHARS
                         or self.title_ends_at(text, pos)):
            return None
        last_part = m.start() + max(m.group().rfind(d) for d in "·•‧・") + 1
        for end in range(last_part + 2, m.end() + 1):  # the last part ends where a verb or punctuation begins
            if end == m.end() and (end >= len(text) or not "\u4e00" <= text[end] <= "\u9fff"):
                return text[pos:end]
            if self.follower_re.match(text, end) or self.title_at(text, end):
                return text[pos:end]
        return text[pos:min(m.end(), last_part + 3)]  # no boundary seen: most such parts have three characters

    def title_ends_at(self, text: str, pos: int) -> bool:
        return any(text[pos - n:pos] in self.titles for n in range(1, min(pos, self.max_title) + 1))

    def name_at(self, text: str, pos: int, known: set[str] | frozenset[str] = frozenset(),
                default_long: bool = False, strict: bool = True) -> str | None:
        """The name starting at pos, or None. Shortest length whose end is followed by a
        boundary wins; a known name of the document breaks ties; three characters by default."""
        dotted = self.dotted_name_at(text, pos)
        if dotted:
            return dotted
        sur = self.surname_at(text, pos)
        if sur is None:
            return None
        lengths = [len(sur) + 1, len(sur) + 2]
        shortest = None
        for k in known:
            if len(k) in lengths and text.startswith(k, pos) and (shortest is None or len(k) < len(shortest)):
                shortest = k
        if shortest is not None:
            return shortest  # the shortest known reading: 杨明 before 杨明还
        candidates = [n for n in lengths if self.plausible_name(text[pos:pos + n], strict=strict)]
        if not candidates:
            return None
        for n in candidates:
            end = pos + n
            if end >= len(text) or text[end] in PUNCT:
                return text[pos:end]
            if self.strong_follower_re.match(text, end) or self.title_at(text, end):
                return text[pos:end]
            if n == candidates[-1] and self.weak_follower_re.match(text, end):
                return text[pos:end]
        # single-character followers (以, 则, 在) can also be name characters: prefer the longer reading
        for n in reversed(candidates):
            if self.follows_name(text, pos + n):
                return text[pos:pos + n]
        if default_long and len(sur) + 2 in candidates and not self.wordlike(text[pos:pos + len(sur) + 2]):
            return text[pos:pos + len(sur) + 2]  # strong evidence before it: most names have three characters
        return None

    def place_at(self, text: str, pos: int, end: int | None = None) -> int:
        """Length of the longest place name (two characters or more) at pos ending by `end`; 0 if none."""
        lengths = self._place_lengths.get(text[pos:pos + 2])
        if lengths:
            limit = (len(text) if end is None else end) - pos
            for n in lengths:
                if n <= limit and text[pos:pos + n] in self.places:
                    return n
        return 0

    # ---- titles -------------------------------------------------------------
    def title_at(self, text: str, pos: int) -> str | None:
        """The longest title word (with prefixes) starting at pos."""
        m = self.title_re.match(text, pos)
        return m.group() if m else None

    def roles_ending(self, seg: str) -> tuple[str, ...]:
        """Every role (title word with prefixes) that `seg` ends with, shortest first."""
        roles = set()
        for n in range(1, min(len(seg), self.max_title) + 1):
            t = seg[-n:]
            if t not in self.titles:
                continue
            roles.add(t)
            head = seg[:-n]
            changed = True
            while changed:
                changed = False
                for p in self.prefixes:
                    if head.endswith(p) and p:
                        t = p + t
                        head = head[: -len(p)]
                        roles.add(t)
                        changed = True
                        break
        return tuple(sorted(roles, key=len))

    def parse_title(self, seg: str, strict_start: bool = False) -> TitleParse | None:
        """Split `seg` into organisation + role, or None when it is not a title.

        First the shortest role that leaves a real organisation (a head such as 局 or 公司,
        a short form, a place: `海淀区区长`, `甘肃省副省长` — a place is kept in `org` but never
        listed as an organisation); then `X部长`-style titles whose role fuses with the
        organisation's head (`经济部长` = 经济部 + 部长); last, a short unlisted name before
        its role (`民建联主席`), the longest role first so the role keeps its own words.
        """
        for lead in LEADING_TENSE:
            if seg.startswith(lead) and len(seg) > len(lead) + 1:
                if len(lead) == 1 and not self.has_good_start(seg[1:]):
                    continue  # 前海管理局: 前 is part of a name here, not "former"
                inner = self.parse_title(seg[len(lead):], strict_start)
                if inner is not None and inner.org is not None:
                    return TitleParse(seg, inner.org, inner.role)  # 拟任市商务局局长, 原市委书记
        roles = self.roles_ending(seg)
        for role in roles:
            org = seg[: -len(role)]
            if not org:
                fused = next((seg[:n] for n in range(len(seg) - 1, 1, -1) if seg[:n] in self.standalone), None)
                return TitleParse(seg, fused, role)  # 行政院长: the title word holds its organisation
            if org.endswith(self.prefixes):
                continue  # 市政协副 + 主席: the prefix belongs to the role
            if org.endswith("党籍") and 2 <= len(org) <= 7:
                return TitleParse(seg, org[:-1], role)  # 民进党籍立委: the party, then the post
            if org in self.places or (org[:-1] in self.places and org[-1] in "省市县区州"):
                return TitleParse(seg, org, role)
            if org in self.meeting_words:
                return TitleParse(seg, None, role)  # 大会执行主席: a post at a meeting, no organisation
            if org in self.generic:
                return TitleParse(seg, None, role)  # 集团党委书记, 公司总经理: a post in an unnamed institution
            if self.is_org(org, need_start=strict_start, bounded=True, in_title=not strict_start):
                for organ in ("党组", "党委"):
                    inner = org[: -len(organ)]
                    if org.endswith(organ) and inner and (self.is_org(inner) or self.suffix_of(inner) in self.state_bodies):
                        return TitleParse(seg, inner, organ + role)
                return TitleParse(seg, org, role)
        if seg.endswith("长") and len(seg) >= 3 and seg[-2] in "部局处厅署院会司委":
            org = seg[:-1]
            if org in self.standalone or self.is_org(org, in_title=True):
                return TitleParse(seg, org, seg[-2:])
        if strict_start:
            return None
        for role in reversed(roles):
            org = seg[: -len(role)]
            if org and not org.endswith(self.prefixes) and self.unlisted_org(org):
                return TitleParse(seg, org, role)
        return None

    def unlisted_org(self, name: str) -> bool:
        """A short name with no organisation head, vouched for by the role after it (民建联, 灵犀智能)."""
        from ..segment import word_freq

        return (3 <= len(name) <= 8 and name[0] not in FUNCTION_START and name not in self.places
                and not self.roles_ending(name) and word_freq(name) < 50 and word_freq(name[:2]) < 300
                and "的" not in name
                and not any(c in PUNCT for c in name))

    # ---- organisations -----------------------------------------------------------
    def suffix_of(self, name: str) -> str | None:
        """The organisation head `name` ends with: a listed suffix first, else a short form."""
        for group in self._heads.get(name[-1:], ()):
            for h in group:
                if name.endswith(h):
                    return h
        return None

    def has_good_start(self, name: str, bounded: bool = True) -> bool:
        """Does the name begin like an organisation: a place, 中共/国家/全国, a zone, or (at a
        left boundary only) a level character such as 市 in 市发改委?"""
        for g in self.good_starts:
            if name.startswith(g) and (len(g) > 1 or bounded):
                return True
        if any(name[:n] in self.places for n in range(2, min(len(name), self.max_place) + 1)):
            return True
        if bounded and self.unlisted_place_start(name):
            return True
        return any(name.startswith(z) and len(z) < len(name) for z in ZONE_ENDINGS)

    def _business_kind(self, head: str) -> bool:
        """投资, 国有投资, 投资集团 (before 公司): a kind of business, owned by someone, maybe a group."""
        for company in COMPANY_HEADS:
            if head.endswith(company) and len(head) > len(company):
                head = head[: -len(company)]
                break
        for owner in self.ownership:
            if head.startswith(owner) and len(head) > len(owner):
                head = head[len(owner):]
                break
        return head in self.business_kinds or head in self.ownership  # 国有公司, 民营企业

    def unlisted_place_start(self, name: str) -> bool:
        """Does `name` open with a town, village or community, which the gazetteer does not list,
        named by its level (青石镇人民政府, 枫林村党支部)? The part before the level must read as a
        name: not a verb or function word by jieba's dictionary (传达, 借助), not a common word
        (城乡) or a scope word (全镇, 各村); a head must follow."""
        from ..segment import not_name_words, word_freq

        m = LEVEL_PLACE.match(name)
        if not m or m.end() >= len(name) or len(m.group(1)) < 2:
            return False
        prefix = m.group(1)
        return (prefix[0] not in SCOPE_START and prefix[0] not in FUNCTION_START and not any(c in ORG_CHARS for c in prefix)
                and prefix[:2] not in not_name_words() and word_freq(prefix) < 1000 and prefix not in self.stop)

    def is_org(self, name: str, need_start: bool = False, bounded: bool = True, governed: bool = False,
               in_title: bool = False) -> bool:
        """Is `name` an organisation name? `bounded`: it starts at a clause or phrase boundary;
        `governed`: a verb that takes an organisation stands right before it (用好, 深化)."""
        if not name or len(name) > 30 or any(c in PUNCT - set("()（）") for c in name):
            return False
        if name in self.standalone or name in self.bare or (name in self.abbrev and len(name) >= 3 and bounded):
            return True
        if name in self.places or name.endswith(ZONE_ENDINGS) or LEVEL_PLACE.fullmatch(name):
            return False  # a place (青石镇 too, though the gazetteer does not list towns) or a zone
        if name.endswith(self.meetings) and not name.endswith("人民代表大会"):
            return False  # 省委工作会议, 党代会 are meetings; a people's congress is a body
        if any(w in name for w in INNER_STOPS) or self._title_inside(name):
            return False
        if any(m in name[:-1] for m in self.meetings) and not name.endswith(("代表团", "代表处")):
            return False  # 省委十四届四次全会精神…市委: a meeting inside is not a name
        suffix = self.suffix_of(name)
        if suffix is None:
            return False
        head = name[: -len(suffix)]
        if not head or head in self.generic:
            return False  # 集团党委, 公司党委: a generic institution word before the head names nothing
        if suffix in COMPANY_HEADS and self._business_kind(head):
            return False  # 咨询公司, 投资集团: a kind of business, not a company's name
        for c in re.finditer(r"[与及]|(?<!共)和", head):
            before = name[:c.start()]
            if self.roles_ending(before) or any(self.plausible_name(before[-n:]) and not self.wordlike(before[-n:])
                                                for n in (2, 3) if len(before) >= n):
                return False  # 院士和浙江大学, 董事汪明远与比亚迪…: a conjunction after a title or a name
        false_head = next((w for w in COMMON_ENDINGS.get(suffix, ()) if name.endswith(w)), None)
        if false_head and not any(len(h) > len(false_head) and name.endswith(h)
                                  for group in self._heads.get(name[-1], ()) for h in group):
            return False  # 大局, 格局; but 市财政局 ends with the short form 财政局, not with 政局
        if self.roles_ending(name) and not any(name.endswith(s) for s in self.suffixes if len(s) >= 2):
            return False  # 市委常委, 人大代表: a title, not an organisation
        state = suffix in self.state_bodies or name.endswith(tuple(self.state_bodies))
        weak = suffix in self.weak or len(suffix) == 1 or (suffix in self.abbrev and len(suffix) <= 3)
        if head in ("市", "省", "县", "区", "镇", "乡", "村", "州", "盟", "旗"):
            return bounded and (state or suffix in self.abbrev or (suffix not in self.weak and len(suffix) >= 2))
        if governed and len(suffix) >= 2 and len(head) >= 4 and not state:
            return True
        if in_title and bounded and len(head) >= 2:
            return True  # a title vouches for the organisation before its role (前海管理局局长)
        if state or weak or need_start:
            return self.has_good_start(name, bounded)
        return len(head) >= 2 or self.has_good_start(name, bounded)


def _false_heads() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for rows in read_sections("org_false_heads.tsv").values():
        for r in rows:
            if len(r) >= 2:
                table.setdefault(r[0], []).append(r[1])
    return {k: tuple(v) for k, v in table.items()}


# ordinary words that end like an organisation head (lexicons/org_false_heads.tsv)
COMMON_ENDINGS: dict[str, tuple[str, ...]] = _false_heads()


def _alt(words) -> str:
    return word_pattern(words)


def _alternation(words) -> re.Pattern[str]:
    """One compiled word list (a trie), so a match is the longest word at a position."""
    return word_regex(words)


@cache
def vocab() -> Vocab:
    return Vocab()
