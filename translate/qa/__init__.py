"""Quality checks on a translation: small registered functions that collect findings.

Each check looks at one segment (source text, translation, languages) and yields
:class:`Finding`s with a severity; :func:`check_document` runs every registered check
over a translated document, after the findings the stages recorded on it (a glossary
term that failed, a quantity the engine dropped, chrome that could not be localised).
Checks never stop at the first problem. QA reads only the document.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import regex

from translate import markup
from translate.document import Disposition, Document
from translate.findings import CheckRegistry, Finding, Severity
from translate.localisation.protection import QUANTITY_LOST
from translate.localisation.quantities import quantity_keys, recognise


@dataclass(frozen=True)
class SegmentPair:
    source: str
    translation: str
    source_language: str
    target_language: str
    # The codes of the findings the translators already reported on the segment.
    reported: frozenset[str] = frozenset()


CheckFunction = Callable[[SegmentPair], Iterator[tuple[Severity, str]]]
CHECKS: CheckRegistry[CheckFunction] = CheckRegistry()
check = CHECKS.register  # @check("name") registers a segment check


# --- checks --------------------------------------------------------------------------


def _described(keys: Counter[str], text: str, language: str) -> str:
    """The quantities of ``keys`` as ``text`` writes them ("May 21, 2021"), for messages."""
    written = {quantity.key: quantity.text for quantity in recognise(text, language)}
    return ", ".join(sorted(written.get(key, key) for key in keys))


@check("numbers")
def missing_numbers(pair: SegmentPair) -> Iterator[tuple[Severity, str]]:
    """Every date, time, number and amount of the source appears in the translation.

    Compared by value, so the target locale's way of writing it counts ("1.5 million" =
    «1,5 млн», "May 21, 2021" = «21 мая 2021 г.», "15:30" = "3:30 PM"); a number left as
    the source writes it ("1.5" in a Russian translation) counts too.

    A quantity the quantities wrapper already reported dropped or changed (``quantities.lost``,
    named there) is not reported again: the wrapper checked every quantity of the segment, so
    a number missing from it is one it reported.
    """
    source = quantity_keys(pair.source, pair.source_language)
    target = quantity_keys(pair.translation, pair.target_language)
    missing = Counter() if QUANTITY_LOST in pair.reported else source - target
    if missing and pair.source_language != pair.target_language:
        missing -= quantity_keys(pair.translation, pair.source_language)
    if missing:
        yield Severity.ERROR, (
            f"numbers missing or changed in the translation: {_described(missing, pair.source, pair.source_language)}"
        )
    extra = target - source
    if extra:
        yield Severity.WARNING, (
            "numbers in the translation that the source lacks: "
            f"{_described(extra, pair.translation, pair.target_language)}"
        )


# Words of the source that a translation keeps as they are say nothing when they are names,
# acronyms or numbers: only words in lower case of at least this many letters count.
_WORD = regex.compile(r"\b\p{Ll}[\p{L}\p{M}'’-]{3,}\b")
# More than this share of the source's common words, unchanged: the text was not translated.
_KEPT_SHARE = 0.6
_KEPT_MIN_WORDS = 4


@check("untranslated")
def untranslated(pair: SegmentPair) -> Iterator[tuple[Severity, str]]:
    """The translation is the source again, or keeps most of the source's own words.

    Compared with the source text, not by script: pseudo-localisation (accented letters)
    and a translation between two languages of one script are told apart from copied text.
    """
    if pair.source_language == pair.target_language or not pair.translation.strip():
        return
    letters = sum(c.isalpha() for c in pair.source)
    if " ".join(pair.translation.split()) == " ".join(pair.source.split()) and letters >= 4:
        yield Severity.ERROR, "the translation is the source text, untranslated"
        return
    words = _WORD.findall(pair.source)
    if len(words) < _KEPT_MIN_WORDS:
        return
    kept = set(_WORD.findall(pair.translation))
    share = sum(word in kept for word in words) / len(words)
    if share > _KEPT_SHARE:
        yield Severity.WARNING, (f"{share:.0%} of the source's words are still in the translation, unchanged: "
                                 "mostly untranslated")


@check("repetition")
def repetition_loop(pair: SegmentPair) -> Iterator[tuple[Severity, str]]:
    """A word or phrase repeated over and over: the Opus-MT repetition loop."""
    words = pair.translation.split()
    for size in (1, 2, 3):
        grams = [" ".join(words[i : i + size]) for i in range(len(words) - size + 1)]
        for i in range(len(grams)):
            run = 1
            while i + run * size < len(grams) and grams[i + run * size] == grams[i]:
                run += 1
            if run >= 4 and grams[i].strip(".,;:!?") and grams[i] not in pair.source:
                yield Severity.ERROR, f"repetition loop: {grams[i]!r} × {run}"
                return


@check("length")
def length_ratio(pair: SegmentPair) -> Iterator[tuple[Severity, str]]:
    """A translation far shorter or longer than its source (dropped or hallucinated text)."""
    source, target = len(pair.source.strip()), len(pair.translation.strip())
    if source < 20:
        return
    ratio = target / source
    if ratio < 0.35 or ratio > 3.0:
        yield Severity.WARNING, f"length ratio {ratio:.2f} (translation {target} vs source {source} characters)"


def check_segment(pair: SegmentPair, checks: CheckRegistry[CheckFunction] | None = None) -> list[Finding]:
    findings = []
    for name, function in (checks or CHECKS).items():
        for severity, message in function(pair):
            findings.append(Finding(name, severity, message))
    return findings


def check_document(document: Document, target: str) -> list[Finding]:
    """Every finding of a translated ``document``, located by block and segment: for each block,
    what the stages recorded on it, then for each segment what the translators reported with
    its translation and what the registered checks find."""
    findings: list[Finding] = list(document.findings)
    for block_index, block in enumerate(document.blocks):
        findings += [finding.at(block=block_index) for finding in block.findings]
        if block.disposition is not Disposition.TRANSLATE:
            continue
        language = block.language or document.language or "en"
        for segment_index, segment in enumerate(block.segments):
            if segment.translation is None:
                continue
            reported = frozenset(finding.code for finding in segment.findings)
            # Inline markup (a Markdown link's address, inline code) is not text the engine saw.
            source = markup.strip(segment.mt_input) if segment.markup else segment.text
            pair = SegmentPair(source, segment.translation, language, target, reported)
            findings += [finding.at(block=block_index, segment=segment_index)
                         for finding in segment.findings + check_segment(pair)]
    return findings
