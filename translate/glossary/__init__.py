"""The glossary: files editors maintain, term matching, enforcement while translating, reports.

Modules: ``model`` (entries, renderings, combined files), ``store`` (read and combine
files), ``editing`` (entries written and edited in place, with tomlkit), ``inflection``
(accepted forms; Russian via pymorphy3), ``matching`` (the term matcher), ``terms``
(source terms in any of the glossary's languages, target answers), ``enforce`` (the
Translator wrapper), ``renderings`` (how a translation rendered each term, near-spellings
and transliterations included), ``grammar`` (case and number of a rendering, the case the
context asks for), ``postedit`` (the glossary's form put in that case: ``glossary apply``
and the wrapper's first round), ``compliance`` (reports), ``lint``, ``suggest``.

Importing this package costs nothing: the names below load their module on first use,
so ``translate --help`` (which registers the ``glossary`` commands) stays fast.
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "Entry": "translate.glossary.model",
    "Glossary": "translate.glossary.model",
    "GlossaryFile": "translate.glossary.model",
    "Rendering": "translate.glossary.model",
    "GlossaryTranslator": "translate.glossary.enforce",
    "wrap": "translate.glossary.enforce",
    "compliance_section": "translate.glossary.compliance",
    "configured_glossary": "translate.glossary.store",
    "enforcement_settings": "translate.glossary.store",
    "load_glossary": "translate.glossary.store",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
