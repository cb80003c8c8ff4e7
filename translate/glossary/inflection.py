"""The accepted target forms of an entry: listed, built from stems + suffixes, or generated.

For Russian, forms may be generated with pymorphy3 (``inflect``, on by default): the
words of a term that agree with its head decline (Нагорный Карабах → Нагорного
Карабаха), dependants in the genitive stay (Организации Договора о коллективной
безопасности). Explicit data wins: a ``cases`` (``short_cases``) table replaces the
generated form of that case, and ``avoid`` forms are never accepted. pymorphy3 misreads some names
(Пашинян as a plural, Никол as feminine): such entries list their forms and set
``inflect = false``; ``translate glossary lint`` warns when it cannot read a word.

Terms (``type = "term"``: titles such as Foreign Minister) are also accepted in the plural:
министры иностранных дел, արտաքին գործերի նախարարները; names of people, places and
organisations are not.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from translate.glossary.matching import is_capitals, matchable
from translate.glossary.model import Entry, Rendering
from translate.languages import rules_for
from translate.languages.ru import CASES as RUSSIAN_CASES


@dataclass(frozen=True)
class TargetForms:
    """Everything a check or a substitution needs about one entry in one language."""

    entry_id: str
    language: str
    preferred: str
    short: str | None
    accepted: tuple[str, ...]  # every accepted form, preferred first
    avoid: tuple[str, ...] = ()
    # case → form, of the preferred and of the short rendering (explicit cases win)
    paradigm: dict[str, str] = field(default_factory=dict)
    short_paradigm: dict[str, str] = field(default_factory=dict)
    generated: tuple[str, ...] = ()  # the accepted forms that came from the generator
    problems: tuple[str, ...] = ()  # why generation failed, for lint
    # case → plural form, of the preferred and of the short rendering (terms only; Russian)
    plural: dict[str, str] = field(default_factory=dict)
    short_plural: dict[str, str] = field(default_factory=dict)
    short_accepted: frozenset[str] = frozenset()  # the accepted forms of the short rendering

    def rendering_for(self, short: bool) -> str:
        return self.short if short and self.short else self.preferred


def verbatim_forms(entry: Entry, language: str) -> TargetForms:
    """A do-not-translate entry: its source forms are its target forms."""
    return TargetForms(entry.id, language, entry.term, entry.short[0] if entry.short else None, entry.source_forms)


def suffix_list(rendering: Rendering) -> tuple[str, ...]:
    """The rendering's suffixes, a named set resolved; unknown set names give none (lint says so)."""
    if isinstance(rendering.suffixes, str):
        return rules_for(rendering.language).terms.suffix_sets.get(rendering.suffixes, ())
    return rendering.suffixes


def target_forms(entry: Entry, language: str) -> TargetForms | None:
    """The accepted forms of ``entry`` in ``language``; None when it has no rendering there."""
    if entry.do_not_translate:
        return verbatim_forms(entry, language)
    rendering = entry.rendering(language)
    if rendering is None:
        return None
    rules = rules_for(language).terms
    accepted: list[str] = []

    def accept(form: str | None) -> None:
        if form and form not in accepted:
            accepted.append(form)

    accept(rendering.preferred)
    accept(rendering.short)
    paradigm: dict[str, str] = {}
    short_paradigm: dict[str, str] = {}
    generated: list[str] = []
    problems: list[str] = []
    inflect = rendering.inflect if rendering.inflect is not None else rules.generator is not None
    if inflect and rules.generator == "pymorphy3":
        for base, table in ((rendering.preferred, paradigm), (rendering.short, short_paradigm)):
            if not base:
                continue
            cases, problem = russian_paradigm(base)
            if problem:
                problems.append(problem)
            table.update(cases)
    plural: dict[str, str] = {}
    short_plural: dict[str, str] = {}
    if inflect and rules.generator == "pymorphy3" and entry.type == "term":
        for base, table in ((rendering.preferred, plural), (rendering.short, short_plural)):
            if base:
                table.update(russian_paradigm(base, plural=True)[0])
    explicit = {*dict(rendering.cases).values(), *dict(rendering.short_cases).values()}
    paradigm.update(dict(rendering.cases))
    short_paradigm.update(dict(rendering.short_cases))
    for form in (*paradigm.values(), *short_paradigm.values()):
        if form not in accepted and form not in explicit:
            generated.append(form)
        accept(form)
    for form in rendering.forms:
        accept(form)
    stems = rendering.stems or tuple(base for base in (rendering.preferred, rendering.short) if base)
    for suffix in suffix_list(rendering):
        for stem in stems:
            accept(_attach(stem, suffix))
    for form in (*plural.values(), *short_plural.values()):
        accept(form)
    if entry.type == "term" and suffix_list(rendering):
        for stem in stems:
            for form in plural_with_suffixes(stem, language):
                accept(form)
    avoid = tuple(rendering.avoid)
    accepted = [form for form in accepted if form not in avoid]
    short_accepted: set[str] = set()
    if rendering.short:
        short_accepted = {rendering.short, *short_paradigm.values(), *short_plural.values(),
                          *(_attach(rendering.short, suffix) for suffix in suffix_list(rendering)),
                          *plural_with_suffixes(rendering.short, language)}
    return TargetForms(
        entry.id,
        language,
        rendering.preferred,
        rendering.short,
        tuple(accepted),
        avoid,
        paradigm,
        short_paradigm,
        tuple(form for form in generated if form in accepted),
        tuple(problems),
        plural,
        short_plural,
        frozenset(short_accepted) & set(accepted),
    )


