"""Which files a batch translates: folders walked recursively, include/exclude patterns (letter
case ignored: ``*.txt`` takes ``STORY.TXT``), and every file that matches accounted for.

A matching name that is not a regular file — a dangling symbolic link, a FIFO, a device — is
reported (it would hang or fail the read), not skipped in silence. Translations written by
translate are not inputs: in the output folder, what its journal, manifest or reports say is
ours (``-o`` may be the input folder itself); elsewhere, an output whose report says so
(``translate run *.txt`` twice does not translate ``a.hy.txt`` into ``a.hy.hy.txt``).
"""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath

from translate.pipeline.outfolder import OutputFolder, written_by_translate
from translate.regular_files import FILE_KINDS

DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm", "*.jsonl")


@dataclass(frozen=True)
class Source:
    """An input file and where its outputs go, relative to the output directory."""

    path: Path
    relative: Path


@dataclass
class Found:
    """What discovery found: the inputs, the names it cannot read (path, why), our own outputs."""

    sources: list[Source]
    problems: list[tuple[str, str]]
    ours: list[Path]


def _matches(relative: PurePath, patterns: Sequence[str]) -> bool:
    name, text = relative.name.casefold(), relative.as_posix().casefold()
    return any(fnmatch.fnmatchcase(name, p.casefold()) or fnmatch.fnmatchcase(text, p.casefold()) for p in patterns)


def wanted(relative: PurePath, include: Sequence[str], exclude: Sequence[str]) -> bool:
    """Whether a file at ``relative`` (under an input folder) is an input: included, not excluded."""
    return _matches(relative, include) and not _matches(relative, exclude)


def not_a_file(path: Path) -> str | None:
    """Why ``path`` cannot be read as an article (a dangling link, a FIFO, a device…), or None."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if path.is_symlink():
            return f"{path}: a symbolic link to {os.readlink(path)}, which does not exist; fix or remove the link"
        return f"{path}: no such file or directory"
    except OSError as error:
        return f"{path}: {error.strerror}"
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return f"{path}: is {FILE_KINDS.get(stat.S_IFMT(mode), 'not a regular file')}, not an article file"


def find_inputs(inputs: Sequence[Path], include: Sequence[str] = DEFAULT_INCLUDE, exclude: Sequence[str] = (),
                out_dir: Path | None = None) -> Found:
    """The files to translate, in a stable order; the names that cannot be read; our own outputs."""
    found = Found([], [], [])
    out = OutputFolder(out_dir) if out_dir is not None else None
    out_real = Path(os.path.realpath(out_dir)) if out_dir is not None else None

    def inside_out(path: Path) -> bool:
        return out_real is not None and Path(os.path.realpath(path)).is_relative_to(out_real)

    def take(path: Path, relative: Path) -> None:
        problem = not_a_file(path)
        if problem:
            found.problems.append((str(path), problem))
        elif inside_out(path):
            if out is not None and out.is_ours(path):  # is_ours reads the report beside it, once
                return  # a file of the batch's own output folder
            found.sources.append(Source(path, relative))
        elif written_by_translate(path):
            found.ours.append(path)
        else:
            found.sources.append(Source(path, relative))

    for given in inputs:
        if not given.is_dir():
            take(given, Path(given.name))
            continue
        # OUT strictly inside the folder: all of OUT is left alone, as before; OUT the folder
        # itself (or the folder inside OUT): only what is proven ours is left out.
        out_below = out_real is not None and not inside_out(given)
        for path in sorted(given.rglob("*")):
            relative = path.relative_to(given)
            if any(part.startswith(".") for part in relative.parts) or path.is_dir():
                continue
            if out_below and inside_out(path):
                continue  # our own outputs, when OUT lies inside the input folder
            if wanted(relative, include, exclude):
                take(path, relative)
    return found
