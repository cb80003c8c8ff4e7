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
