"""Block classification: title, caption, body paragraph, page chrome, duplicate."""

from __future__ import annotations

from translate.document import BlockKind, Document


def classify_blocks(document: Document) -> None:
    """Set each block's kind (and reason), in place. A block equal to the one before is a duplicate."""
    previous: str | None = None
    for index, block in enumerate(document.blocks):
        text = block.text.strip()
        if previous is not None and text == previous:
            block.kind, block.reason = BlockKind.DUPLICATE, "same text as the block before"
        elif block.kind is BlockKind.UNKNOWN:
            block.kind = BlockKind.TITLE if index == 0 else BlockKind.BODY
        previous = text
