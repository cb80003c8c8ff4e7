"""Glossary enforcement as a Translator wrapper, for any engine.

1. The engine translates the segments as they are.
2. Each translation is post-edited (:mod:`translate.glossary.postedit`, as ``translate
   glossary apply`` does): a term the engine rendered in an accepted form is "kept" (the
   engine chose the grammatical case, right more often than any rule of ours); a rendering
   with a variant spelling, a transliteration or the source copied is replaced by the
   glossary's form in the case and number that rendering shows ("fixed"); a rendering
   whose case nothing decides is left as the engine wrote it and flagged with a warning
   ("uncertain", never a guess reported as right).
3. Only terms with no rendering at all go further: they are replaced by placeholders and
   the segment is translated again; each placeholder is read like a rendering (the
   Armenian suffix the engine glued to it, 701-ին, is its case; digits show none) and
   replaced by the form that fits where it landed: the case its suffix, a preposition or a
   verb before it asks for ("enforced"); when nothing decides among forms that differ, the
   preferred form goes in and the term is "uncertain". Do-not-translate terms come back
   verbatim. If that second translation loses a term the first one had, all the segment's
   terms are protected in a third.
4. If the engine drops or duplicates a placeholder, enforcement cannot be guaranteed:
   the segment keeps the engine's first translation (post-edited) and each unanswered term
   is flagged ("failed"), never silently wrong.

What became of each term comes back with the translation (``translate_full``: a
:class:`~translate.document.TermOutcome` per occurrence), each failed term with an error
finding (``glossary.failed``, so QA counts the segment as flagged) and each uncertain one
with a warning (``glossary.uncertain``).

Placeholders. The default scheme writes each protected term as a three-digit number
that does not occur in the segment (701, 702, …). Opus-MT models copy numbers
through: digits are in every Opus-MT vocabulary and news parallel text is full of
numbers copied verbatim, whereas a bracket such as ⟦ is not in their SentencePiece
vocabularies (it becomes <unk> and is lost), and markup tags come back mangled
(">/strong>", EasyNMT issue 35). Three digits keep clear of years (a four-digit number
invites "в 2021 году") and of thousands separators (which five digits would get); an
Armenian engine glues case endings to numbers ("701-ին"), which tells us the case.
The pseudo engine copies digits as well. The "brackets" scheme (⟦1⟧) is there for
engines known to keep such spans.
"""

from __future__ import annotations

import abc
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from translate.document import TermOutcome, TermStatus
from translate.engines.base import Translation, Translator, Wrapper
from translate.findings import Finding, Severity
from translate.glossary.matching import Match
from translate.glossary.model import Glossary
from translate.glossary.postedit import (
    FAILED,
    FIXED,
    KEPT,
    UNCERTAIN,
    PostEdit,
    TermResult,
    edit_occurrences,
    fitting_form,
    target_occurrences,
)
from translate.glossary.renderings import at_placeholder
from translate.glossary.terms import SourceTerm

log = logging.getLogger("translate.glossary")

GLOSSARY_FAILED = "glossary.failed"  # the code of a failed term's finding (an error)
GLOSSARY_UNCERTAIN = "glossary.uncertain"  # the code of an uncertain term's finding (a warning)

_STATUS = {KEPT: TermStatus.KEPT, FIXED: TermStatus.FIXED, UNCERTAIN: TermStatus.UNCERTAIN,
           FAILED: TermStatus.FAILED}


# --- placeholder schemes ----------------------------------------------------------------------


class PlaceholderScheme(abc.ABC):
    name: str

    @abc.abstractmethod
    def tokens(self, count: int, text: str) -> list[str]:
        """``count`` distinct placeholders, none of which already occurs in ``text``."""

    @abc.abstractmethod
    def locate(self, token: str, output: str) -> list[tuple[int, int]]:
        """Where ``token`` came back in ``output``."""


class NumberPlaceholders(PlaceholderScheme):
    name = "number"
    first = 701

    def tokens(self, count: int, text: str) -> list[str]:
        present = set(re.findall(r"\d+", text))
        tokens: list[str] = []
        candidate = self.first
        while len(tokens) < count:
            if str(candidate) not in present:
                tokens.append(str(candidate))
            candidate += 1
        return tokens

    def locate(self, token: str, output: str) -> list[tuple[int, int]]:
        return [match.span() for match in re.finditer(rf"(?<![\d.,]){token}(?![\d]|[.,]\d)", output)]


class BracketPlaceholders(PlaceholderScheme):
    name = "brackets"

    def tokens(self, count: int, text: str) -> list[str]:
        tokens, number = [], 1
        while len(tokens) < count:
            if f"⟦{number}⟧" not in text:
                tokens.append(f"⟦{number}⟧")
            number += 1
        return tokens

    def locate(self, token: str, output: str) -> list[tuple[int, int]]:
        return [match.span() for match in re.finditer(re.escape(token), output)]


