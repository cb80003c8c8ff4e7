"""Opus-MT tokenisation with sentencepiece alone: no transformers, no torch.

An Opus-MT checkpoint holds ``source.spm``, ``target.spm`` and ``vocab.json`` (one
vocabulary for both sides). This does what transformers' ``MarianTokenizer`` does with
them — tests check that both give the same tokens and the same text — and loads in
milliseconds, so a process that translates with CTranslate2 never imports transformers.

It also reads the checkpoint's conventions from its files rather than assuming them:
the special tokens and their ids (``</s>`` is 0 in classic Opus-MT vocabularies and
43,311 in opus-mt-tc-big-fr-en's), whether it is multilingual-target (``>>por<<`` …),
and what its vocabulary does to a text (:meth:`MarianVocabulary.coverage`): a piece the
vocabulary lacks becomes ``<unk>`` and is lost, and sentencepiece's own normalisation
changes some characters (``№`` → ``No``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from translate.engines.base import Coverage
from translate.errors import ConfigError, EngineError

# MarianTokenizer's defaults; a checkpoint's tokenizer_config.json may name others.
DEFAULT_SPECIAL_TOKENS = {"eos": "</s>", "unk": "<unk>", "pad": "<pad>"}
# config.json keys that hold special ids, and the token each must be (Marian starts decoding from <pad>).
_CONFIG_IDS = {"eos_token_id": "eos", "pad_token_id": "pad", "decoder_start_token_id": "pad"}
EOS = DEFAULT_SPECIAL_TOKENS["eos"]
UNK = DEFAULT_SPECIAL_TOKENS["unk"]
PAD = DEFAULT_SPECIAL_TOKENS["pad"]


def is_language_token(token: str) -> bool:
    """``>>hye<<``-style tokens: multilingual checkpoints select the target language with them."""
    return len(token) > 4 and token.startswith(">>") and token.endswith("<<")


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        raise EngineError(f"cannot read {path}: {error}") from None
    return data if isinstance(data, dict) else {}


def special_tokens(directory: Path) -> dict[str, str]:
    """``{"eos": …, "unk": …, "pad": …}`` as the tokenizer files name them (special_tokens_map.json
    over tokenizer_config.json over MarianTokenizer's defaults, as transformers reads them)."""
    tokens = dict(DEFAULT_SPECIAL_TOKENS)
    for name in ("tokenizer_config.json", "special_tokens_map.json"):
        data = _read_json(directory / name)
        for role in tokens:
            value = data.get(f"{role}_token")
            value = value.get("content") if isinstance(value, dict) else value
            if isinstance(value, str) and value:
                tokens[role] = value
    return tokens


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
        self.ids: dict[str, int] = vocab
        self.tokens = frozenset(vocab)
        self.language_tokens = sorted(token for token in vocab if is_language_token(token))
        self.special_tokens = special_tokens(directory)
        missing = [token for token in self.special_tokens.values() if token not in vocab]
        if missing:
            raise EngineError(f"{directory / 'vocab.json'} lacks the special tokens {', '.join(missing)}")
        self.special_ids = {role: vocab[token] for role, token in self.special_tokens.items()}
        self.unk_token = self.special_tokens["unk"]
        self.eos_token = self.special_tokens["eos"]
        self._special = frozenset(self.special_tokens.values())
        self._check_config()
        self._lost_alone: dict[str, bool] = {}
        self._seen_alone: dict[str, str | None] = {}  # character → what sentencepiece makes of it, if not itself

    def _check_config(self) -> None:
        """config.json's special ids must be the vocabulary's: a mismatch would decode garbage."""
        config = _read_json(self.directory / "config.json")
        for key, role in _CONFIG_IDS.items():
            value = config.get(key)
            if isinstance(value, int) and value != self.special_ids[role]:
                raise EngineError(
                    f"{self.directory}: config.json has {key} = {value}, but {self.special_tokens[role]} "
                    f"is id {self.special_ids[role]} in vocab.json; the checkpoint's files do not belong together"
                )
        size = config.get("vocab_size")
        if isinstance(size, int) and size <= max(self.ids.values()):
            raise EngineError(f"{self.directory}: config.json has vocab_size {size}, but vocab.json has ids "
                              f"up to {max(self.ids.values())}")

    # --- tokenising ----------------------------------------------------------------

    def encode(self, text: str) -> list[str]:
        """The source tokens of ``text`` (a leading ``>>lang<<`` kept whole), no ``</s>``.

        Pieces the vocabulary lacks become ``<unk>``, as MarianTokenizer maps them.
        """
        code: list[str] = []
        if text.startswith(">>") and (end := text.find("<<")) != -1:
            code, text = [text[: end + 2]], text[end + 2 :]
        pieces = self.source_model.encode(text, out_type=str)
        return code + [piece if piece in self.tokens else self.unk_token for piece in pieces]

    def decode(self, tokens: Sequence[str]) -> str:
        """Target tokens as text; ``</s>``, ``<unk>`` and ``<pad>`` are left out."""
        pieces = [token for token in tokens if token not in self._special]
        return self.target_model.decode_pieces(pieces).replace("▁", " ").strip()

    # --- conventions ---------------------------------------------------------------

    def check_target_token(self, token: str | None, *, checkpoint: str, pair: str) -> None:
        """A multilingual-target checkpoint needs one of its ``>>xxx<<`` tokens; any other needs none.

        Raises ConfigError naming the tokens the checkpoint accepts (the fix is in the configuration).
        """
        key = f"models.{pair}.target_token"
        accepted = ", ".join(self.language_tokens)
        if token is None and self.language_tokens:
            raise ConfigError(
                f"{checkpoint} is a multilingual-target checkpoint: every input needs a target-language "
                f"token, and none is configured. It accepts: {accepted}. Set target_token "
                f"(e.g. target_token = \"{self.language_tokens[0]}\") in the [models.{pair}] table of the configuration",
                key=key,
            )
        if token is not None and token not in self.language_tokens:
            if self.language_tokens:
                hint = f"it accepts: {accepted}"
            else:
                hint = "it is not a multilingual-target checkpoint: remove target_token"
            raise ConfigError(f"target token {token!r} is not in the vocabulary of {checkpoint}; {hint}", key=key)

    # --- what the vocabulary does to a text ------------------------------------------

    def coverage(self, text: str) -> Coverage:
        """The characters of ``text`` that become ``<unk>`` on the way in (source.spm → vocab) or
        could not come out (target.spm → vocab), and those sentencepiece normalises into others.

        The vocabulary's ids decide: a piece is unknown when vocab.json maps it to ``<unk>``'s id.
        """
        unknown: list[str] = []
        for model in (self.source_model, self.target_model):
            for piece in self._unknown_pieces(model, text):
                characters = [c for c in piece.replace("▁", "") if not c.isspace()]
                # sentencepiece joins a run of characters it lacks into one piece ("«Հայ»"):
                # blame those that are lost on their own, or all of them if none is.
                unknown += [c for c in characters if self.lost(c)] or characters
        normalised = {character: seen for character in dict.fromkeys(text)
                      if not character.isspace() and (seen := self.normalised_as(character)) is not None}
        return Coverage(tuple(dict.fromkeys(unknown)), tuple(normalised.items()))

    def normalised_as(self, character: str) -> str | None:
        """What sentencepiece normalises ``character`` into (the source side's first), None if itself."""
        if character not in self._seen_alone:
            self._seen_alone[character] = next(
                (seen for model in (self.source_model, self.target_model)
                 if (seen := model.normalize(character).replace("▁", " ").strip()) != character), None)
        return self._seen_alone[character]

    def lost(self, character: str) -> bool:
        """Whether ``character`` becomes ``<unk>`` on either side, starting a word or inside one."""
        if character not in self._lost_alone:
            self._lost_alone[character] = any(
                character in piece
                for model in (self.source_model, self.target_model)
                for sample in (character, f"0{character}")  # digits are in every Opus-MT vocabulary
                for piece in self._unknown_pieces(model, sample)
            )
        return self._lost_alone[character]

    def _unknown_pieces(self, model, text: str) -> list[str]:
        unk = self.special_ids["unk"]
        return [piece for piece in model.encode(text, out_type=str) if self.ids.get(piece, unk) == unk]


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
