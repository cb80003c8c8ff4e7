"""Dates, times, numbers and amounts protected through the engine, rendered for the target.

:class:`QuantityTranslator` wraps any :class:`~translate.engines.Translator`: before the
engine, each recognised quantity of a segment becomes a placeholder ``⟦Q1⟧``, ``⟦Q2⟧`` …
(engines copy ``⟦…⟧`` verbatim); after it, each placeholder is replaced by the quantity
as the target locale writes it (:func:`~translate.localisation.rendering.render`).

Composable with other placeholder wrappers (the glossary's): placeholders already in the
text are left alone, indices already used are skipped, and only this wrapper's own
placeholders are put back. A placeholder the engine dropped cannot be put back: the QA
"numbers" check then reports the quantity as missing.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import babel

from translate.engines.base import Coverage, Translator
from translate.localisation.quantities import recognise
from translate.localisation.rendering import render

log = logging.getLogger(__name__)

PLACEHOLDER = "⟦Q{}⟧"
# Engines sometimes add spaces inside the brackets: accept them when putting values back.
_OURS = re.compile(r"⟦\s*Q\s*(\d+)\s*⟧")


@dataclass(frozen=True)
class Protected:
    """A segment with its quantities replaced by placeholders, and what each one becomes."""

    text: str
    renderings: dict[int, str] = field(default_factory=dict)


def protect(text: str, source: str, target: str) -> Protected:
    """Replace the quantities of ``text`` (in ``source``) by placeholders rendered for ``target``."""
    quantities = recognise(text, source)
    if not quantities:
        return Protected(text)
    used = {int(number) for number in _OURS.findall(text)}
    parts: list[str] = []
    renderings: dict[int, str] = {}
    cursor, index = 0, 0
    for quantity in quantities:
        index += 1
        while index in used:
            index += 1
        parts.append(text[cursor : quantity.start])
        parts.append(PLACEHOLDER.format(index))
        renderings[index] = render(quantity, target)
        cursor = quantity.end
    parts.append(text[cursor:])
    return Protected("".join(parts), renderings)


def restore(translation: str, protected: Protected) -> str:
    """Put the rendered quantities back in place of this wrapper's placeholders."""
    if not protected.renderings:
        return translation

    def back(match: re.Match[str]) -> str:
        return protected.renderings.get(int(match.group(1)), match.group())

    restored = _OURS.sub(back, translation)
    lost = set(protected.renderings) - {int(number) for number in _OURS.findall(translation)}
    if lost:
        log.debug("the engine dropped %d protected quantities: %s", len(lost),
                  ", ".join(protected.renderings[i] for i in sorted(lost)))
    return restored


class QuantityTranslator(Translator):
    """Protects dates, times, numbers and amounts through ``inner`` and renders them for its target."""

    def __init__(self, inner: Translator):
        self.inner = inner
        self.source = inner.source
        self.target = inner.target

    def inner_input(self, text: str) -> str:
        return protect(text, self.source, self.target).text

    def coverage(self, text: str) -> Coverage:
        return self.inner.coverage(text)

    def translate(self, texts: Sequence[str]) -> list[str]:
        protected = [protect(text, self.source, self.target) for text in texts]
        translations = self.inner.translate([item.text for item in protected])
        return [restore(translation, item) for translation, item in zip(translations, protected)]

    def signature(self) -> dict[str, object]:
        # Wrappers add their own key to the engine's flat signature.
        return {
            **self.inner.signature(),
            "quantities": {"placeholder": PLACEHOLDER.format(1), "cldr": babel.__version__},
        }
