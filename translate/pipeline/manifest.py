"""A batch's manifest: every input accounted for, written without rewriting it per chunk.

While a batch runs, each finished chunk adds one file of outcomes to the output folder's own
state folder, ``OUT/.translate/manifest-parts/NUMBER.jsonl`` (rewriting one JSON per chunk
would be quadratic in the inputs: a million inputs, tens of thousands of chunks), and
``manifest.json`` says ``"finished": null`` with the outcomes known when it was written (after
the first chunk, and again when the batch is interrupted). At the end ``manifest.json`` is
written whole, its outcomes read back from the parts in chunk order (the order a one-thread
run makes them in), and the parts are removed. The batch's driver is the only writer, whether
chunks run in threads or on a Dask cluster.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path

from translate.io.writers import write_atomic
from translate.pipeline.outfolder import MANIFEST, STATE

MANIFEST_PARTS = "manifest-parts"


class Manifest:
    def __init__(self, out_dir: Path):
        self.path = out_dir / MANIFEST
        self.parts = out_dir / STATE / MANIFEST_PARTS

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

    def build(self, header: Mapping[str, object], outcomes: Sequence[Mapping[str, object]] | None) -> dict[str, object]:
        """The manifest: ``header`` with ``outcomes`` (None: every outcome in the parts, the run finished)."""
        manifest = {**header, "outcomes": self.outcomes() if outcomes is None else list(outcomes)}
        if outcomes is not None:
            manifest["parts"] = f"{STATE}/{MANIFEST_PARTS}/: the outcomes of each finished chunk, until the end"
        return manifest
