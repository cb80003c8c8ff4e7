"""Glossary files: reading with the line of each table and key, combining files."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import NEWSROOM

from translate.errors import GlossaryError
from translate.glossary.editing import render_file
from translate.glossary.store import load_glossary, parse_file, parse_text


def test_origins_name_entry_and_value_lines():
    parsed = parse_file(NEWSROOM)
    lavrov = parsed.glossary.entry("lavrov")
    lines = NEWSROOM.read_text(encoding="utf-8").split("\n")
    assert lines[lavrov.origin.line - 1] == "[term.lavrov]"
    assert lines[lavrov.rendering("ru").origin.line - 1] == "[term.lavrov.ru]"
    origin = parsed.source_map.origin("term", "baku", "hy", "forms", value="Բաքվից")
    assert "Բաքվից" in lines[origin.line - 1]
    first, last = parsed.source_map.span("term", "lavrov")
    assert (lines[first - 1], lines[last - 1]) == ("[term.lavrov]", 'short = "Лавров"')


def test_renderings_come_in_the_order_of_the_file_languages():
    parsed = parse_text('[glossary]\nlanguages = ["hy", "ru"]\n[term.x]\nterm = "X"\ntype = "term"\n'
                        '[term.x.ru]\npreferred = "Х"\n[term.x.hy]\npreferred = "Խ"\n', Path("x.toml"))
    assert parsed.glossary.entries[0].languages == ("hy", "ru")


@pytest.mark.parametrize(
    ("text", "message"),
    [pytest.param('[term.x]\ntype = "term"\n', "has no term", id="no-term"),
     pytest.param('[term.x]\nterm = "X"\ntype = "term"\n[term.x.xx-nonsense]\npreferred = "Y"\n', "unknown language",
                  id="bad-language"),
     pytest.param('[term.X]\nterm = "X"\ntype = "term"\n', "lower-case letters", id="bad-id"),
     pytest.param('[term.x]\nterm = "X"\ntype = "term"\nvariants = "Y"\n', "list of strings", id="variants-not-list"),
     pytest.param('[glossary]\nsource = "en"\n[terms.x]\nterm = "X"\n', "did you mean 'term'", id="unknown-section")],
)
def test_load_refuses_malformed_files_with_file_and_line(tmp_path, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GlossaryError, match=message) as error:
        load_glossary([path])
    assert f"{path}:" in str(error.value)


def test_files_with_different_source_languages_do_not_combine(tmp_path):
    other = tmp_path / "ru.toml"
    other.write_text('[glossary]\nsource = "ru"\n', encoding="utf-8")
    with pytest.raises(GlossaryError, match="disagree on the source language"):
        load_glossary([NEWSROOM, other])


def test_digest_changes_with_content_not_layout(tmp_path):
    base = load_glossary([NEWSROOM]).digest()
    reformatted = tmp_path / "reformatted.toml"
    reformatted.write_text(render_file(parse_file(NEWSROOM).glossary, comment=()), encoding="utf-8")
    assert load_glossary([reformatted]).digest() == base
    changed = tmp_path / "changed.toml"
    changed.write_text(NEWSROOM.read_text(encoding="utf-8").replace('preferred = "Баку"', 'preferred = "Бакы"'),
                       encoding="utf-8")
    assert load_glossary([changed]).digest() != base
