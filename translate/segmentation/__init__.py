"""Segmentation: a document's blocks classified (title, caption, body, chrome, duplicate),
the article's language and its blocks' identified, and the translatable ones split into
sentences with offsets. :func:`segment_document` is the stage's one entry point."""

from __future__ import annotations

from typing import TYPE_CHECKING

from translate.document import BlockKind, Disposition, Document, Segment
from translate.segmentation.blocks import classify_blocks
from translate.segmentation.sentences import segmenter_signature, split_sentences

if TYPE_CHECKING:
    from translate.io.catalogs import UiCatalogs

__all__ = [
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
    catalogs: UiCatalogs | None = None,
    site: str | None = None,
    default_language: str = "en",
) -> Document:
    """Classify ``document``'s blocks and split the translatable ones into sentences, in place.

    ``chrome`` is the policy for page chrome (drop, keep, localise); ``keep_duplicates``
    writes a block printed twice twice (it is translated once either way); ``catalogs``
    are the UI-string catalogs chrome is recognised by — pass the configuration's
    (:func:`~translate.io.catalogs.configured_ui_catalogs`), so that the
    ``localise`` policy renders from the same ones; without them, the default
    configuration's are used. ``site`` says which site the article is from (else the
    page's URL tells). An article whose ``language`` is None has it identified;
    ``default_language`` stands in where its text is too short to tell.
    """
    if chrome not in _CHROME_DISPOSITION:
        raise ValueError(f"unknown chrome policy {chrome!r}; use one of {', '.join(_CHROME_DISPOSITION)}")
    if catalogs is None:
        # Reads the configuration and the PO files: only on first use.
        from translate.io.catalogs import default_ui_catalogs

        catalogs = default_ui_catalogs()
    classify_blocks(document, catalogs=catalogs, site=site, default_language=default_language)
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
        block.share_markup()
    return document
