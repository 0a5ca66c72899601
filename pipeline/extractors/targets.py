"""Targets: a number with its unit, tied to the indicator it measures, its period and kind.

Clause grammar (GUIDELINES.md, targets):
- `[period][marker] METRIC VERB NUM UNIT [comparator]`   上半年实现制造业投资增长190.2%
- `METRIC NUM UNIT [comparator]`                          百亿企业5家以上
- `NUM COUNT NOUN`                                       18个市区重点项目 (the noun is the metric)
- `NOUN NUM% VERB`                                       省重点新建项目100%开工
- `VERB QUOTA的NUM%`                                      完成全年指标的51% (the quota is the metric)
A figure that only defines a class (`30亿元以上项目`) is not a target, but a count of such
things is (`10亿元以上8个` takes the noun of the clause before: `10亿元以上项目`).
Markers, verbs, units and stop nouns are data files under lexicons/.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from functools import cache
from itertools import accumulate

from ..lexicons import load, read_list, read_sections
from ..models import NormalizedAmount, Target
from ..registry import register
from ..segment import word_freq
from ..wordtrie import occurrences, word_regex
from .numbers import NumberMention, comparators, find_numbers, to_number
from .quotes import _verb_re
from .vocab import vocab

CLAUSE_SEP = "，,；;。！？!?：:\n“”「」()（）"
LIST_SEP = "、"
SCOPE = re.compile(r"^(?:全区|全市|全省|全县|全镇|全国|全行业|全年度)")
_METRIC_VERBS = read_sections("metric_verbs.txt", ("level",))
VERBS_CHANGE = tuple(r[0] for r in _METRIC_VERBS.get("", []) if r and r[0])  # lexicons/metric_verbs.txt
VERBS = VERBS_CHANGE + tuple(r[0] for r in _METRIC_VERBS.get("level", []) if r and r[0])
COMPARISON = re.compile(r"(较|比上?年|比去年|比上一|同比|环比|按年|按月|按季)")
MODAL_TAIL = re.compile(r"(将|要|拟|预计|计划|力争|确保|争取|可|已|均|共|累计|约|近|逾|超|总计|合计|全部|都|全)+$")
QUALIFIER = re.compile(r"^(?:扣除[^，,。]{1,8}?)?(?:实际|实质|名义)?(?=增长|下降|上升)|^扣除[^，,。]{1,8}?(?:后|因素)")
LEADING_COMPARISON = re.compile(r"(较|比(?!重|例|率|较)|同比|环比|按年|按月|按季)")
CONNECTIVES = ("其中", "此外", "同时", "另外", "当中", "并且", "而且", "其", "另")  # longest first
_LEADING_WORDS = ("到", "在", "今年", "全年", "要", "将", "已")
INDICATOR_OPENERS = ("新增",)  # a marker that also opens an indicator's name: 新增就业, 新增企业
APPROX_TAIL = re.compile(r"(?:大约|将近|接近|约|近|逾|(?<!以)上)$")  # 就业岗位上万个: 上 qualifies the number
MODAL = re.compile(r"(?<![即必主重需只不摘纲首])(将|要|拟)(?![来近求素点闻])")  # not 主要, 需要, 将近, 要求
# goal words that set no goal here: measured against (好于预期, 完成目标) or a noun (研发计划项目)
MEASURED_AGAINST = re.compile(r"(?:好于|高于|低于|超过|超出|超|符合|不及|达到|完成|实现|超额完成)(?:预期|目标|计划)"
                              r"|(?:计划|规划)(?=项目|疫苗|内|外)|预期(?=寿命)|(?:对于|关于)[^，,。]*[，,]")  # 免疫规划疫苗; 对于全年目标能否实现，
CURRENCY_TAIL = re.compile(r"(?:新台币|人民币|港币|澳门币|美元|欧元|日元)$")
PRONOUN_METRIC = re.compile(r"^(?:我们|他们|她们|我|他|她|大家|咱们)(?:的|$)")  # not 我国, 他家小麦
SHARE_OF = re.compile(r"(.*?)占(?!地|比)[^，,。；;]{1,15}?的?")  # X占Y的Z%: a share of a total is X's
PAST = re.compile(r"去年|上年|过去|此前|已|同比|环比|比上|较上|累计|实现|完成|了")  # a clause that reports a result
NOUN_STOP = ("在", "已", "的", "和", "与", "及", "将", "均", "都", "全部", "实现", "完成", "开工", "共", "累计",
             "达", "为", "是", "同比", "比", "较", "以", "从", "到", "，")


@cache
def _markers() -> tuple[tuple[str, ...], tuple[str, ...]]:
    lex = load()
    target = tuple(sorted({m for m in lex.target_markers if len(m) >= 2 and "…" not in m}
                          | {"确保", "力争", "争取", "目标", "计划", "预期"}, key=len, reverse=True))
    actual = tuple(sorted({m for m in lex.actual_markers if len(m) >= 2} | {"实现", "完成"}, key=len, reverse=True))
    return target, actual


@cache
def _frame_verbs() -> re.Pattern[str]:
    return word_regex(read_list("target_frame_verbs.txt"))


@cache
def _directives() -> re.Pattern[str]:
    return word_regex(r[0] for r in read_sections("target_frame_verbs.txt", ("directive",)).get("directive", []) if r)


# a goal word right after a verb of change makes the verb part of the indicator:
# 经济增长预期目标为5%-5.5% → 经济增长, a target
GOAL_AFTER_CHANGE = re.compile(r"(?:的)?(?:预期目标|目标|预期)(?:值|任务)?(?:是|为|定为|设定为|[：:])")


@cache
def _spec_metrics() -> tuple[str, ...]:
    return tuple(read_list("spec_metrics.txt"))


@cache
def _metric_stop() -> tuple[str, ...]:
    return tuple(read_list("metric_stopwords.txt"))


def _clause_start(text: str, pos: int, floor: int, seps: str = CLAUSE_SEP + LIST_SEP) -> int:
    k = pos
    while k > floor and text[k - 1] not in seps:
        k -= 1
    return k


def _in_short_quote(text: str, pos: int, floor: int) -> bool:
    """Numbers inside a quoted slogan (“三项机制”, “定3年、谋8年”) are not figures."""
    open_ = text.rfind("“", floor, pos)
    if open_ == -1 or text.rfind("”", open_, pos) != -1:
        return False
    close = text.find("”", pos)
    return close != -1 and close - open_ <= 16 and not any(p in text[open_:close] for p in "。！？，")


def _strip_left(left: str, periods: list[str]) -> str:
    """Drop what stands before the indicator: periods, goal markers, scope words."""
    words = tuple(w for w in sorted(periods, key=len, reverse=True) if w and w not in INDICATOR_OPENERS) + _leading_words()
    changed = True
    while changed and left:
        changed = False
        left = left.lstrip("，,、 ")
        if left.startswith(words):  # one C-level test; the loop below then keeps the list's order
            for word in words:
                if left.startswith(word):
                    left = left[len(word):]
                    changed = True
                    break
        m = SCOPE.match(left)
        if m:
            left, changed = left[m.end():], True
        if left.startswith(CONNECTIVES):
            for c in CONNECTIVES:
                if left.startswith(c) and len(left) > len(c):
                    left, changed = left[len(c):], True
                    break
        m = re.match(r"^(\d+(?:\.\d+)?)(个|家|项|座|所|条)", left)
        if m:
            left, changed = left[m.end():], True
    return left


@cache
def _leading_words() -> tuple[str, ...]:
    """Goal and achievement markers and scope words, in the order `_strip_left` tries them."""
    target, actual = _markers()
    return tuple(w for w in (*target, *actual, *_LEADING_WORDS) if w and w not in INDICATOR_OPENERS)


@cache
def _object_verbs() -> frozenset[str]:
    return frozenset(read_list("object_verbs.txt"))


def _metric_from_left(left: str) -> str:
    """Text before the verb; for `完成X的N%` the quota X; for a bare `实现开工` the remainder.

    An empty result means the clause names no indicator (`，同比增长5%`): the caller carries
    the indicator of the clause before.
    """
    left = APPROX_TAIL.sub("", CURRENCY_TAIL.sub("", left))  # 近千家, 新台币351.2亿元: they qualify the number
    for word, _ in comparators()["before"]:  # …目标不低于30万个: the comparator is not the indicator
        if left.endswith(word) and len(left) > len(word):
            left = left[: -len(word)]
            break
    left = QUALIFIER.sub("", left)     # 扣除价格因素实际增长: a qualifier, the indicator is carried over
    if not left or LEADING_COMPARISON.match(left):
        return ""
    share = SHARE_OF.fullmatch(left)
    if share:
        return MODAL_TAIL.sub("", share.group(1))  # 机电产品出口占出口总值的56.6%: the part; empty carries it
    cmp = COMPARISON.search(left)
    objects = sorted(((left.rfind(ov), ov) for ov in _object_verbs() if ov in left), key=lambda x: (x[0] + len(x[1]), x[1]))
    for k, ov in reversed(objects):  # the last object verb before the figure, deterministically
        after = left[k + len(ov):]
        if (len(after) >= 2 and not any(v in after for v in VERBS_CHANGE) and not after.endswith("的")
                and not any(after.endswith(w) for w, _ in comparators()["before"])):
            return MODAL_TAIL.sub("", after)  # 兑现各类扶持资金3.2亿元: the indicator is the verb's object
        break
    hits = [(k, v) for v in VERBS if v in left for k in occurrences(left, v)
            if not (v in ("为", "占") and k + len(v) != len(left.rstrip()))  # 为/占 only right before the figure
            and left[k + len(v):k + len(v) + 1] not in ("值", "量", "额", "率")  # 增加值 is a noun
            and not (v == "达" and left[k + 1:k + 2] in ("产", "成", "标"))]  # 达产 is not 达
    if hits:
        k, verb = min(hits, key=lambda h: (h[0], -len(h[1])))
        after = left[k + len(verb):]
        if verb in VERBS_CHANGE and GOAL_AFTER_CHANGE.fullmatch(after.strip()):
            return MODAL_TAIL.sub("", left[:k + len(verb)])
        if after.endswith("的") and len(after) > 1:
            return after[:-1]
        if verb in _object_verbs() and len(after) >= 2 and not any(v in after for v in VERBS_CHANGE):
            return MODAL_TAIL.sub("", after)  # 成都市实现地区生产总值1.6万亿元: the indicator follows 实现
        head = left[:k]
    else:
        head = left
    if cmp and 0 < cmp.start() < len(head):
        head = head[:cmp.start()]
    return MODAL_TAIL.sub("", head)


def _tail_words(doc, metric: str, clause: int, limit: int) -> str:
    """The last words of an over-long indicator, at most eight characters, by the segmenter's tokens."""
    k = doc.text.rfind(metric, clause, limit)
    if k == -1:
        return metric[-8:]
    end = k + len(metric)
    starts = doc.seg.token_starts  # sorted: the first token start after k within 8 of the end
    i = bisect_right(starts, max(k, end - 9))
    return doc.text[starts[i]:end] if i < len(starts) and starts[i] < end else metric[-8:]


