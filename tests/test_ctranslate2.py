"""The ctranslate2 engine: same output as marian, tokenisation without transformers, conversion cache."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from translate.cli import main
from translate.config import load_config
from translate.engines import EngineSpec, GenerationSettings, load_engine
from translate.engines.conversion import (
    convert_checkpoint,
    converted_location,
    find_converted,
)
from translate.engines.marian_vocab import MarianVocabulary
from translate.errors import ConfigError, EngineError

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent

TEXTS = [
    pytest.param("Russian Foreign Minister Sergei Lavrov has praised the state of relations.", id="english"),
    pytest.param("Numbers like 1, 2, 3, 15:30, 21 May 2021 and 1.5 million.", id="digits"),
    pytest.param("“Our country is always ready,” he said — in Moscow…", id="typographic-quotes"),
    pytest.param("Ռուսաստանի արտաքին գործերի նախարար Սերգեյ Լավրովը։", id="armenian"),
    pytest.param("Министр иностранных дел России Сергей Лавров.", id="russian"),
    pytest.param("Emoji 🙂 and 中文 are not in the vocabulary.", id="unknown-pieces"),
    pytest.param("  leading   and trailing  spaces  ", id="spaces"),
    pytest.param(">>hye<< Премьер-министр Никол Пашинян", id="target-token"),
]


@pytest.fixture(scope="session")
def marian_tokenizer(tiny_multilingual_checkpoint):
    from transformers import MarianTokenizer

    return MarianTokenizer.from_pretrained(tiny_multilingual_checkpoint, local_files_only=True)


@pytest.mark.parametrize("text", TEXTS)
def test_vocabulary_encodes_as_marian_tokenizer(text, tiny_multilingual_checkpoint, marian_tokenizer):
    vocabulary = MarianVocabulary(tiny_multilingual_checkpoint)
    ids = marian_tokenizer(text, add_special_tokens=False)["input_ids"]
    assert vocabulary.encode(text) == marian_tokenizer.convert_ids_to_tokens(ids)


@pytest.mark.parametrize("seed", range(5))
def test_vocabulary_decodes_as_marian_tokenizer(seed, tiny_multilingual_checkpoint, marian_tokenizer):
    vocabulary = MarianVocabulary(tiny_multilingual_checkpoint)
    ids = random.Random(seed).choices(range(marian_tokenizer.vocab_size), k=40)
    tokens = marian_tokenizer.convert_ids_to_tokens(ids)
    assert vocabulary.decode(tokens) == marian_tokenizer.decode(ids, skip_special_tokens=True)


def _engines(checkpoint, source="en", target="hy", target_token=None, **settings):
    generation = GenerationSettings(num_beams=1, batch_size=4, compute_type="float32", **settings)
    spec = EngineSpec(source, target, str(checkpoint), target_token, generation)
    return load_engine("marian", spec), load_engine("ctranslate2", spec)


def test_greedy_output_equals_marian(tiny_checkpoint):
    marian, ctranslate2 = _engines(tiny_checkpoint)
    texts = [param.values[0] for param in TEXTS if param.id != "target-token"]
    outputs = ctranslate2.translate(texts)
    assert outputs == marian.translate(texts)
    assert ctranslate2.signature()["generation"]["compute_type"] == "float32"


@pytest.mark.parametrize("token", [">>hye<<", ">>eng<<"])
def test_greedy_output_equals_marian_with_a_target_token(token, tiny_multilingual_checkpoint):
    marian, ctranslate2 = _engines(tiny_multilingual_checkpoint, "ru", "hy", token)
    texts = ["Премьер-министр Никол Пашинян заявил в понедельник.", "Министр иностранных дел России."]
    assert ctranslate2.translate(texts) == marian.translate(texts)


def test_output_caps_follow_the_configuration(tiny_checkpoint):
    # A random model never ends a sentence: every output runs to its cap, as a loop would.
    _, engine = _engines(tiny_checkpoint, max_length_ratio=0.0, max_length_slack=7)
    engine.tokens_generated = 0
    engine.translate(["Lavrov did not comment.", "Moscow has responded by calling for a delimitation of the border."])
    assert engine.tokens_generated == 2 * 7


def test_translating_imports_neither_torch_nor_transformers(tiny_checkpoint):
    convert_checkpoint(str(tiny_checkpoint))
    script = (
        "import sys\n"
        "from translate.engines import EngineSpec, load_engine\n"
        f"engine = load_engine('ctranslate2', EngineSpec('en', 'hy', {str(tiny_checkpoint)!r}))\n"
        "print(engine.translate(['Lavrov did not comment.'])[0] != '')\n"
        "print(sorted(m for m in ('torch', 'transformers') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, check=True)
    assert result.stdout.split("\n")[:2] == ["True", "[]"]


# --- conversion ----------------------------------------------------------------------


@pytest.fixture
def own_checkpoint(tiny_checkpoint, tmp_path) -> Path:
    """A copy of the tiny checkpoint this test may convert, change and break."""
    return Path(shutil.copytree(tiny_checkpoint, tmp_path / "opus-mt-tiny", ignore=shutil.ignore_patterns("ctranslate2-*")))


def _no_converter(monkeypatch):
    import ctranslate2.converters

    def refuse(*args, **kwargs):
        raise AssertionError("converted again")

    monkeypatch.setattr(ctranslate2.converters, "TransformersConverter", refuse)


def test_conversion_is_kept_next_to_a_writable_checkpoint_and_reused(own_checkpoint, monkeypatch):
    location = convert_checkpoint(str(own_checkpoint), "float32")
    assert location == own_checkpoint / "ctranslate2-float32"
    assert json.loads((location / "translate-conversion.json").read_text())["compute_type"] == "float32"
    _no_converter(monkeypatch)
    assert convert_checkpoint(str(own_checkpoint), "float32") == location


def test_a_hub_snapshot_is_converted_into_the_user_cache(tiny_checkpoint, tmp_path):
    snapshot = tmp_path / "hub" / "models--Helsinki-NLP--opus-mt-tiny" / "snapshots" / "0123456789abcdef"
    shutil.copytree(tiny_checkpoint, snapshot, ignore=shutil.ignore_patterns("ctranslate2-*"))
    location = converted_location(snapshot, "float32")
    assert location.is_relative_to(Path(os.environ["TRANSLATE_CACHE_DIR"]))
    assert "opus-mt-tiny" in str(location) and "0123456789ab" in str(location)
    assert convert_checkpoint(str(snapshot), "float32") == location
    assert not list(snapshot.glob("ctranslate2-*"))


def test_a_replaced_checkpoint_is_converted_again(own_checkpoint):
    convert_checkpoint(str(own_checkpoint), "float32")
    assert find_converted(own_checkpoint, "float32")
    weights = own_checkpoint / "model.safetensors"
    os.utime(weights, ns=(weights.stat().st_atime_ns, weights.stat().st_mtime_ns + 10**9))
    assert find_converted(own_checkpoint, "float32") is None


def test_int8_is_the_default_on_cpu_and_batching_does_not_change_it(own_checkpoint):
    def engine(batch_size):
        spec = EngineSpec("en", "hy", str(own_checkpoint), generation=GenerationSettings(num_beams=1, batch_size=batch_size))
        return load_engine("ctranslate2", spec)

    batched = engine(8)
    assert batched.model_dir == own_checkpoint / "ctranslate2-int8"
    assert batched.signature()["generation"]["compute_type"] == "int8"
    texts = [param.values[0] for param in TEXTS if param.id != "target-token"]
    one_at_a_time = engine(1)
    assert batched.translate(texts) == [one_at_a_time.translate([text])[0] for text in texts]
    assert all(batched.translate(texts))


def test_an_unknown_compute_type_is_a_config_error(tmp_path):
    path = tmp_path / "user.toml"
    path.write_text('[generation]\ncompute_type = "int4"\n')
    with pytest.raises(ConfigError, match=r"generation\.compute_type.*int4"):
        load_config(path)


# --- command line ----------------------------------------------------------------------


def test_models_convert_and_list(own_checkpoint, tmp_path):
    config = tmp_path / "models.toml"
    config.write_text(f'[models.en-hy]\ncheckpoint = "{own_checkpoint}"\n')
    runner = CliRunner()
    before = runner.invoke(main, ["models", "list", "--config", str(config)])
    assert "en-hy" in before.output and "not converted for ctranslate2" in before.output
    result = runner.invoke(main, ["models", "convert", str(own_checkpoint), "--compute-type", "int8"])
    assert result.exit_code == 0, result.output
    assert str(own_checkpoint / "ctranslate2-int8") in result.output
    after = runner.invoke(main, ["models", "list", "--config", str(config)])
    assert "ctranslate2: int8" in after.output


def test_run_with_the_ctranslate2_engine(own_checkpoint, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text("Lavrov Praises Ties\n\nLavrov did not comment. Moscow has responded.\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["run", str(article), "--to", "hy", "--engine", "ctranslate2", "--model", str(own_checkpoint),
               "-o", str(tmp_path / "out"), "--no-cache"]
    )
    assert result.exit_code == 0, result.output
    output = tmp_path / "out" / "article.hy.txt"
    assert output.read_text(encoding="utf-8").count("\n\n") == 1  # the article's structure kept
    report = json.loads(output.with_name("article.hy.txt.report.json").read_text())
    assert report["signature"]["engines"]["en"]["engine"] == "ctranslate2"


def test_a_device_that_is_not_there_is_an_engine_error(tiny_checkpoint):
    import ctranslate2

    if ctranslate2.get_cuda_device_count():
        pytest.skip("this machine has a GPU")
    generation = GenerationSettings(device="cuda", compute_type="float32")
    engine = load_engine("ctranslate2", EngineSpec("en", "hy", str(tiny_checkpoint), generation=generation))
    with pytest.raises(EngineError, match="device and compute_type"):
        engine.translate(["Lavrov did not comment."])


# --- the default engine ---------------------------------------------------------------------


def _run_default(article: Path, checkpoint: Path, out: Path):
    """`translate run` with no --engine: the configuration's default."""
    return CliRunner().invoke(main, ["run", str(article), "--to", "hy", "--model", str(checkpoint), "-o", str(out),
                                     "--no-cache"])


