"""Cells of the interchange formats: lists joined with ``|`` (``\\|`` for a bar inside an item),
case forms as ``gent=…``, a named suffix set as ``@noun``, true/false, ids made from terms."""

from __future__ import annotations

import re

from translate.errors import GlossaryError


def join_items(items) -> str:
    return "|".join(item.replace("\\", "\\\\").replace("|", "\\|") for item in items)


def split_items(cell: str) -> tuple[str, ...]:
    if cell == "":
        return ()
    items, current, escaped = [], [], False
    for char in cell:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "|":
            items.append("".join(current))
            current = []
        else:
            current.append(char)
    items.append("".join(current))
    return tuple(items)


def join_cases(cases) -> str:
    return join_items(f"{case}={form}" for case, form in cases)


def split_cases(cell: str) -> tuple[tuple[str, str], ...]:
    pairs = []
    for item in split_items(cell):
        case, sep, form = item.partition("=")
        if not sep:
            raise GlossaryError(f"case cell item {item!r} is not case=form")
        pairs.append((case, form))
    return tuple(pairs)


def suffix_cell(suffixes) -> str:
    if isinstance(suffixes, str):
        return "@" + suffixes
    cell = join_items(suffixes)
    return "\\" + cell if cell.startswith("@") else cell  # a list that starts with @ is not a set name


def suffixes_from(cell: str):
    if cell.startswith("@"):
        return cell[1:]
    return split_items(cell)


def bool_cell(value: bool | None) -> str:
    return "" if value is None else ("true" if value else "false")


def bool_from(cell: str, where: str) -> bool | None:
    if cell == "":
        return None
    if cell.lower() in ("true", "false"):
        return cell.lower() == "true"
    raise GlossaryError(f"{where}: {cell!r} is not true or false")


def slug(term: str) -> str:
    """An entry id made from a term: lower-case letters and digits joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-") or "term"
