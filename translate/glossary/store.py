"""Glossary files: read (with the line of every table and key) and combined.

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

Reading uses tomllib; the editing commands go through :mod:`translate.glossary.editing`
(tomlkit), which changes only the tables of the entry they touch.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from translate.errors import ConfigError, GlossaryError, UnknownLocaleError
from translate.findings import Finding, Severity, errors_of
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
from translate.regular_files import read_named_text
from translate.schema import BOOLEAN, STRING, STRINGS, Kind, Table, check

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")

# What each table of a glossary file may hold (checked by translate.schema).
CASE_FORMS = Kind('a table of case = "form"',
                  lambda value: isinstance(value, dict) and all(isinstance(form, str) for form in value.values()))
SUFFIXES = Kind("a suffix set's name or a list of suffixes",
                lambda value: isinstance(value, str) or STRINGS.accepts(value))
RENDERING = Table({
    "preferred": STRING, "short": STRING, "forms": STRINGS, "stems": STRINGS, "suffixes": SUFFIXES,
    "inflect": BOOLEAN, "avoid": STRINGS, "notes": STRING, "cases": CASE_FORMS, "short_cases": CASE_FORMS,
}, name="a table [term.ID.LANG]")
ENTRY = Table({
    "term": STRING, "variants": STRINGS, "short": STRINGS, "type": STRING, "case": STRING,
    "do_not_translate": BOOLEAN, "notes": STRING,
}, others=RENDERING, name="a table [term.ID]")  # any other table is a rendering: [term.ID.LANG]
GLOSSARY_FILE = Table({
    "glossary": Table({"source": Kind('a language code, e.g. "en"', STRING.accepts), "languages": STRINGS}),
    "term": Kind("tables [term.ID]", lambda value: isinstance(value, dict)),  # each checked as an ENTRY
})

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
                import tomlkit  # only lint asks for values' lines

                for candidates in (tomlkit.string(value).as_string(), value):
                    for number in range(first, last + 1):
                        if candidates in self.lines[number - 1]:
                            return Origin(self.path, number)
            return Origin(self.path, first)
        for length in range(len(path), 0, -1):
            if path[:length] in self.tables:
                return Origin(self.path, self.tables[path[:length]])
        return Origin(self.path, 1)

    def span(self, *path: str) -> tuple[int, int]:
        """The first and last line of the table ``path`` and everything under it ((0, 0): not in the file)."""
        lines = [line for key, line in self.tables.items() if key[:len(path)] == path]
        lines += [last for key, (_, last) in self.keys.items() if key[:len(path)] == path]
        return (min(lines), max(lines)) if lines else (0, 0)


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


# --- reading -------------------------------------------------------------------------------


@dataclass
class ParsedFile:
    """A glossary file as read: its data, where each part is, and what is malformed."""

    glossary: GlossaryFile
    source_map: SourceMap
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return errors_of(self.findings)


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
    text = read_named_text(path, lambda why: GlossaryError(f"{path}: {why}"), expected="a glossary TOML file",
                           missing="glossary file not found; check [glossary] files in the configuration")
    # As text mode reads it: line counts (for findings) are of LF lines.
    return parse_text(text.replace("\r\n", "\n").replace("\r", "\n"), path)


class _Reader:
    """Turns TOML data into entries, recording every malformed part as a finding (and leaving it out)."""

    def __init__(self, parsed: ParsedFile):
        self.parsed = parsed
        self.map = parsed.source_map

    def error(self, message: str, *path: str, value: str | None = None) -> None:
        origin = self.map.origin(*path, value=value)
        self.parsed.findings.append(Finding("structure", Severity.ERROR, message, origin.location))

    def check(self, data: Any, schema: Table, *path: str) -> set[tuple[str, ...]]:
        """Report what ``data`` does wrong against ``schema``; the keys in the wrong."""
        problems = check(data, schema, path)
        for problem in problems:
            self.error(str(problem), *problem.key)
        return {problem.key for problem in problems}

    def read(self, data: dict[str, Any]) -> None:
        glossary = self.parsed.glossary
        wrong = self.check(data, GLOSSARY_FILE)
        header = data.get("glossary", {}) if ("glossary",) not in wrong else {}
        source = header.get("source", "en")
        if ("glossary", "source") not in wrong and self.language(source, "glossary", "source"):
            glossary.source = language_of(source)
        if "languages" in header and ("glossary", "languages") not in wrong:
            glossary.languages = tuple(
                language_of(code) for code in header["languages"] if self.language(code, "glossary", "languages")
            )
        if ("term",) in wrong:
            return
        for entry_id, table in data.get("term", {}).items():
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

    def entry(self, entry_id: str, table: Any) -> Entry | None:
        where = ("term", entry_id)
        wrong = self.check(table, ENTRY, *where)
        if where in wrong:
            return None
        if not ID_PATTERN.match(entry_id):
            self.error(f"entry id {entry_id!r}: use lower-case letters, digits, - and _ (e.g. nagorno-karabakh)", *where)
        fields = {key: value for key, value in table.items() if key in ENTRY.keys and (*where, key) not in wrong}
        renderings = [self.rendering(entry_id, key, value, wrong) for key, value in table.items()
                      if key not in ENTRY.keys and isinstance(value, dict)]
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
            variants=tuple(fields.get("variants", ())),
            short=tuple(fields.get("short", ())),
            case=case,
            do_not_translate=fields.get("do_not_translate", False),
            notes=fields.get("notes", ""),
            renderings=tuple(rendering for rendering in renderings if rendering is not None),
            origin=self.map.origin(*where),
        )

    def rendering(self, entry_id: str, language: str, table: dict[str, Any],
                  wrong: set[tuple[str, ...]]) -> Rendering | None:
        where = ("term", entry_id, language)
        if not self.language(language, *where):
            return None
        if language_of(language) != language:
            self.error(f"write the language as {language_of(language)!r}", *where)
        fields: dict[str, Any] = {}
        for key, value in table.items():
            if key not in RENDERING.keys or (*where, key) in wrong:
                continue
            if key in ("cases", "short_cases"):
                fields[key] = tuple(value.items())
            elif isinstance(value, list):
                fields[key] = tuple(value)
            else:
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
    from translate.config import DEFAULT_CONFIG, read_toml

    section = config.raw.get("glossary", {})
    files = section.get("files", [])
    origin = DEFAULT_CONFIG
    if config.path != DEFAULT_CONFIG and config.path.is_file():
        if "files" in read_toml(config.path).get("glossary", {}):
            origin = config.path
    return [(origin.parent / item).resolve() if not Path(item).is_absolute() else Path(item) for item in files]


def enforcement_settings(config) -> tuple[bool, str]:
    """(enforce, placeholder scheme) from the configuration's [glossary] section."""
    from translate.glossary.enforce import AUTO, PLACEHOLDER_SCHEMES

    section = config.raw.get("glossary", {})
    placeholder = section.get("placeholder", AUTO)
    if placeholder != AUTO and placeholder not in PLACEHOLDER_SCHEMES:
        raise ConfigError(f"must be one of {AUTO}, {', '.join(PLACEHOLDER_SCHEMES)}, not {placeholder!r}",
                          path=config.path, key="glossary.placeholder")
    return section.get("enforce", True), placeholder


def configured_glossary(config, paths: list[Path] | None = None) -> Glossary:
    """The glossary of ``paths`` if given, else of the configuration's files; refused when lint
    finds errors in it (warnings pass): a term that cannot match as written, or an empty
    rendering, would change text it should not."""
    from translate.glossary.lint import refuse_errors

    chosen = paths if paths else configured_paths(config)
    glossary = load_glossary(chosen)
    refuse_errors(chosen)
    return glossary
