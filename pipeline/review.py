"""A static HTML review page: the original text with every fact highlighted, and fact tables.

Why: spans are the product's promise, and a person checks them fastest by seeing them in
place. The page is one self-contained file (inline CSS and JS, no network), so it can be
attached to an issue or opened from a CI artefact. With expected facts ("gold") it becomes a
review page that marks missed and spurious facts by the very rules of `zhfacts eval`
(`pipeline.evaluate.comparable`, `pair_up`, `LOOSE`), so the page and the scorer agree.

Safety: every document and fact string is HTML-escaped; the facts' JSON sits in a
`<script type="application/json">` with `<`, `>` and `&` escaped; a Content-Security-Policy
lets only the page's own script (by hash) run and forbids all network access.

Highlighting builds a tree from the sorted span boundaries (never string replacement):
spans that cross are split into parts, so the markup is always properly nested. Every
highlighted element carries `data-start`/`data-end` (the fact span's offsets, code points
into the original), `data-cat`, `data-fact` (space-separated fact ids) and `data-hl` (one
id per span, shared by its parts, so the parts' texts join to the span's text).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .evaluate import ATTRIBUTES, LOOSE, comparable, pair_up

# Highlight categories, outermost first when two spans cover the same characters.
HL_CATS: dict[str, tuple[str, str, str]] = {
    # cat: (legend label, border colour, background)
    "quote": ("Quote", "#0c8599", "rgba(21,170,191,.10)"),
    "target": ("Target", "#c2255c", "rgba(214,51,108,.15)"),
    "date": ("Date", "#e67700", "rgba(250,176,5,.28)"),
    "title": ("Title", "#7048e8", "rgba(112,72,232,.15)"),
    "speaker": ("Speaker", "#0b7285", "rgba(12,133,153,.22)"),
    "person": ("Person", "#1864ab", "rgba(34,139,230,.20)"),
    "org": ("Organisation", "#2b8a3e", "rgba(64,192,87,.20)"),
}
_ORDER = {cat: i for i, cat in enumerate(HL_CATS)}

# Fact tables: (record category, evaluate category, heading, highlight category).
_TABLES = (
    ("people", "people", "People", "person"),
    ("titles", "titles", "Titles", "title"),
    ("organizations", "organizations", "Organisations", "org"),
    ("dates", "dates", "Dates", "date"),
    ("targets", "targets", "Targets", "target"),
    ("quotes", "quotes", "Quotes", "quote"),
)


def _e(value: Any) -> str:
    """Escape for text and attribute values; CR as a reference so the HTML parser keeps it."""
    return "" if value is None else html.escape(str(value), quote=True).replace("\r", "&#13;")


def json_for_script(obj: Any) -> str:
    """JSON that cannot end its <script> element or open markup: `<`, `>`, `&` as \\u escapes."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


# ---------------------------------------------------------------- highlight tree


@dataclass
class Highlight:
    """One highlighted span of the original; `facts` are the ids of the facts it evidences."""

    start: int
    end: int
    cat: str
    facts: list[str] = field(default_factory=list)
    status: set[str] = field(default_factory=set)
    hid: str = ""


@dataclass
class _Node:
    hl: Highlight | None
    part: int = 0
    children: list[_Node | str] = field(default_factory=list)
    height: int = 0


def _build_tree(text: str, highlights: list[Highlight]) -> _Node:
    """Nest the highlights by walking sorted boundaries; a span crossing a closing one is split."""
    root = _Node(None)
    opens: dict[int, list[Highlight]] = {}
    closes: dict[int, set[str]] = {}
    for h in highlights:
        opens.setdefault(h.start, []).append(h)
        closes.setdefault(h.end, set()).add(h.hid)
    parts: dict[str, int] = {}
    stack: list[_Node] = [root]
    cursor = 0
    for pos in sorted({0, len(text), *opens, *closes}):
        if pos > cursor:
            stack[-1].children.append(text[cursor:pos])
            cursor = pos
        reopen: list[Highlight] = []
        ending = closes.get(pos, set())
        if ending:
            depth = next((i for i, n in enumerate(stack) if n.hl is not None and n.hl.hid in ending), None)
            if depth is not None:
                reopen = [n.hl for n in stack[depth:] if n.hl is not None and n.hl.hid not in ending]
                del stack[depth:]
        for h in sorted(reopen + opens.get(pos, []), key=lambda h: (-h.end, h.start, _ORDER[h.cat], h.hid)):
            node = _Node(h, parts.get(h.hid, 0))
            parts[h.hid] = node.part + 1
            stack[-1].children.append(node)
            stack.append(node)
    _heights(root)
    return root


