"""Blocks: language per block, classification (chrome, duplicate, caption, title, body),
dispositions, the configuration, and what reaches the engine."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from translate.cli import main
from translate.config import load_config
from translate.document import BlockKind, Disposition
from translate.errors import ConfigError
from translate.io.catalogs import UiCatalogs
from translate.io.readers import read_text
from translate.io.writers import render_text
from translate.segmentation import segment_document
from translate.segmentation.langid import block_language

# Articles written for these tests in the shape scraped Pangea pages have (see
# shared/reference/page-chrome.md): UI heading, ticker, title and caption printed twice,
# player lines, body, breakpoint indicator.
ENGLISH_ARTICLE = """\
Մատչելիության հղումներ

Breaking News

Armenia And Azerbaijan Agree To Resume Border Talks

Armenia And Azerbaijan Agree To Resume Border Talks


ARMENIA -- Prime Minister Nikol Pashinian speaks at a news conference in Yerevan, June 3, 2021
ARMENIA -- Prime Minister Nikol Pashinian speaks at a news conference in Yerevan, June 3, 2021

please wait
No media source currently available
0:00 0:02:14 0:00

Armenian and Azerbaijani officials agreed on Thursday to resume talks on the border, Prime Minister Nikol Pashinian said.

“We are ready for talks. We are not ready to give up our land,” Pashinian told reporters. He did not say when.

The commission [set up in January] has not met since the spring, according to Ms. Hakobian of the \
Foreign Ministry.

XS
SM
MD
LG"""

ENGLISH_KINDS = [
    ("chrome", "hy"), ("chrome", "en"), ("title", "en"), ("duplicate", "en"), ("caption", "en"), ("duplicate", "en"),
    ("chrome", "en"), ("chrome", "en"), ("chrome", "en"), ("body", "en"), ("body", "en"), ("body", "en"),
    ("chrome", "en"), ("chrome", "en"), ("chrome", "en"), ("chrome", "en"),
]

ARMENIAN_ARTICLE = """\
Փաշինյանը հանդիպեց Պուտինին

ՌՈՒՍԱՍՏԱՆ -- Վարչապետ Նիկոլ Փաշինյանը և նախագահ Վլադիմիր Պուտինը Մոսկվայում, 2021 թ. մայիսի 21

please wait
0:00 0:01:29 0:00

Վարչապետ Նիկոլ Փաշինյանը ժամը 15:30-ին հանդիպեց Վ. Վ. Պուտինին։ Որքա՜ն երկար էր սպասված այս հանդիպումը։

Prime Minister Nikol Pashinian met President Vladimir Putin in Moscow.

