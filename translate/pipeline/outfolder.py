"""A batch's output folder: one batch at a time, and the files it may touch.

- **Lock**: ``OUT/.translate/lock`` (the maintained ``filelock`` library: ``flock`` on Unix,
  released by the kernel when the process dies, even by ``kill -9``). A second batch on the
  same folder refuses at once, naming the first (pid, host, start), instead of deleting its
  temporary files mid-write.
- **Ownership**: before a file is written, its path (relative to OUT) is appended to
  ``OUT/.translate/written``. A file is ours when that journal, the manifest, or the report
  beside it (``X.report.json`` naming ``X`` as its output) says so; nothing else in OUT is
  overwritten or deleted. The journal is written before the file, so an output whose report
  a kill prevented is still known as ours.
- **Clean-up**: a temporary file a killed write left (``.HEAD.XXXXXXXX.tmp``, see
  :mod:`translate.io.writers`) is removed only when its HEAD is the name of a file of ours in
  the same folder: a user's own ``.notes.tmp`` survives.
"""

from __future__ import annotations

import datetime
import json
import os
import socket
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from translate.environment import environment_problem
from translate.errors import OutputFolderBusy
from translate.io.writers import TEMPORARY, temporary_head

STATE = ".translate"  # OUT/.translate/: the lock, who holds it, the journal
_LOCK, _OWNER, _JOURNAL = "lock", "owner", "written"
MANIFEST = "manifest.json"
REPORT_SUFFIXES = (".report.json", ".report.html")


def vouched_output(path: Path) -> bool:
    """Whether ``path`` is an output of ours by the report beside it (``path.report.json``)."""
    try:
        report = json.loads(path.with_name(path.name + ".report.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    output = report.get("output") if isinstance(report, dict) else None
    return isinstance(output, str) and Path(output).name == path.name


def written_by_translate(path: Path) -> bool:
    """An output of ours, or the report (JSON or HTML page) of one, by the reports' own word."""
    for suffix in REPORT_SUFFIXES:
        if path.name.endswith(suffix) and path.name != suffix:
            return vouched_output(path.with_name(path.name[: -len(suffix)]))
    return vouched_output(path)


class OutputFolder:
    """The lock, the journal of files written, and what may be cleaned up, for one OUT folder."""

    def __init__(self, root: Path):
        self.root = root
        self.state = root / STATE
        self._owned: set[str] | None = None
        self._journal = threading.Lock()

    # --- one batch at a time ---------------------------------------------------------

    @contextmanager
    def locked(self) -> Iterator[OutputFolder]:
        """Hold OUT for this batch: a second one refuses (:class:`OutputFolderBusy`, exit code 7)."""
        from filelock import FileLock, Timeout

        try:
            self.state.mkdir(parents=True, exist_ok=True)
        except OSError as error:  # read-only, not permitted, disk full: nothing could be written
            raise environment_problem(error, self.root) from None
        lock = FileLock(self.state / _LOCK, timeout=0)
        try:
            lock.acquire()
        except Timeout:
            raise OutputFolderBusy(
                f"{self.root}: another `translate batch` is writing here ({self._holder()}); wait for it to "
                "finish, or choose another -o"
            ) from None
        except OSError as error:
            raise environment_problem(error, self.state / _LOCK) from None
        try:
            started = datetime.datetime.now().isoformat(timespec="seconds")
            owner = f"pid {os.getpid()} on {socket.gethostname()}, since {started}"
            (self.state / _OWNER).write_text(owner + "\n", encoding="utf-8")
            yield self
        finally:
            lock.release()

    def _holder(self) -> str:
        try:
            return (self.state / _OWNER).read_text(encoding="utf-8").strip() or "unknown process"
        except OSError:
            return "unknown process"

    # --- what is ours ----------------------------------------------------------------

    def _relative(self, path: Path) -> str | None:
        """``path`` relative to OUT (folders resolved, the file itself not: a link is not followed)."""
        absolute = os.path.abspath(path)
        real = Path(os.path.realpath(os.path.dirname(absolute))) / os.path.basename(absolute)
        try:
            return real.relative_to(os.path.realpath(self.root)).as_posix()
        except ValueError:
            return None

    def owned(self) -> set[str]:
        """Paths (relative to OUT) of the files batches wrote here: the journal and the manifest."""
        if self._owned is None:
            owned: set[str] = set()
            try:
                owned.update(line for line in (self.state / _JOURNAL).read_text(encoding="utf-8").splitlines() if line)
            except (OSError, ValueError):
                pass
            try:
                manifest = json.loads((self.root / MANIFEST).read_text(encoding="utf-8"))
                outputs = [outcome.get("output") for outcome in manifest.get("outcomes", [])]
            except (OSError, ValueError, AttributeError):
                outputs = []
            for output in outputs:
                relative = self._relative(Path(output)) if isinstance(output, str) else None
                if relative:
                    owned.update(relative + suffix for suffix in ("", *REPORT_SUFFIXES))
            self._owned = owned
        return self._owned

    def is_ours(self, path: Path) -> bool:
        relative = self._relative(path)
        return (relative is not None and relative in self.owned()) or written_by_translate(path)

    def claim(self, paths: Iterable[Path]) -> None:
        """Record ``paths`` as ours before they are written (one append; lines are whole)."""
        relatives = [relative for relative in map(self._relative, paths) if relative]
        owned = self.owned()
        new = [relative for relative in relatives if relative not in owned]
        if not new:
            return
        with self._journal:
            self.state.mkdir(parents=True, exist_ok=True)
            with open(self.state / _JOURNAL, "a", encoding="utf-8") as journal:
                journal.write("".join(relative + "\n" for relative in new))
            owned.update(new)

    def compact(self) -> None:
        """Rewrite the journal with each path once (reruns append the same paths again)."""
        from translate.io.writers import write_atomic

        with self._journal:
            owned = sorted(path for path in self.owned() if (self.root / path).exists())
            write_atomic(self.state / _JOURNAL, "".join(path + "\n" for path in owned))

    def remove_stale_temporaries(self) -> int:
        """Delete the temporary files killed writes of ours left; only those (see the module's doc)."""
        heads = {(str(Path(path).parent), temporary_head(Path(path).name)) for path in self.owned()}
        heads.add((STATE, temporary_head(_JOURNAL)))  # the journal's own rewrite (compact)
        removed = 0
        for path in self.root.rglob(".*.tmp"):
            match = TEMPORARY.match(path.name)
            relative = self._relative(path)
            if match is None or relative is None or path.is_symlink() or not path.is_file():
                continue
            if (str(Path(relative).parent), match["head"]) in heads:
                path.unlink(missing_ok=True)
                removed += 1
        return removed
