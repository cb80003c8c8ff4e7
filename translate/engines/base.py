"""The one interface every engine and every wrapper (pivot, cache, glossary) implements.

Engines implement ``translate(texts) -> list[str]``. What a wrapper learns while
translating (the glossary terms of a segment and what became of them, a quantity the
engine dropped) comes back with the text, as a :class:`Translation` from
``translate_full``: no translator keeps facts about past calls, and each wrapper passes
on the facts of the translator it wraps.

``GenerationSettings`` (decoding settings) belong to the configuration and are re-exported here.
"""

from __future__ import annotations

import abc
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from translate.config import GenerationSettings
from translate.document import TermOutcome
from translate.findings import Finding


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


@dataclass(frozen=True)
class Translation:
    """A translation and what the translators found while making it."""

    text: str
    terms: tuple[TermOutcome, ...] = ()
    findings: tuple[Finding, ...] = ()

    def annotated(self, text: str | None = None, *, terms: Sequence[TermOutcome] = (),
                  findings: Sequence[Finding] = ()) -> Translation:
        """This translation with ``text`` in its place (if given) and more facts added."""
        return Translation(self.text if text is None else text, self.terms + tuple(terms),
                           self.findings + tuple(findings))


class Translator(abc.ABC):
    """Translates a batch of segments for one language direction.

    ``translate`` returns one translation per input, in input order; ``translate_full``
    returns them with what was found on the way (:class:`Translation`). Engines implement
    ``translate``; the wrappers around them (:class:`Wrapper`) implement ``translate_full``.
    """

    source: str
    target: str

    @abc.abstractmethod
    def translate(self, texts: Sequence[str]) -> list[str]:
        """Translate ``texts``; the result has the same length and order."""

    def translate_full(self, texts: Sequence[str]) -> list[Translation]:
        """Translate ``texts`` with the facts found on the way (an engine finds none)."""
        return [Translation(text) for text in self.translate(texts)]

    @abc.abstractmethod
    def signature(self) -> dict[str, object]:
        """What produced the output: engine, checkpoint, settings (for reproducibility)."""

    def coverage(self, text: str) -> Coverage:
        """Which characters of ``text`` this translator's vocabulary loses or changes.

        Wrappers choose a placeholder that survives, and carry characters an engine would
        lose around it, by asking this. An engine with a subword vocabulary answers from
        it; a wrapper asks the translator it wraps; a translator that copies any
        character (the pseudo engine) loses none, which is this default.
        """
        return Coverage()

    def model_inputs(self, texts: Sequence[str]) -> list[str]:
        """What the model would be given for ``texts`` on the first pass, translating nothing
        (`translate run --dry-run`): each wrapper rewrites as it would, the engine adds its
        own preparation (normalisation, the target token). This default passes texts as they are."""
        return list(texts)


class Wrapper(Translator):
    """A translator around another (``inner``): it does its part in ``translate_full`` and
    passes on the facts of ``inner``'s translations with its own."""

    def __init__(self, inner: Translator):
        self.inner = inner
        self.source = inner.source
        self.target = inner.target

    def translate(self, texts: Sequence[str]) -> list[str]:
        return [translation.text for translation in self.translate_full(texts)]

    @abc.abstractmethod
    def translate_full(self, texts: Sequence[str]) -> list[Translation]:
        """Translate ``texts`` through ``inner``, adding this wrapper's facts to its."""

    def signature(self) -> dict[str, object]:
        return self.inner.signature()

    def coverage(self, text: str) -> Coverage:
        return self.inner.coverage(text)

    def model_inputs(self, texts: Sequence[str]) -> list[str]:
        return self.inner.model_inputs(texts)


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

    @classmethod
    def preview(cls, spec: EngineSpec) -> Translator:
        """A stand-in that knows what the engine would be given for ``spec`` (``model_inputs``,
        ``coverage``) without loading what it needs to translate; this default loads it."""
        return cls.load(spec)


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
        return [translation.text for translation in self.translate_full(texts)]

    def translate_full(self, texts: Sequence[str]) -> list[Translation]:
        first = self.first.translate_full(texts)
        second = self.second.translate_full([translation.text for translation in first])
        return [before.annotated(hop.text, terms=hop.terms, findings=hop.findings) for before, hop in zip(first, second)]

    def coverage(self, text: str) -> Coverage:
        # What the first hop carries verbatim (a placeholder) reaches the second as it is.
        return self.first.coverage(text) | self.second.coverage(text)

    def model_inputs(self, texts: Sequence[str]) -> list[str]:
        # The second hop's input is the first hop's output: only the first is known untranslated.
        return self.first.model_inputs(texts)

    def signature(self) -> dict[str, object]:
        return {"pivot": self.first.target, "hops": [self.first.signature(), self.second.signature()]}
