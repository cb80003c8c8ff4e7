"""The glossary as the editors' pages see it: entries with their lint findings, searched and
filtered; an entry as form fields and back; edits previewed (lint, diff) and saved.

Nothing here knows about HTTP. Edits go through :mod:`translate.glossary.editing` (only the
entry's changed keys are rewritten: comments and layout elsewhere stay) and
:mod:`translate.glossary.revisions` (lint errors block saving; a file changed since the
page loaded is a conflict).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel import Locale

from translate.errors import GlossaryError
from translate.findings import Finding, Severity
from translate.glossary.editing import entry_data, read_document, update_entry
from translate.glossary.lint import lint_parsed
from translate.glossary.model import CASE_RULES, ENTRY_TYPES, Entry, Glossary
from translate.glossary.revisions import (
    CheckedEdit,
    check_edit,
    file_version,
    remove_saved,
    save_edit,
)
from translate.glossary.store import ID_PATTERN, ParsedFile, parse_file
from translate.languages import rules_for

FINDING_FILTERS = ("any", "error", "warning", "none")
_ENTRY_LISTS = ("variants", "short")
_RENDERING_LISTS = ("forms", "stems", "avoid")


@dataclass
class EntryRow:
    entry: Entry
    path: Path
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(finding.severity is Severity.ERROR for finding in self.findings)

    @property
    def warnings(self) -> int:
        return sum(finding.severity is Severity.WARNING for finding in self.findings)


@dataclass
class Snapshot:
    """The glossary files as they are now: entries in effect, their findings, each file's version."""

    glossary: Glossary
    rows: list[EntryRow]
    loose: list[Finding]  # findings outside any entry (the file's header, invalid TOML)
    versions: dict[Path, str]

    def row(self, entry_id: str) -> EntryRow | None:
        return next((row for row in self.rows if row.entry.id == entry_id), None)


@dataclass(frozen=True)
class LanguageFields:
    """A rendering's fields on the entry form: the language, its name, its case names."""

    code: str
    name: str
    cases: tuple[str, ...]
    suffix_sets: tuple[str, ...]


class GlossaryWorkspace:
    def __init__(self, paths: list[Path]):
        self.paths = [path.resolve() for path in paths]
        self._cached: tuple[tuple[str, ...], Snapshot] | None = None

    # --- reading -----------------------------------------------------------------------

    def snapshot(self) -> Snapshot:
        """The files read and linted, again only when one of them changed."""
        versions = tuple(file_version(path) for path in self.paths)
        if self._cached is None or self._cached[0] != versions:
            self._cached = (versions, self._read(dict(zip(self.paths, versions))))
        return self._cached[1]

    def _read(self, versions: dict[Path, str]) -> Snapshot:
        parsed = [parse_file(path) for path in self.paths]
        glossary = Glossary([item.glossary for item in parsed])
        findings = lint_parsed(parsed)
        spans = _entry_spans(parsed)
        by_entry: dict[tuple[Path, str], list[Finding]] = {}
        loose = []
        for finding in findings:
            owner = next((key for key, (first, last) in spans.items() if key[0] == finding.location.path
                          and first <= (finding.location.line or 0) <= last), None)
            if owner is None:
                loose.append(finding)
            else:
                by_entry.setdefault(owner, []).append(finding)
        rows = []
        for entry in glossary.entries:
            path = entry.origin.path if entry.origin else self.paths[-1]
            rows.append(EntryRow(entry, path, by_entry.get((path, entry.id), [])))
        return Snapshot(glossary, rows, loose, versions)

    def search(self, query: str = "", language: str = "", kind: str = "", missing: str = "",
               findings: str = "") -> list[EntryRow]:
        """Entries whose id, forms, renderings or notes hold ``query`` (any letter case), of type
        ``kind``, with a rendering in ``language``, without one in ``missing``, with findings of
        a severity (``error``, ``warning``, ``any``) or none (``none``)."""
        wanted = query.casefold().strip()
        rows = []
        for row in self.snapshot().rows:
            entry = row.entry
            if wanted and wanted not in _searchable(entry):
                continue
            if kind and entry.type != kind:
                continue
            if language and entry.rendering(language) is None:
                continue
            if missing and (entry.rendering(missing) is not None or entry.do_not_translate):
                continue
            if findings == "any" and not row.findings or findings == "none" and row.findings:
                continue
            if findings == "error" and not row.errors or findings == "warning" and not row.warnings:
                continue
            rows.append(row)
        return rows

    def language_fields(self, data: Mapping[str, Any] | None = None) -> list[LanguageFields]:
        """The renderings an entry form offers: the glossary's languages, and any other the entry has."""
        codes = list(self.snapshot().glossary.languages)
        codes += [key for key, value in (data or {}).items() if isinstance(value, dict) and key not in codes]
        names = Locale("en").languages
        fields = []
        for code in codes:
            terms = rules_for(code).terms
            cases = tuple(terms.cases) + tuple(
                case for case in ((data or {}).get(code, {}).get("cases", {}) or {}) if case not in terms.cases)
            fields.append(LanguageFields(code, names.get(code, code), cases, tuple(terms.suffix_sets)))
        return fields

    def path_of(self, entry_id: str) -> Path:
        """The file the entry in effect is in (no file is parsed: the snapshot knows)."""
        row = self.snapshot().row(entry_id)
        if row is None:
            raise GlossaryError(f"no entry {entry_id!r}")
        return row.path

    def entry(self, entry_id: str) -> tuple[Path, dict[str, Any], str]:
        """The entry's file, its tables as written there, and the file's version."""
        path = self.path_of(entry_id)
        data = entry_data(read_document(path), entry_id)
        if data is None:
            raise GlossaryError(f"no entry {entry_id!r} in {path.name}")
        return path, data, file_version(path)

    def file_for(self, name: str) -> Path:
        """One of the workspace's files, by name (the pages never take a path)."""
        for path in self.paths:
            if path.name == name:
                return path
        raise GlossaryError(f"{name!r} is not one of the glossary files ({', '.join(p.name for p in self.paths)})")

    # --- editing -----------------------------------------------------------------------

    def preview(self, entry_id: str, form: Mapping[str, str], path: Path, *, new: bool = False) -> CheckedEdit:
        """What saving ``form`` would write, and what lint says about the entry then."""
        if new:
            if not ID_PATTERN.match(entry_id):
                raise GlossaryError(f"entry id {entry_id!r}: use lower-case letters, digits, - and _ (e.g. nagorno-karabakh)")
            if self.snapshot().row(entry_id) is not None:
                raise GlossaryError(f"{entry_id!r} is already an entry: pick another id, or edit that one")
        document = read_document(path)
        original = entry_data(document, entry_id)
        if not new and original is None:
            raise GlossaryError(f"no entry {entry_id!r} in {path.name}")
        update_entry(document, entry_id, data_from_form(form, original or {}, self.language_fields(original)))
        return check_edit(path, document, entry_id, self.paths)

    def save(self, entry_id: str, form: Mapping[str, str], path: Path, version: str | None, *,
             new: bool = False) -> str:
        """Write the edit unless lint finds errors or the file is no longer ``version``; the new version."""
        return save_edit(self.preview(entry_id, form, path, new=new), version)

    def remove(self, entry_id: str, path: Path, version: str) -> str:
        return remove_saved(path, entry_id, version)


