"""A stand-in engine that gets inline tags wrong, shared by the HTML and Markdown tests."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from translate.config import load_config
from translate.io.formats import format_for
from translate.pipeline.runner import Pipeline


class TagMangler:
    """Stands in for an engine: "translates" by upper-casing, and gets the numbers that carry
    the tags wrong the way real MT does (drops, repeats, swaps or moves one)."""

    def __init__(self, source: str, target: str, fault: str):
        self.source, self.target, self.fault, self.seen = source, target, fault, []

    def translate(self, texts: Sequence[str]) -> list[str]:
        self.seen += list(texts)
        return [self._mangle(text.upper()) for text in texts]

    def _mangle(self, text: str) -> str:
        tokens = re.findall(r"\b\d{3}\b", text)
        if len(tokens) < 2 or self.fault == "faithful":
            return text
        first, second = tokens[0], tokens[1]
        if self.fault == "drop-closing":
            return text.replace(f" {second}", "", 1)
        if self.fault == "drop-both":
            return re.sub(r" ?\b\d{3}\b", "", text)
        if self.fault == "swapped":
            return text.replace(first, "#").replace(second, first).replace("#", second)
        if self.fault == "repeated":
            return text.replace(first, f"{first} {first}", 1)
        if self.fault == "reordered":  # the tagged words moved to the front, tags with them
            inside = re.search(rf"{first}.*?{second}", text).group()
            return inside + " " + " ".join(text.replace(inside, "").split())
        if self.fault == "glued":  # Armenian-style suffixes glued to the numbers
            return text.replace(f" {second}", f" {second}-ին", 1).replace(f"{first} ", f"{first}", 1)
        raise ValueError(self.fault)

    def translate_full(self, texts):
        from translate.engines import Translation

        return [Translation(text) for text in self.translate(texts)]

    def signature(self) -> dict[str, object]:
        return {"engine": "tag-mangler"}


def translate_with_mangler(monkeypatch, text: str, suffix: str, fault: str = "faithful", target: str = "hy"):
    """``text`` (a file's content) read, translated by a :class:`TagMangler` with ``fault``
    and rendered: (document, output, engines)."""
    engines: list[TagMangler] = []

    def load_engine(name, spec):
        engines.append(TagMangler(spec.source, spec.target, fault))
        return engines[-1]

    monkeypatch.setattr("translate.pipeline.chain.load_engine", load_engine)
    pipeline = Pipeline(load_config(), engine="pseudo")
    documents, _ = pipeline.prepare_bytes(text.encode(), Path(f"page{suffix}"), "en")
    [(document, _)] = pipeline.translate_documents(documents, target)
    return document, format_for(suffix).render([document]), engines
