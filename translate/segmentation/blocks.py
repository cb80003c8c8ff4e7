"""Block classification: page chrome, language, title, caption, duplicate, body.

In order, every decision leaving its reason in ``Block.reason`` (`translate segment` shows it):

1. the site: the one given (``--site``), else the page's own URL (its first line, or the
   HTML's canonical link), else the first catalog string only one site shows;
2. lines of one block that are of different kinds (a status line under a clip's title)
   are cut apart (:func:`translate.segmentation.page.split_mixed_lines`);
3. CHROME by the UI-string catalogs — the :class:`~translate.io.catalogs.UiCatalogs` the
   ``localise`` policy renders from, the site's entries first — and by the one-line
   structural rules (:mod:`translate.segmentation.chrome`); then the media players'
   lines and item titles (:mod:`translate.segmentation.page`);
4. the article's language, given or identified (:mod:`translate.segmentation.langid`),
   and each block's;
5. a UI heading in another language above the title; the page's head (accessibility
   heading, labels, the title, a badge glued to it); widget headings after the article;
6. DUPLICATE for a block printed again right after itself, CAPTION for the first of such
   a pair and for a caption's form (:mod:`translate.segmentation.captions`), BODY for the rest.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from translate.document import Block, BlockKind, Document
from translate.io.catalogs import MSGID_LANGUAGE
from translate.segmentation.captions import caption_reason, heading_like
from translate.segmentation.chrome import (
    ChromeContext,
    foreign_ui_heading,
    is_url_line,
    structural_match,
    template_debris,
)
from translate.segmentation.langid import Identification, article_language, block_language
from translate.segmentation.page import (
    Page,
    find_title,
    mark_players,
    mark_widget_headings,
    same_text,
    split_mixed_lines,
)
from translate.segmentation.site import site_of_url

if TYPE_CHECKING:
    from translate.io.catalogs import ChromeString, UiCatalogs

__all__ = ["caption_reason", "classify_blocks", "heading_like"]

# What a catalog string is on the page, for the rules that go by position (see page.py).
_CATALOG_ROLES = {
    "please wait": "player-status",
    "No media source currently available": "player-no-media",
    "Your browser doesn’t support HTML5": "amp-fallback",
    "Accessibility links": "accessibility-heading",
}


class _Chrome:
    """The catalogs' side of chrome detection for one article: matches and their reasons."""

    def __init__(self, catalogs: UiCatalogs | None, site: str | None):
        self.catalogs = catalogs
        self.site = site

    def match(self, text: str) -> list[ChromeString]:
        return self.catalogs.match(text, self.site) if self.catalogs is not None else []

    def reason(self, matches: list[ChromeString]) -> str:
        entry = matches[0]
        string = f"UI string “{entry.msgid}” ({entry.language})"
        home = self.catalogs.catalog_site(self.site) if self.catalogs is not None and self.site else None
        if self.site and (entry.site == home or not entry.site or entry.language == MSGID_LANGUAGE):
            return f"page chrome: {self.site} {string}"  # its own entry, or the template's English
        if self.site:
            return f"page chrome: {string}, as the {entry.site} catalog words it (the page is from {self.site})"
        sites = sorted({match.site for match in matches if match.site})
        return f"page chrome: {string} of the Pangea template ({', '.join(sites) or 'any site'})"


def classify_blocks(document: Document, *, catalogs: UiCatalogs | None = None, site: str | None = None,
                    default_language: str = "en") -> None:
    """Set each block's kind, language and reason, and the article's language, in place.

    ``catalogs`` are the UI-string catalogs chrome lines are matched against (none: the
    structural rules only). ``site`` (e.g. ``azatutyun.am``) is the article's site when the
    user says so; the page's URL tells it otherwise. Where the article's language is not
    given (``document.language`` is None) it is identified, ``default_language`` standing
    in when the text is too short to tell. The site, the URL and how the language was told
    are kept in ``document.metadata`` ("site", "url", "language").
    """
    page = Page(document)
    blocks = document.blocks
    url = _string_or_none(document.metadata.get("url"))
    if blocks and blocks[0].kind is BlockKind.UNKNOWN and is_url_line(blocks[0].text):
        url = url or blocks[0].text.strip()
    site = site or _string_or_none(document.metadata.get("site")) or (site_of_url(url) if url else None)
    chrome = _Chrome(catalogs, site)

    lines = Counter(" ".join(line.split()) for block in blocks for line in block.text.split("\n") if line.strip())
    split_mixed_lines(page, lambda line: bool(chrome.match(line)) or template_debris(line) is not None
                      or lines[" ".join(line.split())] > 1)
    blocks = document.blocks
    for index, block in enumerate(blocks):
        if block.kind is not BlockKind.UNKNOWN:
            continue  # the reader knew (e.g. from HTML markup)
        matches = chrome.match(block.text)
        if matches:
            if chrome.site is None and len({match.site for match in matches}) == 1 and matches[0].site:
                chrome.site = matches[0].site  # a string only one site shows names the site
            page.mark(block, _CATALOG_ROLES.get(matches[0].msgid, "catalog"), "")
            block.reason = chrome.reason(matches)
            block.catalog_entry = (matches[0].site, matches[0].msgid)
            continue
        found = structural_match(ChromeContext(blocks, index, None))
        if found:
            page.mark(block, *found)
    mark_players(page)
    blocks = document.blocks

    _languages(document, default_language)
    for index, block in enumerate(blocks):
        if block.kind is BlockKind.UNKNOWN:
            reason = foreign_ui_heading(ChromeContext(blocks, index, document.language))
            if reason:
                page.mark(block, "accessibility-heading", reason)
    scraped = url is not None or any(block.kind is BlockKind.CHROME for block in blocks) or any(
        same_text(first, second) for first, second in zip(blocks, blocks[1:]))
    find_title(page, scraped=scraped, badge=lambda text: bool(chrome.match(text)))
    mark_widget_headings(page)
    _content_kinds(document.blocks)

    if chrome.site:
        document.metadata["site"] = chrome.site
    if url:
        document.metadata["url"] = url


def _languages(document: Document, default_language: str) -> None:
    """The article's language (given, or identified from its content) and each block's."""
    if document.language:
        identification = Identification(document.language, "given")
    else:
        content = [block.text for block in document.blocks if block.kind is not BlockKind.CHROME]
        identification = article_language(content, default_language)
        document.language = identification.language
    document.metadata["language"] = identification.as_dict()
    for block in document.blocks:
        block.language = block_language(block.text, document.language)


def _content_kinds(blocks: list[Block]) -> None:
    """DUPLICATE, CAPTION or BODY for every block not classified yet."""
    previous: tuple[int, Block] | None = None
    for number, block in enumerate(blocks, 1):
        if block.kind in (BlockKind.CHROME, BlockKind.DUPLICATE):
            continue
        if previous is not None and same_text(previous[1], block):
            block.kind = BlockKind.DUPLICATE
            block.reason = f"repeats block {previous[0]} ({previous[1].kind.value}), printed twice in a row"
            continue
        previous = (number, block)
        if block.kind is not BlockKind.UNKNOWN:
            continue
        following = blocks[number] if number < len(blocks) else None
        caption = caption_reason(block)
        if caption is None and following is not None and following.kind is BlockKind.UNKNOWN and same_text(
                block, following):
            caption = "caption: printed twice in a row, as the page prints a photo's caption"
        if caption:
            block.kind, block.reason = BlockKind.CAPTION, caption
        else:
            block.kind, block.reason = BlockKind.BODY, "body paragraph"


def _string_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None
