"""Page structure: what a line is by where it stands on a scraped Pangea page.

Every site of the network (RFE/RL's and VOA's, in every language) prints the same
template, so a scraped page reads, top to bottom::

    https://…                         the URL line scrapers store first
    accessibility heading             the first short line ("Accessibility links")
    ticker label, badge, section      short labels ("Breaking News", "Updated", "News")
    [cover caption, printed twice]    live blogs print the cover above the title
    title                             older templates: two blank lines after it
    [cover caption, once or twice]
    body                              paragraphs, subheads, live-blog entries under timestamp
                                      lines, in-text captions (printed twice), players:
                                        item title        glued to the status line below
                                        status            "please wait", in any language
                                        "No media source currently available"
                                        0:00 0:01:29 0:00
                                      AMP player fallbacks ("… doesn't support HTML5")
    widget headings                   ("Latest comments"), once or twice
    XS / SM / MD / LG                 the breakpoint indicator

The rules here go by that structure: position, repetition, what surrounds a player. The
UI-string catalogs only confirm (a line they list is chrome wherever it stands), so a site
or a language no catalog knows yet is read right all the same. Every decision is kept in
``Block.reason``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import regex

from translate.document import Block, BlockKind, Document
from translate.segmentation.captions import caption_reason, heading_like, label_like, player_line_like
from translate.segmentation.scripts import dominant_script

# Chrome that ends the page's head: the body has begun (a player, a live-blog entry).
_BODY_STARTS = frozenset({"player-time", "player-status", "player-no-media", "player-title", "live-timestamp",
                          "amp-fallback", "breakpoints"})
_WORD = regex.compile(r"\S+")
# A badge glued before the title ("live Скоро …") has at most this many words.
_BADGE_WORDS = 2


def same_text(first: Block, second: Block) -> bool:
    return " ".join(first.text.split()) == " ".join(second.text.split())


@dataclass
class Page:
    """A document's blocks being classified, with the role each chrome line plays."""

    document: Document
    roles: dict[int, str] = field(default_factory=dict)

    @property
    def blocks(self) -> list[Block]:
        return self.document.blocks

    def role(self, block: Block) -> str | None:
        return self.roles.get(id(block))

    def mark(self, block: Block, role: str, reason: str) -> None:
        block.kind, block.reason = BlockKind.CHROME, f"page chrome: {reason}"
        self.roles[id(block)] = role

    def newlines_between(self, first: Block, second: Block) -> int:
        return self.document.source.count("\n", first.end, second.start)

    def replace(self, index: int, spans: list[tuple[int, int]]) -> list[Block]:
        """Put blocks of ``spans`` (offsets into the source) in place of block ``index``."""
        source = self.document.source
        new = [Block(start, end, source[start:end], language=self.blocks[index].language) for start, end in spans]
        self.blocks[index : index + 1] = new
        return new


def line_spans(source: str, block: Block) -> list[tuple[int, int]]:
    """The non-blank lines of ``block``, stripped, as offsets into ``source``."""
    spans = []
    cursor = block.start
    for line in block.text.split("\n"):
        start = cursor + len(line) - len(line.lstrip())
        end = cursor + len(line.rstrip())
        if end > start:
            spans.append((start, end))
        cursor += len(line) + 1
    return spans


def split_mixed_lines(page: Page, special: Callable[[str], bool]) -> None:
    """Cut a block of several lines where a line is of another kind than its neighbours.

    A reader joins a line without a final stop to a next line that starts in lower case (a
    hard-wrapped paragraph); a player's status line ("пожалуйста, подождите") under its item
    title is joined that way too. ``special`` says which lines stand alone (chrome lines,
    repeats); the lines between them stay one block.
    """
    source = page.document.source
    index = 0
    while index < len(page.blocks):
        block = page.blocks[index]
        spans = line_spans(source, block) if block.kind is BlockKind.UNKNOWN else []
        alone = [special(source[start:end]) for start, end in spans]
        if len(spans) < 2 or not any(alone):
            index += 1
            continue
        runs: list[list[int]] = []
        for (start, end), stands_alone, after_alone in zip(spans, alone, [True, *alone]):
            if runs and not stands_alone and not after_alone:
                runs[-1][1] = end  # a line of the paragraph before it
            else:
                runs.append([start, end])
        index += len(page.replace(index, [(start, end) for start, end in runs]))


