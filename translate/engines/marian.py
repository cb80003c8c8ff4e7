"""MarianMT through transformers: Helsinki-NLP Opus-MT checkpoints by hub id or directory.

Batches are formed from length-sorted inputs and results restored to input order.
Inputs longer than the checkpoint's limit are split at sentence or word boundaries and
the translations joined, never truncated. Output length is capped per input (a ratio of
its own length) and n-gram repeats are blocked: both guard against Opus-MT's repetition
loops, and capping per input keeps greedy output independent of the batch it ran in.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from pathlib import Path

from translate.checkpoints import resolve_checkpoint
from translate.engines.base import Engine, EngineSpec
from translate.errors import EngineError, ModelNotAvailable

# Opus-MT tokenizer configs declare 512; the target token and </s> need room.
_RESERVED_TOKENS = 2
_SENTENCE_END = re.compile(r"(?<=[.!?։…])\s+")


class MarianEngine(Engine):
    name = "marian"

    def __init__(self, spec: EngineSpec, directory: Path, tokenizer, model):
        self.spec = spec
        self.source = spec.source
        self.target = spec.target
        self.directory = directory
        self.tokenizer = tokenizer
        self.model = model
        limit = min(int(tokenizer.model_max_length or 512), int(model.config.max_position_embeddings or 512))
        self.max_input_tokens = limit - _RESERVED_TOKENS
        self.max_output_tokens = limit
        # Reported by tests and benchmarks: how many texts each generate() call received.
        self.batches_run: list[int] = []

    @classmethod
    def load(cls, spec: EngineSpec) -> MarianEngine:
        if not spec.checkpoint:
            raise ModelNotAvailable(f"no checkpoint configured for {spec.source}→{spec.target}; pass --model")
        directory = resolve_checkpoint(spec.checkpoint)
        import torch
        from transformers import MarianMTModel, MarianTokenizer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()  # ours is the only progress shown
        if spec.generation.threads:
            torch.set_num_threads(spec.generation.threads)
        try:
            tokenizer = MarianTokenizer.from_pretrained(directory, local_files_only=True)
            model = MarianMTModel.from_pretrained(directory, local_files_only=True)
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            raise EngineError(
                f"cannot load a Marian checkpoint from {directory}: {error}. "
                "Is it a complete Opus-MT checkpoint (config.json, *.spm, vocab.json, weights)?"
            ) from None
        if spec.target_token and spec.target_token not in tokenizer.get_vocab():
            raise EngineError(
                f"target token {spec.target_token!r} is not in the vocabulary of {spec.checkpoint}; "
                "check `target_token` in the configuration"
            )
        model.to(spec.generation.device).eval()
        # Output length is set per call (max_new_tokens) and each row is cut at its own cap;
        # a checkpoint's max_length would only warn, and a forced </s> at the batch's cap
        # would make a row's output depend on its neighbours.
        model.generation_config.max_length = None
        model.generation_config.forced_eos_token_id = None
        return cls(spec, directory, tokenizer, model)

    def signature(self) -> dict[str, object]:
        return {
            "engine": self.name,
            "checkpoint": self.spec.checkpoint,
            "revision": self.directory.name,
            "target_token": self.spec.target_token,
            "generation": self.spec.generation.as_dict(),
        }

    # --- splitting inputs that exceed the checkpoint's limit -------------------------

    def _token_count(self, text: str) -> int:
        return len(self.tokenizer(text, add_special_tokens=False, verbose=False)["input_ids"])

    def split_long(self, text: str) -> list[str]:
        """Cut ``text`` into pieces that each fit the checkpoint, at sentence ends, else at
        spaces, else inside an over-long word; the pieces joined by spaces give ``text`` back
        (without the spaces where a word was cut)."""
        limit = self.max_input_tokens
        if self._token_count(text) <= limit:
            return [text]
        units = [unit for unit in _SENTENCE_END.split(text) if unit]
        if len(units) == 1:
            units = text.split()
        pieces: list[str] = []
        current = ""
        for unit in units:
            for glue, part in self._fit(unit, limit):
                candidate = f"{current}{glue}{part}" if current else part
                if current and self._token_count(candidate) > limit:
                    pieces.append(current)
                    current = part
                else:
                    current = candidate
        if current:
            pieces.append(current)
        return pieces

    def _fit(self, unit: str, limit: int) -> list[tuple[str, str]]:
        """(glue, part) pairs: ``unit`` itself if it fits, else its words, else character runs."""
        if self._token_count(unit) <= limit:
            return [(" ", unit)]
        words = unit.split()
        if len(words) > 1:
            return [pair for word in words for pair in self._fit(word, limit)]
        step = max(1, len(unit) * limit // (2 * self._token_count(unit)))
        return [(" " if i == 0 else "", unit[i : i + step]) for i in range(0, len(unit), step)]

    # --- translation ---------------------------------------------------------------

    def translate(self, texts: Sequence[str]) -> list[str]:
        pieces: list[str] = []
        owners: list[int] = []
        for index, text in enumerate(texts):
            if not text.strip():
                continue
            for piece in self.split_long(" ".join(text.split())):
                pieces.append(piece)
                owners.append(index)
        translated = self._translate_pieces(pieces)
        joined: list[list[str]] = [[] for _ in texts]
        for owner, translation in zip(owners, translated):
            joined[owner].append(translation)
        return [" ".join(parts) if parts else text for parts, text in zip(joined, texts)]

    def _translate_pieces(self, pieces: list[str]) -> list[str]:
        prefix = f"{self.spec.target_token} " if self.spec.target_token else ""
        lengths = [self._token_count(piece) for piece in pieces]
        order = sorted(range(len(pieces)), key=lambda i: lengths[i], reverse=True)
        results: list[str] = [""] * len(pieces)
        size = max(1, self.spec.generation.batch_size)
        for start in range(0, len(order), size):
            batch = order[start : start + size]
            outputs = self._generate([prefix + pieces[i] for i in batch], [lengths[i] for i in batch])
            for i, output in zip(batch, outputs):
                results[i] = output
        return results

    def _output_cap(self, input_tokens: int) -> int:
        settings = self.spec.generation
        cap = math.ceil(settings.max_length_ratio * input_tokens) + settings.max_length_slack
        return min(cap, self.max_output_tokens)

    def _generate(self, texts: list[str], lengths: list[int]) -> list[str]:
        import torch

        settings = self.spec.generation
        caps = [self._output_cap(length) for length in lengths]
        encoded = self.tokenizer(texts, return_tensors="pt", padding=True).to(settings.device)
        self.batches_run.append(len(texts))
        with torch.inference_mode():
            output = self.model.generate(
                **encoded,
                max_new_tokens=max(caps),
                num_beams=settings.num_beams,
                no_repeat_ngram_size=settings.no_repeat_ngram_size,
                repetition_penalty=settings.repetition_penalty,
            )
        # Row i keeps at most caps[i] tokens: greedy output then equals what batch size 1 gives.
        start = 1  # the decoder start token
        rows = [row[start : start + cap].tolist() for row, cap in zip(output, caps)]
        return [text.strip() for text in self.tokenizer.batch_decode(rows, skip_special_tokens=True)]
