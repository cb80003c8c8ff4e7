"""Markdown: link addresses, inline code, autolinks, image addresses, footnote labels and
reference definitions never reach the engine and come back exactly as written (issue 14,
point 7). The stand-in engine upper-cases, so the whole expected output is known: it differs
from the input only in the translated text."""

from __future__ import annotations

import pytest
from markup_engine import translate_with_mangler

from translate import markup

CASES = [
    pytest.param('Read [the report](https://example.org/a/report.html "Report") today.\n',
                 'READ [THE REPORT](https://example.org/a/report.html "Report") TODAY.\n',
                 ["example.org", "Report\""], id="link-address-and-title"),
    pytest.param("Run `make all` before you leave.\n", "RUN `make all` BEFORE YOU LEAVE.\n", ["make all"],
                 id="inline-code"),
    pytest.param("Write to <https://example.org/tips> with news.\n", "WRITE TO <https://example.org/tips> WITH NEWS.\n",
                 ["example.org"], id="autolink"),
    pytest.param("See ![the old map](/img/map.png) below.\n", "SEE ![THE OLD MAP](/img/map.png) BELOW.\n",
                 ["map.png"], id="image-address"),
    pytest.param("The mayor resigned[^radio].\n\n[^radio]: Said on the radio.\n",
                 "THE MAYOR RESIGNED[^radio].\n\n[^radio]: SAID ON THE RADIO.\n", ["^radio", "[^"],
                 id="footnote-label"),
    pytest.param('Read [the statement][st] now.\n\n[st]: https://example.org/st "Statement"\n',
                 'READ [THE STATEMENT][st] NOW.\n\n[st]: https://example.org/st "Statement"\n',
                 ["example.org", "[st]", "Statement"], id="reference-link-and-definition"),
    pytest.param("It was **very** cold, *again*.\n", "IT WAS **VERY** COLD, *AGAIN*.\n", ["*"], id="emphasis"),
    pytest.param("- see [the list](/l)\n- and `x`\n", "- SEE [THE LIST](/l)\n- AND `x`\n", ["/l)", "`"],
                 id="list-items"),
    pytest.param("A [link `with code`](/c) here.\n", "A [LINK `with code`](/c) HERE.\n", ["with code"],
                 id="code-inside-link"),
    pytest.param("The [report](/r) came out.\nIt was [long](/long) and <span>dry</span>.\n",
                 "THE [REPORT](/r) CAME OUT.\nIT WAS [LONG](/long) AND <span>DRY</span>.\n", ["/r", "/long", "span"],
                 id="two-sentences-inline-html"),
]


@pytest.mark.parametrize(("source", "expected", "never_sent"), CASES)
def test_markup_never_reaches_the_engine_and_comes_back_unchanged(monkeypatch, source, expected, never_sent):
    document, output, [engine] = translate_with_mangler(monkeypatch, source, ".md")
    assert output == expected
    assert not [text for text in engine.seen for piece in never_sent if piece in text]
    assert not [text for text in engine.seen if markup.markers_in(text)]
    # What QA, JSON and XLIFF see as the translation is text, not markup.
    assert all("](" not in s.translation for s in document.translatable_segments())


FAULTS = [
    pytest.param("drop-closing", "[READ THE REPORT TODAY.](/r)\n", id="closing-lost"),
    pytest.param("swapped", "[READ THE REPORT TODAY.](/r)\n", id="swapped"),
    pytest.param("reordered", "[THE REPORT](/r) READ TODAY.\n", id="moved-with-its-words"),
]


@pytest.mark.parametrize(("fault", "expected"), FAULTS)
def test_a_link_the_engine_misplaced_wraps_its_sentence(monkeypatch, fault, expected):
    document, output, _ = translate_with_mangler(monkeypatch, "Read [the report](/r) today.\n", ".md", fault)
    assert output == expected
    moved = [f for s in document.translatable_segments() for f in s.findings if f.code == "markup.moved"]
    assert len(moved) == (fault != "reordered")
