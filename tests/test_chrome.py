"""Page chrome: the shipped UI-string catalogs as the segmenter matches them, loading
catalogs, the configured folder, and the structural rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from translate.config import load_config
from translate.document import Block, BlockKind
from translate.errors import ConfigError, InputError
from translate.io.catalogs import (
    ChromeString,
    UiCatalogs,
    configured_ui_catalogs,
    default_ui_catalogs,
    normalise,
)
from translate.segmentation.chrome import (
    ChromeContext,
    structural_reason,
    template_debris,
)

SHIPPED = load_config().localisation.catalogs


@pytest.mark.parametrize(
    ("text", "site", "expected"),
    [
        pytest.param("Մատչելիության հղումներ", None, ChromeString("azatutyun.am", "Accessibility links", "hy"),
                     id="hy-accessibility-links"),
        pytest.param("  Մատչելիության   հղումներ ", None, ChromeString("azatutyun.am", "Accessibility links", "hy"),
                     id="hy-spacing"),
        pytest.param("Breaking News", "rferl.org", ChromeString("rferl.org", "Breaking News", "en"), id="en-rferl"),
        pytest.param("Breaking News", "azatutyun.am", ChromeString("azatutyun.am", "Breaking News", "en"),
                     id="en-azatutyun"),
        pytest.param("PLEASE WAIT", "rferl.org", ChromeString("rferl.org", "please wait", "en"), id="case-folded"),
        pytest.param("Your browser doesn't support HTML5", "rferl.org",
                     ChromeString("rferl.org", "Your browser doesn’t support HTML5", "en"), id="straight-apostrophe"),
        pytest.param("Print", "currenttime.tv", ChromeString("azatutyun.am", "Print", "en"),
                     id="other-site-falls-back-to-any-site"),
        pytest.param("Breaking News", "pressroom.rferl.org", ChromeString("rferl.org", "Breaking News", "en"),
                     id="subdomain-uses-its-parent-sites-entries"),
        pytest.param("пожалуйста,  подождите", None, ChromeString("svoboda.org", "please wait", "ru"), id="ru-spinner"),
        pytest.param("Ссылки для упрощенного доступа", "rus.azathabar.com",
                     ChromeString("rus.azathabar.com", "Accessibility links", "ru"), id="ru-heading-shared-by-sites"),
        pytest.param("Доступність посилання", None, ChromeString("radiosvoboda.org", "Accessibility links", "uk"),
                     id="uk-heading"),
        pytest.param("Link açıqlığı", None, ChromeString("ktat.krymr.com", "Accessibility links", "crh"),
                     id="crh-heading"),
        pytest.param("Iň soňky teswirler", None, ChromeString("azathabar.com", "Latest comments", "tk"),
                     id="tk-comments-heading"),
        pytest.param("Сиздин браузер HTML5 ыкмасын колдобой жатат.", None,
                     ChromeString("azattyk.org", "Your browser doesn’t support HTML5", "ky"), id="ky-amp-fallback"),
        pytest.param("Breaking news about the border", None, None, id="longer-text-is-not-chrome"),
        pytest.param("Lavrov Praises Russia’s Ties With Armenia", None, None, id="title-is-not-chrome"),
    ],
)
def test_shipped_catalogs_match(text, site, expected):
    matches = default_ui_catalogs().match(text, site)
    assert (matches[0] if matches else None) == expected


def _confirmed(catalogs: UiCatalogs, locale: str) -> list[tuple[str, str]]:
    return [(m.context, m.id) for m in catalogs.catalogs[locale] if m.id and m.string and not m.fuzzy]


CONFIRMED = {
    "hy": [("azatutyun.am", "Accessibility links")],
    "ru": [("svoboda.org", "Accessibility links"), ("svoboda.org", "please wait"),
           ("svoboda.org", "No media source currently available"), ("rus.azathabar.com", "Accessibility links"),
           ("rus.azathabar.com", "Live")],
    "uk": [("radiosvoboda.org", "Accessibility links"), ("radiosvoboda.org", "Breaking News"),
           ("radiosvoboda.org", "please wait"), ("radiosvoboda.org", "No media source currently available")],
    "crh": [("ktat.krymr.com", "Accessibility links"), ("ktat.krymr.com", "Breaking News")],
    "tk": [("azathabar.com", "Accessibility links"), ("azathabar.com", "Breaking News"), ("azathabar.com", "Live"),
           ("azathabar.com", "Latest comments")],
    "ky": [("azattyk.org", "Your browser doesn’t support HTML5")],
}


def test_shipped_catalogs_hold_only_confirmed_wordings():
    """Only wordings seen on the sites' pages are filled in (see the pages-dev README); the
    empty ones never match in that language."""
    catalogs = default_ui_catalogs()
    for locale, expected in CONFIRMED.items():
        assert _confirmed(catalogs, locale) == expected, locale
    for text in ("Մատչելիության հղումներ", "Breaking News", "please wait", "Back to top"):
        languages = {match.language for match in catalogs.match(text, "azatutyun.am")}
        assert languages <= {"en", "hy"}, text
    assert {match.language for match in catalogs.match("Մատչելիության հղումներ")} == {"hy"}


def test_shipped_catalogs_are_po_files_per_language():
    found = sorted(path.relative_to(SHIPPED).as_posix() for path in SHIPPED.glob("*/*/*.po"))
    assert found == [f"{locale}/LC_MESSAGES/chrome.po" for locale in ("crh", "en", "hy", "ky", "ru", "tk", "uk")]
    sites = {match.site for msgid in ("Accessibility links", "Print") for match in default_ui_catalogs().match(msgid)}
    assert sites == {"azatutyun.am", "rferl.org", "svoboda.org", "rus.azathabar.com", "radiosvoboda.org",
                     "ktat.krymr.com", "azathabar.com"}


def test_the_segmenter_and_localise_read_the_default_configurations_folder():
    assert default_ui_catalogs().signature() == UiCatalogs.load(SHIPPED).signature()
    assert SHIPPED.name == "locale" and SHIPPED.is_dir()


def _write_po(directory: Path, language: str, body: str) -> None:
    path = directory / language / "LC_MESSAGES" / "chrome.po"
    path.parent.mkdir(parents=True)
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    path.write_text(header + body, encoding="utf-8")


def _first(catalogs: UiCatalogs, text: str, site: str | None = None) -> tuple[str, str, str] | None:
    matches = catalogs.match(text, site)
    return (matches[0].site, matches[0].msgid, matches[0].language) if matches else None


def test_load_catalogs_from_a_directory(tmp_path):
    _write_po(tmp_path, "ru", (
        'msgctxt "svoboda.org"\nmsgid "Breaking News"\nmsgstr "Срочные новости"\n\n'
        'msgctxt "svoboda.org"\nmsgid "Search"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgctxt "svoboda.org"\nmsgid "Print"\nmsgstr "Печать"\n\n'
        'msgid "Back to top"\nmsgstr "Наверх"\n'
    ))
    catalogs = UiCatalogs.load(tmp_path)
    assert _first(catalogs, "Срочные новости") == ("svoboda.org", "Breaking News", "ru")
    assert _first(catalogs, "Search") == ("svoboda.org", "Search", "en")  # the English msgid itself
    assert _first(catalogs, "Печать") is None  # fuzzy: a guess, never matched
    assert catalogs.translation("svoboda.org", "Print", "ru") is None  # … nor rendered
    assert _first(catalogs, "Наверх") == ("", "Back to top", "ru")  # no msgctxt: any site


def test_match_prefers_the_given_site(tmp_path):
    _write_po(tmp_path, "en", (
        'msgctxt "a.example"\nmsgid "Share"\nmsgstr "Share"\n\n'
        'msgctxt "b.example"\nmsgid "Share"\nmsgstr "Share"\n'
    ))
    catalogs = UiCatalogs.load(tmp_path)
    assert catalogs.match("Share", "b.example")[0].site == "b.example"
    assert catalogs.match("Share")[0].site == "a.example"
    assert {match.site for match in catalogs.match("share")} == {"a.example", "b.example"}


@pytest.mark.parametrize("body", [
    pytest.param('msgid "Search"\nmsgid "Search again"\nmsgstr ""\n', id="syntax"),
    pytest.param(b'msgid "Search"\nmsgstr "\xff\xfe"\n', id="not-utf-8"),
])
def test_invalid_po_file_names_the_file(tmp_path, body):
    if isinstance(body, bytes):
        _write_po(tmp_path, "hy", "")
        path = tmp_path / "hy" / "LC_MESSAGES" / "chrome.po"
        path.write_bytes(path.read_bytes() + body)
    else:
        _write_po(tmp_path, "hy", body)
    with pytest.raises(InputError, match=r"hy/LC_MESSAGES/chrome\.po: not a valid PO file"):
        UiCatalogs.load(tmp_path)


def test_configured_folder_that_does_not_exist(tmp_path):
    config = tmp_path / "user.toml"
    config.write_text(f'[localisation]\ncatalogs = "{tmp_path / "nowhere"}"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"user\.toml: localisation\.catalogs: no such folder"):
        configured_ui_catalogs(load_config(config))


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("  Your   browser doesn’t\nsupport HTML5 ", "your browser doesn't support html5", id="apostrophe"),
    pytest.param("«Новости»", '"новости"', id="guillemets"),
    pytest.param("Հայաստան եւ Ռուսաստան", "հայաստան եւ ռուսաստան", id="hy-ech-yiwn-spelled"),
    pytest.param("Հայաստան և Ռուսաստան", "հայաստան եւ ռուսաստան", id="hy-ech-yiwn-ligature"),
])
def test_normalise(text, expected):
    assert normalise(text) == expected


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


@pytest.mark.parametrize(("text", "debris"), [
    pytest.param("XS", "breakpoint", id="one-breakpoint"),
    pytest.param("XS SM MD LG", "breakpoint", id="breakpoints-on-one-line"),
    pytest.param("0:00 0:01:29 0:00", "media player", id="player-times"),
    pytest.param("16:49 20.4.2014", "timestamp", id="timestamp"),
    pytest.param("Մատչելիության հղումներ", None, id="ui-heading-has-words"),
    pytest.param("please wait", None, id="player-line-has-words"),
    pytest.param("XS Mobile", None, id="breakpoint-and-a-word"),
])
def test_template_debris(text, debris):
    found = template_debris(text)
    assert (found is None) if debris is None else (found is not None and debris in found)


def test_heading_rule_ignores_blocks_already_classified():
    """A foreign heading below chrome is still above the title."""
    lines = [("Breaking News", "en"), ("Навигация", "ru"), TITLE, BODY]
    context = _context(lines, 1)
    context.blocks[0].kind = BlockKind.CHROME
    assert "UI heading" in structural_reason(context)
