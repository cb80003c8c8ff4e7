"""The ``[localisation]`` section of the configuration, validated once, and the UI-string
catalogs it names: the one place the catalogs folder is decided, for the segmenter's
chrome detection and the ``localise`` policy alike."""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from pathlib import Path

from translate.config import DEFAULT_CONFIG, Config, load_config
from translate.errors import ConfigError
from translate.io.catalogs import UiCatalogs

log = logging.getLogger(__name__)

# localise: dates, times, numbers and amounts protected through the engine and written the
# target locale's way; off: left to the engine (the QA check still compares them).
QUANTITY_POLICIES = ("localise", "off")
# Relative catalog paths are relative to the repository root (the folder of configs/).
ROOT = DEFAULT_CONFIG.parent.parent


@dataclass(frozen=True)
class LocalisationSettings:
    catalogs: Path
    quantities: str = "localise"


def localisation_settings(config: Config) -> LocalisationSettings:
    table = config.raw.get("localisation", {})
    quantities = table.get("quantities", "localise")
    if quantities not in QUANTITY_POLICIES:
        raise ConfigError(f"must be one of {', '.join(QUANTITY_POLICIES)}, not {quantities!r}",
                          path=config.path, key="localisation.quantities")
    catalogs = Path(table.get("catalogs", "locale")).expanduser()
    return LocalisationSettings(catalogs if catalogs.is_absolute() else ROOT / catalogs, quantities)


def configured_ui_catalogs(config: Config) -> UiCatalogs:
    """The catalogs of ``[localisation] catalogs``: what chrome is recognised by and localised from.

    A folder that does not exist is a configuration error (a typo would otherwise turn
    catalog matching off without a word); an empty one leaves the structural rules alone.
    """
    directory = localisation_settings(config).catalogs
    if not directory.is_dir():
        raise ConfigError(f"no such folder: {directory}; point it at the UI-string catalogs (the project's "
                          "are in locale/) or start one with `translate ui extract`",
                          path=config.path, key="localisation.catalogs")
    catalogs = UiCatalogs.load(directory)
    if not catalogs:
        log.warning("no UI-string catalogs in %s: chrome is recognised by the structural rules only and "
                    "cannot be localised (see `translate ui --help`)", directory)
    return catalogs


@functools.lru_cache(maxsize=1)
def default_ui_catalogs() -> UiCatalogs:
    """The default configuration's catalogs (the shipped ones), read once: for callers without a config."""
    return configured_ui_catalogs(load_config())
