"""Pages of the whole network: chrome in every language, titles and captions, players.

Every article here was written for these tests in the shape of scraped Pangea pages of the
RFE/RL sites (URL line, accessibility heading, labels, title, captions, players, the
breakpoint indicator); the events are invented. Each pattern runs twice: with the shipped
UI catalogs and without any (the page's structure alone must do).
"""

from __future__ import annotations

import pytest

from translate.document import BlockKind
from translate.io.catalogs import UiCatalogs, default_ui_catalogs
from translate.io.readers import read_text
from translate.segmentation import segment_document

CATALOGS = [pytest.param(None, id="catalogs"), pytest.param(UiCatalogs({}), id="structure-only")]
FOOTER = "XS\nSM\nMD\nLG"


def segmented(text: str, catalogs: UiCatalogs | None = None, language: str | None = None):
    document = read_text(text, name="page.txt", language=language)
    segment_document(document, catalogs=catalogs if catalogs is not None else default_ui_catalogs())
    document.check_offsets()
    return document


def kinds(document) -> list[tuple[str, str]]:
    return [(block.kind.value, block.text) for block in document.blocks]


def sent(document) -> list[str]:
    return [segment.text for segment in document.translatable_segments()]


# A Russian page whose body ends with another clip's player; the clip's name is glued to the
# player's status line by a single newline (pattern 1: the reader joins them; pattern 3).
RU_PLAYER_PAGE = f"""\
https://www.svoboda.org/a/10000001.html

Ссылки для упрощенного доступа

В Томске начали ремонт трёх мостов


Ремонт моста через Томь
Ремонт моста через Томь

Городской совет Томска утвердил план ремонта трёх мостов. По словам мэра, работы начнутся весной.

Движение по мосту будет частично ограничено до осени.

Как в Томске строили первый мост
пожалуйста, подождите

No media source currently available

0:00 0:03:41 0:00
{FOOTER}"""

# A Ukrainian video page: the title printed again just above the player (pattern 1).
UK_VIDEO_PAGE = f"""\
http://www.radiosvoboda.org/a/10000002.html

Доступність посилання

ТОП новини

У Житомирі відкрили новий міст


У Житомирі відкрили новий міст
Будь ласка, зачекайте

No media source currently available

0:00 0:01:05 0:00

Міська рада Житомира повідомила, що рух новим мостом відкрили на місяць раніше, ніж планували.

{FOOTER}"""


@pytest.mark.parametrize("catalogs", CATALOGS)
def test_clip_title_glued_to_the_status_line_is_player_chrome(catalogs):
    document = segmented(RU_PLAYER_PAGE, catalogs)
    assert [kind for kind, _ in kinds(document)] == [
        "chrome", "chrome", "title", "caption", "duplicate", "body", "body",
        "chrome", "chrome", "chrome", "chrome", "chrome", "chrome", "chrome", "chrome"]
    item, status = document.blocks[7], document.blocks[8]
    assert (item.text, status.text) == ("Как в Томске строили первый мост", "пожалуйста, подождите")
    assert "item title" in item.reason
    assert not any("мост\nпожалуйста" in text or "подождите" in text for text in sent(document))
    assert sent(document)[0] == "В Томске начали ремонт трёх мостов"


@pytest.mark.parametrize("catalogs", CATALOGS)
def test_title_printed_again_above_the_player_is_sent_once(catalogs):
    document = segmented(UK_VIDEO_PAGE, catalogs)
    title = "У Житомирі відкрили новий міст"
    assert [(kind, text) for kind, text in kinds(document) if text == title] == [("title", title), ("duplicate", title)]
    assert sent(document).count(title) == 1
    assert all(block.kind is BlockKind.CHROME for block in document.blocks if "зачекайте" in block.text)
    assert document.language == "uk"


PAGE = """\
{url}

{heading}

{labels}{title}


{body}

XS
SM
MD
LG"""

# (site URL, heading, labels above the title, title, body, language): pattern 2. The
# Armenian heading is a wording the catalogs do not list (another site's, say).
HEADINGS = [
    pytest.param("https://www.svoboda.org/a/1.html", "Ссылки для упрощенного доступа", [],
                 "В Томске открыли новый мост", "Городской совет Томска сообщил, что мост открыли раньше срока.",
                 "ru", id="ru"),
    pytest.param("https://www.radiosvoboda.org/a/2.html", "Доступність посилання", ["ТОП новини"],
                 "У Житомирі відкрили новий міст", "Міська рада повідомила, що рух мостом відкрили раніше.",
                 "uk", id="uk"),
    pytest.param("https://www.azatutyun.am/a/3.html", "Հասանելիության հղումներ", [],
                 "Գյումրիում նոր զբոսայգի կկառուցվի", "Քաղաքապետարանը հայտարարել է, որ աշխատանքները կսկսվեն գարնանը:",
                 "hy", id="hy-wording-no-catalog-lists"),
    pytest.param("https://ktat.krymr.com/a/4.html", "Link açıqlığı", ["Saatnıñ esas haberi"],
                 "Aqmescitte yañı köpür açıldı",
                 "Şeer ükümeti yañı köpürniñ quruluşı planlaştırılğan vaqıttan evel bitkenini bildirdi.",
                 "crh", id="crh"),
    pytest.param("https://www.azathabar.com/a/5.html", "Sepleriň elýeterliligi", ["Soňky habar", "Göni efirde"],
                 "Aşgabatda täze köpri açyldy",
                 "Şäher häkimligi täze köpriniň gurluşygynyň meýilleşdirilen möhletinden öň tamamlanandygyny aýtdy.",
                 "tk", id="tk"),
]


