"""Per-language sentence rules as data, with a fallback for every other language.

The base segmenter (sentencex) knows each language's terminators and most abbreviations;
these tables hold only what news text needs on top of it. Add a language by adding a
:class:`LanguageRules` entry; a language without one gets :data:`FALLBACK`'s rules and
sentencex's own fallback chain for its code.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LanguageRules:
    """What the sentence splitter adds to the base segmenter for one language."""

    code: str
    # Abbreviations after which a sentence never ends, even before a capital ("т. е.").
    never_final: tuple[str, ...] = ()
    # Abbreviations that end the sentence when a capitalised word follows
    # ("… 5 млн долл. Инфляция …"), but not before an acronym ("долл. США").
    final_before_capital: tuple[str, ...] = ()
    # Marks written on a letter inside a word, never a sentence end (Armenian ՜ ՞ ՛).
    word_internal_marks: str = ""


ENGLISH = LanguageRules(
    code="en",
    # Titles before a name that sentencex does not know (it knows Mr., Dr., Gen. …).
    never_final=("Ms.", "Amb.", "Ft.", "approx."),
)

RUSSIAN = LanguageRules(
    code="ru",
    # "то есть", "сравни", "например", "имени", "генерал": never the last word.
    never_final=("т. е.", "ср.", "напр.", "им.", "ген."),
    # Currency and "и так далее" end sentences too; sentencex never breaks after them.
    final_before_capital=("долл.", "руб.", "тыс.", "и т. д.", "и т. п."),
)

ARMENIAN = LanguageRules(
    code="hy",
    # Armenian puts ՜ (exclamation), ՞ (question) and ՛ (emphasis) on the stressed vowel.
    word_internal_marks="\u055c\u055e\u055b",
)

FALLBACK = LanguageRules(code="und")

RULES: dict[str, LanguageRules] = {rules.code: rules for rules in (ENGLISH, RUSSIAN, ARMENIAN)}


def rules_for(language: str) -> LanguageRules:
    """The rules for ``language`` (``hy``, ``hy_AM``, ``ru-RU`` …), or the fallback's."""
    base = language.replace("-", "_").split("_")[0].lower()
    return RULES.get(base, FALLBACK)
