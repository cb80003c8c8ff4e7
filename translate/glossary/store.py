"""Glossary files: read (with the line of every table and key), combine, edit in place.

The format, one TOML file per glossary (see ``glossaries/newsroom.toml``)::

    [glossary]
    source = "en"                 # the language of the terms
    languages = ["hy", "ru"]      # every entry renders into each (lint checks)

    [term.lavrov]                 # one table per concept; the id is how editors name it
    term = "Sergei Lavrov"
    variants = ["Sergey Lavrov"]  # other spellings of the full term
    short = ["Lavrov"]            # short forms: an abbreviation, a surname alone
    type = "person"               # person | organisation | place | term
    case = "auto"                 # auto | exact | any (see translate.glossary.model)
    do_not_translate = false
    notes = "…"

    [term.lavrov.ru]
    preferred = "Сергей Лавров"
    short = "Лавров"              # the rendering of a short source form
    forms = […]                   # more accepted forms
    stems = […]                   # suffixes attach to these (default: preferred, short)
    suffixes = "noun"             # a named set of the language, or a list
    inflect = true                # generate forms (Russian: pymorphy3)
    avoid = ["…"]                 # known wrong renderings: flagged wherever they appear

    [term.lavrov.ru.cases]        # explicit case forms; they win over generated ones
    gent = "Сергея Лаврова"
    [term.lavrov.ru.short_cases]  # the same for the short rendering
    gent = "Лаврова"

Editing commands rewrite only the block of the entry they touch, so comments and the
rest of the file stay as the editor left them.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from translate.errors import ConfigError, GlossaryError, UnknownLocaleError
from translate.findings import Finding, Severity
from translate.glossary.model import (
    CASE_RULES,
    ENTRY_TYPES,
    Entry,
    Glossary,
    GlossaryFile,
    Origin,
    Rendering,
)
from translate.locales import language_of

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
ENTRY_KEYS = ("term", "variants", "short", "type", "case", "do_not_translate", "notes")
RENDERING_KEYS = (
    "preferred", "short", "forms", "stems", "suffixes", "inflect", "avoid", "notes", "cases", "short_cases",
)
HEADER_KEYS = ("source", "languages")

_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")
_KEY = re.compile(r'^\s*("(?:[^"\\]|\\.)*"|[A-Za-z0-9_-]+)\s*=')
_TOML_LINE = re.compile(r"line (\d+)")


# --- where things are written ------------------------------------------------------------


class SourceMap:
    """The line of each table header and key of a TOML file, to name file:line in findings."""

    def __init__(self, path: Path, text: str):
        self.path = path
        self.lines = text.split("\n")
        self.tables: dict[tuple[str, ...], int] = {}
        self.keys: dict[tuple[str, ...], tuple[int, int]] = {}  # path → (first line, last line)
        table: tuple[str, ...] = ()
        last_key: tuple[str, ...] | None = None
        for number, line in enumerate(self.lines, 1):
            header = _HEADER.match(line)
            if header and not line.lstrip().startswith("[["):
                table = tuple(part.strip().strip('"') for part in _split_dotted(header.group(1)))
                self.tables.setdefault(table, number)
                last_key = None
                continue
            key = _KEY.match(line)
            if key:
                last_key = (*table, key.group(1).strip('"'))
                self.keys[last_key] = (number, number)
            elif last_key and line.strip() and not line.lstrip().startswith("#"):
                self.keys[last_key] = (self.keys[last_key][0], number)

    def origin(self, *path: str, value: str | None = None) -> Origin:
        """The line of ``path`` (a table or a key), of ``value`` inside it if given, else of the nearest parent."""
        if path in self.keys:
            first, last = self.keys[path]
            if value is not None:
                for candidates in (_toml_string(value), value):
                    for number in range(first, last + 1):
                        if candidates in self.lines[number - 1]:
                            return Origin(self.path, number)
            return Origin(self.path, first)
        for length in range(len(path), 0, -1):
            if path[:length] in self.tables:
                return Origin(self.path, self.tables[path[:length]])
        return Origin(self.path, 1)


def _split_dotted(name: str) -> list[str]:
    parts, current, quoted = [], "", False
    for char in name:
        if char == '"':
            quoted = not quoted
        if char == "." and not quoted:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return parts


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


# --- reading -------------------------------------------------------------------------------


@dataclass
class ParsedFile:
    """A glossary file as read: its data, where each part is, and what is malformed."""

    glossary: GlossaryFile
    source_map: SourceMap
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.severity is Severity.ERROR]


def parse_text(text: str, path: Path) -> ParsedFile:
    """Parse a glossary file's text; malformed parts become findings (the rest still loads)."""
    source_map = SourceMap(path, text)
    parsed = ParsedFile(GlossaryFile(path), source_map)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = _TOML_LINE.search(str(error))
        origin = Origin(path, int(line.group(1)) if line else 1)
        parsed.findings.append(Finding("structure", Severity.ERROR, f"not valid TOML: {error}", origin.location))
        return parsed
    _Reader(parsed).read(data)
    return parsed