def _split_goal_word(metric: str) -> tuple[str, bool]:
    """`预期目标是地区生产总值` → (`地区生产总值`, True); `粮食产量目标` → (`粮食产量`, True)."""
    target, _ = _markers()
    best = None
    for m in target:
        k = metric.rfind(m)
        if k != -1 and MEASURED_AGAINST.match(metric, k):
            continue  # 研发计划项目: 计划 is part of a noun here
        if k != -1 and (best is None or k + len(m) > best[0] + len(best[1])):
            best = (k, m)
    if best is None:
        return metric, False
    k, m = best
    after = metric[k + len(m):].lstrip("是为的")
    if after in _object_verbs() and k > 0:
        return metric[:k], True  # 一般公共预算支出计划安排: the indicator stands before 计划
    return (after if after else metric[:k]), True


def _amount_object(text: str, clause: int, n: NumberMention, sent) -> str | None:
    """`提供约74亿港元资助`, `批准约19亿港元拨款`: after a verb of giving or approving, the noun
    right after the amount names what it is (资助, 拨款)."""
    left = MODAL_TAIL.sub("", APPROX_TAIL.sub("", text[clause:n.start].rstrip()))
    if not left.endswith(tuple(_object_verbs())):
        return None
    noun = _noun_after(text, n.end, sent.end if sent else len(text))
    return noun if 2 <= len(noun) <= 6 and not noun.startswith(_metric_stop()) else None


