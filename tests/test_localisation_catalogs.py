"""UI-string catalogs: matching chrome lines, the `localise` policy, and the `translate ui` workflow.

Catalogs are written into temporary folders by the tests; the shipped ones are data of
their own. Wordings marked TEST are made up for the tests, not the sites' real strings.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from click.testing import CliRunner

from translate.cli import main
from translate.document import Block, BlockKind, Disposition, Document
from translate.errors import InputError
from translate.io.catalogs import (
    UiCatalogs,
    catalog_bytes,
    catalog_path,
    read_catalog,
    template_path,
    write_catalog,
)
from translate.localisation.catalog_checks import check_catalog
from translate.localisation.chrome import localise_chrome
from translate.localisation.extract import strings_from_text
from translate.qa import Severity

HEADING_HY = "Մատչելիության հղումներ"

# locale → {(site, msgid): msgstr}
CATALOGS = {
    "hy": {("azatutyun.am", "Accessibility links"): HEADING_HY, ("azatutyun.am", "please wait"): ""},
    "ru": {("azatutyun.am", "Accessibility links"): "", ("rferl.org", "Accessibility links"): "TEST ru links"},
    "en": {("azatutyun.am", "Accessibility links"): ""},
}


def write_catalogs(directory: Path, catalogs=CATALOGS, fuzzy: set[tuple[str, str, str]] = frozenset()) -> Path:
    for locale, entries in catalogs.items():
        catalog = Catalog(locale=locale, project="test", fuzzy=False)
        for (site, msgid), msgstr in entries.items():
            flags = ["fuzzy"] if (locale, site, msgid) in fuzzy else []
            catalog.add(msgid, msgstr, context=site, flags=flags)
        write_catalog(catalog_path(directory, locale), catalog)
    return directory


@pytest.fixture
def catalogs(tmp_path) -> UiCatalogs:
    return UiCatalogs.load(write_catalogs(tmp_path / "locale"))


@pytest.mark.parametrize(("text", "site", "expected"), [
    pytest.param(HEADING_HY, None, [("azatutyun.am", "Accessibility links", "hy")], id="armenian-msgstr"),
    pytest.param(f"  {HEADING_HY} ", None, [("azatutyun.am", "Accessibility links", "hy")], id="spaces"),
    pytest.param("accessibility   LINKS", "rferl.org",
                 [("rferl.org", "Accessibility links", "en"), ("azatutyun.am", "Accessibility links", "en")],
                 id="msgid-any-case-site-first"),
    pytest.param("Please wait", None, [("azatutyun.am", "please wait", "en")], id="case-folded"),
    pytest.param("TEST ru links", None, [("rferl.org", "Accessibility links", "ru")], id="russian-msgstr"),
    pytest.param("Lavrov Praises Russia’s Ties", None, [], id="not-chrome"),
])
def test_match(catalogs, text, site, expected):
    assert [(m.site, m.msgid, m.language) for m in catalogs.match(text, site)] == expected


@pytest.mark.parametrize(("site", "msgid", "target", "expected"), [
    pytest.param("azatutyun.am", "Accessibility links", "hy", HEADING_HY, id="hy"),
    pytest.param("azatutyun.am", "Accessibility links", "hy-AM", HEADING_HY, id="hy-AM-falls-back-to-hy"),
    pytest.param("azatutyun.am", "Accessibility links", "ru", None, id="ru-untranslated"),
    pytest.param("rferl.org", "Accessibility links", "ru", "TEST ru links", id="ru-other-site"),
    pytest.param("azatutyun.am", "Accessibility links", "en", "Accessibility links", id="en-is-the-msgid"),
    pytest.param("azatutyun.am", "please wait", "hy", None, id="hy-empty"),
    pytest.param("azatutyun.am", "Accessibility links", "de", None, id="no-catalog"),
])
def test_translation(catalogs, site, msgid, target, expected):
    assert catalogs.translation(site, msgid, target) == expected


def test_fuzzy_wording_is_never_used(tmp_path):
    directory = write_catalogs(tmp_path, fuzzy={("hy", "azatutyun.am", "Accessibility links")})
    loaded = UiCatalogs.load(directory)
    assert loaded.translation("azatutyun.am", "Accessibility links", "hy") is None
    assert loaded.match(HEADING_HY) == []


UNKNOWN_CHROME = "TEST Main menu"


def _document() -> Document:
    source = f"{HEADING_HY}\n\nLavrov Praises Russia’s Ties With Armenia\n\n0:00 0:01:29 0:00\n{UNKNOWN_CHROME}\n"
    document = Document(source, name="article.txt", language="en")
    for line in source.splitlines():
        if line:
            start = source.index(line)
            document.blocks.append(Block(start, start + len(line), line))
    # What the segmenter's chrome detection does for these lines (without catalogs: no entries).
    for index in (0, 2, 3):
        document.blocks[index].kind, document.blocks[index].disposition = BlockKind.CHROME, Disposition.DROP
    document.blocks[1].kind = BlockKind.TITLE
    return document


@pytest.mark.parametrize(("target", "heading", "severities"), [
    pytest.param("hy", (Disposition.REPLACE, HEADING_HY), {3: Severity.INFO}, id="hy-from-catalog"),
    pytest.param("en", (Disposition.REPLACE, "Accessibility links"), {3: Severity.INFO}, id="en-msgid"),
    pytest.param("ru", (Disposition.DROP, None), {0: Severity.WARNING, 3: Severity.INFO}, id="ru-reported"),
])
def test_localise_chrome(catalogs, target, heading, severities):
    document = _document()
    findings = localise_chrome(document, target, catalogs)
    assert (document.blocks[0].disposition, document.blocks[0].replacement) == heading
    assert document.blocks[1].disposition is Disposition.TRANSLATE  # not chrome: untouched
    # The player's time line is template debris: dropped without a finding; an unknown line is reported.
    assert document.blocks[2].disposition is Disposition.DROP
    assert document.blocks[3].disposition is Disposition.DROP
    assert {f.location.block: f.severity for f in findings} == severities
    # Each finding is recorded on its block, where QA and the report find it.
    assert [f.at(block=index) for index, block in enumerate(document.blocks) for f in block.findings] == findings


@pytest.mark.parametrize(("text", "entry", "target", "expected"), [
    # The segmenter's entry is used as it is: the Armenian wording would match azatutyun.am.
    pytest.param(HEADING_HY, ("rferl.org", "Accessibility links"), "ru", "TEST ru links", id="entry-over-text"),
    pytest.param("TEST a line no catalog lists", ("azatutyun.am", "Accessibility links"), "hy", HEADING_HY,
                 id="entry-without-a-second-match"),
    pytest.param(HEADING_HY, None, "hy", HEADING_HY, id="no-entry-matched-by-text"),
    pytest.param(HEADING_HY, None, "ru", None, id="no-entry-matched-ru-missing"),
])
def test_localise_uses_the_segmenters_entry(catalogs, text, entry, target, expected):
    document = Document(text, name="article.txt", language="en",
                        blocks=[Block(0, len(text), text, BlockKind.CHROME, catalog_entry=entry)])
    findings = localise_chrome(document, target, catalogs)
    assert document.blocks[0].replacement == expected
    assert document.blocks[0].disposition is (Disposition.DROP if expected is None else Disposition.REPLACE)
    assert [f.severity for f in findings] == ([Severity.WARNING] if expected is None else [])


def test_localise_prefers_the_documents_site(catalogs):
    document = _document()
    document.blocks[0] = Block(0, len("Accessibility links"), "Accessibility links", BlockKind.CHROME)
    document.source = "Accessibility links" + document.source[len(HEADING_HY):]
    document.metadata["site"] = "rferl.org"
    localise_chrome(document, "ru", catalogs)
    assert document.blocks[0].replacement == "TEST ru links"


# --- the `translate ui` workflow --------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="hy-AM"><head><meta charset="utf-8">
<meta property="og:url" content="https://www.azatutyun.am/a/1.html"></head>
<body><section class="hdr"><div class="sr-only">
<h2>{heading}</h2>
<ul><li><a href="#content">TEST hy content</a></li><li><a href="#navigation">TEST hy navigation</a></li>
<li><a href="#txtHeaderSearch">TEST hy search</a></li><li><a href="/en">English</a></li></ul>
</div></section><div class="wsw"><p>Body.</p></div></body></html>
"""
ARTICLE = f"{HEADING_HY}\n\nA Title\n\nA body paragraph, May 21, 2021.\n"


