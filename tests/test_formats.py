"""Input formats read into documents and written back; JSON and XLIFF outputs."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from translate.config import load_config
from translate.document import BlockKind, Disposition
from translate.errors import InputError
from translate.io.formats import format_for
from translate.io.outputs import render_output
from translate.io.readers import decode, parse_bytes
from translate.pipeline.runner import Pipeline

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def untranslated_round_trip(suffix: str, text: str) -> str:
    fmt = format_for(suffix)
    return fmt.render(fmt.read(text, f"x{suffix}", "en").documents)


@pytest.mark.parametrize("name", ["azatutyun-csto-border.txt", "rferl-gyumri-base.md", "desk-briefs.jsonl"])
def test_text_formats_round_trip_exactly(name):
    text = (SAMPLES / name).read_text(encoding="utf-8")
    assert untranslated_round_trip(Path(name).suffix, text) == text


MARKDOWN_BLOCKS = [
    pytest.param("# Title\n", ["Title"], id="heading-marker-kept-out"),
    pytest.param("- one\n- two\n", ["one", "two"], id="list-items"),
    pytest.param("> quoted line\n> another\n", ["quoted line", "another"], id="quote-lines"),
    pytest.param("Para line\ncontinues.\n", ["Para line\ncontinues."], id="soft-wrapped-paragraph"),
    pytest.param("```\ncode = 1\n```\n", [], id="code-kept-verbatim"),
    pytest.param("<div>raw html</div>\n", [], id="html-block-kept"),
]


@pytest.mark.parametrize(("text", "blocks"), MARKDOWN_BLOCKS)
def test_markdown_blocks_cover_text_not_markup(text, blocks):
    [document] = format_for(".md").read(text, "x.md", "en").documents
    assert [block.text for block in document.blocks] == blocks


def pipeline(**options) -> Pipeline:
    return Pipeline(load_config(), engine="pseudo", **options)


def translated(path: Path, target: str = "ru", **options):
    documents, errors = pipeline(**options).prepare_bytes(path.read_bytes(), path, "en")
    return [doc for doc, _ in pipeline(**options).translate_documents(documents, target)], errors


def test_markdown_keeps_markup_and_translates_text():
    [document], _ = translated(SAMPLES / "rferl-gyumri-base.md")
    output = format_for(".md").render([document])
    assert output.startswith("# [ru: ")
    assert "\n- [ru: " in output and "\n> [ru: " in output
    assert "```\nSource: RFE/RL, June 8, 2021\n```" in output  # code fence untouched


def test_html_extracts_the_article_and_drops_template_chrome():
    [document] = format_for(".html").read((SAMPLES / "azatutyun-lavrov-call.html").read_text(), "x.html", "en").documents
    kinds = [(block.kind, block.text) for block in document.blocks]
    assert (BlockKind.TITLE, "Lavrov, Armenian Counterpart Discuss Border Tensions") in kinds
    assert any(kind is BlockKind.CAPTION and text.startswith("RUSSIA --") for kind, text in kinds)
    chrome = {text for kind, text in kinds if kind is BlockKind.CHROME}
    assert {"Մատչելիության հղումներ", "Skip to main content", "please wait", "XS", "Follow Us"} <= chrome
    assert sum(kind is BlockKind.BODY for kind, _ in kinds) == 3


def test_html_output_is_valid_and_carries_the_translation():
    import lxml.html

    [document], _ = translated(SAMPLES / "azatutyun-lavrov-call.html")
    output = format_for(".html").render([document])
    root = lxml.html.document_fromstring(output)
    assert output.startswith("<!DOCTYPE html>")
    assert root.xpath("//h1")[0].text_content().startswith("[ru: ")
    paragraphs = [p.text_content() for p in root.xpath("//div[contains(@class,'wsw')]/p")]
    assert len(paragraphs) == 3 and all(p.startswith("[ru: ") for p in paragraphs)
    text = root.text_content()
    for chrome in ("Skip to main content", "please wait", "Follow Us", "Back to top"):
        assert chrome not in text
    assert "XS" not in text.split()


def test_html_chrome_kept_verbatim_with_keep_policy():
    [document], _ = translated(SAMPLES / "azatutyun-lavrov-call.html", chrome="keep")
    output = format_for(".html").render([document])
    assert "Skip to main content" in output and "please wait" in output


def test_jsonl_keeps_other_fields_and_reports_bad_lines(tmp_path):
    good = json.dumps({"id": "a", "title": "Baku Says No", "text": "First. Second.", "url": "u"})
    path = tmp_path / "feed.jsonl"
    path.write_text(f"{good}\n{{broken\n[1]\n" + json.dumps({"id": "b", "body": "x"}) + "\n", encoding="utf-8")
    documents, errors = translated(path)
    assert [line for line, _ in errors] == [f"{path}:2", f"{path}:3", f"{path}:4"]
    [record] = [json.loads(line) for line in format_for(".jsonl").render(documents).splitlines()]
    assert record["id"] == "a" and record["url"] == "u"
    assert record["title"].startswith("[ru: ") and record["text"].startswith("[ru: ")


def test_jsonl_field_names_are_configurable(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"headline": "Yerevan", "body": "Text here."}) + "\n", encoding="utf-8")
    result = parse_bytes(path.read_bytes(), path, "en", {"text_field": "body", "title_field": "headline"})
    [document] = result.documents
    assert [block.text for block in document.blocks] == ["Yerevan", "Text here."]


def test_xliff_output_rebuilds_each_block(tmp_path):
    [document], _ = translated(SAMPLES / "azatutyun-csto-border.txt", target="hy")
    xliff = render_output([document], ".txt", "xliff", "hy", {})
    namespace = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
    root = ElementTree.fromstring(xliff)
    assert root.get("version") == "2.1" and root.get("srcLang") == "en" and root.get("trgLang") == "hy"
    units = root.findall(".//x:unit", namespace)
    translated_blocks = [b for b in document.blocks if b.disposition is Disposition.TRANSLATE and b.segments]
    assert len(units) == len(translated_blocks)
    for unit, block in zip(units, translated_blocks):
        sources = "".join(element.text or "" for element in unit.iter(f"{{{namespace['x']}}}source"))
        assert sources == block.text  # segments and the space between them rebuild the block
        targets = [element.text for element in unit.iter(f"{{{namespace['x']}}}target")]
        assert targets == [segment.translation for segment in block.segments]


def test_json_output_has_blocks_segments_and_findings():
    [document], _ = translated(SAMPLES / "azatutyun-csto-border.txt")
    data = json.loads(render_output([document], ".txt", "json", "ru", {"engine": "pseudo"}))
    [article] = data["articles"]
    assert data["signature"] == {"engine": "pseudo"}
    kinds = [block["kind"] for block in article["blocks"]]
    assert kinds[0] == "chrome" and "caption" in kinds and "duplicate" in kinds
    segment = article["blocks"][1]["segments"][0]
    assert document.source[segment["start"] : segment["end"]] == segment["source"]
    assert "findings" in article


ENCODINGS = [
    pytest.param("Москва и Ереван договорились о встрече в понедельник.".encode("cp1251"), "Москва", id="cp1251"),
    pytest.param("\ufeffYerevan".encode("utf-8"), "Yerevan", id="utf8-bom"),
    pytest.param("Yerevan\r\nBaku".encode("utf-16"), "Yerevan\nBaku", id="utf16-bom"),
]


@pytest.mark.parametrize(("data", "expected"), ENCODINGS)
def test_decode_detects_encodings(data, expected):
    assert expected in decode(data, "x")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary", id="png"),
        pytest.param(bytes(range(256)) * 4, "binary", id="all-bytes"),
        pytest.param(b"", "empty", id="empty"),
        pytest.param(b"  \n\n ", "empty", id="blank"),
    ],
)
def test_bad_bytes_are_input_errors(data, message):
    with pytest.raises(InputError, match=message):
        parse_bytes(data, Path("x.txt"))


SUFFIXES = st.sampled_from([".txt", ".md", ".html", ".jsonl"])
FUZZ_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(suffix=SUFFIXES, data=st.one_of(st.binary(max_size=300), FUZZ_TEXT.map(lambda t: t.encode("utf-8"))))
# Found by this test before: a script with no checkpoint (Hebrew) under the pseudo engine, a lone
# CR in Markdown, a number beyond decimal precision.
@example(suffix=".txt", data="א".encode())
@example(suffix=".md", data=b"\r\x01")
@example(suffix=".txt", data=b"10000000000000000000000000000")
def test_fuzz_reader_segmenter_writer_never_crash(suffix, data):
    """Random bytes and text through reader → segmenter → pseudo engine → writer: either a
    clear InputError, or a written output; never another exception."""
    shared = fuzz_pipeline()
    path = Path(f"fuzz{suffix}")
    try:
        documents, _ = shared.prepare_bytes(data, path, "en")
    except InputError:
        return
    for document in documents:
        document.check_offsets()
    results = shared.translate_documents(documents, "hy")
    render_output([doc for doc, _ in results], suffix, "same", "hy", {})
    render_output([doc for doc, _ in results], suffix, "xliff", "hy", {})


@functools.cache
def fuzz_pipeline() -> Pipeline:
    return Pipeline(load_config(), engine="pseudo")
