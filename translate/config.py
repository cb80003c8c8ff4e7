"""Configuration: TOML files validated once, at load; errors name the file and the key.

``configs/default.toml`` holds every default (in a checkout, at the repository root; in an
installed wheel, under ``translate/data/``). A user's file (``--config``) overrides it
key by key. Sections and their keys are declared in :data:`SCHEMA` (checked by
:mod:`translate.schema`); anything else is an error that names the file, the key and the
nearest valid key.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

from translate.errors import ConfigError, UnknownLocaleError, UnsupportedLanguagePair
from translate.locales import language_of
from translate.regular_files import read_named_text
from translate.schema import BOOLEAN, INTEGER, NUMBER, STRING, STRINGS, Table, check


def _data_root() -> Path:
    """The folder that holds configs/, glossaries/ and locale/: in an installed wheel, the
    package's ``data`` (setup.py copies them there); in a checkout, the repository root."""
    packaged = files(__package__) / "data"
    return Path(str(packaged)) if packaged.is_dir() else Path(__file__).resolve().parent.parent


DATA_ROOT = _data_root()
DEFAULT_CONFIG = DATA_ROOT / "configs" / "default.toml"

CHROME_POLICIES = ("drop", "keep", "localise")
# CTranslate2 weight types (besides "auto").
COMPUTE_TYPES = ("int8", "int8_float32", "int8_float16", "int8_bfloat16", "int16", "float16", "bfloat16", "float32")
# localise: dates, times, numbers and amounts protected through the engine and written the
# target locale's way; off: left to the engine (the QA check still compares them).
QUANTITY_POLICIES = ("localise", "off")

# What each section may hold. A user's file may leave out any key; the defaults hold them all.
MODEL = Table({"checkpoint": STRING, "target_token": STRING})
SCHEMA = Table({
    "defaults": Table({"source": STRING, "engine": STRING, "chrome": STRING, "pivot": STRING}),
    # Ranges wide enough for any real use; beyond them a value is a typo (and would hang or crash).
    "generation": Table({
        "num_beams": INTEGER.between(1, 64),
        "batch_size": INTEGER.between(1, 4096),
        "max_batch_tokens": INTEGER.between(0, 1_000_000),
        "max_length_ratio": NUMBER.between(0.1, 100),
        "max_length_slack": INTEGER.between(0, 10_000),
        "no_repeat_ngram_size": INTEGER.between(0, 100),
        "repetition_penalty": NUMBER.between(0.1, 10),
        "threads": INTEGER.between(0, 1024),
        "device": STRING,
        "compute_type": STRING,
    }),
    # The translation memory (translate.memory): a SQLite file, "auto" or "off".
    "memory": Table({"path": STRING, "max_entries": INTEGER.between(1, 10**12),
                     "max_age_days": INTEGER.between(1, 100_000)}),
    # JSON Lines articles: the fields that hold the text, the title and the article's name
    # (`translate batch --text-field …` overrides them).
    "jsonl": Table({"text_field": STRING, "title_field": STRING, "id_field": STRING}),
    "localisation": Table({"catalogs": STRING, "quantities": STRING}),
    "segmentation": Table({"keep_duplicates": BOOLEAN, "site": STRING}),
    # Glossary files (later ones take precedence), relative to the file that lists them.
    "glossary": Table({"files": STRINGS, "enforce": BOOLEAN, "placeholder": STRING}),
    # One table per language pair, e.g. [models.en-hy].
    "models": Table(others=MODEL, name="a table of language pairs"),
})


