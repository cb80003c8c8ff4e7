"""Page chrome: the UI strings a scraper leaves in an article, and how to recognise them.

Two sources, because chrome cannot be told apart by language alone:

* a **catalog** of UI strings keyed by site and language, shipped as gettext PO files
  (``locale/<lang>/LC_MESSAGES/chrome.po``: msgctxt = the site, msgid = the English UI
  string, msgstr = the site's string in that language, filled only where confirmed);
* **structural rules** for what no catalog lists (the template's XS/SM/MD/LG breakpoint
  indicator, media-player time lines, live-blog timestamps, a UI heading in another
  script above the title), as small registered functions.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import regex

from translate.document import Block
from translate.errors import ConfigError

# The catalogs shipped with the project (top-level ``locale/``, like ``configs/``).
DEFAULT_LOCALE_DIR = Path(__file__).resolve().parents[2] / "locale"
DOMAIN = "chrome"

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "«": '"', "»": '"'})


def normalise(text: str) -> str:
    """The form catalog strings are compared in: NFKC, case-folded, one space, plain quotes."""
    return " ".join(unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).casefold().split())


@dataclass(frozen=True)
class ChromeMatch:
    """A catalog entry a block matched: the site (msgctxt), the English msgid, the language."""

    site: str
    msgid: str
    language: str


class ChromeCatalog:
    """UI strings by their text in any language → the catalog entries that confirm them."""

    def __init__(self, entries: Iterable[tuple[str, ChromeMatch]] = ()):
        self._entries: dict[str, list[ChromeMatch]] = {}
        for text, match in entries:
            self.add(text, match)

    def add(self, text: str, match: ChromeMatch) -> None:
        """Record that ``match.site`` shows ``text`` for ``match.msgid`` in ``match.language``."""
        self._entries.setdefault(normalise(text), []).append(match)

    def lookup(self, text: str, site: str | None = None) -> ChromeMatch | None:
        """The entry ``text`` is, preferring ``site``'s; None if no catalog lists it.

        Any site's entry matches: the sites share one CMS, so their strings turn up on
        each other's pages (English player strings on Armenian pages).
        """
        matches = self._entries.get(normalise(text))
        if not matches:
            return None
        return next((match for match in matches if match.site == site), matches[0])

    def sites_of(self, text: str) -> set[str]:
        """The sites whose catalogs list ``text`` (one site names the article's site)."""
        return {match.site for match in self._entries.get(normalise(text), [])}

    @property
    def sites(self) -> list[str]:
        return sorted({match.site for matches in self._entries.values() for match in matches})

    def __len__(self) -> int:
        return sum(len(matches) for matches in self._entries.values())

    def __iter__(self) -> Iterator[tuple[str, ChromeMatch]]:
        for text, matches in self._entries.items():
            for match in matches:
                yield text, match


def load_chrome_catalog(directory: Path | None = None, domain: str = DOMAIN) -> ChromeCatalog:
    """Read ``directory/<lang>/LC_MESSAGES/<domain>.po`` for every language found there.

    Only confirmed entries count: a translated, non-fuzzy msgstr. The msgctxt names the
    site (an entry without one holds for every site, with site ``""``).
    """
    from babel.messages.pofile import PoFileError, read_po

    directory = DEFAULT_LOCALE_DIR if directory is None else Path(directory)
    if not directory.is_dir():
        raise ConfigError("chrome catalog directory not found; give a directory holding <lang>/LC_MESSAGES/"
                          f"{domain}.po files", path=directory)
    catalog = ChromeCatalog()
    for path in sorted(directory.glob(f"*/LC_MESSAGES/{domain}.po")):
        language = path.parent.parent.name
        try:
            with path.open("rb") as handle:
                messages = read_po(handle, locale=None, domain=domain, abort_invalid=True)
        except (PoFileError, UnicodeDecodeError) as error:
            raise ConfigError(f"not a valid PO file: {error}; fix it or check it with `msgfmt -c`", path=path) from None
        for message in messages:
            if not message.id or not isinstance(message.id, str) or message.fuzzy:
                continue
            if isinstance(message.string, str) and message.string:
                catalog.add(message.string, ChromeMatch(message.context or "", message.id, language))
    return catalog


@functools.lru_cache(maxsize=1)
def default_chrome_catalog() -> ChromeCatalog:
    """The shipped catalog, read once on first use."""
    return load_chrome_catalog(DEFAULT_LOCALE_DIR)


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


def _is_breakpoint_line(block: Block) -> bool:
    words = block.text.split()
    return bool(words) and all(word in _BREAKPOINTS for word in words)


@structural_rule
def breakpoint_indicator(context: ChromeContext) -> str | None:
    """`XS` `SM` `MD` `LG`, alone on their lines (or on one): the template's breakpoint indicator."""
    if not _is_breakpoint_line(context.block):
        return None
    neighbours = context.blocks[max(0, context.index - 1) : context.index + 2]
    if len(context.text.split()) > 1 or sum(_is_breakpoint_line(block) for block in neighbours) > 1:
        return "the template's XS/SM/MD/LG breakpoint indicator"
    return None


@structural_rule
def player_time_line(context: ChromeContext) -> str | None:
    """`0:00 0:01:29 0:00`: the media player's position, duration and remaining time."""
    return "a media player's time line" if _PLAYER_TIMES.fullmatch(context.text) else None


@structural_rule
def live_blog_timestamp(context: ChromeContext) -> str | None:
    """`16:49 20.4.2014` (or a bare `16:49`) alone on a line: a live-blog entry's timestamp."""
    return "a timestamp alone on a line (live blog)" if _TIMESTAMP.fullmatch(context.text) else None


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
