"""One suite every registered engine passes: order, batching, splitting, target tokens, blanks.

Parametrised over ``translate.engines.ENGINES``, so an engine added to the registry is
tested here without a line changed. Neural engines run greedy on the tiny checkpoints of
conftest.py: their output is meaningless but depends on the input, so a mix-up shows.
"""

from __future__ import annotations

import json
import random

import pytest

from translate.engines import (
    ENGINES,
    EngineSpec,
    GenerationSettings,
    engine_class,
    load_engine,
)
from translate.errors import ConfigError

pytestmark = pytest.mark.slow

ENGINE_NAMES = sorted(ENGINES)

SENTENCES = [
    "Russian Foreign Minister Sergei Lavrov has praised the state of relations with Armenia.",
    "Baku continues to refuse to release more than 100 soldiers and civilians.",
    "The agreement calls for the unconditional release of all prisoners held by the parties.",
    "Talks would continue in Yerevan, he said.",
    "Moscow has responded.",
    (
        "Prime Minister Nikol Pashinian said on Monday that talks would continue in Yerevan after the "
        "Collective Security Treaty Organization (CSTO) did not comment on the request."
    ),
    "At least 500 soldiers remain within the internationally recognized borders, it says.",
    "Numbers like 1, 2, 3, 15:30 and 1.5 million appear in the news.",
    "Hostilities were stopped in November 2020.",
    "Lavrov did not comment.",
]

BATCHING = [
    pytest.param({"batch_size": 1}, id="batch-1"),
    pytest.param({"batch_size": 3}, id="batch-3"),
    pytest.param({"batch_size": 32}, id="batch-32"),
    pytest.param({"batch_size": 32, "max_batch_tokens": 60}, id="token-budget-60"),
]


@pytest.fixture(scope="session")
def make_engine(tiny_checkpoint, tiny_multilingual_checkpoint):
    """Engines loaded once per (name, checkpoint, target token, settings), greedy, float32
    (int8 rounding may differ between CPUs; test_ctranslate2.py covers int8)."""
    loaded = {}

    def make(name: str, *, multilingual: bool = False, target_token: str | None = None, **settings):
        key = (name, multilingual, target_token, tuple(sorted(settings.items())))
        if key not in loaded:
            checkpoint = tiny_multilingual_checkpoint if multilingual else tiny_checkpoint
            source, target = ("ru", "hy") if multilingual else ("en", "hy")
            generation = GenerationSettings(num_beams=1, compute_type="float32", **{"max_batch_tokens": 0, **settings})
            spec = EngineSpec(source, target, str(checkpoint), target_token, generation)
            loaded[key] = load_engine(name, spec)
        return loaded[key]

    return make


@pytest.fixture(scope="session")
def one_at_a_time(make_engine):
    """Each sentence translated alone: what every batching must reproduce (greedy)."""
    return {name: [make_engine(name, batch_size=1).translate([s])[0] for s in SENTENCES] for name in ENGINE_NAMES}


@pytest.mark.parametrize("name", ENGINE_NAMES)
def test_outputs_tell_inputs_apart(name, one_at_a_time):
    # Otherwise the order tests below could not catch a mix-up.
    assert len(set(one_at_a_time[name])) == len(SENTENCES)


@pytest.mark.parametrize("settings", BATCHING)
@pytest.mark.parametrize("name", ENGINE_NAMES)
def test_greedy_batch_output_equals_one_at_a_time(name, settings, make_engine, one_at_a_time):
    engine = make_engine(name, **settings)
    assert engine.translate(SENTENCES) == one_at_a_time[name]
    for size in getattr(engine, "batches_run", []):
        assert size <= settings["batch_size"]


@pytest.mark.parametrize("settings", BATCHING)
@pytest.mark.parametrize("name", ENGINE_NAMES)
def test_order_is_kept_whatever_the_input_order(name, settings, make_engine, one_at_a_time):
    engine = make_engine(name, **settings)
    order = list(range(len(SENTENCES)))
    random.Random(7).shuffle(order)
    assert engine.translate([SENTENCES[i] for i in order]) == [one_at_a_time[name][i] for i in order]


def test_a_token_budget_makes_batches_of_similar_cost(make_engine):
    engine = make_engine("ctranslate2", batch_size=32, max_batch_tokens=60)
    engine.batches_run.clear()
    engine.translate(SENTENCES)
    assert sum(engine.batches_run) == len(SENTENCES)
    assert len(engine.batches_run) > 1  # 60 tokens cannot hold all ten sentences


LONG_INPUTS = [
    pytest.param(" ".join(SENTENCES), " ", id="sentences"),
    pytest.param(" ".join(s.rstrip(".") for s in SENTENCES).replace(".", ""), " ", id="words-no-sentence-end"),
    pytest.param("Pneumonoultramicroscopicsilicovolcanoconiosis" * 6, "", id="one-huge-word"),
]


