"""What a rerun trusts (issue 14, point 11): an output is up to date only if the engines that made
it are the ones that would make it now (the default engine, ctranslate2: a conversion of the replaced
checkpoint is made again) — a stand-in's output (``--fallback pseudo``) is redone
once the checkpoint is there, and a checkpoint replaced in place redoes its outputs."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from click.testing import CliRunner

from translate.cli import main


def batch_statuses(article: Path, out: Path, config: Path) -> list[tuple[str, str]]:
    """(status, engine of the output) of each outcome of one batch run."""
    result = CliRunner().invoke(main, ["batch", str(article), "--to", "hy", "-o", str(out), "--config", str(config),
                                       "--fallback", "pseudo"])
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return [(o["status"], o["signature"]["engines"]["en"]["engine"]) for o in manifest["outcomes"]]


def test_a_stand_in_output_is_redone_when_the_checkpoint_appears_and_a_replaced_checkpoint_redoes_it(
        tmp_path, tiny_checkpoint):
    checkpoint = tmp_path / "opus-mt-en-hy"
    config = tmp_path / "config.toml"
    config.write_text(f'[models.en-hy]\ncheckpoint = "{checkpoint}"\n[generation]\nnum_beams = 1\n'
                      '[memory]\npath = "off"\n', encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("The talks went on.\n", encoding="utf-8")
    out = tmp_path / "out"

    assert batch_statuses(article, out, config) == [("translated", "pseudo")]  # no checkpoint yet: the stand-in
    assert batch_statuses(article, out, config) == [("translated", "pseudo")]  # never final: done again

    shutil.copytree(tiny_checkpoint, checkpoint)
    [(status, engine)] = batch_statuses(article, out, config)
    assert engine == "ctranslate2" and status in {"translated", "flagged"}  # the real engine now, not "skipped"
    assert batch_statuses(article, out, config) == [("skipped", "ctranslate2")]  # and that output is final

    # The checkpoint replaced in place (same directory, new weights): its outputs are redone.
    weights = next(path for path in checkpoint.iterdir() if path.suffix in (".safetensors", ".bin"))
    stamp = weights.stat().st_mtime_ns
    weights.write_bytes(weights.read_bytes())
    os.utime(weights, ns=(stamp + 10**9, stamp + 10**9))
    [(status, engine)] = batch_statuses(article, out, config)
    assert engine == "ctranslate2" and status in {"translated", "flagged"}
    assert batch_statuses(article, out, config) == [("skipped", "ctranslate2")]


def test_pseudo_output_asked_for_is_final(tmp_path):
    """--engine pseudo on purpose: its outputs are what was asked for, and reruns skip them."""
    article = tmp_path / "a.txt"
    article.write_text("The talks went on.\n", encoding="utf-8")
    out = tmp_path / "out"
    for expected in ("translated", "skipped"):
        result = CliRunner().invoke(main, ["batch", str(article), "--to", "hy", "-o", str(out), "--engine", "pseudo"])
        assert result.exit_code == 0, result.output
        [outcome] = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["outcomes"]
        assert outcome["status"] in ({expected, "flagged"} if expected == "translated" else {expected})
