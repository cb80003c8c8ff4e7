"""Real Opus-MT tokenizers (../shared/fixtures/opus-mt-tokenizers): tiny checkpoints built
around them load in both engines with the checkpoint's own conventions, and
`translate models check` says what each does to our text.

The expected facts come from the fixtures' README (special ids, target tokens, characters
observed to be lost), not from running our code.
"""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from translate.cli import main
from translate.engines import EngineSpec, GenerationSettings, load_engine
from translate.engines.marian_vocab import MarianVocabulary
from translate.errors import ConfigError, EngineError

pytestmark = pytest.mark.slow

# name, source, target, (</s>, <unk>, <pad>) ids, target tokens — from the fixtures' README.
CHECKPOINTS = [
    pytest.param("opus-mt-en-mg", "en", "mg", (0, 1, 54687), [], id="en-mg"),
    pytest.param("opus-mt-tc-big-en-pt", "en", "pt", (44670, 52024, 54775), [">>pob<<", ">>por<<"], id="tc-big-en-pt"),
    pytest.param("opus-mt-tc-big-fr-en", "fr", "en", (43311, 50387, 53016), [], id="tc-big-fr-en"),
]
ENGINES = ["marian", "ctranslate2"]
TEXTS = {
    "en": ["The minister resigned after a week of protests.", "Turnout was about 49 percent."],
    "fr": ["Le ministre a démissionné après une semaine de manifestations.", "La participation était de 49 %."],
}


def _engine(name, checkpoint, source, target, token=None, **settings):
    generation = GenerationSettings(**{"num_beams": 1, "compute_type": "float32", **settings})
    return load_engine(name, EngineSpec(source, target, str(checkpoint), token, generation))


@pytest.mark.parametrize(("name", "source", "target", "ids", "tokens"), CHECKPOINTS)
def test_build_tiny_keeps_the_tokenizer_and_the_conventions(name, source, target, ids, tokens, opus_tiny,
                                                            opus_tokenizers):
    built, real = opus_tiny[name], opus_tokenizers / name
    for file in ("source.spm", "target.spm", "vocab.json", "tokenizer_config.json"):
        assert (built / file).read_bytes() == (real / file).read_bytes(), file
    ours, theirs = (json.loads((folder / "config.json").read_text()) for folder in (built, real))
    for key in ("vocab_size", "eos_token_id", "pad_token_id", "decoder_start_token_id", "activation_function",
                "max_position_embeddings", "scale_embedding", "static_position_embeddings"):
        assert ours.get(key) == theirs.get(key), key
    assert ours["eos_token_id"] == ids[0] and ours["pad_token_id"] == ids[2]
    assert ours["d_model"] < 64  # shrunk: the vocabulary is ~55k rows


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("name", "source", "target", "ids", "tokens"), CHECKPOINTS)
def test_loads_and_translates_in_both_engines(engine, name, source, target, ids, tokens, opus_tiny):
    translator = _engine(engine, opus_tiny[name], source, target, tokens[-1] if tokens else None)
    eos, unk, pad = ids
    assert translator.vocabulary.special_ids == {"eos": eos, "unk": unk, "pad": pad}
    outputs = translator.translate(TEXTS[source])
    assert len(outputs) == 2 and all(outputs) and outputs[0] != outputs[1]
    assert not any(">>" in output and "<<" in output for output in outputs)  # target tokens never generated
    if engine == "marian":  # tc-big fr-en stores float16 weights; the engine runs float32 on CPU
        assert str(translator.model.dtype) == "torch.float32"


@pytest.mark.parametrize("engine", ENGINES)
def test_a_multilingual_target_checkpoint_without_a_token_is_refused(engine, opus_tiny):
    with pytest.raises(ConfigError, match="multilingual-target.*accepts: >>pob<<, >>por<<"):
        _engine(engine, opus_tiny["opus-mt-tc-big-en-pt"], "en", "pt")
    with pytest.raises(ConfigError, match=">>hye<<.*accepts: >>pob<<, >>por<<"):
        _engine(engine, opus_tiny["opus-mt-tc-big-en-pt"], "en", "pt", ">>hye<<")
    with pytest.raises(ConfigError, match="not a multilingual-target checkpoint"):
        _engine(engine, opus_tiny["opus-mt-en-mg"], "en", "mg", ">>por<<")


