"""The grammar of a term in a sentence: its forms by case and number, the case a rendering
shows, the case its context asks for, and the letter case the sentence needs.

A :class:`Family` is one base of an entry in a language with its forms by (case, number):
the preferred rendering, the short one, or a listed form with a paradigm of its own (глава
МИД, ՌԴ). Russian cases are pymorphy3's (nomn … loct; only the words that agree with
the head decline, indeclinables keep one form); an Armenian "case" is the suffix itself
(ը, ի, ից …: the suffix is what marks it), put on the base after a hyphen when the base is
an abbreviation, on a changed stem where the glossary lists one (Բաքու → Բաքվից).

Context (:func:`governed_cases`): a preposition right before the term (with the
alternatives its ending may select, and the direction a verb of motion gives: «прилетел в
Ереван»), the verb right before it (встретил → accs; заявил → the subject, nomn), a
postposition right after it (Armenian Լավրովի հետ), or the clause start before a finite
verb (the subject). The tables are data in :mod:`translate.languages`.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass

from translate.glossary.inflection import (
    TargetForms,
    english_plural,
    plural_marker,
    russian_paradigm,
    suffix_list,
)
from translate.glossary.matching import is_capitals, matchable
from translate.glossary.model import Entry
from translate.languages import TermRules, rules_for
from translate.languages.ru import CASES as RUSSIAN_CASES

SINGULAR, PLURAL = "sing", "plur"
Reading = tuple[str, str]  # (case, number)

_WORDS = re.compile(r"\w+")


@dataclass(frozen=True)
class Family:
    """One base of an entry in a language, and its forms by (case, number)."""

    base: str
    short: bool  # the short rendering (surname, abbreviation), not the full one
    forms: dict[Reading, str]

    @property
    def capitals(self) -> bool:
        return is_capitals(matchable(self.base))


def families(entry: Entry, forms: TargetForms, language: str) -> list[Family]:
    """The families of ``entry`` in ``language``: preferred first, then short, then listed bases."""
    rules = rules_for(language).terms
    if rules.case_suffixes:
        return _suffix_families(entry, forms, language, rules)
    if rules.generator == "pymorphy3" and not entry.do_not_translate:
        return _russian_families(forms)
    result = [Family(forms.preferred, False, _plain(forms.preferred, entry.type == "term" and language == "en"))]
    if forms.short:
        result.append(Family(forms.short, True, _plain(forms.short, False)))
    return result


def _plain(base: str, plural: bool) -> dict[Reading, str]:
    """The forms of a base in a language without case forms (English; do-not-translate names)."""
    table = {("", SINGULAR): base}
    if plural and (other := english_plural(base)):
        table[("", PLURAL)] = other
    return table


def _russian_families(forms: TargetForms) -> list[Family]:
    result = [Family(forms.preferred, False, _numbered(forms.preferred, forms.paradigm, forms.plural))]
    if forms.short:
        result.append(Family(forms.short, True, _numbered(forms.short, forms.short_paradigm, forms.short_plural)))
    covered = {form for family in result for form in family.forms.values()}
    for form in forms.accepted:
        if form in covered:
            continue
        paradigm = {} if _abbreviation_like(form) else russian_paradigm(form)[0]
        if paradigm and paradigm.get("nomn") != form:
            continue  # an inflected form of a base not listed: nothing to inflect it from
        family = Family(form, form in forms.short_accepted, _numbered(form, paradigm, {}))
        result.append(family)
        covered.update(family.forms.values())
    return result


def _numbered(base: str, paradigm: dict[str, str], plural: dict[str, str]) -> dict[Reading, str]:
    """(case, number) → form; no paradigm: indeclinable (Баку, ОДКБ, РФ). A base that is itself
    plural («Аргументы и факты») has its paradigm in the plural."""
    if not paradigm:
        return {(case, SINGULAR): base for case in RUSSIAN_CASES}
    number = PLURAL if _inherently_plural(base) else SINGULAR
    table = {(case, number): form for case, form in paradigm.items()}
    table.update({(case, PLURAL): form for case, form in plural.items()})
    return table


def _abbreviation_like(form: str) -> bool:
    """An abbreviation, also in mixed case (АиФ): such words do not decline in writing."""
    return any(is_capitals(word) or any(char.isupper() for char in word[1:]) for word in _WORDS.findall(form))


@functools.lru_cache(maxsize=1024)
def _inherently_plural(base: str) -> bool:
    words = _WORDS.findall(base)
    if not words:
        return False
    parses = [parse for parse in analyse(words[0]) if parse.tag.case == "nomn"]
    return bool(parses) and all(parse.tag.number == PLURAL for parse in parses)


def _suffix_families(entry: Entry, forms: TargetForms, language: str, rules: TermRules) -> list[Family]:
    """Armenian: each base with the glossary's form for every suffix (and plural, for terms)."""
    rendering = entry.rendering(language)
    bases: list[tuple[str, bool]] = [(forms.preferred, False)]
    if forms.short:
        bases.append((forms.short, True))
    stems = rendering.stems if rendering else ()
    listed = rendering.forms if rendering else ()
    endings = [suffix for suffix in rules.case_suffixes if suffix]
    for base in (*stems, *(form for form in listed if not any(form.endswith(ending) for ending in endings))):
        if all(base != known for known, _ in bases):
            bases.append((base, base in forms.short_accepted))
    plural = entry.type == "term" and bool(rendering and suffix_list(rendering))
    result = []
    for base, short in bases:
        table: dict[Reading, str] = {}
        for suffix in rules.case_suffixes:
            if (form := suffixed(forms, base, suffix, rules)) is not None:
                table[(suffix, SINGULAR)] = form
            marker = plural_marker(base, language)
            if plural and marker and (form := suffixed(forms, base, marker + suffix, rules)) is not None:
                table[(suffix, PLURAL)] = form
        result.append(Family(base, short, table))
    return result