def _heights(node: _Node) -> int:
    """How many highlight levels lie inside a node: outer underlines sit lower, so all show."""
    inner = [_heights(c) for c in node.children if isinstance(c, _Node)]
    node.height = 1 + max(inner) if inner else 0
    return node.height


def _emit(node: _Node, out: list[str]) -> None:
    for child in node.children:
        if isinstance(child, str):
            out.append(_e(child))
            continue
        h = child.hl
        assert h is not None
        classes = ["hl", f"c-{h.cat}", f"h{min(child.height, 4)}", *sorted(h.status)]
        if child.part:
            classes.append("cont")
        out.append(
            f'<span class="{" ".join(classes)}" data-hl="{_e(h.hid)}" data-part="{child.part}" '
            f'data-start="{h.start}" data-end="{h.end}" data-cat="{_e(h.cat)}" data-fact="{_e(" ".join(h.facts))}">'
        )
        _emit(child, out)
        out.append("</span>")


def highlight_text(text: str, highlights: Iterable[Highlight]) -> str:
    """HTML for `text` with the highlights as properly nested <span> elements (escaped text)."""
    merged: dict[tuple[int, int, str], Highlight] = {}
    for h in highlights:
        if not 0 <= h.start < h.end <= len(text) or h.cat not in HL_CATS:
            continue
        key = (h.start, h.end, h.cat)
        if key in merged:
            m = merged[key]
            m.facts.extend(f for f in h.facts if f not in m.facts)
            m.status |= h.status
        else:
            merged[key] = Highlight(h.start, h.end, h.cat, list(h.facts), set(h.status))
    ordered = sorted(merged.values(), key=lambda h: (h.start, -h.end, _ORDER[h.cat]))
    for i, h in enumerate(ordered):
        h.hid = f"h{i}"
    out: list[str] = []
    _emit(_build_tree(text, ordered), out)
    return "".join(out)


# ---------------------------------------------------------------- facts


@dataclass
class _Fact:
    fid: str
    table: str  # record category of _TABLES
    cells: list[str]  # table cells (plain text, escaped at render)
    fields: list[tuple[str, Any]]  # shown in the panel
    spans: list[dict] = field(default_factory=list)  # evidence to highlight
    extra: list[tuple[str, dict]] = field(default_factory=list)  # (cat, span) for other categories
    status: str = ""  # "", "ok", "spurious", "missed"
    notes: list[str] = field(default_factory=list)


def _span_ok(span: Any, original: str) -> bool:
    if not isinstance(span, dict):
        return False
    s, e = span.get("start"), span.get("end")
    return (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(original)
            and original[s:e] == span.get("text", original[s:e]))


def _offsets(span: Any) -> str:
    return f"{span['start']}–{span['end']}" if isinstance(span, dict) and "start" in span else ""


