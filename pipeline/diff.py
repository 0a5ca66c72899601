"""Regression diffs between two runs: per document, facts added, removed and changed.

A fact is identified by what a user would call "the same fact" across extractor versions,
and "changed" means that identity holds while its other fields moved:
- people by name (titles are compared), organisations by name,
- dates by text (value compared), targets by metric + unit + period (value, kind, comparator
  compared), quotes by kind + text (speaker compared).
Offsets are not part of identity: a fact that only moved is unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .models import CATEGORIES

Key = Callable[[dict], tuple]
View = Callable[[dict], dict]

IDENTITY: dict[str, tuple[Key, View]] = {
    "people": (lambda f: (f["name"],), lambda f: {"titles": [t["text"] for t in f.get("titles", [])]}),
    "organizations": (lambda f: (f["name"],), lambda f: {}),
    "dates": (lambda f: (f["text"],), lambda f: {"value": f.get("value")}),
    "targets": (lambda f: (f.get("metric"), f.get("unit"), f.get("period")),
                lambda f: {k: f.get(k) for k in ("value", "value_max", "comparator", "kind")}),
    "quotes": (lambda f: (f["kind"], f["text"]), lambda f: {"speaker": f.get("speaker")}),
}


@dataclass
class DocDiff:
    doc_id: str
    status: str = "same"  # same | added | removed | changed
    added: dict[str, list[Any]] = field(default_factory=dict)
    removed: dict[str, list[Any]] = field(default_factory=dict)
    changed: dict[str, list[dict]] = field(default_factory=dict)

    @property
    def changes(self) -> int:
        return sum(map(len, self.added.values())) + sum(map(len, self.removed.values())) + sum(map(len, self.changed.values()))

    def as_dict(self) -> dict:
        return {"doc_id": self.doc_id, "status": self.status, "added": self.added, "removed": self.removed,
                "changed": self.changed}


def _evidence(fact: dict) -> str:
    return fact.get("name") or fact.get("text") or ""


def diff_records(old: dict | None, new: dict | None) -> DocDiff:
    doc_id = str((new or old or {}).get("doc_id"))
    d = DocDiff(doc_id)
    if old is None or new is None:
        d.status = "added" if old is None else "removed"
        return d
    for cat in CATEGORIES:
        key, view = IDENTITY[cat]
        before = {key(f): f for f in old.get(cat, [])}
        after = {key(f): f for f in new.get(cat, [])}
        if added := [_evidence(after[k]) for k in after if k not in before]:
            d.added[cat] = added
        if removed := [_evidence(before[k]) for k in before if k not in after]:
            d.removed[cat] = removed
        changed = [{"fact": _evidence(after[k]), "old": view(before[k]), "new": view(after[k])}
                   for k in after if k in before and view(before[k]) != view(after[k])]
        if changed:
            d.changed[cat] = changed
    if d.changes:
        d.status = "changed"
    return d


def diff_runs(old: list[dict], new: list[dict]) -> list[DocDiff]:
    """Documents in the order of the new run, then those only the old run had."""
    before = {str(r["doc_id"]): r for r in old}
    after = {str(r["doc_id"]): r for r in new}
    out = [diff_records(before.get(i), after[i]) for i in after]
    out += [diff_records(before[i], None) for i in before if i not in after]
    return out


def render(diffs: list[DocDiff]) -> str:
    lines: list[str] = []
    for d in diffs:
        if d.status == "same":
            continue
        if d.status in ("added", "removed"):
            lines.append(f"{d.doc_id}: document {d.status}")
            continue
        lines.append(f"{d.doc_id}: {d.changes} change(s)")
        for cat in CATEGORIES:
            for fact in d.added.get(cat, []):
                lines.append(f"  + {cat}: {fact}")
            for fact in d.removed.get(cat, []):
                lines.append(f"  - {cat}: {fact}")
            for c in d.changed.get(cat, []):
                lines.append(f"  ~ {cat}: {c['fact']}  {c['old']} -> {c['new']}")
    changed = sum(d.status != "same" for d in diffs)
    lines.append(f"{changed} of {len(diffs)} documents differ")
    return "\n".join(lines)
