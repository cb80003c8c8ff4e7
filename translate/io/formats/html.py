"""HTML pages (Pangea, the CMS of RFE/RL and VOA sites): the article extracted by the
template's structure, chrome removed, translated text put back so the page stays valid.

The document's source is the extracted text, one block per element (title, caption,
paragraph), blank lines between; each block remembers its element's path, so rendering
re-parses the page and writes each translation into its element. Template chrome
(skip links, header, player, share bar, footer, breakpoint block) becomes CHROME blocks
and follows the chrome policy: removed, kept, or replaced by the localised string.
"""

from __future__ import annotations

from translate.document import Block, BlockKind, Disposition, Document
from translate.errors import InputError
from translate.io.formats import ReadResult


def _has_class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


# Where the Pangea template puts its chrome (see the page-chrome reference).
CHROME_XPATH = " | ".join(
    [
        f"//section/div[{_has_class('sr-only')}]",
        f"//div[{_has_class('hdr-20')} or {_has_class('hdr')} or {_has_class('menu-pnl')} or {_has_class('srch-top')}]",
        f"//nav[{_has_class('main-nav')}]",
        f"//div[{_has_class('c-hlights--breaking')} or {_has_class('ctc-message')}]",
        f"//div[starts-with(@class, 'c-mmp') or contains(@class, ' c-mmp') or {_has_class('c-spinner')}]",
        f"//div[{_has_class('media-download')} or {_has_class('article-share')} or {_has_class('print-dialogue')}]",
        f"//button[{_has_class('btn-popout-player')}] | //ul[{_has_class('share__list')}]",
        f"//p[{_has_class('link-comments')}] | //div[@id='comments']",
        f"//footer | //div[{_has_class('back-to-top-nav')} or {_has_class('responsive-indicator')}]",
    ]
)
# The article's text, in the template's places; a page without them falls back to any text element.
TITLE_XPATH = f"//div[{_has_class('col-title')}]//h1 | //h1[{_has_class('pg-title')}]"
CAPTION_XPATH = f"//div[{_has_class('cover-media')}]//*[self::figcaption or {_has_class('caption')}]"
BODY_XPATH = f"//div[{_has_class('wsw')}]//*[self::p or self::h2 or self::h3 or self::h4 or self::li or self::blockquote]"
GENERIC_XPATH = "//body//*[self::h1 or self::h2 or self::h3 or self::p or self::li or self::figcaption or self::blockquote or self::td]"
_NEVER_TEXT = {"script", "style", "noscript", "template", "nav", "header", "footer"}
# Where the page says its own address: the segmenter takes the site from it.
URL_XPATH = "//link[@rel='canonical']/@href | //meta[@property='og:url']/@content"


def _text_of(element) -> str:
    return " ".join(element.text_content().split())


def _parse(html: str, name: str):
    import lxml.html
    from lxml.etree import ParserError

    if not html.strip():
        raise InputError(f"{name}: empty HTML page")
    try:
        return lxml.html.document_fromstring(html)
    except (ParserError, ValueError) as error:
        raise InputError(f"{name}: malformed HTML: {error}") from None


class HtmlFormat:
    name = "html"

    def read(self, text: str, name: str, language: str | None) -> ReadResult:
        root = _parse(text, name)
        tree = root.getroottree()
        chrome = [element for element in root.xpath(CHROME_XPATH)]
        chrome_set = set(chrome)

        def inside_chrome(element) -> bool:
            return any(ancestor in chrome_set for ancestor in element.iterancestors()) or element in chrome_set

        found: list[tuple[object, BlockKind]] = []
        for xpath, kind in ((TITLE_XPATH, BlockKind.TITLE), (CAPTION_XPATH, BlockKind.CAPTION), (BODY_XPATH, BlockKind.BODY)):
            found += [(element, kind) for element in root.xpath(xpath)]
        if not any(kind is BlockKind.BODY for _, kind in found):
            found = [(element, BlockKind.TITLE if element.tag == "h1" else BlockKind.UNKNOWN) for element in root.xpath(GENERIC_XPATH)]
        # Each UI string of the chrome is its own block: the elements holding text themselves.
        template_part = {
            element: container
            for container in chrome
            if not any(ancestor in chrome_set for ancestor in container.iterancestors())
            for element in container.iter()
            if isinstance(element.tag, str) and (element.text or "").strip()
        }
        found += [(element, BlockKind.CHROME) for element in template_part]
        candidates = {element for element, kind in found if kind is not BlockKind.CHROME}
        # Document order; an element inside another candidate is part of it, not a block.
        order = {element: index for index, element in enumerate(root.iter())}
        selected = sorted(
            (
                (element, kind)
                for element, kind in found
                if not any(ancestor in candidates for ancestor in element.iterancestors())
                and (kind is BlockKind.CHROME or (element.tag not in _NEVER_TEXT and not inside_chrome(element)))
            ),
            key=lambda pair: order[pair[0]],
        )
        source_parts: list[str] = []
        blocks: list[Block] = []
        paths: list[str] = []
        cursor = 0
        for element, kind in selected:
            content = " ".join((element.text or "").split()) if kind is BlockKind.CHROME else _text_of(element)
            if not content:
                continue
            if source_parts:
                source_parts.append("\n\n")
                cursor += 2
            block = Block(cursor, cursor + len(content), content, kind=kind)
            if kind is BlockKind.CHROME:
                part = template_part[element]
                block.reason = f"page template: <{part.tag} class={part.get('class', '')!r}>"
            blocks.append(block)
            paths.append(tree.getpath(element))
            source_parts.append(content)
            cursor += len(content)
        source = "".join(source_parts) + ("\n" if source_parts else "")
        metadata: dict[str, object] = {"html": text, "paths": paths}
        urls = [str(url).strip() for url in root.xpath(URL_XPATH) if str(url).strip()]
        if urls:
            metadata["url"] = urls[0]
        return ReadResult([Document(source=source, name=name, language=language, blocks=blocks, metadata=metadata)])

    def render(self, documents: list[Document]) -> str:
        import lxml.html

        (document,) = documents
        root = lxml.html.document_fromstring(str(document.metadata["html"]))
        tree = root.getroottree()
        elements = [tree.xpath(path)[0] for path in document.metadata["paths"]]  # type: ignore[union-attr]
        for block, element in zip(document.blocks, elements):
            if block.disposition is Disposition.KEEP:
                continue
            if block.kind is BlockKind.CHROME:
                # A chrome string is its element's own text; the element and its children stay
                # unless the whole template part goes (below).
                element.text = "" if block.disposition is Disposition.DROP else block.rendered(document.source)
                continue
            for child in list(element):
                element.remove(child)
            element.text = block.rendered(document.source)
        if any(b.kind is BlockKind.CHROME and b.disposition is Disposition.DROP for b in document.blocks):
            for container in root.xpath(CHROME_XPATH):
                if container.getparent() is not None:
                    container.drop_tree()  # keeps the tail text, which belongs to the parent
        doctype = tree.docinfo.doctype
        body = lxml.html.tostring(root, encoding="unicode", method="html")
        return (f"{doctype}\n" if doctype else "") + body + "\n"


HTML = HtmlFormat()
