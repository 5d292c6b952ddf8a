"""One pass over the page: the text blocks a reader sees, in document order.

A *block* is the inline text of one block-level element (a paragraph, list
item, heading, table row, or the loose text of a ``div``), with what the field
extractors need to judge it: which element holds it, whether it sits in site
furniture, how much of it is link text. Site furniture ("chrome": menus, cookie
banners, related news, footers) is skipped whole. Two or more ``<br>`` in a row start a
new block, as they look like a paragraph break on the page.

    >>> from pressreader.parse.document import build_tree
    >>> root, _ = build_tree(
    ...     "<body><nav><a href='/'>Home</a></nav><div>Intro<p>One <b>two</b></p>"
    ...     "Three<br><br>Four</div></body>")
    >>> [b.text for b in walk(root).blocks]
    ['Intro', 'One two', 'Three', 'Four']

The walk never recurses in Python, so a page nested ten thousand deep costs no
more than a flat one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import lxml.etree

from .document import Element, drop, text_of
from .noise import BLOCK_TAGS, CHROME_TAGS, DROP_TAGS, is_hidden, noise_kind

__all__ = ["Block", "Page", "walk"]

_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_CELLS = frozenset({"td", "th"})
# Tags whose noise kind does not depend on attributes alone.
_SPECIAL = CHROME_TAGS | {"header", "figcaption"}


@dataclass(slots=True)
class Block:
    """The text of one block-level element as a reader sees it."""

    text: str
    element: Element
    order: int  # index in Page.blocks
    seq: int  # position of the element in document order (shared with times and images)
    noise: str | None
    link_chars: int = 0
    heading: int = 0

    @property
    def link_density(self) -> float:
        """Share of the text that is link text (0 to 1)."""
        return self.link_chars / len(self.text) if self.text else 0.0


@dataclass(slots=True)
class Page:
    """Everything the walk collected, in document order."""

    blocks: list[Block] = field(default_factory=list)
    # (document position, element, noise kind) of <time> and <img> elements
    times: list[tuple[int, Element, str | None]] = field(default_factory=list)
    images: list[tuple[int, Element, str | None]] = field(default_factory=list)
    # The deepest element holding most of the page's prose paragraphs (None when too little prose)
    holder: Element | None = None
    # Elements the page marks as its story (itemprop="articleBody", the CMSs' content classes)
    containers: list[Element] = field(default_factory=list)
    # Characters of prose paragraphs held by each element, and on the whole page
    prose: dict[Element, int] = field(default_factory=dict)
    prose_total: int = 0


# Classes that mark the story's container on the common CMSs.
_CONTENT_CLASSES = (
    "entry-content", "post-body", "article-body", "post-content", "article-content", "article__body",
    "article__content", "story-body", "story-content", "td-post-content", "single-content", "news-content",
    "field--name-body", "articleBody", "article-text", "blog-content", "c-article-body", "rich-text",
)  # fmt: skip


_CONTENT_RE = re.compile("|".join(re.escape(name) for name in _CONTENT_CLASSES))  # one C search, not a loop


def _story_ancestors(start: Element, holder: Element | None, containers: list[Element]) -> set[Element]:
    """The story's anchors and everything above them: never furniture, whatever their class says.

    Anchors: the first headline outside a page header or menu, ``<main>``, and
    containers marked as the story (``role="main"``, ``itemprop="articleBody"``,
    the common CMSs' content classes).
    """
    anchors: list[Element] = []
    # Tag-filtered iteration runs in C; an XPath "//*[predicate]" costs libxml2
    # about as much as parsing the page.
    for element in start.iter("div", "section", "article"):
        attrib = element.attrib
        if attrib:
            classes = attrib.get("class") or ""
            if (
                (classes and _CONTENT_RE.search(classes))
                or attrib.get("role") == "main"
                or attrib.get("itemprop") == "articleBody"
            ):
                anchors.append(element)
                if attrib.get("role") != "main":
                    containers.append(element)
    headline = False
    for element in start.iter("h1", "main"):
        if element.tag == "main":
            anchors.append(element)
        elif not headline:  # the first headline that is not in a page header or menu
            parent = element.getparent()
            while parent is not None and parent.tag not in ("header", "nav"):
                parent = parent.getparent()
            if parent is None:
                anchors.append(element)
                headline = True
    if holder is not None:
        anchors.append(holder)
    protected: set[Element] = set()
    for anchor in anchors:
        node: Element | None = anchor
        while node is not None and node not in protected:
            protected.add(node)
            node = node.getparent()
    return protected


_MIN_PROSE = 60  # characters: shorter paragraphs are labels, teasers and links
_MIN_MASS = 400  # characters of prose before the page's text mass says anything


def _text_holder(start: Element, mass: dict[Element, int]) -> tuple[Element | None, int]:
    """The deepest element holding most of the page's prose paragraphs, if any.

    Story containers on real sites carry layout words that also name furniture
    ("widget Blog", "sidebar-and-content-body", "sidebar_content"); wherever
    the bulk of the page's paragraph text is, is not furniture. Comment threads
    are the exception: they can outweigh the story and stay furniture.
    ``mass`` is filled with each element's characters of prose; the page's total is returned too.
    """
    total = 0
    for paragraph in start.iter("p"):
        length = len(text_of(paragraph))
        if length < _MIN_PROSE:
            continue
        total += length
        node = paragraph.getparent()
        while node is not None:
            mass[node] = mass.get(node, 0) + length
            node = node.getparent()
    if total < _MIN_MASS:
        return None, total
    best: Element | None = None
    depth = -1
    for element, held in mass.items():
        if held * 2 > total:
            level = sum(1 for _ in element.iterancestors())
            if level > depth:
                best, depth = element, level
    if best is None:
        return None, total
    for node in (best, *best.iterancestors()):
        words = f"{node.get('class') or ''} {node.get('id') or ''}".lower()
        if "comment" in words or "respond" in words:
            return None, total
    return best, total


class _Buffer:
    __slots__ = ("element", "heading", "link_chars", "parts", "seq")

    def __init__(self, element: Element, heading: int, seq: int) -> None:
        self.element = element
        self.heading = heading
        self.seq = seq
        self.parts: list[str] = []
        self.link_chars = 0


def _collapse(parts: list[str]) -> str:
    return " ".join("".join(parts).split())


def walk(root: Element, marked: frozenset[Element] = frozenset(), *, furniture: bool = False) -> Page:
    """Collect the blocks of ``root``'s body. ``marked`` elements count as site furniture.

    Furniture is skipped whole, unless ``furniture`` is true: then its blocks are
    collected too, with the noise kind ``"chrome"`` (the last resort of a page
    whose only text sits in containers named like furniture).
    """
    page = Page()
    for element in list(root.iter(*DROP_TAGS)):
        if element is not root:
            drop(element)
    body = root.find("body")
    start = body if body is not None else root
    page.holder, page.prose_total = _text_holder(start, page.prose)
    walking = _Walk(page, start, marked, furniture, _story_ancestors(start, page.holder, page.containers))
    walker = lxml.etree.iterwalk(start, events=("start", "end"))
    for event, element in walker:
        if event == "start":
            if isinstance(element.tag, str):  # not a comment, processing instruction or entity
                walking.open(element, walker)
        elif element is not start:
            walking.close(element)
    if walking.buffers[-1].parts:
        walking.flush(walking.buffers[-1], walking.noise_stack[-1])
    return page


class _Walk:
    """The state of one walk: open buffers of block elements, and the noise kind in force.

    The two stacks run in parallel. Site furniture ("chrome") is skipped whole, so it
    never appears on the stack below an element being visited.
    """

    __slots__ = ("blocks", "brs", "buffers", "furniture", "in_article", "in_link", "marked", "noise_stack",
                 "page", "protected", "seq", "start")

    def __init__(self, page: Page, start: Element, marked: frozenset[Element], furniture: bool,
                 protected: set[Element] | frozenset[Element]) -> None:
        self.page, self.start, self.marked, self.furniture, self.protected = page, start, marked, furniture, protected
        self.blocks = page.blocks
        self.buffers: list[_Buffer] = [_Buffer(start, 0, 0)]
        self.noise_stack: list[str | None] = [None]
        self.in_link = self.in_article = self.brs = self.seq = 0

    def flush(self, buffer: _Buffer, noise: str | None) -> None:
        text = " ".join("".join(buffer.parts).split())
        if text and not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)  # one form for one text (W3C: NFC on the web)
        if text:
            blocks = self.blocks
            blocks.append(Block(text, buffer.element, len(blocks), buffer.seq, noise, buffer.link_chars,
                                buffer.heading))
        buffer.parts.clear()
        buffer.link_chars = 0

    def add(self, text: str) -> None:
        """Text in the current block; after a run of <br>s, two or more start a new paragraph."""
        buffer = self.buffers[-1]
        if self.brs:
            if not text.strip():
                buffer.parts.append(text)
                return
            if self.brs >= 2 and buffer.parts:
                self.flush(buffer, self.noise_stack[-1])
            self.brs = 0
        buffer.parts.append(text)
        if self.in_link:
            buffer.link_chars += len(text.strip())

    def _kind(self, element: Element, tag: str, parent_kind: str | None) -> str | None:
        """The noise kind of an element with attributes or a tag of its own meaning (the caller checks)."""
        if element in self.protected:
            # It holds the story: its class words ("content-sidebar-wrap",
            # "newsletter-post") describe the layout, not furniture.
            return parent_kind
        get = element.attrib.get
        kind = noise_kind(tag, get("class"), get("id"), get("role"), get("data-component"))
        if (self.marked and element in self.marked) or is_hidden(get("style"), get("hidden"), get("aria-hidden")):
            return "chrome"
        if tag == "footer" and self.in_article:
            kind = "meta"  # an article's own footer: "Posted on …", tags
        if kind is None:
            return parent_kind
        return "header" if parent_kind == "header" and kind == "meta" else kind

    def open(self, element: Element, walker: lxml.etree.iterwalk) -> None:
        """The start of ``element``."""
        self.seq += 1
        seq = self.seq
        if element is self.start:
            if element.text:
                self.add(element.text)
            return
        tag = element.tag
        parent_kind = self.noise_stack[-1]
        attrib = element.attrib
        kind = self._kind(element, tag, parent_kind) if attrib or tag in _SPECIAL else parent_kind
        buffers = self.buffers
        if kind == "chrome" and not self.furniture:  # nothing is ever taken from site furniture
            walker.skip_subtree()
            buffers[-1].parts.append(" ")  # it separated the words on either side
            self.noise_stack.append(kind)
            if tag in BLOCK_TAGS:
                if buffers[-1].parts:
                    self.flush(buffers[-1], parent_kind)
                buffers.append(_Buffer(element, 0, seq))
            return
        if tag in BLOCK_TAGS:
            if buffers[-1].parts:
                self.flush(buffers[-1], parent_kind)
            buffers.append(_Buffer(element, _HEADINGS.get(tag, 0), seq))
            self.brs = 0
            if tag == "article":
                self.in_article += 1
        elif tag == "a":
            self.in_link += 1
        elif tag == "br":
            self.brs += 1
            buffers[-1].parts.append(" ")
        elif tag == "img":
            self.page.images.append((seq, element, kind))
        elif tag in _CELLS and any(part.strip() for part in buffers[-1].parts):
            buffers[-1].parts.append(" | ")
        if tag == "time" or (attrib and (
            attrib.get("itemprop") in ("datePublished", "dateModified")
            or (tag == "abbr" and "published" in (attrib.get("class") or "") and attrib.get("title"))
        )):
            self.page.times.append((seq, element, kind))
        self.noise_stack.append(kind)
        if element.text:
            self.add(element.text)

    def close(self, element: Element) -> None:
        """The end of ``element`` (never the walk's start)."""
        tag = element.tag
        if isinstance(tag, str):
            kind = self.noise_stack.pop()
            if tag in BLOCK_TAGS:
                buffer = self.buffers.pop()
                if buffer.parts:
                    self.flush(buffer, kind)
                self.brs = 0
                if tag == "article" and kind != "chrome":
                    self.in_article -= 1
            elif tag == "a" and kind != "chrome":  # a skipped link was never counted in
                self.in_link -= 1
        if element.tail:
            self.add(element.tail)
