"""Photo captions and headings by their form: what a line looks like, wherever it stands.

A caption is printed twice in a row on Pangea pages (that is decided in
:mod:`translate.segmentation.page`); printed once, it is told by its form: a dateline
(``RUSSIA -- …``) without a final period, a date at its end (``…, May 21, 2021``), or an
ending its language's pages give captions (Armenian ``…, արխիվ``: an archive photo).
"""

from __future__ import annotations

import functools

import regex
from babel import UnknownLocaleError
from babel.dates import get_month_names

from translate.document import Block
from translate.languages import rules_for

# "RUSSIA -- ", "U.S. -- ", "ՀԱՅԱՍՏԱՆ -- ", "РОССИЯ – ": a place in capitals and a dash.
_DATELINE = regex.compile(r"\A\p{Lu}[\p{Lu}\p{M}\s.,'’/&-]*?\p{Lu}\.?\s+(?:--|[–—-])\s+\S")
_FINAL_STOP = regex.compile(r"[.։:;]\W*\Z")
_HEADING_END = regex.compile(r"[.։:;,]\Z")
_SENTENCE_END = regex.compile(r"[.!?։:;…]\W*\Z")
# A title is a line of a few words; a longer first line is the lead paragraph.
TITLE_MAX_WORDS = 25
# A UI label (the accessibility heading, a ticker label, a section name, a badge) is a few
# words without digits; a title says more.
LABEL_MAX_WORDS = 4
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
    """Why ``block`` is a photo caption or dateline by its form, or None."""
    text = block.text.strip()
    if _DATELINE.match(text) and not _FINAL_STOP.search(text):
        return "caption: a place in capitals, a dash, no final period"
    if _date_at_end(block.language or "en").search(text):
        return "caption: ends with a date"
    for ending in rules_for(block.language or "und").pages.caption_endings:
        if text.endswith(ending):
            return f"caption: ends with “{ending.strip(', ')}”, as {block.language} captions of archive photos do"
    return None


def heading_like(text: str) -> bool:
    """One line of a few words without a final period: a title, a label, a caption."""
    text = text.strip()
    return bool(text) and "\n" not in text and len(text.split()) <= TITLE_MAX_WORDS and not _HEADING_END.search(text)


def label_like(text: str) -> bool:
    """A UI label's form: a heading of at most LABEL_MAX_WORDS words, no digits, no sentence end."""
    text = text.strip()
    return (heading_like(text) and len(text.split()) <= LABEL_MAX_WORDS
            and not any(character.isdigit() for character in text) and not _SENTENCE_END.search(text))


def player_line_like(text: str) -> bool:
    """A media player's status or "no media" line, in any language: a few words, no digits."""
    text = text.strip()
    return (bool(text) and "\n" not in text and len(text.split()) <= 6
            and not any(character.isdigit() for character in text) and not _SENTENCE_END.search(text))
