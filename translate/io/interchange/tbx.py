"""CSV and TBX-Basic import and export. A glossary exported and imported again is the same glossary.

CSV: one row per entry; columns ``id, type, case, do_not_translate, notes``, then the
source language (``en``, ``en_variants``, ``en_short``), then per target language
``hy, hy_short, hy_forms, hy_stems, hy_suffixes, hy_inflect, hy_avoid, hy_notes,
hy_cases, hy_short_cases``. List cells join items with ``|`` (``\\|`` for a bar inside
an item); case cells are ``gent=…|datv=…``; a named suffix set is ``@noun``.

TBX: TBX-Basic (ISO 30042:2019, TBX v3, DCA style): one ``conceptEntry`` per entry,
one ``langSec`` per language, one ``termSec`` per form with the standard ``termType``
and ``administrativeStatus`` (preferred, admitted, deprecated = our ``avoid``) so
other tools read it. What TBX-Basic has no data category for (entry type, case rule,
do-not-translate, stems, suffixes, inflection, grammatical case of a form) travels in
``note`` elements that start with ``translate:``. Files from other tools import too:
without those notes the first preferred term is the rendering, admitted ones are forms.
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from translate.errors import GlossaryError
from translate.glossary.matching import is_capitals
from translate.glossary.model import Entry, GlossaryFile, Rendering
from translate.glossary.store import canonical_order

ENTRY_COLUMNS = ("id", "type", "case", "do_not_translate", "notes")
RENDERING_COLUMNS = ("", "_short", "_forms", "_stems", "_suffixes", "_inflect", "_avoid", "_notes", "_cases",
                     "_short_cases")
FORMATS = ("csv", "tbx")


def format_of(path: Path, given: str | None) -> str:
    if given:
        return given
    suffix = path.suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return suffix
    raise GlossaryError(f"{path}: cannot tell the format from the name; pass --format csv or --format tbx")


# --- cells -------------------------------------------------------------------------------------


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


def _join_cases(cases) -> str:
    return join_items(f"{case}={form}" for case, form in cases)


def _split_cases(cell: str) -> tuple[tuple[str, str], ...]:
    pairs = []
    for item in split_items(cell):
        case, sep, form = item.partition("=")
        if not sep:
            raise GlossaryError(f"case cell item {item!r} is not case=form")
        pairs.append((case, form))
    return tuple(pairs)


def _suffix_cell(suffixes) -> str:
    if isinstance(suffixes, str):
        return "@" + suffixes
    cell = join_items(suffixes)
    return "\\" + cell if cell.startswith("@") else cell  # a list that starts with @ is not a set name


def _suffixes_from(cell: str):
    if cell.startswith("@"):
        return cell[1:]
    return split_items(cell)


def _bool_cell(value: bool | None) -> str:
    return "" if value is None else ("true" if value else "false")


def _bool_from(cell: str, where: str) -> bool | None:
    if cell == "":
        return None
    if cell.lower() in ("true", "false"):
        return cell.lower() == "true"
    raise GlossaryError(f"{where}: {cell!r} is not true or false")


# --- CSV ---------------------------------------------------------------------------------------


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
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for entry in glossary.entries:
        row = [entry.id, entry.type, entry.case, "true" if entry.do_not_translate else "", entry.notes,
               entry.term, join_items(entry.variants), join_items(entry.short)]
        for language in targets:
            rendering = entry.rendering(language)
            if rendering is None:
                row += [""] * len(RENDERING_COLUMNS)
                continue
            row += [rendering.preferred, rendering.short if rendering.short is not None else "",
                    join_items(rendering.forms), join_items(rendering.stems), _suffix_cell(rendering.suffixes),
                    _bool_cell(rendering.inflect), join_items(rendering.avoid), rendering.notes,
                    _join_cases(rendering.cases), _join_cases(rendering.short_cases)]
        writer.writerow(row)
    return out.getvalue()


def from_csv(text: str, path: Path) -> GlossaryFile:
    rows = list(csv.reader(io.StringIO(text)))
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
                suffixes=_suffixes_from(cell.get(f"{language}_suffixes", "")),
                inflect=_bool_from(cell.get(f"{language}_inflect", ""), where),
                avoid=split_items(cell.get(f"{language}_avoid", "")),
                notes=cell.get(f"{language}_notes", ""),
                cases=_split_cases(cell.get(f"{language}_cases", "")),
                short_cases=_split_cases(cell.get(f"{language}_short_cases", "")),
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
            do_not_translate=bool(_bool_from(cell.get("do_not_translate", ""), where)),
            notes=cell.get("notes", ""),
            renderings=tuple(renderings),
        )
        glossary.entries.append(canonical_order(entry, glossary.languages))
    return glossary


def slug(term: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-") or "term"


# --- TBX-Basic ---------------------------------------------------------------------------------

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_MARK = "translate:"
PREFERRED, ADMITTED, DEPRECATED = "preferredTerm-admn-sts", "admittedTerm-admn-sts", "deprecatedTerm-admn-sts"


def _element(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    child = ET.SubElement(parent, tag, attributes)
    if text is not None:
        child.text = text
    return child


def _term_sec(parent: ET.Element, term: str, role: str, term_type: str, status: str) -> None:
    section = _element(parent, "termSec")
    _element(section, "term", term)
    _element(section, "termNote", term_type, type="termType")
    _element(section, "termNote", status, type="administrativeStatus")
    _element(section, "note", f"{_MARK}role={role}")


def _short_type(form: str) -> str:
    return "acronym" if is_capitals(form) else "shortForm"


def to_tbx(glossary: GlossaryFile) -> str:
    root = ET.Element("tbx", {"type": "TBX-Basic", "style": "dca", XML_LANG: glossary.source, "xmlns": TBX_NS})
    header = _element(root, "tbxHeader")
    description = _element(_element(header, "fileDesc"), "sourceDesc")
    _element(description, "p", f"translate glossary: {glossary.path.name}")
    _element(description, "p", f"{_MARK}languages={join_items(glossary.languages)}")
    body = _element(_element(root, "text"), "body")
    for entry in glossary.entries:
        concept = _element(body, "conceptEntry", id=entry.id)
        _element(concept, "note", f"{_MARK}type={entry.type}")
        if entry.case != "auto":
            _element(concept, "note", f"{_MARK}case={entry.case}")
        if entry.do_not_translate:
            _element(concept, "note", f"{_MARK}do-not-translate")
        if entry.notes:
            _element(concept, "note", entry.notes)
        source = _element(concept, "langSec", **{XML_LANG: glossary.source})
        _term_sec(source, entry.term, "term", "fullForm", PREFERRED)
        for form in entry.variants:
            _term_sec(source, form, "variant", "variant", ADMITTED)
        for form in entry.short:
            _term_sec(source, form, "short", _short_type(form), ADMITTED)
        for rendering in entry.renderings:
            section = _element(concept, "langSec", **{XML_LANG: rendering.language})
            if rendering.notes:
                _element(section, "note", rendering.notes)
            if rendering.stems:
                _element(section, "note", f"{_MARK}stems={join_items(rendering.stems)}")
            if rendering.suffixes:
                _element(section, "note", f"{_MARK}suffixes={_suffix_cell(rendering.suffixes)}")
            if rendering.inflect is not None:
                _element(section, "note", f"{_MARK}inflect={_bool_cell(rendering.inflect)}")
            _term_sec(section, rendering.preferred, "preferred", "fullForm", PREFERRED)
            if rendering.short is not None:
                _term_sec(section, rendering.short, "short", _short_type(rendering.short), PREFERRED)
            for form in rendering.forms:
                _term_sec(section, form, "form", "variant", ADMITTED)
            for case, form in rendering.cases:
                _term_sec(section, form, f"case={case}", "fullForm", ADMITTED)
            for case, form in rendering.short_cases:
                _term_sec(section, form, f"short-case={case}", "shortForm", ADMITTED)
            for form in rendering.avoid:
                _term_sec(section, form, "avoid", "fullForm", DEPRECATED)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: ET.Element, name: str) -> list[ET.Element]:
    return [child for child in element if _local(child.tag) == name]


def _notes(element: ET.Element) -> tuple[dict[str, str], list[str]]:
    """(machine notes as key → value, plain notes) of an element."""
    marks, plain = {}, []
    for note in _children(element, "note"):
        text = note.text or ""
        if text.startswith(_MARK):
            key, _, value = text[len(_MARK):].partition("=")
            marks[key] = value
        else:
            plain.append(text)
    return marks, plain


def _term_secs(section: ET.Element) -> list[tuple[str, str, str]]:
    """(term, role, administrative status) of each termSec, in order."""
    result = []
    for term_sec in _children(section, "termSec"):
        term = next((child.text or "" for child in _children(term_sec, "term")), "")
        status = next((note.text or "" for note in _children(term_sec, "termNote")
                       if note.get("type") == "administrativeStatus"), "")
        marks, _ = _notes(term_sec)
        result.append((term, marks.get("role", ""), status))
    return result


def from_tbx(text: str, path: Path) -> GlossaryFile:
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        raise GlossaryError(f"{path}: not well-formed XML: {error}") from None
    if _local(root.tag) != "tbx":
        raise GlossaryError(f"{path}: not a TBX file (the root is <{_local(root.tag)}>, not <tbx>)")
    source = root.get(XML_LANG) or "en"
    declared: tuple[str, ...] = ()
    for paragraph in (element for element in root.iter() if _local(element.tag) == "p"):
        if (paragraph.text or "").startswith(f"{_MARK}languages="):
            declared = split_items(paragraph.text.split("=", 1)[1])
    glossary = GlossaryFile(path, source=source, languages=declared)
    seen_languages: list[str] = []
    concepts = [element for element in root.iter() if _local(element.tag) == "conceptEntry"]
    for number, concept in enumerate(concepts, 1):
        marks, plain = _notes(concept)
        term, variants, short, renderings = "", [], [], []
        for section in _children(concept, "langSec"):
            language = section.get(XML_LANG, "")
            terms = _term_secs(section)
            if language == source:
                for form, role, status in terms:
                    if role == "term" or (not role and not term and status != DEPRECATED):
                        term = form
                    elif role == "short":
                        short.append(form)
                    else:
                        variants.append(form)
                continue
            if language not in seen_languages:
                seen_languages.append(language)
            renderings.append(_rendering_from(language, section, terms))
        if not term:
            raise GlossaryError(f"{path}: concept {concept.get('id') or number} has no {source} term")
        entry = Entry(
            id=concept.get("id") or slug(term),
            term=term,
            type=marks.get("type", "term"),
            variants=tuple(variants),
            short=tuple(short),
            case=marks.get("case", "auto"),
            do_not_translate="do-not-translate" in marks,
            notes="\n".join(plain),
            renderings=tuple(renderings),
        )
        glossary.entries.append(entry)
    if not declared:
        glossary.languages = tuple(seen_languages)
    glossary.entries = [canonical_order(entry, glossary.languages) for entry in glossary.entries]
    return glossary


def _rendering_from(language: str, section: ET.Element, terms: list[tuple[str, str, str]]) -> Rendering:
    marks, plain = _notes(section)
    preferred, short = None, None
    forms, avoid, cases, short_cases = [], [], [], []
    for form, role, status in terms:
        if role == "preferred" or (not role and preferred is None and status in (PREFERRED, "")):
            preferred = form
        elif role == "short":
            short = form
        elif role.startswith("case="):
            cases.append((role[5:], form))
        elif role.startswith("short-case="):
            short_cases.append((role[11:], form))
        elif role == "avoid" or (not role and status == DEPRECATED):
            avoid.append(form)
        else:
            forms.append(form)
    if preferred is None:
        preferred = forms.pop(0) if forms else ""
    return Rendering(
        language=language,
        preferred=preferred,
        short=short,
        forms=tuple(forms),
        stems=split_items(marks.get("stems", "")),
        suffixes=_suffixes_from(marks.get("suffixes", "")),
        inflect=_bool_from(marks.get("inflect", ""), f"langSec {language}"),
        avoid=tuple(avoid),
        notes="\n".join(plain),
        cases=tuple(cases),
        short_cases=tuple(short_cases),
    )


# --- files ---------------------------------------------------------------------------------------


def export_glossary(glossary: GlossaryFile, fmt: str) -> str:
    return to_csv(glossary) if fmt == "csv" else to_tbx(glossary)


def import_glossary(path: Path, fmt: str) -> GlossaryFile:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise GlossaryError(f"{path}: no such file") from None
    return from_csv(text, path) if fmt == "csv" else from_tbx(text, path)
