"""Compare zhfacts' dates and targets with peer tools on the seed documents (dev only).

Why: to show, with the shared scorer's rules where they apply, how zhfacts' date and
number extraction compares with the peers a user could use instead (see
``../shared/notes/peers.md``): jionlp ``ner.extract_time`` / ``ner.extract_money`` and
Microsoft Recognizers-Text (Chinese DateTimeV2, number, percentage and currency models).

* Dates: each tool's output becomes the expected-facts shape ``{text, value}`` (value
  best-effort in GUIDELINES notation; an absolute resolution is kept as it is, so its value
  accuracy is lower) and is scored by ``score()`` of ``../shared/tools/score_facts.py``.
* Numbers: "number found" precision/recall of the gold targets' value+unit pairs. Peers
  give no metric, kind or period, so only this part is comparable.
* Time: all tools run in this one process. One warm-up call per document, then the median
  of ``--repeats`` calls per document, summed over the documents. ``init s`` is import plus
  construction plus the first call's excess over that document's median (lazy loading).

Peers that need a reference date get the document's own dateline when it has one, otherwise
a fixed 2022-08-10; never the clock. A peer that cannot be imported is reported and skipped.

Run::

    python3 -m venv /tmp/peersvenv && /tmp/peersvenv/bin/pip install -e '.[bench]'
    /tmp/peersvenv/bin/python bench/compare_peers.py --markdown bench/compare_peers.md
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib
import importlib.util
import io
import os
import platform
import re
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import Any

from pipeline.ingest import RawDocument, iter_documents

REPO = Path(__file__).resolve().parents[1]
SCORER_PATH = REPO / "../shared/tools/score_facts.py"
FALLBACK_REFERENCE = dt.datetime(2022, 8, 10)
_DATELINE = re.compile(r"(\d{4})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})")
_DATELINE_CHARS = 300
_TIMEX_DATE = re.compile(r"[\dX]{4}(-[\dX]{2}(-[\dX]{2}(T\d{2}:\d{2})?)?)?")
_MULTIPLIERS = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3}
_CURRENCY_UNITS = {"CNY": "元"}

Number = tuple[float, str | None]
Analyse = Callable[[RawDocument, dt.datetime], Any]


@dataclass
class Found:
    """One document's output of one tool, in comparable form."""

    dates: list[dict[str, str]] = field(default_factory=list)
    numbers: set[Number] = field(default_factory=set)
    bare_numbers: int = 0
    targets: list[dict[str, Any]] | None = None


@dataclass
class Tool:
    name: str
    packages: tuple[str, ...]
    setup: Callable[[], Analyse]
    convert: Callable[[Any], Found]


@dataclass
class Result:
    tool: Tool
    found: dict[str, Found]
    seconds: float
    chars: int
    init: float


# --- reference dates and value shapes ---------------------------------------------------------


def reference_for(text: str) -> tuple[dt.datetime, str]:
    """The document's own full date in its opening lines, else the fixed fallback."""
    for m in _DATELINE.finditer(text[:_DATELINE_CHARS]):
        with contextlib.suppress(ValueError):
            return dt.datetime(int(m[1]), int(m[2]), int(m[3])), "dateline"
    return FALLBACK_REFERENCE, "fixed"


def base_unit(value: float, unit: str | None) -> Number:
    """(1200, '亿元') → (1.2e11, '元'); (190.2, '%') stays; a bare number has unit None."""
    if not unit:
        return float(value), None
    for prefix, factor in _MULTIPLIERS.items():
        if unit.startswith(prefix) and len(unit) > len(prefix):
            return float(value) * factor, unit[len(prefix):]
    return float(value), unit


def _parse_time(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text.strip())
    except (TypeError, ValueError):
        return None


def _point(t: dt.datetime) -> str:
    return t.date().isoformat() if t.time() == dt.time() else t.strftime("%Y-%m-%dT%H:%M")


def _whole_unit(start: dt.datetime, end: dt.datetime) -> str | None:
    """A year, half, quarter, month or day written the GUIDELINES way; end is exclusive."""
    if start.time() != dt.time() or end.time() != dt.time():
        return None
    months = (end.year - start.year) * 12 + end.month - start.month
    if start.day == 1 and end.day == 1:
        if months == 12 and start.month == 1:
            return f"{start.year:04d}"
        if months == 6 and start.month in (1, 7):
            return f"{start.year:04d}-H{start.month // 6 + 1}"
        if months == 3 and start.month % 3 == 1:
            return f"{start.year:04d}-Q{start.month // 3 + 1}"
        if months == 1:
            return f"{start.year:04d}-{start.month:02d}"
    if end - start == dt.timedelta(days=1):
        return start.date().isoformat()
    return None