def _num(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def _collect(record: dict) -> list[_Fact]:
    """Every fact of the record with its table cells, panel fields and evidence spans."""
    facts: list[_Fact] = []
    for i, p in enumerate(record.get("people") or []):
        mentions = list(p.get("mentions") or [])
        if p.get("span") and all(_offsets(m) != _offsets(p["span"]) for m in mentions):
            mentions.insert(0, p["span"])
        titles = p.get("titles") or []
        facts.append(_Fact(
            f"person:{i}", "people",
            [p.get("id", ""), p.get("name", ""), "、".join(t.get("text", "") for t in titles), str(len(mentions))],
            [("id", p.get("id")), ("name", p.get("name")), ("as written", p.get("name_original")),
             ("titles", "、".join(t.get("text", "") for t in titles)), ("mentions", len(mentions)),
             ("first at", _offsets(p.get("span")))],
            mentions))
        for j, t in enumerate(titles):
            facts.append(_Fact(
                f"title:{i}.{j}", "titles", [p.get("name", ""), t.get("text", ""), t.get("org") or "", t.get("role") or ""],
                [("person", p.get("name")), ("title", t.get("text")), ("as written", t.get("text_original")),
                 ("org", t.get("org")), ("role", t.get("role")), ("at", _offsets(t.get("span")))],
                [t["span"]] if t.get("span") else []))
    for i, o in enumerate(record.get("organizations") or []):
        mentions = list(o.get("mentions") or [])
        if o.get("span") and all(_offsets(m) != _offsets(o["span"]) for m in mentions):
            mentions.insert(0, o["span"])
        facts.append(_Fact(
            f"org:{i}", "organizations", [o.get("id", ""), o.get("name", ""), str(len(mentions))],
            [("id", o.get("id")), ("name", o.get("name")), ("as written", o.get("name_original")),
             ("mentions", len(mentions)), ("first at", _offsets(o.get("span")))],
            mentions))
    for i, d in enumerate(record.get("dates") or []):
        facts.append(_Fact(
            f"date:{i}", "dates", [d.get("text", ""), d.get("value", ""), "relative" if d.get("relative") else ""],
            [("text", d.get("text")), ("as written", d.get("text_original")), ("value", d.get("value")),
             ("relative", d.get("relative")), ("at", _offsets(d.get("span")))],
            [d["span"]] if d.get("span") else []))
    for i, t in enumerate(record.get("targets") or []):
        value = _num(t.get("value")) + (f"–{_num(t['value_max'])}" if t.get("value_max") is not None else "")
        norm = t.get("normalized") or {}
        facts.append(_Fact(
            f"target:{i}", "targets",
            [t.get("text", ""), t.get("metric") or "", value, t.get("unit") or "", t.get("comparator") or "",
             t.get("kind") or "", t.get("period") or ""],
            [("text", t.get("text")), ("as written", t.get("text_original")), ("metric", t.get("metric")),
             ("value", value), ("unit", t.get("unit")), ("comparator", t.get("comparator")), ("kind", t.get("kind")),
             ("period", t.get("period")), ("subject", t.get("subject")),
             ("normalised", f"{_num(norm.get('value'))} {norm.get('unit') or ''}".strip() if norm else None),
             ("at", _offsets(t.get("span")))],
            [t["span"]] if t.get("span") else []))
    for i, q in enumerate(record.get("quotes") or []):
        facts.append(_Fact(
            f"quote:{i}", "quotes", [q.get("speaker") or "—", q.get("kind") or "", q.get("text", "")],
            [("speaker", q.get("speaker")), ("speaker id", q.get("speaker_id")), ("kind", q.get("kind")),
             ("text", q.get("text")), ("as written", q.get("text_original")), ("at", _offsets(q.get("span"))),
             ("speaker at", _offsets(q.get("speaker_span")))],
            [q["span"]] if q.get("span") else [],
            [("speaker", q["speaker_span"])] if q.get("speaker_span") else []))
    return facts


def _keys(fact: _Fact, record: dict) -> Any:
    """The fact's comparable key, computed by `comparable()` itself on a one-fact record."""
    kind, _, idx = fact.fid.partition(":")
    if kind == "title":
        i, j = (int(x) for x in idx.split("."))
        person = record["people"][i]
        one = comparable({"people": [{"name": person.get("name"), "titles": [person["titles"][j]]}]})["titles"]
    else:
        one = comparable({fact.table: [record[fact.table][int(idx)]]})[fact.table]
    return one[0] if one else None


def _gold_display(cat: str, key: Any, raw: Any) -> tuple[list[str], list[tuple[str, Any]], str]:
    """Table cells, panel fields and searchable text of a missed gold fact."""
    if cat == "people":
        return ["", key, "", ""], [("name", key)], key
    if cat == "titles":
        return [key[0], key[1], "", ""], [("person", key[0]), ("title", key[1])], key[1]
    if cat == "organizations":
        return ["", key, ""], [("name", key)], key
    if cat == "dates":
        return [key[0], key[1], ""], [("text", key[0]), ("value", key[1])], key[0]
    text = raw.get("text", "") if isinstance(raw, dict) else ""
    if cat == "targets":
        cells = [text, key["metric"], _num(key["value"]), key["unit"], key["comparator"], key["kind"], key["period"]]
        return cells, [("text", text), *((k, key[k]) for k in ("metric", "value", "unit", "comparator", "kind", "period"))], text
    return ([key["speaker"] or "—", key["kind"], key["text"]],
            [("speaker", key["speaker"]), ("kind", key["kind"]), ("text", key["text"])], key["text"])


def _review(facts: list[_Fact], record: dict, gold: dict, original: str) -> tuple[list[_Fact], dict[str, list[int]]]:
    """Mark facts ok/spurious and list missed gold facts, by pipeline.evaluate's rules."""
    pred, exp = comparable(record), comparable(gold)
    raw_gold = {c: [x for x in (gold.get(c) or []) if isinstance(x, dict)] for c in ("targets", "quotes")}
    by_key: dict[str, dict[Any, list[_Fact]]] = {}
    ordered: dict[str, list[_Fact]] = {}
    for f in facts:
        key = _keys(f, record)
        if key is None:
            continue
        if f.table in ("targets", "quotes"):
            ordered.setdefault(f.table, []).append(f)
        else:
            by_key.setdefault(f.table, {}).setdefault(key if not isinstance(key, list) else tuple(key), []).append(f)
    missed: list[_Fact] = []
    summary: dict[str, list[int]] = {}
    for table, cat, _, _ in _TABLES:
        pairs = pair_up(exp[cat], pred[cat], LOOSE[cat])
        summary[cat] = [len(pairs), len(exp[cat]), len(pred[cat])]
        hit_p = {pi: gi for gi, pi in pairs}
        for pi, key in enumerate(pred[cat]):
            owners = ordered[table][pi:pi + 1] if table in ordered else by_key.get(table, {}).get(key, [])
            for f in owners:
                f.status = "ok" if pi in hit_p else "spurious"
                if pi in hit_p:
                    g = exp[cat][hit_p[pi]]
                    for name, same in ATTRIBUTES.get(cat, {}).items():
                        if not same(g, key):
                            f.notes.append(f"{name}: gold {g[1] if isinstance(g, tuple) else g[name]!s}")
        hit_g = {gi for gi, _ in pairs}
        for gi, key in enumerate(exp[cat]):
            if gi in hit_g:
                continue
            raw = raw_gold[cat][gi] if cat in raw_gold and gi < len(raw_gold[cat]) else None
            cells, fields, text = _gold_display(cat, key, raw)
            f = _Fact(f"missed-{cat}:{gi}", table, cells, fields, status="missed")
            at = original.find(text) if text else -1
            if at >= 0:  # only a guess (the first occurrence), said so in the panel
                f.spans = [{"start": at, "end": at + len(text), "text": text}]
                f.notes.append(f"located by search at {at}–{at + len(text)}")
            else:
                f.notes.append("not found verbatim in the text")
            missed.append(f)
    return missed, summary


# ---------------------------------------------------------------- rendering

_COLUMNS = {
    "people": ["id", "name", "titles", "mentions"],
    "titles": ["person", "title", "org", "role"],
    "organizations": ["id", "name", "mentions"],
    "dates": ["text", "value", "relative"],
    "targets": ["text", "metric", "value", "unit", "cmp", "kind", "period"],
    "quotes": ["speaker", "kind", "text"],
}


def _anchor(doc_id: str) -> str:
    return "doc-" + "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_") else "_" for ch in doc_id)[:80]