def _entry_spans(parsed: list[ParsedFile]) -> dict[tuple[Path, str], tuple[int, int]]:
    return {(item.glossary.path, entry.id): item.source_map.span("term", entry.id)
            for item in parsed for entry in item.glossary.entries}


def _searchable(entry: Entry) -> str:
    parts = [entry.id, *entry.source_forms, entry.notes]
    for rendering in entry.renderings:
        parts += [rendering.preferred, rendering.short or "", *rendering.forms, rendering.notes]
    return "\n".join(parts).casefold()


# --- the entry form ----------------------------------------------------------------------


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def values_from_data(data: Mapping[str, Any]) -> dict[str, str]:
    """An entry's tables as the form's fields: lists one item per line, tables as ``LANG.key``."""
    values: dict[str, str] = {}

    def put(prefix: str, table: Mapping[str, Any]) -> None:
        for key, value in table.items():
            name = f"{prefix}{key}"
            if isinstance(value, dict):
                put(f"{name}.", value)
            elif isinstance(value, list):
                values[name] = "\n".join(map(str, value))
            elif isinstance(value, bool):
                values[name] = "true" if value else "false"
            else:
                values[name] = str(value)

    put("", data)
    return values


def _keep(target: dict[str, Any], original: Mapping[str, Any], key: str, value: Any, default: Any) -> None:
    """Put ``value`` unless it is empty or the default and the file did not say it explicitly."""
    if value not in ("", [], {}, None) and value != default:
        target[key] = value
    elif key in original and original[key] == value:
        target[key] = value  # written in the file though it is the default: left as written


def data_from_form(form: Mapping[str, str], original: Mapping[str, Any],
                   languages: list[LanguageFields]) -> dict[str, Any]:
    """The entry's tables from the form's fields (keys in the order the files write them)."""
    data: dict[str, Any] = {}
    _keep(data, original, "term", form.get("term", "").strip(), None)
    for key in _ENTRY_LISTS:
        _keep(data, original, key, _lines(form.get(key)), [])
    kind = form.get("type", "").strip()
    if kind:
        data["type"] = kind
    _keep(data, original, "case", form.get("case", "auto").strip() or "auto", "auto")
    _keep(data, original, "do_not_translate", form.get("do_not_translate") in ("true", "on", "1"), False)
    _keep(data, original, "notes", form.get("notes", "").strip(), "")
    for language in languages:
        rendering = _rendering_from_form(form, original.get(language.code) or {}, language)
        if rendering:
            data[language.code] = rendering
    return data


def _rendering_from_form(form: Mapping[str, str], original: Mapping[str, Any],
                         language: LanguageFields) -> dict[str, Any]:
    prefix = f"{language.code}."
    data: dict[str, Any] = {}
    _keep(data, original, "preferred", form.get(prefix + "preferred", "").strip(), None)
    _keep(data, original, "short", form.get(prefix + "short", "").strip(), None)
    for key in _RENDERING_LISTS[:2]:
        _keep(data, original, key, _lines(form.get(prefix + key)), [])
    suffixes: Any = _lines(form.get(prefix + "suffixes"))
    if len(suffixes) == 1 and (isinstance(original.get("suffixes"), str) or suffixes[0] in language.suffix_sets):
        suffixes = suffixes[0]
    _keep(data, original, "suffixes", suffixes, [])
    inflect = {"true": True, "false": False}.get(form.get(prefix + "inflect", "").strip())
    _keep(data, original, "inflect", inflect, None)
    _keep(data, original, "avoid", _lines(form.get(prefix + "avoid")), [])
    _keep(data, original, "notes", form.get(prefix + "notes", "").strip(), "")
    for key in ("cases", "short_cases"):
        cases = {case: form.get(f"{prefix}{key}.{case}", "").strip() for case in language.cases}
        _keep(data, original, key, {case: text for case, text in cases.items() if text}, {})
    return data


ENTRY_CHOICES = {"type": ENTRY_TYPES, "case": CASE_RULES}
