"""Quotes and who said them (GUIDELINES.md, quotes).

- direct: a passage in “…” or 「…」 presented as someone's words. It is a quote when it is
  attributed — a speaker and speech verb right after it (`“……。”詹立风说。`), a colon frame
  before it (`会议发出了动员令：“……”`), or a speaker already quoting in the same paragraph —
  and reads as speech (ends in 。！？ or runs longer than a slogan). Quoted terms and slogans
  (`“国之大者”`, `“疫情要防住、经济要稳住”重大要求`) are not quotes.
- indirect: SUBJECT + speech verb + ，/： + text to the end of the sentence (or to a direct
  quote that follows in it). Each speech verb opens its own quote.

The speaker is the person named in the subject (title chains included), a pronoun that the
resolve stage replaces with the person it refers to, or the subject as written for meetings,
documents, bodies and unnamed sources (lexicons/speaker_nouns.txt). Speech verbs are data
(lexicons/speech_verbs.txt).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..lexicons import read_list, read_sections
from ..models import Quote
from ..registry import register
from ..wordtrie import word_pattern
from .vocab import SAID_BEFORE_COMMA, vocab

OPEN_CLOSE = {"“": "”", "「": "」", "\"": "\""}
INNER = {"‘": "’", "『": "』"}
CLAUSE_BOUND = "，,。！？!?；;：:\n“”「」〔〕【】"
SENT_END = "。！？!?"
PRONOUNS = ("他们", "她们", "他", "她")
ADVERBS = tuple(sorted(read_list("speech_adverbs.txt"), key=len, reverse=True))  # 在会上 before 会上
MAX_SUBJECT = 40
TIME_TAIL = re.compile(r"(?:(?:\d{4}年)?\d{1,2}月\d{1,2}[日号]|(?:今|昨|前|明)?[（(]?\d{1,2}[)）]?日"
                       r"|今天|昨天|昨日|今日|日前|近日|当天|当日|上午|下午|晚间|昨晚)+$")
_FRAME = re.compile(r"在(?P<who>[^，,。；;“”在]{1,30}?)(?:看来|眼中|眼里|心中|心目中)[，,]")


@dataclass
class Speaker:
    name: str | None
    start: int
    end: int


@cache
def _verb_start_re(verbs: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(word_pattern(v for v in verbs if len(v) >= 2))


@cache
def _verbs() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    sec = read_sections("speech_verbs.txt", ("frame",))
    words = [r[0] for r in sec.get("", []) if r and r[0] and "…" not in r[0]]
    frames = [w for w in words if w.startswith(("据", "有消息", "有分析", "有观点"))]
    opening = set(read_list("quote_verbs.txt"))
    verbs = tuple(sorted((w for w in words if w not in frames and w in opening), key=len, reverse=True))
    # 据介绍 has no speaker; 据了解 and 据悉 report knowledge, not speech
    speakerless = tuple(sorted((w for w in frames if any(w.endswith(v) for v in verbs)), key=len, reverse=True))
    frames = tuple(r[0] for r in sec.get("frame", []) if r and r[0])
    return verbs, speakerless, frames


@cache
def _verb_re() -> re.Pattern[str]:
    verbs, speakerless, _ = _verbs()
    return re.compile("(?:" + word_pattern(set(verbs) | set(speakerless)) + ")(?=[，,：:])")


@cache
def _speaker_nouns() -> tuple[str, ...]:
    return tuple(sorted(read_list("speaker_nouns.txt"), key=len, reverse=True))


_OPENING = re.compile("[“「]")
_MARKS = {"“": re.compile("[“”\n]"), "「": re.compile("[「」\n]")}


def _direct_spans(text: str) -> list[tuple[int, int]]:
    """(open, close) index pairs of top-level quotation marks; an unclosed quote that opens a
    paragraph runs on into the next paragraphs until it closes."""
    out = []
    i = 0
    while i < len(text):
        opening = _OPENING.search(text, i)  # jump to the next opening mark
        if opening is None:
            break
        i = opening.start()
        ch = text[i]
        if ch in ("“", "「"):
            close = OPEN_CLOSE[ch]
            marks = _MARKS[ch]
            depth, j = 0, i + 1
            while j < len(text):
                hit = marks.search(text, j)  # only the marks and line breaks decide
                if hit is None:
                    j = len(text)
                    break
                j = hit.start()
                c = text[j]
                if c == ch and text[j - 1] == "\n":
                    pass  # a quote running over paragraphs reopens each paragraph with “: not nesting
                elif c == ch:
                    depth += 1
                elif c == close:
                    if depth == 0:
                        break
                    depth -= 1
                elif c == "\n" and not (i == 0 or text[i - 1] == "\n"):
                    j = -1
                    break
                j += 1
            if 0 < j < len(text):
                out.append((i, j))
                i = j + 1
                continue
        i += 1
    return out


def _clean(text: str, indirect: bool = False) -> str:
    """Without line breaks and the sentence-final 。！？; an indirect quote also loses a trailing
    comma before the direct quote that follows it (GUIDELINES strips only 。！？ from direct ones)."""
    text = re.sub(r"\n\s*[“「](?=\S)", "\n", text)  # a paragraph's reopening mark inside a long quote
    text = re.sub(r"\s*\n\s*", "", text).strip()
    text = text.rstrip("。！？!?")
    return text.rstrip("，,") if indirect else text


def _speechlike(content: str) -> bool:
    body = content.strip()
    if not body:
        return False
    if body[-1] in SENT_END or (len(body) > 1 and body[-2] in SENT_END and body[-1] in "’』"):
        return True
    return len(body) >= 20 and any(p in body for p in "，,；;")


class _Ctx:
    def __init__(self, doc) -> None:
        self.doc = doc
        self.text = doc.text
        self.v = vocab()
        names = {p.name for p in doc.facts.get("people", [])}
        # a transliterated name is often repeated by its first part: 阿卜杜热西提 for 阿卜杜热西提·吐尔洪
        self.alias = {n.split("·")[0]: n for n in names if "·" in n and len(n.split("·")[0]) >= 2}
        self.people = sorted(names | set(self.alias), key=len, reverse=True)
        self.orgs = {o.name for o in doc.facts.get("organizations", [])}
        self.verbs, self.speakerless, self.frames = _verbs()
        self.verb_re = _verb_re()
        self.verb_start_re = _verb_start_re(tuple(self.verbs))

    def person_in(self, start: int, end: int) -> Speaker | None:
        """The last person named in text[start:end], or a pronoun that ends it."""
        seg = self.text[start:end]
        best: Speaker | None = None
        for name in self.people:
            k = seg.rfind(name)
            if k != -1 and (best is None or k > best.start - start):
                best = Speaker(self.alias.get(name, name), start + k, start + k + len(name))
        if best is not None:
            return best
        for p in PRONOUNS:
            k = seg.rfind(p)
            if k != -1 and k + len(p) >= len(seg.rstrip()) - 6:
                return Speaker(p, start + k, start + k + len(p))
        return None

    def subject(self, start: int, end: int) -> Speaker | None:
        """Who speaks in text[start:end], the words before a speech verb."""
        if end - start > MAX_SUBJECT:
            start = end - MAX_SUBJECT
        found = self.person_in(start, end)
        if found is not None:
            return found
        seg = self.text[start:end]
        s, e = 0, len(seg)
        changed = True
        while changed:
            changed = False
            for a in ADVERBS:
                if seg[s:e].endswith(a) and e - len(a) > s:
                    e -= len(a)
                    changed = True
                if seg[s:e].startswith(a) and s + len(a) < e:
                    s += len(a)
                    changed = True
        words = _WHEN_TAIL.sub("", seg[s:e].strip())  # 省委主要领导来青崖调研时指出: the visit is not the speaker
        words = TIME_TAIL.sub("", words)  # 嘉义市政府今（20）日宣布: the date is not the speaker
        e = s + len(words)
        if not words or len(words) > 20 or any(c in words for c in "“”「」"):
            return None
        if words.startswith(("按照", "根据", "对照", "针对", "关于", "为了", "通过", "随着")):
            return None
        base = words[:-1] if words.endswith("们") else words  # 代表们, 专家们
        unnamed_official = words.startswith(("一位", "一名", "这位", "该", "有关")) and bool(self.v.roles_ending(words))
        if words in self.orgs or base.endswith(_speaker_nouns()) or self.v.is_org(words) or unnamed_official:
            return Speaker(words, start + s, start + e)
        return None


_WHEN_TAIL = re.compile(r"(?:在|来|到|赴|深入|前往)[^，。在来到]{1,12}(?:中|上|时|里|期间|之际)$")


def _sentence_end(text: str, pos: int, limit: int) -> int:
    """End of the sentence from pos: the first 。！？ outside quotation marks, or the paragraph end."""
    depth = 0
    k = pos
    while k < limit:
        c = text[k]
        if c in "“「‘『":
            depth += 1
        elif c in "”」’』":
            depth = max(0, depth - 1)
            if depth == 0 and k > pos and text[k - 1] in SENT_END:
                return k + 1
        elif c == "\n":
            return k
        elif c in SENT_END and depth == 0:
            return k
        k += 1
    return limit


@register("quotes", category="quotes", requires=("people", "organizations"))
def extract_quotes(doc) -> list[Quote]:
    ctx = _Ctx(doc)
    text = doc.text
    found: list[tuple[int, int, str, Speaker | None, int]] = []  # start, end, kind, speaker, order key
    directs = [(o, c) for o, c in _direct_spans(text)
               if _speechlike(text[o + 1:c]) or (len(text[o + 1:c]) >= 4 and _after_attribution(ctx, c))
               or _speaker_earlier_in_sentence(ctx, o, c) is not None]
    inside = [False] * (len(text) + 1)
    for o, c in directs:
        for k in range(o, c + 1):
            inside[k] = True
    # indirect quotes
    for para in doc.seg.paragraphs:
        pos = para.start
        while pos < para.end:
            hit = _next_verb(ctx, pos, para.end, inside)
            if hit is None:
                break
            vstart, vend, speakerless = hit
            pos = vend
            if text[max(para.start, vstart - 2):vstart] in ("发表", "作出", "发出", "发布") or ctx.verb_start_re.match(text, vend + 1):
                continue  # 发表声明，表示…: a noun, and the next verb opens the quote
            bound = vstart
            while bound > para.start and text[bound - 1] not in CLAUSE_BOUND:
                bound -= 1
            spk = None if speakerless else ctx.subject(bound, vstart)
            if spk is None and not speakerless:
                continue
            body_start = vend + 1
            end = _sentence_end(text, body_start, para.end)
            nxt_open = min((o for o, _ in directs if body_start <= o < end), default=None)
            body_end = nxt_open if nxt_open is not None else end
            body = _clean(text[body_start:body_end], indirect=True)
            if len(body) < 4:
                continue
            found.append((body_start, body_end, "indirect", spk, body_start))
            pos = max(vend, body_end)
    # frames: 在X看来，…
    for m in _FRAME.finditer(text):
        if inside[m.start()]:
            continue
        spk = ctx.person_in(m.start("who"), m.end("who")) or Speaker(m.group("who"), m.start("who"), m.end("who"))
        body_start = m.end()
        para = doc.paragraph_of(body_start)
        end = _sentence_end(text, body_start, para.end if para else len(text))
        if len(_clean(text[body_start:end])) >= 4:
            found.append((body_start, end, "indirect", spk, body_start))
    # direct quotes
    for o, c in directs:
        before = _colon_before(ctx, o)
        spk = before if before is not None and text[o - 1] in "：:" else (_after_attribution(ctx, c) or before)
        if spk is None:
            spk = _speaker_earlier_in_sentence(ctx, o, c) or _latest_speaker(found, o, doc.paragraph_of(o))
            if spk is None:
                continue
        found.append((o + 1, c, "direct", spk, o))
    quotes: list[Quote] = []
    seen: set[tuple[str, str]] = set()
    for start, end, kind, spk, _ in sorted(found, key=lambda f: f[4]):
        body = _clean(doc.as_written(start, end), indirect=kind == "indirect")
        while start < end and text[start] in " \n":
            start += 1
        if not body or (kind, body) in seen:
            continue
        seen.add((kind, body))
        quotes.append(Quote(
            text=body, text_original=doc.original_form(start, end), kind=kind,
            speaker=spk.name if spk else None,
            speaker_span=doc.span(spk.start, spk.end) if spk and spk.end > spk.start else None,
            span=doc.span(start, end),
        ))
    return quotes


def _next_verb(ctx: _Ctx, pos: int, limit: int, inside: list[bool]) -> tuple[int, int, bool] | None:
    """The next speech verb followed by ，/： outside direct quotes: (start, end, speakerless)."""
    for m in ctx.verb_re.finditer(ctx.text, pos, limit):
        if not inside[m.start()] and m.end() < limit:
            return m.start(), m.end(), m.group() in ctx.speakerless
    return None


def _after_attribution(ctx: _Ctx, close: int) -> Speaker | None:
    """`“……。”市委常委、…詹立风说。` / `“……”他说，` / `“……”润州区委书记徐心田以问题为导向，“……”`."""
    text = ctx.text
    start = close + 1
    while start < len(text) and text[start] in "，,。 ":
        start += 1
    limit = start
    while limit < len(text) and text[limit] not in "。！？!?，,“\n" and limit - start < MAX_SUBJECT:
        limit += 1
    for verb in ctx.verbs:
        k = text.find(verb, start, limit)
        if k > start:
            spk = ctx.subject(start, k)
            if spk is not None:
                return spk
    person = ctx.person_in(start, min(limit, start + 20))
    if person is not None and person.name not in PRONOUNS:
        return person
    if limit < len(text) and text[limit] in "，," and limit - start <= 6:
        # `“……。”采访中，韩志远反复强调。`: a short setting first, then who said it
        nxt, stop = limit + 1, limit + 1
        while stop < len(text) and text[stop] not in "。！？!?，,“\n" and stop - nxt < MAX_SUBJECT:
            stop += 1
        if stop < len(text) and text[stop] in "。！？!?":
            for verb in ctx.verbs:
                k = text.find(verb, nxt, stop)
                if k > nxt and k + len(verb) == stop:
                    spk = ctx.subject(nxt, k)
                    if spk is not None:
                        return spk
    # `“……。”回忆起那个冬天，…首席执行官周以恒至今记忆犹新，“……”`: the speaker named before the next quote
    end = start
    while end < len(text) and text[end] not in "。！？!?“「\n" and end - start < 60:
        end += 1
    if end < len(text) and text[end] in "“「":
        person = ctx.person_in(start, end)
        if person is not None and person.name not in PRONOUNS:
            return person
    return None


def _speaker_earlier_in_sentence(ctx: _Ctx, open_: int, close: int) -> Speaker | None:
    """`县长刘承翰在会中要求各局处首长严守财政纪律，「每一块钱都要花在刀口上」。`: a quoted clause of
    its own that ends the sentence, after a verb of saying whose subject is a person."""
    text = ctx.text
    if close - open_ < 9 or text[open_ - 1:open_] not in ("，", ",", "：", ":") or text[close + 1:close + 2] not in ("。", "！", "？", ""):
        return None
    start = max(text.rfind(c, 0, open_) for c in "。！？\n") + 1
    hits = [h for h in (ctx.verb_start_re.search(text, start, open_), SAID_BEFORE_COMMA.search(text, start, open_)) if h]
    if not hits:
        return None
    hit = min(hits, key=lambda h: h.start())
    bound = hit.start()
    while bound > start and text[bound - 1] not in CLAUSE_BOUND:
        bound -= 1
    spk = ctx.person_in(bound, hit.start())
    if spk is None or (spk.name in PRONOUNS and spk.name not in ("他", "她")):
        return None  # 他说，…，「…」: resolve names 他 and 她 later; 他们 or 我们 may be anyone
    return spk


def _colon_before(ctx: _Ctx, open_: int) -> Speaker | None:
    """`会议发出了动员令：“……”`, `他说：“……”`: the subject of the clause that ends in a colon."""
    text = ctx.text
    if open_ == 0 or text[open_ - 1] not in "：:，,":
        return None
    k = open_ - 1
    if text[k] in "，," and not any(text.endswith(v, 0, k) for v in ctx.verbs):
        return None
    if text[k] in "，,":
        verb = next(v for v in ctx.verbs if text.endswith(v, 0, k))
        start = k - len(verb)
        while start > 0 and text[start - 1] not in CLAUSE_BOUND:
            start -= 1
        return ctx.subject(start, k - len(verb))
    start = k
    while start > 0 and text[start - 1] not in "。！？!?；;\n，,“”":
        start -= 1
    person = ctx.person_in(start, k)
    if person is not None:
        return person
    for noun in _speaker_nouns():
        if text.startswith(noun, start):
            return Speaker(noun, start, start + len(noun))
    return None


def _latest_speaker(found, pos: int, para) -> Speaker | None:
    best = None
    for start, _end, _kind, spk, _ in found:
        if spk is not None and start < pos and (para is None or start >= para.start):
            if best is None or start > best[0]:
                best = (start, spk)
    return best[1] if best else None
