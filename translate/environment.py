"""What the machine refused, as a message that says what to do: OS and SQLite errors mapped
to the exit-code table (``ExitCode.ENVIRONMENT``), here and nowhere else.

An OS error either concerns one path (a name too long, a folder in the way, no permission
for one subfolder): the article whose output it is fails alone; or the whole disk (full,
read-only, failing): nothing else can be written either, and the run stops. SQLite errors
are the translation memory's: a damaged file is named, with the two ways out.
"""

from __future__ import annotations

import errno
from pathlib import Path

from translate.errors import EnvironmentProblem, TranslationMemoryError

# errno → what to do about it.
_ADVICE = {
    errno.ENOSPC: "the disk is full: free some space and rerun (finished outputs are kept)",
    errno.EDQUOT: "the disk quota is used up: free some space and rerun (finished outputs are kept)",
    errno.EROFS: "the file system is read-only: choose a writable folder (-o)",
    errno.EIO: "the disk or network share failed (input/output error): check it, then rerun",
    errno.EACCES: "permission denied: make it writable for this user, or choose another folder (-o)",
    errno.EPERM: "not permitted: make it writable for this user, or choose another folder (-o)",
    errno.ENAMETOOLONG: "the name is too long for the file system: shorten the input's name",
    errno.EISDIR: "a folder is in the way: move it, or rename the input",
    errno.ENOTDIR: "a file is in the way where a folder is needed: move it",
    errno.ELOOP: "too many symbolic links: replace the link by a folder",
    errno.EMFILE: "too many open files: raise the limit (ulimit -n) or use fewer --jobs",
    errno.ENFILE: "too many open files on this machine: close some programs and rerun",
    errno.ENOENT: "no such file or folder: check the path",
    errno.EXDEV: "the temporary file and its destination are on different disks: choose another folder",
}
# Errors of the disk, not of one path: every later write would fail too.
_WHOLE_DISK = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EIO})


def os_error_message(error: OSError, path: object = None) -> str:
    """``PATH: what happened; what to do`` for an OS error."""
    where = path if path is not None else error.filename
    what = error.strerror or str(error) or type(error).__name__
    advice = _ADVICE.get(error.errno or -1, "check the path and the disk, then rerun")
    return f"{where}: {what}; {advice}" if where is not None else f"{what}; {advice}"


def stops_the_run(error: OSError) -> bool:
    """Whether ``error`` concerns the whole disk (stop) rather than one path (fail that article)."""
    return error.errno in _WHOLE_DISK


def environment_problem(error: OSError, path: object = None) -> EnvironmentProblem:
    """The :class:`EnvironmentProblem` (exit code 7) of an OS error, with what to do."""
    return EnvironmentProblem(os_error_message(error, path))


# SQLite result codes (``sqlite3.Error.sqlite_errorname``) → what to do about the memory file.
_MEMORY_ADVICE = {
    "SQLITE_CORRUPT": "it is damaged",
    "SQLITE_NOTADB": "it is not an SQLite database",
    "SQLITE_FULL": "the disk is full: free some space and rerun",
    "SQLITE_READONLY": "it is read-only: make it writable for this user",
    "SQLITE_CANTOPEN": "it cannot be opened: check that its folder exists and is writable",
    "SQLITE_IOERR": "the disk failed while reading or writing it",
    "SQLITE_BUSY": "another process holds it locked too long: wait for that run to finish",
    "SQLITE_PERM": "permission denied: make it writable for this user",
}
_WAYS_OUT = "run with --no-cache, or move the file aside (a new memory is started in its place)"


def memory_problem(error: Exception, path: Path | str) -> TranslationMemoryError:
    """The :class:`TranslationMemoryError` (exit code 7) of an SQLite error on the memory at ``path``."""
    name = getattr(error, "sqlite_errorname", None) or ""
    base = name.split("_")[0] + "_" + name.split("_")[1] if name.count("_") >= 2 else name  # SQLITE_IOERR_READ → SQLITE_IOERR
    what = _MEMORY_ADVICE.get(base)
    if what is None:
        what = "it is damaged" if "malformed" in str(error) or "not a database" in str(error) else "it failed"
    return TranslationMemoryError(f"{path}: translation memory: {what} ({error}); {_WAYS_OUT}")
