"""Inline markup through the engine: markers as numbers the engine copies, and back.

The readers put a private-use marker where each inline tag is (:mod:`translate.markup`);
no Opus-MT vocabulary has those characters (nor ``⟦…⟧``, ``‹…›``: they become ``<unk>``
and are lost), and markup tags come back mangled, but every vocabulary has digits and
news text is full of numbers copied verbatim. So, right around the engine, each marker
becomes a three-digit number that does not occur in the segment (from 401 on, apart
from the glossary's 701…), and each number the engine put back becomes its marker
again, with the source's spacing around it (no space after ``<a>`` nor before ``</a>``
where the source had none); a case ending glued to a number (``402-ին``) goes with it.

What the engine cannot get right is repaired, never dropped: a tag whose number is lost,
repeated, or put in the wrong order is put around the whole segment
(:func:`translate.markup.repair`) and reported with a warning finding (``markup.moved``),
so an editor puts the link back on the right words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from translate import markup as inline
from translate.engines.base import Translation, Wrapper
from translate.engines.placeholders import FIRST_NUMBERS, NumberPlaceholders, standalone
from translate.findings import Finding, Severity

MARKUP_MOVED = "markup.moved"  # the code of a tag the engine lost the place of (a warning)
FIRST_TOKEN = FIRST_NUMBERS["markup"]
_NUMBERS = NumberPlaceholders(FIRST_TOKEN, skip=range(700, 800))  # 7xx: the glossary's
# Our number, and a case ending an engine may have glued to it (701-ին): a tag has no case.
_TOKEN = re.compile(standalone(r"(\d{3})") + r"(?:-[^\W\d_]+)?")


def encode(text: str) -> tuple[str, dict[str, str]]:
    """``text`` with its markers as numbers, and number → marker."""
    markers = inline.markers_in(text)
    if not markers:
        return text, {}
    distinct = list(dict.fromkeys(markers))
    tokens = dict(zip(_NUMBERS.tokens(len(distinct), text), distinct))
    by_marker = {marker: token for token, marker in tokens.items()}
    spaced = "".join(f" {by_marker[c]} " if c in by_marker else c for c in text)
    return " ".join(spaced.split()), tokens


def spacing(text: str) -> dict[str, tuple[bool, bool]]:
    """For each marker of ``text``: whether a space is before it, and after it."""
    return {
        character: (index > 0 and text[index - 1].isspace(), index + 1 < len(text) and text[index + 1].isspace())
        for index, character in enumerate(text)
        if inline.is_marker(character)
    }


def decode(output: str, tokens: dict[str, str], spaces: dict[str, tuple[bool, bool]] | None = None) -> str:
    """The engine's ``output`` with each of our numbers as its marker again, spaced as in the
    source (``spaces``, from :func:`spacing`): the spaces we put around the numbers go."""
    if not tokens:
        return output

    def back(match: re.Match[str]) -> str:
        return tokens.get(match.group(1), match.group())

    text = _TOKEN.sub(back, output)
    spaces = spaces or {}
    for marker in tokens.values():
        before, after = spaces.get(marker, (inline.kind(marker) != "open", inline.kind(marker) != "close"))
        if not before:
            text = re.sub(rf"\s+{marker}", marker, text)
        if not after:
            text = re.sub(rf"{marker}\s+", marker, text)
    return text


def moved_finding(moved: list[str]) -> Finding:
    numbers = ", ".join(str(inline.number_of(marker)) for marker in moved)
    return Finding(MARKUP_MOVED, Severity.WARNING,
                   f"the engine lost where inline markup {numbers} (a link, emphasis or code) goes: "
                   "it now spans the whole sentence; move it onto the right words")


class MarkupTranslator(Wrapper):
    """Sends inline-markup markers through ``inner`` as numbers and repairs what it loses."""

    def model_inputs(self, texts: Sequence[str]) -> list[str]:
        return self.inner.model_inputs([encode(text)[0] for text in texts])

    def translate_full(self, texts: Sequence[str]) -> list[Translation]:
        encoded = [encode(text) for text in texts]
        translations = self.inner.translate_full([text for text, _ in encoded])
        results = []
        for source, (_, tokens), translation in zip(texts, encoded, translations):
            if not tokens:
                results.append(translation)
                continue
            decoded = decode(translation.text, tokens, spacing(source))
            text, moved = inline.repair(decoded, inline.markers_in(source))
            findings = [moved_finding(moved)] if moved else []
            results.append(translation.annotated(text, findings=findings))
        return results