def entry_from_table(entry_id: str, table: dict[str, Any], path: Path) -> tuple[Entry | None, list[Finding]]:
    """An entry built from TOML-shaped data (as :meth:`Entry.as_dict` gives), and what is malformed."""
    parsed = ParsedFile(GlossaryFile(path), SourceMap(path, ""))
    entry = _Reader(parsed).entry(entry_id, table)
    return entry, parsed.findings


def parse_file(path: Path) -> ParsedFile:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GlossaryError(f"{path}: glossary file not found; check [glossary] files in the configuration") from None
    except UnicodeDecodeError:
        raise GlossaryError(f"{path}: not UTF-8; save the glossary as UTF-8") from None
    return parse_text(text, path)


class _Reader:
    """Turns TOML data into entries, recording every malformed part as a finding."""

    def __init__(self, parsed: ParsedFile):
        self.parsed = parsed
        self.map = parsed.source_map

    def error(self, message: str, *path: str, value: str | None = None) -> None:
        origin = self.map.origin(*path, value=value)
        self.parsed.findings.append(Finding("structure", Severity.ERROR, message, origin.location))

    def unknown(self, key: str, valid: tuple[str, ...], *path: str) -> None:
        near = difflib.get_close_matches(key, valid, n=1)
        hint = f"; did you mean {near[0]!r}?" if near else f"; valid keys: {', '.join(valid)}"
        self.error(f"unknown key {'.'.join(path)!r}{hint}", *path)

    def read(self, data: dict[str, Any]) -> None:
        glossary = self.parsed.glossary
        for key in data:
            if key not in ("glossary", "term"):
                self.unknown(key, ("glossary", "term"), key)
        header = data.get("glossary", {})
        if not isinstance(header, dict):
            self.error("must be a table", "glossary")
            header = {}
        for key in header:
            if key not in HEADER_KEYS:
                self.unknown(key, HEADER_KEYS, "glossary", key)
        source = header.get("source", "en")
        if isinstance(source, str) and self.language(source, "glossary", "source"):
            glossary.source = language_of(source)
        elif not isinstance(source, str):
            self.error("must be a language code, e.g. \"en\"", "glossary", "source")
        languages = header.get("languages", [])
        if self.strings(languages, "glossary", "languages"):
            glossary.languages = tuple(
                language_of(code) for code in languages if self.language(code, "glossary", "languages")
            )
        terms = data.get("term", {})
        if not isinstance(terms, dict):
            self.error("must be tables [term.ID]", "term")
            return
        for entry_id, table in terms.items():
            entry = self.entry(entry_id, table)
            if entry is not None:
                glossary.entries.append(entry)
        glossary.entries = [canonical_order(entry, glossary.languages) for entry in glossary.entries]
        if not glossary.languages:
            seen: list[str] = []
            for entry in glossary.entries:
                seen.extend(code for code in entry.languages if code not in seen)
            glossary.languages = tuple(seen)

    def language(self, code: str, *path: str) -> bool:
        try:
            language_of(code)
        except UnknownLocaleError as error:
            self.error(str(error), *path, value=code)
            return False
        return True

    def strings(self, value: Any, *path: str) -> bool:
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.error('must be a list of strings, e.g. ["…", "…"]', *path)
            return False
        return True

    def string(self, value: Any, *path: str) -> bool:
        if not isinstance(value, str):
            self.error(f"must be a string, not {type(value).__name__}", *path)
            return False
        return True

    def entry(self, entry_id: str, table: Any) -> Entry | None:
        where = ("term", entry_id)
        if not isinstance(table, dict):
            self.error("must be a table [term.ID]", *where)
            return None
        if not ID_PATTERN.match(entry_id):
            self.error(f"entry id {entry_id!r}: use lower-case letters, digits, - and _ (e.g. nagorno-karabakh)", *where)
        fields: dict[str, Any] = {}
        renderings: list[Rendering] = []
        for key, value in table.items():
            if isinstance(value, dict):
                rendering = self.rendering(entry_id, key, value)
                if rendering is not None:
                    renderings.append(rendering)
                continue
            if key not in ENTRY_KEYS:
                self.unknown(key, ENTRY_KEYS, *where, key)
                continue
            if key in ("variants", "short"):
                if self.strings(value, *where, key):
                    fields[key] = tuple(value)
            elif key == "do_not_translate":
                if isinstance(value, bool):
                    fields[key] = value
                else:
                    self.error("must be true or false", *where, key)
            elif self.string(value, *where, key):
                fields[key] = value
        if "term" not in fields:
            if "term" not in table:
                self.error(f"entry {entry_id!r} has no term: add term = \"…\"", *where)
            return None
        kind = fields.get("type")
        if kind is None:
            self.error(f"entry {entry_id!r} has no type: add type = one of {', '.join(ENTRY_TYPES)}", *where)
            kind = "term"
        elif kind not in ENTRY_TYPES:
            self.error(f"type {kind!r} is not one of {', '.join(ENTRY_TYPES)}", *where, "type")
        case = fields.get("case", "auto")
        if case not in CASE_RULES:
            self.error(f"case {case!r} is not one of {', '.join(CASE_RULES)}", *where, "case")
            case = "auto"
        return Entry(
            id=entry_id,
            term=fields["term"],
            type=kind,
            variants=fields.get("variants", ()),
            short=fields.get("short", ()),
            case=case,
            do_not_translate=fields.get("do_not_translate", False),
            notes=fields.get("notes", ""),
            renderings=tuple(renderings),
            origin=self.map.origin(*where),
        )

    def rendering(self, entry_id: str, language: str, table: dict[str, Any]) -> Rendering | None:
        where = ("term", entry_id, language)
        if not self.language(language, *where):
            return None
        if language_of(language) != language:
            self.error(f"write the language as {language_of(language)!r}", *where)
        fields: dict[str, Any] = {}
        for key, value in table.items():
            if key not in RENDERING_KEYS:
                self.unknown(key, RENDERING_KEYS, *where, key)
            elif key in ("forms", "stems", "avoid"):
                if self.strings(value, *where, key):
                    fields[key] = tuple(value)
            elif key == "suffixes":
                if isinstance(value, str):
                    fields[key] = value
                elif self.strings(value, *where, key):
                    fields[key] = tuple(value)
            elif key == "inflect":
                if isinstance(value, bool):
                    fields[key] = value
                else:
                    self.error("must be true or false", *where, key)
            elif key in ("cases", "short_cases"):
                if isinstance(value, dict) and all(isinstance(form, str) for form in value.values()):
                    fields[key] = tuple(value.items())
                else:
                    self.error("must be a table of case = \"form\"", *where, key)
            elif self.string(value, *where, key):
                fields[key] = value
        if "preferred" not in fields:
            if "preferred" not in table:
                self.error(f"no preferred rendering: add preferred = \"…\" to [term.{entry_id}.{language}]", *where)
            return None
        return Rendering(language=language_of(language), origin=self.map.origin(*where), **fields)