def interval_value(start: dt.datetime | None, end: dt.datetime | None) -> str:
    """An absolute interval (end exclusive, None when open) in GUIDELINES notation."""
    if start is None or end is None:
        known = start or end
        return _point(known) if known else ""
    if end - start <= dt.timedelta(minutes=1):
        return start.strftime("%Y-%m-%dT%H:%M")
    unit = _whole_unit(start, end)
    if unit:
        return unit
    last = end - dt.timedelta(days=1) if end.time() == dt.time() else end
    return f"{_point(start)}/{_point(last)}"


# --- zhfacts ----------------------------------------------------------------------------------


def setup_zhfacts() -> Analyse:
    from pipeline.config import PipelineConfig
    from pipeline.pipeline import Pipeline

    pipe = Pipeline(PipelineConfig(extractors=("dates", "targets"), only=("dates", "targets")))
    return lambda doc, _ref: pipe.process(doc)


def convert_zhfacts(record: Any) -> Found:
    dates = [{"text": d.text, "value": d.value} for d in record.dates]
    numbers = {base_unit(t.value, t.unit) for t in record.targets if t.value is not None}
    targets = [t.model_dump(mode="json") for t in record.targets]
    return Found(dates=dates, numbers=numbers, targets=targets)


# --- jionlp -----------------------------------------------------------------------------------


def setup_jionlp() -> Analyse:
    with contextlib.redirect_stdout(io.StringIO()):  # the import prints a banner
        jio = importlib.import_module("jionlp")

    def analyse(doc: RawDocument, ref: dt.datetime) -> tuple[list, list]:
        text = doc.text or ""
        return jio.ner.extract_time(text, time_base=ref, with_parsing=True), jio.ner.extract_money(text)

    return analyse


def _jionlp_date(item: dict[str, Any]) -> dict[str, str] | None:
    detail = item.get("detail") or {}
    if item.get("type") not in ("time_point", "time_span") or not isinstance(detail.get("time"), list):
        return None
    start, end = (_parse_time(t) for t in detail["time"][:2])
    end = end + dt.timedelta(seconds=1) if end and end.second == 59 else end
    return {"text": item["text"], "value": interval_value(start, end)}


def _jionlp_money(item: dict[str, Any]) -> Number | None:
    detail = item.get("detail") or {}
    num = detail.get("num")
    num = num[0] if isinstance(num, list) else num
    try:
        return base_unit(float(num), detail.get("case"))
    except (TypeError, ValueError):
        return None


def convert_jionlp(raw: tuple[list, list]) -> Found:
    times, money = raw
    dates = [d for d in map(_jionlp_date, times) if d]
    return Found(dates=simplified_dates(dates), numbers={n for n in map(_jionlp_money, money) if n})


# --- Recognizers-Text -------------------------------------------------------------------------


def setup_recognizers() -> Analyse:
    culture = importlib.import_module("recognizers_text").Culture.Chinese
    number = importlib.import_module("recognizers_number").NumberRecognizer(culture)
    unit = importlib.import_module("recognizers_number_with_unit").NumberWithUnitRecognizer(culture)
    date = importlib.import_module("recognizers_date_time").DateTimeRecognizer(culture)
    models = {
        "datetime": date.get_datetime_model(),
        "number": number.get_number_model(),
        "percentage": number.get_percentage_model(),
        "currency": unit.get_currency_model(),
    }

    def analyse(doc: RawDocument, ref: dt.datetime) -> dict[str, list]:
        text = doc.text or ""
        out = {name: model.parse(text) for name, model in models.items() if name != "datetime"}
        out["datetime"] = models["datetime"].parse(text, ref)
        return out

    return analyse


def _recognizers_date(result: Any) -> dict[str, str] | None:
    if result.type_name.endswith((".duration", ".set")):
        return None
    values = (result.resolution or {}).get("values") or [{}]
    first = values[0]
    timex = first.get("timex", "")
    if _TIMEX_DATE.fullmatch(timex):
        value = timex
    elif "start" in first or "end" in first:
        value = interval_value(_parse_time(first.get("start", "")), _parse_time(first.get("end", "")))
    else:
        value = first.get("value") or timex
    return {"text": result.text, "value": value}


def _recognizers_number(result: Any, kind: str) -> Number | None:
    resolution = result.resolution or {}
    try:
        value = float(str(resolution.get("value", "")).rstrip("%"))
    except ValueError:
        return None
    if kind == "percentage":
        return value, "%"
    if kind == "currency":
        iso = resolution.get("isoCurrency")
        return value, _CURRENCY_UNITS.get(iso, iso) or resolution.get("unit")
    return value, None


