"""Dates, times, numbers and amounts protected through the engine, rendered for the target.

:class:`QuantityTranslator` wraps any :class:`~translate.engines.Translator`: before the
engine, each recognised quantity of a segment becomes a placeholder ``⟦Q1⟧``, ``⟦Q2⟧`` …
(engines copy ``⟦…⟧`` verbatim); after it, each placeholder is replaced by the quantity
as the target locale writes it (:func:`~translate.localisation.rendering.render`).

Composable with other placeholder wrappers (the glossary's): placeholders already in the
text are left alone, indices already used are skipped, and only this wrapper's own
placeholders are put back. A placeholder the engine dropped cannot be put back: the
translation comes back with an error finding (``quantities.lost``) naming the quantity,
and the QA "numbers" check leaves that segment's missing numbers to it (one report per loss).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import babel

from translate.engines.base import Translation, Wrapper
from translate.findings import Finding, Severity
from translate.localisation.quantities import recognise
from translate.localisation.rendering import render

QUANTITY_LOST = "quantities.lost"  # the code of a dropped quantity's finding
PLACEHOLDER = "⟦Q{}⟧"
# Engines sometimes add spaces inside the brackets: accept them when putting values back.
_OURS = re.compile(r"⟦\s*Q\s*(\d+)\s*⟧")


@dataclass(frozen=True)
class Protected:
    """A segment with its quantities replaced by placeholders, and what each one becomes."""

    text: str
    renderings: dict[int, str] = field(default_factory=dict)
    # What each placeholder stands for, as the source writes it (for messages).
    originals: dict[int, str] = field(default_factory=dict)


def protect(text: str, source: str, target: str) -> Protected:
    """Replace the quantities of ``text`` (in ``source``) by placeholders rendered for ``target``."""
    quantities = recognise(text, source)
    if not quantities:
        return Protected(text)
    used = {int(number) for number in _OURS.findall(text)}
    parts: list[str] = []
    renderings: dict[int, str] = {}
    originals: dict[int, str] = {}
    cursor, index = 0, 0
    for quantity in quantities:
        index += 1
        while index in used:
            index += 1
        parts.append(text[cursor : quantity.start])
        parts.append(PLACEHOLDER.format(index))
        renderings[index] = render(quantity, target)
        originals[index] = quantity.text
        cursor = quantity.end
    parts.append(text[cursor:])
    return Protected("".join(parts), renderings, originals)


def restore(translation: str, protected: Protected) -> str:
    """Put the rendered quantities back in place of this wrapper's placeholders. A rendering that
    ends in an abbreviation's full stop («3 июня 2021 г.») takes the place of the sentence's own
    when one follows: «… 2021 г.», never «… 2021 г..»."""
    if not protected.renderings:
        return translation

    def back(match: re.Match[str]) -> str:
        rendering = protected.renderings.get(int(match.group(1)))
        if rendering is None:
            return match.group()
        if rendering.endswith(".") and translation.startswith(".", match.end()):
            return rendering[:-1]
        return rendering

    return _OURS.sub(back, translation)


def lost_quantities(translation: str, protected: Protected) -> list[str]:
    """The quantities (as the source writes them) whose placeholder is not in ``translation``."""
    kept = {int(number) for number in _OURS.findall(translation)}
    return [protected.originals[index] for index in sorted(set(protected.renderings) - kept)]


class QuantityTranslator(Wrapper):
    """Protects dates, times, numbers and amounts through ``inner`` and renders them for its target."""

    def translate_full(self, texts: Sequence[str]) -> list[Translation]:
        protected = [protect(text, self.source, self.target) for text in texts]
        translations = self.inner.translate_full([item.text for item in protected])
        results = []
        for translation, item in zip(translations, protected):
            findings = [
                Finding(QUANTITY_LOST, Severity.ERROR,
                        f"the engine dropped {original!r} (its placeholder is not in the translation): "
                        "put it back by hand")
                for original in lost_quantities(translation.text, item)
            ]
            results.append(translation.annotated(restore(translation.text, item), findings=findings))
        return results

    def signature(self) -> dict[str, object]:
        # Wrappers add their own key to the engine's flat signature.
        return {
            **self.inner.signature(),
            "quantities": {"placeholder": PLACEHOLDER.format(1), "cldr": babel.__version__},
        }