def _noun_after(text: str, pos: int, limit: int) -> str:
    k = pos
    while k < limit and text[k] not in CLAUSE_SEP + LIST_SEP and not text[k].isdigit():
        if any(text.startswith(s, k) for s in NOUN_STOP):
            break
        if text[k] == "中" and word_freq(text[k:k + 2]) < 100:
            break  # 58个项目中36个…: "among"; but 中小企业, 中心 are nouns
        k += 1
    return text[pos:k]


def _period_before(doc, pos: int, floor: int) -> str | None:
    """The last period in [floor, pos), as written in the source (２０２３年 keeps its widths)."""
    spans = _period_spans(doc)
    between = _periods_by_start(doc).values_between(floor, pos)  # in start order, then list order
    if not between:
        return None
    last_start = spans[between[-1]][0]
    start, end, _ = spans[next(i for i in between if spans[i][0] == last_start)]  # the first listed there
    if doc.text.startswith(("期间", "时期"), end):
        end += 2  # “十四五”期间: the period as written, though the date itself is “十四五”
    return re.sub(r"\s+", "", doc.as_written(start, end))


SINGLE_DAY = re.compile(r"(?:\d{4}|XXXX)-(?:\d\d|XX)-\d\d(?:T[\d:]+)?|D[+-]\d+|W[+-]\d+-[1-7]")  # 今（20）日, 本周五 too


