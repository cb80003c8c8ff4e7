"""Page chrome: the shipped gettext catalog, loading catalogs, and the structural rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from translate.document import Block, BlockKind
from translate.errors import ConfigError
from translate.segmentation.chrome import (
    DEFAULT_LOCALE_DIR,
    ChromeContext,
    ChromeMatch,
    default_chrome_catalog,
    load_chrome_catalog,
    normalise,
    structural_reason,
)


@pytest.mark.parametrize(
    ("text", "site", "expected"),
    [
        pytest.param("Մատչելիության հղումներ", None, ChromeMatch("azatutyun.am", "Accessibility links", "hy"),
                     id="hy-accessibility-links"),
        pytest.param("  Մատչելիության   հղումներ ", None, ChromeMatch("azatutyun.am", "Accessibility links", "hy"),
                     id="hy-spacing"),
        pytest.param("Breaking News", "rferl.org", ChromeMatch("rferl.org", "Breaking News", "en"), id="en-rferl"),
        pytest.param("Breaking News", "azatutyun.am", ChromeMatch("azatutyun.am", "Breaking News", "en"),
                     id="en-azatutyun"),
        pytest.param("PLEASE WAIT", "rferl.org", ChromeMatch("rferl.org", "please wait", "en"), id="case-folded"),
        pytest.param("Your browser doesn't support HTML5", "rferl.org",
                     ChromeMatch("rferl.org", "Your browser doesn’t support HTML5", "en"), id="straight-apostrophe"),
        pytest.param("No media source currently available", "svoboda.org",
                     ChromeMatch("azatutyun.am", "No media source currently available", "en"),
                     id="other-site-falls-back-to-any-site"),
        pytest.param("Breaking news about the border", None, None, id="longer-text-is-not-chrome"),
        pytest.param("Lavrov Praises Russia’s Ties With Armenia", None, None, id="title-is-not-chrome"),
    ],
)
def test_shipped_catalog_lookup(text, site, expected):
    assert default_chrome_catalog().lookup(text, site) == expected


def test_shipped_catalog_holds_only_confirmed_armenian():
    """Untranslated Armenian entries never match: the only hy string is the confirmed one."""
    armenian = [match for _, match in default_chrome_catalog() if match.language == "hy"]
    assert armenian == [ChromeMatch("azatutyun.am", "Accessibility links", "hy")]
    assert not [match for _, match in default_chrome_catalog() if match.language == "ru"]


def test_shipped_catalogs_are_po_files_per_language():
    found = sorted(path.relative_to(DEFAULT_LOCALE_DIR).as_posix() for path in DEFAULT_LOCALE_DIR.glob("*/*/*.po"))
    assert found == ["en/LC_MESSAGES/chrome.po", "hy/LC_MESSAGES/chrome.po", "ru/LC_MESSAGES/chrome.po"]
    assert default_chrome_catalog().sites == ["azatutyun.am", "rferl.org"]


def _write_po(directory: Path, language: str, body: str) -> None:
    path = directory / language / "LC_MESSAGES" / "chrome.po"
    path.parent.mkdir(parents=True)
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    path.write_text(header + body, encoding="utf-8")


def test_load_catalog_from_a_directory(tmp_path):
    _write_po(tmp_path, "ru", (
        'msgctxt "svoboda.org"\nmsgid "Breaking News"\nmsgstr "Срочные новости"\n\n'
        'msgctxt "svoboda.org"\nmsgid "Search"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgctxt "svoboda.org"\nmsgid "Print"\nmsgstr "Печать"\n\n'
        'msgid "Back to top"\nmsgstr "Наверх"\n'
    ))
    catalog = load_chrome_catalog(tmp_path)
    assert catalog.lookup("Срочные новости") == ChromeMatch("svoboda.org", "Breaking News", "ru")
    assert catalog.lookup("Search") is None  # untranslated: not confirmed
    assert catalog.lookup("Печать") is None  # fuzzy: not confirmed
    assert catalog.lookup("Наверх") == ChromeMatch("", "Back to top", "ru")  # no msgctxt: any site
    assert len(catalog) == 2


def test_lookup_prefers_the_given_site(tmp_path):
    _write_po(tmp_path, "en", (
        'msgctxt "a.example"\nmsgid "Share"\nmsgstr "Share"\n\n'
        'msgctxt "b.example"\nmsgid "Share"\nmsgstr "Share"\n'
    ))
    catalog = load_chrome_catalog(tmp_path)
    assert catalog.lookup("Share", "b.example").site == "b.example"
    assert catalog.lookup("Share").site == "a.example"
    assert catalog.sites_of("share") == {"a.example", "b.example"}


def test_invalid_po_file_names_the_file(tmp_path):
    _write_po(tmp_path, "hy", 'msgid "Search"\nmsgid "Search again"\nmsgstr ""\n')
    with pytest.raises(ConfigError, match=r"hy/LC_MESSAGES/chrome\.po: not a valid PO file"):
        load_chrome_catalog(tmp_path)


def test_missing_catalog_directory(tmp_path):
    with pytest.raises(ConfigError, match="chrome catalog directory not found"):
        load_chrome_catalog(tmp_path / "nowhere")


def test_normalise():
    assert normalise("  Your   browser doesn’t\nsupport HTML5 ") == "your browser doesn't support html5"


def _context(lines: list[tuple[str, str]], index: int) -> ChromeContext:
    """The block at ``index`` among ``lines``; the main language is the last line's."""
    blocks = [Block(0, len(text), text, language=language) for text, language in lines]
    return ChromeContext(blocks, index, main_language=lines[-1][1])


