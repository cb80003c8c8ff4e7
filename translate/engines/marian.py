"""MarianMT through transformers: Helsinki-NLP Opus-MT checkpoints by hub id or directory.

Splitting of over-long inputs, length-sorted token-budget batches and per-input output
caps are shared with the other engines (:mod:`translate.engines.neural`); n-gram repeats
are blocked, and a multilingual checkpoint's ``>>lang<<`` tokens are never generated.
Each row of a batch stops at its own cap inside ``generate`` (a stopping criterion per
row), so a beam search ends where it would alone, whatever else shares the batch.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

from translate.engines.base import EngineSpec
from translate.engines.checkpoints import checkpoint_fingerprint
from translate.engines.marian_vocab import MarianVocabulary
from translate.engines.neural import NeuralEngine, Piece, preprocessing
from translate.errors import EngineError


class MarianEngine(NeuralEngine):
    name = "marian"
    caps_per_row = True  # a stopping criterion ends each row at its own cap

    def __init__(self, spec: EngineSpec, directory: Path, vocabulary: MarianVocabulary, tokenizer, model):
        limit = min(int(tokenizer.model_max_length or 512), int(model.config.max_position_embeddings or 512))
        super().__init__(spec, limit)
        self.directory = directory
        self.vocabulary = vocabulary
        self.tokenizer = tokenizer
        self.model = model

    @classmethod
    def load(cls, spec: EngineSpec) -> MarianEngine:
        # The checkpoint's conventions first: they are cheap to read, the weights are not.
        directory, vocabulary = cls.conventions(spec)
        import torch
        from transformers import MarianMTModel, MarianTokenizer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()  # ours is the only progress shown
        if spec.generation.threads:
            torch.set_num_threads(spec.generation.threads)
        try:
            tokenizer = MarianTokenizer.from_pretrained(directory, local_files_only=True)
            # float32 whatever the checkpoint stores (tc-big fr-en stores float16, which
            # transformers 5 would otherwise run on the CPU, slowly); the signature says float32.
            model = MarianMTModel.from_pretrained(directory, local_files_only=True, dtype=torch.float32)
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            raise EngineError(
                f"cannot load a Marian checkpoint from {directory}: {error}. "
                "Is it a complete Opus-MT checkpoint (config.json, *.spm, vocab.json, weights)?"
            ) from None
        model.to(spec.generation.device).eval()
        # Output length is set per call (max_new_tokens) and each row stops at its own cap
        # (RowLengthLimit); a checkpoint's max_length would only warn, and a forced </s> at
        # the batch's longest cap (tc-big checkpoints set one) would make a row's output
        # depend on its neighbours.
        model.generation_config.max_length = None
        model.generation_config.forced_eos_token_id = None
        # A >>lang<< token belongs before the source; generated, it would be noise in the output.
        language_ids = [[vocabulary.ids[token]] for token in vocabulary.language_tokens]
        if language_ids:
            model.generation_config.bad_words_ids = [*(model.generation_config.bad_words_ids or []), *language_ids]
        return cls(spec, directory, vocabulary, tokenizer, model)

    def signature(self) -> dict[str, object]:
        generation = self.spec.generation.as_dict()
        generation["compute_type"] = "float32"  # what transformers runs here, whatever is configured
        return {
            "engine": self.name,
            "checkpoint": self.spec.checkpoint,
            "revision": self.directory.name,
            **checkpoint_fingerprint(self.directory),
            "target_token": self.spec.target_token,
            "preprocessing": preprocessing(),
            "transformers": metadata.version("transformers"),
            "torch": metadata.version("torch"),
            "generation": generation,
        }

    # --- the two hooks of NeuralEngine ------------------------------------------------

    def _tokens(self, text: str) -> Sequence[object]:
        return self.tokenizer(text, add_special_tokens=False, verbose=False)["input_ids"]

    def _generate(self, pieces: list[Piece], caps: list[int]) -> list[str]:
        import torch
        from transformers import StoppingCriteriaList

        settings = self.spec.generation
        prefix = f"{self.spec.target_token} " if self.spec.target_token else ""
        encoded = self.tokenizer([prefix + piece.text for piece in pieces], return_tensors="pt", padding=True)
        start = 1  # the decoder start token
        # Row i's hypotheses end at caps[i] tokens as max_new_tokens=caps[i] would end them alone:
        # its beams are finished there, not carried on to the batch's longest cap and cut.
        limits = torch.tensor([start + cap for cap in caps], device=settings.device)
        with torch.inference_mode():
            output = self.model.generate(
                **encoded.to(settings.device),
                max_new_tokens=max(caps),
                stopping_criteria=StoppingCriteriaList([row_length_limit(limits)]),
                num_beams=settings.num_beams,
                no_repeat_ngram_size=settings.no_repeat_ngram_size,
                repetition_penalty=settings.repetition_penalty,
            )
        eos, pad = self.tokenizer.eos_token_id, self.tokenizer.pad_token_id
        rows = [row[start : start + cap].tolist() for row, cap in zip(output, caps)]
        self.tokens_generated += sum(len([t for t in row if t not in (eos, pad)]) for row in rows)
        return [text.strip() for text in self.tokenizer.batch_decode(rows, skip_special_tokens=True)]


@functools.cache
def _row_length_limit_class():
    from transformers import StoppingCriteria

    class RowLengthLimit(StoppingCriteria):
        """Finishes a row's sequences at that row's own length limit (generate's max_length, per row).

        ``generate`` asks with one sequence per row and beam candidate, rows in order.
        """

        def __init__(self, limits):
            self.limits = limits

        def __call__(self, input_ids, scores, **kwargs):
            per_row = input_ids.shape[0] // self.limits.shape[0]
            return input_ids.shape[1] >= self.limits.repeat_interleave(per_row)

    return RowLengthLimit


def row_length_limit(limits):
    """A stopping criterion that ends row i at ``limits[i]`` tokens (decoder start included)."""
    return _row_length_limit_class()(limits)
