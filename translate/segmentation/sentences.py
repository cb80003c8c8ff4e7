"""Sentence splitting with offsets. Every sentence is a (start, end) span of the text."""

from __future__ import annotations

import re

# A sentence ends at . ! ? … or the Armenian full stop ։, with closing quotes or brackets,
# before whitespace and an upper-case letter, a digit or an opening quote.
_BOUNDARY = re.compile(r"(?<=[.!?…։])[\"'”’»)\]]*\s+(?=[\"'“‘«(\[]?[\d\w])")


def split_sentences(text: str, language: str) -> list[tuple[int, int]]:
    """Spans of the sentences of ``text`` (leading and trailing space excluded)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    result = []
    for begin, end in spans:
        chunk = text[begin:end]
        stripped = chunk.strip()
        if stripped:
            offset = begin + (len(chunk) - len(chunk.lstrip()))
            result.append((offset, offset + len(stripped)))
    return result
