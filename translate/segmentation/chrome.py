"""Page chrome: the structural rules for what no UI-string catalog lists.

Chrome is recognised from two sources, because it cannot be told apart by language alone:

* the **UI-string catalogs** (gettext PO, msgctxt = the site, msgid = the English UI
  string), read by :class:`translate.io.catalogs.UiCatalogs` — the same reader
  the ``localise`` policy renders from; :mod:`translate.segmentation.blocks` matches
  lines against it;
* **structural rules**, here, as small registered functions: the template's XS/SM/MD/LG
  breakpoint indicator, media-player time lines, live-blog timestamps (all *template
  debris*: nothing a catalog could translate), and a UI heading in another script above
  the title (a UI string the catalogs do not know yet).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import regex

from translate.document import Block

# --- structural rules -------------------------------------------------------------------


@dataclass(frozen=True)
class ChromeContext:
    """A block among its neighbours, with the language most of the article is written in."""

    blocks: list[Block]
    index: int
    main_language: str

    @property
    def block(self) -> Block:
        return self.blocks[self.index]

    @property
    def text(self) -> str:
        return self.blocks[self.index].text.strip()


StructuralRule = Callable[[ChromeContext], str | None]
STRUCTURAL_RULES: list[StructuralRule] = []


def structural_rule(rule: StructuralRule) -> StructuralRule:
    """Register a rule that returns why a block is chrome, or None."""
    STRUCTURAL_RULES.append(rule)
    return rule


_BREAKPOINTS = frozenset({"XS", "SM", "MD", "LG"})
_CLOCK = r"\d{1,2}:\d{2}(?::\d{2})?"
_NUMERIC_DATE = r"\d{1,2}[./]\d{1,2}[./]\d{2,4}"
_PLAYER_TIMES = regex.compile(rf"{_CLOCK}(?:\s+{_CLOCK})+")
_TIMESTAMP = regex.compile(rf"{_CLOCK}(?:\s+{_NUMERIC_DATE})?|{_NUMERIC_DATE}\s+{_CLOCK}")
_SENTENCE_END = regex.compile(r"[.!?։:;…]\W*\Z")
# A UI heading is a label of a few words, not a sentence.
_UI_HEADING_WORDS = 6
BREAKPOINT_INDICATOR = "the template's XS/SM/MD/LG breakpoint indicator"
PLAYER_TIME_LINE = "a media player's time line"
TIMESTAMP_LINE = "a timestamp alone on a line (live blog)"


def _is_breakpoint_line(block: Block) -> bool:
    return _only_breakpoints(block.text)


def _only_breakpoints(text: str) -> bool:
    words = text.split()
    return bool(words) and all(word in _BREAKPOINTS for word in words)


def template_debris(text: str) -> str | None:
    """What a chrome line is if it is template debris, with no words to localise; else None.

    Breakpoint names, player times and timestamps: the ``localise`` policy drops them
    without a finding and ``translate ui extract`` leaves them out of the template.
    It asks about a line already classified as chrome: whether a lone "MD" is chrome at
    all is for :func:`breakpoint_indicator` to decide, from its neighbours.
    """
    text = text.strip()
    if _only_breakpoints(text):
        return BREAKPOINT_INDICATOR
    if _PLAYER_TIMES.fullmatch(text):
        return PLAYER_TIME_LINE
    if _TIMESTAMP.fullmatch(text):
        return TIMESTAMP_LINE
    return None


@structural_rule
def breakpoint_indicator(context: ChromeContext) -> str | None:
    """`XS` `SM` `MD` `LG`, alone on their lines (or on one): the template's breakpoint indicator."""
    if not _is_breakpoint_line(context.block):
        return None
    neighbours = context.blocks[max(0, context.index - 1) : context.index + 2]
    if len(context.text.split()) > 1 or sum(_is_breakpoint_line(block) for block in neighbours) > 1:
        return BREAKPOINT_INDICATOR
    return None


@structural_rule
def player_time_line(context: ChromeContext) -> str | None:
    """`0:00 0:01:29 0:00`: the media player's position, duration and remaining time."""
    return PLAYER_TIME_LINE if _PLAYER_TIMES.fullmatch(context.text) else None


@structural_rule
def live_blog_timestamp(context: ChromeContext) -> str | None:
    """`16:49 20.4.2014` (or a bare `16:49`) alone on a line: a live-blog entry's timestamp."""
    return TIMESTAMP_LINE if _TIMESTAMP.fullmatch(context.text) else None


@structural_rule
def foreign_ui_heading(context: ChromeContext) -> str | None:
    """A short label in another language above the title (the site's UI language)."""
    block = context.block
    if block.language in (None, context.main_language):
        return None
    if len(context.text.split()) > _UI_HEADING_WORDS or _SENTENCE_END.search(context.text):
        return None
    before = context.blocks[: context.index]
    after = context.blocks[context.index + 1 :]
    if any(other.language == context.main_language and other.kind.translatable for other in before):
        return None  # not above the title
    if not any(other.language == context.main_language for other in after):
        return None
    return f"a UI heading in {block.language} above the {context.main_language} title"


def structural_reason(context: ChromeContext) -> str | None:
    """Why the block is chrome by the structural rules, or None."""
    for rule in STRUCTURAL_RULES:
        reason = rule(context)
        if reason:
            return reason
    return None