_QUOTA = "(?:目标|任务|指标|计划)"  # a quota a share is measured against
_QUOTA_OF = re.compile(_QUOTA + "+的")  # 全年目标任务的, not 全年计划实施
QUOTA_DONE = re.compile(r"完成[^，,。；;]{0,12}?" + _QUOTA + r"[^，,。；;]{0,4}?的")


def _period_spans(doc) -> list[tuple[int, int, str]]:
    """(start, end, text without spaces) of every date that can be a figure's period, and 全年."""
    if "period_spans" in doc.cache:
        return doc.cache["period_spans"]
    from .dates import doc_dates

    spans = [(d.start, d.end, re.sub(r"\s+", "", doc.text[d.start:d.end])) for d in doc_dates(doc)
             if not SINGLE_DAY.fullmatch(d.value)  # 今（20）日, 同日: the day of an event, not a figure's period
             and doc.text[max(0, d.start - 1):d.start] not in ("较", "比", "同")
             and doc.text[max(0, d.start - 2):d.start] not in ("高于", "低于", "多于", "少于", "快于", "慢于")
             and not doc.text.startswith("规划的", d.end)]  # 实施“十四五”规划的攻坚之年: the plan, not the period
    spans += [(k, k + 2, "全年") for k in occurrences(doc.text, "全年")
              if not _QUOTA_OF.match(doc.text, k + 2)]  # 完成全年目标任务的59%: a quota, not a period
    doc.cache["period_spans"] = spans
    return spans


class _Intervals:
    """(start, value) pairs sorted by start, for the ones starting in a range in O(log n): a long
    work report has hundreds of figures and dates, and each figure looks at those before it."""

    def __init__(self, pairs: Iterable[tuple[int, int]]) -> None:
        self.pairs = sorted(pairs)
        self.starts = [s for s, _ in self.pairs]
        self.reach = list(accumulate((v for _, v in self.pairs), max))  # the furthest end so far

    def values_between(self, lo: int, hi: int) -> list[int]:
        """Values of the pairs with lo <= start < hi."""
        return [v for _, v in self.pairs[bisect_left(self.starts, lo):bisect_left(self.starts, hi)]]

    def covers(self, pos: int) -> bool:
        """With (start, end) pairs: does one of them hold pos?"""
        k = bisect_right(self.starts, pos)
        return k > 0 and self.reach[k - 1] > pos


def _periods_by_start(doc) -> _Intervals:
    """The period spans' list positions by start, built once per document."""
    if "periods_by_start" not in doc.cache:
        doc.cache["periods_by_start"] = _Intervals((s, i) for i, (s, _, _) in enumerate(_period_spans(doc)))
    return doc.cache["periods_by_start"]


