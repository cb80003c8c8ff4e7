"""The layout shows the pipeline: stages import only downwards, modules stay readable."""

from __future__ import annotations

from pathlib import Path


PACKAGE = Path(__file__).resolve().parent.parent / "translate"


def test_stages_import_only_downwards():
    """The layers contract in pyproject.toml ([tool.importlinter]) holds."""
    from importlinter.cli import lint_imports

    assert lint_imports(config_filename=str(PACKAGE.parent / "pyproject.toml"), no_cache=True) == 0