# --- players -----------------------------------------------------------------------------


def mark_players(page: Page) -> None:
    """The lines of each media player: status and "no media" lines above its time line (by
    the catalogs or by their form), and the item title glued above the status line — a
    repeat of an earlier block (the video's own title) or chrome (another clip's title)."""
    index = 0
    while index < len(page.blocks):
        if page.role(page.blocks[index]) == "player-time":
            index = _lines_above_time(page, index)
        index += 1
    for index, block in enumerate(page.blocks):
        if index and page.role(block) == "player-status":
            _item_title(page, index)


def _lines_above_time(page: Page, time_index: int) -> int:
    """Mark the player lines above the time line at ``time_index``; returns its index then."""
    top: int | None = None
    taken, index = 0, time_index - 1
    while index >= 0 and taken < 2:
        block = page.blocks[index]
        if page.role(block) in ("player-status", "player-no-media"):
            top, taken, index = index, taken + 1, index - 1
            continue
        if block.kind is not BlockKind.UNKNOWN:
            break
        spans = line_spans(page.document.source, block)
        if not spans or not player_line_like(page.document.source[spans[-1][0] : spans[-1][1]]):
            break
        if len(spans) > 1:  # the item title swallowed the status line below it
            page.replace(index, [(spans[0][0], spans[-2][1]), spans[-1]])
            time_index += 1
            index += 1
            block = page.blocks[index]
        page.mark(block, "player-no-media", "a media player's line above its time line (status, “no media”)")
        top, taken = index, taken + 1
        if len(spans) > 1:
            break
        index -= 1
    if top is not None:
        page.roles[id(page.blocks[top])] = "player-status"
    return time_index


def _item_title(page: Page, status_index: int) -> None:
    status, item = page.blocks[status_index], page.blocks[status_index - 1]
    if item.kind is not BlockKind.UNKNOWN or not heading_like(item.text) or page.newlines_between(item, status) != 1:
        return
    for number, earlier in enumerate(page.blocks[: status_index - 1], 1):
        if earlier.kind is not BlockKind.CHROME and same_text(earlier, item):
            item.kind = BlockKind.DUPLICATE
            item.reason = f"repeats block {number}: the video's title printed again above its player"
            return
    page.mark(item, "player-title", "a player's item title (the clip's name, just above the player's status line)")


# --- the head: labels, title, captions ------------------------------------------------------


def _pair(page: Page, index: int) -> bool:
    """Whether block ``index`` is printed again as the next block."""
    nxt = page.blocks[index + 1] if index + 1 < len(page.blocks) else None
    return nxt is not None and nxt.kind is BlockKind.UNKNOWN and same_text(page.blocks[index], nxt)


def _head(page: Page) -> list[tuple[int, bool]]:
    """(index, printed twice) of the content blocks above the first body paragraph."""
    head: list[tuple[int, bool]] = []
    index = 0
    while index < len(page.blocks):
        block = page.blocks[index]
        if block.kind is BlockKind.CHROME:
            if page.role(block) in _BODY_STARTS:
                break
            index += 1
            continue
        if block.kind is not BlockKind.UNKNOWN:
            break
        if _pair(page, index):
            head.append((index, True))
            index += 2
            continue
        if not (heading_like(block.text) or caption_reason(block)):
            break
        head.append((index, False))
        index += 1
    return head


