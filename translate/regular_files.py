"""Reading a file the user names — an article, a glossary, a configuration — only when it is
a regular file: a FIFO would block the read forever and a device (``/dev/zero``) never ends.

The file is opened without blocking (opening a FIFO with no writer returns at once) and its
kind checked on the open descriptor, so nothing can swap it in between. Callers turn the
errors into their own (:class:`~translate.errors.InputError` for articles,
:class:`~translate.errors.ConfigError` for configuration).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path

FILE_KINDS = {stat.S_IFIFO: "a FIFO (named pipe)", stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device",
              stat.S_IFSOCK: "a socket"}


class NotRegularFile(OSError):
    """The path is a FIFO, a device or a socket: nothing a program should read to the end."""


class FileTooLarge(OSError):
    """The file is larger than the caller's limit."""

    def __init__(self, path: Path | str, size: int, limit: int):
        super().__init__(errno.EFBIG, f"{size / 1e6:.1f} MB is over the limit of {limit / 1e6:.0f} MB", str(path))
        self.size = size
        self.limit = limit


def read_regular(path: Path | str, limit: int | None = None) -> bytes:
    """The bytes of ``path``, a regular file of at most ``limit`` bytes.

    Raises FileNotFoundError, IsADirectoryError, PermissionError as ``open`` does,
    :class:`NotRegularFile` for a FIFO, device or socket, :class:`FileTooLarge` over ``limit``."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        status = os.fstat(descriptor)
        mode = status.st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(path))
        if not stat.S_ISREG(mode):
            kind = FILE_KINDS.get(stat.S_IFMT(mode), "not a regular file")
            raise NotRegularFile(errno.EINVAL, f"is {kind}, not a file", str(path))
        size = status.st_size
        if limit is not None and size > limit:
            raise FileTooLarge(path, size, limit)
        os.set_blocking(descriptor, True)
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            # One byte past the limit: a file that grows while read is caught too.
            data = stream.read(-1 if limit is None else limit + 1)
    finally:
        os.close(descriptor)
    if limit is not None and len(data) > limit:
        raise FileTooLarge(path, len(data), limit)
    return data


def read_regular_text(path: Path | str, encoding: str = "utf-8") -> str:
    """The text of ``path`` (a regular file); UnicodeDecodeError when it is not in ``encoding``."""
    return read_regular(path).decode(encoding)


def read_named_text(path: Path | str, fail: Callable[[str], Exception], *, expected: str,
                    missing: str = "no such file", encoding: str = "utf-8") -> str:
    """The text of a file the user named (a glossary, a configuration, pairs to post-edit).

    Every way it cannot be read becomes ``fail(why)``, with ``why`` a sentence that says what to
    do; ``expected`` names what should have been given ("a glossary TOML file")."""
    try:
        return read_regular_text(path, encoding)
    except FileNotFoundError:
        raise fail(missing) from None
    except UnicodeDecodeError as error:
        raise fail(f"not UTF-8 (byte {error.start}); save it as UTF-8, e.g. `iconv -f CP1251 -t UTF-8`") from None
    except OSError as error:  # a folder, a FIFO or device, no permission
        raise fail(f"cannot be read: {error.strerror}; give {expected}") from None