def _invoke(*args: str) -> str:
    result = CliRunner().invoke(main, ["ui", *args])
    assert result.exit_code == 0, result.output
    return result.output


def _entries(path: Path) -> dict[tuple[str, str], str]:
    return {(m.context, m.id): m.string for m in read_catalog(path) if m.id}


def _round_trips(path: Path) -> bool:
    data = path.read_bytes()
    return catalog_bytes(read_po(io.BytesIO(data))) == data


@pytest.fixture
def articles(tmp_path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "page.html").write_text(PAGE.format(heading=HEADING_HY), encoding="utf-8")
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


def test_extract_init_update_compile_round_trip(tmp_path, articles):
    locale = tmp_path / "locale"
    # The catalogs folder is empty: the plain-text article's heading is chrome to the
    # structural rules, but nothing says which site's string it is (not even the shipped
    # catalogs: the folder given is the one used, for segmenting as for matching).
    empty = CliRunner().invoke(main, ["ui", "extract", str(articles), "-d", str(locale)])
    assert empty.exit_code != 0 and "pass --site" in empty.output
    # The HTML page's skip-link block says it: its site, its msgids and their hy wordings.
    _invoke("extract", str(articles / "page.html"), "-d", str(locale))
    pot = template_path(locale)
    assert set(_entries(pot)) == {("azatutyun.am", msgid) for msgid in (
        "Accessibility links", "Skip to main content", "Skip to main Navigation", "Skip to Search")}
    assert _round_trips(pot)

    for code in ("hy", "ru", "en"):
        _invoke("init", "-l", code, "-d", str(locale))
    hy = catalog_path(locale, "hy")
    assert _entries(hy)[("azatutyun.am", "Accessibility links")] == HEADING_HY  # harvested from the page
    assert _entries(hy)[("azatutyun.am", "Skip to Search")] == "TEST hy search"
    assert set(_entries(catalog_path(locale, "ru")).values()) == {""}  # nothing guessed

    # Now the catalogs know the heading: the plain-text article's first line is found too.
    _invoke("extract", str(articles), "-d", str(locale))
    locations = {m.id: m.locations for m in read_catalog(pot) if m.id}
    assert [path for path, _ in locations["Accessibility links"]] == [
        str((articles / "article.txt").resolve()), str((articles / "page.html").resolve())]

    # The site changes: a link disappears from the template, a new string appears.
    template = read_catalog(pot)
    template.delete("Skip to Search", context="azatutyun.am")
    template.add("please wait", context="azatutyun.am")
    write_catalog(pot, template)
    output = _invoke("update", "-d", str(locale))
    assert "1 obsolete" in output
    ru = read_catalog(catalog_path(locale, "ru"))
    assert ru.get("please wait", context="azatutyun.am") is not None
    assert [m.id for m in ru.obsolete.values()] == ["Skip to Search"]

    strict = CliRunner().invoke(main, ["ui", "check", "-d", str(locale), "--strict", "-q"])
    assert strict.exit_code == 6 and strict.output.count("warning: [obsolete]") == 3  # hy, ru, en
    _invoke("check", "-d", str(locale))  # obsolete entries are warnings: not a failure by default

    _invoke("compile", "-d", str(locale))
    for code in ("hy", "ru", "en"):
        po = catalog_path(locale, code)
        assert _round_trips(po), code
        with po.with_suffix(".mo").open("rb") as handle:
            compiled = {(m.context, m.id): m.string for m in read_mo(handle) if m.id}
        assert compiled == {key: value for key, value in _entries(po).items() if value}, code