def _table(table: str, heading: str, cat: str, rows: list[_Fact], review: bool) -> str:
    label_color = HL_CATS[cat][1]
    head = "".join(f"<th>{_e(c)}</th>" for c in _COLUMNS[table]) + "<th>at</th>"
    body = []
    for f in rows:
        cells = "".join(
            f'<td class="col-{_e(c)}">{_e(v)}</td>' for c, v in zip(_COLUMNS[table], f.cells, strict=False)
        )
        at = _offsets(f.spans[0]) if f.spans else ("" if f.status == "missed" else "—")
        badge = f'<span class="badge {f.status}">{_e(f.status)}</span>' if review and f.status in ("missed", "spurious") else ""
        notes = f'<div class="notes">{_e("; ".join(f.notes))}</div>' if f.notes else ""
        body.append(f'<tr class="fact-row {f.status}" data-fact="{_e(f.fid)}" tabindex="0">{cells}'
                    f'<td class="at">{_e(at)}{badge}{notes}</td></tr>')
    if not body:
        body.append(f'<tr class="empty"><td colspan="{len(_COLUMNS[table]) + 1}">none</td></tr>')
    return (f'<details class="facts t-{table}" open><summary><i class="sw" style="background:{label_color}"></i>'
            f'{_e(heading)} <span class="n">{sum(f.status != "missed" for f in rows)}</span></summary>'
            f'<table><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></details>')


def _summary_table(summary: dict[str, list[int]]) -> str:
    rows = []
    for cat, (tp, n_gold, n_pred) in summary.items():
        p = tp / n_pred if n_pred else float(not n_gold)
        r = tp / n_gold if n_gold else float(not n_pred)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        rows.append(f"<tr><td>{_e(cat)}</td><td>{n_gold}</td><td>{n_pred}</td><td>{tp}</td>"
                    f'<td class="{"bad" if n_gold - tp else ""}">{n_gold - tp}</td>'
                    f'<td class="{"bad" if n_pred - tp else ""}">{n_pred - tp}</td><td>{f1:.3f}</td></tr>')
    return ('<table class="summary"><thead><tr><th>category</th><th>gold</th><th>pred</th><th>matched</th>'
            f'<th>missed</th><th>spurious</th><th>F1</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')


