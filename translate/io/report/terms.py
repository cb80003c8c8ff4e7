"""Glossary terms in the report: where each term's form occurs in a segment, and what its status means.

The report's dict lists a segment's terms once per occurrence, so a segment that repeats a
term a thousand times carries a thousand entries for it. Matching each entry on its own made
hits × hits candidate spans (1,512 hits a side: 14 s for the page). Here each distinct form
is looked up once (is it in the text as written?), then all forms are matched by one regular
expression, longest first, in a single pass: the work grows with the text and the distinct
forms only.
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


def _whole_word(pattern: str) -> str:
    # "Armenia" not inside "Armenian".
    return rf"(?<!\w)(?:{pattern})(?!\w)"


def _forms(terms: Sequence[Mapping[str, object]], side: str) -> dict[str, Mapping[str, object]]:
    """Each distinct ``side`` form and the first term that has it, longest form first
    (forms of equal length keep the terms' order)."""
    first: dict[str, Mapping[str, object]] = {}
    for term in terms:
        form = term.get(side)
        if isinstance(form, str) and form.strip():
            first.setdefault(form, term)
    return {form: first[form] for form in sorted(first, key=len, reverse=True)}


def highlight_spans(text: str, terms: Sequence[Mapping[str, object]], side: str) -> list[Highlight]:
    """``text`` cut into runs, each glossary term's ``side`` form ("source" or "target") a run of
    its own: as a whole word, as written, or failing that in another case ("Csto" for "CSTO" in
    a title); the longest form wins where forms overlap, and the runs put together are ``text``."""
    forms = _forms(terms, side)
    if not forms:
        return [Highlight(text)] if text else []
    alternatives = []
    for form in forms:
        escaped = re.escape(form)
        as_written = form in text and re.search(_whole_word(escaped), text) is not None
        alternatives.append(f"({escaped})" if as_written else f"(?i:({escaped}))")
    by_group = list(forms.values())
    pieces: list[Highlight] = []
    cursor = 0
    for match in re.finditer(_whole_word("|".join(alternatives)), text):
        if match.start() > cursor:
            pieces.append(Highlight(text[cursor:match.start()]))
        pieces.append(Highlight(match.group(), by_group[match.lastindex - 1]))
        cursor = match.end()
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
