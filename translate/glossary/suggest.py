"""Candidate terms from a set of articles: acronyms and capitalised multi-word names that the
glossary does not have yet, with counts and example contexts, for an editor to review.

Heuristics, deliberately simple: an acronym the glossary matches is left out, and so is a
name with fewer than two capitalised words outside glossary terms (Prime Minister Nikol
Pashinian is covered; Moscow State Institute of International Relations is not); a block that is a lone
acronym (XS, MD: page chrome) is skipped, and so are title-case headlines, where every
word is capitalised; leading words that are capitalised only because a sentence starts
with them (The, This, In …) are dropped from a name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from translate.glossary.model import Glossary
from translate.glossary.terms import find_terms

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# Lower-case words inside a name ("and" is not: "Armenia and Russia" are two names).
_CONNECTORS = {"of", "the", "for", "on", "de", "i", "y", "van", "von", "al"}
_SENTENCE_WORDS = {"the", "a", "an", "this", "that", "these", "those", "there", "it", "he", "she", "we", "they",
                   "in", "on", "at", "but", "and", "as", "after", "before", "when", "while", "his", "her", "its",
                   "our", "their", "if", "for", "with", "by", "from"}
_CONTEXT = 40


@dataclass
class Candidate:
    text: str
    kind: str  # "acronym" or "name"
    count: int = 0
    examples: list[str] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)

    @property
    def guessed_type(self) -> str:
        return "organisation" if self.kind == "acronym" else "term"


def _is_acronym(word: str) -> bool:
    letters = [char for char in word if char.isalpha()]
    return 2 <= len(letters) <= 8 and all(char.isupper() for char in letters) and "-" not in word


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() and not _is_acronym(word)


def _title_case(words: list[str]) -> bool:
    long_words = [word for word in words if len(word) > 3]
    return len(words) >= 4 and sum(_is_capitalised(word) for word in long_words) >= 0.9 * max(1, len(long_words))


def _candidates_in(text: str) -> Iterable[tuple[int, int, str]]:
    """(start, end, kind) of the candidate spans of one block."""
    words = list(_WORD.finditer(text))
    if len(words) == 1 and _is_acronym(words[0].group()) and text.strip() == words[0].group():
        return  # a lone acronym on a line is page chrome (XS, MD), not a term
    for word in words:
        if _is_acronym(word.group()):
            yield word.start(), word.end(), "acronym"
    if _title_case([word.group() for word in words]):
        return
    yield from _name_runs(text, words)


def _sentence_start(text: str, offset: int) -> bool:
    before = text[:offset].rstrip(" \"“«'‘(")
    return not before or before[-1] in ".!?։…"


def _name_runs(text: str, words: list[re.Match[str]]) -> Iterable[tuple[int, int, str]]:
    """Runs of capitalised words (with connectors such as "of" inside), at least two capitalised."""
    run: list[re.Match[str]] = []

    def finish(run: list[re.Match[str]]) -> Iterable[tuple[int, int, str]]:
        while run and run[-1].group().lower() in _CONNECTORS:
            run = run[:-1]
        while run and run[0].group().lower() in _SENTENCE_WORDS:
            run = run[1:]
        # "Students of the Moscow …": a sentence's first word joined by a connector is not part of the name.
        if len(run) > 1 and _sentence_start(text, run[0].start()) and run[1].group().lower() in _CONNECTORS:
            run = run[1:]
            while run and run[0].group().lower() in _CONNECTORS:
                run = run[1:]
        if sum(_is_capitalised(word.group()) for word in run) >= 2:
            yield run[0].start(), run[-1].end(), "name"

    for word in words:
        token = word.group()
        joined = bool(run) and text[run[-1].end():word.start()] == " "
        if (_is_capitalised(token) and (not run or joined)) or (joined and token.lower() in _CONNECTORS):
            run.append(word)
        else:
            yield from finish(run)
            run = [word] if _is_capitalised(token) else []
    yield from finish(run)


def _covered(text: str, start: int, end: int, kind: str, covered: list[tuple[int, int]]) -> bool:
    """Whether the glossary already covers a candidate: an acronym it matches, or a name with
    fewer than two capitalised words outside glossary terms (Prime Minister Nikol Pashinian)."""
    if kind == "acronym":
        return any(start < stop and begin < end for begin, stop in covered)
    outside = [word for word in _WORD.finditer(text, start, end) if _is_capitalised(word.group())
               and not any(begin <= word.start() < stop for begin, stop in covered)]
    return len(outside) < 2


def suggest(glossary: Glossary, articles: Iterable[tuple[str, list[str]]], *, min_count: int = 1,
            examples: int = 2) -> list[Candidate]:
    """Candidates from ``articles`` (name, translatable block texts), most frequent first."""
    found: dict[str, Candidate] = {}
    for name, blocks in articles:
        for text in blocks:
            covered = [(match.start, match.end) for match in find_terms(glossary, text)]
            for start, end, kind in _candidates_in(text):
                if _covered(text, start, end, kind, covered):
                    continue
                surface = text[start:end]
                candidate = found.setdefault(surface, Candidate(surface, kind))
                candidate.count += 1
                candidate.articles.add(name)
                if len(candidate.examples) < examples:
                    before = text[max(0, start - _CONTEXT):start]
                    after = text[end:end + _CONTEXT]
                    candidate.examples.append(f"…{before}[{surface}]{after}…".replace("\n", " "))
    ranked = [candidate for candidate in found.values() if candidate.count >= min_count]
    return sorted(ranked, key=lambda candidate: (-candidate.count, candidate.text))
