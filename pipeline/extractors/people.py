"""People with their titles: named persons found by evidence, never by a bare surname.

Evidence, strongest first:
- a title chain before the name: `市委常委、镇江高新区党工委书记詹立风`, chains also broken
  by `，` (`市委农办主任，市农业农村局党委书记、局长蒋勇`); each title is split into
  organisation and role, and a bare role inherits the organisation before it (`主任` → 市发改委);
- a title after the name: `习近平总书记`;
- a byline or credit line: `记者 胡建伟`, `责任编辑:邓宇`, `（范韵 杨卫华）`, `文雯 朱大智 摄影报道`,
  a line holding only a name;
- a name that opens a clause and is followed by a speech verb: `路月中指出`.
Later bare mentions are joined by the resolve stage. Where a name ends is decided in
vocab.Vocab.name_at from what follows it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from ..models import Person, Title
from ..registry import register
from ..wordtrie import occurrences
from .vocab import (
    DOTTED_NAME,
    FUNCTION_START,
    NOT_SURNAME_START,
    ORG_CHARS,
    PUNCT,
    SAID_BEFORE_COMMA,
    TitleParse,
    vocab,
)

CHAIN_SEPS = "、，,"
CONJ = "和与及"
HONORIFICS = ("同志", "先生", "女士")
VERB_LIKE_TITLES = {"代表", "领导", "指导", "监督", "干事"}  # also verbs: 代表县政府作报告
_HONORIFIC_RE = re.compile("|".join(HONORIFICS))
HARD_STOPS = set("。！？!?；;：:“”「」『』（）()【】《》\n")
_CHAIN_STOPS = frozenset(CHAIN_SEPS) | HARD_STOPS | {" ", "\t"}  # where a title segment's left walk stops
_SEGMENT_STOPS = _CHAIN_STOPS | frozenset(CONJ)
_BRACKETED = re.compile(r"[（(]([^（()）\n]{2,60})[)）]")


@dataclass
class Found:
    start: int
    end: int
    titles: list[tuple[TitleParse, int, int]] = field(default_factory=list)  # parse, start, end (normalised)
    byline: bool = False


def _title_chain(text: str, name_start: int) -> list[tuple[TitleParse, int, int]]:
    """Titles standing right before a name, in text order, split at 、 ， and 和/与/及."""
    v = vocab()
    if not (v.title_ends_at(text, name_start) or text[name_start - 1:name_start] == "长"):
        return []  # every title parse ends with a title word (or 部长-style 长): none ends here
    chain: list[tuple[TitleParse, int, int]] = []
    end = name_start
    while end > 0:
        k = end
        while k > 0 and text[k - 1] not in _SEGMENT_STOPS and not _is_symbol(text[k - 1]):
            k -= 1
        parsed = _parse_segment(text, k, end, first=not chain)
        if k > 0 and text[k - 1] in CONJ:
            # 市自然资源和规划局党委书记: the conjunction may be inside an organisation's name
            k2 = k - 1
            while k2 > 0 and text[k2 - 1] not in _CHAIN_STOPS and not _is_symbol(text[k2 - 1]):
                k2 -= 1
            longer = _parse_segment(text, k2, end, first=not chain)
            fused = longer is not None and longer[0].org is not None and longer[0].org.endswith(v.conjunction_heads)
            if longer is not None and (longer[1] == k2 or fused) and (longer[0].org is None or v.is_org(longer[0].org, in_title=True)):
                parsed, k = longer, k2
        if parsed is None:
            break
        chain.append(parsed)
        if parsed[1] > k or k == 0 or text[k - 1] not in CHAIN_SEPS + CONJ:
            break
        end = k - 1
    chain.reverse()
    return chain


def _is_symbol(ch: str) -> bool:
    """▲, ●, ★, emoji: a picture caption's bullet or decoration is never part of a title."""
    return not ch.isalnum() and unicodedata.category(ch)[0] == "S"


