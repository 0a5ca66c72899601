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
from dataclasses import dataclass, field

from ..models import Person, Title
from ..registry import register
from .vocab import PUNCT, TitleParse, vocab

CHAIN_SEPS = "、，,"
HARD_STOPS = set("。！？!?；;：:“”「」『』（）()【】《》\n")
_BRACKETED = re.compile(r"[（(]([^（()）\n]{2,60})[)）]")


@dataclass
class Found:
    start: int
    end: int
    titles: list[tuple[TitleParse, int, int]] = field(default_factory=list)  # parse, start, end (normalised)


def _title_chain(text: str, name_start: int) -> list[tuple[TitleParse, int, int]]:
    """Titles standing right before a name, nearest last, split at 、 and ，."""
    v = vocab()
    chain: list[tuple[TitleParse, int, int]] = []
    end = name_start
    while end > 0:
        k = end
        while k > 0 and text[k - 1] not in CHAIN_SEPS and text[k - 1] not in HARD_STOPS and text[k - 1] not in " \t":
            k -= 1
        seg = text[k:end]
        parsed = None
        # trim junk on the left of the first segment of a chain (在座谈会上市委书记 → 市委书记)
        for j in range(k, end):
            cand = text[j:end]
            p = v.parse_title(cand)
            if p is not None and (j == k or p.org is None or v.has_good_start(p.org, bounded=True)):
                if j > k and p.org is None and chain:
                    break
                parsed = (p, j, end)
                break
        if parsed is None:
            break
        chain.append(parsed)
        if parsed[1] > k or k == 0 or text[k - 1] not in CHAIN_SEPS:
            break
        if not seg:
            break
        end = k - 1
    chain.reverse()
    return chain


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


def _find_by_titles(text: str, known: set[str]) -> list[Found]:
    """Names right after a title chain, and names right before a title."""
    v = vocab()
    found: list[Found] = []
    covered = _covered_by_known(text, known)
    after_titles = {m.end() for m in re.finditer("|".join(sorted(map(re.escape, v.titles), key=len, reverse=True)), text)}
    for m in re.finditer(r"[\u4e00-\u9fff]", text):
        pos = m.start()
        if v.surname_at(text, pos) is None or pos in covered or v.title_at(text, pos):
            continue
        name = v.name_at(text, pos, known)
        chain = _title_chain(text, pos) if name is not None or pos in after_titles else []
        if name is None and chain:
            name = v.name_at(text, pos, known, default_long=True)
        if name is None:
            continue
        if chain:
            found.append(Found(pos, pos + len(name), _with_inherited_orgs(chain)))
            continue
        # a title after the name (习近平总书记), when the name is not glued to a word before it
        after = _after_title(text, pos + len(name))
        if after is None or v.surname_at(name, 0) in v.rare:
            continue
        if any(text.startswith(suf, after[1]) and len(suf) > len(after[0].text) for suf in v.suffixes):
            continue  # 第八届委员会: the "title" is the start of an organisation's head
        if name in known or pos == 0 or text[pos - 1] in PUNCT or not _glued(text, pos):
            found.append(Found(pos, pos + len(name), [after]))
    return found


def _covered_by_known(text: str, known: set[str]) -> set[int]:
    """Positions inside (not at the start of) an occurrence of a known name."""
    inside: set[int] = set()
    for name in known:
        for m in re.finditer(re.escape(name), text):
            inside.update(range(m.start() + 1, m.end()))
    return inside


def _glued(text: str, pos: int) -> bool:
    """Would the character before pos plus the name's first characters read as a word?"""
    from ..segment import word_freq

    return word_freq(text[pos - 1:pos + 1]) > 500


def _find_subjects(text: str, known: set[str], sentence_starts: set[int]) -> list[Found]:
    """A clause-initial name followed by a speech verb: `路月中指出，`."""
    v = vocab()
    subject_verbs = tuple(sorted(set(v.lex.speech_verbs) | {"主持", "出席", "调研", "告诉记者", "介绍"}, key=len, reverse=True))
    found = []
    for pos in range(len(text)):
        if not (pos in sentence_starts or (pos > 0 and text[pos - 1] in "，,。；;：:“”\n")):
            continue
        sur = v.surname_at(text, pos)
        if sur is None:
            continue
        name = v.name_at(text, pos, known)
        if name is None or (sur in v.rare and name not in known and v.wordlike(name)):
            continue
        rest = text[pos + len(name):]
        if rest.startswith(subject_verbs) and not rest.startswith(("说明", "表示将", "称号")):
            found.append(Found(pos, pos + len(name)))
    return found