def find_title(page: Page, *, scraped: bool, badge: Callable[[str], bool]) -> Block | None:
    """Mark the page's title (and, on a scraped page, the UI labels above it); return it.

    On a scraped page (``scraped``: a URL line, chrome or a repeated block seen) the title is
    the head's line followed by two blank lines, else its first line that says more than a
    label, else its last label-like line; single short lines above it are the accessibility
    heading and labels. On any other text, the first line is the title when it reads as one.
    A badge the catalogs list, glued before the title in another script, is cut off it.
    """
    if any(block.kind is BlockKind.TITLE for block in page.blocks):
        return None  # the reader knew it (HTML markup, a Markdown heading, a JSON field)
    head = _head(page)
    if not head:
        return None
    singles = [index for index, twice in head if not twice and not caption_reason(page.blocks[index])]
    pairs = [index for index, twice in head if twice]
    if not scraped:
        first = head[0][0]
        first_content = next(n for n, b in enumerate(page.blocks) if b.kind is not BlockKind.CHROME)
        title_index = first if first == first_content and (head[0][1] or first in singles) else None
        how = "title: the first line of the article, short, no final period"
    else:
        cued = [n for n in singles if n + 1 < len(page.blocks)
                and page.newlines_between(page.blocks[n], page.blocks[n + 1]) >= 3]
        titled = [n for n in singles if not label_like(page.blocks[n].text)]
        if cued:
            title_index, how = cued[0], "title: the head's line followed by two blank lines (the title block)"
        elif titled:
            title_index, how = titled[0], "title: the first line of the page's head that says more than a label"
        elif singles:
            title_index, how = singles[-1], "title: the last short line of the page's head"
        else:
            title_index = pairs[0] if pairs else None
            how = "title: printed twice at the top of the page"
        if title_index is not None:
            _mark_labels(page, [n for n in singles if n < title_index])
    if title_index is None:
        return None
    title = _cut_badge(page, page.blocks[title_index], badge)
    title.kind, title.reason = BlockKind.TITLE, how
    return title


def _mark_labels(page: Page, indices: list[int]) -> None:
    has_heading = any(page.role(block) == "accessibility-heading" for block in page.blocks)
    for index in indices:
        block = page.blocks[index]
        if not label_like(block.text):
            continue
        if not has_heading and all(other.kind is BlockKind.CHROME for other in page.blocks[:index]):
            page.mark(block, "accessibility-heading",
                      "the page's accessibility heading: its first short line, above the title")
            has_heading = True
        else:
            page.mark(block, "label", "a UI label above the title (ticker, section, badge)")


def _cut_badge(page: Page, title: Block, badge: Callable[[str], bool]) -> Block:
    words = list(_WORD.finditer(title.text))
    for count in range(1, min(_BADGE_WORDS, len(words) - 1) + 1):
        prefix, rest = title.text[: words[count - 1].end()], title.text[words[count].start() :]
        if badge(prefix) and dominant_script(prefix) != dominant_script(rest):
            index = page.blocks.index(title)
            cut, title = page.replace(index, [(title.start, title.start + words[count - 1].end()),
                                              (title.start + words[count].start(), title.end)])
            page.mark(cut, "badge", "a badge the UI catalogs list, glued before the title")
            return title
    return title


# --- after the article ------------------------------------------------------------------


def mark_widget_headings(page: Page) -> None:
    """Short labels between the last paragraph and the template's closing chrome (the
    comments widget's heading, printed once or twice, a blank line between) are chrome; a
    page cut off before its end has no closing chrome, so its last short line stays text,
    and a caption printed twice on consecutive lines (a photo's) is no widget heading."""
    index = len(page.blocks) - 1
    closing = False
    while index >= 0 and page.blocks[index].kind is BlockKind.CHROME:
        closing, index = True, index - 1
    if not closing:
        return
    while index >= 0:
        block = page.blocks[index]
        if block.kind is BlockKind.CHROME:
            index -= 1
            continue
        if block.kind is not BlockKind.UNKNOWN or not label_like(block.text):
            return
        before = page.blocks[index - 1] if index else None
        if before is not None and same_text(before, block) and page.newlines_between(before, block) == 1:
            return  # a photo caption printed twice
        page.mark(block, "widget-heading", "a widget heading after the article (comments), before the page's footer")
        index -= 1