def test_check_reports_each_problem(tmp_path):
    locale = tmp_path / "locale"
    write_catalogs(locale, {"ru": {
        ("rferl.org", "Accessibility links"): "",
        ("rferl.org", "Updated {date}"): "TEST обновлено",
        ("rferl.org", "Search"): "TEST поиск",
    }}, fuzzy={("ru", "rferl.org", "Search")})
    template = Catalog(fuzzy=False)
    for msgid in ("Accessibility links", "Updated {date}", "Search", "Back to top"):
        template.add(msgid, context="rferl.org")
    write_catalog(template_path(locale), template)

    problems = check_catalog(catalog_path(locale, "ru"), "ru", read_catalog(template_path(locale)))
    assert sorted((p.code, p.severity.value, p.message.split(": ")[0]) for p in problems) == [
        ("fuzzy", "warning", "[rferl.org] 'Search'"),
        ("missing", "warning", "[rferl.org] 'Back to top'"),
        ("placeholders", "error", "[rferl.org] 'Updated {date}'"),
        ("untranslated", "info", "[rferl.org] 'Accessibility links'"),
    ]
    # Each at the catalog's file and line (the missing one has no line there).
    assert {(p.location.path, p.location.line is None) for p in problems} == {
        (catalog_path(locale, "ru"), False), (catalog_path(locale, "ru"), True)}
    assert [p.code for p in problems if p.location.line is None] == ["missing"]
    result = CliRunner().invoke(main, ["ui", "check", "-d", str(locale)])
    assert result.exit_code == 6
    assert "chrome.po:" in result.output and "placeholders differ from the msgid's: missing {date}" in result.output