def _document(record: dict, original: str, gold: dict | None, anchor: str) -> tuple[str, dict[str, Any]]:
    """The document's HTML section and its index entry."""
    if hasattr(record, "model_dump"):
        record = record.model_dump(mode="json")
    facts = _collect(record)
    review = gold is not None
    missed: list[_Fact] = []
    summary: dict[str, list[int]] = {}
    if gold is not None:
        missed, summary = _review(facts, record, gold, original)
    highlights: list[Highlight] = []
    bad_spans = 0
    for f in (*facts, *missed):
        status = {f.status} if f.status in ("spurious", "missed") else set()
        cat = next(c for t, _, _, c in _TABLES if t == f.table)
        for cat_, span in [(cat, s) for s in f.spans] + f.extra:
            if _span_ok(span, original):
                highlights.append(Highlight(span["start"], span["end"], cat_, [f.fid], status))
            else:
                bad_spans += 1
                f.notes.append(f"span {_offsets(span)} does not slice the text")
    doc_id = str(record.get("doc_id", ""))
    panel_data = {
        f.fid: {"cat": next(c for t, _, _, c in _TABLES if t == f.table), "status": f.status, "notes": f.notes,
                "fields": [[k, v] for k, v in f.fields if v not in (None, "")]}
        for f in (*facts, *missed)
    }
    warnings = []
    sha = record.get("text_sha256")
    if sha and sha != hashlib.sha256(original.encode("utf-8")).hexdigest():
        warnings.append("this text's SHA-256 differs from the record's text_sha256: offsets may not fit")
    if bad_spans:
        warnings.append(f"{bad_spans} span(s) do not slice this text and are not highlighted")
    for err in record.get("errors") or []:
        warnings.append(f"{err.get('stage')}: {err.get('message')}")
    meta = " · ".join(
        f"{k} {_e(v)}" for k, v in (
            ("source", record.get("source")), ("script", record.get("script")), ("encoding", record.get("encoding")),
            ("reference date", record.get("reference_date")), ("characters", len(original)),
        ) if v not in (None, "")
    )
    tables = []
    for table, _cat, heading, hl_cat in _TABLES:
        rows = [f for f in facts if f.table == table] + [f for f in missed if f.table == table]
        tables.append(_table(table, heading, hl_cat, rows, review))
    n_missed = len(missed)
    n_spurious = sum(f.status == "spurious" for f in facts)
    parts = [
        f'<section class="zf-doc{" review" if review else ""}" id="{_e(anchor)}" data-doc-id="{_e(doc_id)}">',
        f'<h2>{_e(doc_id or "document")}</h2><div class="meta">{meta}</div>',
    ]
    if review:
        parts.append(f'<div class="review-line">review against gold: <b class="missed-n">{n_missed} missed</b>, '
                     f'<b class="spurious-n">{n_spurious} spurious</b>{_summary_table(summary)}</div>')
    parts += [f'<div class="warn">{_e(w)}</div>' for w in warnings]
    parts += [
        '<div class="zf-body">',
        f'<div class="zf-text" lang="zh">{highlight_text(original, highlights)}</div>',
        f'<div class="zf-tables">{"".join(tables)}</div>',
        "</div>",
        f'<script type="application/json" class="zf-facts">{json_for_script(panel_data)}</script>',
        "</section>",
    ]
    entry = {"anchor": anchor, "doc_id": doc_id, "counts": {t: len(record.get(t) or []) for t in
             ("people", "organizations", "dates", "targets", "quotes")},
             "missed": n_missed if review else None, "spurious": n_spurious if review else None,
             "summary": summary, "warnings": len(warnings)}
    return "".join(parts), entry


def render_document(record: dict, original: str, gold: dict | None = None) -> str:
    """One document's section (an HTML fragment; its CSS and JS come with `render_page`)."""
    return _document(record, original, gold, _anchor(str(record.get("doc_id", "doc"))))[0]


def _legend(review: bool) -> str:
    items = [f'<label class="lg"><input type="checkbox" checked data-toggle="{_e(cat)}">'
             f'<span class="chip c-{_e(cat)}">{_e(label)}</span></label>' for cat, (label, _, _) in HL_CATS.items()]
    if review:
        items.append('<span class="lg"><span class="chip c-org spurious">spurious</span></span>'
                     '<span class="lg"><span class="badge missed">missed</span> (gold, not extracted)</span>')
    hint = '<span class="hint">click a row to find its span; click a highlight to see its facts</span>'
    return f'<div class="legend">{"".join(items)}{hint}</div>'


