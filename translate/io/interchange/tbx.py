"""Glossaries as TBX-Basic (ISO 30042:2019, TBX v3, DCA style).

One ``conceptEntry`` per entry, one ``langSec`` per language, one ``termSec`` per form
with the standard ``termType`` and ``administrativeStatus`` (preferred, admitted,
deprecated = our ``avoid``) so other tools read it. What TBX-Basic has no data category
for (entry type, case rule, do-not-translate, stems, suffixes, inflection, grammatical
case of a form) travels in ``note`` elements that start with ``translate:``. Files from
other tools import too: without those notes the first preferred term is the rendering,
admitted ones are forms.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from translate.errors import GlossaryError
from translate.glossary.matching import is_capitals
from translate.glossary.model import Entry, GlossaryFile, Rendering
from translate.glossary.store import canonical_order
from translate.io.interchange.cells import (
    bool_cell,
    bool_from,
    join_items,
    slug,
    split_items,
    suffix_cell,
    suffixes_from,
)

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
                _element(section, "note", f"{_MARK}suffixes={suffix_cell(rendering.suffixes)}")
            if rendering.inflect is not None:
                _element(section, "note", f"{_MARK}inflect={bool_cell(rendering.inflect)}")
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
        suffixes=suffixes_from(marks.get("suffixes", "")),
        inflect=bool_from(marks.get("inflect", ""), f"langSec {language}"),
        avoid=tuple(avoid),
        notes="\n".join(plain),
        cases=tuple(cases),
        short_cases=tuple(short_cases),
    )