def _parse_segment(text: str, k: int, end: int, first: bool) -> tuple[TitleParse, int, int] | None:
    """The title ending at `end` within text[k:end], trimming words on the left of a chain's start."""
    v = vocab()
    for j in range(k, end):
        p = v.parse_title(text[j:end])
        if p is None:
            continue
        if j == k and (p.org is None or v.has_good_start(p.org) or p.org[0] not in FUNCTION_START):
            return p, j, end
        if j > k and (p.org is None or v.has_good_start(p.org, bounded=True) or v.is_org(p.org)):
            if p.org is None and not first:
                return None
            if p.org is None and _name_ends_at(text, j, k):
                return None  # 周建新局长和黄丽萍…: the title after a name belongs to that name
            return p, j, end
    return None


def _name_ends_at(text: str, pos: int, floor: int) -> bool:
    v = vocab()
    for n in (3, 2):
        if pos - n >= floor and v.plausible_name(text[pos - n:pos]) and not v.wordlike(text[pos - n:pos]):
            return True
    return False


def _with_inherited_orgs(chain: list[tuple[TitleParse, int, int]]) -> list[tuple[TitleParse, int, int]]:
    out = []
    last_org = None
    for p, s, e in chain:
        if p.org is None and last_org is not None and p.text not in vocab().credit_roles:
            p = TitleParse(p.text, last_org, p.role)
        elif p.org is not None:
            last_org = p.org
        out.append((p, s, e))
    return out


def _after_title(text: str, end: int) -> tuple[TitleParse, int, int] | None:
    v = vocab()
    t = v.title_at(text, end)
    if t is None:
        return None
    return TitleParse(t, None, t), end, end + len(t)


def _find_by_titles(text: str, known: set[str], positions: Iterable[int] | None = None) -> list[Found]:
    """Names right after a title chain, and names right before a title."""
    v = vocab()
    found: list[Found] = []
    covered = _covered_by_known(text, known)
    title_starts, title_ends = _title_bounds(text)
    after_titles = set(title_ends)
    full_scan = positions is None
    if positions is None:
        # a name with evidence stands right after a title, or two to four characters before a
        # title or an honorific: only those positions need a look
        near = set(title_starts) | {m.start() for m in _HONORIFIC_RE.finditer(text)}
        positions = _surname_positions(text, after_titles | {s - n for s in near for n in (2, 3, 4)})
    for pos in sorted(set(positions) | (after_titles if full_scan else set())):
        dotted = v.dotted_name_at(text, pos) if pos < len(text) else None
        if pos in after_titles and v.surname_at(text, pos) is None and not dotted and pos not in covered:
            unlisted = _unlisted_after_title(text, pos)  # 州长格桑次仁深入…: a name with no Han surname
            if unlisted:
                found.append(unlisted)
            continue
        if (v.surname_at(text, pos) is None and not dotted) or pos in covered or v.title_at(text, pos):
            continue
        vouched = pos in after_titles and (not v.wordlike(text[pos:pos + 3]) or _said_after_two(text, pos))
        name = v.name_at(text, pos, known, strict=not vouched)
        if name is not None and text[pos] in FUNCTION_START and name not in known and v.name_at(text, pos + 1, known):
            continue  # 和黄丽萍: the conjunction is not a surname when a name follows it
        chain = _title_chain(text, pos) if name is not None or pos in after_titles else []
        if name is None and chain:
            name = v.name_at(text, pos, known, default_long=True, strict=False)
        if name is None:
            continue
        if chain and name not in known and v.surname_at(name, 0) in v.rare and _runs_on(text, pos + len(name)):
            continue  # 骨干教师到新校区: 到 is a rare surname, and 校区 runs on past the would-be name
        if chain:
            titles = _with_inherited_orgs(chain)
            after = _after_title(text, pos + len(name))  # 博士生导师郑宏伟教授: a title after the name too
            if after is not None and (after[2] >= len(text) or text[after[2]] in PUNCT or v.follower_re.match(text, after[2])):
                titles.append(after)
            found.append(Found(pos, pos + len(name), titles))
            continue
        if text.startswith(HONORIFICS, pos + len(name)) and v.surname_at(name, 0) not in v.rare and not _glued(text, pos):
            found.append(Found(pos, pos + len(name)))  # 以习近平同志为核心: a name with an honorific, no title
            continue
        # a title after the name (习近平总书记), when the name is not glued to a word before it
        after = _after_title(text, pos + len(name))
        if after is None or (v.surname_at(name, 0) in v.rare and v.wordlike(name)):
            continue
        end = after[2]
        if after[0].text in VERB_LIKE_TITLES and not (end >= len(text) or text[end] in PUNCT or v.follower_re.match(text, end)):
            continue  # 冯建华代表县人民政府…: 代表 is the verb here, not a title
        suffix = v.suffix_re.match(text, after[1])  # the longest organisation head there
        if suffix and suffix.end() - after[1] > len(after[0].text):
            continue  # 第八届委员会: the "title" is the start of an organisation's head
        if any(name[i:] + after[0].text in v.titles for i in range(1, len(name))):
            continue  # 国民党籍立法委员: 立法 belongs to the title 立法委员, not to a name
        if name in known or pos == 0 or text[pos - 1] in PUNCT or not _glued(text, pos):
            found.append(Found(pos, pos + len(name), [after]))
    return found


