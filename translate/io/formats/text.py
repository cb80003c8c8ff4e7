"""Plain text: one block per line, or per hard-wrapped paragraph."""

from __future__ import annotations

import re

from translate.document import Block, Document
from translate.io.formats import ReadResult

_LINE = re.compile(r"[^\n]*\n?")


def _continues(previous: str, line: str) -> bool:
    """A hard-wrapped paragraph: no sentence end before, a lower-case word after."""
    previous, line = previous.rstrip(), line.lstrip()
    return bool(previous and line) and previous[-1] not in ".!?։:;\"”»" and line[0].islower()


def text_blocks(text: str, start: int = 0, end: int | None = None) -> list[Block]:
    """Blocks of ``text[start:end]``, one per line or hard-wrapped paragraph, by offsets.

    Scraped articles put one paragraph (or one UI string) per line, so each line is a
    block unless it continues the line before.
    """
    end = len(text) if end is None else end
    blocks: list[Block] = []
    previous_line = ""
    for match in _LINE.finditer(text, start, end):
        line = match.group().rstrip("\n")
        if not line.strip():
            previous_line = ""
            continue
        block_start = match.start() + (len(line) - len(line.lstrip()))
        block_end = match.start() + len(line.rstrip())
        if blocks and previous_line and _continues(previous_line, line):
            last = blocks[-1]
            last.end = block_end
            last.text = text[last.start : block_end]
        else:
            blocks.append(Block(block_start, block_end, text[block_start:block_end]))
        previous_line = line
    return blocks


class TextFormat:
    name = "text"

    def read(self, text: str, name: str, language: str | None) -> ReadResult:
        return ReadResult([Document(source=text, name=name, language=language, blocks=text_blocks(text))])

    def render(self, documents: list[Document]) -> str:
        from translate.io.writers import render_text

        return "".join(render_text(document) for document in documents)


TEXT = TextFormat()
