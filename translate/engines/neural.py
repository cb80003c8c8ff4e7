"""The work every subword NMT engine shares, whatever runs the model.

:class:`NeuralEngine` takes a list of segments and hands its subclass batches to decode:

- inputs longer than the checkpoint's limit are split at sentence, then word, then
  character boundaries and the translations joined, never truncated;
- inputs are sorted by length and cut into batches under a token budget (padding is
  what a batch costs, so similar lengths go together), then results are put back in
  input order;
- each input's output is capped at a ratio of its own length: a guard against Opus-MT's
  repetition loops;
- an input translates the same alone and in any batch, greedy or beam search: decoding a
  batch to its longest row's cap and cutting the other rows would not do (a beam that is
  best at 40 tokens, cut at 20, is not the beam that is best at 20), so each row stops at
  its own cap — inside the decoder where the library allows it (``caps_per_row``), else by
  batching only inputs whose caps are equal. With the default ratio equal caps mean equal
  lengths, so such a batch has no padding either (CTranslate2 issue 693: padding can
  change CPU results).

Every input is first normalised as Opus-MT's training data was (its preprocess scripts run
Moses' replace-unicode-punctuation, remove-non-printing-char and normalize-punctuation
before sentencepiece): “curly” and «angle» quotes become ", dashes -, … three dots. The
model never saw the originals, and some are not in its vocabulary (« » in opus-mt-en-mg's
source model). What is still lost after that (a name in another script, a symbol) is
reported by :meth:`NeuralEngine.coverage`, for the wrappers to carry around the engine.

A subclass fills two hooks: ``_tokens`` (a text's subword tokens, to count and to reuse)
and ``_generate`` (one batch). ``translate run --dry-run`` loads only the conventions
(:meth:`NeuralEngine.preview`): what the model would be given, without its weights.
"""

from __future__ import annotations

import abc
import functools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from translate.engines.base import Coverage, Engine, EngineSpec, GenerationSettings
from translate.engines.checkpoints import resolve_checkpoint
from translate.engines.marian_vocab import MarianVocabulary
from translate.errors import EngineError, ModelNotAvailable
from translate.locales import language_of

# Opus-MT tokenizer configs declare 512; the target token and </s> need room.
RESERVED_TOKENS = 2
_SENTENCE_END = re.compile(r"(?<=[.!?։…])\s+")


@dataclass(frozen=True)
class Piece:
    """One unit the model sees: an input, or part of an over-long one, with its tokens."""

    text: str
    tokens: Sequence[object]


def split_long(text: str, count: Callable[[str], int], limit: int) -> list[str]:
    """Cut ``text`` into pieces of at most ``limit`` tokens, at sentence ends, else between
    words, else inside a word (runs of characters). Nothing is lost or added: the pieces
    joined by a space (by nothing where a word was cut) give ``text`` back.
    """
    if count(text) <= limit:
        return [text]
    units = [unit for unit in _SENTENCE_END.split(text) if unit]
    if len(units) == 1:
        units = text.split()
    pieces: list[str] = []
    current = ""
    for unit in units:
        for part, glue in _fit(unit, count, limit):
            candidate = f"{current}{glue}{part}" if current else part
            if current and count(candidate) > limit:
                pieces.append(current)
                current = part
            else:
                current = candidate
    if current:
        pieces.append(current)
    return pieces