def canonical_order(entry: Entry, languages: tuple[str, ...]) -> Entry:
    """The entry with its renderings in the order of the file's languages (others after, by code)."""
    def position(rendering: Rendering) -> tuple[int, str]:
        code = rendering.language
        return (languages.index(code), code) if code in languages else (len(languages), code)

    ordered = tuple(sorted(entry.renderings, key=position))
    return entry if ordered == entry.renderings else replace(entry, renderings=ordered)


# --- combining -------------------------------------------------------------------------------


def load_glossary(paths: list[Path]) -> Glossary:
    """Read and combine ``paths`` (later ones take precedence); malformed files are an error."""
    files: list[GlossaryFile] = []
    problems: list[Finding] = []
    for path in paths:
        parsed = parse_file(path)
        problems.extend(parsed.errors)
        files.append(parsed.glossary)
    if problems:
        shown = "\n  ".join(str(finding) for finding in problems[:10])
        more = f"\n  … and {len(problems) - 10} more" if len(problems) > 10 else ""
        raise GlossaryError(
            f"the glossary cannot be used:\n  {shown}{more}\nFix these (`translate glossary lint` lists every problem)."
        )
    sources = {glossary_file.source for glossary_file in files}
    if len(sources) > 1:
        raise GlossaryError(
            f"glossary files disagree on the source language ({', '.join(sorted(sources))}); "
            "combine only files with the same [glossary] source"
        )
    return Glossary(files)


