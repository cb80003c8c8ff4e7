"""The command line, through click's CliRunner (and a subprocess where imports or time matter)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from translate.cli import main


def paragraphs(text: str) -> list[str]:
    return [chunk for chunk in text.split("\n\n") if chunk.strip()]


def invoke(*args: str):
    return CliRunner().invoke(main, [str(arg) for arg in args], catch_exceptions=False)


def test_help_explains_and_imports_no_torch():
    code = (
        "import sys; from click.testing import CliRunner; from translate.cli import main;"
        "result = CliRunner().invoke(main, ['--help']); print(result.output);"
        "assert result.exit_code == 0;"
        "heavy = [m for m in ('torch', 'transformers', 'sentencepiece') if m in sys.modules];"
        "assert not heavy, heavy"
    )
    # Speed is the benchmarks' business (the machine is shared); what keeps --help fast is that
    # it imports none of the heavy stages, which is what this checks.
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "translate run" in result.stdout


def test_run_with_pseudo_engine_keeps_paragraphs(tmp_path, sample_article):
    result = invoke("run", sample_article, "--to", "hy,ru", "--engine", "pseudo", "-o", tmp_path, "--chrome", "keep")
    assert result.exit_code == 0, result.output
    assert "pseudo-localisation" in result.output
    source = sample_article.read_text(encoding="utf-8")
    for language in ("hy", "ru"):
        output = (tmp_path / f"{sample_article.stem}.{language}.txt").read_text(encoding="utf-8")
        assert f"[{language}: " in output
        assert len(paragraphs(output)) == len(paragraphs(source))
        report = json.loads((tmp_path / f"{sample_article.stem}.{language}.txt.report.json").read_text())
        assert report["signature"]["engines"]["en"]["engine"] == "pseudo"
        assert report["signature"]["target"] == language


def test_run_with_a_tiny_checkpoint(tmp_path, tiny_checkpoint, sample_article):
    result = invoke("run", sample_article, "--to", "hy", "--model", tiny_checkpoint, "-o", tmp_path)
    assert result.exit_code == 0, result.output
    output = (tmp_path / f"{sample_article.stem}.hy.txt").read_text(encoding="utf-8")
    assert "Pashinian Asks" not in output  # the title went through the model
    report = json.loads((tmp_path / f"{sample_article.stem}.hy.txt.report.json").read_text())
    assert report["signature"]["engines"]["en"]["checkpoint"] == str(tiny_checkpoint)


def test_translate_build_tiny_then_run(tmp_path, sample_article):
    model = tmp_path / "tiny"
    assert invoke("models", "build-tiny", model, "--from", "en", "--to", "ru").exit_code == 0
    result = invoke("run", sample_article, "--to", "ru", "--model", model, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / f"{sample_article.stem}.ru.txt").exists()


def test_missing_checkpoint_offline_is_one_message(tmp_path, sample_article):
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf")}
    # Offline, a missing checkpoint must not wait on the network: a hang is a failure (timeout).
    result = subprocess.run(
        [sys.executable, "-m", "translate", "run", str(sample_article), "--to", "hy", "-o", str(tmp_path)],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert result.returncode == 5  # MODEL
    assert "Helsinki-NLP/opus-mt-en-hy" in result.stderr
    assert "--model" in result.stderr and "--engine pseudo" in result.stderr
    assert "Traceback" not in result.stderr
    assert not list(tmp_path.glob("*.txt"))


def test_fallback_says_so_and_uses_pseudo(tmp_path, sample_article, monkeypatch):
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    result = CliRunner().invoke(main, ["run", str(sample_article), "--to", "hy", "-o", str(tmp_path),
                                       "--fallback", "pseudo"])
    assert result.exit_code == 0, result.output
    assert "not available" in result.output and "falling back to the 'pseudo' engine" in result.output
    assert "[hy: " in (tmp_path / f"{sample_article.stem}.hy.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        pytest.param(["run", "{missing}", "--to", "hy", "--engine", "pseudo"], 4, "no such file", id="missing-file"),
        pytest.param(["run", "{binary}", "--to", "hy", "--engine", "pseudo"], 4, "binary", id="binary-file"),
        pytest.param(["run", "{latin1}", "--to", "hy", "--engine", "pseudo"], 4, "not valid UTF-8", id="not-utf8"),
        pytest.param(["run", "{article}", "--to", "xx", "--engine", "pseudo"], 2, "unknown language", id="bad-lang"),
        pytest.param(["run", "{article}", "--to", "de", "--engine", "marian"], 3, "no checkpoint for en→de", id="no-pair"),
        pytest.param(["run", "{article}", "--to", "hy", "--engine", "nope"], 2, "engines are: ctranslate2, marian", id="bad-engine"),
        pytest.param(["run", "{article}", "--to", "hy", "--config", "{badconfig}"], 3, "num_beam", id="bad-config"),
        pytest.param(["run", "{article}", "--to", "hy", "--bogus"], 2, "No such option", id="click-usage"),
    ],
)
def test_errors_are_one_line_with_exit_code(tmp_path, sample_article, args, code, message):
    files = {
        "missing": tmp_path / "missing.txt",
        "binary": tmp_path / "image.txt",
        "latin1": tmp_path / "latin1.txt",
        "article": sample_article,
        "badconfig": tmp_path / "bad.toml",
    }
    files["binary"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    files["latin1"].write_bytes("Caf\xe9 in Yerevan".encode("latin-1"))
    files["badconfig"].write_text("[generation]\nnum_beam = 2\n")
    result = CliRunner().invoke(main, [arg.format(**files) for arg in args] + ["-o", str(tmp_path / "out")])
    assert result.exit_code == code, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_segment_shows_blocks_and_sentences(sample_article):
    result = invoke("segment", sample_article)
    assert result.exit_code == 0
    assert "duplicate" in result.output
    data = json.loads(invoke("segment", sample_article, "--format", "json").output)
    assert data["blocks"][0]["start"] == 0
    assert all(s["text"] for block in data["blocks"] for s in block["sentences"])
    assert data["blocks"][0]["kind"] == "chrome"  # the Armenian UI heading


def test_models_list_names_each_pair():
    result = invoke("models", "list")
    assert result.exit_code == 0
    assert "ru-hy  Helsinki-NLP/opus-mt-ru-hy >>hye<<" in result.output
