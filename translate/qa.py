"""Quality checks on a translation: small registered functions that collect findings.

Each check looks at one segment (source text, translation, languages) and yields
:class:`Finding`s with a severity; :func:`check_document` runs every registered check
over a translated document. Checks never stop at the first problem.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass

from translate.document import Disposition, Document


class Severity(str, enum.Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return ["info", "warning", "error"].index(self.value)


@dataclass(frozen=True)
class Finding:
    check: str
    severity: Severity
    message: str
    block: int | None = None
    segment: int | None = None

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "severity": self.severity.value}


@dataclass(frozen=True)
class SegmentPair:
    source: str
    translation: str
    source_language: str
    target_language: str


CheckFunction = Callable[[SegmentPair], Iterator[tuple[Severity, str]]]
CHECKS: dict[str, CheckFunction] = {}


def check(name: str) -> Callable[[CheckFunction], CheckFunction]:
    """Register a segment check under ``name``."""

    def register(function: CheckFunction) -> CheckFunction:
        CHECKS[name] = function
        return function

    return register


# --- scripts -------------------------------------------------------------------------

_SCRIPT_OF_LANGUAGE = {"hy": "ARMENIAN", "ru": "CYRILLIC", "uk": "CYRILLIC", "bg": "CYRILLIC", "ka": "GEORGIAN"}


def _script(character: str) -> str:
    name = unicodedata.name(character, "")
    return name.split(" ")[0] if name else ""


def script_of_language(language: str) -> str:
    """The script a language is written in (a small table; Latin is the fallback)."""
    return _SCRIPT_OF_LANGUAGE.get(language, "LATIN")


def letters_by_script(text: str) -> Counter[str]:
    return Counter(_script(c) for c in text if c.isalpha())


# --- checks --------------------------------------------------------------------------

_NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d{3})*(?:[.,]\d+)?")


def numbers_in(text: str) -> Counter[str]:
    """The numbers of ``text`` as digit strings (grouping and decimal marks removed)."""
    return Counter(re.sub(r"\D", "", match) for match in _NUMBER.findall(text))


@check("numbers")
def missing_numbers(pair: SegmentPair) -> Iterator[tuple[Severity, str]]:
    """Every number of the source appears in the translation (written any locale's way)."""
    source, target = numbers_in(pair.source), numbers_in(pair.translation)
    missing = source - target
    if missing:
        yield Severity.ERROR, f"numbers missing or changed in the translation: {', '.join(sorted(missing))}"
    extra = target - source
    if extra:
        yield Severity.WARNING, f"numbers in the translation that the source lacks: {', '.join(sorted(extra))}"


@check("untranslated")
def untranslated(pair: SegmentPair) -> Iterator[tuple[Severity, str]]:
    """The translation is the source again, or mostly in the source language's script."""
    if pair.source_language == pair.target_language or not pair.translation.strip():
        return
    letters = sum(c.isalpha() for c in pair.source)
    if pair.translation.strip() == pair.source.strip() and letters >= 4:
        yield Severity.ERROR, "the translation is the source text, untranslated"
        return
    source_script = script_of_language(pair.source_language)
    target_script = script_of_language(pair.target_language)
    if source_script == target_script:
        return
    scripts = letters_by_script(pair.translation)
    total = sum(scripts.values())
    if total >= 8 and scripts[source_script] > 0.5 * total:
        yield Severity.WARNING, f"most of the translation is in {source_script.title()} script, the source's"


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


def check_segment(pair: SegmentPair, checks: dict[str, CheckFunction] | None = None) -> list[Finding]:
    findings = []
    for name, function in (checks or CHECKS).items():
        for severity, message in function(pair):
            findings.append(Finding(name, severity, message))
    return findings


def check_document(document: Document, target: str) -> list[Finding]:
    """Run every registered check over each translated segment of ``document``."""
    findings: list[Finding] = []
    for block_index, block in enumerate(document.blocks):
        if block.disposition is not Disposition.TRANSLATE:
            continue
        language = block.language or document.language or "en"
        for segment_index, segment in enumerate(block.segments):
            if segment.translation is None:
                continue
            pair = SegmentPair(segment.text, segment.translation, language, target)
            for finding in check_segment(pair):
                findings.append(
                    Finding(finding.check, finding.severity, finding.message, block_index, segment_index)
                )
    return findings
