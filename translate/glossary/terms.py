"""Glossary terms in text: source occurrences, and the accepted target forms that answer them.

Any language of the glossary can be the source side. In the glossary's own source
language the matcher holds every source form of every entry (term, variants, short forms,
and the plural of terms such as "foreign ministers"); in another language, every accepted
form of the entry's rendering there (inflected and plural forms too: «министрами
иностранных дел», «ԱԳ նախարարները»), and its ``avoid`` forms, which are still the term.
Each follows the entry's case rule; a matcher is built once per glossary and language. The target side is
built per check from the entries a segment actually contains: their accepted forms
(any letter case) and their ``avoid`` forms, so a known wrong rendering such as
«Никола Пашинян» is seen as what it is and not as the accepted «Пашинян» inside it.
"""

from __future__ import annotations

from dataclasses import dataclass

from translate.glossary.inflection import TargetForms, english_plural, target_forms
from translate.glossary.matching import Match, TermMatcher, is_capitals, source_exact
from translate.glossary.model import Entry, Glossary


@dataclass(frozen=True)
class SourceTerm:
    """What a source match found: the entry, and whether it was one of its short forms."""

    entry: Entry
    short: bool


@dataclass(frozen=True)
class TargetHit:
    entry_id: str
    avoided: bool  # one of the entry's known wrong renderings


@dataclass(frozen=True)
class Answer:
    """How one source occurrence is answered in the translation."""

    found: Match[TargetHit] | None  # the accepted form, if any
    avoided: Match[TargetHit] | None = None  # a wrong rendering of the entry, if one is there


def source_matcher(glossary: Glossary, language: str | None = None) -> TermMatcher[SourceTerm]:
    """The matcher of the terms as written in ``language`` (default: the glossary's source)."""
    language = language or glossary.source

    def build() -> TermMatcher[SourceTerm]:
        matcher: TermMatcher[SourceTerm] = TermMatcher()
        for entry in glossary.entries:
            priority = glossary.precedence.get(entry.id, 0)
            for form, short in written_forms(glossary, entry, language):
                matcher.add(form, SourceTerm(entry, short), exact=source_exact(form, entry.case), priority=priority)
        return matcher

    return glossary.cached(("source-matcher", language), build)


def written_forms(glossary: Glossary, entry: Entry, language: str) -> list[tuple[str, bool]]:
    """(form, is a short form) of every way ``entry`` is written in ``language``."""
    if language == glossary.source or entry.do_not_translate:
        written = [(form, False) for form in entry.full_forms] + [(form, True) for form in entry.short]
        if entry.type == "term" and language == "en":
            written += [(plural, short) for form, short in written if (plural := english_plural(form))]
        return written
    forms = forms_of(glossary, entry, language)
    if forms is None:
        return []
    return [(form, form in forms.short_accepted) for form in (*forms.accepted, *forms.avoid)]


def in_caption(glossary: Glossary, occurrence: Match[SourceTerm], language: str) -> bool:
    """A source occurrence written in capitals though the term is not (RUSSIA in a caption;
    CSTO, ՌԴ are written so)."""
    surface = occurrence.surface
    return is_capitals(surface) and all(form != surface for form, _ in
                                        written_forms(glossary, occurrence.payload.entry, language))


def find_terms(glossary: Glossary, text: str, language: str | None = None) -> list[Match[SourceTerm]]:
    """The glossary terms in ``text`` (written in ``language``, default the glossary's source):
    leftmost, longest, in text order."""
    return source_matcher(glossary, language).find(text)


def forms_of(glossary: Glossary, entry: Entry, language: str) -> TargetForms | None:
    """The accepted forms of ``entry`` in ``language``; in the glossary's source language, its
    source forms (a translation into English is checked against the English terms)."""
    def build() -> TargetForms | None:
        if language == glossary.source and entry.rendering(language) is None and not entry.do_not_translate:
            written = written_forms(glossary, entry, language)
            return TargetForms(entry.id, language, entry.term, entry.short[0] if entry.short else None,
                               tuple(form for form, _ in written),
                               short_accepted=frozenset(form for form, short in written if short))
        return target_forms(entry, language)

    return glossary.cached(("forms", entry.id, language), build)


_MATCHERS_KEPT = 4096


def _target_matcher(glossary: Glossary, language: str, entries: tuple[Entry, ...]) -> TermMatcher[TargetHit]:
    """The accepted and avoided forms of ``entries`` in ``language``, built once per set of entries
    (segments of one article mostly share them)."""
    def build() -> TermMatcher[TargetHit]:
        matcher: TermMatcher[TargetHit] = TermMatcher()
        for entry in sorted(entries, key=lambda entry: entry.id):
            forms = forms_of(glossary, entry, language)
            if forms is None:
                continue
            for form in forms.accepted:
                matcher.add(form, TargetHit(entry.id, False), exact=entry.do_not_translate)
            for form in forms.avoid:
                matcher.add(form, TargetHit(entry.id, True))
        return matcher

    cache: dict[tuple[str, ...], TermMatcher[TargetHit]] = glossary.cached(("target-matchers", language), dict)
    key = tuple(sorted(entry.id for entry in entries))
    matcher = cache.get(key)
    if matcher is None:
        if len(cache) >= _MATCHERS_KEPT:  # bounded: a long batch meets many sets of entries
            cache.clear()
        matcher = cache[key] = build()
    return matcher


def answers(
    glossary: Glossary, language: str, occurrences: list[Match[SourceTerm]], translation: str
) -> list[Answer]:
    """For each source occurrence, the accepted form that answers it in ``translation``.

    Occurrences of one entry are paired with that entry's forms in the translation in
    order; an occurrence left without one is unanswered (``found`` None).
    """
    entries = {occurrence.payload.entry.id: occurrence.payload.entry for occurrence in occurrences}
    matcher = _target_matcher(glossary, language, tuple(entries.values()))
    found: dict[str, list[Match[TargetHit]]] = {}
    avoided: dict[str, list[Match[TargetHit]]] = {}
    for hit in matcher.find(translation):
        (avoided if hit.payload.avoided else found).setdefault(hit.payload.entry_id, []).append(hit)
    result: list[Answer] = []
    for occurrence in occurrences:
        entry_id = occurrence.payload.entry.id
        hits = found.get(entry_id, [])
        if hits:
            result.append(Answer(hits.pop(0)))
        else:
            wrong = avoided.get(entry_id, [])
            result.append(Answer(None, wrong.pop(0) if wrong else None))
    return result
