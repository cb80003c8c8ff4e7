"""The article's language and site through `translate run`, `batch` and `segment`: identified
when --from is not given, same-language articles copied and counted so, each article's
signature naming its own engines, the site from the page (URL line, canonical link) or --site.

The articles were written for these tests in the style of the network's pages; the events
are invented.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from translate.cli import main

RU_ARTICLE = """\
https://www.svoboda.org/a/10000011.html

Ссылки для упрощенного доступа

В Томске начали ремонт трёх мостов


Городской совет Томска утвердил план ремонта трёх мостов. По словам мэра, работы начнутся весной.

Движение по мостам будет частично ограничено до осени.

XS
SM
MD
LG"""

HY_ARTICLE = """\
https://www.azatutyun.am/a/10000012.html

Մատչելիության հղումներ

Գյումրիում նոր զբոսայգի կկառուցվի

Քաղաքապետարանը հայտարարել է, որ աշխատանքները կսկսվեն գարնանը:

Զբոսայգու նախագիծը կներկայացվի հանրային քննարկման:"""

EN_ARTICLE = """\
Officials Open New Bridge In Gyumri

Officials in Gyumri opened the new bridge on Monday, a month ahead of schedule.

The city says traffic on it will be limited until the autumn."""


def invoke(*args: object):
    return CliRunner().invoke(main, [str(arg) for arg in args])


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def report(out: Path, name: str) -> dict:
    return json.loads((out / f"{name}.report.json").read_text(encoding="utf-8"))


def test_run_identifies_a_russian_article(tmp_path):
    article = write(tmp_path / "in", "bridges.txt", RU_ARTICLE)
    result = invoke("run", article, "--to", "en", "--engine", "pseudo", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    signature = report(tmp_path / "out", "bridges.en.txt")["signature"]
    assert signature["source"] == "ru" and signature["target"] == "en" and not signature["same_language"]
    assert signature["source_language"]["method"] == "detected"
    assert list(signature["engines"]) == ["ru"]
    assert signature["site"] == "svoboda.org"


def test_from_overrides_the_identified_language(tmp_path):
    article = write(tmp_path / "in", "bridges.txt", RU_ARTICLE)
    result = invoke("run", article, "--from", "uk", "--to", "en", "--engine", "pseudo", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    signature = report(tmp_path / "out", "bridges.en.txt")["signature"]
    assert signature["source"] == "uk" and signature["source_language"] == {"language": "uk", "method": "given"}


def test_batch_copies_an_article_already_in_the_target_language(tmp_path):
    folder = tmp_path / "in"
    write(folder, "park.txt", HY_ARTICLE)
    write(folder, "bridge.txt", EN_ARTICLE)
    out = tmp_path / "out"
    result = invoke("batch", folder, "--to", "hy", "--engine", "pseudo", "-o", out)
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    outcomes = {Path(outcome["input"]).name: outcome for outcome in manifest["outcomes"]}
    assert outcomes["park.txt"]["status"] == "same-language"
    assert "already in hy" in outcomes["park.txt"]["note"] and "copied, not translated" in outcomes["park.txt"]["note"]
    assert outcomes["park.txt"]["signature"]["engines"] == {}
    assert outcomes["bridge.txt"]["status"] == "translated"
    assert manifest["summary"]["same-language"] == 1 and manifest["summary"]["translated"] == 1
    assert "1 same-language" in result.output and "1 translated" in result.output
    copied = (out / "park.hy.txt").read_text(encoding="utf-8")
    assert "Քաղաքապետարանը հայտարարել է, որ աշխատանքները կսկսվեն գարնանը:" in copied
    assert "[hy:" not in copied  # nothing went to the engine


def test_run_says_same_language(tmp_path):
    article = write(tmp_path / "in", "park.txt", HY_ARTICLE)
    result = invoke("run", article, "--to", "hy,en", "--engine", "pseudo", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "park.hy.txt (same language: already in hy (identified from its text): copied" in result.output
    assert "park.en.txt (pseudo-localisation" in result.output


def test_each_articles_signature_lists_its_own_engines(tmp_path):
    folder = tmp_path / "in"
    write(folder, "bridges.txt", RU_ARTICLE)
    write(folder, "bridge.txt", EN_ARTICLE)
    out = tmp_path / "out"
    result = invoke("batch", folder, "--to", "hy", "--engine", "pseudo", "-o", out)
    assert result.exit_code == 0, result.output
    assert list(report(out, "bridges.hy.txt")["signature"]["engines"]) == ["ru"]
    assert list(report(out, "bridge.hy.txt")["signature"]["engines"]) == ["en"]


@pytest.mark.parametrize(("site", "warned"), [
    pytest.param("no-such-site.example", True, id="unknown"),
    pytest.param("svoboda.org", False, id="known"),
    pytest.param("pressroom.rferl.org", False, id="known-parent"),
])
def test_a_site_no_catalog_lists_is_a_warning(tmp_path, monkeypatch, site, warned):
    from translate.config import load_config
    from translate.io import catalogs
    from translate.pipeline import runner

    messages: list[str] = []
    monkeypatch.setattr(catalogs.log, "warning", lambda message, *args: messages.append(message % args))
    checked: list[bool] = []
    monkeypatch.setattr(runner, "warn_unknown_site",
                        lambda found, name: checked.append(catalogs.warn_unknown_site(found, name)) or checked[-1])
    runner.Pipeline(load_config(), engine="pseudo", site=site).ui_catalogs()
    assert checked == [warned]
    assert bool(messages) is warned
    if warned:  # it names the site and the ones the catalogs know
        assert f"no entries for the site '{site}'" in messages[0] and "svoboda.org" in messages[0]
    article = write(tmp_path / "in", "bridge.txt", EN_ARTICLE)
    result = invoke("run", article, "--to", "hy", "--engine", "pseudo", "--site", site, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert report(tmp_path / "out", "bridge.hy.txt")["signature"]["site"] == site


@pytest.mark.parametrize(("name", "text", "site", "url"), [
    pytest.param("bridges.txt", RU_ARTICLE, "svoboda.org", "https://www.svoboda.org/a/10000011.html", id="url-line"),
    pytest.param("bridges.html", (
        '<html><head><link rel="canonical" href="https://www.radiosvoboda.org/a/10000013.html"></head><body>'
        '<section><div class="sr-only"><h2>Доступність посилання</h2></div></section>'
        '<div class="col-title"><h1 class="pg-title">У Житомирі відкрили новий міст</h1></div>'
        '<div class="wsw"><p>Міська рада повідомила, що рух мостом відкрили на місяць раніше.</p></div>'
        '</body></html>'), "radiosvoboda.org", "https://www.radiosvoboda.org/a/10000013.html", id="html-canonical"),
])
def test_segment_shows_the_site_and_the_language(tmp_path, name, text, site, url):
    article = write(tmp_path, name, text)
    result = invoke("segment", article, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["site"], data["url"]) == (site, url)
    assert data["language_identified"]["method"] == "detected"
    assert data["language"] == ("ru" if name.endswith(".txt") else "uk")
