"""Placeholders that survive an engine, chosen when the engine loads.

A wrapper that takes a span out of a segment (a glossary term, a name in a script the
checkpoint lacks) puts a placeholder in its place and finds it again in the output. A
placeholder only works if the engine's vocabulary carries it: ``⟦1⟧`` reaches an Opus-MT
model as ``<unk> 1 <unk>`` (``⟦`` and ``⟧`` are in none of their SentencePiece
vocabularies) and cannot come back, while a three-digit number does (digits are in every
Opus-MT vocabulary, and news parallel text copies numbers verbatim).

So each wrapper lists the schemes it can use, best first, and :func:`choose_scheme` asks
the translator it wraps (:meth:`~translate.engines.base.Translator.coverage`, the same
question `translate models check` asks a tokenizer folder: :func:`sample_coverage`) which
ones round-trip. No scheme that round-trips is an error that says what was lost.
"""

from __future__ import annotations

import abc
import re
from collections.abc import Callable, Sequence

from translate.engines.base import Coverage, Translator
from translate.errors import PlaceholderError

# Placeholders tried per scheme: the first ones, and a two-digit index.
SAMPLE_COUNT = 3


def sample_coverage(coverage: Callable[[str], Coverage], samples: Sequence[str]) -> Coverage:
    """What ``coverage`` (a vocabulary's or a translator's) does to ``samples``: each alone, and
    all in a row before a full stop (sentencepiece may join them into other pieces)."""
    result = Coverage()
    for text in [*samples, " ".join(samples) + "."]:
        result |= coverage(text)
    return result


class PlaceholderScheme(abc.ABC):
    name: str

    @abc.abstractmethod
    def tokens(self, count: int, text: str) -> list[str]:
        """``count`` distinct placeholders, none of which already occurs in ``text``."""

    @abc.abstractmethod
    def locate(self, token: str, output: str) -> list[tuple[int, int]]:
        """Where ``token`` came back in ``output``."""

    def samples(self) -> list[str]:
        """Placeholders to test a vocabulary with: the first ones and a two-digit index."""
        tokens = self.tokens(10, "")
        return [*tokens[: SAMPLE_COUNT - 1], tokens[-1]]


def standalone(number: str) -> str:
    """A pattern for ``number`` (a pattern of digits) as a number of its own: not part of a longer
    one, nor of a decimal or a thousands group ("1.701", "701,5")."""
    return rf"(?<![\d.,]){number}(?![\d]|[.,]\d)"


# Where each wrapper's numbers start, a hundred apart so that no two meet: inline tags
# (engines.markup), glossary terms (glossary.enforce), carried characters (localisation.carrying).
FIRST_NUMBERS = {"markup": 401, "glossary": 701, "characters": 901}


class NumberPlaceholders(PlaceholderScheme):
    """Three-digit numbers that do not occur in the segment (701, 702, …).

    Three digits keep clear of years (a four-digit number invites "в 2021 году") and of
    thousands separators (which five digits would get); an Armenian engine glues case
    endings to numbers ("701-ին"), which tells the glossary the case.
    """

    name = "number"

    def __init__(self, first: int = FIRST_NUMBERS["glossary"], skip: range = range(0)):
        self.first = first
        self.skip = skip  # numbers another wrapper uses (markup keeps clear of the glossary's 7xx)

    def tokens(self, count: int, text: str) -> list[str]:
        present = set(re.findall(r"\d+", text))
        tokens: list[str] = []
        candidate = self.first
        while len(tokens) < count:
            if str(candidate) not in present and candidate not in self.skip:
                tokens.append(str(candidate))
            candidate += 1
        return tokens

    def locate(self, token: str, output: str) -> list[tuple[int, int]]:
        return [match.span() for match in re.finditer(standalone(token), output)]


class BracketPlaceholders(PlaceholderScheme):
    """``⟦1⟧``, ``⟦2⟧`` …: for engines that copy any span (pseudo); Opus-MT loses the brackets."""

    name = "brackets"

    def __init__(self, tag: str = ""):
        self.tag = tag

    def tokens(self, count: int, text: str) -> list[str]:
        tokens, number = [], 1
        while len(tokens) < count:
            if f"⟦{self.tag}{number}⟧" not in text:
                tokens.append(f"⟦{self.tag}{number}⟧")
            number += 1
        return tokens

    def locate(self, token: str, output: str) -> list[tuple[int, int]]:
        return [match.span() for match in re.finditer(re.escape(token), output)]


def losses(coverage: Coverage) -> str:
    """What a coverage loses, for messages: "⟦ ⟧ become <unk>; № becomes 'No'"."""
    parts = []
    if coverage.unknown:
        parts.append(f"{' '.join(coverage.unknown)} become <unk>")
    parts += [f"{character} becomes {seen!r}" for character, seen in coverage.normalised]
    return "; ".join(parts)


def choose_scheme(translator: Translator, wrapper: str, candidates: Sequence[tuple[str, Sequence[str]]],
                  what_to_do: str) -> str:
    """The first of ``candidates`` — (scheme name, sample placeholders), best first — whose samples
    round-trip through ``translator``; PlaceholderError naming each one's losses when none does."""
    tried = []
    for name, samples in candidates:
        coverage = sample_coverage(translator.coverage, samples)
        if coverage.round_trip:
            return name
        tried.append(f"{name} ({' '.join(samples)}: {losses(coverage)})")
    signature = translator.signature()
    checkpoint = signature.get("checkpoint") or signature.get("engine") or "the engine"
    raise PlaceholderError(
        f"the {wrapper} wrapper has no placeholder that survives the vocabulary of {checkpoint}: "
        f"{'; '.join(tried)}. `translate models check` shows what the checkpoint loses; {what_to_do}"
    )
