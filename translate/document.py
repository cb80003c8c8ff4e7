"""The document model: the data that flows from stage to stage.

A :class:`Document` keeps the exact source text. Readers cut it into :class:`Block`s
(title, caption, body paragraph, page chrome, …) by character offsets; the segmenter
cuts each translatable block into :class:`Segment`s (sentences), again by offsets;
engines fill ``Segment.translation``; the writer rebuilds the article from the
offsets, so everything between segments (spacing, blank lines, markup) survives.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class BlockKind(str, enum.Enum):
    """What a block is. Readers start with UNKNOWN; the segmenter classifies."""

    UNKNOWN = "unknown"
    TITLE = "title"
    CAPTION = "caption"
    BODY = "body"
    CHROME = "chrome"  # page template debris: never reaches the MT engine
    DUPLICATE = "duplicate"  # a block printed again right after itself

    @property
    def translatable(self) -> bool:
        return self in (BlockKind.UNKNOWN, BlockKind.TITLE, BlockKind.CAPTION, BlockKind.BODY)


class Disposition(str, enum.Enum):
    """What the writer does with a block."""

    TRANSLATE = "translate"  # segments replaced by their translations
    KEEP = "keep"  # written verbatim
    DROP = "drop"  # left out, with the separator before it
    REPLACE = "replace"  # written as ``Block.replacement`` (e.g. a localised UI string)


@dataclass
class Segment:
    """A unit the engine translates (a sentence), as a span of ``Document.source``."""

    start: int
    end: int
    text: str
    translation: str | None = None

    @property
    def mt_input(self) -> str:
        """The text sent to the engine: internal line breaks and runs of spaces collapsed."""
        return " ".join(self.text.split())


@dataclass
class Block:
    """A span of the source with a kind: a paragraph, a title, a caption, a chrome line."""

    start: int
    end: int
    text: str
    kind: BlockKind = BlockKind.UNKNOWN
    language: str | None = None
    segments: list[Segment] = field(default_factory=list)
    disposition: Disposition = Disposition.TRANSLATE
    replacement: str | None = None
    # Why the segmenter classified the block as it did (shown by `translate segment`).
    reason: str = ""
    # For chrome a catalog lists: (site, English msgid) of the entry, so a localisation
    # stage can render the site's string in the target language.
    catalog_entry: tuple[str, str] | None = None

    def rendered(self, source: str) -> str:
        """The block's output: its translation (source between segments kept), or as disposed."""
        if self.disposition is Disposition.REPLACE:
            return self.replacement or ""
        if self.disposition is Disposition.KEEP:
            return self.text
        parts: list[str] = []
        cursor = self.start
        for segment in self.segments:
            parts.append(source[cursor : segment.start])
            parts.append(segment.text if segment.translation is None else segment.translation)
            cursor = segment.end
        parts.append(source[cursor : self.end])
        return "".join(parts)


@dataclass
class Document:
    """An article: its exact source text and the blocks cut from it, in order."""

    source: str
    name: str = "<text>"
    language: str | None = None
    blocks: list[Block] = field(default_factory=list)
    # Reader-specific data the writer needs (e.g. the HTML tree, JSONL fields).
    metadata: dict[str, object] = field(default_factory=dict)

    def translatable_segments(self) -> list[Segment]:
        return [
            segment
            for block in self.blocks
            if block.disposition is Disposition.TRANSLATE
            for segment in block.segments
        ]

    def check_offsets(self) -> None:
        """Raise ValueError unless blocks and segments are ordered, disjoint spans of the source."""
        cursor = 0
        for block in self.blocks:
            if not (cursor <= block.start <= block.end <= len(self.source)):
                raise ValueError(f"block {block.start}:{block.end} out of order")
            if self.source[block.start : block.end] != block.text:
                raise ValueError(f"block {block.start}:{block.end} text does not match the source")
            inner = block.start
            for segment in block.segments:
                if not (inner <= segment.start <= segment.end <= block.end):
                    raise ValueError(f"segment {segment.start}:{segment.end} outside its block")
                if self.source[segment.start : segment.end] != segment.text:
                    raise ValueError(f"segment {segment.start}:{segment.end} text does not match")
                inner = segment.end
            cursor = block.end
