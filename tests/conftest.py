"""Shared fixtures. Nothing here downloads: checkpoints are built on the spot."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# No test may reach the hub, whatever the environment says.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"
# The project's shared reference data and fixtures, beside the repository (../shared).
SHARED = Path(os.environ.get("TRANSLATE_SHARED", REPO.parent / "shared"))


def shared_folder(*parts: str) -> Path:
    """A folder of ../shared; the test is skipped, with the reason, where it is absent, and
    fails instead under CI=true (CI must have it)."""
    path = SHARED.joinpath(*parts)
    if not path.is_dir():
        reason = f"{path} is not on this machine (the shared fixtures live beside the repository)"
        if os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}:
            pytest.fail(f"{reason}, and CI=true: CI must provide it")
        pytest.skip(reason)
    return path


@pytest.fixture(autouse=True)
def _private_user_cache(tmp_path_factory, monkeypatch):
    """Each test has its own user cache (translation memory, converted hub models): none
    writes the real one, and none finds segments another test translated."""
    monkeypatch.setenv("TRANSLATE_CACHE_DIR", str(tmp_path_factory.mktemp("user-cache")))


@pytest.fixture(scope="session")
def tiny_checkpoint(tmp_path_factory) -> Path:
    """A tiny en→hy Marian checkpoint built offline (see translate.engines.tiny)."""
    from translate.engines.tiny import build_tiny_marian

    return build_tiny_marian(tmp_path_factory.mktemp("tiny-en-hy"), source="en", target="hy")


@pytest.fixture(scope="session")
def tiny_multilingual_checkpoint(tmp_path_factory) -> Path:
    """A tiny ru→{hy,en} checkpoint that needs a >>hye<< / >>eng<< target token, like opus-mt-ru-hy."""
    from translate.engines.tiny import build_tiny_marian

    return build_tiny_marian(
        tmp_path_factory.mktemp("tiny-ru-mul"), source="ru", target="hy", target_tokens=[">>hye<<", ">>eng<<"]
    )


@pytest.fixture
def sample_article() -> Path:
    return SAMPLES / "azatutyun-csto-border.txt"


@pytest.fixture
def pseudo_inputs(monkeypatch) -> list[str]:
    """Every text the pseudo engine is asked to translate (it records, then translates)."""
    from translate.engines.pseudo import PseudoEngine

    received: list[str] = []
    translate = PseudoEngine.translate

    def recording(self, texts):
        received.extend(texts)
        return translate(self, texts)

    monkeypatch.setattr(PseudoEngine, "translate", recording)
    return received


OPUS_TOKENIZERS = ("opus-mt-en-mg", "opus-mt-tc-big-en-pt", "opus-mt-tc-big-fr-en")


@pytest.fixture(scope="session")
def opus_tokenizers() -> Path:
    """The real tokenizer files of three published Opus-MT checkpoints (../shared, no weights)."""
    return shared_folder("fixtures", "opus-mt-tokenizers")


@pytest.fixture(scope="session")
def opus_tiny(opus_tokenizers, tmp_path_factory) -> dict[str, Path]:
    """A tiny random checkpoint around each real tokenizer, built once per session the way a
    user builds one (`translate models build-tiny DIR --tokenizer TOKDIR`)."""
    from click.testing import CliRunner

    from translate.cli import main

    built = {}
    root = tmp_path_factory.mktemp("opus-tiny")
    for name in OPUS_TOKENIZERS:
        result = CliRunner().invoke(main, ["models", "build-tiny", str(root / name),
                                           "--tokenizer", str(opus_tokenizers / name)])
        assert result.exit_code == 0, result.output
        built[name] = root / name
    return built
