"""CSV and TBX-Basic: exported and imported again, the glossary is exactly the same."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import NEWSROOM

from translate.cli import main
from translate.glossary.editing import render_file
from translate.glossary.model import Entry, GlossaryFile, Rendering
from translate.glossary.store import parse_file, parse_text
from translate.io.interchange import from_csv, from_tbx, to_csv, to_tbx

FORMATS = {"csv": (to_csv, from_csv), "tbx": (to_tbx, from_tbx)}

TRICKY = GlossaryFile(
    Path("tricky.toml"),
    source="en",
    languages=("hy", "ru"),
    entries=[
        Entry(id="pipe", term="A|B Group", type="organisation", variants=("A\\B Group",), short=("AB", "A|B"),
              case="exact", notes='Quotes "inside",\nand a second line.',
              renderings=(
                  Rendering("hy", "«Ա|Բ» խումբ", short="ԱԲ", forms=("«Ա|Բ» խմբի",), stems=("ԱԲ",), suffixes=("-ի", "@x"),
                            inflect=False, notes="a, b; c"),
                  Rendering("ru", "группа «А|Б»", short="АБ", inflect=True, avoid=("группа А",),
                            cases=(("gent", "группы «А|Б»"), ("datv", "группе «А|Б»")),
                            short_cases=(("nomn", "АБ"),)),
              )),
        Entry(id="brand", term="Telegram", type="organisation", do_not_translate=True, case="any"),
        Entry(id="named-set", term="Gyumri", type="place",
              renderings=(Rendering("hy", "Գյումրի", suffixes="noun"), Rendering("ru", "Гюмри"))),
    ],
)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("glossary", [pytest.param(lambda: parse_file(NEWSROOM).glossary, id="shipped"),
                                      pytest.param(lambda: TRICKY, id="tricky")])
def test_round_trip_is_exact(fmt, glossary):
    original = glossary()
    write, read = FORMATS[fmt]
    again = read(write(original), original.path)
    assert again.source == original.source
    assert again.languages == original.languages
    assert again.entries == original.entries
    assert render_file(again) == render_file(original)
    assert write(again) == write(original)


def test_tricky_glossary_survives_toml_too():
    parsed = parse_text(render_file(TRICKY), Path("tricky.toml"))
    assert parsed.errors == []
    assert parsed.glossary.entries == TRICKY.entries


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_cli_export_then_import_reproduces_the_file(tmp_path, fmt):
    exported = tmp_path / f"newsroom.{fmt}"
    result = CliRunner().invoke(main, ["glossary", "export", str(exported), "--glossary", str(NEWSROOM)])
    assert result.exit_code == 0, result.output
    imported = tmp_path / "imported.toml"
    result = CliRunner().invoke(main, ["glossary", "import", str(exported), "--into", str(imported)])
    assert result.exit_code == 0, result.output
    original = parse_file(NEWSROOM).glossary
    assert parse_file(imported).glossary.entries == original.entries
    assert imported.read_text(encoding="utf-8") == render_file(original)


def test_import_into_an_existing_file(tmp_path, glossary_copy):
    incoming = tmp_path / "incoming.csv"
    incoming.write_text("id,type,en,hy,ru\nbaku,place,Baku,Բաքու,Баку\ngyumri,place,Gyumri,Գյումրի,Гюмри\n",
                        encoding="utf-8")
    result = CliRunner().invoke(main, ["glossary", "import", str(incoming), "--into", str(glossary_copy)])
    assert result.exit_code == 3 and "already has baku" in result.output
    result = CliRunner().invoke(main, ["glossary", "import", str(incoming), "--into", str(glossary_copy), "--overwrite"])
    assert result.exit_code == 0, result.output
    text = glossary_copy.read_text(encoding="utf-8")
    assert text.startswith("# Newsroom glossary")  # the editors' comments stay
    glossary = parse_file(glossary_copy).glossary
    assert glossary.entry("gyumri").rendering("ru").preferred == "Гюмри"
    assert glossary.entry("baku").rendering("hy").forms == ()  # replaced by the imported entry
    assert glossary.entry("lavrov") == parse_file(NEWSROOM).glossary.entry("lavrov")


def test_import_tbx_from_another_tool(tmp_path):
    foreign = tmp_path / "foreign.tbx"
    foreign.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">\n'
        "<text><body><conceptEntry id='c1'>\n"
        "<langSec xml:lang='en'><termSec><term>Kremlin</term></termSec></langSec>\n"
        "<langSec xml:lang='ru'>\n"
        "<termSec><term>Кремль</term><termNote type='administrativeStatus'>preferredTerm-admn-sts</termNote></termSec>\n"
        "<termSec><term>Кремля</term><termNote type='administrativeStatus'>admittedTerm-admn-sts</termNote></termSec>\n"
        "<termSec><term>Кремлин</term><termNote type='administrativeStatus'>deprecatedTerm-admn-sts</termNote></termSec>\n"
        "</langSec></conceptEntry></body></text></tbx>\n",
        encoding="utf-8",
    )
    (entry,) = from_tbx(foreign.read_text(encoding="utf-8"), foreign).entries
    assert (entry.id, entry.term, entry.type) == ("c1", "Kremlin", "term")
    assert entry.rendering("ru") == Rendering("ru", "Кремль", forms=("Кремля",), avoid=("Кремлин",))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [pytest.param("bad.tbx", "<tbx><text>", "not well-formed XML", id="tbx-not-xml"),
     pytest.param("bad.tbx", "<martif/>", "not a TBX file", id="tbx-wrong-root"),
     pytest.param("bad.csv", "term,hy\nX,Y\n", "needs id, type", id="csv-no-header"),
     pytest.param("bad.txt", "x", "--format csv or --format tbx", id="unknown-suffix")],
)
def test_import_errors_say_what_to_do(tmp_path, name, content, message):
    source = tmp_path / name
    source.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(main, ["glossary", "import", str(source), "--into", str(tmp_path / "out.toml")])
    assert result.exit_code == 3  # CONFIG: a glossary file that cannot be read
    assert message in result.output


FORMULAS = [
    pytest.param("=HYPERLINK(\"http://evil.example\",\"Click\")", id="equals"),
    pytest.param("+1+cmd|' /C calc'!A0", id="plus"),
    pytest.param("-2+3", id="minus"),
    pytest.param("@SUM(A1:A2)", id="at"),
    pytest.param("\tindented", id="tab"),
    pytest.param("\r=1", id="carriage-return"),
    pytest.param("'=already quoted", id="apostrophe-then-formula"),
    pytest.param("'Aqtau", id="leading-apostrophe"),
]


@pytest.mark.parametrize("value", FORMULAS)
def test_csv_cells_never_start_a_formula_and_come_back_as_they_were(value):
    import csv
    import io

    glossary = GlossaryFile(Path("formulas.toml"), source="en", languages=("hy",), entries=[
        Entry(id="f", term=value, type="term", notes=value, variants=(value,),
              renderings=(Rendering("hy", value, notes=value, suffixes=("@x",)),))])
    text = to_csv(glossary)
    for row in csv.reader(io.StringIO(text)):
        assert not [cell for cell in row if cell[:1] in ("=", "+", "-", "@", "\t", "\r")], row
    assert from_csv(text, glossary.path).entries == glossary.entries
