"""The glossary in the pipeline: enforced with a scripted engine and the pseudo engine, reported,
checked afterwards."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import StandIn

from translate.cli import main
from translate.config import load_config
from translate.glossary.compliance import (
    FOUND,
    MISSING,
    NEAR,
    WRONG,
    check_translation,
    compliance_section,
)
from translate.io.readers import read_document
from translate.pipeline.runner import Pipeline
from translate.segmentation import segment_document

# What an en→ru engine makes of the test article (our own translation), phrase by phrase:
# most terms in accepted forms, some variant spellings (Азербайжаном, Лавроф, Йереване),
# Facebook paraphrased away the first time and copied as a placeholder the second.
ARTICLE_RU = {
    "Armenian Prime Minister Nikol Pashinyan met Russian Foreign Minister Sergey Lavrov in Moscow on Thursday to "
    "discuss the situation in Nagorno Karabakh.":
        "Премьер-министр Армении Никол Пашинян в четверг встретился в Москве с министром иностранных дел России "
        "Сергеем Лавровым, чтобы обсудить ситуацию в Нагорном Карабахе.",
    "Lavrov said the Collective Security Treaty Organisation (CSTO) was ready to send observers to the border "
    "between Armenia and Azerbaijan.":
        "Лавров заявил, что Организация Договора о коллективной безопасности (ОДКБ) готова направить наблюдателей "
        "на границу между Арменией и Азербайжаном.",
    "Vladimir Putin is due to meet the leaders of Armenia and Azerbaijan later this year, the Kremlin said.":
        "Владимир Путин должен встретиться с лидерами Армении и Азербайджана позже в этом году, сообщили в Кремле.",
    'Baku has not commented on the talks, which Pashinyan described on Facebook as "constructive."':
        "Баку не прокомментировал переговоры, которые Пашинян назвал в соцсети «конструктивными».",
    'Baku has not commented on the talks, which Pashinyan described on 701 as "constructive."':
        "Баку не прокомментировал переговоры, которые Пашинян назвал в 701 «конструктивными».",
    "In an interview with Argumenty i Fakty, Lavrov also spoke about Russia's role in Karabakh.":
        "В интервью «Аргументам и фактам» Лавроф также рассказал о роли России в Карабахе.",
    "ARMENIA -- Prime Minister Nikol Pashinyan speaks to reporters in Yerevan, ":
        "АРМЕНИЯ -- Премьер-министр Никол Пашинян выступает перед журналистами в Йереване, ",
    "Pashinyan Meets Lavrov in Moscow": "Пашинян встречается с Лавровым в Москве",
}


def article_ru(text: str) -> str:
    """The scripted engine's reply: the phrase of the table the text starts with, the rest
    (a protected quantity) copied."""
    for english, russian in ARTICLE_RU.items():
        if text.startswith(english):
            return russian + text[len(english):]
    raise AssertionError(f"the scripted engine has no reply for {text!r}")


@pytest.fixture
def translated(tmp_path, article, monkeypatch):
    """The test article translated to ru by the scripted engine, through the CLI."""
    monkeypatch.setattr("translate.pipeline.chain.load_engine",
                        lambda name, spec: StandIn(article_ru, spec.source, spec.target))
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["run", str(article), "--to", "ru", "--engine", "pseudo", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _report(folder, language):
    return json.loads((folder / f"article.{language}.txt.report.json").read_text(encoding="utf-8"))


def _checked(newsroom, article, output, language):
    source = segment_document(read_document(article, language="en"))
    return check_translation(newsroom, source, read_document(output, language=language), language)


def test_every_term_in_an_accepted_form_and_reported(translated, article, newsroom):
    report = _report(translated, "ru")
    section = report["glossary"]
    assert report["signature"]["glossary"] == newsroom.digest() == section["glossary"]
    assert section["counts"] == {"kept": 24, "fixed": 3, "enforced": 1, "uncertain": 0, "failed": 0}
    assert {(term["found"], term["form"]) for term in section["terms"] if term["status"] == "fixed"} == {
        ("Азербайжаном", "Азербайджаном"), ("Лавроф", "Лавров"), ("Йереване", "Ереване")}
    check = _checked(newsroom, article, translated / "article.ru.txt", "ru")
    assert check.terms and all(term.status == FOUND for term in check.terms)
    # The report lists every occurrence the check finds, in the same order.
    assert [(term["line"], term["term"], term["source"]) for term in section["terms"]] == \
        [(term.line, term.entry_id, term.source) for term in check.terms]
    assert {"pashinian", "lavrov", "csto", "nagorno-karabakh", "facebook", "argumenty-i-fakty"} <= \
        {term["term"] for term in section["terms"]}


@pytest.mark.parametrize("language", ["hy", "ru"])
def test_pseudo_engine_every_term_reported_none_silently(tmp_path, article, newsroom, language):
    """Pseudo-localised text copies each term with accents: a copy whose case nothing decides
    (uncertain, a warning on its segment), or one that needs no case (Baku, CSTO: fixed)."""
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["run", str(article), "--to", language, "--engine", "pseudo", "-o", str(out)])
    assert result.exit_code == 0, result.output
    report = _report(out, language)
    section = report["glossary"]
    assert section["counts"]["failed"] == 0 and section["counts"]["uncertain"] > 0
    check = _checked(newsroom, article, out / f"article.{language}.txt", language)
    assert [(term["line"], term["term"], term["source"]) for term in section["terms"]] == \
        [(term.line, term.entry_id, term.source) for term in check.terms]
    # What the check finds of each: the accepted forms, and the uncertain copies as near-renderings.
    assert sorted(term.status for term in check.terms) == sorted(
        NEAR if term["status"] == "uncertain" else FOUND for term in section["terms"])
    warnings = [finding for segment in report["segments"] for finding in segment["findings"]
                if finding["check"] == "glossary.uncertain"]
    assert len(warnings) == section["counts"]["uncertain"]


def test_check_command_passes_on_the_output(translated, article):
    result = CliRunner().invoke(main, ["glossary", "check", str(article), str(translated / "article.ru.txt"),
                                       "--to", "ru"])
    assert result.exit_code == 0, result.output
    assert "0 near, 0 missing, 0 wrong" in result.output


@pytest.mark.parametrize(
    ("old", "new", "status", "shown"),
    [pytest.param("Лавров", "Лавроф", NEAR, "Lavrov → Лаврофым is not an accepted form (glossary apply writes Лавровым)",
                  id="near-variant-spelling"),
     pytest.param("Баку", "Власти", MISSING, "Baku: no accepted ru form", id="missing"),
     pytest.param("Никол Пашинян", "Никола Пашинян", WRONG, "Никола Пашинян is a known wrong rendering",
                  id="known-wrong-nominative")],
)
def test_check_command_fails_on_a_wrong_translation(translated, article, old, new, status, shown):
    output = translated / "article.ru.txt"
    output.write_text(output.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    command = ["glossary", "check", str(article), str(output), "--to", "ru"]
    result = CliRunner().invoke(main, [*command, "--format", "json"])
    assert result.exit_code == 6
    payload = json.loads(result.output[: result.output.rindex("}") + 1])
    assert payload["counts"][status] == 1 and sum(payload["counts"].values()) - payload["counts"][FOUND] == 1
    assert shown in CliRunner().invoke(main, command).output


def test_no_glossary_configured(tmp_path, article):
    config = tmp_path / "config.toml"
    config.write_text("[glossary]\nfiles = []\n", encoding="utf-8")
    pipeline = Pipeline(load_config(config), engine="pseudo")
    document = pipeline.prepare(article, "en")
    ((translated, signature),) = pipeline.translate_documents([document], "ru")
    assert signature["glossary"] is None
    assert compliance_section(translated, signature) is None
    assert not [term for segment in translated.translatable_segments() for term in segment.terms]


def test_check_only_configuration(tmp_path, article):
    config = tmp_path / "config.toml"
    config.write_text("[glossary]\nenforce = false\n", encoding="utf-8")
    pipeline = Pipeline(load_config(config), engine="pseudo")
    ((translated, signature),) = pipeline.translate_documents([pipeline.prepare(article, "en")], "ru")
    section = compliance_section(translated, signature)
    assert section["enforcement"] == "check-only"
    assert section["counts"]["enforced"] == 0 and section["counts"]["failed"] > 0


@pytest.mark.parametrize(
    ("content", "message"),
    [pytest.param('[glossary]\nplaceholder = "tags"\n', "glossary.placeholder", id="unknown-scheme"),
     pytest.param('[glossary]\nfiles = "newsroom.toml"\n', "glossary.files", id="files-not-a-list"),
     pytest.param('[glossary]\nfile = []\n', "did you mean 'files'", id="unknown-key"),
     pytest.param('[glossary]\nfiles = ["missing.toml"]\n', "glossary file not found", id="missing-file")],
)
def test_configuration_errors_name_the_key(tmp_path, article, content, message):
    config = tmp_path / "config.toml"
    config.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(main, ["run", str(article), "--to", "ru", "--engine", "pseudo", "--config", str(config),
                                       "-o", str(tmp_path / "out")])
    assert result.exit_code != 0
    assert message in result.output


def test_glossary_paths_resolve_against_the_config_file(glossary_copy, tmp_path):
    from translate.glossary.store import configured_paths

    assert configured_paths(load_config(tmp_path / "config.toml")) == [glossary_copy.resolve()]
    assert configured_paths(load_config()) == [(load_config().path.parent.parent / "glossaries" / "newsroom.toml")
                                               .resolve()]


@pytest.mark.slow
def test_real_marian_engine_is_never_silently_wrong(tmp_path, tiny_checkpoint, newsroom):
    """A (tiny, random) Marian model gets terms wrong and loses placeholders: every term is then
    flagged, and every term reported kept or enforced is really there."""
    from translate.glossary.terms import answers, find_terms

    article = tmp_path / "short.txt"
    article.write_text("Lavrov met the CSTO in Moscow.\n", encoding="utf-8")
    pipeline = Pipeline(load_config(), model=str(tiny_checkpoint))
    ((translated, signature),) = pipeline.translate_documents([pipeline.prepare(article, "en")], "hy")
    section = compliance_section(translated, signature)
    assert sum(section["counts"].values()) == 3
    assert signature["engines"]["en"]["glossary"] == newsroom.digest()
    for segment in translated.translatable_segments():
        occurrences = find_terms(newsroom, segment.mt_input)
        reported = [term for term in section["terms"] if term["segment"] == [segment.start, segment.end]]
        replies = answers(newsroom, "hy", occurrences, segment.translation)
        for reply, term in zip(replies, reported, strict=True):
            assert (reply.found is not None) == (term["status"] != "failed")


def _configured(tmp_path, glossary: str):
    (tmp_path / "g.toml").write_text(glossary, encoding="utf-8")
    config = tmp_path / "config.toml"
    config.write_text('[glossary]\nfiles = ["g.toml"]\n', encoding="utf-8")
    return config


def _run(tmp_path, article, config, *options):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["run", str(article), "--engine", "pseudo", "--config", str(config),
                                       "-o", str(out), *options])
    return result, out


def test_run_refuses_a_glossary_with_lint_errors(tmp_path, article):
    config = _configured(tmp_path, '[glossary]\nsource = "en"\nlanguages = ["ru"]\n\n'
                                   '[term.baku]\nterm = "Baku"\ntype = "place"\n[term.baku.ru]\npreferred = ""\n')
    result, out = _run(tmp_path, article, config, "--to", "ru")
    assert result.exit_code == 3  # a bad glossary file: CONFIG
    assert "g.toml:9: error: [bad-form] ru preferred '' is empty" in result.output
    assert not out.exists()


def test_a_term_with_punctuation_leaves_plain_words_alone(tmp_path):
    config = _configured(tmp_path, '[glossary]\nsource = "en"\nlanguages = ["ru"]\n\n' + "".join(
        f'[term.{name}]\nterm = "{term}"\ntype = "term"\ndo_not_translate = true\n\n'
        for name, term in (("cpp", "C++"), ("bold", "<b>"), ("x", "[x]"))))
    article = tmp_path / "vitamins.txt"
    article.write_text("Vitamin C helps, grade B says.\n\nThe parser is written in C++.\n", encoding="utf-8")
    result, out = _run(tmp_path, article, config, "--to", "ru")
    assert result.exit_code == 0, result.output
    report = json.loads((out / "vitamins.ru.txt.report.json").read_text(encoding="utf-8"))
    assert [(term["term"], term["source"]) for term in report["glossary"]["terms"]] == [("cpp", "C++")]
    translated = (out / "vitamins.ru.txt").read_text(encoding="utf-8")
    assert "701" not in translated and "C++" in translated


@pytest.mark.parametrize(
    ("source", "target", "text", "expected"),
    [
        pytest.param("ru", "hy", "Министр иностранных дел России Сергей Лавров прибыл в Ереван.\n\n"
                     "Лавров встретился с Пашиняном и обсудил ситуацию в Карабахе.\n",
                     ["foreign-minister", "russia", "lavrov", "yerevan", "lavrov", "pashinian", "karabakh"],
                     id="ru-hy"),
        pytest.param("hy", "en", "Ռուսաստանի ԱԳ նախարար Սերգեյ Լավրովը ժամանել է Երևան։\n\n"
                     "Լավրովը հանդիպել է Փաշինյանի հետ և քննարկել Ղարաբաղում ստեղծված իրավիճակը։\n",
                     ["russia", "foreign-minister", "lavrov", "yerevan", "lavrov", "pashinian", "karabakh"],
                     id="hy-en"),
    ],
)
def test_any_glossary_language_as_the_source(tmp_path, newsroom, source, target, text, expected):
    article = tmp_path / "article.txt"
    article.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["run", str(article), "--from", source, "--to", target, "--engine", "pseudo",
                                       "-o", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads((out / f"article.{target}.txt.report.json").read_text(encoding="utf-8"))
    assert report["signature"]["glossary"] == newsroom.digest()
    assert [term["term"] for term in report["glossary"]["terms"]] == expected
    assert report["glossary"]["counts"]["failed"] == 0