BODY = ("Officials in Yerevan said the talks would resume next week.", "en")
TITLE = ("Armenia And Azerbaijan Agree To Resume Talks", "en")


@pytest.mark.parametrize(
    ("lines", "index", "reason"),
    [
        pytest.param([BODY, ("XS", "en"), ("SM", "en"), ("MD", "en"), ("LG", "en")], 1, "breakpoint",
                     id="breakpoint-first"),
        pytest.param([BODY, ("XS", "en"), ("SM", "en"), ("MD", "en"), ("LG", "en")], 4, "breakpoint",
                     id="breakpoint-last"),
        pytest.param([BODY, ("XS SM MD LG", "en")], 1, "breakpoint", id="breakpoint-one-line"),
        pytest.param([BODY, ("MD", "en"), BODY], 1, None, id="lone-md-is-content"),
        pytest.param([("0:00 0:01:29 0:00", "en"), BODY], 0, "media player", id="player-time-line"),
        pytest.param([("0:00 1:05", "hy"), BODY], 0, "media player", id="player-two-times"),
        pytest.param([("16:49 20.4.2014", "en"), BODY], 0, "timestamp", id="live-blog-timestamp"),
        pytest.param([("20.4.2014 16:49", "ru"), BODY], 0, "timestamp", id="live-blog-date-first"),
        pytest.param([("16:49", "en"), BODY], 0, "timestamp", id="bare-time"),
        pytest.param([("Ժամը 15:30-ին", "hy"), ("Նիստը սկսվեց ժամանակին։", "hy")], 0, None,
                     id="time-in-words-is-content"),
        pytest.param([("Навигация", "ru"), TITLE, BODY], 0, "UI heading in ru", id="ru-heading-above-en-title"),
        pytest.param([("Նավիգացիա", "hy"), TITLE, BODY], 0, "UI heading in hy", id="hy-heading-above-en-title"),
        pytest.param([("Main Menu", "en"), ("Փաշինյանը հանդիպեց Պուտինին", "hy")], 0, "UI heading in en",
                     id="en-heading-above-hy-title"),
        pytest.param([TITLE, ("Навигация", "ru"), BODY], 1, None, id="below-the-title-is-content"),
        pytest.param([("Лавров заявил, что переговоры продолжатся.", "ru"), TITLE, BODY], 0, None,
                     id="sentence-is-not-a-heading"),
        pytest.param([("Навигация", "ru")], 0, None, id="no-article-below"),
        pytest.param([TITLE, BODY], 0, None, id="title"),
        pytest.param([TITLE, BODY], 1, None, id="body"),
    ],
)
def test_structural_rules(lines, index, reason):
    found = structural_reason(_context(lines, index))
    if reason is None:
        assert found is None
    else:
        assert found is not None and reason in found


def test_heading_rule_ignores_blocks_already_classified():
    """A foreign heading below chrome is still above the title."""
    lines = [("Breaking News", "en"), ("Навигация", "ru"), TITLE, BODY]
    context = _context(lines, 1)
    context.blocks[0].kind = BlockKind.CHROME
    assert "UI heading" in structural_reason(context)
