"""Where a checkpoint lives: a local directory, the Hugging Face cache, or the hub.

The hub is asked only when the checkpoint is neither a directory nor cached, and a
failure there becomes one :class:`ModelNotAvailable` that says what to do, quickly
(no long retries), instead of a traceback from deep inside transformers.
"""

from __future__ import annotations

import os
from pathlib import Path

from translate.errors import ModelNotAvailable

# What a Marian checkpoint needs on disk (weights in either format).
_CHECKPOINT_FILES = ["*.json", "*.spm", "*.model", "*.txt", "*.safetensors", "pytorch_model.bin"]


def _offline() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in {"1", "true", "yes", "on"}


def cached_checkpoint(checkpoint: str) -> Path | None:
    """The local directory of ``checkpoint`` (a directory path or a cached hub id), or None."""
    path = Path(checkpoint).expanduser()
    if path.is_dir():
        return path
    if path.is_absolute() or checkpoint.startswith(".") or checkpoint.count("/") != 1:
        return None
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import LocalEntryNotFoundError

    try:
        return Path(snapshot_download(checkpoint, local_files_only=True, allow_patterns=_CHECKPOINT_FILES))
    except (LocalEntryNotFoundError, OSError, ValueError):
        return None


def how_to_get(checkpoint: str) -> str:
    return (
        f"checkpoint {checkpoint!r} is not available: it is not a local directory, not in the "
        "Hugging Face cache, and could not be downloaded. Either pass --model DIR (a directory "
        "holding the checkpoint), download it once where there is network "
        f"(`translate models download {checkpoint}`, or `hf download {checkpoint}`) and copy the cache "
        "here, or try the pipeline without a model with --engine pseudo."
    )


def resolve_checkpoint(checkpoint: str) -> Path:
    """A local directory holding ``checkpoint``; downloads it only when the hub is reachable."""
    local = cached_checkpoint(checkpoint)
    if local is not None:
        return local
    path = Path(checkpoint).expanduser()
    if path.is_absolute() or checkpoint.startswith(".") or checkpoint.count("/") != 1:
        raise ModelNotAvailable(f"checkpoint directory {checkpoint!r} does not exist. {how_to_get(checkpoint)}")
    if _offline():
        raise ModelNotAvailable(how_to_get(checkpoint) + " (HF_HUB_OFFLINE is set.)")
    return download_checkpoint(checkpoint)


def download_checkpoint(checkpoint: str) -> Path:
    from huggingface_hub import snapshot_download

    try:
        return Path(snapshot_download(checkpoint, allow_patterns=_CHECKPOINT_FILES, etag_timeout=10))
    except Exception as error:  # the hub client raises many kinds; all mean "not here"
        raise ModelNotAvailable(f"{how_to_get(checkpoint)} (hub: {type(error).__name__})") from None


def checkpoint_fingerprint(directory: Path) -> dict[str, str]:
    """``{"fingerprint": …}`` for a local checkpoint directory, ``{}`` for a hub snapshot.

    A hub snapshot's directory name is its commit, so the revision says it all; a local
    directory's name says nothing when its files are replaced, so output signatures (and
    translation-memory keys) carry a hash of its files' names, sizes and times.
    """
    if directory.parent.name == "snapshots":
        return {}
    import hashlib

    digest = hashlib.sha256()
    for path in sorted(directory.iterdir()):
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path.name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return {"fingerprint": digest.hexdigest()[:16]}