def _index(entries: list[dict[str, Any]], review: bool) -> str:
    head = "<th>document</th><th>people</th><th>orgs</th><th>dates</th><th>targets</th><th>quotes</th>"
    head += "<th>missed</th><th>spurious</th>" if review else ""
    rows = []
    for en in entries:
        c = en["counts"]
        row = (f'<td><a href="#{_e(en["anchor"])}">{_e(en["doc_id"] or en["anchor"])}</a>'
               f'{" ⚠" if en["warnings"] else ""}</td>'
               + "".join(f"<td>{c[k]}</td>" for k in ("people", "organizations", "dates", "targets", "quotes")))
        if review:
            row += (f'<td class="{"bad" if en["missed"] else ""}">{en["missed"] if en["missed"] is not None else "—"}</td>'
                    f'<td class="{"bad" if en["spurious"] else ""}">'
                    f'{en["spurious"] if en["spurious"] is not None else "—"}</td>')
        rows.append(f"<tr>{row}</tr>")
    return f'<nav class="zf-index"><table><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></nav>'


def render_page(items: list[tuple[dict, str, dict | None]], title: str) -> str:
    """A self-contained HTML page of one or more documents, with an index when there are several."""
    sections, entries = [], []
    for n, (record, original, gold) in enumerate(items):
        html_, entry = _document(record, original, gold, f"doc-{n}")
        sections.append(html_)
        entries.append(entry)
    review = any(g is not None for _, _, g in items)
    total: dict[str, list[int]] = {}
    for en in entries:
        for cat, vals in en["summary"].items():
            acc = total.setdefault(cat, [0, 0, 0])
            for i, v in enumerate(vals):
                acc[i] += v
    header = [f"<h1>{_e(title)}</h1>", _legend(review)]
    index = []
    if len(items) > 1:
        index.append(_index(entries, review))
    if review and len(items) > 1:
        index.append(f'<details class="totals"><summary>all documents with gold</summary>{_summary_table(total)}</details>')
    script_hash = base64.b64encode(hashlib.sha256(_JS.encode("utf-8")).digest()).decode("ascii")
    csp = f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-{script_hash}'"
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{_CSS}</style></head>\n<body>"
        f'<header class="zf-head">{"".join(header)}</header>\n<main>{"".join(index)}{"".join(sections)}</main>'
        '<div id="zf-panel" hidden></div>'
        f"<script>{_JS}</script></body></html>\n"
    )


def _cat_css() -> str:
    rules = []
    for cat, (_, border, bg) in HL_CATS.items():
        rules.append(f".c-{cat}{{--c:{border};background-color:{bg}}}")
        rules.append(f"body.hide-{cat} .zf-text .hl.c-{cat}{{background-color:transparent;border-bottom-color:transparent;"
                     "outline:none;font-weight:inherit}")
    return "".join(rules)


