"""How the engine rendered each glossary term of a segment, and what case its form shows.

For every source occurrence, in this order:

1. an accepted form of the entry (kept as it is), or one of its ``avoid`` forms;
2. a near-spelling of any form of the entry, in any of the glossary's languages:
   transliterations (Пашиньяну, Ազերբայջանի, Йереван), the source term copied as is
   (Pashinian, Lavrov-ը, ОДКБ-ի), abbreviation variants (ՀԱՊԿն, ՌՖ-ից). Text is compared
   as a Latin skeleton (anyascii, with the letters transliterations confuse folded
   together), by edit distance relative to the form's length; Armenian suffixes are split
   off first (Մոսկվաից → Մոսկվա + ից), glued or after a hyphen;
3. Russian only: a clipped compound, read by its lemma (премьеры for премьер-министры).

Names are written with a capital: a lower-case word is never taken for a misspelt name
(«на пути» is no rendering of Путин). A short form found where the source has the full
term is widened to the words before it when they make a near-spelling of the full term
(Սերգեի Լավրովը, not just Լավրովը).

A placeholder the engine put back in a protected round is read the same way
(:func:`at_placeholder`): the suffix glued to it or after a hyphen (701-ին, 701ից) is its case.

What the rendering's form shows (its readings): Russian, the (case, number) of the
family's forms nearest to it; Armenian, its suffix; nothing for a copy in another script
without an ending, or a word the dictionary knows as indeclinable (Николь).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from anyascii import anyascii
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from translate.glossary.grammar import (
    PLURAL,
    SINGULAR,
    Family,
    Reading,
    families,
    known_indeclinable,
    lemma_readings,
)
from translate.glossary.matching import Match, is_capitals, matchable
from translate.glossary.model import Entry, Glossary
from translate.glossary.terms import SourceTerm, answers, forms_of, in_caption
from translate.languages import rules_for

KEPT, AVOIDED, NEAR, CLIPPED, PLACED = "kept", "avoided", "near", "clipped", "placed"

# Relative edit distance allowed between a rendering and a form; forms shorter than
# _SHORT letters must match exactly (ОБСЕ is not ОДКБ, RD is not RF).
_THRESHOLD = 0.25
_SHORT = 5
_WORD = re.compile(r"\w+")
_GAP = re.compile(r"[ \-\u00a0\u2010\u2011]+")  # what may stand between the words of one rendering
# Letters that transliterations between Latin, Cyrillic and Armenian write differently.
_FOLDS = (("dzh", "j"), ("zh", "j"), ("kh", "k"), ("gh", "g"), ("ow", "u"), ("rr", "r"), ("y", "i"), ("w", "v"),
          ("-", " "))
_NOT_SKELETON = re.compile(r"[^a-z0-9 \-]")


@functools.lru_cache(maxsize=65536)
def skeleton(text: str) -> str:
    """``text`` as a lower-case Latin skeleton: Пашиньян, Պաշինյան, Pashinyan → pashinian."""
    latin = _NOT_SKELETON.sub("", anyascii(text).lower())
    for letters, folded in _FOLDS:
        latin = latin.replace(letters, folded)
    return " ".join(latin.split())


def script_of(text: str) -> str:
    for char in text:
        if char.isalpha():
            code = ord(char)
            if 0x0531 <= code <= 0x058F or 0xFB13 <= code <= 0xFB17:
                return "Armenian"
            if 0x0400 <= code <= 0x04FF:
                return "Cyrillic"
            return "Latin"
    return ""


@dataclass(frozen=True)
class Key:
    skeleton: str
    family: int  # index into the entry's families in the target language
    reading: Reading | None  # the (case, number) of a target form; None for a base or another language's form


@dataclass
class TermIndex:
    """What finding one entry's renderings in one language needs, built once."""

    families: list[Family]
    keys: list[Key]
    skeletons: list[str]
    suffixes: dict[str, Reading]  # Armenian: written suffix → (suffix case, number)
    clips: dict[str, int]  # Russian: the first element of a hyphenated compound → family
    max_words: int
    shortest: int
    longest: int


