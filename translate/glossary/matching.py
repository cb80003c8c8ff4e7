"""Finding glossary forms in text: source terms in an article, accepted forms in a translation.

One :class:`TermMatcher` serves both sides. It indexes its patterns by their first word,
so a text costs one dictionary look-up per word however many entries the glossary has
(a 10,000-entry glossary is one dict, not 10,000 regular expressions).

Matching rules:

* Literal: a form matches as written, punctuation included ("C++", "(CSTO)", "AT&T"):
  "C++" is not found in "Vitamin C".
* Word boundaries where a form begins or ends with a letter or digit (a word is a run
  of Unicode letters and digits, Latin, Cyrillic and Armenian alike): "Baku" is not
  found in "Bakuvian", "Russia" not in "Russian"; "Russia’s" and "Baku-based" do match.
  A form that begins or ends with punctuation needs no boundary there.
* Leftmost first, then longest: at each word the longest pattern that fits wins and the
  scan resumes after it, so "Nagorno-Karabakh" is one match, not "Karabakh" inside it.
  Between equally long patterns, the higher priority (the later glossary file) wins,
  then the one added first.
* Case: a pattern is either exact (only as written: "CSTO") or matches in any case.
* Both sides are normalised before comparing, and offsets map back to the original:
  runs of white space are one space, hyphen and apostrophe look-alikes are "-" and "'",
  double quotes of every style are '"' («…», „…“, “…”), and Armenian ե+ւ is the
  ligature և (Երեւան = Երևան).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Generic, TypeVar

Payload = TypeVar("Payload")

_WORD = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")
_SPACES = re.compile(r"\s+")
# character → its stand-in for matching (one for one, so offsets survive)
_EQUIVALENT = str.maketrans({
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u00ad": "-",
    "\u2019": "'", "\u02bc": "'", "\u2018": "'",
    "\u00ab": '"', "\u00bb": '"', "\u201e": '"', "\u201c": '"', "\u201d": '"',
})


@dataclass(frozen=True)
class Normalised:
    """Text as compared, with each character's offset in the original."""

    text: str
    lowered: str
    offsets: tuple[int, ...]  # len(text) + 1 entries; the last is len(original)

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets[start], self.offsets[end]


# Anything normalise() changes; text without it is compared as it is (the common case).
_CHANGED = re.compile("[^\\S ]| {2}|եւ|[\u2010-\u2013\u00ad\u2019\u02bc\u2018\u00ab\u00bb\u201c-\u201e]")


def normalise(text: str) -> Normalised:
    if not _CHANGED.search(text):
        return Normalised(text, _lower(text), tuple(range(len(text) + 1)))
    chars: list[str] = []
    offsets: list[int] = []
    index = 0
    length = len(text)
    while index < length:
        char = text[index]
        if char.isspace():
            end = index + 1
            while end < length and text[end].isspace():
                end += 1
            chars.append(" ")
            offsets.append(index)
            index = end
            continue
        if char == "ե" and index + 1 < length and text[index + 1] == "ւ":
            chars.append("և")
            offsets.append(index)
            index += 2
            continue
        chars.append(char.translate(_EQUIVALENT))
        offsets.append(index)
        index += 1
    offsets.append(length)
    joined = "".join(chars)
    return Normalised(joined, _lower(joined), tuple(offsets))


def _lower(text: str) -> str:
    """Lower case, character for character (a character whose lower case is longer stays)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(low if len(low := char.lower()) == 1 else char for char in text)


def matchable(form: str) -> str:
    """The form without surrounding quotes and punctuation: the words that inflect."""
    start, end = 0, len(form)
    while start < end and not _WORD_CHAR.match(form[start]):
        start += 1
    while end > start and not _WORD_CHAR.match(form[end - 1]):
        end -= 1
    return form[start:end]


@dataclass(frozen=True)
class Match(Generic[Payload]):
    start: int  # offsets into the original text
    end: int
    surface: str  # the original text of the match
    payload: Payload


@dataclass
class _Pattern(Generic[Payload]):
    text: str  # normalised, from its first word on
    lowered: str
    lead: str  # the punctuation before the first word ("(" of "(CSTO)")
    bounded: bool  # ends with a letter or digit: a word boundary must follow
    exact: bool
    priority: int
    order: int
    payload: Payload = field(compare=False)


class TermMatcher(Generic[Payload]):
    """Finds patterns in text: leftmost, longest, on word boundaries (see the module doc)."""

    def __init__(self) -> None:
        self._index: dict[str, list[_Pattern[Payload]]] = {}
        self._count = 0
        self._sorted = True

    def add(self, form: str, payload: Payload, *, exact: bool = False, priority: int = 0) -> bool:
        """Add ``form`` as written; False if it has no letters or digits to match on."""
        normal = normalise(form)
        first = _WORD.search(normal.lowered)
        if first is None:
            return False
        at = first.start()
        text = normal.text[at:]
        pattern = _Pattern(text, normal.lowered[at:], normal.text[:at], bool(_WORD_CHAR.match(text[-1])), exact,
                           priority, self._count, payload)
        self._index.setdefault(first.group(), []).append(pattern)
        self._count += 1
        self._sorted = False
        return True

    def __len__(self) -> int:
        return self._count

    def _sort(self) -> None:
        for patterns in self._index.values():
            patterns.sort(key=lambda p: (-len(p.lead) - len(p.lowered), -p.priority, p.order))
        self._sorted = True

    def find(self, text: str) -> list[Match[Payload]]:
        """Non-overlapping matches in ``text``, in text order."""
        if not self._sorted:
            self._sort()
        normal = normalise(text)
        lowered, normal_text = normal.lowered, normal.text
        size = len(lowered)
        matches: list[Match[Payload]] = []
        cursor = 0
        index = self._index
        for word in _WORD.finditer(lowered):
            start = word.start()
            if start < cursor:
                continue
            candidates = index.get(word.group())
            if not candidates:
                continue
            for pattern in candidates:
                end = start + len(pattern.lowered)
                if end > size or (pattern.bounded and end < size and _WORD_CHAR.match(lowered, end)):
                    continue
                if not lowered.startswith(pattern.lowered, start):
                    continue
                lead = start - len(pattern.lead)
                if pattern.lead and (lead < cursor or not normal_text.startswith(pattern.lead, lead)):
                    continue
                if pattern.exact and not normal_text.startswith(pattern.text, start):
                    continue
                begin, finish = normal.span(lead, end)
                matches.append(Match(begin, finish, text[begin:finish], pattern.payload))
                cursor = end
                break
        return matches


def is_capitals(form: str) -> bool:
    """Written in capitals, like an abbreviation: CSTO, ՀԱՊԿ, ОДКБ (not a single letter)."""
    letters = [char for char in form if char.isalpha()]
    return len(letters) >= 2 and all(char.isupper() for char in letters)


def source_exact(form: str, case_rule: str) -> bool:
    """Whether a source form matches only as written, under the entry's case rule."""
    if case_rule == "exact":
        return True
    if case_rule == "any":
        return False
    return is_capitals(form)
