"""Batch translation: discovery, resumable runs, the manifest, bad input, an interrupted run."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from batch_support import GOOD_SAMPLES, SAMPLES, batch, manifest

from translate.pipeline.batch import discover
from translate.pipeline.naming import plan_outputs


def georgian_article() -> str:
    return "საქართველოს მთავრობამ ორშაბათს განაცხადა, რომ მოლაპარაკებები გაგრძელდება.\n"


# name → content: each bad kind from the issue, next to good articles.
BAD_INPUTS = {
    "empty.txt": b"",
    "image.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    "latin1.txt": "Caf\xe9 Yerevan".encode("latin-1"),
    "huge-line.txt": b"Lavrov said " + b"x" * 10_000_000,
    "broken.jsonl": b'{"id": 1, "text": "Good line."}\n{not json\n',
    "empty.html": b"   ",
}


@pytest.fixture
def inputs(tmp_path) -> Path:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    for name in GOOD_SAMPLES:
        shutil.copy(SAMPLES / name, folder / "sub" / name)
    for name, data in BAD_INPUTS.items():
        (folder / name).write_bytes(data)
    long_sentence = " ".join(["Armenian and Azerbaijani officials discussed the border"] * 700) + "."
    (folder / "long-sentence.txt").write_text(long_sentence, encoding="utf-8")
    (folder / "mixed.txt").write_text(
        "Yerevan Talks\n\nՄոսկվան պատրաստ է միջնորդել։\n\nМосква готова помочь.\n\nBaku agreed.\n", encoding="utf-8"
    )
    (folder / "notes.csv").write_text("not an article", encoding="utf-8")
    return folder


def test_a_batch_with_bad_files_translates_the_rest(inputs, tmp_path):
    out = tmp_path / "out"
    result = batch(inputs, "--to", "hy,ru", "-o", out, "--engine", "pseudo")
    assert result.exit_code == 1, result.output  # some inputs failed
    data = manifest(out)
    by_input: dict[str, set[str]] = {}
    for outcome in data["outcomes"]:
        by_input.setdefault(Path(outcome["input"]).name, set()).add(outcome["status"])
    # Every input accounted for; notes.csv is not an article (not included).
    assert set(by_input) == set(GOOD_SAMPLES) | set(BAD_INPUTS) | {"long-sentence.txt", "mixed.txt"}
    for name in ("empty.txt", "image.txt", "latin1.txt", "huge-line.txt", "empty.html"):
        assert by_input[name] == {"failed"}, name
    assert by_input["broken.jsonl"] == {"translated", "failed"}  # the good line, the bad line
    for name in [*GOOD_SAMPLES, "long-sentence.txt", "mixed.txt"]:
        assert by_input[name] <= {"translated", "flagged"}, name
    errors = {Path(o["input"]).name: o["error"] for o in data["outcomes"] if o["status"] == "failed"}
    assert "binary" in errors["image.txt"] and "empty" in errors["empty.txt"]
    assert "UTF-8" in errors["latin1.txt"] and "too large" in errors["huge-line.txt"]
    assert all("\n" not in error for error in errors.values())
    assert "failed: " in result.output and "Traceback" not in result.output
    assert data["summary"]["failed"] == sum(o["status"] == "failed" for o in data["outcomes"])
    # Outputs keep the folder structure and the input's format.
    for name in GOOD_SAMPLES:
        stem, suffix = name.rsplit(".", 1)
        assert (out / "sub" / f"{stem}.hy.{suffix}").exists()
    mixed = (out / "mixed.ru.txt").read_text(encoding="utf-8")
    assert "Москва готова помочь." in mixed  # already Russian: kept as it is


def test_rerun_skips_what_is_done_and_force_redoes_it(inputs, tmp_path):
    out = tmp_path / "out"
    batch(inputs / "sub", "--to", "hy", "-o", out, "--engine", "pseudo")
    first = {o["input"]: o["status"] for o in manifest(out)["outcomes"]}
    assert set(first.values()) <= {"translated", "flagged"}
    output = out / "azatutyun-csto-border.hy.txt"
    written = output.stat().st_mtime_ns
    batch(inputs / "sub", "--to", "hy", "-o", out, "--engine", "pseudo")
    assert {o["status"] for o in manifest(out)["outcomes"]} == {"skipped"}
    assert output.stat().st_mtime_ns == written
    # A changed source is redone; the others are still skipped.
    article = inputs / "sub" / "azatutyun-csto-border.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    batch(inputs / "sub", "--to", "hy", "-o", out, "--engine", "pseudo")
    statuses = {Path(o["input"]).name: o["status"] for o in manifest(out)["outcomes"]}
    assert statuses.pop("azatutyun-csto-border.txt") in {"translated", "flagged"}
    assert set(statuses.values()) == {"skipped"}
    # Changed settings (another chrome policy) redo everything; so does --force.
    batch(inputs / "sub", "--to", "hy", "-o", out, "--engine", "pseudo", "--chrome", "keep")
    assert "skipped" not in {o["status"] for o in manifest(out)["outcomes"]}
    batch(inputs / "sub", "--to", "hy", "-o", out, "--engine", "pseudo", "--chrome", "keep", "--force")
    assert "skipped" not in {o["status"] for o in manifest(out)["outcomes"]}


@pytest.mark.parametrize(
    ("patterns", "expected"),
    [
        pytest.param([], {"a.txt", "b.md", "sub/c.html", "d.jsonl"}, id="default-formats"),
        pytest.param(["--include", "*.txt"], {"a.txt"}, id="include"),
        pytest.param(["--exclude", "sub/*"], {"a.txt", "b.md", "d.jsonl"}, id="exclude-folder"),
        pytest.param(["--include", "*.md", "--include", "*.html"], {"b.md", "sub/c.html"}, id="two-includes"),
    ],
)
def test_include_and_exclude(tmp_path, patterns, expected):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / ".hidden").mkdir()
    for name in ("a.txt", "b.md", "sub/c.html", "d.jsonl", "e.pdf", ".hidden/f.txt"):
        (folder / name).write_text("Yerevan.", encoding="utf-8")
    include = [p for flag, p in zip(patterns[::2], patterns[1::2]) if flag == "--include"]
    exclude = [p for flag, p in zip(patterns[::2], patterns[1::2]) if flag == "--exclude"]
    from translate.pipeline.batch import DEFAULT_INCLUDE

    sources, missing = discover([folder], include or DEFAULT_INCLUDE, exclude)
    assert {source.relative.as_posix() for source in sources} == expected
    assert not missing


def test_outputs_inside_the_input_folder_are_not_inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Yerevan.", encoding="utf-8")
    batch(folder, "--to", "hy", "-o", folder / "out", "--engine", "pseudo")
    sources, _ = discover([folder], ("*.txt",), (), folder / "out")
    assert [source.relative.as_posix() for source in sources] == ["a.txt"]


@pytest.mark.parametrize("relative", ["../escape.txt", "../../etc/passwd.txt", "/abs/path.txt"])
def test_outputs_never_land_outside_the_output_folder(tmp_path, relative):
    out = tmp_path / "out"
    out.mkdir()
    # An absolute "relative" part joins as itself; it must still be refused.
    [planned] = plan_outputs([Path(relative)], [tmp_path / "in.txt"], "hy", out)
    assert planned.path is None and "outside" in planned.problem


def test_missing_input_is_reported_and_the_rest_goes_on(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text("Yerevan hosted the talks.", encoding="utf-8")
    out = tmp_path / "out"
    result = batch(good, tmp_path / "missing.txt", "--to", "hy", "-o", out, "--engine", "pseudo")
    assert result.exit_code == 1
    statuses = {Path(o["input"]).name: o["status"] for o in manifest(out)["outcomes"]}
    assert statuses["missing.txt"] == "failed" and statuses["a.txt"] in {"translated", "flagged"}


@pytest.mark.parametrize(("output_format", "suffix"), [("json", ".txt.json"), ("xliff", ".txt.xlf")])
def test_output_formats(tmp_path, output_format, suffix):
    out = tmp_path / "out"
    result = batch(SAMPLES / "azatutyun-csto-border.txt", "--to", "hy", "-o", out, "--engine", "pseudo",
                   "--format", output_format)
    assert result.exit_code == 0, result.output
    assert (out / f"azatutyun-csto-border.hy{suffix}").exists()


def test_fail_on_turns_findings_into_an_exit_code(tmp_path):
    article = SAMPLES / "azatutyun-csto-border.txt"
    # Localised chrome with no Russian wording for the site's heading: a "chrome" warning.
    options = ["--to", "ru", "--engine", "pseudo", "--chrome", "localise"]
    assert batch(article, *options, "-o", tmp_path / "a").exit_code == 0
    assert batch(article, *options, "-o", tmp_path / "b", "--fail-on", "error").exit_code == 0
    result = batch(article, *options, "-o", tmp_path / "c", "--fail-on", "warning")
    assert result.exit_code == 6, result.output


def test_pseudo_output_is_not_reported_untranslated(tmp_path):
    """Pseudo-localisation keeps the source's script but not its words: no "untranslated"
    finding, so --fail-on warning passes on an article with nothing else to report."""
    article = tmp_path / "talks.txt"
    # No glossary terms here: a pseudo rendering of a term is rightly "uncertain" (a warning).
    article.write_text("Officials of both countries resumed their talks on the border.\n", encoding="utf-8")
    result = batch(article, "--to", "hy", "-o", tmp_path / "out", "--engine", "pseudo", "--fail-on", "warning")
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "out" / "talks.hy.txt.report.json").read_text(encoding="utf-8"))
    assert not [finding for finding in report["findings"] if finding["check"] == "untranslated"]


def test_unknown_source_language_fails_that_article_only(tmp_path, tiny_checkpoint):
    """With the real engine, an article in a language no checkpoint covers fails alone."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "english.txt").write_text("Yerevan hosted the talks.\n", encoding="utf-8")
    (folder / "georgian.txt").write_text(georgian_article(), encoding="utf-8")
    config = tmp_path / "config.toml"
    config.write_text(f'[models.en-hy]\ncheckpoint = "{tiny_checkpoint}"\n[glossary]\nfiles = []\n', encoding="utf-8")
    out = tmp_path / "out"
    result = batch(folder, "--to", "hy", "-o", out, "--config", config)
    assert result.exit_code == 1, result.output
    statuses = {Path(o["input"]).name: (o["status"], o["error"]) for o in manifest(out)["outcomes"]}
    assert statuses["english.txt"][0] in {"translated", "flagged"}
    assert statuses["georgian.txt"][0] == "failed" and "ka→hy" in statuses["georgian.txt"][1]


