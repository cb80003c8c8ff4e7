"""Page chrome: the structural rules for what no UI-string catalog lists.

Chrome is recognised from two sources, because it cannot be told apart by language alone:

* the **UI-string catalogs** (gettext PO, msgctxt = the site, msgid = the English UI
  string), read by :class:`translate.io.catalogs.UiCatalogs` — the same reader
  the ``localise`` policy renders from; :mod:`translate.segmentation.blocks` matches
  lines against it;
* **structural rules**, here, as small registered functions about one line: the page's URL
  line, the template's XS/SM/MD/LG breakpoint indicator, media-player time lines, live-blog
  timestamps (all *template debris*: nothing a catalog could translate), an AMP player's
  "no HTML5" fallback, and a UI heading in another script above the title (a UI string the
  catalogs do not know yet). What a line is by its place on the page (the accessibility
  heading, the labels above the title, the player's item title, widget headings after the
  article) is for :mod:`translate.segmentation.page`.
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
    main_language: str | None

    @property
    def block(self) -> Block:
        return self.blocks[self.index]

    @property
    def text(self) -> str:
        return self.blocks[self.index].text.strip()


StructuralRule = Callable[[ChromeContext], str | None]
# (role, rule): the role names what the line is on the page (see benchmarks/data/README.md).
STRUCTURAL_RULES: list[tuple[str, StructuralRule]] = []


def structural_rule(role: str) -> Callable[[StructuralRule], StructuralRule]:
    """Register a rule that returns why a block is chrome (a line of ``role``), or None."""

    def register(rule: StructuralRule) -> StructuralRule:
        STRUCTURAL_RULES.append((role, rule))
        return rule

    return register


_BREAKPOINTS = frozenset({"XS", "SM", "MD", "LG"})
_CLOCK = r"\d{1,2}:\d{2}(?::\d{2})?"
_NUMERIC_DATE = r"\d{1,2}[./]\d{1,2}[./]\d{2,4}"
_PLAYER_TIMES = regex.compile(rf"{_CLOCK}(?:\s+{_CLOCK})+")
_TIMESTAMP = regex.compile(rf"{_CLOCK}(?:\s+{_NUMERIC_DATE})?|{_NUMERIC_DATE}\s+{_CLOCK}")
_SENTENCE_END = regex.compile(r"[.!?։:;…]\W*\Z")
_URL = regex.compile(r"https?://[^\s/]+\S*")
# An AMP page's player shows this line, in English or the site's language, where a video is.
_HTML5_FALLBACK = regex.compile(r"\bHTML5\b")
# A UI heading is a label of a few words, not a sentence.
_UI_HEADING_WORDS = 6
_FALLBACK_WORDS = 10
BREAKPOINT_INDICATOR = "the template's XS/SM/MD/LG breakpoint indicator"
PLAYER_TIME_LINE = "a media player's time line"
TIMESTAMP_LINE = "a timestamp alone on a line (live blog)"
URL_LINE = "the page's URL"


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
    if _URL.fullmatch(text):
        return URL_LINE
    if _only_breakpoints(text):
        return BREAKPOINT_INDICATOR
    if _PLAYER_TIMES.fullmatch(text):
        return PLAYER_TIME_LINE
    if _TIMESTAMP.fullmatch(text):
        return TIMESTAMP_LINE
    return None


def is_url_line(text: str) -> bool:
    return bool(_URL.fullmatch(text.strip()))


@structural_rule("url")
def page_url(context: ChromeContext) -> str | None:
    """A URL alone on the first line: where the scraper took the page from."""
    return URL_LINE if context.index == 0 and is_url_line(context.text) else None


@structural_rule("breakpoints")
def breakpoint_indicator(context: ChromeContext) -> str | None:
    """`XS` `SM` `MD` `LG`, alone on their lines (or on one): the template's breakpoint indicator."""
    if not _is_breakpoint_line(context.block):
        return None
    neighbours = context.blocks[max(0, context.index - 1) : context.index + 2]
    if len(context.text.split()) > 1 or sum(_is_breakpoint_line(block) for block in neighbours) > 1:
        return BREAKPOINT_INDICATOR
    return None


@structural_rule("player-time")
def player_time_line(context: ChromeContext) -> str | None:
    """`0:00 0:01:29 0:00`: the media player's position, duration and remaining time."""
    return PLAYER_TIME_LINE if _PLAYER_TIMES.fullmatch(context.text) else None


@structural_rule("live-timestamp")
def live_blog_timestamp(context: ChromeContext) -> str | None:
    """`16:49 20.4.2014` (or a bare `16:49`) alone on a line: a live-blog entry's timestamp."""
    return TIMESTAMP_LINE if _TIMESTAMP.fullmatch(context.text) else None


@structural_rule("amp-fallback")
def amp_player_fallback(context: ChromeContext) -> str | None:
    """A short line naming HTML5 between paragraphs: an AMP player's fallback text, in any
    language ("Your browser doesn’t support HTML5")."""
    if "\n" in context.text or len(context.text.split()) > _FALLBACK_WORDS or not _HTML5_FALLBACK.search(context.text):
        return None
    return "an AMP player's fallback line (no HTML5 video)"


@structural_rule("accessibility-heading")
def foreign_ui_heading(context: ChromeContext) -> str | None:
    """A short label in another language above the title (the site's UI language)."""
    block = context.block
    if context.main_language is None or block.language in (None, context.main_language):
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


def structural_match(context: ChromeContext) -> tuple[str, str] | None:
    """(role, reason) of the first structural rule that finds the block chrome, or None."""
    for role, rule in STRUCTURAL_RULES:
        reason = rule(context)
        if reason:
            return role, reason
    return None


def structural_reason(context: ChromeContext) -> str | None:
    """Why the block is chrome by the structural rules, or None."""
    found = structural_match(context)
    return found[1] if found else None