def test_conflicting_harvested_wordings_fill_nothing_and_are_an_error(tmp_path, articles):
    (articles / "other.html").write_text(PAGE.format(heading="TEST another heading"), encoding="utf-8")
    locale = tmp_path / "locale"
    _invoke("extract", str(articles / "page.html"), str(articles / "other.html"), "-d", str(locale))
    _invoke("init", "-l", "hy", "-d", str(locale))
    assert _entries(catalog_path(locale, "hy"))[("azatutyun.am", "Accessibility links")] == ""
    result = CliRunner().invoke(main, ["ui", "check", "-d", str(locale), "-q"])
    assert result.exit_code == 6 and "seen with 2 wordings" in result.output


@pytest.mark.parametrize(("args", "message"), [
    pytest.param(["init", "-l", "hy"], "no template", id="init-without-template"),
    pytest.param(["update", "-l", "ru"], "no template", id="update-without-template"),
    pytest.param(["compile"], "no catalogs in", id="compile-nothing"),
    pytest.param(["init", "-l", "xx-nowhere"], "unknown language or locale", id="unknown-locale"),
])
def test_ui_errors_say_what_to_do(tmp_path, args, message):
    result = CliRunner().invoke(main, ["ui", *args, "-d", str(tmp_path)])
    assert result.exit_code != 0 and message in result.output


# Articles scraped the way the seed is (written for the project): the sample, and one with
# the player's chrome as Pangea prints it.
SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "azatutyun-csto-border.txt"
PLAYER_ARTICLE = f"""{HEADING_HY}

Breaking News

Armenia And Azerbaijan Agree To Resume Border Talks


ARMENIA -- Officials meet reporters in Yerevan, June 3, 2021
ARMENIA -- Officials meet reporters in Yerevan, June 3, 2021

please wait
No media source currently available
0:00 0:02:14 0:00

Armenian and Azerbaijani officials agreed on Thursday to resume talks on the border.

XS
SM
MD
LG"""


def test_extract_finds_the_chrome_of_scraped_articles(tmp_path):
    """`translate ui extract` on a folder of articles, with the shipped catalogs (the default configuration's)."""
    folder = tmp_path / "scraped"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / SAMPLE.name)
    (folder / "talks.txt").write_text(PLAYER_ARTICLE, encoding="utf-8")
    pot = tmp_path / "chrome.pot"
    output = _invoke("extract", str(folder), "-o", str(pot))
    assert output.startswith(f"{pot}: 4 strings (5 occurrences, 2 localized wordings harvested)")

    entries = {(m.context, m.id): m for m in read_catalog(pot) if m.id}
    assert set(entries) == {("azatutyun.am", msgid) for msgid in (
        "Accessibility links", "Breaking News", "please wait", "No media source currently available")}
    heading = entries["azatutyun.am", "Accessibility links"]
    assert [(Path(path).name, line) for path, line in heading.locations] == [(SAMPLE.name, 1), ("talks.txt", 1)]
    assert heading.auto_comments == [f"seen on the site in hy: {HEADING_HY}"]
    # Template debris and content are not UI strings.
    assert not [m for m in read_catalog(pot) if m.id and (m.id in ("XS", "SM", "MD", "LG") or ":" in m.id)]
    assert _round_trips(pot)


def test_extract_plain_text_chrome_line_needs_a_site():
    document = _document()
    with pytest.raises(InputError, match="pass --site"):
        list(strings_from_text(document))
    seen = list(strings_from_text(document, site="azatutyun.am"))
    # An unknown chrome line is its own msgid; the player's time line has no words to translate.
    assert [(s.site, s.msgid, s.language, s.location) for s in seen] == [
        ("azatutyun.am", HEADING_HY, None, ("article.txt", 1)),
        ("azatutyun.am", UNKNOWN_CHROME, None, ("article.txt", 6))]


def test_extract_finds_known_strings_in_plain_text(catalogs):
    document = _document()
    document.blocks[0].kind = BlockKind.UNKNOWN  # missed by the chrome detector, known to the catalogs
    seen = list(strings_from_text(document, catalogs=catalogs, site="azatutyun.am"))
    assert [(s.site, s.msgid, s.text, s.harvested) for s in seen] == [
        ("azatutyun.am", "Accessibility links", HEADING_HY, f"seen on the site in hy: {HEADING_HY}"),
        ("azatutyun.am", UNKNOWN_CHROME, UNKNOWN_CHROME, None)]
