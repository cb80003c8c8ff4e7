"""Readers: an article file into documents of blocks with offsets.

The bytes are decoded here (UTF-8, or another encoding when it can be told reliably);
the format, chosen by suffix in :mod:`translate.io.formats`, cuts the text into blocks.
"""

from __future__ import annotations

import logging
from pathlib import Path

from translate.document import Document
from translate.errors import InputError
from translate.io.formats import ReadResult, format_for
from translate.io.formats.text import text_blocks

log = logging.getLogger(__name__)

# Articles larger than this are refused: nobody writes one, a scraper bug does.
MAX_ARTICLE_BYTES = 2_000_000
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


def decode(data: bytes, name: str) -> str:
    """Article bytes as text. UTF-8 (with or without BOM) and UTF-16 with a BOM are read as
    such; another encoding is accepted when charset detection is confident, with a warning.
    Binary data and undecidable encodings are errors that say what to do."""
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


def read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            raise InputError(
                f"{path}: {size / 1e6:.1f} MB is too large for one article (limit {MAX_ARTICLE_BYTES / 1e6:.0f} MB); "
                "split it into articles"
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory; give article files") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None


def parse_bytes(data: bytes, path: Path, language: str | None = None,
                options: dict[str, str] | None = None) -> ReadResult:
    """The documents in a file's bytes (several for JSON Lines) and the articles that failed."""
    if not data.strip():
        raise InputError(f"{path}: empty file")
    text = decode(data, str(path))
    if not text.strip():
        raise InputError(f"{path}: no text in it")
    return format_for(path.suffix, options).read(text, str(path), language)


def read_file(path: Path, language: str | None = None, options: dict[str, str] | None = None) -> ReadResult:
    return parse_bytes(read_bytes(path), path, language, options)


def read_document(path: Path, language: str | None = None) -> Document:
    """The one document of ``path`` (the first article of a JSON Lines file)."""
    result = read_file(path, language)
    if not result.documents:
        article, message = result.errors[0] if result.errors else (str(path), "no article")
        raise InputError(f"{path}: {message}")
    return result.documents[0]


def read_text(text: str, name: str = "<text>", language: str | None = None) -> Document:
    """A document of plain text (for tests and programs that hold the text already)."""
    return Document(source=text, name=name, language=language, blocks=text_blocks(text))
