"""Readers: an article file into a :class:`Document` of blocks with offsets."""

from __future__ import annotations

import re
from pathlib import Path

from translate.document import Block, Document
from translate.errors import InputError

# A block is a run of non-blank lines that reads as one paragraph; scraped articles put
# one paragraph (or one UI string) per line, so each line is a block unless it continues
# the line before (a hard-wrapped paragraph: no sentence end, lower-case continuation).
_LINE = re.compile(r"[^\n]*\n?")


def decode(data: bytes, name: str) -> str:
    """Article bytes as text: UTF-8 (with or without BOM). Binary or other encodings are errors."""
    if b"\x00" in data[:4096]:
        raise InputError(f"{name}: looks like a binary file, not an article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{name}: not valid UTF-8 (byte {error.start}); convert it, e.g. `iconv -f CP1251 -t UTF-8`"
        ) from None
    return text.replace("\r\n", "\n")


def _continues(previous: str, line: str) -> bool:
    previous, line = previous.rstrip(), line.lstrip()
    return bool(previous and line) and previous[-1] not in ".!?։:;\"”»" and line[0].islower()


def text_blocks(text: str) -> list[Block]:
    """Blocks of plain text, one per line or hard-wrapped paragraph, by offsets."""
    blocks: list[Block] = []
    previous_line = ""
    for match in _LINE.finditer(text):
        line = match.group().rstrip("\n")
        if not line.strip():
            previous_line = ""
            continue
        start = match.start() + (len(line) - len(line.lstrip()))
        end = match.start() + len(line.rstrip())
        if blocks and previous_line and _continues(previous_line, line):
            last = blocks[-1]
            last.end = end
            last.text = text[last.start : end]
        else:
            blocks.append(Block(start, end, text[start:end]))
        previous_line = line
    return blocks


def read_text(text: str, name: str = "<text>", language: str | None = None) -> Document:
    return Document(source=text, name=name, language=language, blocks=text_blocks(text))


READERS = {".txt": read_text, ".text": read_text}


def read_document(path: Path, language: str | None = None) -> Document:
    """Read ``path`` by its suffix; unknown suffixes are read as plain text."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory; give article files") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror}") from None
    reader = READERS.get(path.suffix.lower(), read_text)
    return reader(decode(data, str(path)), name=str(path), language=language)
