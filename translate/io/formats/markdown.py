"""Markdown: markup kept, text translated.

markdown-it-py finds the blocks (headings, paragraphs, list items, quotes) and their
lines; a block's span covers its text only, so markers (``#``, ``-``, ``>``) stay in the
source between blocks and the writer copies them. Code, HTML and tables are kept verbatim.

Inside a block, what is not text is the block's markup (:mod:`translate.markup`), never
sent to the engine and written back exactly as it was: a link's ``[`` and ``](address
"title")`` (or ``][label]``) around its text, an image's ``![`` and ``](address)`` around
its alt text, emphasis markers, and, whole, inline code, autolinks, inline HTML and
footnote labels (``[^1]``, with mdit-py-plugins' footnote rule). Reference definitions
(``[label]: address``) and a footnote definition's label are outside every block. The
parser's inline tokens carry no offsets, so each one's syntax is found in the source
from where the one before ended.
"""

from __future__ import annotations

from translate import markup as inline
from translate.document import Block, BlockKind, Document
from translate.io.formats import ReadResult
from translate.markup import Markup


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
        from mdit_py_plugins.footnote import footnote_plugin

        tokens = MarkdownIt("commonmark").enable("table").use(footnote_plugin).parse(text)
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
                new = self._blocks(text, starts, token, split_lines=containers > 0)
                if new:
                    _share(new, inline_markup(text, new[0].start, new[-1].end, token.children or []))
                blocks.extend(new)
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

    def render(self, documents: list[Document]) -> str:  # markup comes back from the source (Block.rendered)
        from translate.io.writers import render_text

        return "".join(render_text(document) for document in documents)


def _share(blocks: list[Block], items: list[Markup]) -> None:
    """Each block its markup; a pair whose halves fall in different blocks stays text."""
    def home(item: Markup) -> Block | None:
        return next((b for b in blocks if b.start <= item.start and item.end <= b.end), None)

    homes = {item: home(item) for item in items}
    for item in items:
        block = homes[item]
        if block is None:
            continue
        if inline.kind(item.marker) != "isolated":
            partners = [p for p in items if inline.number_of(p.marker) == inline.number_of(item.marker)]
            if any(homes[p] is not block for p in partners):
                continue
        block.markup.append(item)


def _destination_end(text: str, position: int, end: int) -> int:
    """Where a link's ``(address "title")`` or ``[label]`` that starts at ``position`` ends."""
    if position < end and text[position] in "([":
        closing = ")" if text[position] == "(" else "]"
        depth, index = 0, position
        while index < end:
            character = text[index]
            if character == "\\":
                index += 2
                continue
            if character == text[position]:
                depth += 1
            elif character == closing:
                depth -= 1
                if depth == 0:
                    return index + 1
            index += 1
    return position


def _bracket_end(text: str, position: int, end: int) -> int:
    """The index of the ``]`` that closes the ``[`` before ``position`` (-1: none)."""
    depth, index = 1, position
    while index < end:
        character = text[index]
        if character == "\\":
            index += 2
            continue
        if character == "[":
            depth += 1
        elif character == "]":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    return -1


def inline_markup(text: str, start: int, end: int, children: list) -> list[Markup]:
    """The markup of one inline token's children, found in ``text[start:end]`` in order."""
    items: list[Markup] = []
    pending: list[tuple[int, Markup | None]] = []  # open pairs: (number, opening markup or None if not found)
    cursor, number, skip = start, 0, False

    def find(needle: str) -> int:
        return text.find(needle, cursor, end) if needle else -1

    for token in children:
        kind = token.type
        if skip:
            skip = kind != "link_close"
            continue
        if kind == "text":
            position = find(token.content)
            cursor = position + len(token.content) if position >= 0 else cursor
        elif kind in ("code_inline", "html_inline", "footnote_ref") or (kind == "link_open" and token.markup == "autolink"):
            number += 1
            if kind == "code_inline":
                position = find(token.markup)
                close = text.find(token.markup, position + len(token.markup), end) if position >= 0 else -1
                stop = close + len(token.markup) if close >= 0 else -1
            elif kind == "footnote_ref":
                label = f"[^{token.meta.get('label', '')}]"
                position = find(label)
                stop = position + len(label)
            elif kind == "html_inline":
                position = find(token.content)
                stop = position + len(token.content)
            else:
                position = find("<")
                stop = text.find(">", position, end) + 1 if position >= 0 else -1
                skip = True  # the address is its text: nothing inside to translate
            if position >= 0 and stop > position:
                items.append(Markup(position, stop, inline.isolated(number)))
                cursor = stop
        elif kind in ("link_open", "em_open", "strong_open", "image"):
            number += 1
            needle = {"link_open": "[", "image": "!["}.get(kind, token.markup)
            position = find(needle)
            opening = Markup(position, position + len(needle), inline.opening(number)) if position >= 0 else None
            if opening is not None:
                cursor = opening.end
            if kind != "image":
                pending.append((number, opening))
                continue
            close = _bracket_end(text, cursor, end) if opening is not None else -1
            if close >= 0:
                stop = _destination_end(text, close + 1, end)
                items += [opening, Markup(close, stop, inline.closing(number))]  # type: ignore[list-item]
                cursor = stop
        elif kind in ("link_close", "em_close", "strong_close") and pending:
            pair, opening = pending.pop()
            needle = "]" if kind == "link_close" else token.markup
            position = find(needle)
            if opening is None or position < 0:
                continue
            stop = _destination_end(text, position + 1, end) if kind == "link_close" else position + len(needle)
            items += [opening, Markup(position, stop, inline.closing(pair))]
            cursor = stop
    return sorted(items, key=lambda item: item.start)


MARKDOWN = MarkdownFormat()
