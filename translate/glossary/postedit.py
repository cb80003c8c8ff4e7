"""Post-editing a translation so that its glossary terms are in the glossary's forms.

For each glossary term of the source segment (any language of the glossary can be the
source), :mod:`translate.glossary.renderings` finds how the translation rendered it and
what case and number that rendering's form shows; then:

- ``kept``: the rendering is an accepted form; the text is left as it is.
- ``fixed``: the rendering is replaced by the glossary's form in the same case and number
  (only the words that decline change; indeclinables keep their one form). Where the form
  shows no case (a copy in another script, a word that never declines) or several readings
  that need different forms, the context decides (:func:`grammar.governed_cases`).
- ``uncertain``: a rendering was found but nothing decides its case; the text is left as
  the engine wrote it, and the term is flagged.
- ``failed``: no rendering of the term at all; the text is left, and the term is flagged.

Letter case follows the sentence: a capital at a sentence start, capitals in a caption
written in capitals.
"""

from __future__ import annotations

from dataclasses import dataclass

from translate.glossary.grammar import (
    SINGULAR,
    Reading,
    fit_letter_case,
    governed_cases,
    starts_sentence,
)
from translate.glossary.matching import Match
from translate.glossary.model import Glossary
from translate.glossary.renderings import KEPT, Sighting, find_renderings
from translate.glossary.terms import SourceTerm, find_terms, forms_of, in_caption
from translate.languages import rules_for

FIXED, UNCERTAIN, FAILED = "fixed", "uncertain", "failed"


@dataclass(frozen=True)
class TermResult:
    """One source occurrence of a glossary term and what post-editing made of it."""

    entry_id: str
    source: str  # as written in the source
    status: str  # KEPT, FIXED, UNCERTAIN or FAILED
    found: str | None = None  # the rendering as the translation had it
    form: str | None = None  # the form in the post-edited text (kept and fixed)
    case: str | None = None  # the case(s) read, "|" between readings that compete
    number: str | None = None  # "plur" where the form is plural
    start: int | None = None  # offsets of ``form`` (or of ``found``) in the post-edited text
    end: int | None = None
    reason: str = ""

    def as_dict(self) -> dict[str, object]:
        data: dict[str, object] = {"term": self.entry_id, "status": self.status, "source": self.source,
                                   "found": self.found, "form": self.form}
        for key in ("case", "number", "reason"):
            if getattr(self, key):
                data[key] = getattr(self, key)
        return data


@dataclass
class PostEdit:
    text: str
    terms: list[TermResult]


def target_occurrences(glossary: Glossary, source: str, source_language: str,
                       target_language: str) -> list[Match[SourceTerm]]:
    """The glossary terms of ``source`` that have forms in ``target_language``."""
    return [occurrence for occurrence in find_terms(glossary, source, source_language)
            if forms_of(glossary, occurrence.payload.entry, target_language) is not None]


def post_edit(glossary: Glossary, source: str, translation: str, source_language: str,
              target_language: str) -> PostEdit:
    """``translation`` of ``source`` with its glossary terms post-edited, and what became of each."""
    occurrences = target_occurrences(glossary, source, source_language, target_language)
    return edit_occurrences(glossary, occurrences, translation, source_language, target_language)


def edit_occurrences(glossary: Glossary, occurrences: list[Match[SourceTerm]], translation: str,
                     source_language: str, target_language: str) -> PostEdit:
    """``translation`` with the renderings of ``occurrences`` (source terms) post-edited."""
    if not occurrences:
        return PostEdit(translation, [])
    sightings = find_renderings(glossary, target_language, occurrences, translation)
    decided = [_decide(glossary, occurrence, sighting, translation, source_language, target_language)
               for occurrence, sighting in zip(occurrences, sightings)]
    # Apply the replacements left to right, keeping track of where each form ends up.
    results = list(decided)
    pieces: list[str] = []
    cursor = shift = 0
    placed = sorted((number for number, sighting in enumerate(sightings) if sighting is not None),
                    key=lambda number: sightings[number].start)
    for number in placed:
        sighting, result = sightings[number], decided[number]
        written = result.form if result.status == FIXED else translation[sighting.start:sighting.end]
        pieces += [translation[cursor:sighting.start], written]
        cursor = sighting.end
        start = sighting.start + shift
        shift += len(written) - (sighting.end - sighting.start)
        results[number] = _with_span(result, start, start + len(written))
    pieces.append(translation[cursor:])
    return PostEdit("".join(pieces), results)


