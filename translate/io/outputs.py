"""Outputs of a translated article: the translation in the source's format (or JSON, or
XLIFF 2.1 for post-editing in CAT tools) and a report with signature and QA findings."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from xml.etree import ElementTree

from translate.document import Disposition, Document
from translate.findings import Finding
from translate.glossary.compliance import compliance_section
from translate.io.formats import format_for
from translate.qa import check_document

_SUFFIX = {"json": ".json", "xliff": ".xlf"}


def output_name(source: Path, target: str, output_format: str) -> str:
    """``article.txt`` → ``article.hy.txt`` (``.json`` / ``.xlf`` for those formats)."""
    suffix = _SUFFIX.get(output_format, source.suffix or ".txt")
    return f"{source.stem}.{target}{suffix}"


def render_output(documents: Sequence[Document], suffix: str, output_format: str, target: str,
                  signature: dict[str, object], options: dict[str, str] | None = None) -> str:
    """The translated file: the source's format, or JSON, or XLIFF."""
    if output_format == "json":
        data = [document_json(document, target) for document in documents]
        payload = {"signature": signature, "articles": data}
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    if output_format == "xliff":
        return render_xliff(documents, target)
    return format_for(suffix, options).render(list(documents))


def document_json(document: Document, target: str) -> dict[str, object]:
    """Blocks, segments with their source offsets (the alignment) and QA findings."""
    blocks = []
    for block in document.blocks:
        blocks.append(
            {
                "kind": block.kind.value,
                "disposition": block.disposition.value,
                "language": block.language or document.language,
                "start": block.start,
                "end": block.end,
                "text": block.text,
                "output": None if block.disposition is Disposition.DROP else block.rendered(document.source),
                "reason": block.reason,
                "segments": [
                    {"start": s.start, "end": s.end, "source": s.text, "target": s.translation}
                    for s in block.segments
                ],
            }
        )
    findings = [finding.as_dict() for finding in check_document(document, target)]
    return {"source": document.name, "target": target, "blocks": blocks, "findings": findings}


_XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
# XLIFF 2 ``type`` values are ``prefix:value`` (the prefix ``xlf`` is reserved); ours say what block it is.
UNIT_TYPE_PREFIX = "translate"
# Characters XML 1.0 cannot hold (a form feed or vertical tab in a scraped page): XLIFF 2 writes
# each as <cp hex="000C"/>.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def render_xliff(documents: Sequence[Document], target: str) -> str:
    """XLIFF 2.1: one <file> per article, one <unit> per translated block, one <segment> per sentence;
    the text between sentences goes into <ignorable> so the block rebuilds exactly."""
    ElementTree.register_namespace("", _XLIFF_NS)
    source_language = next((d.language for d in documents if d.language), "en")
    root = ElementTree.Element(f"{{{_XLIFF_NS}}}xliff", {"version": "2.1", "srcLang": source_language, "trgLang": target})
    later: list[tuple[ElementTree.Element, str]] = []
    for file_number, document in enumerate(documents, 1):
        file_element = ElementTree.SubElement(root, f"{{{_XLIFF_NS}}}file",
                                              {"id": f"f{file_number}", "original": _NOT_XML.sub("\ufffd", document.name)})
        for block_number, block in enumerate(document.blocks, 1):
            if block.disposition is not Disposition.TRANSLATE or not block.segments:
                continue
            unit = ElementTree.SubElement(file_element, f"{{{_XLIFF_NS}}}unit",
                                          {"id": f"u{block_number}", "type": f"{UNIT_TYPE_PREFIX}:{block.kind.value}"})
            cursor = block.start
            for segment_number, segment in enumerate(block.segments, 1):
                if segment.start > cursor:
                    _ignorable(unit, document.source[cursor : segment.start], later)
                element = ElementTree.SubElement(unit, f"{{{_XLIFF_NS}}}segment", {"id": f"s{block_number}.{segment_number}"})
                _inline(ElementTree.SubElement(element, f"{{{_XLIFF_NS}}}source"), segment.text, later)
                if segment.translation is not None:  # with the markup of its source (a Markdown link)
                    _inline(ElementTree.SubElement(element, f"{{{_XLIFF_NS}}}target"), segment.output(document.source),
                            later)
                cursor = segment.end
            if block.end > cursor:
                _ignorable(unit, document.source[cursor : block.end], later)
    ElementTree.indent(root)
    for element, text in later:
        _inline(element, text)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n"


def _ignorable(unit: ElementTree.Element, text: str, later: list[tuple[ElementTree.Element, str]]) -> None:
    ignorable = ElementTree.SubElement(unit, f"{{{_XLIFF_NS}}}ignorable")
    source = ElementTree.SubElement(ignorable, f"{{{_XLIFF_NS}}}source")
    _inline(source, text, later)
    # Whitespace-only source must survive indentation and parsing.
    source.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _inline(element: ElementTree.Element, text: str, later: list[tuple[ElementTree.Element, str]] | None = None) -> None:
    """``text`` as ``element``'s content: each character XML cannot hold as <cp hex="…"/>.
    Content with <cp> goes in after indentation (``later``), which would pad it with spaces."""
    if later is not None and _NOT_XML.search(text):
        later.append((element, text))
        return
    pieces = _NOT_XML.split(text)
    element.text = pieces[0]
    for character, piece in zip(_NOT_XML.findall(text), pieces[1:]):
        code = ElementTree.SubElement(element, f"{{{_XLIFF_NS}}}cp", {"hex": f"{ord(character):04X}"})
        code.tail = piece


def article_report(document: Document, target: str, signature: dict[str, object], output: Path | None,
                   findings: list[Finding] | None = None) -> dict[str, object]:
    """The per-article report: signature, counts, and each segment with its findings."""
    findings = check_document(document, target) if findings is None else findings
    by_segment: dict[tuple[int | None, int | None], list[dict[str, object]]] = {}
    for finding in findings:
        by_segment.setdefault((finding.location.block, finding.location.segment), []).append(finding.as_dict())
    kinds: dict[str, int] = {}
    segments = []
    for block_index, block in enumerate(document.blocks):
        key = f"{block.kind.value}:{block.disposition.value}"
        kinds[key] = kinds.get(key, 0) + 1
        for segment_index, segment in enumerate(block.segments):
            segments.append(
                {
                    "block": block_index,
                    "segment": segment_index,
                    "kind": block.kind.value,
                    "source": segment.text,
                    "target": segment.translation,
                    "findings": by_segment.get((block_index, segment_index), []),
                    "terms": [{"source": term.source, "target": term.form, "status": term.status.value,
                               "term": term.term} for term in segment.terms],
                }
            )
    dropped = [
        {"block": index, "kind": block.kind.value, "text": block.text, "reason": block.reason,
         "disposition": block.disposition.value}
        for index, block in enumerate(document.blocks)
        if block.disposition is not Disposition.TRANSLATE
    ]
    report: dict[str, object] = {
        "source": document.name,
        "output": str(output) if output else None,
        "signature": signature,
        "blocks": kinds,
        "segments": segments,
        "not_translated": dropped,
        "findings": [finding.as_dict() for finding in findings],
    }
    glossary = compliance_section(document, signature)
    if glossary is not None:  # each glossary term: the form used, and how
        report["glossary"] = glossary
    return report