@pytest.fixture
def article(tmp_path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text("Lavrov Praises Ties\n\nLavrov did not comment. Moscow has responded.\n", encoding="utf-8")
    return path


def test_run_converts_once_on_first_use_and_reuses_the_conversion(own_checkpoint, article, tmp_path, monkeypatch):
    first = _run_default(article, own_checkpoint, tmp_path / "first")
    assert first.exit_code == 0, first.output
    report = json.loads((tmp_path / "first" / "article.hy.txt.report.json").read_text())
    assert report["signature"]["engines"]["en"]["engine"] == "ctranslate2"
    assert report["signature"]["engines"]["en"]["generation"]["compute_type"] == "int8"
    # Progress: a line when the conversion starts (with where it goes) and one when it is done.
    assert f"converting {own_checkpoint} for CTranslate2 (int8), once" in first.output
    assert str(own_checkpoint / "ctranslate2-int8") in first.output and "converted " in first.output
    _no_converter(monkeypatch)
    second = _run_default(article, own_checkpoint, tmp_path / "second")
    assert second.exit_code == 0, second.output
    assert "converting" not in second.output and "converted " not in second.output
    assert (tmp_path / "second" / "article.hy.txt").read_bytes() == (tmp_path / "first" / "article.hy.txt").read_bytes()


@pytest.mark.parametrize(
    ("failure", "reason"),
    [
        pytest.param(ValueError("No conversion is registered for the model configuration TinyConfig"),
                     "No conversion is registered", id="unknown-architecture"),
        pytest.param(ImportError("No module named 'ctranslate2.converters'"), "needs ctranslate2", id="no-converter"),
    ],
)
def test_marian_only_where_conversion_is_impossible_said_in_one_line(own_checkpoint, article, tmp_path,
                                                                   monkeypatch, failure, reason):
    import builtins

    import ctranslate2.converters

    if isinstance(failure, ImportError):
        real_import = builtins.__import__

        def importing(name, *args, **kwargs):
            if name == "ctranslate2.converters":
                raise failure
            return real_import(name, *args, **kwargs)

        monkeypatch.setattr(builtins, "__import__", importing)
    else:
        def refuse(self, *args, **kwargs):
            raise failure

        monkeypatch.setattr(ctranslate2.converters.TransformersConverter, "convert", refuse)
    result = _run_default(article, own_checkpoint, tmp_path / "out")
    assert result.exit_code == 0, result.output
    fallback = [line for line in result.output.splitlines() if "marian engine instead" in line]
    assert len(fallback) == 1 and reason in fallback[0] and "en→hy" in fallback[0]
    report = json.loads((tmp_path / "out" / "article.hy.txt.report.json").read_text())
    assert report["signature"]["engines"]["en"]["engine"] == "marian"
    assert not list(own_checkpoint.glob("ctranslate2-*")) and not list(own_checkpoint.glob(".ctranslate2-*"))
