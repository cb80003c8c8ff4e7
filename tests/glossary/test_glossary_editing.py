"""Glossary edits through tomlkit: only the edited entry's tables change, every other byte stays."""

from __future__ import annotations

import difflib
import tomllib
from pathlib import Path

import click
import pytest
import tomlkit
from click.testing import CliRunner
from conftest import NEWSROOM
from hypothesis import given, settings
from hypothesis import strategies as st

from translate.cli import main
from translate.errors import GlossaryError
from translate.glossary.editing import (
    entry_data,
    entry_table,
    entry_text,
    new_document,
    put_entry,
    remove_entry,
    render_file,
    update_entry,
)
from translate.glossary.model import Entry, GlossaryFile, Rendering
from translate.glossary.store import parse_file, parse_text

TEXT = """# top comment
[glossary]
source = "en"

[term.a]
term = "A"
type = "term"

[term.a.ru]
preferred = "А"

# about b
[term.b]
term = "B"
type = "term"
"""

# A file as editors leave it: comments above entries, between an entry's tables, after values.
COMMENTED = """# Desk glossary: places and people.

[glossary]
source = "en"
languages = ["hy", "ru"]

# --- places ---
[term.baku]  # the capital of Azerbaijan
term = "Baku"
type = "place"
# Armenian: the stem changes (Բաքու → Բաքվ-)
[term.baku.hy]
preferred = "Բաքու"
forms = ["Բաքվի", "Բաքվում"]  # listed: not regular suffixes

[term.baku.ru]
preferred = "Баку"
inflect = false   # indeclinable

# --- people ---
# Lavrov: foreign minister.
[term.lavrov]
term = "Sergei Lavrov"
short = ["Lavrov"]
type = "person"

[term.lavrov.hy]
# the suffixes attach to the short form too
preferred = "Սերգեյ Լավրով"
short = "Լավրով"
suffixes = "noun"

[term.lavrov.ru]
preferred = "Сергей Лавров"
short = "Лавров"

# --- terms ---
[term.csto]
term = "CSTO"
type = "organisation"

[term.csto.hy]
preferred = "ՀԱՊԿ"

[term.csto.ru]
preferred = "ОДКБ"

# end of the file: new entries go below
"""


def changed_lines(before: str, after: str) -> list[str]:
    """The lines a diff of the two texts removes (-) and adds (+)."""
    return [line.rstrip("\n") for line in difflib.ndiff(before.splitlines(True), after.splitlines(True))
            if line[:2] in ("- ", "+ ")]


def outside(text: str, entry_id: str) -> tuple[list[str], list[str]]:
    """The lines above and below the entry's tables."""
    lines = text.split("\n")
    first, last = parse_text(text, Path("x.toml")).source_map.span("term", entry_id)
    return lines[: first - 1], lines[last:]


@pytest.fixture
def commented(tmp_path) -> Path:
    path = tmp_path / "desk.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    return path


EDITS = [
    pytest.param("baku", ["--set", "notes=Capital of Azerbaijan."], ['+ notes = "Capital of Azerbaijan."'],
                 id="set-new-key"),
    pytest.param("baku", ["--add", "hy.forms=Բաքվից"],
                 ['- forms = ["Բաքվի", "Բաքվում"]  # listed: not regular suffixes',
                  '+ forms = ["Բաքվի", "Բաքվում", "Բաքվից"]  # listed: not regular suffixes'], id="add-to-list"),
    pytest.param("baku", ["--set", "ru.inflect=true"],
                 ["- inflect = false   # indeclinable", "+ inflect = true   # indeclinable"], id="set-keeps-comment"),
    pytest.param("lavrov", ["--drop", "hy.suffixes"], ['- suffixes = "noun"'], id="drop-key"),
    pytest.param("lavrov", ["--set", "ru.cases.gent=Сергея Лаврова"],
                 ["+ [term.lavrov.ru.cases]", '+ gent = "Сергея Лаврова"', "+ "], id="new-table"),
    pytest.param("lavrov", ["--set", "term=Sergey Lavrov", "--add", "variants=Sergei Lavrov"],
                 ['- term = "Sergei Lavrov"', '+ term = "Sergey Lavrov"', '+ variants = ["Sergei Lavrov"]'],
                 id="two-changes"),
    pytest.param("csto", ["--add", "hy.forms=ՀԱՊԿ-ի"], ['+ forms = ["ՀԱՊԿ-ի"]'], id="last-entry"),
]


