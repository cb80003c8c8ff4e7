"""HTML pages (Pangea, the CMS of RFE/RL and VOA sites): the article extracted by the
template's structure, chrome removed, translated text put back so the page stays valid.

The document's source is the extracted text, one block per element (title, caption,
paragraph), blank lines between; each block remembers its element's path, so rendering
re-parses the page and writes each translation into its element. Inline elements inside
a block (links, emphasis, spans, images) are the block's markup (:mod:`translate.markup`):
they travel through the engine as markers and are rebuilt around the words they landed
on, attributes and all; one the engine lost is put around its whole sentence, with a
finding. A page that is not Pangea's has the readable text of any element translated.
``<html lang>`` and the translated elements' ``lang`` say the target language. Template chrome
(skip links, header, player, share bar, footer, breakpoint block) becomes CHROME blocks
and follows the chrome policy: removed, kept, or replaced by the localised string.
"""

from __future__ import annotations

import copy

from translate import markup as inline
from translate.document import Block, BlockKind, Disposition, Document
from translate.errors import InputError
from translate.io.formats import ReadResult
from translate.markup import Markup


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
_NEVER_TEXT = {"script", "style", "noscript", "template", "nav", "header", "footer", "svg", "math",
               "select", "textarea", "button", "iframe", "object"}
# Elements that sit inside running text: markup of the block they are in, never blocks.
INLINE = {"a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "font", "i", "img",
          "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr"}
# Inline tags nested deeper than this inside a block are kept as their text only.
_INLINE_DEPTH = 64
# Where the page says its own address: the segmenter takes the site from it.
URL_XPATH = "//link[@rel='canonical']/@href | //meta[@property='og:url']/@content"


def _parser():
    import lxml.html

    # huge_tree: libxml2 otherwise stops at 256 levels of nesting and silently drops the rest.
    return lxml.html.HTMLParser(huge_tree=True)


def _parse(html: str, name: str):
    import lxml.html
    from lxml.etree import ParserError

    if not html.strip():
        raise InputError(f"{name}: empty HTML page")
    try:
        return lxml.html.document_fromstring(html, parser=_parser())
    except (ParserError, ValueError) as error:
        raise InputError(f"{name}: malformed HTML: {error}") from None


def _is_element(node) -> bool:
    return isinstance(node.tag, str)


def _has_text(element) -> bool:
    return bool("".join(element.itertext()).strip())


def _own_text(element) -> bool:
    """Whether ``element`` holds text itself: directly or in its inline children, not in blocks."""
    pending = [element]
    while pending:
        node = pending.pop()
        if (node.text or "").strip():
            return True
        for child in node:
            if (child.tail or "").strip():
                return True
            if _is_element(child) and child.tag in INLINE and child.tag not in _NEVER_TEXT:
                pending.append(child)
    return False


def inline_elements(element) -> tuple[str, dict[int, object]]:
    """The text of ``element`` with a marker for each inline element in it, and number → element.
    An element with text is paired (its markers around its text); one without (an image, a
    line break, a script) is one isolated marker."""
    registry: dict[int, object] = {}
    parts: list[str] = []
    # Iterative walk (pages nest deeply): ("text", str) or ("close", marker) or ("node", element, depth).
    items: list[tuple] = [("text", element.text or "")]
    for child in element:
        items += _child_items(child, 1)
    pending = list(reversed(items))
    while pending:
        item = pending.pop()
        if item[0] in ("text", "close"):
            parts.append(item[1])
        else:
            node, depth = item[1], item[2]
            number = len(registry) + 1
            if number >= inline.LIMIT or depth > _INLINE_DEPTH:
                parts.append("".join(node.itertext()) if node.tag not in _NEVER_TEXT else "")
                continue
            registry[number] = node
            if node.tag in _NEVER_TEXT or not _has_text(node):
                parts.append(inline.isolated(number))
                continue
            parts.append(inline.opening(number))
            inner = [("text", node.text or "")]
            for child in node:
                inner += _child_items(child, depth + 1)
            inner.append(("close", inline.closing(number)))
            pending.extend(reversed(inner))
    return "".join(parts), registry


def _child_items(child, depth: int) -> list[tuple]:
    items: list[tuple] = [("node", child, depth)] if _is_element(child) else []
    return items + [("text", child.tail or "")]