def suffixed(forms: TargetForms, base: str, suffix: str, rules: TermRules) -> str | None:
    """The accepted form that is ``base`` with ``suffix`` (or its other spelling: ը/ն), if any."""
    if not suffix:
        return base
    for candidate in (suffix, rules.suffix_alternatives.get(suffix)):
        if candidate and (form := with_suffix(forms, base, candidate)) is not None:
            return form
    return None


def with_suffix(forms: TargetForms, base: str, glued: str) -> str | None:
    """The accepted form that is ``base`` with the ending the engine glued on (Armenian)."""
    ending = glued.lstrip("-")
    for candidate in (base + ending, f"{base}-{ending}"):
        if candidate in forms.accepted:
            return candidate
    # Stem changes (Բաքու → Բաքվի): an accepted form close to the base with that ending.
    for candidate in forms.accepted:
        if candidate.endswith(ending) and candidate != base:
            stem = candidate[: -len(ending)].rstrip("-")
            shared = len(os.path.commonprefix([stem, base]))
            if shared >= max(1, len(base) - 2) and abs(len(stem) - len(base)) <= 1:
                return candidate
    return None


# --- Russian words, read once per word form --------------------------------------------------


@functools.lru_cache(maxsize=65536)
def analyse(word: str) -> tuple:
    """pymorphy3's readings of ``word`` (cached per word form: the analyser is slow)."""
    from translate.glossary.inflection import _analyser

    return tuple(_analyser().parse(word))


@functools.lru_cache(maxsize=65536)
def known_indeclinable(word: str) -> bool:
    """A dictionary word that never declines (Николь, a woman's name): it shows no case."""
    from translate.glossary.inflection import _analyser

    parses = analyse(word)
    return bool(parses) and _analyser().word_is_known(word.lower()) and all("Fixd" in parse.tag for parse in parses)


@functools.lru_cache(maxsize=65536)
def lemma_readings(word: str, lemma: str) -> frozenset[Reading]:
    """The (case, number) readings of ``word`` as a form of ``lemma`` (премьеры → nomn plur)."""
    return frozenset((parse.tag.case, parse.tag.number) for parse in analyse(word)
                     if parse.normal_form == lemma and parse.tag.case)


@functools.lru_cache(maxsize=65536)
def verb_lemma(word: str) -> str | None:
    """The lemma of ``word`` when its likeliest reading is a finite verb."""
    parses = analyse(word.lower())
    if parses and parses[0].tag.POS == "VERB":
        return parses[0].normal_form
    return None


# --- context ----------------------------------------------------------------------------------

_CLAUSE_END = re.compile(r"(?:^|[.!?։…,;:—–(]|\s-|\b(?:что|и|но|а|как|когда)\b)\s*$", re.IGNORECASE)


def starts_sentence(before: str) -> bool:
    stripped = before.rstrip()
    return not stripped or stripped[-1] in ".!?։…"


def _preposition(rules: TermRules, before: str) -> tuple[str, str] | None:
    """The preposition right before a term, and the text before the preposition."""
    tail = before.rstrip().lower()
    if not rules.prepositions or tail == before.lower():  # no space: not a preposition of the term
        return None
    words = _WORDS.findall(tail[-40:])
    for size in (2, 1):
        phrase = " ".join(words[-size:])
        if len(words) >= size and phrase in rules.prepositions and tail.endswith(phrase):
            rest = tail[: len(tail) - len(phrase)]
            if not rest or not rest[-1].isalnum():
                return phrase, before.rstrip()[: len(rest)]
    return None


def governed_cases(language: str, text: str, start: int, end: int) -> tuple[str, ...]:
    """The cases the context of ``text[start:end]`` asks for, likeliest first; () when nothing governs it."""
    rules = rules_for(language).terms
    before, after = text[:start], text[end:]
    found = _preposition(rules, before)
    if found:
        preposition, rest = found
        cases = [rules.prepositions[preposition], *rules.preposition_alternatives.get(preposition, ())]
        if preposition in rules.directional and _motion_before(rules, rest):
            cases.insert(0, rules.directional[preposition])
        return tuple(dict.fromkeys(cases))
    following = _WORDS.match(after.lstrip())
    if following and after[:1].isspace() and following.group().lower() in rules.postpositions:
        return (rules.postpositions[following.group().lower()],)
    if rules.generator != "pymorphy3":
        return ()
    previous = _WORDS.findall(before[-40:])
    if previous and before.endswith((previous[-1], previous[-1] + " ")) and \
            (lemma := verb_lemma(previous[-1])) in rules.verb_cases:
        return (rules.verb_cases[lemma],)
    if rules.subject_case and _CLAUSE_END.search(before) and following and after[:1].isspace() \
            and verb_lemma(following.group()):
        return (rules.subject_case,)
    return ()


def _motion_before(rules: TermRules, before: str) -> bool:
    """A verb of motion among the last words of the clause before a preposition."""
    clause = re.split(r"[.!?։…,;:—–]", before)[-1]
    return any(verb_lemma(word) in rules.motion_verbs for word in _WORDS.findall(clause)[-3:])


def fit_letter_case(form: str, *, sentence_start: bool, capitals: bool) -> str:
    """``form`` as the sentence needs it: a capital at a sentence start; all capitals in a
    caption written in capitals (RUSSIA → РОССИЯ)."""
    if capitals:
        return form.upper()
    if sentence_start and form[:1].islower():
        return form[:1].upper() + form[1:]
    return form
