"""Fixtures for the glossary tests: the shipped glossary, copies to edit, stand-in engines."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from translate.engines.base import Translator

REPO = Path(__file__).resolve().parents[2]
NEWSROOM = REPO / "glossaries" / "newsroom.toml"
DATA = Path(__file__).resolve().parent / "data"


class StandIn(Translator):
    """A stand-in engine: ``reply`` maps each input to its output; every call is recorded."""

    cacheable = False  # the chain puts no translation memory around it: every run asks it again

    def __init__(self, reply: Callable[[str], str], source: str = "en", target: str = "ru"):
        self.reply = reply
        self.source = source
        self.target = target
        self.calls: list[list[str]] = []

    def translate(self, texts: Sequence[str]) -> list[str]:
        self.calls.append(list(texts))
        return [self.reply(text) for text in texts]

    def signature(self) -> dict[str, object]:
        return {"engine": "stand-in"}


@pytest.fixture(scope="session")
def newsroom():
    from translate.glossary.store import load_glossary

    return load_glossary([NEWSROOM])


@pytest.fixture
def glossary_copy(tmp_path) -> Path:
    """A copy of the shipped glossary to edit, and a config file that names it."""
    copy = tmp_path / "glossaries" / "newsroom.toml"
    copy.parent.mkdir()
    shutil.copy(NEWSROOM, copy)
    (tmp_path / "config.toml").write_text('[glossary]\nfiles = ["glossaries/newsroom.toml"]\n', encoding="utf-8")
    return copy


@pytest.fixture
def article() -> Path:
    return DATA / "article.txt"