@pytest.mark.parametrize(("text", "joiner"), LONG_INPUTS)
@pytest.mark.parametrize("name", ENGINE_NAMES)
def test_long_input_is_split_and_every_piece_translated(name, text, joiner, make_engine, monkeypatch):
    engine = make_engine(name, batch_size=4)
    if not hasattr(engine, "split_long"):
        pytest.skip(f"{name} has no input limit to split at")
    monkeypatch.setattr(engine, "max_input_tokens", 16)
    pieces = engine.split_long(text)
    assert len(pieces) > 1
    assert joiner.join(pieces) == text  # nothing lost, nothing added
    assert all(engine._token_count(piece) <= 16 for piece in pieces)
    translation = engine.translate([text])[0]
    assert translation == " ".join(engine.translate([piece])[0] for piece in pieces)
    assert translation != engine.translate([pieces[0]])[0]  # not truncated to the first piece


@pytest.mark.parametrize("name", ENGINE_NAMES)
def test_multilingual_target_token_reaches_the_model(name, make_engine):
    if not engine_class(name).needs_checkpoint:
        pytest.skip(f"{name} has no checkpoint, so no target token")
    texts = ["Премьер-министр Никол Пашинян заявил в понедельник.", "Министр иностранных дел России."]
    armenian = make_engine(name, multilingual=True, target_token=">>hye<<", batch_size=8).translate(texts)
    english = make_engine(name, multilingual=True, target_token=">>eng<<", batch_size=8).translate(texts)
    assert armenian != english
    for output in armenian + english:
        assert output.strip()
        assert ">>" not in output and "<<" not in output  # language tokens are never generated


@pytest.mark.parametrize("name", ENGINE_NAMES)
def test_unknown_target_token_fails_at_load(name, tiny_multilingual_checkpoint):
    if not engine_class(name).needs_checkpoint:
        pytest.skip(f"{name} has no checkpoint, so no target token")
    generation = GenerationSettings(num_beams=1, compute_type="float32")
    spec = EngineSpec("ru", "hy", str(tiny_multilingual_checkpoint), ">>fra<<", generation)
    with pytest.raises(ConfigError, match=r"models\.ru-hy\.target_token: target token '>>fra<<'.*accepts: >>eng<<, >>hye<<"):
        load_engine(name, spec)


@pytest.mark.parametrize("name", ENGINE_NAMES)
def test_missing_target_token_fails_at_load_and_names_the_accepted_ones(name, tiny_multilingual_checkpoint):
    if not engine_class(name).needs_checkpoint:
        pytest.skip(f"{name} has no checkpoint, so no target token")
    spec = EngineSpec("ru", "hy", str(tiny_multilingual_checkpoint), None, GenerationSettings(num_beams=1))
    with pytest.raises(ConfigError, match="multilingual-target.*accepts: >>eng<<, >>hye<<"):
        load_engine(name, spec)


@pytest.mark.parametrize("name", ENGINE_NAMES)
def test_blank_inputs_come_back_unchanged(name, make_engine, one_at_a_time):
    engine = make_engine(name, batch_size=32)
    texts = ["", SENTENCES[0], "   ", "\n", SENTENCES[1], ""]
    assert engine.translate(texts) == ["", one_at_a_time[name][0], "   ", "\n", one_at_a_time[name][1], ""]
    assert engine.translate([]) == []


@pytest.mark.parametrize("name", ENGINE_NAMES)
def test_signature_names_the_engine_and_is_json(name, make_engine):
    signature = make_engine(name, batch_size=32).signature()
    assert signature["engine"] == name
    json.dumps(signature)


# The libraries whose version can change an engine's output (kernels, decoding).
LIBRARIES = {"marian": ("transformers", "torch"), "ctranslate2": ("ctranslate2",), "pseudo": ()}


@pytest.mark.parametrize("name", ENGINE_NAMES)
def test_the_memory_key_holds_what_can_change_an_output(name, make_engine):
    from importlib import metadata

    from translate.memory import context_key

    signature = make_engine(name, batch_size=32).signature()
    assert set(LIBRARIES) == set(ENGINE_NAMES)
    for library in LIBRARIES[name]:
        assert signature[library] == metadata.version(library)
    if not engine_class(name).needs_checkpoint:
        return
    # The preprocessing before sentencepiece (Moses normalisation) changes what the model sees.
    assert signature["preprocessing"] == f"moses punctuation normalisation (sacremoses {metadata.version('sacremoses')})"
    key = context_key("en", "hy", signature)
    for setting, value in [("device", "cuda"), ("compute_type", "float16"), ("batch_size", 1), ("threads", 7)]:
        changed = {**signature, "generation": {**signature["generation"], setting: value}}
        # Device and compute type round differently; batching and threads do not change an output.
        assert (context_key("en", "hy", changed) != key) is (setting in ("device", "compute_type")), setting
