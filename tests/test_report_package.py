"""The report's templates and stylesheet are package data: a built wheel carries them, and a
page renders from the installed wheel alone (not from this source tree).

Builds the wheel offline (no build isolation, no index) from a copy of the project, so that the
build leaves nothing in the working tree.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REPORT_PACKAGE = ROOT / "translate" / "io" / "report"
DATA_FOLDERS = ("templates", "static")

RENDER_FROM_INSTALLED = """
import sys
from pathlib import Path
import translate
from translate.io.report import render_article_report
assert Path(translate.__file__).is_relative_to(Path(sys.argv[1])), translate.__file__
segment = {"block": 0, "segment": 0, "kind": "body", "source": "CSTO met", "target": "ОДКБ", "findings": [],
           "terms": [{"source": "CSTO", "target": "ОДКБ", "status": "kept"}]}
sys.stdout.write(render_article_report({"signature": {"source": "en", "target": "ru"}, "segments": [segment]}))
"""


def data_files() -> set[str]:
    """The report's template and stylesheet files in this source tree, as wheel paths."""
    return {
        path.relative_to(ROOT).as_posix()
        for folder in DATA_FOLDERS
        for path in (REPORT_PACKAGE / folder).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    source = tmp_path_factory.mktemp("source")
    shutil.copy(ROOT / "pyproject.toml", source)
    shutil.copy(ROOT / "README.md", source)
    shutil.copytree(ROOT / "translate", source / "translate", ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path_factory.mktemp("wheel")
    env = {**os.environ, "PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", str(source),
                    "-w", str(out)], check=True, env=env, capture_output=True)
    (built,) = out.glob("*.whl")  # the distribution is newsroom-translate
    return built


@pytest.mark.slow
def test_wheel_contains_every_template_and_the_stylesheet(wheel):
    expected = data_files()
    assert {"translate/io/report/static/report.css", "translate/io/report/templates/base.html"} <= expected
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = next(archive.read(name).decode() for name in names if name.endswith(".dist-info/METADATA"))
    assert expected <= names, sorted(expected - names)
    assert "Requires-Dist: jinja2" in metadata


@pytest.mark.slow
def test_page_renders_from_the_installed_wheel(wheel, tmp_path):
    target = tmp_path / "site"
    env = {**os.environ, "PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, env=env, capture_output=True)
    env["PYTHONPATH"] = str(target)  # ahead of this source tree and of any editable install
    page = subprocess.run([sys.executable, "-c", RENDER_FROM_INSTALLED, str(target)], cwd=tmp_path, env=env,
                          check=True, capture_output=True, text=True).stdout
    css = (REPORT_PACKAGE / "static" / "report.css").read_text(encoding="utf-8")
    assert css.strip() in page
    assert 'id="segments"' in page and 'id="legend"' in page
    assert '<mark class="term term-kept" title="glossary: CSTO → ОДКБ (kept)">CSTO</mark>' in page
