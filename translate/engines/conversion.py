"""Opus-MT checkpoints converted for CTranslate2: where they are kept, and converting them.

A converted model lives next to its checkpoint (``CHECKPOINT/ctranslate2-float32/``) when
the checkpoint is a writable directory, else under the user cache
(``~/.cache/translate/ctranslate2/…``). Each holds ``translate-conversion.json`` naming the
checkpoint files it was made from, so a checkpoint replaced in place is converted again.
Converting needs torch and transformers (imported here only); translating does not.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from pathlib import Path

from translate.config import COMPUTE_TYPES
from translate.engines.checkpoints import checkpoint_fingerprint, resolve_checkpoint
from translate.errors import ConfigError, ConversionUnavailable
from translate.user_cache import user_cache_dir

log = logging.getLogger(__name__)

# CTranslate2's weight types. "auto" is ours, chosen by measurement (benchmarks/throughput.py):
# int8 on CPU — on an AVX-512 VNNI Xeon 1.6× float32's speed at batch 32 and 4× at batch 2,
# on an AVX2 Zen 3 as fast as float32 at batch 32 (the pipeline's batches), and ~200 MB less
# memory (float32 peaked at 720 MB, over the 700 MB goal) — and float16 on a GPU.
_AUTO = {"cpu": "int8", "cuda": "float16"}
METADATA = "translate-conversion.json"


def resolve_compute_type(compute_type: str, device: str = "cpu") -> str:
    """The weight type to convert to and run with: ``auto`` resolved for ``device``."""
    if compute_type == "auto":
        return _AUTO.get(device, "float32")
    if compute_type not in COMPUTE_TYPES:
        raise ConfigError(
            f"unknown compute type {compute_type!r}; use auto or one of: {', '.join(COMPUTE_TYPES)}",
            key="generation.compute_type",
        )
    return compute_type


def _provenance(directory: Path) -> dict[str, object]:
    return {"checkpoint": str(directory.resolve()), "revision": directory.name, **checkpoint_fingerprint(directory)}


def converted_location(directory: Path, compute_type: str) -> Path:
    """Where the ``compute_type`` conversion of the checkpoint in ``directory`` is kept."""
    name = f"ctranslate2-{compute_type}"
    in_snapshot = directory.parent.name == "snapshots"  # the hub cache: leave its layout alone
    if not in_snapshot and os.access(directory, os.W_OK):
        return directory / name
    path = directory.resolve()
    # models--Helsinki-NLP--opus-mt-en-hy-<commit> for a snapshot, the directory's name otherwise.
    label = f"{path.parent.parent.name}-{path.name[:12]}" if in_snapshot else path.name
    digest = hashlib.sha256(str(path).encode()).hexdigest()[:10]
    return user_cache_dir() / "ctranslate2" / f"{label}-{digest}" / name


def find_converted(directory: Path, compute_type: str) -> Path | None:
    """The up-to-date conversion of ``directory`` for ``compute_type``, or None."""
    location = converted_location(directory, compute_type)
    try:
        made_from = json.loads((location / METADATA).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not (location / "model.bin").is_file():
        return None
    current = _provenance(directory)
    if any(made_from.get(key) != value for key, value in current.items()):
        log.warning("%s was converted from an older version of %s; converting again", location, directory)
        return None
    return location


def convert_checkpoint(checkpoint: str, compute_type: str = "auto", *, device: str = "cpu", force: bool = False) -> Path:
    """Convert ``checkpoint`` (hub id or directory) for CTranslate2 once; return where it is.

    Conversion writes to a temporary directory and renames it into place, so a second
    process converting the same checkpoint at the same time cannot leave half a model.
    """
    directory = resolve_checkpoint(checkpoint)
    compute_type = resolve_compute_type(compute_type, device)
    if not force and (existing := find_converted(directory, compute_type)):
        return existing
    location = converted_location(directory, compute_type)
    try:
        import ctranslate2
        from ctranslate2.converters import TransformersConverter
        from transformers.utils import logging as transformers_logging
    except ImportError as error:
        raise ConversionUnavailable(f"converting for CTranslate2 needs ctranslate2, torch and transformers: {error}") from None
    try:
        location.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{location.name}.", dir=location.parent))
    except OSError as error:
        raise ConversionUnavailable(f"cannot write the CTranslate2 conversion of {checkpoint} to {location.parent}: "
                                    f"{error.strerror}") from None

    transformers_logging.disable_progress_bar()
    # Progress: the one slow step of a first run (10–15 s for an Opus-MT checkpoint on 2 cores).
    log.warning("converting %s for CTranslate2 (%s), once; later runs reuse it: %s", checkpoint, compute_type, location)
    started = time.perf_counter()
    try:
        try:
            TransformersConverter(str(directory)).convert(str(staging), quantization=compute_type, force=True)
        except (ValueError, OSError, RuntimeError, KeyError, NotImplementedError) as error:
            raise ConversionUnavailable(f"cannot convert {checkpoint} for CTranslate2: {error}") from None
        metadata = {**_provenance(directory), "compute_type": compute_type, "ctranslate2": ctranslate2.__version__}
        (staging / METADATA).write_text(json.dumps(metadata, indent=2) + "\n", encoding="utf-8")
        if location.exists():
            if not force and find_converted(directory, compute_type):
                return location  # another process finished first
            retired = Path(tempfile.mkdtemp(prefix=f".{location.name}.old.", dir=location.parent))
            os.replace(location, retired / "model")
            shutil.rmtree(retired, ignore_errors=True)
        try:
            os.replace(staging, location)
        except OSError:
            if find_converted(directory, compute_type):
                return location  # another process finished first
            raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    log.warning("converted %s in %.0f s", checkpoint, time.perf_counter() - started)
    return location


def conversions(directory: Path) -> list[str]:
    """The compute types ``directory`` has an up-to-date CTranslate2 conversion for."""
    return [compute_type for compute_type in COMPUTE_TYPES if find_converted(directory, compute_type)]
