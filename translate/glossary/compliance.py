"""Compliance reports: what became of each glossary term of a document.

Two sources of the same report: a translated document (its segments carry the term
outcomes the enforcement wrapper returned: kept, fixed, enforced, uncertain, failed) and
``translate glossary check`` on any existing translation (found; near: a rendering that is
no accepted form — a variant spelling, a transliteration, the source copied — which
``glossary apply`` would replace; wrong: a known wrong rendering; missing).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from translate.document import Block, Disposition, Document, TermStatus
from translate.glossary.model import Glossary
from translate.glossary.postedit import FIXED, UNCERTAIN, edit_occurrences
from translate.glossary.terms import answers, find_terms

FOUND = "found"
NEAR = "near"  # a rendering of the term that is no accepted form (what post-editing would fix)
WRONG = "wrong"  # a known wrong rendering (``avoid``) stands where the term should be
MISSING = "missing"


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def compliance_section(document: Document, signature: Mapping[str, object]) -> dict[str, object] | None:
    """The report section of a translated document (``signature``: the pipeline's for it),
    from the term outcomes on its segments; None when no glossary was applied."""
    if not signature.get("glossary"):
        return None
    engines = signature.get("engines")
    hops = engines.values() if isinstance(engines, Mapping) else ()
    enforcement = next((hop["glossary_enforcement"] for hop in hops if "glossary_enforcement" in hop), None)
    terms: list[dict[str, object]] = [
        {"line": _line_of(document.source, segment.start), "segment": [segment.start, segment.end], **term.as_dict()}
        for segment in document.translatable_segments()
        for term in segment.terms
    ]
    counts = Counter(str(term["status"]) for term in terms)
    return {
        "glossary": signature["glossary"],
        "enforcement": enforcement,
        "counts": {status.value: counts.get(status.value, 0) for status in TermStatus},
        "terms": terms,
    }


# --- checking an existing translation -----------------------------------------------------------


@dataclass(frozen=True)
class CheckedTerm:
    line: int  # in the source
    entry_id: str
    source: str
    status: str  # FOUND, NEAR, WRONG, MISSING
    form: str | None = None  # the accepted form found, or the rendering that is not one
    fix: str | None = None  # NEAR: the form ``glossary apply`` would put in (None: its case is uncertain)

    def as_dict(self) -> dict[str, object]:
        data: dict[str, object] = {"line": self.line, "term": self.entry_id, "source": self.source,
                                   "status": self.status, "form": self.form}
        if self.status == NEAR:
            data["fix"] = self.fix
        return data


@dataclass
class CheckReport:
    language: str
    aligned: str  # "block" (paragraph by paragraph) or "document"
    terms: list[CheckedTerm]

    @property
    def problems(self) -> list[CheckedTerm]:
        return [term for term in self.terms if term.status != FOUND]

    def as_dict(self) -> dict[str, object]:
        counts = Counter(term.status for term in self.terms)
        return {"language": self.language, "aligned": self.aligned,
                "counts": {status: counts.get(status, 0) for status in (FOUND, NEAR, WRONG, MISSING)},
                "terms": [term.as_dict() for term in self.terms]}

    def lines(self) -> list[str]:
        out = []
        for term in self.terms:
            if term.status == FOUND:
                out.append(f"{term.line:>4}  ok       {term.source} → {term.form}  [{term.entry_id}]")
            elif term.status == NEAR:
                fix = f"glossary apply writes {term.fix}" if term.fix else "its case is uncertain: fix it by hand"
                out.append(f"{term.line:>4}  NEAR     {term.source} → {term.form} is not an accepted form ({fix})"
                           f"  [{term.entry_id}]")
            elif term.status == WRONG:
                out.append(f"{term.line:>4}  WRONG    {term.source} → {term.form} is a known wrong rendering"
                           f"  [{term.entry_id}]")
            else:
                out.append(f"{term.line:>4}  MISSING  {term.source}: no accepted {self.language} form"
                           f"  [{term.entry_id}]")
        counts = self.as_dict()["counts"]
        compared = "paragraph by paragraph" if self.aligned == "block" else "over the whole document"
        out.append(f"{len(self.terms)} term occurrences: {counts[FOUND]} found, {counts[NEAR]} near, "
                   f"{counts[MISSING]} missing, {counts[WRONG]} wrong (compared {compared})")
        return out


def aligned_units(source: Document, translation: Document) -> tuple[list[tuple[list[Block], int, int, str]], str]:
    """Source blocks with the part of the translation that renders them, and how they were aligned.

    Paragraphs are paired one to one when both have the same number of them (after page
    chrome and repeated blocks are left out of the source, as the pipeline does): "block";
    otherwise the whole translation answers the whole source: "document".
    """
    source_blocks = [block for block in source.blocks if block.disposition is not Disposition.DROP]
    target_blocks = translation.blocks
    if source_blocks and len(source_blocks) == len(target_blocks):
        return [([block], target.start, target.end, target.text) for block, target in
                zip(source_blocks, target_blocks)], "block"
    return [(source_blocks, 0, len(translation.source), translation.source)], "document"


def check_translation(glossary: Glossary, source: Document, translation: Document, language: str) -> CheckReport:
    """Check ``translation`` (into ``language``) against the glossary terms of ``source``.

    Paragraphs are compared one to one when both have the same number of them (after
    page chrome and repeated blocks are left out of the source, as the pipeline does);
    otherwise the whole document is compared at once.
    """
    units, aligned = aligned_units(source, translation)
    terms: list[CheckedTerm] = []
    for blocks, _, _, target_text in units:
        occurrences, lines = [], []
        for block in blocks:
            for occurrence in find_terms(glossary, block.text, source.language):
                occurrences.append(occurrence)
                lines.append(_line_of(source.source, block.start + occurrence.start))
        replies = answers(glossary, language, occurrences, target_text)
        edited = edit_occurrences(glossary, occurrences, target_text, source.language, language).terms
        for occurrence, line, reply, edit in zip(occurrences, lines, replies, edited):
            entry_id = occurrence.payload.entry.id
            if reply.found is not None:
                terms.append(CheckedTerm(line, entry_id, occurrence.surface, FOUND, reply.found.surface))
            elif reply.avoided is not None:
                terms.append(CheckedTerm(line, entry_id, occurrence.surface, WRONG, reply.avoided.surface))
            elif edit.status in (FIXED, UNCERTAIN):
                terms.append(CheckedTerm(line, entry_id, occurrence.surface, NEAR, edit.found, edit.form))
            else:
                terms.append(CheckedTerm(line, entry_id, occurrence.surface, MISSING))
    return CheckReport(language, aligned, terms)