@dataclass(frozen=True)
class GenerationSettings:
    """Decoding settings shared by the neural engines."""

    num_beams: int = 4
    # Batches hold at most batch_size inputs and, counting padding, max_batch_tokens
    # source tokens (0: no token budget). Inputs are sorted by length first.
    batch_size: int = 32
    max_batch_tokens: int = 1536
    # Output is capped at ratio × input tokens + slack, so a looping model stops early
    # (repetition loops are a known Opus-MT failure; see the README).
    max_length_ratio: float = 2.0
    max_length_slack: int = 10
    no_repeat_ngram_size: int = 4
    repetition_penalty: float = 1.0
    threads: int = 0  # 0: the library's default
    device: str = "cpu"
    # ctranslate2's weight type: auto (int8 on CPU, float16 on GPU), float32, int16, …
    compute_type: str = "auto"

    def as_dict(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


@dataclass(frozen=True)
class LocalisationSettings:
    """``[localisation]``: the UI-string catalogs folder and the quantities policy."""

    catalogs: Path
    quantities: str = "localise"


@dataclass(frozen=True)
class ModelEntry:
    source: str
    target: str
    checkpoint: str
    target_token: str | None = None


@dataclass(frozen=True)
class Config:
    path: Path
    source: str
    engine: str
    chrome: str
    pivot: str
    generation: GenerationSettings
    models: dict[tuple[str, str], ModelEntry] = field(default_factory=dict)
    localisation: LocalisationSettings = field(default_factory=lambda: LocalisationSettings(DATA_ROOT / "locale"))
    # The merged tables, for sections other modules own (validated there, named by file).
    raw: dict[str, Any] = field(default_factory=dict)

    def route(self, source: str, target: str) -> list[ModelEntry]:
        """The checkpoints that take ``source`` to ``target``: one, or two through the pivot."""
        if (source, target) in self.models:
            return [self.models[source, target]]
        pivot = self.pivot
        if (source, pivot) in self.models and (pivot, target) in self.models:
            return [self.models[source, pivot], self.models[pivot, target]]
        pairs = ", ".join(f"{s}-{t}" for s, t in sorted(self.models))
        raise UnsupportedLanguagePair(
            f"no checkpoint for {source}→{target}, directly or through {pivot}; configured pairs: {pairs}. "
            f"Add a [models.{source}-{target}] table or pass --model",
            path=self.path,
            key="models",
        )


def read_toml(path: Path) -> dict[str, Any]:
    """A configuration file's tables; every way it cannot be read is a ConfigError naming it."""
    text = read_named_text(path, lambda why: ConfigError(why, path=path), expected="a TOML file",
                           missing="configuration file not found")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"not valid TOML: {error}", path=path) from None


def _language(code: str, path: Path, key: str) -> str:
    try:
        return language_of(code)
    except UnknownLocaleError as error:
        raise ConfigError(str(error), path=path, key=key) from None


def validate(data: dict[str, Any], path: Path) -> None:
    """Check one file's section and key names and value types (the first problem is the error)."""
    problems = check(data, SCHEMA)
    if problems:
        raise ConfigError(problems[0].message, path=path, key=problems[0].dotted)
    for pair, entry in data.get("models", {}).items():
        if "checkpoint" not in entry:
            raise ConfigError("missing (a hub id or a directory)", path=path, key=f"models.{pair}.checkpoint")
        if pair.count("-") != 1:
            raise ConfigError("a pair is written source-target, e.g. en-hy", path=path, key=f"models.{pair}")


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def load_config(path: str | Path | None = None) -> Config:
    """Load the defaults, then ``path`` over them; validate both once."""
    default_path = DEFAULT_CONFIG
    data = read_toml(default_path)
    validate(data, default_path)
    user_path = Path(path) if path is not None else default_path
    user: dict[str, Any] = {}
    if path is not None:
        user = read_toml(user_path)
        validate(user, user_path)
        data = _merge(data, user)

    def origin(section: str, key: str) -> Path:
        """The file a merged value came from, for error messages."""
        return user_path if key in user.get(section, {}) else default_path

    defaults = data.get("defaults", {})
    chrome = defaults.get("chrome", "drop")
    if chrome not in CHROME_POLICIES:
        raise ConfigError(
            f"must be one of {', '.join(CHROME_POLICIES)}, not {chrome!r}",
            path=origin("defaults", "chrome"),
            key="defaults.chrome",
        )
    generation = GenerationSettings(**data.get("generation", {}))
    compute_types = ("auto", *COMPUTE_TYPES)
    if generation.compute_type not in compute_types:
        raise ConfigError(f"must be one of {', '.join(compute_types)}, not {generation.compute_type!r}",
                          path=origin("generation", "compute_type"), key="generation.compute_type")
    localisation = data.get("localisation", {})
    quantities = localisation.get("quantities", "localise")
    if quantities not in QUANTITY_POLICIES:
        raise ConfigError(f"must be one of {', '.join(QUANTITY_POLICIES)}, not {quantities!r}",
                          path=origin("localisation", "quantities"), key="localisation.quantities")
    # Relative to the file that sets it, like [glossary] files.
    catalogs = Path(localisation.get("catalogs", "../locale")).expanduser()
    if not catalogs.is_absolute():
        catalogs = (origin("localisation", "catalogs").parent / catalogs).resolve()
    models: dict[tuple[str, str], ModelEntry] = {}
    for pair, entry in data.get("models", {}).items():
        key = f"models.{pair}"
        source_code, target_code = pair.split("-")
        source, target = _language(source_code, user_path, key), _language(target_code, user_path, key)
        models[source, target] = ModelEntry(source, target, entry["checkpoint"], entry.get("target_token"))
    return Config(
        path=user_path,
        source=_language(defaults.get("source", "en"), user_path, "defaults.source"),
        engine=defaults.get("engine", "ctranslate2"),
        chrome=chrome,
        pivot=_language(defaults.get("pivot", "en"), user_path, "defaults.pivot"),
        generation=generation,
        models=models,
        localisation=LocalisationSettings(catalogs, quantities),
        raw=data,
    )
