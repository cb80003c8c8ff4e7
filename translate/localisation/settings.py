"""The ``[localisation]`` section of the configuration, validated once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from translate.config import DEFAULT_CONFIG, Config
from translate.errors import ConfigError

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
