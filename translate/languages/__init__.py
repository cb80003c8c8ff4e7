"""Per-language behaviour as small data tables: one module per language, and a fallback.

Each module (``en.py``, ``hy.py``, ``ru.py`` …) defines ``RULES``, a :class:`LanguageRules`
holding what every stage needs to know about that language: the script it is written in
where CLDR says otherwise, how its sentences end and how its pages mark captions
(segmentation), how its dates and numbers are written (localisation), how its glossary
forms inflect and what decides their case (glossary). Adding a language means adding
one module; a language without one gets :data:`FALLBACK`, and CLDR (through babel) and
sentencex supply the rest. Modules are found by the language code, imported on first use.
"""

from __future__ import annotations

import functools
import importlib
import re
from dataclasses import dataclass, field

from translate.locales import language_of

__all__ = ["FALLBACK", "LanguageRules", "PageRules", "QuantityRules", "SentenceRules", "TermRules", "rules_for"]


@dataclass(frozen=True)
class SentenceRules:
    """What the sentence splitter adds to the base segmenter (sentencex) for a language."""

    # Abbreviations after which a sentence never ends, even before a capital ("т. е.").
    never_final: tuple[str, ...] = ()
    # Abbreviations that end the sentence when a capitalised word follows
    # ("… 5 млн долл. Инфляция …"), but not before an acronym ("долл. США").
    final_before_capital: tuple[str, ...] = ()
    # Marks written on a letter inside a word, never a sentence end (Armenian ՜ ՞ ՛).
    word_internal_marks: str = ""


# Date word orders when a language has no table: {day} {month} {year} are filled in.
DEFAULT_DATE_ORDERS = ("{day} {month} {year}", "{month} {day},? {year}", "{day} {month}", "{month} {day}")


@dataclass(frozen=True)
class QuantityRules:
    """How news text in a language writes dates and numbers, beyond what CLDR says."""

    # Date word orders; a space stands for any run of spaces on one line.
    date_orders: tuple[str, ...] = DEFAULT_DATE_ORDERS
    # Words after a number that make it a percentage ("%" is every language's).
    percent_words: tuple[str, ...] = ()
    # Whether times are written on a 12-hour clock ("3:30 p.m.").
    twelve_hour_clock: bool = False
    # "1.5 million": CLDR's compact form in words ("long") or abbreviated ("short").
    compact_width: str = "long"


@dataclass(frozen=True)
class TermRules:
    """How glossary forms in a language are written, inflected and chosen."""

    # Letters a form is written in (besides digits, spaces, punctuation): lint checks it.
    letters: re.Pattern[str] | None = None
    script: str = ""
    # Named suffix sets a rendering may use (Armenian stems + suffixes).
    suffix_sets: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # The grammatical cases a ``cases`` table may name.
    cases: tuple[str, ...] = ()
    # The case a preposition right before a term asks for (lower-case keys): its usual reading.
    prepositions: dict[str, str] = field(default_factory=dict)
    # Other cases a preposition takes, chosen only when the term's own ending says so
    # (Russian «в Ереван»: the zero ending rules out the locative, so the accusative).
    preposition_alternatives: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Verbs of motion (lemmas): after one, these prepositions ask for this case (прилетел в → accs).
    motion_verbs: frozenset[str] = frozenset()
    directional: dict[str, str] = field(default_factory=dict)
    # The case of a term right after a verb (lemma → case): встретил → accs, заявил → nomn
    # (the subject after a verb of saying, «— заявил Пашинян»).
    verb_cases: dict[str, str] = field(default_factory=dict)
    # The case of a term at the start of a clause right before a finite verb (its subject).
    subject_case: str | None = None
    # The case of a term right before a postposition (Armenian հետ, մասին → -ի).
    postpositions: dict[str, str] = field(default_factory=dict)
    # Case suffix → the case it marks (Armenian: "" bare, ը/ն definite, ի genitive-dative …).
    case_suffixes: dict[str, str] = field(default_factory=dict)
    # Suffixes that are one case written two ways (Armenian definite ը after a consonant, ն after a vowel).
    suffix_alternatives: dict[str, str] = field(default_factory=dict)
    # Plural markers before a case suffix (Armenian -ներ after several syllables, -եր after one).
    plural_markers: tuple[str, ...] = ()
    vowels: str = ""
    # Plural of a source term (English): (ending, plural ending), first that fits; the word
    # before one of ``plural_head_before`` is the head ("Ministers of Foreign Affairs"), else the last.
    plural_endings: tuple[tuple[str, str], ...] = ()
    plural_head_before: tuple[str, ...] = ()
    # The morphology generator used when a rendering's ``inflect`` is not set.
    generator: str | None = None


@dataclass(frozen=True)
class PageRules:
    """How a language's news pages mark their parts, beyond the template they share."""

    # Endings that make a line a photo caption (an archive photo: Armenian ", արխիվ").
    caption_endings: tuple[str, ...] = ()


@dataclass(frozen=True)
class LanguageRules:
    code: str
    # The script news in the language is written in (a Unicode script name, "LATIN"), where
    # it is not the one CLDR gives as likely (Crimean Tatar: Cyrillic in CLDR, Latin online).
    script: str | None = None
    sentences: SentenceRules = SentenceRules()
    quantities: QuantityRules = QuantityRules()
    terms: TermRules = TermRules()
    pages: PageRules = PageRules()


FALLBACK = LanguageRules(code="und")


@functools.lru_cache(maxsize=64)
def rules_for(language: str) -> LanguageRules:
    """The rules of ``language`` (any locale code: ``hy``, ``hy_AM``, ``ru-RU``), or :data:`FALLBACK`."""
    try:
        code = language_of(language)
    except Exception:  # noqa: BLE001 — an unknown code has no table either
        return FALLBACK
    try:
        module = importlib.import_module(f"{__name__}.{code}")
    except ModuleNotFoundError:
        return FALLBACK
    return module.RULES