def _in_headline(doc, pos: int) -> bool:
    """A title line at the top of a page: among the first paragraphs, short, with no 。."""
    for p in doc.seg.paragraphs[:4]:
        if p.start <= pos < p.end:
            para = doc.text[p.start:p.end]
            return len(para) <= 40 and not any(c in para for c in "。！？；")
    return False


def unit_category(lex, unit: str) -> str:
    u = lex.units.get(unit)
    return u.category if u else ""


def _is_class_defining(text: str, n: NumberMention) -> bool:
    """`30亿元以上项目`, `10亿元以上8个`: an amount that names a class of things."""
    tail = text[n.end:n.end + 1]
    if n.comparator in (">=", "<=") and text[n.end - 2:n.end] in ("以上", "以下") and tail:
        return tail not in CLAUSE_SEP + LIST_SEP
    if tail == LIST_SEP:  # `30亿元、50亿元以上重大项目`: shares the class of the next amount
        nxt = re.match(r"、\s*\d+(?:\.\d+)?\s*[万亿]?[\u4e00-\u9fff]{0,2}(以上|以下)(?=[\u4e00-\u9fff])", text[n.end:])
        return bool(nxt)
    return False


_SCOPE_WORDS = ("全市", "全区", "全省", "全县", "全镇", "全州", "全国", "我市", "我省", "我区", "我县", "本市", "本省",
                "本港", "全港", "全台", "新区", "高新区")
_SCOPE_SUBJECT = re.compile("(" + "|".join(_SCOPE_WORDS) + ")")


_SCOPE_FIRST = frozenset(w[0] for w in _SCOPE_WORDS)  # a position starting otherwise needs no regex


def _subject(doc, sent_start: int, metric_start: int) -> str | None:
    """Who the figure is about, when the sentence names it before the indicator: a place or a
    scope word (`扬中`, `镇江高新区`, `全区`), after any speech verb (the speaker is not the subject)."""
    v = vocab()
    text = doc.text
    start = sent_start
    for m in _verb_re().finditer(text, sent_start, metric_start):
        start = m.end() + 1
    orgs = {o.name for o in doc.facts.get("organizations", [])}
    best: tuple[int, int] | None = None
    k = start
    while k < metric_start:
        n = v.place_at(text, k, metric_start)
        if n and any(text.startswith(o, k) and len(o) > n for o in orgs):
            k += n  # 润州区委书记…: the place belongs to an organisation's name
            continue
        if n:
            end = k + n
            scope = _SCOPE_SUBJECT.match(text, end)
            best = (k, scope.end() if scope and scope.end() <= metric_start else end)
            k = best[1]
            continue
        scope = _SCOPE_SUBJECT.match(text, k) if text[k] in _SCOPE_FIRST else None
        if scope and scope.end() <= metric_start:
            best = (k, scope.end())
            k = scope.end()
            continue
        k += 1
    return text[best[0]:best[1]] if best else None


def _kind(text: str, sent_start: int, clause: int, metric_start: int, metric_end: int, num_start: int) -> str:
    """`target` when the sentence sets the figure as a goal: a goal word before the indicator
    or between it and the figure (基本工程开支预计约为900亿元), a modal (将, 要) in its clause, or a
    modal in an earlier clause of the sentence that the figure's clause shares (今年要…，一般公共
    预算收入增长5%) unless that clause reports the past (去年, 已, 同比)."""
    target, _ = _markers()
    before = MEASURED_AGAINST.sub("", text[sent_start:metric_start])  # 好于预期 sets no goal
    before = QUOTA_DONE.sub("", before)  # 完成全年目标任务的59%；…: a share of a goal reached sets none
    if MODAL.search(text[clause:num_start]) or GOAL_AFTER_CHANGE.search(text, metric_start, num_start):
        return "target"
    if any(m in before for m in target) or re.search(r"(?<!达)到(?:“[^”]{1,6}”|\d{4}年|[今明后]年)", before):
        return "target"
    between = MEASURED_AGAINST.sub("", text[metric_end:num_start])
    if any(m in between for m in target):
        return "target"
    if MODAL.search(text, sent_start, clause) and not PAST.search(text, clause, num_start):
        return "target"
    return "actual"


