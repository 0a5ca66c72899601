"""Resolve: what needs the whole document — the reference date, relative date values,
name coreference (later bare mentions join the person) and pronoun speakers.

Runs after every extractor, so each extractor can stay local to its own spans.
"""

from __future__ import annotations

import datetime as dt
import re

from .models import DateFact, Person, ReferenceDate

_FULL_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2})?$")
_DATELINE_CUES = ("发布时间", "发稿时间", "时间：", "时间:", "日期：", "日期:", "发布日期")
_OPENING_CHARS = 300
PRONOUNS = ("他们", "她们", "他", "她")
CONTAINERS = ("代表团", "考察团", "访问团", "参访团")


def reference_date(doc) -> ReferenceDate:
    """--ref-date wins; else a dateline (a full date, with a time or a cue) or a full date in the opening lines."""
    if doc.config.ref_date:
        return ReferenceDate(value=doc.config.ref_date, source="cli")
    for fact in doc.facts.get("dates", []):
        m = _FULL_DATE.match(fact.value)
        if not m:
            continue
        start = doc.norm.offsets.index(fact.span.start) if fact.span.start in doc.norm.offsets else 0
        if start > _OPENING_CHARS:
            break
        try:
            dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            continue
        before = doc.text[max(0, start - 8):start]
        source = "dateline" if "T" in fact.value or any(c in before for c in _DATELINE_CUES) else "opening"
        return ReferenceDate(value=fact.value[:10], source=source, span=fact.span)
    return _closing_date(doc)


_WEEKDAY = re.compile(r"\s*[（(](?:星期|周|礼拜)[一二三四五六日天][)）]\s*$")


def _closing_date(doc) -> ReferenceDate:
    """A press release or notice that signs off with its date on a line of its own
    (`政府新闻处` / `2024年3月12日（星期二）`, `中共青石镇委员会` / `2024年3月12日`)."""
    paragraphs = doc.seg.paragraphs[-4:]
    for fact in reversed(doc.facts.get("dates", [])):
        m = _FULL_DATE.match(fact.value)
        if not m or fact.span.start not in doc.norm.offsets or fact.span.end - 1 not in doc.norm.offsets:
            continue
        start = doc.norm.offsets.index(fact.span.start)
        end = doc.norm.offsets.index(fact.span.end - 1) + 1
        para = next((p for p in paragraphs if p.start <= start < p.end), None)
        if para is None:
            break
        rest = _WEEKDAY.sub("", doc.text[para.start:start] + doc.text[end:para.end])
        if rest.strip():
            continue
        try:
            dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            continue
        return ReferenceDate(value=fact.value[:10], source="closing", span=fact.span)
    return ReferenceDate()


def resolve_value(value: str, ref: dt.date) -> str:
    """Rewrite a relative date value (Y+0-H1, XXXX-08-08, D-1, W+1, W+0-5, M-1) against the reference date."""

    def year(m: re.Match[str]) -> str:
        return str(ref.year + int(m[1]))

    out = re.sub(r"Y([+-]\d+)", year, value)
    out = out.replace("XXXX", f"{ref.year:04d}").replace("-XX-", f"-{ref.month:02d}-")
    m = re.fullmatch(r"D([+-]\d+)", out)
    if m:
        return (ref + dt.timedelta(days=int(m[1]))).isoformat()
    m = re.fullmatch(r"W([+-]\d+)-([1-7])", out)
    if m:  # 本周五: that weekday of the week, weeks counted from the reference's Monday
        monday = ref - dt.timedelta(days=ref.weekday())
        return (monday + dt.timedelta(weeks=int(m[1]), days=int(m[2]) - 1)).isoformat()
    m = re.fullmatch(r"W([+-]\d+)", out)
    if m:
        y, w, _ = (ref + dt.timedelta(weeks=int(m[1]))).isocalendar()
        return f"{y}-W{w:02d}"
    m = re.fullmatch(r"M([+-]\d+)", out)
    if m:
        k = ref.year * 12 + ref.month - 1 + int(m[1])
        return f"{k // 12:04d}-{k % 12 + 1:02d}"
    return out