def _said_after_two(text: str, pos: int) -> bool:
    """`市长王明说，`: a verb of saying and a comma after two characters end the name there,
    though 明说 is also a word."""
    return SAID_BEFORE_COMMA.match(text, pos + 2) is not None


def _runs_on(text: str, end: int) -> bool:
    """Does a common word run across `end` (the name's last character and the next one), with
    no verb of saying or other name follower starting there?"""
    from ..segment import word_freq

    return 0 < end < len(text) and word_freq(text[end - 1:end + 1]) >= 500 and not vocab().follower_re.match(text, end)


def _unlisted_after_title(text: str, pos: int) -> Found | None:
    """A Tibetan, Yi or other name written without a Han surname, right after a title chain
    and ending where a verb or punctuation begins; needs the whole chain to parse."""
    from ..segment import word_freq

    v = vocab()
    if pos >= len(text) or text[pos] in NOT_SURNAME_START or text[pos] == "的":
        return None
    for n in range(3, 7):
        end = pos + n
        tok = text[pos:end]
        if end > len(text) or not _unlisted_name(tok) or any(word_freq(tok[i:i + 2]) >= 50 for i in range(n - 1)):
            continue
        if end == len(text) or text[end] in PUNCT or v.strong_follower_re.match(text, end):
            chain = _title_chain(text, pos)
            if chain and any(p.org is not None for p, _, _ in chain):  # an office, not just 总书记 or 干事
                return Found(pos, end, _with_inherited_orgs(chain))
    return None


def _surname_positions(text: str, wanted: set[int]) -> list[int]:
    """The wanted positions where a surname starts."""
    v = vocab()
    return sorted(p for p in wanted if 0 <= p < len(text) and v.surname_at(text, p) is not None)


