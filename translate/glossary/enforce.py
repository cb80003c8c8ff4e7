"""Glossary enforcement as a Translator wrapper, for any engine.

1. The engine translates the segments as they are.
2. A segment whose translation already holds an accepted form of each of its terms is
   kept: the engine chose the grammatical case, and the case is right more often than
   any rule of ours would be ("kept").
3. Otherwise the terms it missed are replaced by placeholders and the segment is
   translated again; each placeholder is then replaced by the form that fits where it
   landed: the case a Russian preposition before it asks for, the Armenian suffix the
   engine glued to it, the preferred form otherwise ("enforced"). Do-not-translate
   terms come back verbatim. If that second translation loses a term the first one
   had, all its terms are protected in a third.
4. If the engine drops or duplicates a placeholder, enforcement cannot be guaranteed:
   the segment keeps the engine's first translation and each unanswered term is
   flagged ("failed"), never silently wrong.

What became of each term comes back with the translation (``translate_full``: a
:class:`~translate.document.TermOutcome` per occurrence), and each failed term with an
error finding (``glossary.failed``), so QA counts the segment as flagged.

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
from dataclasses import dataclass

from translate.document import TermOutcome, TermStatus
from translate.engines.base import Translation, Translator, Wrapper
from translate.findings import Finding, Severity
from translate.glossary.grammar import fit_letter_case, governed_cases, starts_sentence, with_suffix
from translate.glossary.inflection import TargetForms
from translate.glossary.matching import Match
from translate.glossary.model import Glossary
from translate.glossary.terms import SourceTerm, answers, find_terms, forms_of, in_caption
from translate.languages import TermRules, rules_for

log = logging.getLogger("translate.glossary")

GLOSSARY_FAILED = "glossary.failed"  # the code of a failed term's finding


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
    forms: TargetForms | None
    occurrence: Match[SourceTerm]


class GlossaryTranslator(Wrapper):
    """Wraps any translator so that glossary terms come out in accepted target forms."""

    def __init__(self, inner: Translator, glossary: Glossary, *, enforce: bool = True, placeholder: str = "number"):
        if placeholder not in PLACEHOLDER_SCHEMES:
            raise ValueError(f"unknown placeholder scheme {placeholder!r}; known: {', '.join(PLACEHOLDER_SCHEMES)}")
        super().__init__(inner)
        self.glossary = glossary
        self.enforce = enforce
        self.scheme = PLACEHOLDER_SCHEMES[placeholder]
        self.rules: TermRules = rules_for(self.target).terms

    def signature(self) -> dict[str, object]:
        how = f"placeholder:{self.scheme.name}" if self.enforce else "check-only"
        return {**self.inner.signature(), "glossary": self.glossary.digest(),
                "glossary_enforcement": how}

    def translate_full(self, texts: Sequence[str]) -> list[Translation]:
        texts = list(texts)
        found = [find_terms(self.glossary, text, self.source) for text in texts]
        first = self.inner.translate_full(texts)
        final = list(first)
        outcomes: list[list[TermOutcome]] = [[] for _ in texts]
        pending: dict[int, list[int]] = {}  # text index → the occurrences to protect
        for index, (occurrences, output) in enumerate(zip(found, first)):
            if not occurrences:
                continue
            replies = answers(self.glossary, self.target, occurrences, output.text)
            missing = {occ.payload.entry.id for occ, reply in zip(occurrences, replies) if reply.found is None}
            if not missing or not self.enforce:
                outcomes[index] = self._judge(occurrences, output.text, set(), "not enforced (check only)")
            else:
                pending[index] = [n for n, occ in enumerate(occurrences) if occ.payload.entry.id in missing]
        # Round 2 protects the terms the engine missed; round 3 protects every term of a
        # segment whose round 2 lost a term the engine had got right in round 1.
        for last_round in (False, True):
            retry = self._protected_round(texts, found, pending) if pending else {}
            pending = {}
            for index, (restored, protected, problem, inner) in retry.items():
                occurrences = found[index]
                if restored is None:  # a placeholder dropped or repeated: keep the engine's own, flag
                    outcomes[index] = self._judge(occurrences, first[index].text, set(), problem)
                    continue
                replies = answers(self.glossary, self.target, occurrences, restored)
                lost = any(reply.found is None and n not in protected for n, reply in enumerate(replies))
                if lost and not last_round:
                    pending[index] = list(range(len(occurrences)))
                    continue
                final[index] = inner.annotated(restored)
                outcomes[index] = self._judge(occurrences, restored, protected, "substituted form not found")
        return [translation.annotated(terms=terms, findings=self._findings(text, terms))
                for text, translation, terms in zip(texts, final, outcomes)]

    def _findings(self, text: str, terms: list[TermOutcome]) -> list[Finding]:
        """An error for each term that failed: the segment is flagged, never silently wrong."""
        failed = [term for term in terms if term.status is TermStatus.FAILED]
        if failed:
            log.warning("glossary: %s not in an accepted %s form in %r; the segment is flagged",
                        ", ".join(term.source for term in failed), self.target, text[:80])
        return [Finding(GLOSSARY_FAILED, Severity.ERROR,
                        f"{term.source!r} is not in an accepted {self.target} form of the glossary entry "
                        f"{term.term!r}: {term.reason}")
                for term in failed]

    def _judge(self, occurrences, output: str, protected: set[int], reason: str) -> list[TermOutcome]:
        replies = answers(self.glossary, self.target, occurrences, output)
        terms = []
        for number, (occ, reply) in enumerate(zip(occurrences, replies)):
            if reply.found is not None:
                status = TermStatus.ENFORCED if number in protected else TermStatus.KEPT
                terms.append(TermOutcome(occ.payload.entry.id, occ.surface, reply.found.surface, status))
            else:
                why = reason
                if reply.avoided is not None:
                    why = f"{reason}; the translation has the wrong rendering {reply.avoided.surface!r}"
                terms.append(TermOutcome(occ.payload.entry.id, occ.surface, None, TermStatus.FAILED, why))
        return terms

    def _protected_round(
        self, texts: list[str], found: list[list[Match[SourceTerm]]], to_protect: dict[int, list[int]]
    ) -> dict[int, tuple[str | None, set[int], str, Translation]]:
        """Translate the segments again with the given terms protected; put forms back in.

        Each result: the translation with the forms put back (None if a placeholder was lost),
        the occurrences protected, what went wrong, and the inner translator's translation."""
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
                forms = forms_of(self.glossary, occ.payload.entry, self.target)
                slots.append(_Slot(number, token, forms, occ))
                pieces += [text[cursor:occ.start], token]
                cursor = occ.end
            pieces.append(text[cursor:])
            inputs.append("".join(pieces))
            slots_of.append(slots)
        outputs = self.inner.translate_full(inputs)
        result: dict[int, tuple[str | None, set[int], str, Translation]] = {}
        for index, slots, output in zip(order, slots_of, outputs):
            restored, problem = self._restore(output.text, slots)
            result[index] = (restored, {slot.index for slot in slots}, problem, output)
        return result

    def _restore(self, output: str, slots: list[_Slot]) -> tuple[str | None, str]:
        located = []
        for slot in slots:
            spans = self.scheme.locate(slot.token, output)
            if len(spans) != 1:
                what = "dropped" if not spans else f"repeated {len(spans)} times"
                return None, f"the engine {what} the protected term's placeholder"
            located.append((spans[0], slot))
        for (start, end), slot in sorted(located, key=lambda item: item[0][0], reverse=True):
            form, end = self._fitting_form(slot, output, start, end)
            output = output[:start] + form + output[end:]
        return output, ""

    def _fitting_form(self, slot: _Slot, output: str, start: int, end: int) -> tuple[str, int]:
        """The form to put at output[start:end], and where the replaced text ends."""
        occ = slot.occurrence
        entry, short = occ.payload.entry, occ.payload.short
        forms = slot.forms
        if entry.do_not_translate or forms is None:
            return occ.surface, end
        form = forms.rendering_for(short)
        paradigm = forms.short_paradigm if short and forms.short else forms.paradigm
        case = next((case for case in governed_cases(self.target, output, start, end) if case in paradigm), None)
        if case:
            form = paradigm[case]
        glued = self.rules.glued_suffix.match(output, end) if self.rules.glued_suffix else None
        if glued:
            suffixed = with_suffix(forms, form, glued.group())
            if suffixed:
                form, end = suffixed, glued.end()
        # a caption in capitals: RUSSIA → РОССИЯ (but CSTO → ՀԱՊԿ-ը as it is)
        caption = in_caption(self.glossary, occ, self.source)
        return fit_letter_case(form, sentence_start=starts_sentence(output[:start]), capitals=caption), end


def wrap(translator: Translator, glossary: Glossary | None, *, enforce: bool = True,
         placeholder: str = "number") -> Translator:
    """``translator`` with the glossary enforced, when the glossary applies to its direction."""
    if not glossary or not glossary.covers(translator.source, translator.target):
        return translator
    return GlossaryTranslator(translator, glossary, enforce=enforce, placeholder=placeholder)