@pytest.mark.parametrize(("entry_id", "arguments", "expected"), EDITS)
def test_an_edit_changes_only_its_entry(commented, entry_id, arguments, expected):
    result = CliRunner().invoke(main, ["glossary", "edit", entry_id, *arguments, "--glossary", str(commented)])
    assert result.exit_code == 0, result.output
    after = commented.read_text(encoding="utf-8")
    assert changed_lines(COMMENTED, after) == expected
    assert outside(after, entry_id) == outside(COMMENTED, entry_id)  # every byte above and below the entry


def test_an_edit_in_the_editor_changes_only_its_entry(commented, monkeypatch):
    def editor(text, extension):
        assert text == COMMENTED[COMMENTED.index("[term.lavrov]"):COMMENTED.index("\n# --- terms")]
        return text.replace('short = "Лавров"\n', 'short = "Лавров"\navoid = ["Сергей Лавроф"]  # a typo seen\n') \
            + "# checked with the desk\n"

    monkeypatch.setattr(click, "edit", editor)
    result = CliRunner().invoke(main, ["glossary", "edit", "lavrov", "--glossary", str(commented)])
    assert result.exit_code == 0, result.output
    after = commented.read_text(encoding="utf-8")
    assert changed_lines(COMMENTED, after) == ['+ avoid = ["Сергей Лавроф"]  # a typo seen', "+ # checked with the desk"]


@pytest.mark.parametrize(
    ("entry_id", "gone"),
    [pytest.param("baku", "[term.baku]  # the capital of Azerbaijan", id="first"),
     pytest.param("lavrov", "[term.lavrov]", id="middle"),
     pytest.param("csto", "[term.csto]", id="last")],
)
def test_remove_takes_the_entry_and_leaves_the_comments_around_it(commented, entry_id, gone):
    result = CliRunner().invoke(main, ["glossary", "remove", entry_id, "--glossary", str(commented)])
    assert result.exit_code == 0, result.output
    after = commented.read_text(encoding="utf-8")
    removed = changed_lines(COMMENTED, after)
    assert removed[0] == f"- {gone}" and all(line.startswith("- ") for line in removed)
    above, below = outside(COMMENTED, entry_id)
    kept = [line for line in above + below if line.startswith("#")]  # the comments inside went with it
    assert [line for line in after.splitlines() if line.startswith("#")] == kept
    assert [entry.id for entry in parse_file(commented).glossary.entries] == \
        [entry_id_ for entry_id_ in ("baku", "lavrov", "csto") if entry_id_ != entry_id]


def test_remove_replace_and_append_keep_everything_else():
    document = tomlkit.parse(TEXT)
    assert remove_entry(document, "a") and not remove_entry(document, "c")
    assert tomlkit.dumps(document) == TEXT.replace('[term.a]\nterm = "A"\ntype = "term"\n\n[term.a.ru]\npreferred = "А"\n\n',
                                                   "")
    document = tomlkit.parse(TEXT)
    put_entry(document, "a", entry_table(Entry("a", "A2")))
    assert tomlkit.dumps(document) == TEXT.replace('term = "A"\ntype = "term"\n\n[term.a.ru]\npreferred = "А"\n',
                                                   'term = "A2"\ntype = "term"\n')
    document = tomlkit.parse(TEXT)
    put_entry(document, "c", entry_table(Entry("c", "C")))
    assert tomlkit.dumps(document) == TEXT + '\n[term.c]\nterm = "C"\ntype = "term"\n'


def test_entry_text_spans_its_tables_and_leaves_the_next_comment():
    document = tomlkit.parse(TEXT)
    assert entry_text(document, "a") == '[term.a]\nterm = "A"\ntype = "term"\n\n[term.a.ru]\npreferred = "А"\n'
    assert entry_text(document, "c") is None