def resolve_dates(doc) -> None:
    if not doc.reference.value:
        return
    ref = dt.date.fromisoformat(doc.reference.value)
    resolved: list[DateFact] = []
    seen: set[tuple[str, str]] = set()
    for fact in doc.facts.get("dates", []):
        if fact.relative:
            fact = fact.model_copy(update={"value": resolve_value(fact.value, ref)})
        if (fact.text, fact.value) not in seen:
            seen.add((fact.text, fact.value))
            resolved.append(fact)
    doc.facts["dates"] = resolved


def link_person_mentions(doc) -> None:
    """Every later occurrence of a person's name joins that person as a mention."""
    people: list[Person] = doc.facts.get("people", [])
    if not people:
        return
    claimed: list[tuple[int, int]] = []
    for person in sorted(people, key=lambda p: -len(p.name)):
        known = {(m.start, m.end) for m in person.mentions}
        mentions = list(person.mentions)
        forms = [person.name] + ([person.name.split("·")[0]] if "·" in person.name else [])
        for m in re.finditer("|".join(map(re.escape, forms)), doc.text):
            span = doc.span(m.start(), m.end())
            if (span.start, span.end) in known or any(s < span.end and span.start < e for s, e in claimed):
                continue
            if _inside_longer_name(doc, m.start(), m.end(), person.name, people):
                continue
            mentions.append(span)
            known.add((span.start, span.end))
        mentions.sort(key=lambda s: s.start)
        claimed.extend((s.start, s.end) for s in mentions)
        person.mentions[:] = mentions


def _inside_longer_name(doc, start: int, end: int, name: str, people: list[Person]) -> bool:
    for other in people:
        if other.name != name and name in other.name:
            k = other.name.index(name)
            if doc.text[start - k:start - k + len(other.name)] == other.name:
                return True
    return False


def resolve_speakers(doc) -> None:
    """Pronoun speakers take the nearest person mentioned before; bare names get their person's id."""
    people: list[Person] = doc.facts.get("people", [])
    by_name = {p.name: p for p in people}
    mentions = sorted(((m.start, p) for p in people for m in p.mentions), key=lambda x: x[0])
    for q in doc.facts.get("quotes", []):
        if q.speaker in PRONOUNS and q.speaker_span is not None:
            prior = [p for s, p in mentions if s < q.speaker_span.start]
            if prior:
                q.speaker = prior[-1].name
                q.speaker_id = prior[-1].id
        elif q.speaker in by_name:
            q.speaker_id = by_name[q.speaker].id


def orgs_from_titles(doc) -> None:
    """An organisation that appears only inside a title still counts (GUIDELINES.md)."""
    from .extractors.vocab import vocab
    from .models import Organization

    if "organizations" not in doc.facts:
        return
    orgs: list[Organization] = doc.facts["organizations"]
    by_name = {o.name: o for o in orgs}
    v = vocab()
    for s, e in doc.cache.get("title_orgs", []):
        name = doc.text[s:e]
        if not v.is_org(name, in_title=True):
            continue
        span = doc.span(s, e)
        org = by_name.get(name)
        if org is None:
            org = by_name[name] = Organization(id=f"O{len(orgs) + 1}", name=name, name_original=doc.original_form(s, e),
                                               span=span, mentions=[])
            orgs.append(org)
        if all(m.start != span.start for m in org.mentions):
            org.mentions.append(span)
            org.mentions.sort(key=lambda m: m.start)
    # a short form found only inside a longer name is not an entry of its own (党工委 in 未来科技城党工委)
    def inside_longer(o: Organization) -> bool:
        return all(any(p.start <= m.start and m.end <= p.end and (p.start, p.end) != (m.start, m.end)
                       for other in orgs if len(other.name) > len(o.name) and not other.name.endswith(CONTAINERS)
                       for p in other.mentions) for m in o.mentions)

    doc.facts["organizations"] = [o for o in orgs if not inside_longer(o) or o.name.endswith(("人大",))]


def resolve(doc) -> None:
    doc.reference = reference_date(doc)
    orgs_from_titles(doc)
    resolve_dates(doc)
    link_person_mentions(doc)
    resolve_speakers(doc)
