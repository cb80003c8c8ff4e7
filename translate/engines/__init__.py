"""Engines in one registry keyed by name, imported only when used.

``translate --help`` imports this module but never torch: an engine's module is
imported by :func:`load_engine` the first time that engine is asked for.
"""

from __future__ import annotations

import importlib

from translate.engines.base import (
    Coverage,
    Engine,
    EngineSpec,
    GenerationSettings,
    PivotTranslator,
    Translation,
    Translator,
    Wrapper,
)
from translate.errors import UnknownEngine

# name → "module:class". Register each engine here and nowhere else.
ENGINES: dict[str, str] = {
    "ctranslate2": "translate.engines.ctranslate2:CTranslate2Engine",
    "marian": "translate.engines.marian:MarianEngine",
    "pseudo": "translate.engines.pseudo:PseudoEngine",
}

__all__ = [
    "ENGINES",
    "Coverage",
    "Engine",
    "EngineSpec", "GenerationSettings", "PivotTranslator", "Translation", "Translator", "Wrapper",
    "engine_class", "load_engine"]


def engine_class(name: str) -> type[Engine]:
    try:
        target = ENGINES[name]
    except KeyError:
        raise UnknownEngine(f"unknown engine {name!r}; the engines are: {', '.join(sorted(ENGINES))}") from None
    module_name, class_name = target.split(":")
    return getattr(importlib.import_module(module_name), class_name)


def load_engine(name: str, spec: EngineSpec) -> Translator:
    """Load engine ``name`` for one direction (``spec``)."""
    return engine_class(name).load(spec)
