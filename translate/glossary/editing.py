"""Glossary files written and edited with tomlkit: an edit touches only its entry's tables.

The editing commands (add, edit, remove, import) read a glossary file as a tomlkit
document, change one entry and write the document back (atomically): the editors'
comments, blank lines and layout elsewhere come out byte for byte. An entry written
anew is written the same way every time (stable diffs): keys in a fixed order,
defaults left out, a list on one line when it fits and one item per line otherwise, so
adding a form is a one-line diff.

tomlkit keeps the blank lines and comments above a table header at the end of the
table before it. Here they lead into the next table: they stay when the entry they
follow is changed or removed.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.container import OutOfOrderTableProxy
from tomlkit.exceptions import TOMLKitError
from tomlkit.items import Comment, Item, Null, Table, Whitespace
from tomlkit.toml_document import TOMLDocument

from translate.errors import GlossaryError
from translate.glossary.model import Entry, GlossaryFile, Rendering
from translate.io.writers import write_atomic
from translate.regular_files import read_named_text

_WIDTH = 88  # a list longer than this on one line goes one item per line
_TRIVIA = (Whitespace, Comment, Null)  # Null: what tomlkit leaves where a key was removed

FILE_COMMENT = (
    "Glossary: one [term.ID] table per concept, one [term.ID.LANG] table per target language.",
    "Format and matching rules: translate/glossary/store.py; check with `translate glossary lint`.",
)


# --- entries as TOML, the same way every time ---------------------------------------------------


def _value(key: str, value: Any) -> Any:
    """A value as the file writes it: lists on one line when they fit, else one item per line."""
    if isinstance(value, dict):
        return _table(value.items())
    if isinstance(value, (list, tuple)):
        array = tomlkit.array()
        array.extend(value)
        if len(f"{key} = {array.as_string()}") > _WIDTH:
            array.multiline(True)
        return array
    return value


def _table(pairs: Iterable[tuple[str, Any]]) -> Table:
    table = tomlkit.table()
    for key, value in pairs:
        table[key] = _value(key, value)
    return table


def _rendering_pairs(rendering: Rendering) -> list[tuple[str, Any]]:
    pairs: list[tuple[str, Any]] = [("preferred", rendering.preferred)]
    # short and inflect are written whenever set (False is a choice); the rest when not empty.
    for key in ("short", "forms", "stems", "suffixes", "inflect", "avoid", "notes"):
        value = getattr(rendering, key)
        if (value is not None) if key in ("short", "inflect") else bool(value):
            pairs.append((key, value))
    for key in ("cases", "short_cases"):
        if getattr(rendering, key):
            pairs.append((key, dict(getattr(rendering, key))))
    return pairs


def entry_table(entry: Entry) -> Table:
    """The entry's tables: [term.ID], then [term.ID.LANG] (and its case tables) per rendering."""
    pairs: list[tuple[str, Any]] = [("term", entry.term)]
    if entry.variants:
        pairs.append(("variants", entry.variants))
    if entry.short:
        pairs.append(("short", entry.short))
    pairs.append(("type", entry.type))
    if entry.case != "auto":
        pairs.append(("case", entry.case))
    if entry.do_not_translate:
        pairs.append(("do_not_translate", True))
    if entry.notes:
        pairs.append(("notes", entry.notes))
    pairs += [(rendering.language, dict(_rendering_pairs(rendering))) for rendering in entry.renderings]
    return _table(pairs)


def new_document(glossary: GlossaryFile, comment: Sequence[str] = FILE_COMMENT) -> TOMLDocument:
    """A whole glossary file: the comment lines, [glossary], then every entry."""
    document = tomlkit.document()
    for line in comment:
        document.add(tomlkit.comment(line))
    if comment:
        document.add(tomlkit.nl())
    document["glossary"] = _table([("source", glossary.source), ("languages", glossary.languages)])
    for entry in glossary.entries:
        put_entry(document, entry.id, entry_table(entry))
    return document


def render_file(glossary: GlossaryFile, comment: Sequence[str] = FILE_COMMENT) -> str:
    return tomlkit.dumps(new_document(glossary, comment))