XS SM MD LG
"""

RUSSIAN_ARTICLE = """\
Main menu
Лавров высоко оценил отношения с Арменией
Лавров высоко оценил отношения с Арменией
Министр иностранных дел Сергей Лавров на форуме в Москве, 21 мая 2021 г.
16:49 20.4.2014
Министр заявил, т. е. фактически подтвердил, что товарооборот вырос на 5 млн долл. Инфляция замедлилась.
"""


def _segmented(text: str, language: str, **options):
    document = read_text(text, name="article.txt", language=language)
    segment_document(document, **options)
    document.check_offsets()
    return document


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        pytest.param(ENGLISH_ARTICLE, "en", ENGLISH_KINDS, id="en"),
        pytest.param(ARMENIAN_ARTICLE, "hy", [("title", "hy"), ("caption", "hy"), ("chrome", "en"), ("chrome", "hy"),
                                             ("body", "hy"), ("body", "en"), ("chrome", "en")], id="hy"),
        pytest.param(RUSSIAN_ARTICLE, "ru", [("chrome", "en"), ("title", "ru"), ("duplicate", "ru"), ("caption", "ru"),
                                             ("chrome", "ru"), ("body", "ru")], id="ru"),
    ],
)
def test_block_kinds_and_languages(text, language, expected):
    document = _segmented(text, language)
    assert [(block.kind.value, block.language) for block in document.blocks] == expected
    assert all(block.reason for block in document.blocks)


def test_english_article_acceptance():
    """The UI heading, the copies and the XS/SM/MD/LG lines never reach the engine."""
    document = _segmented(ENGLISH_ARTICLE, "en")
    sent = [segment.text for segment in document.translatable_segments()]
    assert sent == [
        "Armenia And Azerbaijan Agree To Resume Border Talks",
        "ARMENIA -- Prime Minister Nikol Pashinian speaks at a news conference in Yerevan, June 3, 2021",
        ("Armenian and Azerbaijani officials agreed on Thursday to resume talks on the border, "
         "Prime Minister Nikol Pashinian said."),
        "“We are ready for talks. We are not ready to give up our land,” Pashinian told reporters.",
        "He did not say when.",
        ("The commission [set up in January] has not met since the spring, according to Ms. Hakobian of the "
         "Foreign Ministry."),
    ]
    heading = document.blocks[0]
    assert heading.catalog_entry == ("azatutyun.am", "Accessibility links")
    assert document.metadata["site"] == "azatutyun.am"


@pytest.mark.parametrize(
    ("options", "chrome", "duplicate"),
    [
        pytest.param({}, Disposition.DROP, Disposition.DROP, id="defaults"),
        pytest.param({"chrome": "keep"}, Disposition.KEEP, Disposition.DROP, id="keep-chrome"),
        pytest.param({"chrome": "localise"}, Disposition.DROP, Disposition.DROP, id="localise-seam"),
        pytest.param({"keep_duplicates": True}, Disposition.DROP, Disposition.TRANSLATE, id="keep-duplicates"),
    ],
)
def test_dispositions(options, chrome, duplicate):
    document = _segmented(ENGLISH_ARTICLE, "en", **options)
    for block in document.blocks:
        if block.kind is BlockKind.CHROME:
            assert block.disposition is chrome and not block.segments
        elif block.kind is BlockKind.DUPLICATE:
            assert block.disposition is duplicate
            assert bool(block.segments) == (duplicate is Disposition.TRANSLATE)


def test_unknown_chrome_policy():
    with pytest.raises(ValueError, match="unknown chrome policy 'hide'"):
        _segmented(ENGLISH_ARTICLE, "en", chrome="hide")


@pytest.mark.parametrize("text", [ENGLISH_ARTICLE, ARMENIAN_ARTICLE, RUSSIAN_ARTICLE], ids=["en", "hy", "ru"])
def test_untranslated_document_renders_its_source(text):
    """Nothing dropped, nothing translated: the writer gives back the input exactly."""
    document = _segmented(text, "en", chrome="keep", keep_duplicates=True)
    assert render_text(document) == text


def test_dropped_blocks_leave_no_gap():
    rendered = render_text(_segmented(ENGLISH_ARTICLE, "en"))
    assert rendered.startswith("Armenia And Azerbaijan Agree To Resume Border Talks\n\n\nARMENIA -- ")
    assert rendered.count("ARMENIA -- Prime Minister") == 1
    assert rendered.endswith("Foreign Ministry.")
    assert "XS" not in rendered and "please wait" not in rendered and "Մատչելիության" not in rendered


def test_custom_catalog_and_site():
    catalogs = UiCatalogs({})  # none: the structural rules alone
    document = _segmented("Մատչելիության հղումներ\nArmenia Votes\nPeople voted.", "en", catalogs=catalogs,
                          site="example.am")
    # Without the catalog entry the heading is caught by the structural rule instead.
    assert document.blocks[0].kind is BlockKind.CHROME
    assert document.blocks[0].catalog_entry is None
    assert "UI heading in hy" in document.blocks[0].reason
    assert document.metadata["site"] == "example.am"


def test_language_unknown_to_cldr():
    document = _segmented("Armenia Votes\nARMENIA -- Voters in Yerevan, June 20, 2021", "xx")
    assert [block.kind for block in document.blocks] == [BlockKind.TITLE, BlockKind.CAPTION]


def test_reader_kinds_are_kept():
    document = read_text("Armenia Votes\nArmenia Votes\nPeople voted.", language="en")
    document.blocks[2].kind = BlockKind.CAPTION
    segment_document(document)
    assert [block.kind for block in document.blocks] == [BlockKind.TITLE, BlockKind.DUPLICATE, BlockKind.CAPTION]


@pytest.mark.parametrize(
    ("text", "default", "expected"),
    [
        pytest.param("Մատչելիության հղումներ", "en", "hy", id="armenian"),
        pytest.param("Лавров заявил", "en", "ru", id="cyrillic"),
        pytest.param("Лавров заявил", "uk", "uk", id="cyrillic-document-language"),
        pytest.param("Lavrov said", "hy", "en", id="latin-in-armenian-article"),
        pytest.param("Lavrov a déclaré", "fr", "fr", id="latin-document-language"),
        pytest.param("Lavrov (Лавров) said that Russia would help", "ru", "en", id="mostly-latin"),
        pytest.param("0:00 0:01:29", "hy", "hy", id="no-letters"),
        pytest.param("ლავროვმა განაცხადა", "en", "ka", id="georgian"),
        pytest.param("Сиздин браузер бул видеону көрсөтө албай жатат", "en", "ky", id="kyrgyz-identified"),
    ],
)
def test_block_language(text, default, expected):
    """A block in the article's script is in the article's language; one in another script is
    identified when long enough, else its script's usual language."""
    assert block_language(text, default) == expected


