"""Characters a checkpoint cannot represent, carried around the engine.

An Opus-MT model receives what its SentencePiece vocabulary holds: an Armenian name in an
English article reaches opus-mt-en-* as ``<unk>`` and vanishes from the translation, and so
does a symbol its training data lacked. What the engine's own preprocessing normalises
(quotes, dashes: Moses punctuation normalisation, inside the engine) is not lost; the rest
is, unless carried.

:class:`CarryTranslator` asks the translator it wraps which characters of each segment it
would lose (:meth:`~translate.engines.base.Translator.coverage`), takes out each word that
holds one (runs of such words separated by spaces together: "Նիկոլ Փաշինյան" is one
span), puts a placeholder the engine carries in its place (a number: 901, 902 …, chosen
when the wrapper is built, as the glossary's are) and puts the span back in the output. A
span whose placeholder the engine dropped comes back as an error finding
(``characters.lost``) that names it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from translate.engines.base import Translation, Translator, Wrapper
from translate.engines.placeholders import (
    FIRST_NUMBERS,
    BracketPlaceholders,
    NumberPlaceholders,
    choose_scheme,
)
from translate.findings import Finding, Severity

CHARACTERS_LOST = "characters.lost"  # the code of a carried span the engine dropped
# Best first; numbers from 901 keep clear of the glossary's (701 …).
SCHEMES = {scheme.name: scheme for scheme in (NumberPlaceholders(FIRST_NUMBERS["characters"]), BracketPlaceholders("C"))}


@dataclass(frozen=True)
class Carried:
    """A segment with the spans the engine would lose replaced by placeholders."""

    text: str
    spans: dict[str, str]  # placeholder → the span it stands for


def lost_spans(text: str, lost: set[str]) -> list[tuple[int, int]]:
    """(start, end) of each word of ``text`` that holds a character of ``lost``; words in a row
    separated by spaces alone make one span."""
    spans: list[tuple[int, int]] = []
    for index, character in enumerate(text):
        if character not in lost or (spans and spans[-1][1] > index):
            continue
        start, end = index, index + 1
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in lost):
            start -= 1
        while end < len(text) and (text[end].isalnum() or text[end] in lost):
            end += 1
        if spans and not text[spans[-1][1] : start].strip():
            start = spans.pop()[0]
        spans.append((start, end))
    return spans


class CarryTranslator(Wrapper):
    """Takes what ``inner`` would lose out of each segment and puts it back in the output."""

    def __init__(self, inner: Translator):
        super().__init__(inner)
        name = choose_scheme(inner, "characters", [(name, scheme.samples()) for name, scheme in SCHEMES.items()],
                             "the checkpoint cannot be used for text it does not cover")
        self.scheme = SCHEMES[name]

    def carry(self, text: str) -> Carried:
        lost = set(self.inner.coverage(text).unknown)
        spans = lost_spans(text, lost) if lost else []
        if not spans:
            return Carried(text, {})
        tokens = self.scheme.tokens(len(spans), text)
        pieces, cursor, carried = [], 0, {}
        for token, (start, end) in zip(tokens, spans):
            pieces += [text[cursor:start], token]
            carried[token] = text[start:end]
            cursor = end
        pieces.append(text[cursor:])
        return Carried("".join(pieces), carried)

    def model_inputs(self, texts: Sequence[str]) -> list[str]:
        return self.inner.model_inputs([self.carry(text).text for text in texts])

    def translate_full(self, texts: Sequence[str]) -> list[Translation]:
        carried = [self.carry(text) for text in texts]
        translations = self.inner.translate_full([item.text for item in carried])
        return [self._restore(translation, item) for translation, item in zip(translations, carried)]

    def _restore(self, translation: Translation, carried: Carried) -> Translation:
        text, findings = translation.text, []
        for token, span in carried.spans.items():
            places = self.scheme.locate(token, text)
            if not places:
                findings.append(Finding(
                    CHARACTERS_LOST, Severity.ERROR,
                    f"the engine dropped {span!r}, which its vocabulary cannot represent and which was "
                    f"carried around it as {token}: put it back by hand"))
            for start, end in reversed(places):
                text = text[:start] + span + text[end:]
        return translation.annotated(text, findings=findings)

    def signature(self) -> dict[str, object]:
        return {**self.inner.signature(), "carried_characters": self.scheme.name}
