"""A batch's manifest: every input accounted for, written without rewriting it per chunk.

While a batch runs, ``manifest.json`` is a header (``"finished": null``) and each finished
chunk adds one file of outcomes, ``manifest.parts/NUMBER.jsonl`` (rewriting one JSON per
chunk would be quadratic in the inputs: a million inputs, tens of thousands of chunks). At
the end ``manifest.json`` is written whole, its outcomes read back from the parts in chunk
order (the order a one-thread run makes them in), and the parts are removed. The batch's
driver is the only writer, whether chunks run in threads or on a Dask cluster.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path

from translate.io.writers import write_atomic

MANIFEST = "manifest.json"
MANIFEST_PARTS = "manifest.parts"


class Manifest:
    def __init__(self, out_dir: Path):
        self.path = out_dir / MANIFEST
        self.parts = out_dir / MANIFEST_PARTS

    def discard_parts(self) -> None:
        """Remove the parts (an interrupted run's, at the start; this run's, once compacted)."""
        shutil.rmtree(self.parts, ignore_errors=True)

    def add_part(self, number: int, outcomes: Sequence[Mapping[str, object]]) -> None:
        """The outcomes of chunk ``number``, one JSON object a line, written whole or not at all."""
        lines = "".join(json.dumps(outcome, ensure_ascii=False) + "\n" for outcome in outcomes)
        write_atomic(self.parts / f"{number:08d}.jsonl", lines)

    def outcomes(self) -> list[dict[str, object]]:
        """Every outcome in the parts, in chunk order."""
        return [json.loads(line) for part in sorted(self.parts.glob("*.jsonl"))
                for line in part.read_text(encoding="utf-8").splitlines() if line]

    def write(self, header: Mapping[str, object], *, finished: bool) -> dict[str, object]:
        """``manifest.json``: ``header`` and, when ``finished``, every outcome from the parts;
        before that, a note saying where the outcomes so far are."""
        manifest = {**header, "outcomes": self.outcomes() if finished else []}
        if not finished:
            manifest["parts"] = f"{MANIFEST_PARTS}/: one file of outcomes per finished chunk"
        write_atomic(self.path, json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
        return manifest
