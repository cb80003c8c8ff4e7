"""Lint: the shipped glossaries pass; each deliberate mistake is reported at its file:line."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from conftest import DATA

from translate.cli import main
from translate.findings import Severity
from translate.glossary.lint import CHECKS, lint_files

BROKEN = DATA / "broken.toml"


def test_shipped_glossaries_pass_with_no_arguments():
    result = CliRunner().invoke(main, ["glossary", "lint", "--strict"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("ok: 0 error(s), 0 warning(s)")


@pytest.mark.parametrize(
    ("check", "line", "severity", "fragment"),
    [
        pytest.param("duplicate", 17, "error", "'Moscow' is also the term of 'moscow'", id="duplicate"),
        pytest.param("conflict", 37, "error", "'Кремлёвский дворец' vs 'Кремль'", id="conflicting-renderings"),
        pytest.param("shadow", 48, "error", "short 'Moscow' of 'lavrov' is also a form of 'moscow'", id="shadowing-variant"),
        pytest.param("bad-form", 53, "error", "' Լավրովի' has spaces", id="stray-space"),
        pytest.param("bad-form", 54, "error", "unknown suffix set 'nouns'", id="unknown-suffix-set"),
        pytest.param("bad-form", 57, "error", "mixes scripts (Cyrillic, Latin) in the word 'Лавpов'", id="look-alike-letter"),
        pytest.param("bad-form", 58, "error", "'Sergei Lavrov' is not written in Cyrillic", id="wrong-script"),
        pytest.param("bad-form", 61, "error", "unknown case 'genitive'", id="unknown-case"),
        pytest.param("missing-language", 63, "error", "'putin' has no hy rendering", id="missing-language"),
        pytest.param("structure", 72, "error", "type 'city' is not one of", id="bad-type"),
        pytest.param("structure", 73, "error", "term.baku.colour: unknown key", id="unknown-key"),
        pytest.param("conflict", 77, "error", "'Բաքու' is both avoided and accepted", id="avoided-and-accepted"),
        pytest.param("structure", 79, "error", "no preferred rendering", id="missing-preferred"),
        pytest.param("morphology", 89, "warning", "does not read 'Пашинян'", id="morphology-cannot-read"),
    ],
)
def test_broken_glossary_findings(check, line, severity, fragment):
    findings = lint_files([BROKEN])
    matching = [f for f in findings if f.code == check and f.location.line == line and fragment in f.message]
    assert len(matching) == 1, "\n".join(map(str, findings))
    assert matching[0].severity.value == severity
    assert matching[0].location.path == BROKEN


def test_broken_glossary_lists_nothing_unexpected():
    # 14 expected above plus the second shadow ('Moscow' is also in moscow-again).
    assert len(lint_files([BROKEN])) == 15


def test_cli_reports_file_and_line_and_fails():
    result = CliRunner().invoke(main, ["glossary", "lint", str(BROKEN)])
    assert result.exit_code == 6
    lines = [line for line in result.output.splitlines() if re.match(r".+broken\.toml:\d+: (error|warning): \[", line)]
    assert len(lines) == 15
    assert "14 error(s), 1 warning(s)" in result.output


def test_invalid_toml_is_one_finding_with_its_line(tmp_path):
    path = tmp_path / "invalid.toml"
    path.write_text('[glossary]\nsource = "en"\n\n[term.x]\nterm = "X"\ntype = "term\n', encoding="utf-8")
    (finding,) = lint_files([path])
    assert (finding.code, finding.location.line, finding.severity) == ("structure", 6, Severity.ERROR)


def test_a_later_file_overriding_is_a_warning_not_an_error(tmp_path, glossary_copy):
    desk = tmp_path / "desk.toml"
    desk.write_text(
        '[glossary]\nsource = "en"\nlanguages = ["hy", "ru"]\n\n'
        '[term.moscow]\nterm = "Moscow"\ntype = "place"\n\n'  # same id: a deliberate override, not reported
        '[term.moscow.hy]\npreferred = "Մոսկվա"\n\n[term.moscow.ru]\npreferred = "Москва"\n\n'
        '[term.baku-summit]\nterm = "Baku Summit"\nshort = ["Baku"]\ntype = "term"\n\n'
        '[term.baku-summit.hy]\npreferred = "Բաքվի գագաթնաժողով"\n\n'
        '[term.baku-summit.ru]\npreferred = "Бакинский саммит"\n',
        encoding="utf-8",
    )
    findings = lint_files([glossary_copy, desk])
    assert [(f.code, f.severity, f.location.path.name, f.location.line) for f in findings] == [
        ("shadow", Severity.WARNING, "desk.toml", 17)]
    assert "desk.toml takes precedence" in findings[0].message
    result = CliRunner().invoke(main, ["glossary", "lint", str(glossary_copy), str(desk)])
    assert result.exit_code == 0
    assert CliRunner().invoke(main, ["glossary", "lint", "--strict", str(glossary_copy), str(desk)]).exit_code == 6


def test_checks_are_registered_by_name():
    assert {"duplicate", "missing-language", "conflict", "bad-form", "morphology"} <= set(CHECKS)


_HEADER = '[glossary]\nsource = "en"\nlanguages = ["ru"]\n\n'


@pytest.mark.parametrize(
    ("entries", "line", "severity", "fragment"),
    [
        pytest.param('[term.x]\nterm = "X"\ntype = "term"\n[term.x.ru]\npreferred = ""\n', 9, "error",
                     "ru preferred '' is empty", id="empty-preferred"),
        pytest.param('[term.x]\nterm = "++"\ntype = "term"\n[term.x.ru]\npreferred = "плюс"\n', 6, "error",
                     "term '++' has no letters or digits", id="no-letters"),
        pytest.param('[term.x]\nterm = "Baku\u200b"\ntype = "place"\n[term.x.ru]\npreferred = "Баку"\n', 6, "error",
                     "invisible character (U+200B)", id="invisible-character"),
        pytest.param('[term.a]\nterm = "Kremlin"\ntype = "place"\n[term.a.ru]\npreferred = "Кремль"\n\n'
                     '[term.b]\nterm = "the Kremlin"\ntype = "place"\n[term.b.ru]\npreferred = "Кремль"\n', 14,
                     "warning", "ru form 'Кремль' of 'b' is also a form of 'a'", id="shared-form-in-another-language"),
    ],
)
def test_what_cannot_match_as_written(tmp_path, entries, line, severity, fragment):
    path = tmp_path / "g.toml"
    path.write_text(_HEADER + entries, encoding="utf-8")
    findings = lint_files([path])
    matching = [f for f in findings if fragment in f.message]
    assert len(matching) == 1, "\n".join(map(str, findings))
    assert (matching[0].location.line, matching[0].severity.value) == (line, severity)