def term_index(glossary: Glossary, entry: Entry, language: str) -> TermIndex | None:
    def build() -> TermIndex | None:
        forms = forms_of(glossary, entry, language)
        if forms is None:
            return None
        found = families(entry, forms, language)
        rules = rules_for(language).terms
        keys: list[Key] = []
        for number, family in enumerate(found):
            if rules.case_suffixes:
                keys.append(Key(skeleton(family.base), number, None))
            else:
                keys.extend(Key(skeleton(form), number, reading) for reading, form in family.forms.items())
        for text, role in _other_forms(glossary, entry, language):
            keys.append(Key(skeleton(text), _family_for(found, role), None))
        keys = [key for key in keys if key.skeleton]
        suffixes: dict[str, Reading] = {}
        for suffix in rules.case_suffixes:
            if suffix:
                suffixes[suffix] = (suffix, SINGULAR)
            for marker in rules.plural_markers:
                suffixes[marker + suffix] = (suffix, PLURAL)
        clips = {}
        if rules.generator == "pymorphy3":
            for number, family in enumerate(found):
                if re.fullmatch(r"\w+-\w+", family.base):
                    clips[family.base.split("-")[0].lower()] = number
        lengths = [len(key.skeleton) for key in keys] or [0]
        words = max((len(_WORD.findall(key.skeleton)) for key in keys), default=1)
        return TermIndex(found, keys, [key.skeleton for key in keys], suffixes, clips, words, min(lengths),
                         max(lengths))

    return glossary.cached(("term-index", entry.id, language), build)


def _other_forms(glossary: Glossary, entry: Entry, language: str) -> list[tuple[str, str]]:
    """(form, role) of the entry as written in the glossary's other languages: role is
    "capitals" (an abbreviation), "short" or "full"."""
    written: list[tuple[str, bool]] = []
    if language != glossary.source:
        written += [(form, False) for form in entry.full_forms] + [(form, True) for form in entry.short]
    for rendering in entry.renderings:
        if rendering.language == language:
            continue
        written += [(rendering.preferred, False), *((form, False) for form in (*rendering.forms, *rendering.stems))]
        if rendering.short:
            written.append((rendering.short, True))
    return [(form, "capitals" if is_capitals(matchable(form)) else "short" if short else "full")
            for form, short in written]


def _family_for(found: list[Family], role: str) -> int:
    """The target family a form of another language stands for: an abbreviation for an
    abbreviation (РФ → ՌԴ), a short form for a short one, else the preferred rendering."""
    if role == "capitals":
        for preference in (True, False):
            for number, family in enumerate(found):
                if family.capitals and family.short == preference:
                    return number
    if role in ("capitals", "short"):
        for number, family in enumerate(found):
            if family.short:
                return number
    return 0


@dataclass(frozen=True)
class Sighting:
    """A rendering of one source occurrence in the translation."""

    start: int  # the span a replacement takes (a glued suffix included)
    end: int
    how: str  # KEPT, AVOIDED, NEAR, CLIPPED, or PLACED (a placeholder the engine put back)
    family: Family | None = None
    readings: frozenset[Reading] = frozenset()  # what its form shows; empty: nothing


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    stem: str  # the text compared (without an Armenian suffix)
    suffix: str
    form: str  # its skeleton


