"""One table of exit codes: the enum, `translate --help` and README.md agree; errors map in one place."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from translate import errors
from translate.cli import main
from translate.errors import ExitCode, TranslateError, exit_code_table

README = Path(__file__).resolve().parent.parent / "README.md"

# The table later work relies on: name → code.
EXPECTED = {"OK": 0, "PARTIAL": 1, "USAGE": 2, "CONFIG": 3, "INPUT": 4, "MODEL": 5, "FINDINGS": 6,
            "ENVIRONMENT": 7, "INTERNAL": 70, "INTERRUPTED": 130}


def _table_rows(text: str) -> list[tuple[int, str, str]]:
    return [(int(code), name, meaning.strip())
            for code, name, meaning in re.findall(r"^\s*(\d+)  ([A-Z]+)\s+(.+)$", text, re.MULTILINE)]


def test_the_enum_is_the_agreed_table():
    assert {code.name: code.value for code in ExitCode} == EXPECTED


def test_readme_help_and_enum_agree():
    from_enum = _table_rows("\n".join(exit_code_table()))
    readme = README.read_text(encoding="utf-8")
    section = readme[readme.index("## Exit codes"):]
    block = section[section.index("```") + 3 : section.index("```", section.index("```") + 3)]
    help_text = CliRunner().invoke(main, ["--help"]).output
    assert len(from_enum) == len(ExitCode)
    assert _table_rows(block) == from_enum
    assert _table_rows(help_text[help_text.index("Exit codes:"):]) == from_enum


def _error_classes() -> list[type[TranslateError]]:
    return [value for value in vars(errors).values()
            if isinstance(value, type) and issubclass(value, TranslateError) and value is not TranslateError]


@pytest.mark.parametrize("error_class", _error_classes(), ids=lambda cls: cls.__name__)
def test_every_error_class_has_one_code_and_none_is_internal(error_class):
    """INTERNAL (70) is for bugs only: an error raised on purpose always says which case it is."""
    assert isinstance(error_class.exit_code, ExitCode)
    assert error_class.exit_code not in (ExitCode.OK, ExitCode.INTERNAL, ExitCode.INTERRUPTED)


@pytest.mark.parametrize(
    ("raised", "code", "message"),
    [
        pytest.param(KeyboardInterrupt(), 130, "Rerun the same command", id="ctrl-c"),
        pytest.param(ZeroDivisionError("boom"), 70, "internal error: ZeroDivisionError", id="bug"),
        pytest.param(errors.TranslationMemoryError("tm.sqlite: damaged"), 7, "tm.sqlite: damaged", id="environment"),
        pytest.param(errors.EngineError("the engine crashed"), 5, "the engine crashed", id="model"),
    ],
)
def test_the_group_maps_what_a_command_raises(monkeypatch, tmp_path, raised, code, message):
    def segment_document(*args, **kwargs):
        raise raised

    monkeypatch.setattr("translate.segmentation.segment_document", segment_document)
    article = tmp_path / "a.txt"
    article.write_text("Yerevan hosted the talks.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["segment", str(article)])
    assert result.exit_code == code, result.output
    assert message in result.output and "Traceback" not in result.output