@pytest.mark.slow
def test_killed_batch_leaves_no_partial_output_and_resumes(tmp_path, tiny_checkpoint):
    """30 articles in every format, bad files among them, killed with SIGKILL mid-run."""
    folder = tmp_path / "in"
    folder.mkdir()
    count = 0
    for copy in range(6):
        for name in GOOD_SAMPLES:
            stem, suffix = name.rsplit(".", 1)
            shutil.copy(SAMPLES / name, folder / f"{copy:02d}-{stem}.{suffix}")
            count += 1
    for name, data in list(BAD_INPUTS.items())[:6]:
        (folder / name).write_bytes(data)
        count += 1
    assert count == 30
    config = tmp_path / "config.toml"
    config.write_text(f'[models.en-hy]\ncheckpoint = "{tiny_checkpoint}"\n[models.en-ru]\ncheckpoint = '
                      f'"{tiny_checkpoint}"\n[generation]\nnum_beams = 1\n', encoding="utf-8")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "translate", "batch", str(folder), "--to", "hy,ru", "-o", str(out),
               "--config", str(config)]
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        reports = list(out.rglob("*.report.json")) if out.exists() else []
        if len(reports) >= 4 or process.poll() is not None:
            break
        time.sleep(0.05)
    assert process.poll() is None, "the batch finished before it could be killed; make it longer"
    process.send_signal(signal.SIGKILL)
    process.wait()

    # No partial file. Outputs are written (atomically) before their reports, so a kill can fall
    # between the two: such an output is whole but unvouched for, and the rerun redoes it. Only
    # outputs with a report count as done; they must come through the rerun untouched.
    outputs = [p for p in out.rglob("*") if p.is_file() and ".report." not in p.name and p.suffix != ".tmp"
               and p.name not in ("manifest.json", "report.html") and ".translate" not in p.relative_to(out).parts]
    done = {p: p.read_bytes() for p in outputs if p.with_name(p.name + ".report.json").exists()}
    assert len(outputs) - len(done) <= 1  # at most the one being written when the kill came
    done_before = len(done)
    assert 0 < done_before < 50

    rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 1, rerun.stderr  # the bad files still fail
    data = manifest(out)
    statuses = [o["status"] for o in data["outcomes"]]
    assert statuses.count("skipped") >= done_before
    assert statuses.count("translated") + statuses.count("flagged") + statuses.count("skipped") == 50  # 24 articles + the good line of broken.jsonl, × 2
    inputs = {Path(o["input"]).name for o in data["outcomes"]}
    assert inputs == {p.name for p in folder.iterdir()}
    assert data["finished"] is not None
    assert not [p for p in out.rglob("*.tmp")]
    assert all(path.read_bytes() == content for path, content in done.items())  # skipped, not redone
