"""Glossaries as CSV: one row per entry.

Columns ``id, type, case, do_not_translate, notes``, then the source language (``en``,
``en_variants``, ``en_short``), then per target language ``hy, hy_short, hy_forms,
hy_stems, hy_suffixes, hy_inflect, hy_avoid, hy_notes, hy_cases, hy_short_cases``. List
cells join items with ``|`` (``\\|`` for a bar inside an item); case cells are
``gent=…|datv=…``; a named suffix set is ``@noun``. A cell a spreadsheet would run as a
formula (``=``, ``+``, ``-``, ``@``, tab, carriage return first) is written with an
apostrophe before it and read back without (:func:`~translate.io.interchange.cells.neutral_cell`).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from translate.errors import GlossaryError
from translate.glossary.model import Entry, GlossaryFile, Rendering
from translate.glossary.store import canonical_order
from translate.io.interchange.cells import (
    bool_cell,
    bool_from,
    cell_from,
    join_cases,
    join_items,
    neutral_cell,
    slug,
    split_cases,
    split_items,
    suffix_cell,
    suffixes_from,
)

ENTRY_COLUMNS = ("id", "type", "case", "do_not_translate", "notes")
RENDERING_COLUMNS = ("", "_short", "_forms", "_stems", "_suffixes", "_inflect", "_avoid", "_notes", "_cases",
                     "_short_cases")


def _targets(glossary: GlossaryFile) -> list[str]:
    languages = list(glossary.languages)
    for entry in glossary.entries:
        languages.extend(code for code in entry.languages if code not in languages)
    return languages


def to_csv(glossary: GlossaryFile) -> str:
    source = glossary.source
    targets = _targets(glossary)
    header = [*ENTRY_COLUMNS, source, f"{source}_variants", f"{source}_short"]
    header += [f"{language}{suffix}" for language in targets for suffix in RENDERING_COLUMNS]
    out = io.StringIO()
    # RFC 4180 line ends: the csv module then quotes a cell holding a carriage return, which a
    # spreadsheet would otherwise take for the end of the row (and the rest for a new one).
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutral_cell(cell) for cell in header])
    for entry in glossary.entries:
        row = [entry.id, entry.type, entry.case, "true" if entry.do_not_translate else "", entry.notes,
               entry.term, join_items(entry.variants), join_items(entry.short)]
        for language in targets:
            rendering = entry.rendering(language)
            if rendering is None:
                row += [""] * len(RENDERING_COLUMNS)
                continue
            row += [rendering.preferred, rendering.short if rendering.short is not None else "",
                    join_items(rendering.forms), join_items(rendering.stems), suffix_cell(rendering.suffixes),
                    bool_cell(rendering.inflect), join_items(rendering.avoid), rendering.notes,
                    join_cases(rendering.cases), join_cases(rendering.short_cases)]
        writer.writerow([neutral_cell(cell) for cell in row])
    return out.getvalue()


def from_csv(text: str, path: Path) -> GlossaryFile:
    rows = [[cell_from(cell) for cell in row] for row in csv.reader(io.StringIO(text))]
    if not rows:
        raise GlossaryError(f"{path}: empty CSV; the first row names the columns (see `translate glossary export`)")
    header = rows[0]
    missing = [column for column in ("id", "type") if column not in header]
    languages = [column for column in header if column not in ENTRY_COLUMNS and "_" not in column]
    if missing or not languages:
        raise GlossaryError(f"{path}: the header needs id, type and a source language column; "
                            f"got {', '.join(header)}")
    source, targets = languages[0], languages[1:]
    glossary = GlossaryFile(path, source=source, languages=tuple(targets))
    for number, row in enumerate(rows[1:], 2):
        if not any(row):
            continue
        cell = dict(zip(header, row + [""] * (len(header) - len(row))))
        where = f"{path}:{number}"
        renderings = []
        for language in targets:
            if not cell.get(language):
                continue
            short = cell.get(f"{language}_short", "")
            renderings.append(Rendering(
                language=language,
                preferred=cell[language],
                short=short if short != "" else None,
                forms=split_items(cell.get(f"{language}_forms", "")),
                stems=split_items(cell.get(f"{language}_stems", "")),
                suffixes=suffixes_from(cell.get(f"{language}_suffixes", "")),
                inflect=bool_from(cell.get(f"{language}_inflect", ""), where),
                avoid=split_items(cell.get(f"{language}_avoid", "")),
                notes=cell.get(f"{language}_notes", ""),
                cases=split_cases(cell.get(f"{language}_cases", "")),
                short_cases=split_cases(cell.get(f"{language}_short_cases", "")),
            ))
        term = cell.get(source, "")
        if not term:
            raise GlossaryError(f"{where}: no {source} term")
        entry = Entry(
            id=cell.get("id") or slug(term),
            term=term,
            type=cell.get("type") or "term",
            variants=split_items(cell.get(f"{source}_variants", "")),
            short=split_items(cell.get(f"{source}_short", "")),
            case=cell.get("case") or "auto",
            do_not_translate=bool(bool_from(cell.get("do_not_translate", ""), where)),
            notes=cell.get("notes", ""),
            renderings=tuple(renderings),
        )
        glossary.entries.append(canonical_order(entry, glossary.languages))
    return glossary