def plural_marker(stem: str, language: str) -> str:
    """The plural marker the stem takes (Armenian: -եր after one syllable, -ներ after more), or ""."""
    rules = rules_for(language).terms
    if not rules.plural_markers:
        return ""
    last = stem.split(" ")[-1].lower()
    syllables = sum(char in rules.vowels for char in last)
    return rules.plural_markers[-1] if syllables <= 1 else rules.plural_markers[0]


def plural_with_suffixes(stem: str, language: str) -> list[str]:
    """The plural of ``stem`` with every case suffix of the language (Armenian նախարարները)."""
    marker = plural_marker(stem, language)
    if not marker or is_capitals(matchable(stem)):
        return []
    return [_attach(stem, marker + suffix) for suffix in rules_for(language).terms.case_suffixes]


def english_plural(form: str) -> str | None:
    """The plural of an English source term: its head takes the ending (Ministers of Foreign Affairs)."""
    rules = rules_for("en").terms
    for marker in rules.plural_head_before:
        head, found, rest = form.partition(marker)
        if found:
            plural = english_plural(head)
            return f"{plural}{found}{rest}" if plural else None
    words = form.split(" ")
    last = words[-1]
    if not last[:1].isalpha() or is_capitals(last):
        return None
    for ending, plural in rules.plural_endings:
        if last.lower().endswith(ending):
            stem = last[: len(last) - len(ending)] if ending else last
            return " ".join([*words[:-1], stem + plural])
    return None


def _attach(stem: str, suffix: str) -> str:
    """stem + suffix, inside closing quotes if the stem has them («…»ի is written «…»-ի)."""
    core = matchable(stem)
    if not core:
        return stem + suffix
    head, _, tail = stem.rpartition(core)
    return f"{head}{core}{suffix}{tail}" if not tail else f"{stem}-{suffix.lstrip('-')}"


# --- Russian, with pymorphy3 ------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _analyser():
    import pymorphy3  # heavy: loaded on first Russian inflection only

    return pymorphy3.MorphAnalyzer(lang="ru")


_DECLINABLE = {"NOUN", "ADJF", "PRTF", "NUMR"}


@functools.lru_cache(maxsize=4096)
def russian_paradigm(phrase: str, plural: bool = False) -> tuple[dict[str, str], str | None]:
    """case → form of ``phrase`` (quotes kept), and why not, if pymorphy3 cannot decline it;
    ``plural`` gives the plural forms.

    The words that decline are the leading run that agrees with the first word (in
    number), with coordinated words (… и …) continuing the run; the first word that
    does not agree (a genitive dependant, a preposition) ends it.
    """
    core = matchable(phrase)
    if not core:
        return {}, None
    head, _, tail = phrase.partition(core)
    words = core.split(" ")
    morph = _analyser()
    chosen: list[tuple[int, object]] = []
    number = None
    animacy = None
    for position, word in enumerate(words):
        if is_capitals(word):  # abbreviations do not decline in writing: глава МИД, ОДКБ
            if not chosen:
                return {case: phrase for case in RUSSIAN_CASES}, None
            break
        parses = morph.parse(word)
        if chosen and parses and parses[0].tag.POS == "CONJ":
            continue
        nominative = [
            parse for parse in parses
            if parse.tag.POS in _DECLINABLE and parse.tag.case == "nomn"
            and (number is None or parse.tag.number == number or "Fixd" in parse.tag)
        ]
        if not chosen and nominative:
            singular = [parse for parse in nominative if parse.tag.number == "sing"]
            nominative = singular or nominative
        if not nominative:
            # A name that cannot be read as a nominative is misread, not a dependant.
            if not chosen or (word[:1].isupper() and not any(parse.tag.case == "nomn" for parse in parses)):
                return {}, f"pymorphy3 does not read {word!r} as a nominative; list its forms and set inflect = false"
            break
        parse = max(nominative, key=lambda candidate: candidate.score)
        chosen.append((position, parse))
        number = number or parse.tag.number
        if parse.tag.POS == "NOUN" and animacy is None:
            animacy = parse.tag.animacy
    cases: dict[str, str] = {}
    for case in RUSSIAN_CASES:
        inflected = list(words)
        for position, parse in chosen:
            grammemes = {case, "plur"} if plural else {case}
            if case == "accs" and parse.tag.POS != "NOUN" and animacy:
                grammemes.add(animacy)
            form = parse.inflect(grammemes) or (parse.inflect(grammemes - {animacy}) if animacy in grammemes else None)
            if form is None:
                break
            inflected[position] = _like(words[position], form.word)
        else:
            cases[case] = f"{head}{' '.join(inflected)}{tail}"
    return cases, None


def _like(original: str, word: str) -> str:
    """``word`` with the letter case of ``original`` (pymorphy3 answers in lower case)."""
    if original.isupper() and len(original) > 1:
        return word.upper()
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