def _with_span(result: TermResult, start: int, end: int) -> TermResult:
    return TermResult(result.entry_id, result.source, result.status, result.found, result.form, result.case,
                      result.number, start, end, result.reason)


def _decide(glossary: Glossary, occurrence: Match[SourceTerm], sighting: Sighting | None, translation: str,
            source_language: str, target_language: str) -> TermResult:
    entry = occurrence.payload.entry
    if sighting is None:
        return TermResult(entry.id, occurrence.surface, FAILED,
                          reason=f"no rendering of the term in the {target_language} text")
    found = translation[sighting.start:sighting.end]
    if sighting.how == KEPT or sighting.family is None:
        return TermResult(entry.id, occurrence.surface, KEPT, found, found)
    choice = fitting_form(glossary, occurrence, sighting, translation, source_language, target_language)
    if choice.form is None:
        return TermResult(entry.id, occurrence.surface, UNCERTAIN, found, None, choice.case, choice.number,
                          reason=choice.reason)
    status = KEPT if choice.form == found else FIXED
    return TermResult(entry.id, occurrence.surface, status, found, choice.form, choice.case, choice.number)


@dataclass(frozen=True)
class Choice:
    """The glossary's form for a rendering, and the case and number it was read in."""

    form: str | None  # None: the readings left need different forms (uncertain)
    case: str | None
    number: str | None
    reason: str = ""  # why no one form was chosen


def fitting_form(glossary: Glossary, occurrence: Match[SourceTerm], sighting: Sighting, text: str,
                 source_language: str, target_language: str) -> Choice:
    """The form of the sighting's family that fits where it stands in ``text``: in the case and
    number its form shows, the context choosing among several readings (or deciding alone
    when the form shows none); letter case as the sentence needs it."""
    family = sighting.family
    every = set(family.forms)
    readings = set(sighting.readings) & every
    if not readings:  # the form shows nothing: any case (in the singular, unless the base is plural)
        readings = {reading for reading in every if reading[1] == SINGULAR} or every
    context = governed_cases(target_language, text, sighting.start, sighting.end)
    if context and _undeclined(target_language, readings, context):
        readings = {reading for reading in every if reading[1] in {number for _, number in readings}}
    chosen = readings
    for case in context:
        selected = {reading for reading in readings if _label(target_language, reading[0]) == case}
        if selected:
            chosen = selected
            break
    forms = {family.forms[reading] for reading in chosen}
    case, number = _describe(target_language, chosen)
    if len(forms) != 1:
        why = "its form shows no case" if not sighting.readings else "its form reads several ways"
        return Choice(None, case, number, f"{why}, and nothing in the sentence decides which form of the term fits")
    form = fit_letter_case(forms.pop(), sentence_start=starts_sentence(text[:sighting.start]),
                           capitals=in_caption(glossary, occurrence, source_language) and not family.capitals)
    return Choice(form, case, number)


def _undeclined(language: str, readings: set[Reading], context: tuple[str, ...]) -> bool:
    """A rendering in the base case (nominative, Armenian bare) where the context asks for
    other cases only: a word the engine left undeclined («с Лавроф», «Լավրով հետ»), so the
    context decides its case."""
    rules = rules_for(language).terms
    base = rules.cases[0] if rules.cases else ""
    return all(case == base for case, _ in readings) and not any(_label(language, case) in context
                                                                    for case, _ in readings)


def _label(language: str, case: str) -> str:
    """The name of a case: Russian's own; an Armenian suffix's case (ի → gen-dat)."""
    suffixes = rules_for(language).terms.case_suffixes
    return suffixes.get(case, case) if suffixes else case


def _describe(language: str, readings: set[Reading]) -> tuple[str | None, str | None]:
    labels = sorted({_label(language, case) for case, _ in readings if case or rules_for(language).terms.case_suffixes})
    numbers = {number for _, number in readings}
    return ("|".join(labels) or None), ("plur" if numbers == {"plur"} else None)
