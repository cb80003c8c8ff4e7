"""The layout shows the pipeline: stages import only downwards, modules stay readable."""

from __future__ import annotations

import logging
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "translate"


def test_stages_import_only_downwards():
    """The layers contract in pyproject.toml ([tool.importlinter]) holds."""
    from importlinter.cli import lint_imports

    # lint_imports configures logging with dictConfig, which disables every logger that exists
    # by then (translate's included): a later test reading a warning would see nothing.
    enabled = [logger for logger in logging.root.manager.loggerDict.values()
               if isinstance(logger, logging.Logger) and not logger.disabled]
    try:
        assert lint_imports(config_filename=str(PACKAGE.parent / "pyproject.toml"), no_cache=True) == 0
    finally:
        for logger in enabled:
            logger.disabled = False


# A module past this length is doing two jobs: split it along the pipeline's stages.
MAX_MODULE_LINES = 420


def test_no_module_is_too_long():
    lengths = {path.relative_to(PACKAGE).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
               for path in PACKAGE.rglob("*.py")}
    too_long = {name: lines for name, lines in lengths.items() if lines > MAX_MODULE_LINES}
    assert not too_long, f"modules over {MAX_MODULE_LINES} lines: {too_long}"
