"""Language of a block, by its script: Armenian letters → hy, Cyrillic → ru, Latin → en.

Scraped articles mix languages by block (an Armenian UI heading above an English
article; English player strings on Armenian pages), and each block needs the segmenter
and the checkpoint of its own language. The script decides; where the document's own
language is written in that script (an Ukrainian article is Cyrillic too), the document's
language wins over the script's default.
"""

from __future__ import annotations

import functools
import unicodedata

from babel.core import get_global

# The language a script most likely stands for in our sources, when the document does
# not say better. Scripts are named as Unicode character names begin (ARMENIAN …).
SCRIPT_LANGUAGE: dict[str, str] = {
    "LATIN": "en",
    "CYRILLIC": "ru",
    "ARMENIAN": "hy",
    "GEORGIAN": "ka",
    "GREEK": "el",
    "ARABIC": "ar",
    "HEBREW": "he",
}
# CLDR's four-letter script codes for those names (babel's likely subtags use them).
_SCRIPT_CODES = {"Latn": "LATIN", "Cyrl": "CYRILLIC", "Armn": "ARMENIAN", "Geor": "GEORGIAN", "Grek": "GREEK",
                 "Arab": "ARABIC", "Hebr": "HEBREW"}


@functools.lru_cache(maxsize=4096)
def script_of_character(character: str) -> str | None:
    """The script of a letter (``ARMENIAN``, ``LATIN`` …), None for anything else."""
    if not character.isalpha():
        return None
    name = unicodedata.name(character, "")
    return name.split(" ", 1)[0] if name else None


@functools.lru_cache(maxsize=256)
def script_of_language(language: str) -> str | None:
    """The script a language is usually written in, from CLDR (``ru`` → ``CYRILLIC``)."""
    likely = get_global("likely_subtags").get(language.replace("-", "_").split("_")[0].lower())
    if not likely:
        return None
    parts = likely.split("_")
    return _SCRIPT_CODES.get(parts[1]) if len(parts) > 1 else None


def letters_by_script(text: str) -> dict[str, int]:
    """How many of ``text``'s letters each script has."""
    counts: dict[str, int] = {}
    for character in text:
        script = script_of_character(character)
        if script:
            counts[script] = counts.get(script, 0) + 1
    return counts


def dominant_script(text: str) -> str | None:
    """The script most of ``text``'s letters are written in; None when it has no letters."""
    counts = letters_by_script(text)
    return max(counts, key=counts.__getitem__) if counts else None


def identify_language(text: str, default: str) -> str:
    """The language of ``text``: by its dominant script, ``default`` where that fits or says nothing."""
    script = dominant_script(text)
    if script is None or script == script_of_language(default):
        return default
    return SCRIPT_LANGUAGE.get(script, default)