def test_run_refuses_en_pt_without_a_token_and_runs_with_one(opus_tiny, tmp_path):
    checkpoint = opus_tiny["opus-mt-tc-big-en-pt"]
    article = tmp_path / "article.txt"
    article.write_text("Protests Continue\n\nThe minister resigned.\n", encoding="utf-8")
    command = ["run", str(article), "--to", "pt", "--model", str(checkpoint), "-o", str(tmp_path / "out"), "--no-cache"]
    refused = CliRunner().invoke(main, command)
    assert refused.exit_code == ConfigError.exit_code, refused.output
    assert ">>pob<<, >>por<<" in refused.output and "target_token" in refused.output
    assert not (tmp_path / "out" / "article.pt.txt").exists()
    config = tmp_path / "en-pt.toml"
    config.write_text(f'[models.en-pt]\ncheckpoint = "{checkpoint}"\ntarget_token = ">>por<<"\n', encoding="utf-8")
    ran = CliRunner().invoke(main, [*command, "--config", str(config)])
    assert ran.exit_code == 0, ran.output
    report = json.loads((tmp_path / "out" / "article.pt.txt.report.json").read_text())
    assert report["signature"]["engines"]["en"]["target_token"] == ">>por<<"


# --- what a vocabulary does to text ------------------------------------------------------------

SAMPLES = ["⟦Q1⟧ on 12 May", "701 and 702", "«Armenia»", "Հայաստան", "Erdoğan — 5 €", "№ 5…", "Turnout was 49%."]


@pytest.mark.parametrize(("name", "source", "target", "ids", "tokens"), CHECKPOINTS)
def test_coverage_agrees_with_marian_tokenizer(name, source, target, ids, tokens, opus_tokenizers):
    """transformers' MarianTokenizer, an independent reading of the same files, finds <unk>
    exactly where the coverage reports lost characters."""
    from transformers import MarianTokenizer

    tokenizer = MarianTokenizer.from_pretrained(opus_tokenizers / name)
    vocabulary = MarianVocabulary(opus_tokenizers / name)
    for text in SAMPLES:
        ids_in = tokenizer(text)["input_ids"]
        ids_out = tokenizer(text_target=text)["input_ids"]
        has_unk = tokenizer.unk_token_id in ids_in + ids_out
        assert bool(vocabulary.coverage(text).unknown) == has_unk, text


def test_coverage_names_the_lost_characters(opus_tokenizers):
    vocabulary = MarianVocabulary(opus_tokenizers / "opus-mt-en-mg")
    coverage = vocabulary.coverage("⟦Q1⟧ «Armenia» 701, № 5")
    assert coverage.unknown == ("⟦", "⟧", "«", "»")
    assert dict(coverage.normalised) == {"№": "No"}
    assert not coverage.round_trip
    assert vocabulary.coverage("701 and 702.").round_trip


def _check(checkpoint, *extra):
    result = CliRunner().invoke(main, ["models", "check", str(checkpoint), *extra])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize(("name", "source", "target", "ids", "tokens"), CHECKPOINTS)
def test_models_check_reports_what_the_checkpoint_does(name, source, target, ids, tokens, opus_tiny):
    report = json.loads(_check(opus_tiny[name], "--format", "json"))
    eos, unk, pad = ids
    assert report["special_ids"] == {"</s>": eos, "<unk>": unk, "<pad>": pad, "decoder_start": pad}
    assert report["needs_target_token"] is bool(tokens)
    assert report["target_tokens"] == tokens
    # The scheme each wrapper uses with this checkpoint: every one round-trips (digits survive
    # every vocabulary, README) …
    used = {(item["wrapper"], item["scheme"]): item["round_trip"] for item in report["placeholders"]}
    assert used == {("glossary", "number"): True, ("quantities", "digits"): True, ("characters", "number"): True}
    # … and the one passed over is the one ⟦ and ⟧ make <unk> in every vocabulary.
    [passed_over] = report["placeholders_passed_over"]
    assert (passed_over["wrapper"], passed_over["scheme"], passed_over["round_trip"]) == ("quantities",
                                                                                         "placeholders", False)
    assert passed_over["unknown_characters"] == ["⟦", "⟧"]
    unknown, carried = set(report["unknown_characters"]), set(report["carried_characters"])
    assert not unknown & set("0123456789")
    if source == "en":  # Armenian letters are lost in the English-source models, so carried around them
        assert {"Հ", "Վ", "ր"} <= unknown & carried
    if name == "opus-mt-en-mg":  # « » lost, but Moses normalisation makes them " first: nothing to carry
        assert {"«", "»", "“", "—"} <= unknown and not {"«", "»", "“", "—"} & carried
    assert report["normalised_characters"]["№"] == "No"
    assert set(report["languages"]) >= {"en", "hy", "ru"}


