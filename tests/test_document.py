"""The document model: reading and writing without translation is lossless; drops leave no gaps."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from translate.document import Disposition
from translate.io.readers import read_text, text_blocks
from translate.io.writers import render_text
from translate.segmentation import segment_document

# Text made of the pieces that matter: words in three scripts, punctuation, blank lines.
_pieces = st.sampled_from(
    ["Lavrov", "Армения", "Հայաստան", " ", "  ", "\n", "\n\n", "\n\n\n", ".", "։", "?", "“", "”", "XS", "\t", "a", "B"]
)
article_text = st.lists(_pieces, max_size=60).map("".join) | st.text(max_size=200)


@settings(max_examples=300, deadline=None)
@given(article_text)
def test_untranslated_round_trip_is_exact(text):
    document = read_text(text)
    assert render_text(document) == text


@settings(max_examples=200, deadline=None)
@given(article_text)
def test_segmented_untranslated_round_trip_is_exact(text):
    document = segment_document(read_text(text), chrome="keep", keep_duplicates=True)
    document.check_offsets()
    assert render_text(document) == text


@settings(max_examples=200, deadline=None)
@given(article_text)
def test_segments_map_back_to_the_source(text):
    document = segment_document(read_text(text))
    document.check_offsets()
    for segment in document.translatable_segments():
        assert document.source[segment.start : segment.end] == segment.text


@pytest.mark.parametrize(
    ("text", "drop", "expected"),
    [
        pytest.param("A\n\nB\n\nC\n", {1}, "A\n\nC\n", id="middle-block"),
        pytest.param("H\n\nT\n\n\nBody\n", {0}, "T\n\n\nBody\n", id="first-block-no-leading-gap"),
        pytest.param("Body.\n\nXS\nSM\nMD\nLG", {1, 2, 3, 4}, "Body.", id="trailing-breakpoints"),
        pytest.param("Cap\nCap\n\nBody\n", {1}, "Cap\n\nBody\n", id="duplicate-line"),
        pytest.param("A\nB\n", {0, 1}, "\n", id="everything-dropped"),
    ],
)
def test_dropped_blocks_take_their_separator(text, drop, expected):
    document = read_text(text)
    for index in drop:
        document.blocks[index].disposition = Disposition.DROP
    assert render_text(document) == expected


@pytest.mark.parametrize(
    ("text", "blocks"),
    [
        pytest.param("One.\nTwo.\n", ["One.", "Two."], id="one-per-line"),
        pytest.param("A wrapped line that goes\non here.\n", ["A wrapped line that goes\non here."], id="hard-wrapped"),
        pytest.param("  Indented.\n\n\nNext", ["Indented.", "Next"], id="spaces-and-blank-lines"),
        pytest.param("Title\nsubtitle-less lower", ["Title\nsubtitle-less lower"], id="lowercase-continues"),
    ],
)
def test_text_blocks(text, blocks):
    assert [block.text for block in text_blocks(text)] == blocks


def test_translations_replace_segments_and_keep_what_lies_between():
    document = segment_document(read_text("First one. Second one.\n\nThird.\n"))
    for number, segment in enumerate(document.translatable_segments()):
        segment.translation = f"<{number}>"
    assert render_text(document) == "<0> <1>\n\n<2>\n"
