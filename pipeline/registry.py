"""Extractor registry, in the style of spaCy's factories.

An extractor is a function `(doc) -> list[fact]` registered under a name, with the
category it fills and the extractors whose facts it reads. The pipeline runs the names
its config lists, adding what they require; adding an extractor touches no other one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .document import Doc

ExtractFn = Callable[["Doc"], list[Any]]


@dataclass(frozen=True)
class ExtractorSpec:
    name: str
    category: str
    requires: tuple[str, ...]
    fn: ExtractFn


_REGISTRY: dict[str, ExtractorSpec] = {}


def register(name: str, category: str, requires: tuple[str, ...] = ()) -> Callable[[ExtractFn], ExtractFn]:
    def deco(fn: ExtractFn) -> ExtractFn:
        _REGISTRY[name] = ExtractorSpec(name, category, requires, fn)
        return fn

    return deco


def get(name: str) -> ExtractorSpec:
    _load_builtins()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise KeyError(f"unknown extractor {name!r}; known: {', '.join(sorted(_REGISTRY))}") from None


def names() -> list[str]:
    _load_builtins()
    return sorted(_REGISTRY)


def plan(requested: tuple[str, ...]) -> list[ExtractorSpec]:
    """The requested extractors plus what they require, dependencies first, order kept."""
    out: list[ExtractorSpec] = []

    def add(name: str, trail: tuple[str, ...] = ()) -> None:
        if name in trail:
            raise ValueError(f"extractor dependency cycle: {' -> '.join(trail + (name,))}")
        spec = get(name)
        for dep in spec.requires:
            add(dep, trail + (name,))
        if spec not in out:
            out.append(spec)

    for name in requested:
        add(name)
    return out


def _load_builtins() -> None:
    import importlib

    # registers the built-in extractors
    importlib.import_module(f"{__package__}.extractors")