def _fit(unit: str, count: Callable[[str], int], limit: int) -> list[tuple[str, str]]:
    """(part, what joins it to the text before): ``unit`` if it fits, else its words, else runs
    of characters (joined by nothing)."""
    tokens = count(unit)
    if tokens <= limit:
        return [(unit, " ")]
    words = unit.split()
    if len(words) > 1:
        return [fitted for word in words for fitted in _fit(word, count, limit)]
    step = max(1, len(unit) * limit // (2 * tokens))
    return [(unit[i : i + step], " " if i == 0 else "") for i in range(0, len(unit), step)]


def token_budget_batches(lengths: Sequence[int], max_size: int, max_tokens: int) -> list[list[int]]:
    """Indices of ``lengths`` in batches, longest first, in which length × size ≤ ``max_tokens``.

    A batch costs its longest input times its size (the rest is padding), so inputs are
    sorted by length and a batch closes when adding the next would pass either limit.
    ``max_tokens`` 0 means no budget; a single input over the budget gets a batch of its own.
    """
    order = sorted(range(len(lengths)), key=lambda i: lengths[i], reverse=True)
    batches: list[list[int]] = []
    current: list[int] = []
    for index in order:
        longest = lengths[current[0]] if current else lengths[index]
        over_budget = max_tokens > 0 and max(longest, 1) * (len(current) + 1) > max_tokens
        if current and (len(current) >= max_size or over_budget):
            batches.append(current)
            current = []
        current.append(index)
    if current:
        batches.append(current)
    return batches


def batches_by_cap(lengths: Sequence[int], caps: Sequence[int], max_size: int, max_tokens: int) -> list[list[int]]:
    """:func:`token_budget_batches` within each group of inputs that share an output cap."""
    groups: dict[int, list[int]] = {}
    for index, cap in enumerate(caps):
        groups.setdefault(cap, []).append(index)
    batches = []
    for cap in sorted(groups, reverse=True):
        members = groups[cap]
        for batch in token_budget_batches([lengths[i] for i in members], max_size, max_tokens):
            batches.append([members[i] for i in batch])
    return batches


@functools.lru_cache(maxsize=32)
def _moses(language: str):
    from sacremoses import MosesPunctNormalizer

    # As Opus-MT's preprocess-spm.sh: unicode punctuation replaced, control characters removed.
    # Not norm_numbers: it turns the no-break space of "1 500" into "1.500", which reads as 1.5.
    return MosesPunctNormalizer(lang=language, pre_replace_unicode_punct=True, post_remove_control_chars=True,
                                norm_numbers=False)


def normalise_punctuation(text: str, language: str) -> str:
    """``text`` as Opus-MT's preprocessing gives it to sentencepiece: Moses punctuation
    normalisation for ``language``, runs of spaces collapsed."""
    return " ".join(_moses(language_of(language)).normalize(" ".join(text.split())).split())


def preprocessing() -> str:
    """What the engines do to a text before sentencepiece, for signatures (and the memory key)."""
    from importlib import metadata

    return f"moses punctuation normalisation (sacremoses {metadata.version('sacremoses')})"


def output_cap(input_tokens: int, settings: GenerationSettings, ceiling: int) -> int:
    """At most ratio × input + slack output tokens, and never more than the model allows."""
    cap = math.ceil(settings.max_length_ratio * input_tokens) + settings.max_length_slack
    return max(1, min(cap, ceiling))


class NeuralEngine(Engine):
    """Splitting, batching and per-input caps; subclasses tokenise and decode one batch."""

    spec: EngineSpec
    vocabulary: MarianVocabulary  # the checkpoint's sentencepiece models and vocabulary
    max_input_tokens: int
    max_output_tokens: int
    # Whether ``_generate`` stops each row at its own cap, whatever the other rows' caps;
    # if not, a batch only holds inputs with the same cap.
    caps_per_row: ClassVar[bool] = False

    def __init__(self, spec: EngineSpec, model_max_length: int):
        self.spec = spec
        self.source = spec.source
        self.target = spec.target
        self.max_input_tokens = model_max_length - RESERVED_TOKENS
        self.max_output_tokens = model_max_length
        # Reported by tests and benchmarks: the size of each batch decoded, and the
        # number of target tokens kept (each output within its cap, </s> not counted).
        self.batches_run: list[int] = []
        self.tokens_generated = 0

    # --- hooks ---------------------------------------------------------------------

    @abc.abstractmethod
    def _tokens(self, text: str) -> Sequence[object]:
        """The subword tokens of ``text``: no target token, no </s>."""

    @abc.abstractmethod
    def _generate(self, pieces: list[Piece], caps: list[int]) -> list[str]:
        """Translate one batch; ``caps[i]``: the most tokens ``pieces[i]``'s output may have.

        Row i's output must be what decoding ``pieces[i]`` alone with ``caps[i]`` gives.
        """

    # --- conventions, shared with the preview --------------------------------------

    @staticmethod
    def conventions(spec: EngineSpec) -> tuple[Path, MarianVocabulary]:
        """(checkpoint directory, vocabulary) of ``spec``, the target token checked against it:
        cheap to read, so every engine reads them before its weights."""
        if not spec.checkpoint:
            raise ModelNotAvailable(f"no checkpoint configured for {spec.source}→{spec.target}; pass --model")
        directory = resolve_checkpoint(spec.checkpoint)
        vocabulary = MarianVocabulary(directory)
        vocabulary.check_target_token(spec.target_token, checkpoint=spec.checkpoint, pair=f"{spec.source}-{spec.target}")
        return directory, vocabulary

    @classmethod
    def preview(cls, spec: EngineSpec) -> InputPreview:
        """What this engine would be given, from the checkpoint's conventions alone (no weights)."""
        _, vocabulary = cls.conventions(spec)
        return InputPreview(cls.name, spec, vocabulary)

    # --- shared work ---------------------------------------------------------------

    def normalise(self, text: str) -> str:
        return normalise_punctuation(text, self.source)

    def coverage(self, text: str) -> Coverage:
        return model_coverage(self.vocabulary, text, self.source)

    def model_inputs(self, texts: Sequence[str]) -> list[str]:
        return [model_input(self.spec, self.normalise(text)) for text in texts]

    def _token_count(self, text: str) -> int:
        return len(self._tokens(text))

    def split_long(self, text: str) -> list[str]:
        """Cut ``text`` into pieces that each fit the checkpoint; pieces joined by spaces give it back."""
        return split_long(text, self._token_count, self.max_input_tokens)

    def _pieces(self, text: str) -> list[Piece]:
        tokens = self._tokens(text)
        if len(tokens) <= self.max_input_tokens:
            return [Piece(text, tokens)]
        return [Piece(part, self._tokens(part)) for part in self.split_long(text)]

    def _output_cap(self, input_tokens: int) -> int:
        return output_cap(input_tokens, self.spec.generation, self.max_output_tokens)

    def translate(self, texts: Sequence[str]) -> list[str]:
        pieces: list[Piece] = []
        owners: list[int] = []
        for index, text in enumerate(texts):
            if not text.strip():
                continue
            for piece in self._pieces(self.normalise(text)):
                pieces.append(piece)
                owners.append(index)
        translated = self._translate_pieces(pieces)
        joined: list[list[str]] = [[] for _ in texts]
        for owner, translation in zip(owners, translated):
            joined[owner].append(translation)
        return [" ".join(parts) if parts else text for parts, text in zip(joined, texts)]

    def _translate_pieces(self, pieces: list[Piece]) -> list[str]:
        settings = self.spec.generation
        lengths = [len(piece.tokens) for piece in pieces]
        caps = [self._output_cap(length) for length in lengths]
        size = max(1, settings.batch_size)
        if self.caps_per_row:
            batches = token_budget_batches(lengths, size, settings.max_batch_tokens)
        else:
            batches = batches_by_cap(lengths, caps, size, settings.max_batch_tokens)
        results: list[str] = [""] * len(pieces)
        for batch in batches:
            self.batches_run.append(len(batch))
            outputs = self._generate([pieces[i] for i in batch], [caps[i] for i in batch])
            for i, output in zip(batch, outputs):
                results[i] = output
        return results


def model_coverage(vocabulary: MarianVocabulary, text: str, language: str) -> Coverage:
    """What a checkpoint does to ``text``: Moses normalisation (its characters changed, as
    ``normalised``), then the vocabulary's losses on the normalised text."""
    normalised = normalise_punctuation(text, language)
    changed = {}
    for character in dict.fromkeys(text):
        if not character.isspace() and (seen := _normalised_character(character, language)) != character:
            changed[character] = seen
    return Coverage(normalised=tuple(changed.items())) | vocabulary.coverage(normalised)


@functools.lru_cache(maxsize=4096)
def _normalised_character(character: str, language: str) -> str:
    return normalise_punctuation(character, language)


def model_input(spec: EngineSpec, normalised: str) -> str:
    """The text a model is given: the target token first where the checkpoint needs one."""
    return f"{spec.target_token} {normalised}" if spec.target_token else normalised


class InputPreview(Engine):
    """A neural engine's conventions without its weights: what the model would be given
    (`translate run --dry-run`) and what its vocabulary loses; it translates nothing."""

    name = "preview"
    cacheable = False

    def __init__(self, engine: str, spec: EngineSpec, vocabulary: MarianVocabulary):
        self.engine = engine  # the engine it previews
        self.spec = spec
        self.source = spec.source
        self.target = spec.target
        self.vocabulary = vocabulary

    @classmethod
    def load(cls, spec: EngineSpec) -> InputPreview:
        raise NotImplementedError("built by NeuralEngine.preview")

    def translate(self, texts: Sequence[str]) -> list[str]:
        raise EngineError("a dry run translates nothing")

    def coverage(self, text: str) -> Coverage:
        return model_coverage(self.vocabulary, text, self.source)

    def model_inputs(self, texts: Sequence[str]) -> list[str]:
        return [model_input(self.spec, normalise_punctuation(text, self.source)) for text in texts]

    def signature(self) -> dict[str, object]:
        return {"engine": self.engine, "checkpoint": self.spec.checkpoint, "target_token": self.spec.target_token,
                "dry_run": True}