def _overlaps(result: Any, others: list[Any]) -> bool:
    return any(result.start <= o.end and o.start <= result.end for o in others)


def convert_recognizers(raw: dict[str, list]) -> Found:
    dates = [d for d in map(_recognizers_date, raw["datetime"]) if d]
    with_unit = raw["percentage"] + raw["currency"]
    numbers = {n for kind in ("percentage", "currency") for n in (_recognizers_number(r, kind) for r in raw[kind]) if n}
    bare = {_recognizers_number(r, "number") for r in raw["number"] if not _overlaps(r, with_unit)}
    return Found(dates=simplified_dates(dates), numbers=numbers, bare_numbers=len(bare - {None}))


# --- running and timing -----------------------------------------------------------------------


_T2S: Any = None


def simplified_dates(dates: list[dict[str, str]]) -> list[dict[str, str]]:
    """Expected-facts strings are Simplified: convert a peer's (possibly Traditional) text."""
    global _T2S
    if _T2S is None:
        _T2S = importlib.import_module("opencc").OpenCC("t2s")
    return [{"text": _T2S.convert(d["text"]), "value": d["value"]} for d in dates]


TOOLS = (
    Tool("zhfacts", ("zhfacts",), setup_zhfacts, convert_zhfacts),
    Tool("jionlp extract_time + extract_money", ("jionlp",), setup_jionlp, convert_jionlp),
    Tool("recognizers-text datetime + number + percentage + currency", ("recognizers-text-suite",),
         setup_recognizers, convert_recognizers),
)


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def run_tool(tool: Tool, docs: list[RawDocument], refs: dict[str, dt.datetime], repeats: int) -> Result:
    init, analyse = timed(tool.setup)
    found: dict[str, Found] = {}
    total = 0.0
    for i, doc in enumerate(docs):
        first, raw = timed(lambda doc=doc: analyse(doc, refs[doc.doc_id]))
        median = statistics.median(timed(lambda doc=doc: analyse(doc, refs[doc.doc_id]))[0] for _ in range(repeats))
        init += max(0.0, first - median) if i == 0 else 0.0
        total += median
        found[doc.doc_id] = tool.convert(raw)
    return Result(tool, found, total, sum(len(d.text or "") for d in docs), init)


# --- scoring ----------------------------------------------------------------------------------


def load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_facts", SCORER_PATH)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load the shared scorer from {SCORER_PATH}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score_dates(scorer: ModuleType, gold: dict[str, dict], found: dict[str, Found]) -> tuple[dict, float | None]:
    g = {doc: {"doc_id": doc, "dates": rec.get("dates") or []} for doc, rec in gold.items()}
    p = {doc: {"doc_id": doc, "dates": f.dates} for doc, f in found.items()}
    report = scorer.score(g, p)
    return report["categories"]["dates"], report["attributes"]["dates.value"]


def same_number(g: Number, p: Number) -> bool:
    return g[1] == p[1] and abs(g[0] - p[0]) <= 1e-6 * max(1.0, abs(g[0]))


def gold_numbers(record: dict) -> list[Number]:
    pairs = {base_unit(t["value"], t.get("unit")) for t in record.get("targets") or [] if t.get("value") is not None}
    return sorted(pairs, key=str)


def score_numbers(scorer: ModuleType, gold: dict[str, dict], found: dict[str, Found], extra: int = 0) -> dict:
    tp = n_gold = n_pred = 0
    for doc, record in gold.items():
        g = gold_numbers(record)
        p = sorted(found[doc].numbers, key=str) if doc in found else []
        tp += len(scorer.match(g, p, same_number))
        n_gold += len(g)
        n_pred += len(p) + (found[doc].bare_numbers if extra and doc in found else 0)
    return scorer.prf(tp, n_gold, n_pred)


def score_targets(scorer: ModuleType, gold: dict[str, dict], found: dict[str, Found]) -> dict | None:
    if any(f.targets is None for f in found.values()):
        return None
    g = {doc: {"targets": rec.get("targets") or []} for doc, rec in gold.items()}
    p = {doc: {"targets": f.targets} for doc, f in found.items()}
    return scorer.score(g, p)["categories"]["targets"]


# --- report -----------------------------------------------------------------------------------


def triple(row: dict) -> str:
    return f"{row['precision']:.2f} / {row['recall']:.2f} / {row['f1']:.2f}"


def versions(tool: Tool) -> str:
    out = []
    for package in tool.packages:
        with contextlib.suppress(metadata.PackageNotFoundError):
            out.append(f"{package} {metadata.version(package)}")
    return ", ".join(out)


