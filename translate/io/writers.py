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
# A temporary file is ".HEAD.XXXXXXXX.tmp" (tempfile.mkstemp's 8 random characters), HEAD the
# destination's name cut to 120 characters: a name the file system takes for any destination
# name it takes (255 bytes), however long the destination's own name.
_HEAD_LENGTH = 120
TEMPORARY = re.compile(r"^\.(?P<head>.+)\.[a-z0-9_]{8}\.tmp$", re.DOTALL)


def temporary_head(name: str) -> str:
    """The part of a temporary file's name that says which file it was going to be."""
    return name[:_HEAD_LENGTH]


def _umask() -> int:
    """The process's umask, read without changing it where Linux allows (threads write meanwhile)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename: never a partial file.

    A new file gets the permissions the umask gives (0644 under the usual 022, as the shell
    would create it); a file replaced keeps its own (an edited glossary stays readable by the desk).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{temporary_head(path.name)}.", suffix=_TEMPORARY_SUFFIX,
                                         dir=path.parent)
    try:
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except FileNotFoundError:
            mode = 0o666 & ~_umask()
        os.chmod(handle, mode)
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