_CSS = """
:root{--fg:#212529;--muted:#868e96;--line:#dee2e6;--bad:#e03131}
*{box-sizing:border-box}
body{margin:0;color:var(--fg);background:#f8f9fa;
 font:14px/1.5 "Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",
 system-ui,sans-serif}
.zf-head{position:sticky;top:0;z-index:5;background:#fff;border-bottom:1px solid var(--line);padding:8px 16px}
h1{font-size:18px;margin:0 0 6px}
h2{font-size:16px;margin:0}
.legend{display:flex;flex-wrap:wrap;gap:6px 14px;align-items:center}
.legend .lg{display:inline-flex;align-items:center;gap:4px;cursor:pointer}
.legend .hint{color:var(--muted);font-size:12px;margin-left:auto}
.zf-index{margin:0 0 8px}
.zf-index table,.summary{border-collapse:collapse;font-size:12px;width:auto;background:#fff}
.zf-index td,.zf-index th,.summary td,.summary th{border:1px solid var(--line);padding:1px 8px;text-align:right}
.zf-index td:first-child,.summary td:first-child{text-align:left}
td.bad{color:var(--bad);font-weight:600}
.totals{margin:0 0 10px;font-size:12px}
main{padding:8px 16px}
.zf-doc{background:#fff;border:1px solid var(--line);border-radius:6px;padding:10px 14px;margin:0 0 16px;
 scroll-margin-top:90px}
.meta{color:var(--muted);font-size:12px;margin:2px 0 6px}
.review-line{font-size:13px;margin:4px 0 8px}
.review-line .summary{margin-top:4px}
.missed-n,.spurious-n{color:var(--bad)}
.warn{background:#fff4e6;border-left:3px solid #f76707;padding:2px 8px;margin:4px 0;font-size:12px}
.zf-body{display:grid;grid-template-columns:minmax(0,1.15fr) minmax(0,1fr);gap:14px}
@media (max-width:900px){.zf-body{grid-template-columns:1fr}}
.zf-text{white-space:pre-wrap;overflow-wrap:anywhere;font-size:15px;line-height:2.25;max-height:78vh;overflow:auto;
 padding:4px 10px 4px 2px;border-right:1px solid var(--line)}
.zf-tables{max-height:78vh;overflow:auto;font-size:12.5px}
.hl,.chip{border-bottom:2px solid var(--c);border-radius:2px;padding:2px 0 0}
.hl{cursor:pointer}
.chip{padding:0 4px;line-height:1.6}
.hl.h1{padding-bottom:3px}.hl.h2{padding-bottom:6px}.hl.h3{padding-bottom:9px}.hl.h4{padding-bottom:12px}
.c-speaker{font-weight:700}
.c-quote{border-bottom-style:dotted}
.hl.spurious,.chip.spurious{outline:2px dashed var(--bad);outline-offset:1px}
.hl.missed{outline:2px dotted var(--bad);outline-offset:1px;background-image:repeating-linear-gradient(
 45deg,rgba(224,49,49,.12) 0 4px,transparent 4px 8px)}
.hl.flash{animation:zf-flash 1.8s ease-out 1}
@keyframes zf-flash{0%,35%{background-color:#ffd43b;box-shadow:0 0 0 3px #fab005}100%{box-shadow:0 0 0 0 transparent}}
.hl.picked{box-shadow:0 0 0 2px var(--c)}
details.facts{margin:0 0 8px}
details.facts summary{font-weight:600;cursor:pointer;padding:2px 0}
details.facts summary .n{color:var(--muted);font-weight:400}
.sw{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px}
.facts table{border-collapse:collapse;width:100%}
.facts th{position:sticky;top:0;background:#f1f3f5;text-align:left;font-weight:600;padding:2px 5px}
.facts td{border-top:1px solid #f1f3f5;padding:2px 5px;vertical-align:top}
.facts td.at{color:var(--muted);white-space:nowrap;font-size:11px}
.facts td.col-text{min-width:12em}
.fact-row{cursor:pointer}
.fact-row:hover{background:#f1f3f5}
.fact-row.current{background:#fff3bf}
.fact-row.spurious td:not(.at){color:var(--bad)}
.fact-row.missed{background:#fff5f5}
.fact-row.missed td:not(.at){color:var(--bad);font-style:italic}
.fact-row.nospan{outline:1px dashed var(--muted)}
.notes{color:#e8590c;white-space:normal}
.badge{display:inline-block;border-radius:3px;padding:0 4px;margin-left:4px;font-size:10.5px;color:#fff;
 background:var(--bad);font-style:normal}
.badge.spurious{background:#c92a2a}
#zf-panel{position:fixed;z-index:10;max-width:420px;max-height:60vh;overflow:auto;background:#fff;
 border:1px solid #adb5bd;border-radius:6px;box-shadow:0 4px 16px rgba(0,0,0,.18);padding:8px 10px;font-size:12.5px}
#zf-panel .pf{margin:0 0 8px}
#zf-panel .pf:last-child{margin:0}
#zf-panel .ph{font-weight:600;display:flex;gap:6px;align-items:center}
#zf-panel .ph a{margin-left:auto;font-weight:400;font-size:11px;color:#1c7ed6;cursor:pointer}
#zf-panel dl{display:grid;grid-template-columns:max-content 1fr;gap:0 8px;margin:2px 0 0}
#zf-panel dt{color:var(--muted)}
#zf-panel dd{margin:0;overflow-wrap:anywhere}
#zf-panel .x{position:absolute;top:2px;right:6px;cursor:pointer;color:var(--muted);border:0;background:none;font-size:16px}
""" + _cat_css()