def table(results: list[Result], scorer: ModuleType, gold: dict[str, dict], n_docs: int) -> list[str]:
    lines = [
        f"| tool | dates P / R / F1 | date value accuracy | numbers P / R / F1 | s / {n_docs} docs | chars/s | init s |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        dates, value_acc = score_dates(scorer, gold, r.found)
        numbers = score_numbers(scorer, gold, r.found)
        acc = f"{value_acc:.2f}" if value_acc is not None else "–"
        lines.append(f"| {r.tool.name} | {triple(dates)} | {acc} | {triple(numbers)} | {r.seconds:.3f} | "
                     f"{r.chars / r.seconds:,.0f} | {r.init:.2f} |")
    return lines


def notes(results: list[Result], scorer: ModuleType, gold: dict[str, dict], repeats: int) -> list[str]:
    lines = [
        "",
        "* **Dates**: every tool's dates as `{text, value}` (peer text converted to Simplified; peer durations "
        "and recurring sets left out), scored by the shared scorer's date rule: a gold date is found when one "
        "text contains the other; *value accuracy* is over the found pairs. Peers resolve against the "
        "reference date, so their values are absolute where the guideline keeps `Y+0`, `XXXX-08-08`.",
        "* **Numbers**: only *number found* is comparable: a gold target counts as found when the tool reports "
        "the same value with the same unit (after `万`/`亿`/`千` are folded into the value and CNY is `元`). "
        "**Peers do not produce metric, kind or period**, so the rest of the target rule does not apply to them. "
        "zhfacts reports only indicator figures (its targets); peers report every amount or percentage they see, "
        "which lowers their precision.",
        "* Every tool reads the raw decoded text: no Traditional→Simplified conversion, no PDF line unwrapping.",
        f"* **Time**: one process; one warm-up call per document, then the median of {repeats} calls per "
        "document, summed. *init s* = import + construction + the first call's excess over its median.",
    ]
    for r in results:
        targets = score_targets(scorer, gold, r.found)
        if targets is not None:
            lines.append(f"* {r.tool.name} targets under the full target rule (metric, value, unit): "
                         f"P / R / F1 {triple(targets)}.")
        bare = sum(f.bare_numbers for f in r.found.values())
        if bare:
            lines.append(f"* {r.tool.name}: the number model's {bare} unit-less numbers (outside percentages "
                         "and amounts) are timed but cannot match a value+unit pair; counting them as "
                         f"predictions gives numbers P / R / F1 {triple(score_numbers(scorer, gold, r.found, 1))}.")
    return lines


def header(docs: list[RawDocument], refs: dict[str, tuple[dt.datetime, str]], results: list[Result]) -> list[str]:
    machine = f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    ref_list = ", ".join(f"{d.doc_id} {refs[d.doc_id][0]:%Y-%m-%d} ({refs[d.doc_id][1]})" for d in docs)
    return [
        "# zhfacts and peer tools: dates and numbers on the seed documents",
        "",
        f"Run {dt.date.today().isoformat()} on {machine} by `bench/compare_peers.py`; "
        f"{len(docs)} documents, {sum(len(d.text or '') for d in docs)} characters.",
        "Versions: " + "; ".join(v for v in (versions(r.tool) for r in results) if v) + ".",
        f"Reference dates given to peers: {ref_list}.",
        "",
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=Path, default=REPO / "seeds", help="folder of *.txt documents")
    ap.add_argument("--gold", type=Path, default=REPO / "../shared/gold", help="expected-facts folder")
    ap.add_argument("--repeats", type=int, default=5, help="timed calls per document (median kept)")
    ap.add_argument("--markdown", type=Path, help="also write the Markdown report here")
    args = ap.parse_args(argv)
    scorer = load_scorer()
    docs = [d for d in iter_documents([str(args.seeds)]) if d.text is not None]
    gold = {doc: rec for doc, rec in scorer.load_gold(args.gold).items() if doc in {d.doc_id for d in docs}}
    refs = {d.doc_id: reference_for(d.text or "") for d in docs}
    results, skipped = [], []
    for tool in TOOLS:
        try:
            results.append(run_tool(tool, docs, {k: v[0] for k, v in refs.items()}, args.repeats))
        except Exception as exc:  # a peer that does not import or run is reported, not fatal
            skipped.append(f"* {tool.name}: skipped ({type(exc).__name__}: {exc})")
            print(skipped[-1].lstrip("* "))
    lines = header(docs, refs, results) + table(results, scorer, gold, len(docs))
    lines += notes(results, scorer, gold, args.repeats) + skipped
    report = "\n".join(lines) + "\n"
    print(report)
    if args.markdown:
        args.markdown.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