def find_renderings(glossary: Glossary, language: str, occurrences: list[Match[SourceTerm]],
                    translation: str) -> list[Sighting | None]:
    """For each occurrence, its rendering in ``translation`` (None: none found)."""
    result: list[Sighting | None] = [None] * len(occurrences)
    taken: list[tuple[int, int]] = []
    tokens = [match.span() for match in _WORD.finditer(translation)]
    replies = answers(glossary, language, occurrences, translation)
    for number, (occurrence, reply) in enumerate(zip(occurrences, replies)):
        entry, index = occurrence.payload.entry, term_index(glossary, occurrence.payload.entry, language)
        if reply.found is not None:
            hit = reply.found
            result[number] = Sighting(hit.start, hit.end, KEPT)
            forms = forms_of(glossary, entry, language)
            if index and not occurrence.payload.short and hit.surface in forms.short_accepted:
                wider = _best(index, translation, _windows(tokens, translation, taken, index, language,
                                                          end=hit.end), language, False, full_only=True)
                result[number] = wider or result[number]
        elif reply.avoided is not None and index is not None:
            hit = reply.avoided
            whole = _Candidate(hit.start, hit.end, hit.surface, "", skeleton(hit.surface))
            result[number] = _best(index, translation, [whole], language,
                                   occurrence.payload.short, how=AVOIDED, threshold=1.0)
        if result[number] is not None:
            taken.append((result[number].start, result[number].end))
    for number, occurrence in enumerate(occurrences):
        index = term_index(glossary, occurrence.payload.entry, language)
        if result[number] is not None or index is None:
            continue
        candidates = _windows(tokens, translation, taken, index, language)
        result[number] = _best(index, translation, candidates, language, occurrence.payload.short) \
            or _clipped(index, translation, tokens, taken)
        if result[number] is not None:
            taken.append((result[number].start, result[number].end))
    return result