_JS = r"""
(function () {
  "use strict";
  var panel = document.getElementById("zf-panel");
  var cache = new WeakMap();
  var LABELS = {quote: "Quote", target: "Target", date: "Date", title: "Title", speaker: "Speaker",
                person: "Person", org: "Organisation"};
  function factsOf(sec) {
    if (!cache.has(sec)) {
      var el = sec.querySelector("script.zf-facts");
      cache.set(sec, el ? JSON.parse(el.textContent) : {});
    }
    return cache.get(sec);
  }
  function spansOf(sec, id) {
    return Array.prototype.filter.call(sec.querySelectorAll(".zf-text .hl"), function (el) {
      return (el.getAttribute("data-fact") || "").split(" ").indexOf(id) >= 0;
    });
  }
  function rowOf(sec, id) {
    return Array.prototype.find.call(sec.querySelectorAll("tr[data-fact]"), function (tr) {
      return tr.getAttribute("data-fact") === id;
    });
  }
  function flash(sec, id, row) {
    sec.querySelectorAll(".fact-row.current").forEach(function (r) { r.classList.remove("current"); });
    if (row) { row.classList.add("current"); }
    var els = spansOf(sec, id);
    if (!els.length) { if (row) { row.classList.add("nospan"); } return false; }
    document.querySelectorAll(".hl.flash").forEach(function (e) { e.classList.remove("flash"); });
    void els[0].offsetWidth;  // restart the animation
    els.forEach(function (e) { e.classList.add("flash"); });
    var pane = sec.querySelector(".zf-text"), box = pane.getBoundingClientRect(), r = els[0].getBoundingClientRect();
    if (pane.scrollHeight > pane.clientHeight) {  // scroll the text pane only: the tables stay where they are
      pane.scrollTop += r.top - box.top - pane.clientHeight / 3;
    }
    els[0].scrollIntoView({block: "nearest", inline: "nearest"});
    return true;
  }
  function hidePanel() {
    panel.hidden = true;
    document.querySelectorAll(".hl.picked").forEach(function (e) { e.classList.remove("picked"); });
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function showPanel(hl, x, y) {
    var sec = hl.closest(".zf-doc"), facts = factsOf(sec), ids = [], node = hl;
    while (node && node.classList && node.classList.contains("hl")) {
      (node.getAttribute("data-fact") || "").split(" ").forEach(function (id) {
        if (id && ids.indexOf(id) < 0) { ids.push(id); }
      });
      node = node.parentElement;
    }
    hidePanel();
    panel.textContent = "";
    var close = el("button", "x", "\u00d7");
    close.addEventListener("click", hidePanel);
    panel.appendChild(close);
    ids.forEach(function (id) {
      var f = facts[id];
      if (!f) { return; }
      var box = el("div", "pf"), head = el("div", "ph");
      box.setAttribute("data-fact", id);
      var tag = el("span", "chip c-" + f.cat, LABELS[f.cat] || f.cat);
      head.appendChild(tag);
      if (f.status === "spurious" || f.status === "missed") { head.appendChild(el("span", "badge " + f.status, f.status)); }
      var go = el("a", "", "show in table");
      go.addEventListener("click", function () {
        var row = rowOf(sec, id);
        if (row) { row.scrollIntoView({block: "center"}); row.classList.add("current"); }
      });
      head.appendChild(go);
      box.appendChild(head);
      var dl = el("dl");
      f.fields.forEach(function (kv) { dl.appendChild(el("dt", "", kv[0])); dl.appendChild(el("dd", "", kv[1])); });
      (f.notes || []).forEach(function (n) { dl.appendChild(el("dt", "", "note")); dl.appendChild(el("dd", "", n)); });
      box.appendChild(dl);
      panel.appendChild(box);
    });
    sec.querySelectorAll('.hl[data-hl="' + hl.getAttribute("data-hl") + '"]').forEach(function (e) {
      e.classList.add("picked");
    });
    panel.hidden = false;
    var w = panel.offsetWidth, h = panel.offsetHeight;
    panel.style.left = Math.max(8, Math.min(x + 12, window.innerWidth - w - 8)) + "px";
    panel.style.top = Math.max(8, Math.min(y + 14, window.innerHeight - h - 8)) + "px";
  }
  document.addEventListener("click", function (ev) {
    var t = ev.target;
    if (!(t instanceof Element)) { return; }
    if (t.closest("#zf-panel")) { return; }
    var row = t.closest("tr[data-fact]");
    if (row) { flash(row.closest(".zf-doc"), row.getAttribute("data-fact"), row); return; }
    var hl = t.closest(".zf-text .hl");
    if (hl) { showPanel(hl, ev.clientX, ev.clientY); return; }
    hidePanel();
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { hidePanel(); }
    var row = ev.target instanceof Element && ev.target.closest("tr[data-fact]");
    if (row && ev.key === "Enter") { flash(row.closest(".zf-doc"), row.getAttribute("data-fact"), row); }
  });
  document.querySelectorAll("input[data-toggle]").forEach(function (box) {
    box.addEventListener("change", function () {
      document.body.classList.toggle("hide-" + box.getAttribute("data-toggle"), !box.checked);
    });
  });
})();
"""
