"""Readers: an article file into documents of blocks with offsets.

The bytes are decoded here (UTF-8, or another encoding when it can be told reliably);
the format, chosen by suffix in :mod:`translate.io.formats`, cuts the text into blocks.
"""

from __future__ import annotations

import logging
from pathlib import Path

from translate.document import Document
from translate.environment import os_error_message
from translate.errors import InputError
from translate.io.formats import MAX_ARTICLE_BYTES, ReadResult, format_for
from translate.io.formats.text import text_blocks
from translate.regular_files import FileTooLarge, NotRegularFile, read_regular

log = logging.getLogger(__name__)

__all__ = ["MAX_ARTICLE_BYTES", "decode", "file_limit", "parse_bytes", "read_bytes", "read_document", "read_file"]

# A file of many articles (JSON Lines: a day's scrape) may be this large; each of its
# articles is held to MAX_ARTICLE_BYTES by the format.
MAX_MULTI_ARTICLE_BYTES = 128_000_000
_MULTI_ARTICLE_SUFFIXES = (".jsonl",)
# Control characters other than tab, newline, carriage return and form feed mean binary.
_BINARY_BYTES = bytes(range(0, 9)) + bytes(range(14, 32))


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    return sum(head.count(byte) for byte in _BINARY_BYTES) > max(8, len(head) // 100)


def _unix_newlines(text: str) -> str:
    """CR LF and a lone CR (old Mac files) become LF, as every reader counts lines."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def file_limit(path: Path) -> int:
    """The most bytes a file of ``path``'s format may hold: one article's, or many's."""
    return MAX_MULTI_ARTICLE_BYTES if path.suffix.lower() in _MULTI_ARTICLE_SUFFIXES else MAX_ARTICLE_BYTES


def decode(data: bytes, name: str, encoding: str | None = None) -> str:
    """Article bytes as text. UTF-8 (with or without BOM) and UTF-16 with a BOM are read as
    such; another encoding is accepted when charset detection is confident, with a warning.
    Binary data and undecidable encodings are errors that say what to do. ``encoding``
    (``--encoding``) overrides detection: detection cannot tell Latin-1 from CP1250 for sure."""
    if encoding:
        if _looks_binary(data):
            raise InputError(f"{name}: looks like a binary file, not an article")
        try:
            return _unix_newlines(data.decode("utf-8-sig" if encoding.replace("_", "-").lower() in ("utf-8", "utf8")
                                              else encoding))
        except UnicodeDecodeError as error:
            raise InputError(f"{name}: not valid {encoding} (byte {error.start}); check --encoding") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _unix_newlines(data.decode("utf-16"))
    if _looks_binary(data):
        raise InputError(f"{name}: looks like a binary file, not an article")
    try:
        return _unix_newlines(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        position = error.start
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding and best.chaos < 0.1 and best.coherence > 0.2:
        log.warning("%s: not UTF-8; read as %s (detected)", name, best.encoding)
        return _unix_newlines(str(best))
    raise InputError(
        f"{name}: not valid UTF-8 (byte {position}) and its encoding cannot be told; "
        "convert it to UTF-8, e.g. `iconv -f CP1251 -t UTF-8`"
    )


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The bytes of an article file: a regular file (never a FIFO or a device) of at most ``limit``
    bytes (default: :func:`file_limit`)."""
    limit = file_limit(path) if limit is None else limit
    try:
        return read_regular(path, limit)
    except FileTooLarge as error:
        many = "a file of articles" if limit > MAX_ARTICLE_BYTES else "one article"
        raise InputError(
            f"{path}: {error.size / 1e6:.1f} MB is too large for {many} (limit {error.limit / 1e6:.0f} MB); "
            "split it"
        ) from None
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory; give article files") from None
    except NotRegularFile as error:
        raise InputError(f"{path}: {error.strerror}; give article files") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied; make it readable for this user") from None
    except OSError as error:
        raise InputError(os_error_message(error, path)) from None


def parse_bytes(data: bytes, path: Path, language: str | None = None,
                options: dict[str, str] | None = None) -> ReadResult:
    """The documents in a file's bytes (several for JSON Lines) and the articles that failed.
    ``options``: the format's (JSON Lines field names) and ``encoding`` (``--encoding``)."""
    if not data.strip():
        raise InputError(f"{path}: empty file")
    text = decode(data, str(path), (options or {}).get("encoding"))
    if not text.strip():
        raise InputError(f"{path}: no text in it")
    return format_for(path.suffix, options).read(text, str(path), language)


def read_file(path: Path, language: str | None = None, options: dict[str, str] | None = None) -> ReadResult:
    return parse_bytes(read_bytes(path), path, language, options)


def read_document(path: Path, language: str | None = None, options: dict[str, str] | None = None) -> Document:
    """The one document of ``path`` (the first article of a JSON Lines file)."""
    result = read_file(path, language, options)
    if not result.documents:
        article, message = result.errors[0] if result.errors else (str(path), "no article")
        raise InputError(f"{path}: {message}")
    return result.documents[0]


def read_text(text: str, name: str = "<text>", language: str | None = None) -> Document:
    """A document of plain text (for tests and programs that hold the text already)."""
    return Document(source=text, name=name, language=language, blocks=text_blocks(text))
