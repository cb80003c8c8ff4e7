"""Opus-MT through CTranslate2: the same checkpoints, converted, 2–4× faster on CPU.

The checkpoint is converted once (``translate models convert``, or on first use) and
tokenised with its own sentencepiece models (:mod:`translate.engines.marian_vocab`): a
process that only translates never imports torch or transformers. Splitting, batching
and output caps are the ones the marian engine uses (:mod:`translate.engines.neural`), so
greedy output equals the marian engine's on the same float32 weights. CTranslate2 takes
one output limit per call, so a batch only holds inputs whose caps are equal: each
input then decodes as it would alone, at any beam size.

Multilingual-target checkpoints: the ``>>lang<<`` token goes first on the source side,
as Marian was trained, and language tokens are suppressed on the target side — converted
models fed the token otherwise (e.g. as a target prefix) append gibberish
(CTranslate2 issue 832).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

from translate.engines.base import EngineSpec
from translate.engines.checkpoints import checkpoint_fingerprint
from translate.engines.conversion import (
    convert_checkpoint,
    find_converted,
    resolve_compute_type,
)
from translate.engines.marian_vocab import MarianVocabulary, model_max_length
from translate.engines.neural import NeuralEngine, Piece, preprocessing
from translate.errors import EngineError


class CTranslate2Engine(NeuralEngine):
    name = "ctranslate2"

    def __init__(self, spec: EngineSpec, directory: Path, model_dir: Path, compute_type: str,
                 vocabulary: MarianVocabulary):
        super().__init__(spec, model_max_length(directory))
        self.directory = directory
        self.model_dir = model_dir
        self.compute_type = compute_type
        self.vocabulary = vocabulary
        self._prefix = [spec.target_token] if spec.target_token else []
        self._suppressed = [[token] for token in self.vocabulary.language_tokens] or None
        self._translator = None
        self._loading = threading.Lock()  # threads of `translate batch -j` share one model

    @classmethod
    def load(cls, spec: EngineSpec) -> CTranslate2Engine:
        # The checkpoint's conventions first: they are cheap to read, the weights are not.
        directory, vocabulary = cls.conventions(spec)
        compute_type = resolve_compute_type(spec.generation.compute_type, spec.generation.device)
        model_dir = find_converted(directory, compute_type) or convert_checkpoint(
            str(directory), compute_type, device=spec.generation.device
        )
        return cls(spec, directory, model_dir, compute_type, vocabulary)

    @property
    def translator(self):
        """The CTranslate2 model, loaded on first use: a run served by the translation memory never loads it."""
        with self._loading:
            if self._translator is None:
                self._translator = self._load_model()
        return self._translator

    def _load_model(self):
        import ctranslate2

        settings = self.spec.generation
        try:
            return ctranslate2.Translator(
                str(self.model_dir),
                device=settings.device,
                compute_type=self.compute_type,
                intra_threads=settings.threads,
            )
        except (RuntimeError, ValueError) as error:
            raise EngineError(
                f"cannot load the converted model {self.model_dir} ({self.compute_type} on {settings.device}): "
                f"{error}. Check [generation] device and compute_type; if the files are damaged, convert "
                f"again: `translate models convert {self.spec.checkpoint} --force`"
            ) from None

    def signature(self) -> dict[str, object]:
        generation = self.spec.generation.as_dict()
        generation["compute_type"] = self.compute_type
        return {
            "engine": self.name,
            "checkpoint": self.spec.checkpoint,
            "revision": self.directory.name,
            **checkpoint_fingerprint(self.directory),
            "target_token": self.spec.target_token,
            "preprocessing": preprocessing(),
            "ctranslate2": metadata.version("ctranslate2"),
            "generation": generation,
        }

    # --- the two hooks of NeuralEngine ------------------------------------------------

    def _tokens(self, text: str) -> Sequence[object]:
        return self.vocabulary.encode(text)

    def _generate(self, pieces: list[Piece], caps: list[int]) -> list[str]:
        settings = self.spec.generation
        # NeuralEngine batches only inputs with equal caps here (caps_per_row is False):
        # CTranslate2 takes one max_decoding_length per call.
        if len(set(caps)) > 1:
            raise ValueError(f"a CTranslate2 batch must share one output cap, got {sorted(set(caps))}")
        source = [[*self._prefix, *piece.tokens, self.vocabulary.eos_token] for piece in pieces]
        results = self.translator.translate_batch(
            source,
            beam_size=settings.num_beams,
            max_decoding_length=caps[0],
            no_repeat_ngram_size=settings.no_repeat_ngram_size,
            repetition_penalty=settings.repetition_penalty,
            suppress_sequences=self._suppressed,
            max_input_length=0,  # inputs were split to fit; never truncate
        )
        outputs = []
        for result in results:
            tokens = result.hypotheses[0]
            self.tokens_generated += len(tokens)
            outputs.append(self.vocabulary.decode(tokens))
        return outputs
