"""The one interface every engine and every wrapper (pivot, cache, glossary) implements.

``GenerationSettings`` (decoding settings) belong to the configuration and are re-exported here.
"""

from __future__ import annotations

import abc
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from translate.config import GenerationSettings


@dataclass(frozen=True)
class EngineSpec:
    """What an engine needs to load: one direction, one checkpoint."""

    source: str
    target: str
    checkpoint: str | None = None
    # Multilingual-target checkpoints (e.g. opus-mt-ru-hy) need ``>>hye<<`` before the source.
    target_token: str | None = None
    generation: GenerationSettings = field(default_factory=GenerationSettings)


@dataclass(frozen=True)
class Coverage:
    """What a translator's vocabulary does to a text (:meth:`Translator.coverage`).

    ``unknown``: characters that become ``<unk>`` on the way in or cannot come out: lost.
    ``normalised``: (character, what the model sees instead), e.g. ``("№", "No")``.
    """

    unknown: tuple[str, ...] = ()
    normalised: tuple[tuple[str, str], ...] = ()

    @property
    def round_trip(self) -> bool:
        """Whether the text reaches the model and can come out of it as it is."""
        return not self.unknown and not self.normalised

    def __or__(self, other: Coverage) -> Coverage:
        """What two translators in a row do: either one's losses."""
        return Coverage(
            tuple(dict.fromkeys((*self.unknown, *other.unknown))),
            tuple(dict((*self.normalised, *other.normalised)).items()),
        )


class Translator(abc.ABC):
    """Translates a batch of segments for one language direction.

    ``translate`` returns one translation per input, in input order. Engines and the
    wrappers around them (pivot, translation memory, glossary) share this interface.
    """

    source: str
    target: str

    @abc.abstractmethod
    def translate(self, texts: Sequence[str]) -> list[str]:
        """Translate ``texts``; the result has the same length and order."""

    @abc.abstractmethod
    def signature(self) -> dict[str, object]:
        """What produced the output: engine, checkpoint, settings (for reproducibility)."""

    def inner_input(self, text: str) -> str:
        """What a wrapper passes to the translator it wraps for ``text`` (itself, unless it rewrites it)."""
        return text

    def coverage(self, text: str) -> Coverage:
        """Which characters of ``text`` this translator's vocabulary loses or changes.

        Wrappers choose a placeholder that survives, and carry characters an engine would
        lose around it, by asking this. An engine with a subword vocabulary answers from
        it; a wrapper asks the translator it wraps; a translator that copies any
        character (the pseudo engine) loses none, which is this default.
        """
        return Coverage()


class Engine(Translator):
    """A translator that loads a model: registered by name in ``translate.engines``."""

    name: ClassVar[str]
    # Whether the engine needs a checkpoint (the pseudo engine does not).
    needs_checkpoint: ClassVar[bool] = True
    # Whether its output is worth keeping in the translation memory.
    cacheable: ClassVar[bool] = True

    @classmethod
    @abc.abstractmethod
    def load(cls, spec: EngineSpec) -> Engine:
        """Load the engine for ``spec``; raise ModelNotAvailable or EngineError with what to do."""


class PivotTranslator(Translator):
    """Translates source → pivot → target with two translators (e.g. hy → en → ru)."""

    def __init__(self, first: Translator, second: Translator):
        if first.target != second.source:
            raise ValueError(f"cannot chain {first.source}→{first.target} with {second.source}→{second.target}")
        self.first = first
        self.second = second
        self.source = first.source
        self.target = second.target

    def translate(self, texts: Sequence[str]) -> list[str]:
        return self.second.translate(self.first.translate(texts))

    def coverage(self, text: str) -> Coverage:
        # What the first hop carries verbatim (a placeholder) reaches the second as it is.
        return self.first.coverage(text) | self.second.coverage(text)

    def signature(self) -> dict[str, object]:
        return {"pivot": self.first.target, "hops": [self.first.signature(), self.second.signature()]}
