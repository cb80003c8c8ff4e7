"""Markdown: markup kept, text translated.

markdown-it-py finds the blocks (headings, paragraphs, list items, quotes) and their
lines; a block's span covers its text only, so markers (``#``, ``-``, ``>``) stay in the
source between blocks and the writer copies them. Code, HTML and tables are kept verbatim.
"""

from __future__ import annotations

from translate.document import Block, BlockKind, Document
from translate.io.formats import ReadResult


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for index, character in enumerate(text):
        if character == "\n":
            starts.append(index + 1)
    return starts


def _line(text: str, starts: list[int], number: int) -> tuple[int, str]:
    start = starts[number]
    end = starts[number + 1] - 1 if number + 1 < len(starts) else len(text)
    return start, text[start:end]


class MarkdownFormat:
    name = "markdown"

    def read(self, text: str, name: str, language: str | None) -> ReadResult:
        from markdown_it import MarkdownIt

        tokens = MarkdownIt("commonmark").enable("table").parse(text)
        starts = _line_starts(text)
        blocks: list[Block] = []
        containers = 0  # inside a list or quote, each line is its own block
        heading_level = 0
        for token in tokens:
            if token.type in ("bullet_list_open", "ordered_list_open", "blockquote_open"):
                containers += 1
            elif token.type in ("bullet_list_close", "ordered_list_close", "blockquote_close"):
                containers -= 1
            elif token.type == "heading_open":
                heading_level = int(token.tag[1])
            elif token.type == "inline" and token.map and token.content.strip():
                blocks.extend(self._blocks(text, starts, token, split_lines=containers > 0))
                if heading_level == 1 and not any(b.kind is BlockKind.TITLE for b in blocks[:-1]):
                    blocks[-1].kind = BlockKind.TITLE
                heading_level = 0
        return ReadResult([Document(source=text, name=name, language=language, blocks=blocks)])

    @staticmethod
    def _blocks(text: str, starts: list[int], token, split_lines: bool) -> list[Block]:
        first, last = token.map
        spans: list[tuple[int, int]] = []
        for number, content in zip(range(first, last), token.content.split("\n")):
            line_start, line = _line(text, starts, number)
            content = content.strip()
            offset = line.rfind(content) if content else -1
            if offset < 0:
                continue
            spans.append((line_start + offset, line_start + offset + len(content)))
        if not spans:
            return []
        if split_lines:
            return [Block(start, end, text[start:end]) for start, end in spans]
        start, end = spans[0][0], spans[-1][1]
        return [Block(start, end, text[start:end])]

    def render(self, documents: list[Document]) -> str:
        from translate.io.writers import render_text

        return "".join(render_text(document) for document in documents)


MARKDOWN = MarkdownFormat()
