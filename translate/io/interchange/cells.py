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


# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection, OWASP):
# such a cell is written with an apostrophe before it, which spreadsheets show as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutral_cell(cell: str) -> str:
    """``cell`` as a spreadsheet takes it for text: an apostrophe before a formula's first
    character, and before an apostrophe that starts the cell (so that reading strips exactly one)."""
    return f"'{cell}" if cell.startswith(FORMULA_STARTS + ("'",)) else cell


def cell_from(cell: str) -> str:
    """A cell as :func:`neutral_cell` wrote it, back as it was."""
    if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS + ("'",)):
        return cell[1:]
    return cell

