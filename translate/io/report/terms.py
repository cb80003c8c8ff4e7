"""Glossary terms in the report: where each term's form occurs in a segment, and what its status means.

The report's dict lists a segment's terms once per occurrence, so a segment that repeats a
term a thousand times carries a thousand entries for it, and a segment may hold many distinct
terms. Matching each entry on its own made hits × hits candidate spans (1,512 hits: 14 s), and
one regular expression of all forms still tried every form at every place (4,000 distinct
terms: 53 s). Here the forms are looked up in a dictionary at each place a word may start, one
lookup per distinct form length: the work grows with the text, not with the number of forms.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import NamedTuple

# Glossary term statuses (the glossary stage's vocabulary) and what each means to an editor.
TERM_STATUSES = {
    "kept": "the translation already used the glossary's form",
    "fixed": "the engine's rendering (a variant spelling, a copy) was replaced by the glossary's form in its case",
    "enforced": "the glossary's form was put into the translation",
    "uncertain": "the term is there, but nothing decided its case: check it",
    "failed": "the glossary's form is missing from the translation",
}


class Highlight(NamedTuple):
    """A run of a segment's text; ``term`` is the glossary term it is a form of, if any."""

    text: str
    term: Mapping[str, object] | None = None

    @property
    def css_class(self) -> str:
        return term_class(self.term.get("status")) if self.term is not None else ""

    @property
    def title(self) -> str:
        if self.term is None:
            return ""
        target = self.term.get("target")
        return (f"glossary: {self.term.get('source')} → {target if target else '(missing)'} "
                f"({self.term.get('status')})")


def term_class(status: object) -> str:
    """The CSS class of a term's status (unknown statuses share one)."""
    return f"term-{status}" if status in TERM_STATUSES else "term-other"


_WORD = re.compile(r"\w")


def distinct_forms(terms: Sequence[Mapping[str, object]], side: str) -> dict[str, Mapping[str, object]]:
    """Each distinct ``side`` form and the first term that has it."""
    first: dict[str, Mapping[str, object]] = {}
    for term in terms:
        form = term.get(side)
        if isinstance(form, str) and form.strip():
            first.setdefault(form, term)
    return first


class FormIndex:
    """The forms of a segment's terms by exact text, and by lower case for forms the text does
    not hold as written; looked up at each place a whole word may start, longest length first.
    ``probes`` counts the lookups (a test bounds it)."""

    def __init__(self, forms: dict[str, Mapping[str, object]]):
        self.exact = forms
        self.folded: dict[str, Mapping[str, object]] = {}
        self.lengths = sorted({len(form) for form in forms}, reverse=True)
        self.probes = 0

    def fold_missing(self, found: set[str]) -> None:
        """Forms not found as written match in another case ("Csto" for "CSTO" in a title)."""
        for form, term in self.exact.items():
            if form not in found:
                self.folded.setdefault(form.lower(), term)
        self.exact = {form: term for form, term in self.exact.items() if form in found}

    def match_at(self, text: str, start: int) -> tuple[int, Mapping[str, object]] | None:
        """The longest form that is a whole word at ``start``: (its end, its term)."""
        for length in self.lengths:
            end = start + length
            if end > len(text) or (end < len(text) and _WORD.match(text, end)):
                continue
            self.probes += 1
            piece = text[start:end]
            term = self.exact.get(piece) or (self.folded.get(piece.lower()) if self.folded else None)
            if term is not None:
                return end, term
        return None


def _word_starts(text: str):
    """Where a whole word may start: not right after a word character."""
    return (index for index in range(len(text)) if index == 0 or not _WORD.match(text, index - 1))


def highlight_spans(text: str, terms: Sequence[Mapping[str, object]], side: str,
                    index: FormIndex | None = None) -> list[Highlight]:
    """``text`` cut into runs, each glossary term's ``side`` form ("source" or "target") a run of
    its own: as a whole word, as written, or failing that in another case ("Csto" for "CSTO" in
    a title); the longest form wins where forms overlap, and the runs put together are ``text``.

    Linear in the text: at each place a word may start, one lookup per distinct form length
    (a regular expression of N alternatives, or N searches, would be N × the text)."""
    forms = distinct_forms(terms, side)
    if not forms:
        return [Highlight(text)] if text else []
    index = index or FormIndex(forms)
    # Which forms the text holds as written, as whole words (one pass).
    found = set()
    for start in _word_starts(text):
        match = index.match_at(text, start)
        if match is not None:
            found.add(text[start : match[0]])
    index.fold_missing(found)
    pieces: list[Highlight] = []
    cursor = 0
    for start in _word_starts(text):
        if start < cursor:
            continue
        match = index.match_at(text, start)
        if match is None:
            continue
        end, term = match
        if start > cursor:
            pieces.append(Highlight(text[cursor:start]))
        pieces.append(Highlight(text[start:end], term))
        cursor = end
    if cursor < len(text):
        pieces.append(Highlight(text[cursor:]))
    return pieces


def term_counts(report: Mapping[str, object]) -> Counter[str]:
    """How many of the report's glossary terms have each status."""
    return Counter(
        str(term.get("status"))
        for segment in report.get("segments") or [] if isinstance(segment, Mapping)
        for term in segment.get("terms") or [] if isinstance(term, Mapping)
    )