def configured_paths(config) -> list[Path]:
    """The glossary files a configuration lists, resolved against the file that lists them."""
    from translate.config import DEFAULT_CONFIG

    section = config.raw.get("glossary", {})
    files = section.get("files", [])
    origin = DEFAULT_CONFIG
    if config.path != DEFAULT_CONFIG and config.path.is_file():
        with config.path.open("rb") as handle:
            if "files" in tomllib.load(handle).get("glossary", {}):
                origin = config.path
    if not isinstance(files, list) or not all(isinstance(item, str) for item in files):
        raise ConfigError('must be a list of file paths, e.g. ["../glossaries/newsroom.toml"]', path=origin,
                          key="glossary.files")
    return [(origin.parent / item).resolve() if not Path(item).is_absolute() else Path(item) for item in files]


def enforcement_settings(config) -> tuple[bool, str]:
    """(enforce, placeholder scheme) from the configuration's [glossary] section."""
    from translate.glossary.enforce import PLACEHOLDER_SCHEMES

    section = config.raw.get("glossary", {})
    placeholder = section.get("placeholder", "number")
    if placeholder not in PLACEHOLDER_SCHEMES:
        raise ConfigError(f"must be one of {', '.join(PLACEHOLDER_SCHEMES)}, not {placeholder!r}",
                          path=config.path, key="glossary.placeholder")
    return section.get("enforce", True), placeholder


def configured_glossary(config, paths: list[Path] | None = None) -> Glossary:
    """The glossary of ``paths`` if given, else of the configuration's files."""
    return load_glossary(paths if paths else configured_paths(config))


# --- editing in place ------------------------------------------------------------------------


def entry_block(text: str, entry_id: str) -> tuple[int, int] | None:
    """Line indexes [start, end) of the entry's tables in ``text``; comments above the next
    entry stay with it."""
    lines = text.split("\n")
    own = re.compile(rf'^\s*\[\s*term\s*\.\s*"?{re.escape(entry_id)}"?\s*(\.|\])')
    start = None
    end = len(lines)
    for index, line in enumerate(lines):
        header = _HEADER.match(line)
        if not header:
            continue
        if own.match(line):
            if start is None:
                start = index
            continue
        if start is not None:
            end = index
            break
    if start is None:
        return None
    # Leave the blank lines and comments that lead into the next table to that table.
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return start, end


def replace_entry(text: str, entry_id: str, block: str) -> str:
    """``text`` with the entry's block replaced by ``block`` (appended when it is absent)."""
    span = entry_block(text, entry_id)
    lines = text.split("\n")
    new = block.rstrip("\n").split("\n")
    if span is None:
        while lines and not lines[-1].strip():
            lines.pop()
        return "\n".join([*lines, "", *new, ""])
    start, end = span
    return "\n".join([*lines[:start], *new, *lines[end:]])


def remove_entry(text: str, entry_id: str) -> str:
    span = entry_block(text, entry_id)
    if span is None:
        return text
    lines = text.split("\n")
    start, end = span
    # Take the blank line that separated it, so no double gap is left.
    while end < len(lines) and not lines[end].strip():
        end += 1
    if end == len(lines):
        while start > 0 and not lines[start - 1].strip():
            start -= 1
        return "\n".join(lines[:start]) + "\n"
    return "\n".join([*lines[:start], *lines[end:]])