@register("targets", category="targets", requires=("dates", "organizations"))
def extract_targets(doc) -> list[Target]:
    text = doc.text
    lex = doc.lex
    out: list[Target] = []
    seen: set[tuple] = set()
    in_date = _Intervals((d.span.start, d.span.end) for d in doc.facts.get("dates", []))
    numbers = find_numbers(text)
    periods_by_start = _periods_by_start(doc)
    prev_metric: dict[int, str] = {}
    used_numbers: set[int] = set()
    used: list[NumberMention] = []  # in text order, as numbers are taken
    skipped: list[int] = []
    for n in numbers:
        if n.unit is None:
            continue
        if n.chinese and text[n.start - 1:n.start] == "几":
            continue  # 几十米, 几百人: a vague amount, not a figure
        if n.chinese and n.value == 1 and unit_category(lex, n.unit) == "count" and not (lex.units[n.unit].multiplier or 1) > 1:
            continue  # 一项, 一个: prose, not a figure (上万个 is one 万个)
        o_start, _ = doc.norm.to_original(n.start, n.end)
        if in_date.covers(o_start):
            continue
        if text[max(0, n.start - 1):n.start] in ("第", "的") and n.unit != "%":
            skipped.append(n.end)
            continue
        unit = lex.units.get(n.unit)
        if unit and unit.category in ("", "time"):
            continue
        if _in_headline(doc, n.start):
            continue  # 48个项目总投资326.8亿元 as a title: the body states the figures
        sent = doc.sentence_of(n.start)
        sent_start = sent.start if sent else 0
        if _in_short_quote(text, n.start, doc.paragraph_of(n.start).start if doc.paragraph_of(n.start) else 0):
            continue
        if _is_class_defining(text, n):
            continue
        periods = [_period_spans(doc)[i][2] for i in sorted(periods_by_start.values_between(sent_start, n.start))]
        clause = _clause_start(text, n.start, sent_start)
        framed = None
        for framed in _frame_verbs().finditer(text, clause, n.start):  # noqa: B007 - the last one
            pass  # 市长张明表示今年GDP增长6%: the indicator starts after the last verb of saying
        if framed is not None and framed.end() < n.start and _metric_from_left(_strip_left(text[framed.end():n.start], periods)):
            clause = framed.end()  # only when an indicator follows the verb (not 基本工程开支预计约为900亿元)
        left_override: str | None = None
        if clause == n.start and text[n.start - 1:n.start] in ("）", ")"):
            # 固定资产投资（不含农户）381265亿元: the note in brackets sits between indicator and figure
            open_ = max(text.rfind("（", sent_start, n.start), text.rfind("(", sent_start, n.start))
            if open_ > sent_start:
                clause = _clause_start(text, open_, sent_start)
                left_override = text[clause:open_]
        clause_before_date: int | None = None
        date_start = clause
        # the indicator starts after the last figure or date of the clause
        for i in sorted(periods_by_start.values_between(clause, n.start)):
            s, _, t = _period_spans(doc)[i]
            if clause <= s and s + len(t) <= n.start and t != "全年":
                clause_before_date = clause if clause_before_date is None else clause_before_date
                date_start = s
                clause = max(clause, s + len(t))
        for prev in used[bisect_left(used, clause, key=lambda u: u.start):]:
            if prev.end <= n.start and prev.start >= clause:
                clause = max(clause, prev.end)
        if skipped and text[max(0, n.start - 1):n.start] in ("和", "与", "及", "、") and n.start - skipped[-1] <= 12:
            skipped.append(n.end)
            continue
        after = text[n.end:n.end + 1]
        is_count = unit is not None and unit.category == "count"
        metric: str | None = None
        metric_start = n.start
        t_start, t_end = clause, n.end
        cjk_after = bool(after and re.match(r"[\u4e00-\u9fff]", after))
        category = unit.category if unit else ""
        if cjk_after and n.comparator == "=" and (after == "的" or category not in ("money", "percent", "count", "point", "ratio")):
            continue  # `120标箱纯电动船`, `30亿元的项目`: a specification or class, not a figure
        repeats_unit = text[clause:n.start].rstrip("多余近约逾").endswith(n.unit[-1:]) if n.unit else False
        if is_count and cjk_after and not repeats_unit and not text.startswith(("以上", "以下"), n.end):
            if n.chinese:
                continue  # `三个方面`, `一批项目`: prose counts, not figures
            noun = _noun_after(text, n.end, sent.end if sent else len(text))
            if not noun or noun.startswith(_metric_stop()):
                continue
            metric, t_start, t_end = noun, n.start, n.end + len(noun)
        elif category == "money" and cjk_after and (noun := _amount_object(text, clause, n, sent)):
            metric, t_end = noun, n.end + len(noun)  # 特区政府将提供约74亿港元资助: the noun after names it
            metric_start = n.end
        else:
            left = left_override if left_override is not None else text[clause:n.start]
            if n.unit == "%" and after and re.match(r"[\u4e00-\u9fff]", after) and not any(v in left for v in VERBS_CHANGE):
                metric = _strip_left(left, periods)
            else:
                quota_m = re.search(r"(?:完成|达到)([^，,；;。]{2,12}?)的\s*$", left)  # a share of a quota; X占Y的 is X's
                stripped = _strip_left(left, periods)
                metric = quota_m.group(1) if quota_m else _metric_from_left(stripped)
                metric_start = clause + left.find(metric) if metric and metric in left else n.start
            if metric and re.search(r"\d", metric) and re.search(r"(以上|以下)$", metric):
                head = prev_metric.get(sent_start, "")
                metric = metric + (head[-2:] if len(head) >= 2 else "")
        quota = text[clause:n.start].rstrip().endswith("的")
        metric, goal_in_metric = (metric or "", False) if quota else _split_goal_word(metric or "")
        if len(metric) > 12:
            metric = _tail_words(doc, metric, clause, n.start)  # …股份有限公司高性能…项目总投资 → 总投资
        metric = metric.strip("，,、 的")
        if PRONOUN_METRIC.match(metric):
            metric = ""  # 我们的目标是增长6.5%: a pronoun names no indicator; the clause before may
        if not metric and clause_before_date is not None and not cjk_after:
            # 财政储备于明年3月底将降至6831亿元: the indicator stands before the date
            before = re.sub(r"[于在到至]$", "", _strip_left(text[clause_before_date:date_start], periods))
            candidate = _metric_from_left(before).strip("，,、 的") if before else ""
            metric = candidate if len(candidate) >= 2 and candidate not in CONNECTIVES else ""
        if not metric and prev_metric.get(sent_start):
            metric = prev_metric[sent_start]
        if not metric or len(metric) > 20 or re.fullmatch(r"[\d.%]+", metric) or metric.endswith(_spec_metrics()):
            continue  # 全长86.5公里, 设计速度80公里: a specification, not a figure
        period = _period_before(doc, metric_start, sent_start)
        metric_end = metric_start + len(metric) if text.startswith(metric, metric_start) else metric_start
        kind = _kind(text, sent_start, clause, min(metric_start, n.start), min(metric_end, n.start), n.start)
        if goal_in_metric or _directives().search(text, sent_start, n.start):
            kind = "target"  # 目标 in the indicator, or a directive before it (会议要求…, 政府承诺…)
        value = to_number(n.value)
        key = (metric, value, n.unit, period, kind)
        if key in seen:
            continue
        seen.add(key)
        used_numbers.add(n.start)
        used.append(n)
        prev_metric[sent_start] = metric
        normalized = None
        if unit and unit.multiplier and unit.base:
            normalized = NormalizedAmount(value=float(n.value) * unit.multiplier, unit=unit.base,
                                          currency=unit.base if unit.category == "money" else None)
        t_start = t_start + (len(text[t_start:t_end]) - len(text[t_start:t_end].lstrip("，,、 ")))
        out.append(Target(
            subject=_subject(doc, sent_start, min(metric_start, n.start)),
            text=re.sub(r"\s+", "", doc.as_written(t_start, t_end)),
            text_original=doc.original_form(t_start, t_end),
            metric=metric, value=value,
            value_max=to_number(n.value_max) if n.value_max is not None else None,
            unit=n.unit, comparator=n.comparator, kind=kind, period=period,
            normalized=normalized, span=doc.span(t_start, t_end),
        ))
    return out
