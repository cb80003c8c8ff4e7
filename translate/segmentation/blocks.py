"""Block classification: language, page chrome, duplicate, caption, title, body.

In order, each block gets:
1. its language, by script (:mod:`translate.segmentation.scripts`);
2. CHROME if the UI-string catalogs list its text (for the article's site first; the
   :class:`~translate.io.catalogs.UiCatalogs` the ``localise`` policy renders
   from) or a structural rule recognises it (:mod:`translate.segmentation.chrome`);
3. DUPLICATE if it repeats the content block before it (Pangea prints the title and the
   photo caption twice);
4. CAPTION for a photo caption or dateline (``RUSSIA -- … Moscow, May 21, 2021``: no
   final period), TITLE for the article's first content block when it reads as a
   heading, BODY for the rest.
Every decision leaves its reason in ``Block.reason`` for `translate segment` to show.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import regex
from babel import UnknownLocaleError
from babel.dates import get_month_names

from translate.document import Block, BlockKind, Document
from translate.segmentation.chrome import ChromeContext, structural_reason
from translate.segmentation.scripts import identify_language

if TYPE_CHECKING:
    from translate.io.catalogs import UiCatalogs

# "RUSSIA -- ", "U.S. -- ", "ՀԱՅԱՍՏԱՆ -- ", "РОССИЯ – ": a place in capitals and a dash.
_DATELINE = regex.compile(r"\A\p{Lu}[\p{Lu}\p{M}\s.,'’/&-]*?\p{Lu}\.?\s+(?:--|[–—-])\s+\S")
_FINAL_STOP = regex.compile(r"[.։:;]\W*\Z")
_HEADING_END = regex.compile(r"[.։:;,]\Z")
# A title is a line of a few words; a longer first line is the lead paragraph.
_TITLE_MAX_WORDS = 25
# Languages whose month names every caption pattern knows, besides the block's own.
_CAPTION_LANGUAGES = ("en", "ru", "hy")


@functools.lru_cache(maxsize=16)
def _date_at_end(language: str) -> regex.Pattern[str]:
    """A date closing a caption, with month names from CLDR: "May 21, 2021", "21 мая 2021 г."."""
    names: set[str] = set()
    for code in dict.fromkeys((language, *_CAPTION_LANGUAGES)):
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                try:
                    names.update(get_month_names(width, context, code).values())
                except (UnknownLocaleError, ValueError):
                    continue  # a language CLDR does not know: the others' names still count
    month = "|".join(regex.escape(name.rstrip(".")) for name in sorted(names, key=len, reverse=True))
    year_mark = r"(?:\s*(?:г|թ)\.?)?"
    return regex.compile(
        rf"(?:(?:{month})\.?\s+\d{{1,2}},?\s+\d{{4}}"  # May 21, 2021
        rf"|\d{{1,2}}\s+(?:{month})\.?,?\s+\d{{4}}{year_mark}"  # 21 мая 2021 г.
        rf"|\d{{4}}{year_mark},?\s+(?:{month})\s+\d{{1,2}}(?:-ին)?"  # 2021 թ. մայիսի 21
        rf"|\d{{1,2}}[./]\d{{1,2}}[./]\d{{4}})\W*\Z",
        regex.IGNORECASE,
    )


def caption_reason(block: Block) -> str | None:
    """Why ``block`` is a photo caption or dateline, or None."""
    text = block.text.strip()
    if _DATELINE.match(text) and not _FINAL_STOP.search(text):
        return "caption: a place in capitals, a dash, no final period"
    if _date_at_end(block.language or "en").search(text):
        return "caption: ends with a date, no final period"
    return None


def title_reason(block: Block) -> str | None:
    """Why ``block``, the article's first content block, is its title, or None."""
    text = block.text.strip()
    if "\n" in text or len(text.split()) > _TITLE_MAX_WORDS or _HEADING_END.search(text):
        return None
    return "title: the first line of the article, short, no final period"


def main_language(blocks: list[Block], default: str) -> str:
    """The language most of the article's letters are in (``default`` for an empty one)."""
    letters: dict[str, int] = {}
    for block in blocks:
        language = block.language or default
        letters[language] = letters.get(language, 0) + sum(character.isalpha() for character in block.text)
    return max(letters, key=letters.__getitem__) if letters else default


def _same_text(first: Block, second: Block) -> bool:
    return " ".join(first.text.split()) == " ".join(second.text.split())


def classify_blocks(document: Document, *, catalogs: UiCatalogs | None = None, site: str | None = None) -> None:
    """Set each block's language, kind and reason, in place.

    ``catalogs`` are the UI-string catalogs chrome lines are matched against (none: the
    structural rules only). ``site`` (e.g. ``azatutyun.am``) picks that site's entries
    first; without one, the first catalog string that only one site shows names the site
    for the rest of the article, kept in ``document.metadata["site"]``.
    """
    blocks = document.blocks
    default = document.language or "en"
    for block in blocks:
        block.language = identify_language(block.text, default)
    main = main_language(blocks, default)
    site = site or _string_or_none(document.metadata.get("site"))

    for index, block in enumerate(blocks):
        if block.kind is not BlockKind.UNKNOWN:
            continue  # the reader knew (e.g. from HTML markup), or classified before
        matches = catalogs.match(block.text, site) if catalogs is not None else []
        if matches:
            entry = matches[0]
            block.kind = BlockKind.CHROME
            block.catalog_entry = (entry.site, entry.msgid)
            block.reason = f"page chrome: the {entry.site or 'template'} UI string “{entry.msgid}” ({entry.language})"
            if site is None and len({match.site for match in matches}) == 1:
                site = entry.site or None  # a string only one site shows names the site
            continue
        reason = structural_reason(ChromeContext(blocks, index, main))
        if reason:
            block.kind, block.reason = BlockKind.CHROME, f"page chrome: {reason}"
    if site:
        document.metadata["site"] = site

    previous: tuple[int, Block] | None = None
    seen_content = False
    for number, block in enumerate(blocks, 1):
        if block.kind is BlockKind.CHROME:
            continue
        if previous is not None and _same_text(previous[1], block):
            block.kind = BlockKind.DUPLICATE
            block.reason = f"repeats block {previous[0]} ({previous[1].kind.value}), printed twice in a row"
            continue
        previous = (number, block)
        if block.kind is not BlockKind.UNKNOWN:
            seen_content = True
            continue
        caption = caption_reason(block)
        title = None if seen_content or caption else title_reason(block)
        if caption:
            block.kind, block.reason = BlockKind.CAPTION, caption
        elif title:
            block.kind, block.reason = BlockKind.TITLE, title
        else:
            block.kind, block.reason = BlockKind.BODY, "body paragraph"
        seen_content = True


def _string_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None
