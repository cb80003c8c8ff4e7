"""Configuration: validated once; errors name the file and the key."""

from __future__ import annotations

import pytest

from translate.config import DATA_ROOT, load_config
from translate.errors import ConfigError, UnknownLocaleError, UnsupportedLanguagePair
from translate.locales import language_of, parse_locale
from translate.pipeline.chain import engine_specs

BAD_CONFIGS = [
    pytest.param("[generation]\nnum_beam = 3\n", "generation.num_beam: unknown key; did you mean 'num_beams'", id="typo-key"),
    pytest.param("[generation]\nnum_beams = '3'\n", "generation.num_beams: must be an integer, not a string", id="wrong-type"),
    pytest.param("[generation]\nnum_beams = true\n", "generation.num_beams: must be an integer, not true", id="bool-not-int"),
    pytest.param("[generation]\nnum_beams = 100000000000000000\n",
                 "generation.num_beams: must be an integer from 1 to 64, not 100000000000000000", id="beams-out-of-range"),
    pytest.param("[generation]\nmax_length_ratio = 1e23\n",
                 "generation.max_length_ratio: must be a number from 0.1 to 100, not 1e+23", id="ratio-out-of-range"),
    pytest.param("[jsonl]\ntext_fields = 'body'\n", "jsonl.text_fields: unknown key; did you mean 'text_field'",
                 id="jsonl-typo"),
    pytest.param("[generation]\nbatch_size = 0\n", "generation.batch_size: must be an integer from 1 to 4096, not 0", id="zero-batch"),
    pytest.param("[defualts]\nsource = 'en'\n", "defualts: unknown key; did you mean 'defaults'", id="typo-section"),
    pytest.param("[defaults]\nchrome = 'hide'\n", "defaults.chrome: must be one of drop, keep, localise", id="bad-policy"),
    pytest.param("[defaults]\nsource = 'xx'\n", "defaults.source: unknown language or locale 'xx'", id="bad-language"),
    pytest.param("[models.en-xx]\ncheckpoint = 'a/b'\n", "models.en-xx: unknown language", id="bad-pair-language"),
    pytest.param("[models.enhy]\ncheckpoint = 'a/b'\n", "models.enhy: a pair is written source-target", id="bad-pair"),
    pytest.param("[models.en-de]\ntarget_token = '>>deu<<'\n", "models.en-de.checkpoint: missing", id="no-checkpoint"),
    pytest.param("[models.en-de]\ncheckpoint = 'a/b'\nrevision = 1\n", "models.en-de.revision: unknown key", id="model-key"),
    pytest.param("generation = 3\n", "generation: must be a table", id="not-a-table"),
    pytest.param("[generation\n", "not valid TOML", id="bad-toml"),
]


@pytest.mark.parametrize(("content", "message"), BAD_CONFIGS)
def test_bad_config_names_file_and_key(tmp_path, content, message):
    path = tmp_path / "user.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert str(error.value).startswith(f"{path}: ")
    assert message in str(error.value)


def test_missing_config_file(tmp_path):
    with pytest.raises(ConfigError, match="configuration file not found"):
        load_config(tmp_path / "none.toml")


def test_user_file_overrides_defaults_key_by_key(tmp_path):
    path = tmp_path / "user.toml"
    path.write_text("[generation]\nnum_beams = 2\n[models.en-de]\ncheckpoint = 'Helsinki-NLP/opus-mt-en-de'\n")
    config = load_config(path)
    assert config.generation.num_beams == 2
    assert config.generation.batch_size == load_config().generation.batch_size  # from the defaults
    assert config.route("en", "de")[0].checkpoint == "Helsinki-NLP/opus-mt-en-de"
    assert config.route("en", "hy")[0].checkpoint == "Helsinki-NLP/opus-mt-en-hy"


CATALOG_FOLDERS = [
    pytest.param("", lambda user: DATA_ROOT / "locale", id="default-beside-configs"),
    pytest.param("[localisation]\ncatalogs = 'mine'\n", lambda user: user / "mine", id="relative-to-user-file"),
    pytest.param("[localisation]\ncatalogs = '../shared/locale'\n", lambda user: user.parent / "shared" / "locale",
                 id="parent-of-user-file"),
]


@pytest.mark.parametrize(("content", "expected"), CATALOG_FOLDERS)
def test_catalog_folder_resolves_against_the_file_that_sets_it(tmp_path, content, expected):
    """Like [glossary] files: a user's relative path is theirs, not the package's data."""
    user = tmp_path / "desk"
    user.mkdir()
    (user / "user.toml").write_text(content, encoding="utf-8")
    assert load_config(user / "user.toml").localisation.catalogs == expected(user).resolve()


ROUTES = [
    pytest.param("en", "hy", ["Helsinki-NLP/opus-mt-en-hy"], id="en-hy"),
    pytest.param("en", "ru", ["Helsinki-NLP/opus-mt-en-ru"], id="en-ru"),
    pytest.param("hy", "ru", ["Helsinki-NLP/opus-mt-hy-ru"], id="hy-ru"),
    pytest.param("ru", "hy", ["Helsinki-NLP/opus-mt-ru-hy"], id="ru-hy-multilingual"),
]


@pytest.mark.parametrize(("source", "target", "checkpoints"), ROUTES)
def test_default_routes(source, target, checkpoints):
    assert [entry.checkpoint for entry in load_config().route(source, target)] == checkpoints


def test_multilingual_pair_carries_its_target_token():
    [spec] = engine_specs(load_config(), "ru", "hy")
    assert spec.target_token == ">>hye<<"


def test_pivot_through_english(tmp_path):
    path = tmp_path / "user.toml"
    path.write_text("[models.de-en]\ncheckpoint = 'Helsinki-NLP/opus-mt-de-en'\n")
    route = load_config(path).route("de", "hy")
    assert [entry.checkpoint for entry in route] == ["Helsinki-NLP/opus-mt-de-en", "Helsinki-NLP/opus-mt-en-hy"]


def test_unsupported_pair_lists_configured_pairs():
    with pytest.raises(UnsupportedLanguagePair, match=r"no checkpoint for fr→de.*en-hy"):
        load_config().route("fr", "de")


@pytest.mark.parametrize(
    ("code", "language"),
    [("hy", "hy"), ("hy_AM", "hy"), ("hy-AM", "hy"), ("ru-RU", "ru"), ("EN", "en"), (" ru ", "ru")],
)
def test_locale_codes_normalise(code, language):
    assert language_of(code) == language


@pytest.mark.parametrize(
    ("code", "suggestion"),
    [("hy_XX", "hy_AM"), ("armenian", "hy"), ("Russain", "ru")],
)
def test_unknown_locale_lists_near_matches(code, suggestion):
    with pytest.raises(UnknownLocaleError, match=f"Did you mean: .*{suggestion}"):
        parse_locale(code)
