"""The glossary in the pipeline: enforced with the pseudo engine, reported, checked afterwards."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from translate.cli import main
from translate.config import load_config
from translate.glossary.compliance import (
    FOUND,
    MISSING,
    WRONG,
    check_translation,
    compliance_section,
)
from translate.io.readers import read_document
from translate.pipeline.runner import Pipeline
from translate.segmentation import segment_document


@pytest.fixture
def translated(tmp_path, article):
    """The test article translated to hy and ru with the pseudo engine, through the CLI."""
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["run", str(article), "--to", "hy,ru", "--engine", "pseudo", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("language", ["hy", "ru"])
def test_every_term_in_an_accepted_form_and_reported(translated, article, newsroom, language):
    output = translated / f"article.{language}.txt"
    report = json.loads((translated / f"article.{language}.txt.report.json").read_text(encoding="utf-8"))
    section = report["glossary"]
    assert report["signature"]["glossary"] == newsroom.digest() == section["glossary"]
    assert section["counts"]["failed"] == 0
    source = segment_document(read_document(article, language="en"))
    check = check_translation(newsroom, source, read_document(output, language=language), language)
    assert check.terms and all(term.status == FOUND for term in check.terms)
    # The report lists every occurrence the check finds, in the same order.
    assert [(term["line"], term["term"], term["source"]) for term in section["terms"]] == \
        [(term.line, term.entry_id, term.source) for term in check.terms]
    assert {"pashinian", "lavrov", "csto", "nagorno-karabakh", "facebook", "argumenty-i-fakty"} <= \
        {term["term"] for term in section["terms"]}


def test_check_command_passes_on_the_output(translated, article):
    result = CliRunner().invoke(main, ["glossary", "check", str(article), str(translated / "article.ru.txt"),
                                       "--to", "ru"])
    assert result.exit_code == 0, result.output
    assert "0 missing, 0 wrong" in result.output


@pytest.mark.parametrize(
    ("old", "new", "status"),
    [pytest.param("Лавров", "Лавроф", MISSING, id="missing"),
     pytest.param("Никол Пашинян", "Никола Пашинян", WRONG, id="known-wrong-nominative")],
)
def test_check_command_fails_on_a_wrong_translation(translated, article, old, new, status):
    output = translated / "article.ru.txt"
    output.write_text(output.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["glossary", "check", str(article), str(output), "--to", "ru",
                                       "--format", "json"])
    assert result.exit_code == 6
    payload = json.loads(result.output[: result.output.rindex("}") + 1])
    assert payload["counts"][status] == 1


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