def _free(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return all(end <= begin or start >= finish for begin, finish in taken)


def _windows(tokens: list[tuple[int, int]], text: str, taken: list[tuple[int, int]], index: TermIndex,
             language: str, end: int | None = None) -> list[_Candidate]:
    """Runs of up to ``max_words + 1`` words (joined by spaces or hyphens) that no other term
    holds, each with the ways to split off an Armenian suffix; ending at ``end`` if given."""
    candidates: list[_Candidate] = []
    for first in range(len(tokens)):
        last = first
        while last < len(tokens) and last - first <= index.max_words:
            if last > first and not _GAP.fullmatch(text, tokens[last - 1][1], tokens[last][0]):
                break
            start, finish = tokens[first][0], tokens[last][1]
            last += 1
            if not _free(start, finish, taken):
                break
            if end is None or finish == end:
                words = [text[begin:stop] for begin, stop in tokens[first:last]]
                candidates.extend(_splits(index, text, start, finish, words))
    return candidates


def _splits(index: TermIndex, text: str, start: int, end: int, words: list[str]) -> list[_Candidate]:
    """The window as it is, and with each suffix it may carry split off (glued or after a hyphen).
    Skeletons are made word by word (spaces and hyphens are one in a skeleton), each word once."""
    stem = text[start:end]
    head = " ".join(skeleton(word) for word in words[:-1])
    whole = f"{head} {skeleton(words[-1])}".strip()
    if not (0.7 * index.shortest <= len(whole) <= 1.35 * index.longest + 2):
        return []
    splits = [_Candidate(start, end, stem, "", whole)]
    if not index.suffixes:
        return splits
    suffix, after = suffix_after(index, text, end)
    if suffix:
        splits.append(_Candidate(start, after, stem, suffix, whole))
    last = words[-1]
    for suffix in index.suffixes:
        if last.endswith(suffix) and len(last) - len(suffix) >= 2:
            shorter = f"{head} {skeleton(last[: -len(suffix)].rstrip('-'))}".strip()
            splits.append(_Candidate(start, end, stem[: -len(suffix)].rstrip("-"), suffix, shorter))
    return splits


_SUFFIX_AFTER = re.compile(r"[-\u2010\u2011]?(\w+)")


def suffix_after(index: TermIndex, text: str, end: int) -> tuple[str, int]:
    """The case suffix written right after ``text[:end]`` (after a hyphen, or glued to a
    placeholder: 701-ին, 701ից), and where it ends; ("", end) when there is none."""
    written = _SUFFIX_AFTER.match(text, end) if index.suffixes else None
    if written and written.group(1) in index.suffixes:
        return written.group(1), written.end()
    return "", end


def at_placeholder(glossary: Glossary, occurrence: Match[SourceTerm], source_language: str, language: str,
                   text: str, start: int, end: int) -> Sighting | None:
    """A placeholder the engine put back at ``text[start:end]``, read as a rendering of the
    occurrence's term: the family it stands for (an abbreviation for an abbreviation — ՌԴ → РФ —,
    a short form for a short one, else the preferred) and the suffix the engine gave it. Digits
    show no case of their own, so only a suffix is a reading."""
    index = term_index(glossary, occurrence.payload.entry, language)
    if index is None:
        return None
    abbreviation = is_capitals(matchable(occurrence.surface)) and not in_caption(glossary, occurrence, source_language)
    role = "capitals" if abbreviation else "short" if occurrence.payload.short else "full"
    family = index.families[_family_for(index.families, role)]
    suffix, stop = suffix_after(index, text, end)
    if suffix and index.suffixes[suffix] in family.forms:
        return Sighting(start, stop, PLACED, family, frozenset({index.suffixes[suffix]}))
    return Sighting(start, end, PLACED, family)  # no suffix, or one the glossary has no form for: left as written


def _best(index: TermIndex, text: str, candidates: list[_Candidate], language: str, short: bool, *,
          how: str = NEAR, threshold: float = _THRESHOLD, full_only: bool = False) -> Sighting | None:
    """The candidate nearest to a form of the entry, within the threshold, as a sighting."""
    best: tuple | None = None
    for candidate in candidates:
        form = candidate.form
        if not form:
            continue
        match = process.extractOne(form, index.skeletons, scorer=Levenshtein.normalized_distance,
                                   score_cutoff=threshold)
        if match is None:
            continue
        _, distance, position = match
        key = index.keys[position]
        if distance and len(key.skeleton) < _SHORT and threshold < 1:
            continue
        family = index.families[key.family]
        if full_only and family.short:
            continue
        if distance and matchable(family.base)[:1].isupper() and candidate.stem[:1].islower():
            continue  # a name is written with a capital: «на пути» is no rendering of Путин
        rank = (family.short != short, distance, -(candidate.end - candidate.start), candidate.start)
        if best is None or rank < best[0]:
            best = (rank, candidate, key.family)
    if best is None:
        return None
    _, candidate, number = best
    family = index.families[number]
    start, end = _with_quotes(family.base, text, candidate.start, candidate.end)
    return Sighting(start, end, how, family, _readings(index, family, number, candidate, language))


_QUOTES = "«»\"„“”'"


def _with_quotes(base: str, text: str, start: int, end: int) -> tuple[int, int]:
    """The span with the quotes around it when the glossary's form has its own («Аргументы и факты»)."""
    if base[:1] in _QUOTES and start > 0 and text[start - 1] in _QUOTES:
        start -= 1
    if base[-1:] in _QUOTES and end < len(text) and text[end] in _QUOTES:
        end += 1
    return start, end


def _readings(index: TermIndex, family: Family, number: int, candidate: _Candidate,
              language: str) -> frozenset[Reading]:
    """What the rendering's form shows: its suffix (Armenian) or the readings of the family's
    nearest forms (Russian); nothing for a copy in another script or an indeclinable word."""
    native = script_of(candidate.stem) == rules_for(language).terms.script
    if index.suffixes:
        if candidate.suffix:
            return frozenset({index.suffixes[candidate.suffix]})
        return frozenset({("", SINGULAR)}) if native else frozenset()
    if not native or any(known_indeclinable(word) for word in _WORD.findall(candidate.stem)):
        return frozenset()
    distances = {reading: Levenshtein.distance(candidate.form, skeleton(inflected)) for reading, inflected in
                 family.forms.items()}
    nearest = min(distances.values())
    return frozenset(reading for reading, distance in distances.items() if distance == nearest)


def _clipped(index: TermIndex, text: str, tokens: list[tuple[int, int]],
             taken: list[tuple[int, int]]) -> Sighting | None:
    """A hyphenated compound written as its first element (премьеры for премьер-министры)."""
    for clip, number in index.clips.items():
        for start, end in tokens:
            if not _free(start, end, taken):
                continue
            readings = lemma_readings(text[start:end].lower(), clip) & set(index.families[number].forms)
            if readings:
                return Sighting(start, end, CLIPPED, index.families[number], frozenset(readings))
    return None
