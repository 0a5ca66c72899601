"""Regression check: precision, recall and F1 against expected-facts files.

The matching rules are those of GUIDELINES.md's scorer (../shared/tools/score_facts.py),
so `zhfacts eval` and the shared scorer agree on every number:
- people, titles (person, title) and organisations: exact string after removing white space;
- dates: one text contains the other (the shorter at least 2 characters); value reported as accuracy;
- targets: same value and unit, metric equal or one containing the other;
- quotes: same speaker, and texts alike (containment of at least half, or similarity >= 0.6).
Matching is greedy and one-to-one, exact pairs first.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import orjson

CATEGORIES = ("people", "titles", "organizations", "dates", "targets", "quotes")
_WS = re.compile(r"\s+")
_QUOTE_MARKS = "“”「」『』\"'‘’"


def norm(value: Any) -> str:
    return "" if value is None else _WS.sub("", str(value)).strip(_QUOTE_MARKS)


def _field(item: Any, *keys: str) -> Any:
    if isinstance(item, str):
        return item
    if isinstance(item, dict):
        for k in keys:
            if item.get(k) not in (None, ""):
                return item[k]
    return None


def _number(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def comparable(record: dict) -> dict[str, list]:
    """Reduce a record (expected or predicted) to the comparable facts, sets per document."""
    people, titles, orgs, dates = set(), set(), set(), set()
    for p in record.get("people") or []:
        name = norm(_field(p, "name", "text"))
        if not name:
            continue
        people.add(name)
        for t in (p.get("titles") or []) if isinstance(p, dict) else []:
            if title := norm(_field(t, "text", "title", "name")):
                titles.add((name, title))
    for o in record.get("organizations") or []:
        if name := norm(_field(o, "name", "text")):
            orgs.add(name)
    for d in record.get("dates") or []:
        if text := norm(_field(d, "text")):
            dates.add((text, norm(_field(d, "value", "normalized")) if isinstance(d, dict) else ""))
    targets = []
    for t in record.get("targets") or []:
        if isinstance(t, dict):
            period = t.get("period")
            targets.append({
                "metric": norm(t.get("metric")),
                "value": _number(t.get("value")),
                "unit": norm(t.get("unit")),
                "comparator": norm(t.get("comparator")) or "=",
                "kind": norm(t.get("kind")),
                "period": norm(_field(period, "text") if isinstance(period, dict) else period),
            })
    quotes = []
    for q in record.get("quotes") or []:
        if isinstance(q, dict):
            spk = q.get("speaker")
            spk = _field(spk, "name", "text") if isinstance(spk, dict) else spk
            quotes.append({"speaker": norm(spk), "text": norm(q.get("text")), "kind": norm(q.get("kind"))})
    return {
        "people": sorted(people), "titles": sorted(titles), "organizations": sorted(orgs),
        "dates": sorted(dates), "targets": targets, "quotes": quotes,
    }


def overlaps(a: str, b: str) -> bool:
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 2 and short in long_


def texts_alike(a: str, b: str) -> bool:
    if not a or not b:
        return False
    if overlaps(a, b) and 2 * min(len(a), len(b)) >= max(len(a), len(b)):
        return True
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.6


def same_target(g: dict, p: dict) -> bool:
    if g["value"] is None or p["value"] is None:
        return False
    if abs(g["value"] - p["value"]) > 1e-6 * max(1.0, abs(g["value"])):
        return False
    return g["unit"] == p["unit"] and (g["metric"] == p["metric"] or overlaps(g["metric"], p["metric"]))


LOOSE: dict[str, Callable[[Any, Any], bool]] = {
    "people": lambda g, p: g == p,
    "titles": lambda g, p: g == p,
    "organizations": lambda g, p: g == p,
    "dates": lambda g, p: overlaps(g[0], p[0]),
    "targets": same_target,
    "quotes": lambda g, p: g["speaker"] == p["speaker"] and texts_alike(g["text"], p["text"]),
}
ATTRIBUTES: dict[str, dict[str, Callable[[Any, Any], bool]]] = {
    "dates": {"value": lambda g, p: g[1] == p[1]},
    "targets": {key: (lambda field: lambda g, p: g[field] == p[field])(key) for key in ("comparator", "kind", "period")},
    "quotes": {"kind": lambda g, p: g["kind"] == p["kind"]},
}


def pair_up(gold: list, pred: list, loose: Callable[[Any, Any], bool]) -> list[tuple[int, int]]:
    pairs: list[tuple[int, int]] = []
    taken_g: set[int] = set()
    taken_p: set[int] = set()
    for rule in (lambda g, p: g == p, loose):
        for gi, g in enumerate(gold):
            if gi in taken_g:
                continue
            for pi, p in enumerate(pred):
                if pi not in taken_p and rule(g, p):
                    pairs.append((gi, pi))
                    taken_g.add(gi)
                    taken_p.add(pi)
                    break
    return pairs


@dataclass
class Score:
    tp: int = 0
    gold: int = 0
    pred: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else (1.0 if not self.pred else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"tp": self.tp, "gold": self.gold, "pred": self.pred, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class Report:
    categories: dict[str, Score] = field(default_factory=lambda: {c: Score() for c in CATEGORIES})
    attributes: dict[str, list[int]] = field(default_factory=dict)
    missing_docs: list[str] = field(default_factory=list)
    details: dict[str, dict[str, dict[str, list]]] = field(default_factory=dict)

    @property
    def micro(self) -> Score:
        s = Score()
        for c in self.categories.values():
            s.tp, s.gold, s.pred = s.tp + c.tp, s.gold + c.gold, s.pred + c.pred
        return s

    def as_dict(self) -> dict:
        return {
            "categories": {c: s.as_dict() for c, s in self.categories.items()},
            "attributes": {k: round(ok / n, 4) if n else None for k, (ok, n) in self.attributes.items()},
            "micro": self.micro.as_dict(),
            "missing_docs": self.missing_docs,
            "details": self.details,
        }

    def table(self) -> str:
        lines = [f"{'category':<14}{'P':>7}{'R':>7}{'F1':>7}{'gold':>6}{'pred':>6}"]
        for c, s in [*self.categories.items(), ("micro", self.micro)]:
            lines.append(f"{c:<14}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}{s.gold:>6}{s.pred:>6}")
        for k, (ok, n) in self.attributes.items():
            if n:
                lines.append(f"  {k} accuracy on matched: {ok / n:.3f}")
        if self.missing_docs:
            lines.append(f"no prediction for: {', '.join(self.missing_docs)}")
        lines.append(f"facts micro-F1: {self.micro.f1:.3f}")
        return "\n".join(lines)


def score(gold: dict[str, dict], pred: dict[str, dict]) -> Report:
    rep = Report()
    for doc_id, g_rec in gold.items():
        if doc_id not in pred:
            rep.missing_docs.append(doc_id)
        g, p = comparable(g_rec), comparable(pred.get(doc_id, {}))
        rep.details[doc_id] = {}
        for c in CATEGORIES:
            pairs = pair_up(g[c], p[c], LOOSE[c])
            s = rep.categories[c]
            s.tp, s.gold, s.pred = s.tp + len(pairs), s.gold + len(g[c]), s.pred + len(p[c])
            for name, same in ATTRIBUTES.get(c, {}).items():
                acc = rep.attributes.setdefault(f"{c}.{name}", [0, 0])
                for gi, pi in pairs:
                    acc[0] += bool(same(g[c][gi], p[c][pi]))
                    acc[1] += 1
            hit_g, hit_p = {a for a, _ in pairs}, {b for _, b in pairs}
            rep.details[doc_id][c] = {
                "missed": [x for i, x in enumerate(g[c]) if i not in hit_g],
                "spurious": [x for i, x in enumerate(p[c]) if i not in hit_p],
            }
    return rep


def load_gold(folder: str | Path) -> dict[str, dict]:
    return {p.stem: orjson.loads(p.read_bytes()) for p in sorted(Path(folder).glob("*.json"))}


def load_records(path: str | Path) -> dict[str, dict]:
    path = Path(path)
    if path.is_dir():
        recs = [orjson.loads(p.read_bytes()) for p in sorted(path.glob("*.json"))]
    else:
        recs = [orjson.loads(line) for line in path.read_bytes().splitlines() if line.strip()]
    return {str(r.get("doc_id")): r for r in recs}
