"""Glossaries to and from CSV and TBX-Basic, for spreadsheets and CAT tools.

A glossary exported and imported again is the same glossary. The formats:
:mod:`~translate.io.interchange.csv_table` (one row per entry) and
:mod:`~translate.io.interchange.tbx` (TBX-Basic, readable by other tools); their cells:
:mod:`~translate.io.interchange.cells`. `translate glossary import` writes what it reads
into a glossary file through :mod:`translate.glossary.editing` (the file's comments stay).
"""

from __future__ import annotations

from pathlib import Path

from translate.errors import GlossaryError
from translate.glossary.model import GlossaryFile
from translate.io.interchange.csv_table import from_csv, to_csv
from translate.io.interchange.tbx import from_tbx, to_tbx
from translate.regular_files import read_named_text

FORMATS = ("csv", "tbx")
__all__ = ["FORMATS", "export_glossary", "format_of", "from_csv", "from_tbx", "import_glossary", "to_csv", "to_tbx"]


def format_of(path: Path, given: str | None) -> str:
    if given:
        return given
    suffix = path.suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return suffix
    raise GlossaryError(f"{path}: cannot tell the format from the name; pass --format csv or --format tbx")


def export_glossary(glossary: GlossaryFile, fmt: str) -> str:
    return to_csv(glossary) if fmt == "csv" else to_tbx(glossary)


def import_glossary(path: Path, fmt: str) -> GlossaryFile:
    text = read_named_text(path, lambda why: GlossaryError(f"{path}: {why}"), expected="a CSV or TBX file",
                           encoding="utf-8-sig")
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # as text mode reads it
    return from_csv(text, path) if fmt == "csv" else from_tbx(text, path)