PLACEHOLDER_SCHEMES: dict[str, PlaceholderScheme] = {
    scheme.name: scheme for scheme in (NumberPlaceholders(), BracketPlaceholders())
}


# --- the wrapper ---------------------------------------------------------------------------------


@dataclass
class _Slot:
    index: int  # which occurrence
    token: str
    occurrence: Match[SourceTerm]


@dataclass
class _Attempt:
    """A protected round's result for one segment."""

    text: str | None  # the translation with the forms put in (None: a placeholder was lost)
    placed: dict[int, TermOutcome]  # occurrence number → what was put in for it
    problem: str  # why ``text`` is None
    inner: Translation  # the inner translator's translation


class GlossaryTranslator(Wrapper):
    """Wraps any translator so that glossary terms come out in accepted target forms."""

    def __init__(self, inner: Translator, glossary: Glossary, *, enforce: bool = True, placeholder: str = "number"):
        if placeholder not in PLACEHOLDER_SCHEMES:
            raise ValueError(f"unknown placeholder scheme {placeholder!r}; known: {', '.join(PLACEHOLDER_SCHEMES)}")
        super().__init__(inner)
        self.glossary = glossary
        self.enforce = enforce
        self.scheme = PLACEHOLDER_SCHEMES[placeholder]

    def signature(self) -> dict[str, object]:
        how = f"placeholder:{self.scheme.name}" if self.enforce else "check-only"
        return {**self.inner.signature(), "glossary": self.glossary.digest(),
                "glossary_enforcement": how}

    def translate_full(self, texts: Sequence[str]) -> list[Translation]:
        texts = list(texts)
        found = [target_occurrences(self.glossary, text, self.source, self.target) for text in texts]
        first = self.inner.translate_full(texts)
        final = list(first)
        outcomes: list[list[TermOutcome]] = [[] for _ in texts]
        pending: dict[int, list[int]] = {}  # text index → the occurrences to protect
        for index, (occurrences, output) in enumerate(zip(found, first)):
            if not occurrences:
                continue
            edit = self._post_edit(occurrences, output.text)
            if not self.enforce:
                outcomes[index] = [_checked(occ, result) for occ, result in zip(occurrences, edit.terms)]
                continue
            final[index] = output.annotated(edit.text)
            outcomes[index] = [_outcome(occ, result) for occ, result in zip(occurrences, edit.terms)]
            failed = [number for number, result in enumerate(edit.terms) if result.status == FAILED]
            if failed:
                pending[index] = failed
        # Round 2 protects the terms the engine did not render; round 3 protects every term of
        # a segment whose round 2 lost a term the engine had rendered in round 1.
        for last_round in (False, True):
            retry = self._protected_round(texts, found, pending) if pending else {}
            pending = {}
            for index, attempt in retry.items():
                occurrences = found[index]
                if attempt.text is None:  # a placeholder dropped or repeated: keep round 1's, flag
                    outcomes[index] = [replace(term, reason=attempt.problem) if term.status is TermStatus.FAILED
                                       else term for term in outcomes[index]]
                    continue
                edit = self._post_edit(occurrences, attempt.text)
                lost = any(result.status == FAILED and number not in attempt.placed
                           for number, result in enumerate(edit.terms))
                if lost and not last_round:
                    pending[index] = list(range(len(occurrences)))
                    continue
                final[index] = attempt.inner.annotated(edit.text)
                outcomes[index] = [attempt.placed.get(number) or _outcome(occ, result)
                                   for number, (occ, result) in enumerate(zip(occurrences, edit.terms))]
        return [translation.annotated(terms=terms, findings=self._findings(text, terms))
                for text, translation, terms in zip(texts, final, outcomes)]

    def _post_edit(self, occurrences: list[Match[SourceTerm]], output: str) -> PostEdit:
        return edit_occurrences(self.glossary, occurrences, output, self.source, self.target)

    def _findings(self, text: str, terms: list[TermOutcome]) -> list[Finding]:
        """An error for each term that failed (the segment is flagged, never silently wrong), a
        warning for each term whose case could not be decided."""
        failed = [term for term in terms if term.status is TermStatus.FAILED]
        if failed:
            log.warning("glossary: %s not in an accepted %s form in %r; the segment is flagged",
                        ", ".join(term.source for term in failed), self.target, text[:80])
        findings = []
        for term in terms:
            if term.status is TermStatus.FAILED:
                findings.append(Finding(
                    GLOSSARY_FAILED, Severity.ERROR,
                    f"{term.source!r} is not in an accepted {self.target} form of the glossary entry "
                    f"{term.term!r}: {term.reason}"))
            elif term.status is TermStatus.UNCERTAIN:
                findings.append(Finding(
                    GLOSSARY_UNCERTAIN, Severity.WARNING,
                    f"{term.source!r} stands as {term.form!r}, which may not be the {self.target} case the "
                    f"sentence needs (glossary entry {term.term!r}): {term.reason}; check it"))
        return findings

    def _protected_round(self, texts: list[str], found: list[list[Match[SourceTerm]]],
                         to_protect: dict[int, list[int]]) -> dict[int, _Attempt]:
        """Translate the segments again with the given terms protected; put forms back in."""
        order = sorted(to_protect)
        inputs: list[str] = []
        slots_of: list[list[_Slot]] = []
        for index in order:
            text, occurrences = texts[index], found[index]
            chosen = to_protect[index]
            tokens = self.scheme.tokens(len(chosen), text)
            slots = []
            pieces, cursor = [], 0
            for token, number in zip(tokens, chosen):
                occ = occurrences[number]
                slots.append(_Slot(number, token, occ))
                pieces += [text[cursor:occ.start], token]
                cursor = occ.end
            pieces.append(text[cursor:])
            inputs.append("".join(pieces))
            slots_of.append(slots)
        outputs = self.inner.translate_full(inputs)
        return {index: self._restore(output, slots) for index, slots, output in zip(order, slots_of, outputs)}

    def _restore(self, output: Translation, slots: list[_Slot]) -> _Attempt:
        text = output.text
        located = []
        for slot in slots:
            spans = self.scheme.locate(slot.token, text)
            if len(spans) != 1:
                what = "dropped" if not spans else f"repeated {len(spans)} times"
                return _Attempt(None, {}, f"the engine {what} the protected term's placeholder", output)
            located.append((spans[0], slot))
        placed: dict[int, TermOutcome] = {}
        for (start, end), slot in sorted(located, key=lambda item: item[0][0], reverse=True):
            form, end, status, reason = self._fitting_form(slot, text, start, end)
            text = text[:start] + form + text[end:]
            placed[slot.index] = TermOutcome(slot.occurrence.payload.entry.id, slot.occurrence.surface, form,
                                             status, reason)
        return _Attempt(text, placed, "", output)

    def _fitting_form(self, slot: _Slot, output: str, start: int, end: int) -> tuple[str, int, TermStatus, str]:
        """The form to put at output[start:end], where the replaced text ends (a suffix the engine
        put on the placeholder included), and whether the form is ENFORCED or UNCERTAIN."""
        occ = slot.occurrence
        sighting = None if occ.payload.entry.do_not_translate else \
            at_placeholder(self.glossary, occ, self.source, self.target, output, start, end)
        if sighting is None:
            return occ.surface, end, TermStatus.ENFORCED, ""
        choice = fitting_form(self.glossary, occ, sighting, output, self.source, self.target)
        if choice.form is not None:
            return choice.form, sighting.end, TermStatus.ENFORCED, ""
        # Nothing decides among forms that differ: the base form goes in (the sentence needs the
        # term), reported as uncertain, not as enforced.
        family = sighting.family
        as_base = frozenset(reading for reading, form in family.forms.items() if form == family.base)
        base = fitting_form(self.glossary, occ, replace(sighting, readings=as_base), output, self.source, self.target)
        reason = f"the protected term came back with no case of its own; {choice.reason}"
        return base.form or family.base, sighting.end, TermStatus.UNCERTAIN, reason