# --- configuration, pipeline and command line -----------------------------------------


def test_config_keep_duplicates(tmp_path):
    path = tmp_path / "user.toml"
    path.write_text("[segmentation]\nkeep_duplicates = true\n", encoding="utf-8")
    assert load_config(path).raw["segmentation"]["keep_duplicates"] is True
    assert load_config().raw["segmentation"]["keep_duplicates"] is False


@pytest.mark.parametrize(
    ("body", "message"),
    [
        pytest.param('[segmentation]\nkeep_duplicates = "yes"\n', "segmentation.keep_duplicates: must be true or false",
                     id="not-bool"),
        pytest.param("[segmentation]\nkeep_duplicate = true\n", "did you mean 'keep_duplicates'", id="typo"),
        pytest.param("[segmentation]\nsite = 5\n", "segmentation.site: must be a string", id="site-not-str"),
    ],
)
def test_config_errors(tmp_path, body, message):
    path = tmp_path / "user.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_config(path)


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "talks.txt"
    path.write_text(ENGLISH_ARTICLE, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("config_body", "copies"),
    [pytest.param("", 1, id="duplicate-written-once"),
     pytest.param("[segmentation]\nkeep_duplicates = true\n", 2, id="duplicate-kept")],
)
def test_run_sends_no_chrome_to_the_engine(article, tmp_path, pseudo_inputs, config_body, copies):
    config = tmp_path / "user.toml"
    # No glossary: its re-translation rounds would send segments twice.
    config.write_text("[glossary]\nfiles = []\n" + config_body, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["run", str(article), "--to", "hy", "--engine", "pseudo", "-o", str(out),
                                       "--config", str(config)])
    assert result.exit_code == 0, result.output
    assert len(pseudo_inputs) == 6  # title, caption, four body sentences: each once
    assert not any(marker in text for text in pseudo_inputs
                   for marker in ("Մատչելիության", "Breaking News", "please wait", "0:00", "XS", "LG"))
    written = (out / "talks.hy.txt").read_text(encoding="utf-8")
    assert written.count("[hy: ÁŔMÉÑÍÁ -- ") == copies
    report = json.loads((out / "talks.hy.txt.report.json").read_text(encoding="utf-8"))
    assert report["blocks"]["chrome:drop"] == 9
    assert report["signature"]["segmenter"].startswith("translate-sentences/")


def test_segment_command_text(article):
    result = CliRunner().invoke(main, ["segment", str(article)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split(": language ")[1].startswith("en (detected, p=")
    assert lines[0].endswith("), site azatutyun.am; 16 blocks, 6 sentences to translate")
    assert lines[1].split()[:4] == ["1", "chrome", "drop", "hy"]
    assert "“Accessibility links”" in lines[1]
    assert any("caption" in line and "no final period" in line for line in lines)
    assert any("repeats block 3" in line for line in lines)


def test_segment_command_json(article):
    result = CliRunner().invoke(main, ["segment", str(article), "--format", "json", "--keep-duplicates"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    source = article.read_text(encoding="utf-8")
    assert [block["kind"] for block in data["blocks"]] == [kind for kind, _ in ENGLISH_KINDS]
    assert data["blocks"][0]["catalog_entry"] == {"site": "azatutyun.am", "msgid": "Accessibility links"}
    assert data["blocks"][3]["disposition"] == "translate"
    for block in data["blocks"]:
        assert source[block["start"] : block["end"]] == block["text"]
        for sentence in block["sentences"]:
            assert source[sentence["start"] : sentence["end"]] == sentence["text"]


def test_segment_command_site_option(article):
    result = CliRunner().invoke(main, ["segment", str(article), "--format", "json", "--site", "rferl.org"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["site"] == "rferl.org"
    assert data["blocks"][1]["catalog_entry"] == {"site": "rferl.org", "msgid": "Breaking News"}
