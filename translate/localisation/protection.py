"""Dates, times, numbers and amounts through the engine, checked and rendered for the target.

:class:`QuantityTranslator` wraps any :class:`~translate.engines.Translator` and picks,
when it is built, one of two schemes by what the translator it wraps carries
(:func:`~translate.engines.placeholders.choose_scheme`, the round trip `translate models
check` reports):

- ``digits`` (every Opus-MT checkpoint): the quantities stay in the text, where the
  engine sees them in context and copies their digits, as Opus-MT does well. After it,
  each quantity of the source is looked for in the output by value (in the target
  language's writing, or the source's where the engine left it so) and rewritten the way
  the target locale writes it (:func:`~translate.localisation.rendering.render`).
- ``placeholders``: each quantity becomes ``⟦Q1⟧``, ``⟦Q2⟧`` … and is put back rendered.
  Only for translators that carry ``⟦…⟧`` verbatim (the pseudo engine): Opus-MT
  vocabularies lack ``⟦`` and ``⟧``, which would become ``<unk>`` and take the quantity with them.

Either way a quantity of the source that is not in the translation — its placeholder
dropped, or its value lost or changed by the engine — comes back as an error finding
(``quantities.lost``) naming the quantity, and the QA "numbers" check leaves that
segment's missing numbers to it (one report per loss). A translator that carries neither
scheme is refused when the chain is built.

Composable with other placeholder wrappers: placeholders already in the text are left
alone, indices already used are skipped, and only this wrapper's own are put back.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import babel

from translate.engines.base import Translation, Translator, Wrapper
from translate.engines.placeholders import choose_scheme
from translate.findings import Finding, Severity
from translate.localisation.quantities import Kind, Quantity, recognise
from translate.localisation.rendering import render

QUANTITY_LOST = "quantities.lost"  # the code of a dropped quantity's finding
PLACEHOLDER = "⟦Q{}⟧"
# Engines sometimes add spaces inside the brackets: accept them when putting values back.
_OURS = re.compile(r"⟦\s*Q\s*(\d+)\s*⟧")
# The schemes, best first, with what each needs the translator to carry.
SCHEMES: dict[str, list[str]] = {
    "placeholders": [PLACEHOLDER.format(index) for index in (1, 2, 10)],
    "digits": ["0123456789", "1.5", "1,500", "15:30", "21.05.2021"],
}
# Kinds written with a number alone (their key is the number): one may stand for another
# in a translation ("$2.5 billion" → «2,5 млрд долларов», the sign as a word).
_NUMERIC = {Kind.NUMBER, Kind.PERCENT, Kind.AMOUNT}


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


# --- the digits scheme: found in the output, checked, rendered ---------------------------------


def output_quantities(output: str, source: str, target: str) -> list[Quantity]:
    """The quantities of an engine's output: as the target writes them, and where the engine
    left one as the source writes it ("1.5 million" in a Russian sentence), that reading too."""
    found = recognise(output, target)
    if source != target:
        taken = [(q.start, q.end) for q in found]
        found += [q for q in recognise(output, source)
                  if not any(q.start < end and start < q.end for start, end in taken)]
    return sorted(found, key=lambda q: q.start)


def _rendered(wanted: Quantity, found: Quantity, target: str) -> str:
    """``wanted`` (the source's) written the target's way, in the form the engine gave it: an
    amount the engine wrote as a number and a currency word keeps the word, so only the
    number is rendered."""
    if found.kind is not wanted.kind and {found.kind, wanted.kind} <= _NUMERIC:
        wanted = replace(wanted, kind=found.kind, currency=found.currency)
    return render(wanted, target)


def check_and_render(text: str, output: str, source: str, target: str) -> tuple[str, list[Quantity]]:
    """``output`` with each quantity of ``text`` found in it (by value) rendered for ``target``,
    and the quantities of ``text`` that are not in it (lost or changed by the engine)."""
    available = output_quantities(output, source, target)
    edits: list[tuple[Quantity, str]] = []
    lost: list[Quantity] = []
    for wanted in recognise(text, source):
        match = next((found for found in available if found.key == wanted.key), None)
        if match is None:
            lost.append(wanted)
            continue
        available.remove(match)
        edits.append((match, _rendered(wanted, match, target)))
    for found, rendering in sorted(edits, key=lambda edit: edit[0].start, reverse=True):
        output = output[: found.start] + rendering + output[found.end :]
    return output, lost


# --- the wrapper -------------------------------------------------------------------------------


def _lost(what: str, how: str) -> Finding:
    return Finding(QUANTITY_LOST, Severity.ERROR, f"the engine dropped or changed {what!r} ({how}): put it back by hand")


class QuantityTranslator(Wrapper):
    """Dates, times, numbers and amounts through ``inner``, checked, rendered for its target."""

    def __init__(self, inner: Translator, scheme: str | None = None):
        super().__init__(inner)
        candidates = [(name, SCHEMES[name]) for name in ([scheme] if scheme else SCHEMES)]
        self.scheme = choose_scheme(inner, "quantities", candidates,
                                    'or set [localisation] quantities = "off"')

    def model_inputs(self, texts: Sequence[str]) -> list[str]:
        if self.scheme == "placeholders":
            texts = [protect(text, self.source, self.target).text for text in texts]
        return self.inner.model_inputs(texts)

    def translate_full(self, texts: Sequence[str]) -> list[Translation]:
        if self.scheme == "digits":
            return [self._checked(text, translation)
                    for text, translation in zip(texts, self.inner.translate_full(texts))]
        protected = [protect(text, self.source, self.target) for text in texts]
        translations = self.inner.translate_full([item.text for item in protected])
        results = []
        for translation, item in zip(translations, protected):
            findings = [_lost(original, "its placeholder is not in the translation")
                        for original in lost_quantities(translation.text, item)]
            results.append(translation.annotated(restore(translation.text, item), findings=findings))
        return results

    def _checked(self, text: str, translation: Translation) -> Translation:
        output, lost = check_and_render(text, translation.text, self.source, self.target)
        findings = [_lost(quantity.text, "its value is not in the translation") for quantity in lost]
        return translation.annotated(output, findings=findings)

    def signature(self) -> dict[str, object]:
        # Wrappers add their own key to the engine's flat signature.
        placeholder = PLACEHOLDER.format(1) if self.scheme == "placeholders" else None
        return {**self.inner.signature(),
                "quantities": {"scheme": self.scheme, "placeholder": placeholder, "cldr": babel.__version__}}