# --- reading and writing a file ------------------------------------------------------------------


def read_document(path: Path) -> TOMLDocument:
    """The file as a tomlkit document (line endings as they are, so they are written back the same)."""
    text = read_named_text(path, lambda why: GlossaryError(f"{path}: {why}"), expected="a glossary TOML file",
                           missing="glossary file not found")
    try:
        return tomlkit.parse(text)
    except TOMLKitError as error:
        raise GlossaryError(f"{path}: not valid TOML ({error}); fix it first (`translate glossary lint`)") from None


def write_document(path: Path, document: TOMLDocument) -> None:
    write_atomic(path, tomlkit.dumps(document))


# --- one entry's tables --------------------------------------------------------------------------


def _terms(document: TOMLDocument) -> Table | None:
    terms = document.get("term")
    if terms is None:
        return None
    if isinstance(terms, OutOfOrderTableProxy):
        raise GlossaryError("the [term.…] tables are not together (another table such as [glossary] stands "
                            "between them); move it to the top to edit the file with these commands")
    if not isinstance(terms, Table):
        raise GlossaryError("term must be tables [term.ID]")
    return terms


def _entry(document: TOMLDocument, entry_id: str) -> Table | None:
    terms = _terms(document)
    if terms is None or entry_id not in terms:
        return None
    table = terms[entry_id]
    if isinstance(table, OutOfOrderTableProxy):
        raise GlossaryError(f"the tables of {entry_id!r} are not together: move each [term.{entry_id}.…] table "
                            f"right after [term.{entry_id}] to edit it with these commands")
    if not isinstance(table, Table):
        raise GlossaryError(f"term.{entry_id} must be a table [term.{entry_id}]")
    return table


def _last_table(table: Table) -> Table:
    """The table whose body ends the text of ``table``: itself, or its last sub-table."""
    while True:
        items = [item for _, item in table.value.body if not isinstance(item, _TRIVIA)]
        if not items or not isinstance(items[-1], Table):
            return table
        table = items[-1]


def _take_lead_in(table: Table, kinds: tuple[type, ...] = _TRIVIA) -> list[Item]:
    """Remove and return the blank lines and comments that end ``table``'s text (they lead into
    the next table): those at the end of its body and, before them, of its last sub-table's.
    ``kinds``: what to take (the default: blank lines and comments)."""
    body = table.value.body
    start = len(body)
    while start and body[start - 1][0] is None and isinstance(body[start - 1][1], kinds):
        start -= 1
    outer = [item for _, item in body[start:] if not isinstance(item, Null)]
    del body[start:]  # only unkeyed items at the end: tomlkit's key index is unaffected
    last = body[start - 1][1] if start else None
    return (_take_lead_in(last, kinds) if isinstance(last, Table) else []) + outer


def _give_lead_in(table: Table, lead_in: list[Item]) -> None:
    _take_lead_in(table, (Whitespace, Null))  # the blank line tomlkit adds after a table it placed
    last = _last_table(table)
    for item in lead_in:
        last.value.append(None, item)


def entry_data(document: TOMLDocument, entry_id: str) -> dict[str, Any] | None:
    """The entry's tables as plain data (None when the file has no such entry)."""
    table = _entry(document, entry_id)
    return None if table is None else table.unwrap()


def put_entry(document: TOMLDocument, entry_id: str, table: Table) -> None:
    """Put ``table`` in place of the entry's tables, or after the last entry when it is new."""
    terms = _terms(document)
    if terms is None:
        document["term"] = tomlkit.table(is_super_table=True)
        terms = _terms(document)
    old = _entry(document, entry_id)
    if old is None:
        terms[entry_id] = table
        return
    lead_in = _take_lead_in(old)
    terms[entry_id] = table
    _give_lead_in(terms[entry_id], lead_in)


def update_entry(document: TOMLDocument, entry_id: str, data: dict[str, Any]) -> None:
    """Make the entry's tables hold ``data``, changing only the keys whose values differ: the
    comments and layout of the rest of the entry stay."""
    table = _entry(document, entry_id)
    if table is None:
        put_entry(document, entry_id, _table(data.items()))
        return
    lead_in = _take_lead_in(table)
    _reconcile(table, data)
    _give_lead_in(table, lead_in)


