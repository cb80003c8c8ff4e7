"""Segmentation: a document's blocks classified (title, caption, body, chrome) and split
into sentences with offsets. :func:`segment_document` is the stage's one entry point."""

from __future__ import annotations

from translate.document import BlockKind, Disposition, Document, Segment
from translate.segmentation.blocks import classify_blocks
from translate.segmentation.sentences import split_sentences

__all__ = ["segment_document"]

# What each chrome policy does with a chrome block ("localise" needs a catalog; see localisation).
_CHROME_DISPOSITION = {"drop": Disposition.DROP, "keep": Disposition.KEEP, "localise": Disposition.DROP}


def segment_document(document: Document, *, chrome: str = "drop", keep_duplicates: bool = False) -> Document:
    """Classify ``document``'s blocks and split the translatable ones into sentences, in place."""
    classify_blocks(document)
    for block in document.blocks:
        if block.kind is BlockKind.CHROME:
            block.disposition = _CHROME_DISPOSITION[chrome]
        elif block.kind is BlockKind.DUPLICATE:
            block.disposition = Disposition.TRANSLATE if keep_duplicates else Disposition.DROP
        if block.disposition is not Disposition.TRANSLATE:
            block.segments = []
            continue
        language = block.language or document.language or "en"
        block.segments = [
            Segment(block.start + start, block.start + end, block.text[start:end])
            for start, end in split_sentences(block.text, language)
        ]
    return document