def test_models_check_text_is_one_fact_a_line(opus_tiny):
    output = _check(opus_tiny["opus-mt-tc-big-en-pt"])
    assert "</s>=44670" in output
    assert "set target_token to one of >>pob<<, >>por<<" in output
    assert "quantities digits       0123456789 1.5 1,500 15:30 21.05.2021: round trip" in output
    assert "(passed over: quantities placeholders ⟦Q1⟧ ⟦Q2⟧ ⟦Q10⟧: ⟦ ⟧ become <unk>)" in output


def test_models_check_reads_a_tokenizer_folder_without_weights(opus_tokenizers):
    report = json.loads(_check(opus_tokenizers / "opus-mt-tc-big-fr-en", "--format", "json"))
    assert report["special_ids"]["</s>"] == 43311


# --- broken conventions are errors that say which files disagree ------------------------------


@pytest.mark.parametrize(
    ("file", "change", "message"),
    [
        pytest.param("config.json", {"eos_token_id": 0}, "eos_token_id = 0, but </s> is id 43311", id="eos-id"),
        pytest.param("config.json", {"decoder_start_token_id": 1}, "decoder_start_token_id = 1", id="start-id"),
        pytest.param("config.json", {"vocab_size": 50000}, "vocab_size 50000", id="vocab-size"),
        pytest.param("tokenizer_config.json", {"unk_token": "<unknown>"}, "lacks the special tokens <unknown>",
                     id="unk-token-name"),
    ],
)
def test_files_that_disagree_are_an_engine_error(file, change, message, opus_tokenizers, tmp_path):
    folder = shutil.copytree(opus_tokenizers / "opus-mt-tc-big-fr-en", tmp_path / "ckpt")
    (folder / file).chmod(0o644)
    data = json.loads((folder / file).read_text())
    (folder / file).write_text(json.dumps({**data, **change}))
    with pytest.raises(EngineError, match=message):
        MarianVocabulary(folder)


# --- the question reaches the engine through every wrapper ------------------------------------


@pytest.mark.parametrize("engine", ["ctranslate2", "pseudo"])
def test_every_wrapper_asks_the_engine_what_it_loses(engine, opus_tiny, tmp_path):
    from translate.config import load_config
    from translate.engines.markup import MarkupTranslator
    from translate.glossary.enforce import GlossaryTranslator
    from translate.localisation.carrying import CarryTranslator
    from translate.localisation.protection import QuantityTranslator
    from translate.memory import MemoryTranslator, TranslationMemory
    from translate.pipeline.runner import Pipeline

    with TranslationMemory(tmp_path / "tm.sqlite") as memory:
        pipeline = Pipeline(load_config(), engine=engine, model=str(opus_tiny["opus-mt-en-mg"]), memory=memory)
        chain = pipeline.translator("en", "mg")
        wrappers = []
        translator = chain
        while hasattr(translator, "inner"):
            wrappers.append(type(translator))
            translator = translator.inner
        coverage = chain.coverage("⟦Q1⟧ «Armenia» № 5")
    if engine == "pseudo":  # copies any character
        assert coverage.round_trip
        return
    assert wrappers == [QuantityTranslator, GlossaryTranslator, MarkupTranslator, CarryTranslator, MemoryTranslator]
    # What the engine's model sees: « » normalised to " first (Moses, as Opus-MT's preprocessing), so
    # only ⟦ ⟧ are lost.
    assert coverage.unknown == ("⟦", "⟧")
    assert dict(coverage.normalised) == {"«": '"', "»": '"', "№": "No"}


def test_a_pivot_loses_what_either_hop_loses(opus_tiny):
    from translate.engines import PivotTranslator

    first = _engine("ctranslate2", opus_tiny["opus-mt-tc-big-fr-en"], "fr", "en")
    second = _engine("ctranslate2", opus_tiny["opus-mt-en-mg"], "en", "mg")
    text = "« 5 € » Щедрин"  # € and Cyrillic lost by tc-big fr-en, Щ by en-mg; « » normalised by both
    assert first.coverage(text).unknown == ("€", "Щ", "е", "д", "р", "и", "н")
    assert second.coverage(text).unknown == ("Щ",)
    pivot = PivotTranslator(first, second).coverage(text)
    assert pivot.unknown == ("€", "Щ", "е", "д", "р", "и", "н")
    assert dict(pivot.normalised) == {"«": '"', "»": '"'}
