"""Writers: a translated :class:`Document` back into an article with the source's structure."""

from __future__ import annotations

import os
import re
import stat
import tempfile
from pathlib import Path

from translate.document import Disposition, Document


def render_text(document: Document, start: int = 0, end: int | None = None) -> str:
    """The article (or its ``start:end`` part) rebuilt from its blocks; the text between
    blocks is copied from the source.

    A dropped block goes with the separator before it, so no gap is left behind; an
    untouched document renders to exactly its source.
    """
    source = document.source
    end = len(source) if end is None else end
    blocks = [block for block in document.blocks if start <= block.start and block.end <= end]
    if not blocks:
        return source[start:end]
    parts = [source[start : blocks[0].start]]
    wrote_a_block = False
    gap_start = blocks[0].start
    for block in blocks:
        if block.disposition is not Disposition.DROP:
            if wrote_a_block:
                parts.append(source[gap_start : block.start])
            parts.append(block.rendered(source))
            wrote_a_block = True
        gap_start = block.end
    parts.append(source[gap_start:end])
    return "".join(parts)


_TEMPORARY_SUFFIX = ".tmp"
# ".NAME.XXXXXXXX.tmp", as tempfile.mkstemp names them for write_atomic.
_OUR_TEMPORARY = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename: never a partial file.

    A file replaced keeps its permissions (an edited glossary stays readable by the desk).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=_TEMPORARY_SUFFIX, dir=path.parent)
    try:
        if path.exists():
            os.chmod(handle, stat.S_IMODE(path.stat().st_mode))
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def remove_stale_temporaries(directory: Path) -> int:
    """Delete the temporary files a killed :func:`write_atomic` left under ``directory``."""
    removed = 0
    for path in directory.rglob(f".*{_TEMPORARY_SUFFIX}"):
        if path.is_file() and _OUR_TEMPORARY.match(path.name):
            path.unlink(missing_ok=True)
            removed += 1
    return removed
