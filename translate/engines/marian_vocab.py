"""Opus-MT tokenisation with sentencepiece alone: no transformers, no torch.

An Opus-MT checkpoint holds ``source.spm``, ``target.spm`` and ``vocab.json`` (one
vocabulary for both sides). This does what transformers' ``MarianTokenizer`` does with
them — tests check that both give the same tokens and the same text — and loads in
milliseconds, so a process that translates with CTranslate2 never imports transformers.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from translate.errors import EngineError

EOS = "</s>"
UNK = "<unk>"
PAD = "<pad>"
_SPECIAL = frozenset({EOS, UNK, PAD})


def is_language_token(token: str) -> bool:
    """``>>hye<<``-style tokens: multilingual checkpoints select the target language with them."""
    return token.startswith(">>") and token.endswith("<<")


class MarianVocabulary:
    """Source text → vocabulary tokens, and target tokens → text, for one checkpoint."""

    def __init__(self, directory: Path):
        import sentencepiece

        self.directory = directory
        try:
            self.source_model = sentencepiece.SentencePieceProcessor(model_file=str(directory / "source.spm"))
            self.target_model = sentencepiece.SentencePieceProcessor(model_file=str(directory / "target.spm"))
            vocab = json.loads((directory / "vocab.json").read_text(encoding="utf-8"))
        except (OSError, RuntimeError, ValueError) as error:
            raise EngineError(
                f"cannot read the tokenizer of {directory} (source.spm, target.spm, vocab.json): {error}. "
                "Is it a complete Opus-MT checkpoint?"
            ) from None
        if (directory / "target_vocab.json").exists():
            raise EngineError(f"{directory} has separate source and target vocabularies, which is not supported")
        self.tokens = frozenset(vocab)
        self.language_tokens = sorted(token for token in vocab if is_language_token(token))

    def encode(self, text: str) -> list[str]:
        """The source tokens of ``text`` (a leading ``>>lang<<`` kept whole), no ``</s>``.

        Pieces the vocabulary lacks become ``<unk>``, as MarianTokenizer maps them.
        """
        code: list[str] = []
        if text.startswith(">>") and (end := text.find("<<")) != -1:
            code, text = [text[: end + 2]], text[end + 2 :]
        pieces = self.source_model.encode(text, out_type=str)
        return code + [piece if piece in self.tokens else UNK for piece in pieces]

    def decode(self, tokens: Sequence[str]) -> str:
        """Target tokens as text; ``</s>``, ``<unk>`` and ``<pad>`` are left out."""
        pieces = [token for token in tokens if token not in _SPECIAL]
        return self.target_model.decode_pieces(pieces).replace("▁", " ").strip()


def model_max_length(directory: Path, default: int = 512) -> int:
    """The most tokens the checkpoint takes: its tokenizer's limit and its positions' (512 for Opus-MT)."""
    limits = []
    for name, key in (("tokenizer_config.json", "model_max_length"), ("config.json", "max_position_embeddings")):
        try:
            value = json.loads((directory / name).read_text(encoding="utf-8")).get(key)
        except (OSError, ValueError):
            continue
        # Tokenizers without a limit declare a huge sentinel (int(1e30)).
        if isinstance(value, int) and 0 < value < 1_000_000:
            limits.append(value)
    return min(limits, default=default)