def _plain(marked: str, offset: int) -> tuple[str, list[Markup]]:
    """``marked`` (text with markers) as plain text with whitespace collapsed, and each marker's place."""
    plain: list[str] = []
    found: list[Markup] = []
    for character in " ".join(marked.split()):
        if inline.markers_in(character):
            found.append(Markup(offset + len(plain), offset + len(plain), character))
        elif character != " " or (plain and plain[-1] != " "):
            plain.append(character)
    while plain and plain[-1] == " ":
        plain.pop()
    end = offset + len(plain)
    return "".join(plain), [Markup(min(m.start, end), min(m.end, end), m.marker) for m in found]


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
            # Not a Pangea article: every element that holds readable text itself.
            found = [(element, BlockKind.TITLE if element.tag == "h1" else BlockKind.UNKNOWN)
                     for element in root.iterdescendants()
                     if _is_element(element) and element.tag not in INLINE and element.tag not in _NEVER_TEXT
                     and element.tag not in ("html", "head", "body", "title") and _own_text(element)
                     and not any(a.tag in _NEVER_TEXT or a.tag == "head" for a in element.iterancestors())]
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
            separator = 2 if source_parts else 0
            if kind is BlockKind.CHROME:
                content, markup = " ".join((element.text or "").split()), []
            else:
                content, markup = _plain(inline_elements(element)[0], cursor + separator)
            if not content:
                continue
            if source_parts:
                source_parts.append("\n\n")
                cursor += 2
            block = Block(cursor, cursor + len(content), content, kind=kind, markup=markup)
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
        root = lxml.html.document_fromstring(str(document.metadata["html"]), parser=_parser())
        tree = root.getroottree()
        elements = [tree.xpath(path)[0] for path in document.metadata["paths"]]  # type: ignore[union-attr]
        target = document.metadata.get("target")
        translated = False
        for block, element in zip(document.blocks, elements):
            if block.disposition is Disposition.KEEP:
                continue
            if block.kind is BlockKind.CHROME:
                # A chrome string is its element's own text; the element and its children stay
                # unless the whole template part goes (below).
                element.text = "" if block.disposition is Disposition.DROP else block.rendered(document.source)
                continue
            if not any(segment.translation is not None for segment in block.segments):
                continue  # nothing translated (or no sentence in it): the element stays as it was
            _rebuild(element, block.rendered(document.source, markers=True))
            translated = True
            if target and element.get("lang") is not None:
                element.set("lang", str(target))
        if any(b.kind is BlockKind.CHROME and b.disposition is Disposition.DROP for b in document.blocks):
            for container in root.xpath(CHROME_XPATH):
                if container.getparent() is not None:
                    container.drop_tree()  # keeps the tail text, which belongs to the parent
        if target and translated:
            root.set("lang", str(target))
        doctype = tree.docinfo.doctype
        body = lxml.html.tostring(root, encoding="unicode", method="html")
        return (f"{doctype}\n" if doctype else "") + body + "\n"


def _rebuild(element, marked: str) -> None:
    """Write ``marked`` (a block's output with markers) into ``element``: its inline elements
    rebuilt where the markers are, with their attributes (links keep their href)."""
    _, registry = inline_elements(element)
    for child in list(element):
        element.remove(child)
    element.text = ""
    open_elements = [element]

    def add_text(text: str) -> None:
        container = open_elements[-1]
        if len(container):
            container[-1].tail = (container[-1].tail or "") + text
        else:
            container.text = (container.text or "") + text

    cursor = 0
    for index, character in enumerate(marked):
        if not inline.markers_in(character):
            continue
        add_text(marked[cursor:index])
        cursor = index + 1
        original = registry.get(inline.number_of(character))
        if original is None:
            continue
        how = inline.kind(character)
        if how == "close":
            if len(open_elements) > 1:
                open_elements.pop()
            continue
        if how == "isolated":
            made = copy.deepcopy(original)
        else:
            made = original.makeelement(original.tag, dict(original.attrib))
        made.tail = None
        open_elements[-1].append(made)
        if how == "open":
            open_elements.append(made)
    add_text(marked[cursor:])


HTML = HtmlFormat()