@pytest.mark.parametrize("catalogs", CATALOGS)
@pytest.mark.parametrize(("url", "heading", "labels", "title", "body", "language"), HEADINGS)
def test_heading_and_labels_in_the_pages_language(catalogs, url, heading, labels, title, body, language):
    text = PAGE.format(url=url, heading=heading, labels="".join(f"{label}\n\n" for label in labels), title=title,
                       body=body)
    document = segmented(text, catalogs)
    assert kinds(document)[: 3 + len(labels)] == [
        ("chrome", url), ("chrome", heading), *[("chrome", label) for label in labels], ("title", title)]
    assert sent(document)[0] == title
    assert document.language == language


def test_heading_rule_needs_no_catalog_and_names_its_reason():
    text = PAGE.format(url="https://www.azatutyun.am/a/3.html", heading="Հասանելիության հղումներ", labels="",
                       title="Գյումրիում նոր զբոսայգի կկառուցվի", body="Աշխատանքները կսկսվեն գարնանը:")
    heading = segmented(text, UiCatalogs({})).blocks[1]
    assert heading.kind is BlockKind.CHROME and "accessibility heading" in heading.reason


# Pattern 4: captions without a place prefix, printed twice, once, before the title.
HY_CAPTION_ONCE = """\
https://www.azatutyun.am/a/6.html

Մատչելիության հղումներ

Գյումրիում նոր զբոսայգի կկառուցվի

Գյումրիի կենտրոնական հրապարակը, արխիվ
Քաղաքապետարանը հայտարարել է, որ աշխատանքները կսկսվեն գարնանը:

Զբոսայգու նախագիծը կներկայացվի հանրային քննարկման:"""

RU_LIVE_BLOG = """\
https://rus.azathabar.com/a/live-blog/10000003/lbl1.html

Ссылки для упрощенного доступа

Мост через Томь
Мост через Томь

live Ремонт мостов в Томске: хроника работ

12:40 3.6.2024

Рабочие сняли старое покрытие

Подрядчик сообщил, что старое покрытие сняли за два дня.

Бригада на мосту
Бригада на мосту
10:15 3.6.2024

Движение по мосту ограничено

Мэрия просит водителей выбирать объездные пути."""

EN_CAPTION_TWICE = """\
https://www.rferl.org/a/7.html

Accessibility links

Breaking News

News

Updated

Officials Open New Bridge In Gyumri

Residents walk across the new bridge on its first day.
Residents walk across the new bridge on its first day.
Officials in Gyumri opened the bridge on Monday, a month ahead of schedule.

The city says traffic will be limited until the autumn."""


@pytest.mark.parametrize("catalogs", CATALOGS)
@pytest.mark.parametrize(("text", "expected"), [
    pytest.param(HY_CAPTION_ONCE, [("caption", "Գյումրիի կենտրոնական հրապարակը, արխիվ")], id="hy-once-glued"),
    pytest.param(EN_CAPTION_TWICE, [("caption", "Residents walk across the new bridge on its first day."),
                                    ("duplicate", "Residents walk across the new bridge on its first day.")],
                 id="en-twice-with-a-period"),
    pytest.param(RU_LIVE_BLOG, [("caption", "Мост через Томь"), ("duplicate", "Мост через Томь"),
                                ("caption", "Бригада на мосту"), ("duplicate", "Бригада на мосту")],
                 id="ru-live-blog-before-the-title-and-in-an-entry"),
])
def test_captions_without_a_place_prefix(catalogs, text, expected):
    document = segmented(text, catalogs)
    assert [(kind, text) for kind, text in kinds(document) if kind in ("caption", "duplicate")] == expected
    assert [kind for kind, _ in kinds(document)].count("title") == 1