def _byline_names(v, chunk: str) -> list[str] | None:
    parts = chunk.split()
    if not parts or len(parts) > 12:
        return None
    if all(v.plausible_name(p) and len(p) <= 3 + (v.surname_at(p, 0) in v.compound) for p in parts):
        return parts
    return None


def _find_bylines(doc) -> list[tuple[Found, str | None]]:
    """Credit lines: role + names, names + role, bracketed names, a line with only a name."""
    v = vocab()
    text = doc.text
    roles = sorted(v.credit_roles, key=len, reverse=True)
    out: list[tuple[Found, str | None]] = []
    chunks: list[tuple[int, int]] = []
    for p in doc.seg.paragraphs:
        chunks.append((p.start, p.end))
        # the tail of a paragraph after its last sentence: `…设分会场。(记者 胡建伟)摄影 石小刚`
        para = text[p.start:p.end]
        for m in _BRACKETED.finditer(para):
            chunks.append((p.start + m.start(1), p.start + m.end(1)))
            tail_start = p.start + m.end()
            if tail_start < p.end and "。" not in text[tail_start:p.end]:
                chunks.append((tail_start, p.end))
    for start, end in chunks:
        chunk = text[start:end]
        stripped = chunk.strip()
        if not stripped:
            continue
        offset = start + chunk.index(stripped)
        role, names_part, names_off = None, stripped, offset
        for r in roles:
            if stripped.startswith(r) and len(stripped) > len(r):
                rest = stripped[len(r):]
                sep = re.match(r"^[\s:：/]*", rest)
                if sep and (sep.group() or v.plausible_name(rest.strip())):
                    role, names_part, names_off = stripped[:len(r)], rest[sep.end():], offset + len(r) + sep.end()
                    break
        if role is None:
            for r in roles:
                if stripped.endswith(r) and len(stripped) > len(r) and stripped[-len(r) - 1] == " ":
                    role, names_part = r, stripped[: -len(r)].rstrip()
                    break
        names = _byline_names(v, names_part)
        if not names:
            continue
        if role is None and len(names) == 1 and (start, end) not in [(p.start, p.end) for p in doc.seg.paragraphs]:
            continue
        pos = names_off
        for name in names:
            k = text.index(name, pos)
            out.append((Found(k, k + len(name)), role))
            pos = k + len(name)
    return out


def _name_lists(text: str, found: list[Found], known: set[str]) -> list[Found]:
    """`张三、李四出席`: names listed after a found name with 、 share its evidence of being names."""
    v = vocab()
    extra = []
    for f in found:
        pos = f.end
        while pos < len(text) and text[pos] == "、":
            name = v.name_at(text, pos + 1, known)
            if name is None:
                break
            after = pos + 1 + len(name)
            if not (after >= len(text) or text[after] in "、，,。" or v.follows_name(text, after)):
                break
            extra.append(Found(pos + 1, after))
            pos = after
    return extra


@register("people", category="people", requires=("organizations",))
def extract_people(doc) -> list[Person]:
    text = doc.text
    v = vocab()
    sentence_starts = {s.start for s in doc.seg.sentences}
    bylines = _find_bylines(doc)
    found = _find_by_titles(text, set()) + _find_subjects(text, set(), sentence_starts)
    known = {text[f.start:f.end] for f in found} | {text[f.start:f.end] for f, _ in bylines}
    # second pass: names known from clearer mentions settle where an ambiguous one ends
    found = _find_by_titles(text, known) + _find_subjects(text, known, sentence_starts)
    known |= {text[f.start:f.end] for f in found}
    found += _name_lists(text, found, known)
    for f, role in bylines:
        if role:
            f.titles.append((TitleParse(role, None, role), *_role_span(text, f, role)))
        found.append(f)
    people: dict[str, Person] = {}
    taken: list[tuple[int, int]] = []
    for f in sorted(found, key=lambda f: (f.start, -(f.end - f.start))):
        if any(s < f.end and f.start < e for s, e in taken if (s, e) != (f.start, f.end)):
            continue
        name = text[f.start:f.end]
        if not v.plausible_name(name):
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
    return list(people.values())


def _role_span(text: str, f: Found, role: str) -> tuple[int, int]:
    before = text.rfind(role, max(0, f.start - 40), f.start)
    if before != -1:
        return before, before + len(role)
    after = text.find(role, f.end)
    return (after, after + len(role)) if after != -1 else (f.start, f.end)


