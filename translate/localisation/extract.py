"""Chrome strings collected from scraped articles, for the catalog template.

Two sources:

- plain text: the blocks the segmenter classifies as page chrome, and any line that is
  already a msgid or msgstr of the loaded catalogs (so a known string is found even
  where the chrome detector misses it);
- HTML pages: the template's skip-link block ``section > div.sr-only`` — an ``h2``
  ("Accessibility links") and links to ``#content``, ``#navigation`` and
  ``#txtHeaderSearch`` — whose texts are the site's own localized chrome strings. The
  role of each element gives its English msgid, the page's ``lang`` its language and
  ``og:url`` its site, so these wordings are *harvested*: they are known to be right.

A harvested wording is kept in the template as an extracted comment
(``#. seen on the site in hy: …``); ``translate ui init`` / ``update`` fill an empty
msgstr of that language from it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from translate.document import BlockKind, Document
from translate.errors import InputError, UnknownLocaleError
from translate.io.catalogs import MSGID_LANGUAGE, UiCatalogs
from translate.locales import language_of
from translate.segmentation.chrome import template_debris

# The skip-link block: the h2's msgid and each link target's msgid.
SKIP_LINK_HEADING = "Accessibility links"
SKIP_LINKS = {
    "#content": "Skip to main content",
    "#navigation": "Skip to main Navigation",
    "#txtHeaderSearch": "Skip to Search",
}
_SKIP_LINK_BLOCK = "//section/div[contains(concat(' ', normalize-space(@class), ' '), ' sr-only ')]"

HARVESTED = "seen on the site in {language}: {text}"
_HARVESTED = re.compile(r"^seen on the site in (?P<language>[A-Za-z_]+): (?P<text>.+)$")

ARTICLE_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm"}


@dataclass(frozen=True)
class SeenString:
    """A chrome string seen in an article: its entry (site, msgid) and how it was written."""

    site: str
    msgid: str
    text: str
    language: str | None  # the language ``text`` is in, where known
    location: tuple[str, int | None]

    @property
    def harvested(self) -> str | None:
        """The extracted comment that records a localized wording, if this is one."""
        if self.language is None or (self.language == MSGID_LANGUAGE and self.text == self.msgid):
            return None
        return HARVESTED.format(language=self.language, text=self.text)


def harvested_wordings(comments: Iterable[str], language: str) -> list[str]:
    """The wordings of ``language`` that extracted comments record (see :data:`HARVESTED`)."""
    wordings = []
    for comment in comments:
        match = _HARVESTED.match(comment)
        if match and match.group("language") == language and match.group("text") not in wordings:
            wordings.append(match.group("text"))
    return wordings


def _shown(path: Path) -> str:
    """A path as the template records it: relative to the working directory where it can be."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _clean(text: str) -> str:
    return " ".join(text.split())


def _line_of(document: Document, offset: int) -> int:
    return document.source.count("\n", 0, offset) + 1


def strings_from_text(document: Document, *, catalogs: UiCatalogs | None = None, site: str | None = None
                      ) -> Iterator[SeenString]:
    """The chrome strings of a segmented plain-text ``document``.

    A block's entry is the one the segmenter recorded (``Block.catalog_entry``), else the
    catalogs' best match for its text (a known string the chrome detector missed); other
    chrome lines with words become their own msgids. Template debris (breakpoint names,
    player times) has no words to localise and is left out.
    """
    for block in document.blocks:
        location = (document.name, _line_of(document, block.start))
        matches = catalogs.match(block.text, site) if catalogs else []
        if block.catalog_entry:
            entry_site, msgid = block.catalog_entry
            # The language of the wording matched, where the catalogs say; else the block's script's.
            language = next((match.language for match in matches if (match.site, match.msgid) == block.catalog_entry),
                            block.language)
            yield SeenString(entry_site, msgid, _clean(block.text), language, location)
        elif matches:
            entry = matches[0]
            yield SeenString(entry.site, entry.msgid, _clean(block.text), entry.language, location)
        elif (block.kind is BlockKind.CHROME and any(character.isalpha() for character in block.text)
              and not template_debris(block.text)):
            site = site or document.metadata.get("site")  # type: ignore[assignment]
            if not site:
                raise InputError(
                    f"{document.name}: cannot tell which site the chrome line {block.text!r} comes from; "
                    "pass --site (e.g. --site azatutyun.am)"
                )
            yield SeenString(site, _clean(block.text), _clean(block.text), None, location)


def _site_of(tree) -> str | None:
    for url in tree.xpath("//meta[@property='og:url']/@content | //link[@rel='canonical']/@href"):
        host = urlparse(url).hostname
        if host:
            return host.removeprefix("www.")
    return None


def _page_language(tree, name: str) -> str | None:
    code = (tree.xpath("string(/html/@lang)") or "").strip()
    if not code:
        return None
    try:
        return language_of(code)
    except UnknownLocaleError:
        return None


def strings_from_html(data: bytes, name: str, *, site: str | None = None) -> Iterator[SeenString]:
    """The localized strings of an HTML page's skip-link block."""
    from lxml import etree, html  # only extraction from HTML needs lxml

    try:
        tree = html.document_fromstring(data)
    except (etree.ParserError, ValueError) as error:
        raise InputError(f"{name}: not an HTML page: {error}") from None
    page_site = site or _site_of(tree)
    language = _page_language(tree, name)
    for block in tree.xpath(_SKIP_LINK_BLOCK):
        found = [(SKIP_LINK_HEADING, heading) for heading in block.xpath(".//h2")]
        found += [(SKIP_LINKS[link.get("href")], link) for link in block.xpath(".//a[@href]")
                  if link.get("href") in SKIP_LINKS]
        for msgid, element in found:
            text = _clean(element.text_content())
            if not text:
                continue
            if not page_site:
                raise InputError(f"{name}: the page names no site (og:url); pass --site (e.g. --site azatutyun.am)")
            yield SeenString(page_site, msgid, text, language, (name, element.sourceline))


def article_files(paths: Iterable[Path]) -> list[Path]:
    """The article and HTML files among ``paths``, directories searched recursively."""
    suffixes = ARTICLE_SUFFIXES | HTML_SUFFIXES
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes)
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(f"{path}: no such file or directory")
    return files


def strings_from_files(paths: Iterable[Path], *, catalogs: UiCatalogs | None = None, site: str | None = None,
                       language: str = "en") -> Iterator[SeenString]:
    """The chrome strings of article files and HTML pages (by suffix), in order.

    Plain-text articles are segmented with ``catalogs`` (the default configuration's
    without them), so chrome is recognised as `translate run` recognises it.
    """
    from translate.io.readers import read_bytes, read_document
    from translate.segmentation import segment_document

    for path in article_files(paths):
        if path.suffix.lower() in HTML_SUFFIXES:
            yield from strings_from_html(read_bytes(path), _shown(path), site=site)
        else:
            document = segment_document(read_document(path, language=language), catalogs=catalogs, site=site)
            document.name = _shown(path)
            yield from strings_from_text(document, catalogs=catalogs, site=site)
