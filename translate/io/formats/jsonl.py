"""JSON Lines: one article per line, in fields named by the configuration.

Each line becomes a document whose source is the title and the text, a blank line
between; rendering writes the translated title and text back into a copy of the line's
record, so every other field survives. A malformed line, or one over the size limit of an
article, is an error for that article alone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from translate.document import Block, BlockKind, Document
from translate.io.formats import MAX_ARTICLE_BYTES, ReadResult
from translate.io.formats.text import text_blocks


@dataclass(frozen=True)
class JsonlFormat:
    id_field: str = "id"
    title_field: str = "title"
    text_field: str = "text"
    name: str = "jsonl"

    def read(self, text: str, name: str, language: str | None) -> ReadResult:
        result = ReadResult([])
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            article = f"{name}:{number}"
            size = len(line.encode("utf-8"))
            if size > MAX_ARTICLE_BYTES:
                result.errors.append((article, f"line {number}: {size / 1e6:.1f} MB is too large for one article "
                                               f"(limit {MAX_ARTICLE_BYTES / 1e6:.0f} MB)"))
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                result.errors.append((article, f"line {number}: not valid JSON ({error.msg}, column {error.colno})"))
                continue
            if not isinstance(record, dict):
                result.errors.append((article, f"line {number}: a JSON object was expected"))
                continue
            body = record.get(self.text_field)
            title = record.get(self.title_field, "")
            if not isinstance(body, str) or not isinstance(title, str):
                result.errors.append(
                    (article, f"line {number}: needs text in the string field {self.text_field!r}"
                              f" (and optionally {self.title_field!r}); name the fields with --text-field and "
                              "--title-field, or text_field and title_field under [jsonl] in the configuration")
                )
                continue
            identifier = record.get(self.id_field, number)
            source = f"{title}\n\n{body}" if title else body
            body_start = len(title) + 2 if title else 0
            blocks = [Block(0, len(title), title, kind=BlockKind.TITLE)] if title.strip() else []
            blocks += text_blocks(source, body_start)
            metadata = {"record": record, "line": number, "id": identifier, "body_start": body_start}
            result.documents.append(
                Document(source=source, name=f"{name}#{identifier}", language=language, blocks=blocks, metadata=metadata)
            )
        return result

    def render(self, documents: list[Document]) -> str:
        from translate.io.writers import render_text

        lines = []
        for document in documents:
            record = dict(document.metadata["record"])  # type: ignore[arg-type]
            body_start = int(document.metadata["body_start"])  # type: ignore[arg-type]
            if body_start:
                record[self.title_field] = render_text(document, 0, body_start - 2)
            record[self.text_field] = render_text(document, body_start)
            lines.append(json.dumps(record, ensure_ascii=False))
        return "".join(line + "\n" for line in lines)


JSONL = JsonlFormat()