def _reconcile(table: Table, data: dict[str, Any]) -> None:
    current = table.unwrap()
    for key in current:
        if key not in data:
            del table[key]
    for key, value in data.items():
        if isinstance(value, dict) and isinstance(table.get(key), Table):
            _reconcile(table[key], value)
        elif key in current and current[key] != _plain(value):
            table[key] = _value(key, value)  # tomlkit keeps the position and a comment after the value
        elif key not in current:
            _add(table, key, value)


def _add(table: Table, key: str, value: Any) -> None:
    """Add ``key`` after the table's last plain value. (tomlkit's own append puts it right
    before the first sub-table, under the comments that lead into that sub-table.)"""
    body = table.value.body
    plain = [name for name, item in body if name is not None and not isinstance(item, Table)]
    if isinstance(value, dict) or not plain or not any(isinstance(item, Table) for _, item in body):
        table[key] = _value(key, value)
    else:
        table.value._insert_after(plain[-1], key, _value(key, value))  # tomlkit has no public insert


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def remove_entry(document: TOMLDocument, entry_id: str) -> bool:
    """Remove the entry's tables and the blank line after them; the comments that lead into the
    next table stay. False when there is no such entry."""
    table = _entry(document, entry_id)
    if table is None:
        return False
    lead_in = _take_lead_in(table)
    while lead_in and isinstance(lead_in[0], Whitespace):
        lead_in.pop(0)  # the gap between this entry and the next
    tables = list(_tables(document))
    position = next(number for number, item in enumerate(tables) if item is table)
    # The tables written just before and just after the entry's (super tables have no header).
    before = next((item for item in reversed(tables[:position])
                   if not item.is_super_table() and not _inside(table, item)), None)
    after = next((item for item in tables[position + 1:]
                  if not item.is_super_table() and not _inside(item, table)), None)
    del _terms(document)[entry_id]
    if after is not None:
        after.trivia.indent = "".join(item.as_string() for item in lead_in) + after.trivia.indent
    elif before is not None:
        body = before.value.body
        while body and body[-1][0] is None and isinstance(body[-1][1], (Whitespace, Null)):
            body.pop()  # no gap left at the end of the file
        for item in lead_in:
            before.value.append(None, item)
    return True


def _tables(container: TOMLDocument | Table) -> Iterable[Table]:
    """Every table in the order the file writes them."""
    body = container.body if isinstance(container, TOMLDocument) else container.value.body
    for _, item in body:
        if isinstance(item, Table):
            yield item
            yield from _tables(item)


def _inside(table: Table, parent: Table) -> bool:
    return any(item is table for item in _tables(parent))


def entry_text(document: TOMLDocument, entry_id: str) -> str | None:
    """The entry's tables as the file writes them (for an editor)."""
    table = _entry(document, entry_id)
    if table is None:
        return None
    table = copy.deepcopy(table)
    _take_lead_in(table)
    single = tomlkit.document()
    single["term"] = tomlkit.table(is_super_table=True)
    single["term"][entry_id] = table
    return tomlkit.dumps(single)


def document_entry(text: str, entry_id: str) -> Table:
    """The table of ``entry_id`` in a fragment of TOML (what an editor gave back)."""
    table = _entry(tomlkit.parse(text), entry_id)
    if table is None:
        raise GlossaryError(f"no [term.{entry_id}] table")
    return table


def entry_skeleton(entry_id: str, term: str, kind: str, note: str, comments: Sequence[str]) -> str:
    """A new entry to paste into a glossary: its term and type, ``note`` after the header and
    ``comments`` (e.g. where the term was seen) under it."""
    table = tomlkit.table()
    table.comment(note)
    table["term"] = term
    table["type"] = kind
    for comment in comments:
        table.add(tomlkit.comment(comment))
    single = tomlkit.document()
    single["term"] = tomlkit.table(is_super_table=True)
    single["term"][entry_id] = table
    return tomlkit.dumps(single)
