"""What makes an output up to date, so that a rerun skips it: its report's fingerprint.

The fingerprint covers the source's bytes, the target, every setting that shapes the output,
and the engines that actually made it — each translator's signature, with the checkpoint's own
fingerprint (:func:`translate.engines.checkpoints.checkpoint_fingerprint`), so a checkpoint
replaced in place, or a real engine where ``--fallback pseudo`` stood in, redoes the output.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

# The engine whose output is never final unless it was asked for (it is not a translation).
STAND_IN = "pseudo"


def fingerprint(data: bytes, target: str, settings: dict[str, object],
                engines: dict[str, object] | None = None) -> str:
    """What an output depends on: its source, the settings, and the engines that made it (with
    their checkpoints' own fingerprints: a checkpoint replaced in place redoes its outputs)."""
    digest = hashlib.sha256(data)
    digest.update(json.dumps({"target": target, **settings, "engines_run": engines or {}},
                             sort_keys=True, default=str).encode())
    return digest.hexdigest()


def engine_names(signature: object) -> set[str]:
    """Every engine name in a signature (pivot hops included)."""
    if isinstance(signature, dict):
        names = {str(signature["engine"])} if "engine" in signature else set()
        return names.union(*(engine_names(value) for value in signature.values()))
    if isinstance(signature, list):
        return set().union(*(engine_names(value) for value in signature))
    return set()


def report_path(output: Path) -> Path:
    return output.with_name(output.name + ".report.json")


def previous_report(output: Path) -> dict[str, object] | None:
    try:
        return json.loads(report_path(output).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
