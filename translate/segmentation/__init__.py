"""Segmentation: a document's blocks classified (title, caption, body, chrome, duplicate),
their languages identified, and the translatable ones split into sentences with offsets.
:func:`segment_document` is the stage's one entry point."""

from __future__ import annotations

from translate.document import BlockKind, Disposition, Document, Segment
from translate.segmentation.blocks import classify_blocks
from translate.segmentation.chrome import ChromeCatalog, default_chrome_catalog, load_chrome_catalog
from translate.segmentation.sentences import segmenter_signature, split_sentences

__all__ = [
    "ChromeCatalog",
    "load_chrome_catalog",
    "segment_document",
    "segmenter_signature",
    "split_sentences",
]

# What each chrome policy does with a chrome block. "localise" drops it until the
# localisation stage renders the site's string in the target language: chrome blocks a
# catalog lists carry Block.catalog_entry = (site, msgid) for it.
_CHROME_DISPOSITION = {"drop": Disposition.DROP, "keep": Disposition.KEEP, "localise": Disposition.DROP}


def segment_document(
    document: Document,
    *,
    chrome: str = "drop",
    keep_duplicates: bool = False,
    catalog: ChromeCatalog | None = None,
    site: str | None = None,
) -> Document:
    """Classify ``document``'s blocks and split the translatable ones into sentences, in place.

    ``chrome`` is the policy for page chrome (drop, keep, localise); ``keep_duplicates``
    writes a block printed twice twice (it is translated once either way); ``catalog``
    replaces the shipped chrome catalog; ``site`` says which site the article is from.
    """
    if chrome not in _CHROME_DISPOSITION:
        raise ValueError(f"unknown chrome policy {chrome!r}; use one of {', '.join(_CHROME_DISPOSITION)}")
    classify_blocks(document, catalog=default_chrome_catalog() if catalog is None else catalog, site=site)
    for block in document.blocks:
        if block.kind is BlockKind.CHROME:
            block.disposition = _CHROME_DISPOSITION[chrome]
        elif block.kind is BlockKind.DUPLICATE:
            block.disposition = Disposition.TRANSLATE if keep_duplicates else Disposition.DROP
        else:
            block.disposition = Disposition.TRANSLATE
        if block.disposition is not Disposition.TRANSLATE:
            block.segments = []
            continue
        language = block.language or document.language or "en"
        block.segments = [
            Segment(block.start + start, block.start + end, block.text[start:end])
            for start, end in split_sentences(block.text, language)
        ]
    return document
