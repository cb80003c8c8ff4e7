"""Output names: one per input and language, planned and checked before anything is written.

``story.txt`` → ``story.hy.txt``; with ``--format json|xliff`` the source's extension stays in
the name (``story.hy.txt.json``, ``story.hy.md.json``), so ``story.txt`` and ``story.md`` never
share an output. Inputs that would still meet at one name (``a/x.txt`` and ``b/x.txt`` under one
OUT, or names that differ only in letter case, which macOS and Windows disks do not tell apart)
are told apart by a number (``x~2.hy.txt``), noted in the manifest.

An output that cannot be written where it is planned fails that input alone, with what to do:
a name the file system cannot hold, a folder or a symbolic link in the way, an input file or
(in a batch's own folder) a file translate did not write.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath

from translate.pipeline.outfolder import REPORT_SUFFIXES

_FORMAT_SUFFIX = {"json": ".json", "xliff": ".xlf"}
_NAME_MAX = 255


def output_name(name: str, target: str, output_format: str = "same") -> str:
    """``story.txt`` → ``story.hy.txt``; ``story.hy.txt.json`` / ``story.hy.txt.xlf`` for those formats."""
    path = PurePath(name)
    return f"{path.stem}.{target}{path.suffix}{_FORMAT_SUFFIX.get(output_format, '')}"


@dataclass(frozen=True)
class PlannedOutput:
    """Where one input's translation into one language goes, or why it cannot be written."""

    path: Path | None
    problem: str | None = None  # the input fails for this language with this message
    note: str | None = None  # e.g. renamed because another input has the name


def _name_max(folder: Path) -> int:
    """The longest file name (bytes) the file system of ``folder`` (or its nearest existing parent) takes."""
    for candidate in (folder, *folder.parents):
        try:
            return os.pathconf(candidate, "PC_NAME_MAX")
        except (OSError, ValueError):
            continue
    return _NAME_MAX


def _in_the_way(path: Path, inputs: set[str], foreign: Callable[[Path], bool] | None) -> str | None:
    """Why an existing ``path`` must not be replaced by an output; None when nothing is in the way."""
    if path.is_symlink():
        return (f"{path} is a symbolic link; translate writes no output through a link: "
                "remove the link, or choose another -o")
    if path.is_dir():
        return f"{path} is a folder, where the output goes: move it away, or rename the input"
    if not path.exists():
        return None
    if str(path) in inputs:
        return f"{path} is an input of this run: it is not overwritten; choose another -o"
    if foreign is not None and foreign(path):
        return (f"{path} exists and translate did not write it (no report, not in the manifest): "
                "move it away, or choose another -o")
    return None


def plan_outputs(relatives: Sequence[Path], inputs: Sequence[Path], target: str, out_dir: Path,
                 output_format: str = "same", foreign: Callable[[Path], bool] | None = None) -> list[PlannedOutput]:
    """The output of each input (``relatives``: where it goes under ``out_dir``; ``inputs``: the
    files themselves) into ``target``. ``foreign(path)``: whether an existing file there is someone
    else's (None: replace what is there, as ``translate run`` does beside the articles)."""
    root = Path(os.path.realpath(out_dir))
    input_paths = {os.path.realpath(path) for path in inputs}
    taken: dict[str, int] = {}  # case-folded output path → index of the input that has it
    name_max: dict[Path, int] = {}  # folder → its file system's longest name, asked once
    planned: list[PlannedOutput] = []
    for index, relative in enumerate(relatives):
        folder = Path(os.path.realpath(root / relative.parent))
        if not folder.is_relative_to(root):
            planned.append(PlannedOutput(None, f"{relative}: its output would land outside {out_dir}; rename the input"))
            continue
        name, note, number = output_name(relative.name, target, output_format), None, 1
        while str(folder / name).casefold() in taken:
            other = relatives[taken[str(folder / name).casefold()]]
            number += 1
            renamed = output_name(f"{relative.stem}~{number}{relative.suffix}", target, output_format)
            note = f"written as {renamed}: {name} is the output of {other}"
            name = renamed
        taken[str(folder / name).casefold()] = index
        # The files written beside each output (its reports): their names must fit too.
        longest = max(len(os.fsencode(name + suffix)) for suffix in ("", *REPORT_SUFFIXES))
        if folder not in name_max:
            name_max[folder] = _name_max(folder)
        limit = name_max[folder]
        if longest > limit:
            planned.append(PlannedOutput(None, f"{relative}: its output's names would be {longest} bytes long, "
                                               f"more than the file system takes ({limit}); shorten the input's name"))
            continue
        path = folder / name
        problem = next(filter(None, (_in_the_way(candidate, input_paths, foreign)
                                     for candidate in (path, *(path.with_name(name + s) for s in REPORT_SUFFIXES)))),
                       None)
        planned.append(PlannedOutput(None if problem else path, problem, note))
    return planned
