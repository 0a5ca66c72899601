"""Language knowledge as data: every vocabulary the extractors use lives in a text file here.

One entry a line; `#` starts a comment; tab-separated columns where a file has them; a
comment line that names a section (`# compound`, `# standalone`) starts that section.
Edit the files, not the code: `Lexicons` only reads them, once per process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources


def _lines(name: str) -> list[str]:
    try:
        return resources.files(__name__).joinpath(name).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []


def read_sections(name: str, sections: tuple[str, ...] = ()) -> dict[str, list[list[str]]]:
    """Rows (tab-split) of a lexicon file by section; rows before any named section go to ''."""
    out: dict[str, list[list[str]]] = {"": []}
    current = ""
    for raw in _lines(name):
        line = raw.rstrip("\n")
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("#"):
            label = stripped.lstrip("#").strip().lower()
            for sec in sections:
                if label.startswith(sec):
                    current = sec
                    out.setdefault(sec, [])
                    break
            continue
        cols = [c.strip() for c in line.split("\t")]
        out.setdefault(current, []).append(cols)
    return out


def read_list(name: str) -> list[str]:
    return [row[0] for rows in read_sections(name).values() for row in rows if row and row[0]]


@dataclass(frozen=True)
class Unit:
    text: str
    category: str
    multiplier: float | None
    base: str | None


@dataclass
class Lexicons:
    surnames: frozenset[str]
    compound_surnames: frozenset[str]
    rare_surnames: frozenset[str]
    titles: frozenset[str]
    title_prefixes: tuple[str, ...]
    org_suffixes: tuple[str, ...]
    weak_org_suffixes: frozenset[str]
    org_abbrev_prefixed: frozenset[str]
    org_standalone: frozenset[str]
    speech_verbs: tuple[str, ...]
    speech_frames: tuple[str, ...]
    target_markers: tuple[str, ...]
    actual_markers: tuple[str, ...]
    units: dict[str, Unit]
    name_stopwords: frozenset[str]
    boilerplate: tuple[str, ...]
    places: dict[str, str] = field(default_factory=dict)  # name or short form -> level
    place_names: frozenset[str] = frozenset()

    def jieba_words(self) -> set[str]:
        """Words worth adding to the segmenter's dictionary (hints only)."""
        words = set(self.titles) | set(self.org_abbrev_prefixed) | set(self.org_standalone)
        words |= {p for p in self.place_names if len(p) >= 2}
        return {w for w in words if len(w) >= 2}


@cache
def load() -> Lexicons:
    sur = read_sections("surnames.txt", ("compound", "rare"))
    single = {r[0] for r in sur.get("", []) if r and r[0]}
    compound = {r[0] for r in sur.get("compound", []) if r and r[0]}
    rare = {r[0] for r in sur.get("rare", []) if r and r[0]}
    suffix_rows = [r for rows in read_sections("org_suffixes.txt").values() for r in rows if r and r[0]]
    suffixes = tuple(sorted({r[0] for r in suffix_rows}, key=len, reverse=True))
    weak = frozenset(r[0] for r in suffix_rows if len(r) > 1 and r[1] == "weak")
    abbr = read_sections("org_abbreviations.txt", ("needs", "standalone"))
    verbs = read_sections("speech_verbs.txt", ("frame",))
    tv = read_sections("target_verbs.txt", ("target", "actual"))
    units: dict[str, Unit] = {}
    for rows in read_sections("units.txt").values():
        for r in rows:
            if not r or not r[0]:
                continue
            mult = float(r[2]) if len(r) > 2 and r[2] else None
            units[r[0]] = Unit(r[0], r[1] if len(r) > 1 else "", mult, r[3] if len(r) > 3 and r[3] else None)
    places: dict[str, str] = {}
    for rows in read_sections("places.tsv").values():
        for r in rows:
            if not r or r[0] == "name" or len(r) < 3:
                continue
            places.setdefault(r[0], r[2])
            if r[1]:
                places.setdefault(r[1], r[2])
    return Lexicons(
        surnames=frozenset(single | compound),
        compound_surnames=frozenset(compound),
        rare_surnames=frozenset(rare),
        titles=frozenset(read_list("titles.txt")),
        title_prefixes=tuple(sorted(set(read_list("title_prefixes.txt")), key=len, reverse=True)),
        org_suffixes=suffixes,
        weak_org_suffixes=weak,
        org_abbrev_prefixed=frozenset(r[0] for r in abbr.get("needs", []) + abbr.get("", []) if r and r[0]),
        org_standalone=frozenset(r[0] for r in abbr.get("standalone", []) if r and r[0]),
        speech_verbs=tuple(sorted({r[0] for r in verbs.get("", []) if r and r[0]}, key=len, reverse=True)),
        speech_frames=tuple(r[0] for r in verbs.get("frame", []) if r and r[0]),
        target_markers=tuple(r[0] for r in tv.get("target", []) if r and r[0]),
        actual_markers=tuple(r[0] for r in tv.get("actual", []) if r and r[0]),
        units=units,
        name_stopwords=frozenset(read_list("name_stopwords.txt")),
        boilerplate=tuple(read_list("boilerplate.txt")),
        places=places,
        place_names=frozenset(places),
    )