@lru_cache(maxsize=4)
def _title_bounds(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Starts and ends of the title words in `text` (both passes of a document share them)."""
    spans = [m.span() for m in vocab().bare_title_re.finditer(text)]
    return tuple(s for s, _ in spans), tuple(e for _, e in spans)


def _with_known(text: str, first: list[Found], known: set[str], find) -> list[Found]:
    """Redo a first pass only where a known name changes the reading: where one starts or lies.
    Where the first pass already read the one known name starting there, it stands."""
    names_at: dict[int, set[str]] = {}
    inside = _covered_by_known(text, known)
    for name in known:
        for k in occurrences(text, name):
            names_at.setdefault(k, set()).add(name)
    read = {f.start: text[f.start:f.end] for f in first}
    redo = {k for k, names in names_at.items() if names != {read.get(k)}}
    kept = [f for f in first if f.start not in redo and f.start not in inside]
    return kept + find(text, known, sorted(redo))


def _covered_by_known(text: str, known: set[str]) -> set[int]:
    """Positions inside (not at the start of) an occurrence of a known name."""
    inside: set[int] = set()
    for name in known:
        for k in occurrences(text, name):
            inside.update(range(k + 1, k + len(name)))
    return inside



def _glued(text: str, pos: int) -> bool:
    """Would the character before pos plus the name's first characters read as a word? Not when
    that character ends a word of its own: 落实习近平 is 落实 + 习近平, though 实习 is a word."""
    from ..segment import word_freq

    glued = word_freq(text[pos - 1:pos + 1])
    return glued > 500 and word_freq(text[pos - 2:pos]) < glued if pos >= 2 else glued > 500


def _find_subjects(text: str, known: set[str], sentence_starts: set[int],
                   positions: Iterable[int] | None = None) -> list[Found]:
    """A name that is the subject of a speech verb: `路月中指出，`, `茶农杨秀英笑着说，`."""
    v = vocab()
    subject_verbs = v.subject_verbs
    found = []
    covered = _covered_by_known(text, known)
    if positions is None:
        verb_starts = {m.start() for m in v.subject_verbs.finditer(text)}
        positions = _surname_positions(text, {s - n for s in verb_starts for n in range(2, 10)})
    for pos in positions:
        if pos in covered:
            continue
        sur = v.surname_at(text, pos)
        if sur is None:
            continue
        at_clause = pos in sentence_starts or (pos > 0 and text[pos - 1] in "，,。；;：:“”\n")
        known_here = min((k for k in known if text.startswith(k, pos)), key=len, default=None)
        lengths = [len(known_here)] if known_here else [len(sur) + 1, len(sur) + 2]
        for n in lengths:
            name = text[pos:pos + n]
            if not known_here and (not v.plausible_name(name) or v.wordlike(name) or (sur in v.rare and not at_clause)):
                continue
            rest = text[pos + n:]
            m = _MANNER.match(rest)
            verb_at = m.end() if m else 0
            vm = subject_verbs.match(rest, verb_at)
            verb = vm.group() if vm else None
            if verb is None or rest.startswith(("说明", "表示将", "称号"), verb_at):
                continue
            after = rest[verb_at + len(verb):verb_at + len(verb) + 1]
            if at_clause or len(verb) >= 2 or after in ("，", ",", "：", ":", "“", "。"):
                found.append(Found(pos, pos + n))
                break
    return found


_MANNER = re.compile(r"(?:[\u4e00-\u9fff]{0,3}[着地]|(?:对|跟|向|和)(?:我们|我|记者|笔者))?")  # 笑着说, 跟我说


_CREDIT_SEP = re.compile(r"[\s:：/]")


def _parse_credit(chunk: str, offset: int, text: str, whole_line: bool) -> list[tuple[Found, str | None]]:
    """`记者 胡晓燕 通讯员 钟伟 刘一鸣`, `编辑：贺小雨 审核：钱文斌`, `文雯 朱大智 摄影报道`,
    `南方网讯 记者 刘嘉欣 报道：…`: roles switch the title of the names after them."""
    if len(chunk) > 8 and not _CREDIT_SEP.search(chunk):
        return []  # one long run of text: neither a name, a role nor a dateline
    v = vocab()
    spaced = re.sub(r"([:：/])", r" ", chunk)
    tokens = [(m.group(), m.start()) for m in re.finditer(r"\S+", spaced)]
    out: list[tuple[Found, str | None]] = []
    role: str | None = None
    seen_role = False
    k = 0
    while k < len(tokens) and re.search(r"(讯|电)$", tokens[k][0]) and len(tokens[k][0]) <= 8:
        k += 1  # dateline first: 南方网讯, 新华社北京电
    names: list[tuple[str, int]] = []
    trailing_role = None
    skip_next = False
    for tok, pos in tokens[k:]:
        if skip_next:
            skip_next = False
            continue
        if tok in ("来源", "稿源", "出处"):
            skip_next = True  # the outlet's name follows, not a person
            continue
        if whole_line and not names and role is None and len(tok) >= 3 and v.is_org(tok):
            continue  # （桃源镇党政办 钟小燕）: the byline's affiliation, an organisation, not a title
        if tok in v.credit_roles or tok in ("本报记者", "记者") or (whole_line and not names and v.parse_title(tok)):
            role, seen_role = tok, True  # 记者 …, or a whole line 四川省省长 杜明远
            if names and all(r is None for _, r in out):
                trailing_role = tok
            continue
        if v.plausible_name(tok, strict=role is None and trailing_role is None) and len(tok) <= 3 + (v.surname_at(tok, 0) in v.compound):
            names.append((tok, pos))
            out.append((Found(offset + pos, offset + pos + len(tok)), role))
            continue
        if role is not None and _unlisted_name(tok):
            names.append((tok, pos))  # 通讯员 帕尔哈提: a name with no Han surname, vouched for by the role
            out.append((Found(offset + pos, offset + pos + len(tok)), role))
            continue
        if tok.endswith(("报道", "摄", "报道：")) or tok.startswith(("报道", "摄")) or (out and seen_role):
            break
        return []  # a line of names holds only names (经长：今年… is a headline)
    if not out:
        return []
    if trailing_role and all(r is None for _, r in out):
        out = [(f, trailing_role) for f, _ in out]
    if not seen_role and not whole_line:
        return []
    return out


_METADATA_CREDIT = re.compile(
    r"(?P<role>作者|责任编辑|编辑|记者|通讯员|摄影|审核|审校|校对|撰稿|责编)[:：]\s*"
    r"(?P<names>[\u4e00-\u9fff·]{2,8}(?:[ 　、，,](?![\u4e00-\u9fff]{1,6}[:：])[\u4e00-\u9fff·]{2,8})*)")


def _metadata_credits(text: str, seen: set[tuple[int, int]]) -> list[tuple[Found, str | None]]:
    """`发布时间：… 来源：… 作者：陈晓东 责任编辑：周雅婷`: credits inside a page's metadata line,
    each role before its names."""
    v = vocab()
    out: list[tuple[Found, str | None]] = []
    for m in _METADATA_CREDIT.finditer(text):
        pos = m.start("names")
        for part in re.split(r"([ 　、，,])", m.group("names")):
            if part.strip(" 　、，,") and (pos, pos + len(part)) not in seen and (
                    v.plausible_name(part, strict=False) and len(part) <= 3 + (v.surname_at(part, 0) in v.compound)):
                out.append((Found(pos, pos + len(part)), m.group("role")))
            elif part.strip(" 　、，,"):
                break  # a name list ends at the first word that is not a name
            pos += len(part)
    return out


@lru_cache(maxsize=1 << 14)
def _unlisted_name(tok: str) -> bool:
    """A byline name with no Han surname (帕尔哈提): not a word, and no common word or place inside."""
    from ..segment import word_freq

    v = vocab()
    return (2 <= len(tok) <= 8 and all("\u4e00" <= c <= "\u9fff" or c in "·•‧・" for c in tok)
            and word_freq(tok) == 0 and not v.roles_ending(tok) and not any(c in ORG_CHARS for c in tok)
            and not any(word_freq(tok[i:i + 2]) > 300 or tok[i:i + 2] in v.places for i in range(len(tok) - 1)))


_OPENING_PHRASE = re.compile(r"^[^，。,]{2,60}?(?=[，。,]|$)")


def _find_bylines(doc) -> list[tuple[Found, str | None]]:
    """Credit lines: role + names, names + role, bracketed names, a line with only a name."""
    text = doc.text
    out: list[tuple[Found, str | None]] = []
    for p in doc.seg.paragraphs:
        para = text[p.start:p.end]
        chunks = [(p.start, p.end, True)]
        for m in _BRACKETED.finditer(para):
            chunks.append((p.start + m.start(1), p.start + m.end(1), True))
            tail_start = p.start + m.end()
            if tail_start < p.end and "。" not in text[tail_start:p.end]:
                chunks.append((tail_start, p.end, False))
        # a byline that opens a paragraph: 本报记者 黄雨桐 东莞报道 近日，…
        head = _OPENING_PHRASE.match(para)
        if head and head.end() < len(para):
            chunks.append((p.start, p.start + head.end(), False))
        for start, end, whole in chunks:
            out.extend(_parse_credit(text[start:end], start, text, whole))
    return out


_LIST = re.compile(r"(?:(?:领导|嘉宾|同志|人员)(?:有|是|为)?|：|:)(?P<names>(?:[\u4e00-\u9fff]{2,4}、)+[\u4e00-\u9fff]{2,4})(?=等|出席|列席|参加|参会|参与|陪同|一同|分别|，|。)")


def _listed_names(text: str) -> list[Found]:
    """`市领导邹建平、何丽华、彭志强出席`: a list of two or more names after a collective label."""
    v = vocab()
    out: list[Found] = []
    for m in _LIST.finditer(text):
        parts = m.group("names").split("、")
        tail = parts[-1]
        for f in ("出席", "列席", "参加", "参会", "陪同", "一同", "分别", "等"):
            tail = tail.split(f)[0]
        parts[-1] = tail
        if not all(v.plausible_name(p) for p in parts):
            continue
        pos = m.start("names")
        for p in parts:
            out.append(Found(pos, pos + len(p)))
            pos += len(p) + 1
    return out


def _shared_title(f: Found) -> list[tuple[TitleParse, int, int]]:
    """`副省长张立平、刘卫红、何志强`: a post that several people hold (副…, …委员, …常委) standing
    right before the first name of a list is every listed person's; 市委书记 is one person's."""
    if not f.titles:
        return []
    last = f.titles[-1]
    p, _, end = last
    if end != f.start or not (p.role.startswith("副") or p.role.endswith(SHARED_ROLE_ENDINGS)):
        return []
    return [last]


SHARED_ROLE_ENDINGS = ("委员", "常委", "代表", "成员", "院士")


def _name_lists(text: str, found: list[Found], known: set[str]) -> list[Found]:
    """`张三、李四出席`: names listed after a found name with 、 share its evidence of being names."""
    v = vocab()
    extra = []
    for f in found:
        pos = f.end
        shared = _shared_title(f)
        while pos < len(text) and text[pos] == "、":
            name = v.name_at(text, pos + 1, known)
            if name is None:
                break
            after = pos + 1 + len(name)
            if not (after >= len(text) or text[after] in "、，,。" or v.follows_name(text, after)):
                break
            extra.append(Found(pos + 1, after, list(shared)))
            pos = after
    return extra


@register("people", category="people", requires=("organizations",))
def extract_people(doc) -> list[Person]:
    text = doc.text
    v = vocab()
    sentence_starts = {s.start for s in doc.seg.sentences}
    bylines = _find_bylines(doc)
    by_titles = _find_by_titles(text, set())
    subjects = _find_subjects(text, set(), sentence_starts)
    known = {text[f.start:f.end] for f in by_titles + subjects} | {text[f.start:f.end] for f, _ in bylines}
    for m in _dotted_matches(text):  # 阿卜杜热西提 stands for 阿卜杜热西提·吐尔洪
        start = v.dotted_start(text, m)
        if start is not None:
            known.add(text[start:m.end()].split("·")[0])
    # second pass where it matters: names known from clearer mentions settle where an ambiguous one ends
    found = _with_known(text, by_titles, known, _find_by_titles)
    found += _with_known(text, subjects, known, lambda t, k, p: _find_subjects(t, k, sentence_starts, p))
    known |= {text[f.start:f.end] for f in found}
    found += _name_lists(text, found, known) + _listed_names(text)
    found += _appositions(text, known)
    found += _notice_entries(text)
    found += _repeated_names(text, sentence_starts, known | {text[f.start:f.end] for f in found})
    found += _aged_names(text, known)
    found += _dotted_names(text, found)
    found += _posts_taken(text, found)
    found_bylines = bylines + _metadata_credits(text, {(f.start, f.end) for f, _ in bylines})
    for f, role in found_bylines:
        f.byline = True
        if role:
            f.titles.append((TitleParse(role, None, role), *_role_span(text, f, role)))
        found.append(f)
    people: dict[str, Person] = {}
    taken: list[tuple[int, int]] = []
    for f in sorted(found, key=lambda f: (f.start, -(f.end - f.start))):
        if _overlaps_taken(taken, f):
            continue
        name = text[f.start:f.end]
        if not v.plausible_name(name, strict=not f.titles and not f.byline) and not ((f.byline or f.titles) and _unlisted_name(name)):
            continue
        span = doc.span(f.start, f.end)
        person = people.get(name)
        if person is None:
            person = people[name] = Person(id=f"P{len(people) + 1}", name=name,
                                           name_original=doc.original_form(f.start, f.end), span=span, mentions=[])
        if all(m.start != span.start for m in person.mentions):
            person.mentions.append(span)
            taken.append((f.start, f.end))
        for parse, s, e in f.titles:
            if any(t.text == parse.text and t.org == parse.org for t in person.titles):
                continue
            person.titles.append(Title(text=parse.text, text_original=doc.original_form(s, e), org=parse.org,
                                       role=parse.role, span=doc.span(s, e)))
            k = parse.text.find(parse.org) if parse.org else -1
            if k != -1:
                doc.cache.setdefault("title_orgs", []).append((s + k, s + k + len(parse.org)))
    return list(people.values())


def _overlaps_taken(taken: list[tuple[int, int]], f: Found) -> bool:
    """Does f overlap a mention already taken (other than its own span)? Mentions are taken in
    text order and never overlap, so their ends rise too: only the last few can reach f."""
    for s, e in reversed(taken):
        if e <= f.start:
            return False
        if (s, e) != (f.start, f.end):
            return True
    return False


def _appositions(text: str, known: set[str]) -> list[Found]:
    """`拟任人选：邵海明，市发改委副主任，拟任市商务局局长。`: a name opening a clause, followed
    by comma-separated titles that name an organisation (appointment notices, profiles)."""
    v = vocab()
    out = []
    for m in re.finditer(r"(?:^|(?<=[：:。；;\n]))([\u4e00-\u9fff]{2,4})，", text):
        name = v.name_at(text, m.start(1), known)
        if name is None or len(name) != len(m.group(1)) or (name not in known and v.wordlike(name)):
            continue
        titles, pos = [], m.end()
        while pos < len(text):
            end = pos
            while end < len(text) and text[end] not in "，,。；;\n":
                end += 1
            p = v.parse_title(text[pos:end]) if end - pos <= 20 else None
            if p is None or p.org is None:
                break
            titles.append((p, pos, end))
            if end >= len(text) or text[end] not in "，,":
                break
            pos = end + 1
        if titles:
            out.append(Found(m.start(1), m.start(1) + len(name), titles))
    return out


_NOTICE = re.compile(r"(?:^|(?<=[\n。；;：:]))([\u4e00-\u9fff]{2,4})[，,][男女][，,]")
_POST_LEADS = ("拟提名为", "拟推荐为", "现任", "拟任")


def _notice_entries(text: str) -> list[Found]:
    """`王海涛，男，1988年5月生，…，现任青石镇党政综合办公室主任，拟任青石镇副镇长。`: an entry of
    an appointment notice (任前公示) or a profile. Name and sex open it; the posts follow 现任 (the
    current post, written without 现任) and 拟任 (the post to come, written as it stands)."""
    v = vocab()
    out: list[Found] = []
    for m in _NOTICE.finditer(text):
        if not v.plausible_name(m.group(1), strict=False):
            continue
        end = text.find("。", m.end())
        end = len(text) if end == -1 else end
        titles: list[tuple[TitleParse, int, int]] = []
        for post in re.finditer(r"[^，,；;]+", text[m.end():end]):
            fs, fe = m.end() + post.start(), m.end() + post.end()
            lead = next((w for w in _POST_LEADS if text.startswith(w, fs)), None)
            if lead is None:
                continue
            start = fs + len(lead) if lead == "现任" else fs
            last_org = None
            for part in re.finditer(r"[^、]+", text[start:fe]):
                ps, pe = start + part.start(), start + part.end()
                p = v.parse_title(text[ps:pe])
                if p is None:
                    break
                if p.org is None and last_org is not None:
                    p = TitleParse(p.text, last_org, p.role)
                last_org = p.org or last_org
                titles.append((p, ps, pe))
        out.append(Found(m.start(1), m.end(1), titles))
    return out


def _repeated_names(text: str, sentence_starts: set[int], known: set[str]) -> list[Found]:
    """`杨秀芬正带着几名妇女…。…52岁的杨秀芬笑得合不拢嘴`: in features, a villager or an entrepreneur
    is named with no title and no verb of saying. A three-character surname-led string that is no
    word, opens a sentence and comes back elsewhere in the text is that person."""
    from ..segment import word_freq

    v = vocab()
    out: list[Found] = []
    seen: set[str] = set()
    for pos in sorted(sentence_starts):
        name = text[pos:pos + 3]
        if len(name) < 3 or name in seen or name in known or v.surname_at(text, pos) is None or v.surname_at(name, 0) in v.compound:
            continue
        seen.add(name)
        if (not v.plausible_name(name) or v.wordlike(name) or word_freq(name) > 0 or word_freq(name[1:]) > 100
                or text.count(name) < 2 or not v.follows_name(text, pos + 3) and text[pos + 3:pos + 4] not in "正是在从曾已将也还就"):
            continue
        out.append(Found(pos, pos + 3))
    return out


_AGED = re.compile(r"(?:\d{1,3}|[一二三四五六七八九十]{1,3})岁的")


def _aged_names(text: str, known: set[str]) -> list[Found]:
    """`今年62岁的王阿根一边给橘树疏果`: in features, an age before a surname-led name vouches for it."""
    v = vocab()
    out: list[Found] = []
    for m in _AGED.finditer(text):
        name = v.name_at(text, m.end(), known, default_long=True, strict=False)
        end = m.end() + len(name) if name else 0
        if name is not None and (name in known or not v.wordlike(name) or v.strong_follower_re.match(text, end)):
            out.append(Found(m.end(), end))  # 45岁的李强说: a verb of saying settles a famous name too
    return out


def _dotted_matches(text: str) -> list[re.Match[str]]:
    """DOTTED_NAME's matches; most texts have no middle dot at all, and then no scan is needed."""
    if not _MIDDLE_DOT.search(text):
        return []
    return list(DOTTED_NAME.finditer(text))


_MIDDLE_DOT = re.compile("[·•‧・]")


def _dotted_names(text: str, found: list[Found]) -> list[Found]:
    """`热孜万古丽·艾买提正在…`: a transliterated name with a middle dot is a person on its own."""
    v = vocab()
    seen = {f.start for f in found}
    out = []
    for m in _dotted_matches(text):
        start = v.dotted_start(text, m)
        name = v.dotted_name_at(text, start) if start is not None else None
        if name and start not in seen:
            out.append(Found(start, start + len(name)))
    return out


_TAKES_POST = re.compile(r"(?:同时)?(?:兼任|担任|出任|升任|调任|改任|任)")


def _posts_taken(text: str, found: list[Found]) -> list[Found]:
    """`邱国平同时兼任市工商联名誉主席`: a post taken, stated after a mention of the name."""
    v = vocab()
    names = {text[f.start:f.end] for f in found}
    extra = []
    for name in names:
        for m in re.finditer(re.escape(name), text):
            verb = _TAKES_POST.match(text, m.end())
            if not verb:
                continue
            k = verb.end()
            stop = k
            while stop < len(text) and text[stop] not in PUNCT and stop - k < 30:
                stop += 1
            for e in range(stop, k, -1):
                p = v.parse_title(text[k:e])
                if p is not None and (p.org is None or v.is_org(p.org)) and e - k >= 2:
                    extra.append(Found(m.start(), m.end(), [(p, k, e)]))
                    break
    return extra


def _role_span(text: str, f: Found, role: str) -> tuple[int, int]:
    before = text.rfind(role, max(0, f.start - 40), f.start)
    if before != -1:
        return before, before + len(role)
    after = text.find(role, f.end)
    return (after, after + len(role)) if after != -1 else (f.start, f.end)


