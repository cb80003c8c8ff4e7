"""The document model: the data that flows from stage to stage.

A :class:`Document` keeps the exact source text. Readers cut it into :class:`Block`s
(title, caption, body paragraph, page chrome, …) by character offsets; the segmenter
cuts each translatable block into :class:`Segment`s (sentences), again by offsets;
engines fill ``Segment.translation``; the writer rebuilds the article from the
offsets, so everything between segments (spacing, blank lines, markup) survives.

The document also carries what the stages found: each segment the glossary terms it holds
(:class:`TermOutcome`) and the findings of the translators that made it; each block the
findings about it as a whole (e.g. page chrome that could not be localised). Reports and
QA read them from here.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from translate import markup as inline
from translate.findings import Finding
from translate.markup import Markup


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


class TermStatus(str, enum.Enum):
    """What became of a glossary term in a translation (more may be added: a report shows
    any status it meets; FAILED is an error, UNCERTAIN a warning)."""

    KEPT = "kept"  # the engine's own rendering was an accepted form
    FIXED = "fixed"  # the engine's rendering (a variant spelling, a copy) replaced by the form in its case
    ENFORCED = "enforced"  # the term was protected and the fitting form put in
    UNCERTAIN = "uncertain"  # a rendering whose case nothing decides: left (or put in) as is, flagged
    FAILED = "failed"  # no accepted form, and enforcement could not be guaranteed: flagged


@dataclass(frozen=True)
class TermOutcome:
    """One source occurrence of a glossary term in a segment, and what became of it."""

    term: str  # the glossary entry's id
    source: str  # as written in the source segment
    form: str | None  # the term as it stands in the final translation (None: not there)
    status: TermStatus
    reason: str = ""
    found: str | None = None  # the engine's rendering when it is no accepted form (FIXED: replaced; UNCERTAIN: left)

    def as_dict(self) -> dict[str, object]:
        data: dict[str, object] = {"term": self.term, "source": self.source, "form": self.form,
                                   "status": self.status.value}
        if self.found is not None:
            data["found"] = self.found
        if self.reason:
            data["reason"] = self.reason
        return data


@dataclass
class Segment:
    """A unit the engine translates (a sentence), as a span of ``Document.source``."""

    start: int
    end: int
    text: str
    translation: str | None = None
    # What the translators reported with the translation: glossary terms and findings.
    terms: list[TermOutcome] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    # Inline markup in the segment (:mod:`translate.markup`), and the translation with its
    # markers where they landed (None: no markup, or not translated).
    markup: list[Markup] = field(default_factory=list)
    marked: str | None = None

    @property
    def mt_input(self) -> str:
        """The text sent to the engine: internal line breaks and runs of spaces collapsed,
        inline markup replaced by its markers."""
        if self.markup:
            return inline.with_markers(self.text, self.start, self.markup)
        return " ".join(self.text.split())

    def output(self, source: str, *, markers: bool = False) -> str:
        """The segment as written: its translation with the inline markup's source text
        back in place (or the markers themselves), else the source text."""
        if self.marked is not None and self.translation is not None:
            if markers:
                return self.marked
            return inline.resolve(self.marked, {m.marker: source[m.start : m.end] for m in self.markup})
        text = self.text if self.translation is None else self.translation
        if markers and self.markup and text == self.text:
            return self.mt_input
        return text


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
    # Findings about the block as a whole (e.g. chrome the UI catalogs cannot render).
    findings: list[Finding] = field(default_factory=list)
    # Inline markup the reader found in the block (links, emphasis, code), in source order;
    # the segmenter gives each segment its own (:meth:`share_markup`).
    markup: list[Markup] = field(default_factory=list)

    def rendered(self, source: str, *, markers: bool = False) -> str:
        """The block's output: its translation (source between segments kept), or as disposed;
        with ``markers``, inline markup stays as markers (a writer that rebuilds tags)."""
        if self.disposition is Disposition.REPLACE:
            return self.replacement or ""
        if self.disposition is Disposition.KEEP:
            return self.text
        parts: list[str] = []
        cursor = self.start
        for segment in self.segments:
            parts.append(source[cursor : segment.start])
            parts.append(segment.output(source, markers=markers))
            cursor = segment.end
        parts.append(source[cursor : self.end])
        return "".join(parts)

    def share_markup(self) -> None:
        """Give each segment the block's markup inside it. A paired tag that spans segments
        (a link across a sentence end) is cut: each segment gets its own whole pair."""
        shares: dict[int, list[tuple[int, int, int, Markup]]] = {id(s): [] for s in self.segments}
        opened: dict[int, int] = {}  # tag number → index of the segment its opening is in
        for sequence, item in enumerate(self.markup):
            home = self._segment_at(item)
            if home is None:
                continue
            where, number = self.segments.index(home), inline.number_of(item.marker)
            how = inline.kind(item.marker)
            if how == "open":
                opened[number] = where
            elif how == "close" and number in opened:
                # Segments between the opening's and this one get the tag around all their text.
                for between in range(opened.pop(number), where):
                    first, second = self.segments[between], self.segments[between + 1]
                    shares[id(first)].append((first.end, 2, -sequence, Markup(first.end, first.end, inline.closing(number))))
                    shares[id(second)].append((second.start, 0, sequence, Markup(second.start, second.start, inline.opening(number))))
            elif how == "close":
                continue
            shares[id(home)].append((item.start, 1, sequence, item))
        for segment in self.segments:
            segment.markup = [item for *_, item in sorted(shares[id(segment)], key=lambda entry: entry[:3])]

    def _segment_at(self, item: Markup | None) -> Segment | None:
        if item is None:
            return None
        for segment in self.segments:
            if segment.start <= item.start and item.end <= segment.end:
                return segment
        return None


@dataclass
class Document:
    """An article: its exact source text and the blocks cut from it, in order."""

    source: str
    name: str = "<text>"
    language: str | None = None
    blocks: list[Block] = field(default_factory=list)
    # Reader-specific data the writer needs (e.g. the HTML tree, JSONL fields).
    metadata: dict[str, object] = field(default_factory=dict)
    # Findings about the article as a whole (e.g. a page with no text found to translate).
    findings: list[Finding] = field(default_factory=list)

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