def test_live_blog_badge_cut_off_the_title_and_timestamps_dropped():
    document = segmented(RU_LIVE_BLOG)
    badge, title = document.blocks[4], document.blocks[5]
    assert (badge.kind, badge.text) == (BlockKind.CHROME, "live")
    assert (title.kind, title.text) == (BlockKind.TITLE, "Ремонт мостов в Томске: хроника работ")
    assert not any(":" in text and "2024" in text for text in sent(document))
    assert "Рабочие сняли старое покрытие" in sent(document)


@pytest.mark.parametrize("catalogs", CATALOGS)
@pytest.mark.parametrize("fallback", [
    pytest.param("Your browser doesn’t support HTML5", id="en"),
    pytest.param("Сиздин браузер HTML5 видеону көрсөтө албайт.", id="ky-wording-of-our-own"),
])
def test_amp_player_fallback_between_paragraphs(catalogs, fallback):
    text = ("https://www.rferl.org/amp/8.html\n\nOfficials in Gyumri opened the bridge on Monday.\n"
            f"Traffic will be limited until the autumn, the city says.\n{fallback}\n"
            "The bridge replaces one built in the 1960s.")
    document = segmented(text, catalogs)
    assert [kind for kind, _ in kinds(document)] == ["chrome", "body", "body", "chrome", "body"]


@pytest.mark.parametrize("catalogs", CATALOGS)
def test_widget_heading_after_the_article_and_a_cut_off_last_line(catalogs):
    page = PAGE.format(url="https://www.azathabar.com/a/9.html", heading="Sepleriň elýeterliligi", labels="",
                       title="Aşgabatda täze köpri açyldy",
                       body="Şäher häkimligi köpriniň gurluşygynyň tamamlanandygyny aýtdy.\n\n"
                            "Iň soňky teswirler\n\nIň soňky teswirler")
    document = segmented(page, catalogs)
    assert [kind for kind, text in kinds(document) if "teswirler" in text] == ["chrome", "chrome"]
    cut_off = segmented(page.split("\n\nIň soňky")[0] + "\n\nŞäher häkimligi indiki", catalogs)
    assert cut_off.blocks[-1].kind is BlockKind.BODY  # no closing chrome: the page was cut off
    photo = segmented(page.replace("Iň soňky teswirler\n\nIň soňky teswirler", "Täze köpri\nTäze köpri"), catalogs)
    assert [kind for kind, text in kinds(photo) if text == "Täze köpri"] == ["caption", "duplicate"]


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param(RU_PLAYER_PAGE, "ru", id="ru"),
    pytest.param(UK_VIDEO_PAGE, "uk", id="uk-not-ru"),
    pytest.param(HY_CAPTION_ONCE, "hy", id="hy"),
    pytest.param(EN_CAPTION_TWICE, "en", id="en"),
    pytest.param(PAGE.format(url="https://www.azatutyun.am/a/10.html", heading="Մատչելիության հղումներ", labels="",
                             title="Officials Open New Bridge In Gyumri",
                             body="Officials in Gyumri opened the bridge on Monday, a month ahead of schedule."),
                 "en", id="en-below-an-armenian-heading"),
    pytest.param("Бишкекте жаңы көпүрө ачылды\n\nШаардын мэриясы көпүрөнүн курулушу мөөнөтүнөн мурда бүткөнүн "
                 "билдирди. Унаа кыймылы күзгө чейин чектелет.", "ky", id="ky"),
    *[pytest.param(PAGE.format(url=p.values[0], heading=p.values[1], labels="", title=p.values[3], body=p.values[4]),
                   p.values[5], id=p.id) for p in HEADINGS[3:]],
])
def test_the_articles_language_is_identified(text, expected):
    document = segmented(text)
    assert document.language == expected
    assert document.metadata["language"]["method"] == "detected"


def test_from_overrides_the_identified_language():
    document = segmented(UK_VIDEO_PAGE, language="ru")
    assert document.language == "ru" and document.metadata["language"] == {"language": "ru", "method": "given"}


@pytest.mark.parametrize(("text", "site", "expected"), [
    pytest.param(UK_VIDEO_PAGE, None, "radiosvoboda.org", id="from-the-url-line"),
    pytest.param(EN_CAPTION_TWICE.replace("https://www.rferl.org/a/7.html", "https://pressroom.rferl.org/a/7.html"),
                 None, "pressroom.rferl.org", id="subdomain"),
    pytest.param(EN_CAPTION_TWICE, "currenttime.tv", "currenttime.tv", id="given-wins"),
])
def test_chrome_reasons_name_the_pages_site(text, site, expected):
    document = read_text(text, name="page.txt")
    segment_document(document, catalogs=default_ui_catalogs(), site=site)
    assert document.metadata["site"] == expected
    heading = document.blocks[1]
    assert heading.kind is BlockKind.CHROME and expected in heading.reason
    assert not any("azatutyun.am" in block.reason for block in document.blocks)
