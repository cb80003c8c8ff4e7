"""Inline markup as markers: one private-use character per tag, through the whole chain.

A reader that finds inline markup in a block (an HTML link or emphasis, a Markdown link,
inline code, a footnote label) records it as :class:`Markup`: a range of the source
(empty for an HTML tag, the syntax itself for Markdown) that the engine must not see. A
segment's MT input carries a *marker* in its place: a paired tag gets an opening and a
closing marker around its text, anything else one isolated marker. Markers are
private-use characters, so the wrappers that read the text (quantities, glossary) see
neither a number nor a word in them; the innermost wrapper
(:mod:`translate.engines.markup`) turns them into tokens a real Opus-MT vocabulary keeps
(numbers) and back. After translation the markers say where each tag landed; a tag whose
place the engine lost is put back around the whole segment (:func:`repair`), never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPEN, _CLOSE, _ISOLATED = 0xE000, 0xE400, 0xE800
LIMIT = 0x400  # markers per segment
_ANY = re.compile("[\ue000-\uebff]")


def opening(index: int) -> str:
    return chr(_OPEN + index)


def closing(index: int) -> str:
    return chr(_CLOSE + index)


def isolated(index: int) -> str:
    return chr(_ISOLATED + index)


@dataclass(frozen=True)
class Markup:
    """Inline markup in a block: ``source[start:end]`` (possibly empty) stands for ``marker``."""

    start: int
    end: int
    marker: str


def number_of(character: str) -> int:
    """The number of the tag a marker belongs to."""
    return (ord(character) - _OPEN) % LIMIT


def kind(character: str) -> str:
    """"open", "close" or "isolated"."""
    return ("open", "close", "isolated")[(ord(character) - _OPEN) // LIMIT]


def is_marker(character: str) -> bool:
    return _OPEN <= ord(character) < _ISOLATED + LIMIT


def markers_in(text: str) -> list[str]:
    return _ANY.findall(text)


def strip(text: str) -> str:
    """``text`` without its markers."""
    return _ANY.sub("", text)


def with_markers(text: str, start: int, markup: list[Markup]) -> str:
    """``text`` (which starts at ``start`` in the source) with each markup range replaced
    by its marker, and runs of whitespace collapsed as the MT input is."""
    parts: list[str] = []
    cursor = 0
    for item in sorted(markup, key=lambda m: m.start):  # stable: tags at one place keep their order
        begin, end = item.start - start, item.end - start
        parts.append(text[cursor:begin])
        parts.append(item.marker)
        cursor = max(cursor, end)
    parts.append(text[cursor:])
    return " ".join("".join(parts).split())


def expected(markup: list[Markup]) -> list[str]:
    return [item.marker for item in sorted(markup, key=lambda m: m.start)]


def repair(text: str, wanted: list[str]) -> tuple[str, list[str]]:
    """``text`` with exactly the markers of ``wanted``, properly nested: a marker lost,
    repeated, out of order or crossing another is removed with its partner and put back
    around the whole text (opening at the start, closing at the end; an isolated one at
    the end), in the source's order. Returns the text and the markers so moved."""
    wanted_set = set(wanted)
    present = [character for character in markers_in(text) if character in wanted_set]
    counts: dict[str, int] = {}
    for character in present:
        counts[character] = counts.get(character, 0) + 1
    broken = {number_of(character) for character in wanted if counts.get(character, 0) != 1}
    # Nesting: a closing marker must match the innermost open one.
    stack: list[int] = []
    for character in present:
        number, how = number_of(character), kind(character)
        if number in broken:
            continue
        if how == "open":
            stack.append(number)
        elif how == "close":
            if number not in stack:
                broken.add(number)
                continue
            while stack[-1] != number:
                broken.add(stack.pop())  # crossed: the inner one moves out
            stack.pop()
    broken.update(stack)
    kept = _ANY.sub(lambda m: m.group() if m.group() in wanted_set and number_of(m.group()) not in broken else "", text)
    if not broken:
        return kept, []
    moved = [character for character in wanted if number_of(character) in broken]
    heads = "".join(c for c in moved if kind(c) == "open")
    tails = "".join(reversed([c for c in moved if kind(c) == "close"]))
    singles = "".join(c for c in moved if kind(c) == "isolated")
    body = kept.strip()
    lead = kept[: len(kept) - len(kept.lstrip())]
    trail = kept[len(kept.rstrip()) :]
    return f"{lead}{heads}{body}{tails}{singles}{trail}", [c for c in moved if kind(c) != "close"]


def resolve(text: str, replacements: dict[str, str]) -> str:
    """``text`` with each marker replaced by its text in ``replacements`` (others removed)."""
    return _ANY.sub(lambda m: replacements.get(m.group(), ""), text)
