"""Pseudo-localisation: visibly transformed text, for trying the pipeline without a model.

Every output is bracketed and tagged with the target language, and letters are swapped
for accented look-alikes, so nobody mistakes it for a translation. Digits, placeholders
(``⟦…⟧``) and markup tags pass through unchanged. It copies any character (its coverage
loses none), so the wrappers may give it ``⟦…⟧`` placeholders, which an Opus-MT checkpoint
would lose (``⟦`` and ``⟧`` are ``<unk>`` in its vocabulary: translate.engines.placeholders).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from translate.engines.base import Engine, EngineSpec

_ACCENTED = str.maketrans(
    "abcdeghiklnorstuwyzABCDEGHIKLNORSTUWYZ",
    "áƀçđéĝĥíķĺñóŕšťúŵýžÁƁÇĐÉĜĤÍĶĹÑÓŔŠŤÚŴÝŽ",
)
# Spans copied as they are: placeholders, tags, numbers.
_VERBATIM = re.compile(r"⟦[^⟧]*⟧|<[^<>]*>|\d+(?:[.,:]\d+)*")


class PseudoEngine(Engine):
    name = "pseudo"
    needs_checkpoint = False
    cacheable = False  # instant, and not a translation: never stored in the translation memory

    def __init__(self, source: str, target: str):
        self.source = source
        self.target = target

    @classmethod
    def load(cls, spec: EngineSpec) -> PseudoEngine:
        return cls(spec.source, spec.target)

    def translate(self, texts: Sequence[str]) -> list[str]:
        return [self._pseudo(text) for text in texts]

    def _pseudo(self, text: str) -> str:
        if not text.strip():
            return text
        parts: list[str] = []
        cursor = 0
        for match in _VERBATIM.finditer(text):
            parts.append(text[cursor : match.start()].translate(_ACCENTED))
            parts.append(match.group())
            cursor = match.end()
        parts.append(text[cursor:].translate(_ACCENTED))
        return f"[{self.target}: {''.join(parts)}]"

    def signature(self) -> dict[str, object]:
        return {"engine": self.name, "checkpoint": None, "note": "pseudo-localisation, not a translation"}