def test_an_unchanged_update_changes_nothing():
    for entry in parse_file(NEWSROOM).glossary.entries:
        document = tomlkit.parse(NEWSROOM.read_text(encoding="utf-8"))
        update_entry(document, entry.id, entry_data(document, entry.id))
        assert tomlkit.dumps(document) == NEWSROOM.read_text(encoding="utf-8"), entry.id


def test_tables_apart_are_refused_not_garbled():
    text = '[glossary]\nsource = "en"\n\n[term.a]\nterm = "A"\ntype = "term"\n\n[term.b]\nterm = "B"\ntype = "term"\n\n' \
           '[term.a.ru]\npreferred = "А"\n'
    with pytest.raises(GlossaryError, match="not together"):
        put_entry(tomlkit.parse(text), "a", entry_table(Entry("a", "A2")))


# --- values that need escaping --------------------------------------------------------------------

TRICKY_VALUES = [
    pytest.param('He said "no"', id="quotes"),
    pytest.param("C:\\path\\to \\u0041 not an escape", id="backslashes"),
    pytest.param("two\nlines\r\nand a\ttab", id="newlines"),
    pytest.param("Լեռնային Ղարաբաղ «և» Երևան", id="armenian"),
    pytest.param("Сергей «Лавров» — министр", id="cyrillic"),
    pytest.param("''' \"\"\" # not a comment ]", id="toml-syntax"),
]


@pytest.mark.parametrize("value", TRICKY_VALUES)
def test_a_tricky_value_round_trips_through_the_commands(tmp_path, value):
    path = tmp_path / "g.toml"
    result = CliRunner().invoke(main, ["glossary", "add", "x", "--term", "Gyumri", "--type", "place", "--file", str(path),
                                       "--set", f"notes={value}", "--set", f"hy.notes={value}",
                                       "--set", "hy.preferred=Գյումրի", "--set", "ru.preferred=Гюмри"])
    assert result.exit_code == 0, result.output
    entry = parse_file(path).glossary.entry("x")
    assert entry.notes == value and entry.rendering("hy").notes == value
    result = CliRunner().invoke(main, ["glossary", "edit", "x", "--file", str(path), "--set", f"ru.notes={value}"])
    assert result.exit_code == 0, result.output
    assert parse_file(path).glossary.entry("x").rendering("ru").notes == value


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(exclude_categories=["Cs"])), st.lists(st.text(min_size=1), max_size=4))
def test_any_text_round_trips(value, forms):
    entry = Entry("x", value or "X", notes=value, variants=tuple(forms),
                  renderings=(Rendering("ru", value or "Х", forms=tuple(forms), cases=(("gent", value),)),))
    text = render_file(GlossaryFile(Path("x.toml"), languages=("ru",), entries=[entry]))
    assert tomllib.loads(text)["term"]["x"] == entry.as_dict()


def test_writer_output_reads_back_the_same():
    glossary = parse_file(NEWSROOM).glossary
    text = render_file(glossary)
    again = parse_text(text, NEWSROOM)
    assert again.findings == [] and again.glossary.entries == glossary.entries
    assert render_file(again.glossary) == text


def test_long_lists_go_one_item_per_line():
    entry = parse_file(NEWSROOM).glossary.entry("csto")
    block = entry_text(new_document(GlossaryFile(NEWSROOM, entries=[entry])), "csto")
    assert 'forms = [\n    "Հավաքական անվտանգության պայմանագրի կազմակերպությունը",\n' in block
    assert 'variants = ["Collective Security Treaty Organisation"]' in block


def test_an_edited_file_keeps_its_permissions(commented):
    commented.chmod(0o664)
    result = CliRunner().invoke(main, ["glossary", "edit", "baku", "--set", "notes=x", "--glossary", str(commented)])
    assert result.exit_code == 0, result.output
    assert commented.stat().st_mode & 0o777 == 0o664
    assert not [path.name for path in commented.parent.iterdir() if path.name.endswith(".tmp")]
