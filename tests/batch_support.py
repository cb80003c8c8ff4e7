"""`translate batch` through click's CliRunner, and the samples every batch test starts from."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from translate.cli import main

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
GOOD_SAMPLES = ["azatutyun-csto-border.txt", "rferl-gyumri-base.md", "azatutyun-lavrov-call.html", "desk-briefs.jsonl"]


def batch(*args: object):
    return CliRunner().invoke(main, ["batch", *map(str, args)])


def manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))
