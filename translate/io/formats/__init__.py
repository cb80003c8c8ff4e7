"""Article file formats: each reads a file's text into documents and renders them back.

A format is looked up by file suffix in :data:`FORMATS`. ``read`` returns the documents
(one for most formats, one per line for JSON Lines) and per-article errors that do not
stop the rest; ``render`` turns translated documents back into the file's own format.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Protocol

from translate.document import Document

# Articles larger than this are refused: nobody writes one, a scraper bug does. For a file
# of several articles (JSON Lines) the limit is per article (line).
MAX_ARTICLE_BYTES = 2_000_000


@dataclass
class ReadResult:
    documents: list[Document]
    # (article id, message) for articles of the file that could not be read.
    errors: list[tuple[str, str]] = field(default_factory=list)


class Format(Protocol):
    name: str

    def read(self, text: str, name: str, language: str | None) -> ReadResult: ...

    def render(self, documents: list[Document]) -> str: ...


# suffix → "module:attribute". Register each format here and nowhere else.
FORMATS: dict[str, str] = {
    ".txt": "translate.io.formats.text:TEXT",
    ".text": "translate.io.formats.text:TEXT",
    ".md": "translate.io.formats.markdown:MARKDOWN",
    ".markdown": "translate.io.formats.markdown:MARKDOWN",
    ".html": "translate.io.formats.html:HTML",
    ".htm": "translate.io.formats.html:HTML",
    ".jsonl": "translate.io.formats.jsonl:JSONL",
}


def format_for(suffix: str, options: dict[str, str] | None = None) -> Format:
    """The format of a file suffix (unknown suffixes read as plain text). ``options``
    configure formats that take them (JSON Lines field names)."""
    module_name, attribute = FORMATS.get(suffix.lower(), FORMATS[".txt"]).split(":")
    instance = getattr(importlib.import_module(module_name), attribute)
    import dataclasses

    if options and dataclasses.is_dataclass(instance):
        known = {f.name for f in dataclasses.fields(instance)}
        instance = dataclasses.replace(instance, **{k: v for k, v in options.items() if k in known})
    return instance
