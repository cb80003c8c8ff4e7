"""Scripts: which script a text is written in, and which script a language uses.

Scraped articles mix scripts by block (an Armenian UI heading above an English article;
English player strings on Armenian pages). A script alone does not tell a language
(Russian, Ukrainian and Kyrgyz share one): :mod:`translate.segmentation.langid` tells
languages apart, and uses these counts where a text is too short to identify.
"""

from __future__ import annotations

import functools
import unicodedata

from babel.core import get_global

from translate.languages import rules_for

# The language a script most likely stands for in our sources, for a line too short to
# identify. Scripts are named as Unicode character names begin (ARMENIAN …).
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
    """The script a language is usually written in: its rules' (``crh`` → ``LATIN``), else CLDR's
    (``ru`` → ``CYRILLIC``)."""
    written = rules_for(language).script
    if written:
        return written
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
