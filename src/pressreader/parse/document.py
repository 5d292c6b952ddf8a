"""From bytes or text to one safe lxml tree: encoding detection and tree building.

Encoding, in the order a browser uses (WHATWG "encoding sniffing"): byte order
mark, then a declared charset (``<meta charset>``, ``<meta http-equiv>`` or an
XML declaration, found with Beautiful Soup's well-tested detector), then UTF-8
if the bytes are valid UTF-8, else Windows-1252 — the fallback browsers use for
English pages, which turns the 0x93/0x94 bytes of legacy pages into “ and ”.

    >>> decode_html(b'<meta charset="windows-1252"><p>\\x93Hello\\x94')
    ('<meta charset="windows-1252"><p>“Hello”', 'windows-1252')
    >>> decode_html("“Hi”".encode("utf-8"))[1]
    'utf-8'

The parser never touches the network, never expands entities from a DTD, and
never recurses in Python, so hostile input costs at most linear time.
"""

from __future__ import annotations

import codecs

import lxml.etree
from bs4.dammit import EncodingDetector

from ..errors import ParseError

__all__ = ["MAX_INPUT_BYTES", "Element", "build_tree", "decode_html", "drop", "reveal_hidden_markup", "text_of"]

#: The element type of our trees: plain lxml elements, without lxml.html's
#: per-element Python class lookup (which costs as much as the parse itself).
Element = lxml.etree._Element

#: Pages larger than this are refused: no real press release comes close.
MAX_INPUT_BYTES = 50 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Labels that browsers decode as another encoding (WHATWG Encoding Standard).
_ALIASES = {
    "iso-8859-1": "windows-1252",
    "iso8859-1": "windows-1252",
    "latin1": "windows-1252",
    "latin-1": "windows-1252",
    "l1": "windows-1252",
    "us-ascii": "windows-1252",
    "ascii": "windows-1252",
    "cp1252": "windows-1252",
    "x-cp1252": "windows-1252",
    "utf8": "utf-8",
    "unicode": "utf-16-le",
    "utf-16": "utf-16-le",
}


def _declared(data: bytes) -> str | None:
    label = EncodingDetector.find_declared_encoding(data[:8192], is_html=True)
    if not label:
        return None
    label = _ALIASES.get(label.strip().lower(), label.strip().lower())
    try:
        return codecs.lookup(label).name if label != "windows-1252" else label
    except LookupError:
        return None


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode page bytes; returns the text and the name of the encoding used.

    Bytes that are valid UTF-8 are UTF-8 whatever the page declares: text in
    another encoding is almost never valid UTF-8 by chance, while pages that
    declare one encoding and are saved in another are common.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(name, errors="replace"), name.replace("-le", "").replace("-be", "")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _declared(data)
    if declared and declared not in ("utf-8", "utf-16-le", "utf-16-be", "utf-16"):
        return data.decode(declared, errors="replace"), declared
    if declared == "utf-8":
        # Declared UTF-8 but is not quite: keep it UTF-8 when only a few bytes are
        # broken (a truncated page), else it is really Windows-1252.
        text = data.decode("utf-8", errors="replace")
        if text.count("\ufffd") * 200 < len(text):
            return text, "utf-8"
    return data.decode("windows-1252", errors="replace"), "windows-1252"


def text_of(element: Element) -> str:
    """All the text inside ``element``, as a browser's ``textContent``."""
    return "".join(t for t in element.itertext() if isinstance(t, str))


def drop(element: Element) -> None:
    """Remove ``element`` and its content from the tree, keeping the text after it."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


_TEMPLATE_TYPES = frozenset({"text/template", "text/html", "text/x-template", "text/x-handlebars-template"})


def reveal_hidden_markup(root: Element) -> bool:
    """Turn markup a browser shows only through scripts into ordinary elements; True if any was found.

    ``<noscript>`` content and HTML held in ``<script type="text/template">``
    (Blogger, some single-page sites) become ``<div>``s, so that a page whose
    only text lies there can still be read.

    >>> root, _ = build_tree("<body><noscript><p>Shown without scripts</p></noscript></body>")
    >>> reveal_hidden_markup(root), [e.tag for e in root.iter("div", "p")]
    (True, ['div', 'p'])
    """
    found = False
    for element in list(root.iter("noscript", "script", "template")):
        if element.tag == "script":
            if (element.get("type") or "").strip().lower() not in _TEMPLATE_TYPES or not element.text:
                continue
            try:
                fragment = lxml.etree.fromstring(
                    f"<div>{element.text}</div>".encode("utf-8", errors="replace"), parser=_parser()
                )
            except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError):
                continue
            holder = fragment.find(".//div") if fragment is not None else None
            if holder is None:
                continue
            holder.tail = element.tail
            element.getparent().replace(element, holder)  # type: ignore[union-attr]
        else:
            element.tag = "div"
            element.attrib.clear()
        found = True
    return found


def _parser() -> lxml.etree.HTMLParser:
    return lxml.etree.HTMLParser(
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        huge_tree=True,  # deep legacy layouts parse whole; input size is capped above
        recover=True,
        collect_ids=False,
    )


def build_tree(html: str | bytes, *, url: str | None = None) -> tuple[Element, str]:
    """Parse a page into an lxml tree; returns the ``<html>`` element and the encoding.

    Raises :class:`ParseError` for input that holds no document at all.

    >>> root, encoding = build_tree("<p>Hello</p>")
    >>> root.tag, encoding
    ('html', 'utf-8')
    """
    if isinstance(html, str):
        text, encoding = html, "utf-8"
    elif isinstance(html, (bytes, bytearray, memoryview)):
        raw = bytes(html)
        if len(raw) > MAX_INPUT_BYTES:
            raise ParseError(f"page is {len(raw):,} bytes, more than the {MAX_INPUT_BYTES:,} accepted", url=url)
        text, encoding = decode_html(raw)
    else:
        raise ParseError(f"expected HTML as str or bytes, not {type(html).__name__}", url=url)
    if len(text) > MAX_INPUT_BYTES:
        raise ParseError(f"page is {len(text):,} characters, more than accepted", url=url)
    if isinstance(html, bytes) and encoding == "utf-8" and not html.startswith(codecs.BOM_UTF8) and b"\x00" not in html:
        data = html  # already valid UTF-8: hand libxml2 the bytes as they are
    else:
        # NUL and lone surrogates cannot go through libxml2.
        data = text.replace("\x00", "").encode("utf-8", errors="replace")
    if not data.strip():
        raise ParseError("the page is empty", url=url)
    parser = _parser()
    try:
        root = lxml.etree.fromstring(data, parser=parser)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError) as exc:
        raise ParseError(f"the page is not readable HTML: {exc}", url=url) from exc
    if root is None:
        raise ParseError("the page is not readable HTML", url=url)
    for entry in parser.error_log.filter_from_fatals():
        if entry.type_name == "ERR_RESOURCE_LIMIT":
            # libxml2 stopped reading part of the page: refuse rather than lose text silently.
            raise ParseError(f"the page is too deeply nested to read whole ({entry.message})", url=url)
    return root, encoding
