"""XLIFF output is well-formed and valid against the XLIFF 2.1 core schema, whatever the
source holds: characters XML 1.0 cannot carry are written as <cp hex=".."/>, unit types
follow XLIFF 2's prefix:value rule (issue 14, point 8)."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from lxml import etree

from translate.config import load_config
from translate.io.outputs import render_output
from translate.pipeline.runner import Pipeline

SCHEMA = Path(__file__).resolve().parent / "data" / "xliff" / "xliff_core_2.0.xsd"
NS = {"x": "urn:oasis:names:tc:xliff:document:2.0"}


@functools.cache
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA)))  # xml.xsd is imported from beside it, offline


def _xliff(text: str, suffix: str = ".txt") -> tuple[str, list]:
    pipeline = Pipeline(load_config(), engine="pseudo")
    documents, errors = pipeline.prepare_bytes(text.encode(), Path(f"brief{suffix}"), "en")
    assert not errors
    translated = [document for document, _ in pipeline.translate_documents(documents, "hy")]
    return render_output(translated, suffix, "xliff", "hy", {}), translated


def _content(element) -> str:
    """An element's text with each <cp> as the character it stands for."""
    parts = [element.text or ""]
    for child in element:
        assert child.tag == f"{{{NS['x']}}}cp"
        parts += [chr(int(child.get("hex"), 16)), child.tail or ""]
    return "".join(parts)


SOURCES = [
    pytest.param("Talks resume in Ijevan.\n\nThe commission met on Friday.\n", ".txt", id="plain"),
    pytest.param("Talks resume in Ijevan.\n\nThe commission met\x0con Friday.\n", ".txt", id="form-feed"),
    pytest.param("Talks resume\x0bin Ijevan.\n\nThe commission met on Friday.\x0c\n", ".txt", id="vertical-tab"),
    pytest.param("Talks \x1b[1mresume\x01 in Ijevan.\n", ".txt", id="escape-and-control"),
    pytest.param("\x0cTalks resume in Ijevan.\n", ".txt", id="control-first"),
    pytest.param("# Talks\n\nRead [the statement](/a/1.html) on `x`.\x0b\n", ".md", id="markdown-markup"),
]


@pytest.mark.parametrize(("text", "suffix"), SOURCES)
def test_xliff_is_valid_against_the_core_schema(text, suffix):
    xliff, documents = _xliff(text, suffix)
    root = etree.fromstring(xliff.encode())  # well-formed, or this raises
    schema().assertValid(root)
    units = root.findall(".//x:unit", NS)
    assert units and all(unit.get("type").startswith("translate:") for unit in units)
    # Each unit's sources (segments and what lies between them) rebuild the block, control characters included.
    blocks = [b for d in documents for b in d.blocks if b.segments]
    for unit, block in zip(units, blocks):
        assert "".join(_content(source) for source in unit.iter(f"{{{NS['x']}}}source")) == block.text


def test_the_schema_catches_what_we_fixed():
    """The check can fail: the old unit type and a raw form feed are both refused."""
    xliff, _ = _xliff("Talks resume in Ijevan.\n")
    root = etree.fromstring(xliff.encode())
    root.find(".//x:unit", NS).set("type", "x-title")
    assert not schema().validate(root)
    with pytest.raises(etree.XMLSyntaxError):
        etree.fromstring(xliff.replace("Ijevan", "Ije\x0cvan").encode())