def _outcome(occurrence: Match[SourceTerm], result: TermResult) -> TermOutcome:
    """A post-edited term as a term outcome of the translation."""
    entry_id, source = occurrence.payload.entry.id, occurrence.surface
    if result.status == FIXED:
        return TermOutcome(entry_id, source, result.form, TermStatus.FIXED, found=result.found)
    if result.status == UNCERTAIN:  # left as the engine wrote it
        return TermOutcome(entry_id, source, result.found, TermStatus.UNCERTAIN, result.reason, found=result.found)
    return TermOutcome(entry_id, source, result.form, _STATUS[result.status], result.reason)


def _checked(occurrence: Match[SourceTerm], result: TermResult) -> TermOutcome:
    """A term of a translation checked only (``enforce = false``): nothing is changed, so a
    rendering that would be fixed is a failure."""
    if result.status != FIXED:
        outcome = _outcome(occurrence, result)
        if result.status == FAILED:
            return replace(outcome, reason=f"not enforced (check only); {result.reason}")
        return outcome
    return TermOutcome(occurrence.payload.entry.id, occurrence.surface, None, TermStatus.FAILED,
                       f"not enforced (check only); the translation has {result.found!r}, "
                       f"not the glossary's {result.form!r}")


def wrap(translator: Translator, glossary: Glossary | None, *, enforce: bool = True,
         placeholder: str = "number") -> Translator:
    """``translator`` with the glossary enforced, when the glossary applies to its direction."""
    if not glossary or not glossary.covers(translator.source, translator.target):
        return translator
    return GlossaryTranslator(translator, glossary, enforce=enforce, placeholder=placeholder)
