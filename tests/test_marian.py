"""The marian engine on tiny offline checkpoints: batching, order, splitting, target tokens."""

from __future__ import annotations

import pytest

from translate.engines import EngineSpec, GenerationSettings, load_engine
from translate.errors import ConfigError, EngineError, ModelNotAvailable

pytestmark = pytest.mark.slow

SENTENCES = [
    "Lavrov praised Armenia.",
    "The agreement calls for the unconditional release of all prisoners held by the parties.",
    "Baku",
    "Moscow has responded by calling for a delimitation and demarcation of the border.",
    "Yerevan and the CSTO",
    "At least 500 soldiers remain within the internationally recognized borders, it says.",
    "Prime Minister Nikol Pashinian said on Monday that talks would continue.",
]


def marian(checkpoint, *, batch_size=16, num_beams=1, **spec):
    generation = GenerationSettings(num_beams=num_beams, batch_size=batch_size)
    return load_engine("marian", EngineSpec(spec.pop("source", "en"), spec.pop("target", "hy"), str(checkpoint),
                                            generation=generation, **spec))


def record_model_inputs(engine) -> list[str]:
    """The texts ``engine`` hands its tokenizer to generate from (batches, not token counts)."""
    sent: list[str] = []
    tokenizer = engine.tokenizer

    class Recording:
        def __call__(self, texts, **options):
            if isinstance(texts, list):
                sent.extend(texts)
            return tokenizer(texts, **options)

        def __getattr__(self, name):
            return getattr(tokenizer, name)

    engine.tokenizer = Recording()
    return sent


@pytest.fixture(scope="module")
def reference(tiny_checkpoint):
    """Each sentence translated alone (batch size 1, greedy)."""
    engine = marian(tiny_checkpoint, batch_size=1)
    return {sentence: engine.translate([sentence])[0] for sentence in SENTENCES}


def test_outputs_differ_by_input(reference):
    # Otherwise the order tests below could not fail.
    assert len(set(reference.values())) == len(SENTENCES)


@pytest.mark.parametrize("batch_size", [1, 2, 3, 16], ids=lambda size: f"batch{size}")
def test_greedy_output_and_order_independent_of_batch_size(tiny_checkpoint, reference, batch_size):
    engine = marian(tiny_checkpoint, batch_size=batch_size)
    texts = SENTENCES + list(reversed(SENTENCES))
    assert engine.translate(texts) == [reference[text] for text in texts]
    assert max(engine.batches_run) <= batch_size


def test_beam_search_keeps_order(tiny_checkpoint):
    # The same inputs form the same length-sorted batches whatever order they come in.
    engine = marian(tiny_checkpoint, batch_size=3, num_beams=3)
    forward = engine.translate(SENTENCES)
    assert engine.translate(list(reversed(SENTENCES))) == list(reversed(forward))
    assert len(set(forward)) == len(SENTENCES)


def test_empty_and_blank_inputs_pass_through(tiny_checkpoint, reference):
    engine = marian(tiny_checkpoint)
    assert engine.translate(["", "  ", SENTENCES[0]]) == ["", "  ", reference[SENTENCES[0]]]
    assert engine.translate([]) == []


def test_long_input_is_split_not_truncated(tiny_checkpoint):
    engine = marian(tiny_checkpoint, batch_size=8)
    long_text = " ".join(SENTENCES * 40)
    assert engine._token_count(long_text) >= 2000
    pieces = engine.split_long(long_text)
    assert len(pieces) >= 4
    assert all(engine._token_count(piece) <= engine.max_input_tokens for piece in pieces)
    assert " ".join(pieces) == long_text  # nothing lost
    sent = record_model_inputs(engine)
    [translation] = engine.translate([long_text])
    assert sorted(sent) == sorted(pieces)
    assert translation == " ".join(engine.translate(pieces))


def test_a_single_overlong_word_is_cut(tiny_checkpoint):
    engine = marian(tiny_checkpoint)
    word = "Nagorno" * 400
    pieces = engine.split_long(word)
    assert len(pieces) > 1
    assert "".join(pieces) == word
    assert all(engine._token_count(piece) <= engine.max_input_tokens for piece in pieces)


def test_multilingual_target_token_is_applied(tiny_multilingual_checkpoint):
    engine = marian(tiny_multilingual_checkpoint, source="ru", target="hy", target_token=">>hye<<")
    sent = record_model_inputs(engine)
    text = "Министр иностранных дел России Сергей Лавров"
    with_token = engine.translate([text])
    assert sent == [f">>hye<< {text}"]
    token_id = engine.tokenizer.get_vocab()[">>hye<<"]
    assert engine.tokenizer(sent)["input_ids"][0][0] == token_id
    other = marian(tiny_multilingual_checkpoint, source="ru", target="en", target_token=">>eng<<")
    assert other.translate([text]) != with_token


def test_unknown_target_token_is_an_error(tiny_multilingual_checkpoint):
    with pytest.raises(ConfigError, match="target token '>>xyz<<'"):
        marian(tiny_multilingual_checkpoint, source="ru", target="hy", target_token=">>xyz<<")


def test_missing_directory_is_not_available(tmp_path):
    with pytest.raises(ModelNotAvailable, match="does not exist"):
        marian(tmp_path / "nowhere")


def test_incomplete_checkpoint_is_an_engine_error(tmp_path):
    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(EngineError, match="complete Opus-MT checkpoint"):
        marian(tmp_path)


def test_signature_names_checkpoint_and_settings(tiny_checkpoint):
    signature = marian(tiny_checkpoint).signature()
    assert signature["engine"] == "marian"
    assert signature["checkpoint"] == str(tiny_checkpoint)
    assert signature["generation"]["num_beams"] == 1
