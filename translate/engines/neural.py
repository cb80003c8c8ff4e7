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

A subclass fills two hooks: ``_tokens`` (a text's subword tokens, to count and to reuse)
and ``_generate`` (one batch).
"""

from __future__ import annotations

import abc
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from translate.engines.base import Coverage, Engine, EngineSpec, GenerationSettings
from translate.engines.marian_vocab import MarianVocabulary

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

    # --- shared work ---------------------------------------------------------------

    def coverage(self, text: str) -> Coverage:
        return self.vocabulary.coverage(text)

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
            for piece in self._pieces(" ".join(text.split())):
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
