"""Glossary terms in text: source occurrences, and the accepted target forms that answer them.

The source matcher holds every source form of every entry (term, variants, short
forms) under the entry's case rule; it is built once per glossary. The target side is
built per check from the entries a segment actually contains: their accepted forms
(any letter case) and their ``avoid`` forms, so a known wrong rendering such as
«Никола Пашинян» is seen as what it is and not as the accepted «Пашинян» inside it.
"""

from __future__ import annotations

from dataclasses import dataclass

from translate.glossary.inflection import TargetForms, target_forms
from translate.glossary.matching import Match, TermMatcher, source_exact
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


def source_matcher(glossary: Glossary) -> TermMatcher[SourceTerm]:
    def build() -> TermMatcher[SourceTerm]:
        matcher: TermMatcher[SourceTerm] = TermMatcher()
        for entry in glossary.entries:
            priority = glossary.precedence.get(entry.id, 0)
            for form in entry.full_forms:
                matcher.add(form, SourceTerm(entry, False), exact=source_exact(form, entry.case), priority=priority)
            for form in entry.short:
                matcher.add(form, SourceTerm(entry, True), exact=source_exact(form, entry.case), priority=priority)
        return matcher

    return glossary.cached("source-matcher", build)


def find_terms(glossary: Glossary, text: str) -> list[Match[SourceTerm]]:
    """The glossary terms in ``text``: leftmost, longest, in text order."""
    return source_matcher(glossary).find(text)


def forms_of(glossary: Glossary, entry: Entry, language: str) -> TargetForms | None:
    return glossary.cached(("forms", entry.id, language), lambda: target_forms(entry, language))


def answers(
    glossary: Glossary, language: str, occurrences: list[Match[SourceTerm]], translation: str
) -> list[Answer]:
    """For each source occurrence, the accepted form that answers it in ``translation``.

    Occurrences of one entry are paired with that entry's forms in the translation in
    order; an occurrence left without one is unanswered (``found`` None).
    """
    matcher: TermMatcher[TargetHit] = TermMatcher()
    seen: set[str] = set()
    for occurrence in occurrences:
        entry = occurrence.payload.entry
        if entry.id in seen:
            continue
        seen.add(entry.id)
        forms = forms_of(glossary, entry, language)
        if forms is None:
            continue
        for form in forms.accepted:
            matcher.add(form, TargetHit(entry.id, False), exact=entry.do_not_translate)
        for form in forms.avoid:
            matcher.add(form, TargetHit(entry.id, True))
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
