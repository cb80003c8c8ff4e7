"""Build a tiny Marian checkpoint offline: real files, real loading, meaningless output.

For tests and for trying ``--model DIR`` where no Opus-MT checkpoint can be downloaded.
It trains two sentencepiece models on text written here, builds the vocabulary the way
Opus-MT does (``</s>`` = 0, ``<unk>`` = 1, ``<pad>`` last), and saves a small random
``MarianMTModel`` with ``save_pretrained``. Used by ``translate models build-tiny``.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from pathlib import Path

# Text in the three scripts the newsroom works in, so every test input tokenises to pieces.
_CORPUS = {
    "en": [
        "Russian Foreign Minister Sergei Lavrov has praised the state of relations with Armenia.",
        "The agreement calls for the unconditional release of all prisoners held by the parties.",
        "Moscow has responded by calling for a delimitation and demarcation of the border.",
        "Prime Minister Nikol Pashinian said on Monday that talks would continue in Yerevan.",
        "The Collective Security Treaty Organization (CSTO) did not comment on the request.",
        "At least 500 soldiers remain within the internationally recognized borders, it says.",
        "Hostilities in Nagorno-Karabakh were stopped in November 2020 after six weeks of war.",
        "Baku continues to refuse to release more than 100 soldiers and civilians.",
        "Numbers like 1, 2, 3, 15:30, 21 May 2021 and 1.5 million appear in the news.",
        # Every Opus-MT vocabulary has each digit (the wrappers' placeholders are numbers).
        "Figures of 4, 6, 7, 8 and 9, like 701, 902 and 48.69 percent, are copied.",
    ],
    "hy": [
        "Ռուսաստանի արտաքին գործերի նախարար Սերգեյ Լավրովը գովաբանել է հարաբերությունները։",
        "Վարչապետ Նիկոլ Փաշինյանը երկուշաբթի օրը հայտարարել է, որ բանակցությունները կշարունակվեն։",
        "Հավաքական անվտանգության պայմանագրի կազմակերպությունը՝ ՀԱՊԿ-ը, չի մեկնաբանել։",
        "Լեռնային Ղարաբաղում ռազմական գործողությունները դադարեցվել են Երևանում և Բաքվում։",
        "Մատչելիության հղումներ",
    ],
    "ru": [
        "Министр иностранных дел России Сергей Лавров высоко оценил отношения с Арменией.",
        "Премьер-министр Никол Пашинян заявил в понедельник, что переговоры продолжатся в Ереване.",
        "Организация Договора о коллективной безопасности (ОДКБ) не прокомментировала запрос.",
        "Боевые действия в Нагорном Карабахе были остановлены, Баку и Москва согласились.",
    ],
}


def _train_spm(lines: Sequence[str], vocab_size: int) -> bytes:
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=model,
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        hard_vocab_limit=False,
        minloglevel=2,
    )
    return model.getvalue()


def _pieces(model_bytes: bytes) -> list[str]:
    import sentencepiece as spm

    processor = spm.SentencePieceProcessor(model_proto=model_bytes)
    return [processor.id_to_piece(i) for i in range(processor.get_piece_size())]


def build_tiny_marian(
    directory: str | Path,
    *,
    source: str = "en",
    target: str = "hy",
    target_tokens: Sequence[str] = (),
    vocab_size: int = 300,
    d_model: int = 32,
    layers: int = 2,
    seed: int = 0,
    heads: int = 2,
    ffn_dim: int | None = None,
    vocab_total: int | None = None,
    corpus: Sequence[str] = (),
    init_std: float = 0.2,
    activation: str = "gelu",
) -> Path:
    """Write a tiny Marian checkpoint for ``source``→``target`` into ``directory``.

    ``target_tokens`` (e.g. ``[">>hye<<", ">>rus<<"]``) makes it a multilingual-target
    checkpoint like opus-mt-ru-hy. Returns the directory.

    The size parameters build bigger random models for speed measurements: Opus-MT's
    shape is d_model 512, 6 layers, 8 heads, ffn_dim 2048, vocab_total 58101, swish
    (benchmarks/throughput.py). ``corpus`` adds lines to train the sentencepiece models
    on; ``vocab_total`` pads the vocabulary with filler pieces to that size.
    """
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    source_lines = [*([line for lang in (source, "en") for line in _CORPUS.get(lang, [])] * 4), *corpus]
    target_lines = [*([line for lang in (target, "en") for line in _CORPUS.get(lang, [])] * 4), *corpus]
    source_spm = _train_spm(source_lines, vocab_size)
    target_spm = _train_spm(target_lines, vocab_size)
    (directory / "source.spm").write_bytes(source_spm)
    (directory / "target.spm").write_bytes(target_spm)

    # Opus-MT convention: </s> = 0, <unk> = 1, the pieces, <pad> last.
    vocab: dict[str, int] = {"</s>": 0, "<unk>": 1}
    for piece in [*target_tokens, *_pieces(source_spm), *_pieces(target_spm)]:
        if piece not in vocab and piece not in {"<s>", "</s>", "<unk>", "<pad>"}:
            vocab[piece] = len(vocab)
    while vocab_total and len(vocab) < vocab_total - 1:
        vocab[f"▁filler{len(vocab)}"] = len(vocab)
    vocab["<pad>"] = len(vocab)
    (directory / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False, indent=0), encoding="utf-8")

    tokenizer = MarianTokenizer(
        source_spm=str(directory / "source.spm"),
        target_spm=str(directory / "target.spm"),
        vocab=str(directory / "vocab.json"),
        source_lang=source,
        target_lang=target,
        model_max_length=512,
    )
    tokenizer.save_pretrained(directory)

    pad_id = vocab["<pad>"]
    config = MarianConfig(
        vocab_size=len(vocab),
        decoder_vocab_size=len(vocab),
        d_model=d_model,
        encoder_layers=layers,
        decoder_layers=layers,
        encoder_attention_heads=heads,
        decoder_attention_heads=heads,
        encoder_ffn_dim=ffn_dim or 2 * d_model,
        decoder_ffn_dim=ffn_dim or 2 * d_model,
        activation_function=activation,
        max_position_embeddings=512,
        static_position_embeddings=True,
        share_encoder_decoder_embeddings=True,
        scale_embedding=True,
        pad_token_id=pad_id,
        decoder_start_token_id=pad_id,
        eos_token_id=0,
        forced_eos_token_id=0,
        # By default larger than transformers' 0.02 so that the random output depends on
        # the input, which lets tests tell inputs (and their order) apart.
        init_std=init_std,
    )
    torch.manual_seed(seed)
    model = MarianMTModel(config)
    model.generation_config.num_beams = 1
    model.generation_config.max_length = 512
    model.generation_config.bad_words_ids = [[pad_id]]
    model.save_pretrained(directory)
    return directory


# Files of a real checkpoint's tokenizer, copied byte for byte (config.json is rewritten).
TOKENIZER_FILES = ("source.spm", "target.spm", "vocab.json", "tokenizer_config.json", "special_tokens_map.json")
# The model's size, shrunk: the vocabulary (~55k rows) times d_model is most of the weights.
_TINY_SHAPE = {
    "d_model": 16,
    "encoder_layers": 2,
    "decoder_layers": 2,
    "num_hidden_layers": 2,
    "encoder_attention_heads": 2,
    "decoder_attention_heads": 2,
    "encoder_ffn_dim": 32,
    "decoder_ffn_dim": 32,
}


def build_tiny_from_tokenizer(directory: str | Path, tokenizer: str | Path, *, seed: int = 0,
                              init_std: float = 0.2, full_size: bool = False) -> Path:
    """A random-weight Marian checkpoint around a real Opus-MT tokenizer folder.

    ``tokenizer`` holds what a published checkpoint ships besides its weights (source.spm,
    target.spm, vocab.json, config.json, tokenizer_config.json, maybe generation_config.json
    and special_tokens_map.json). The tokenizer files are copied unchanged; the config keeps
    everything that is a convention of the checkpoint (special ids, vocabulary size,
    activation, positions, embedding scale, dtype) and only the shape is shrunk, so loading,
    special ids, target tokens and conversion behave as with the real checkpoint.
    ``full_size`` keeps the real shape too (d_model 512 or 1024, 6+6 layers): a random model
    of the checkpoint's size, for speed measurements.
    """
    import shutil

    import torch
    from transformers import GenerationConfig, MarianConfig, MarianMTModel
    from transformers.utils import logging as transformers_logging

    from translate.errors import EngineError

    transformers_logging.disable_progress_bar()

    source_dir, directory = Path(tokenizer), Path(directory)
    missing = [name for name in ("source.spm", "target.spm", "vocab.json", "config.json")
               if not (source_dir / name).is_file()]
    if missing:
        raise EngineError(f"{source_dir} is not an Opus-MT tokenizer folder: {', '.join(missing)} missing")
    directory.mkdir(parents=True, exist_ok=True)
    for name in TOKENIZER_FILES:
        if (source_dir / name).is_file():
            shutil.copyfile(source_dir / name, directory / name)
    settings = json.loads((source_dir / "config.json").read_text(encoding="utf-8"))
    vocab_size = len(json.loads((source_dir / "vocab.json").read_text(encoding="utf-8")))
    if settings.get("vocab_size", vocab_size) != vocab_size:
        raise EngineError(f"{source_dir}: config.json says vocab_size {settings['vocab_size']}, "
                          f"vocab.json has {vocab_size} entries")
    settings.pop("_name_or_path", None)
    if not full_size:
        settings.update(_TINY_SHAPE)
    settings["init_std"] = init_std
    config = MarianConfig.from_dict(settings)
    torch.manual_seed(seed)
    model = MarianMTModel(config)
    # Weights stored as the real checkpoint stores them (tc-big fr-en: float16).
    stored = settings.get("torch_dtype") or settings.get("dtype") or "float32"
    if stored in ("float16", "bfloat16"):
        model = model.to(getattr(torch, stored))
    if (source_dir / "generation_config.json").is_file():
        model.generation_config = GenerationConfig.from_pretrained(source_dir)
    else:
        model.generation_config = GenerationConfig.from_model_config(config)
    model.save_pretrained(directory)
    return directory
