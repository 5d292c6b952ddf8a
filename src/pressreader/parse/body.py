"""Which blocks are the story: find the content root, then keep its paragraphs.

The root comes from the site's selector when the registry has one; otherwise
it is the element that collects the most well-formed paragraph text
(paragraphs of at least a sentence, few links), as readability-style
extractors do, extended to sibling elements that carry story paragraphs too.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence

from .blocks import Block, Page
from .dates import is_date_line
from .document import Element
from .noise import NOISE_LINE, NOTES_START, POINTER_LINE

__all__ = ["choose_root", "fallback_blocks", "first_words", "readable", "split_notes", "story_blocks"]

_MIN_SCORED = 25  # characters; shorter blocks are labels and links, not paragraphs
_MAX_LINK_DENSITY = 0.5
_LIST_TAGS = frozenset({"ul", "ol", "li", "dl", "dt", "dd", "table", "tbody", "thead", "tfoot", "tr"})
_PARAGRAPH_TAGS = frozenset({"p", "li", "blockquote", "div", "td", "tr", "dd", "pre", "section", "article"})


def _ancestors(element: Element, levels: int) -> Iterable[tuple[Element, float]]:
    weight = 1.0
    parent = element.getparent()
    for _ in range(levels):
        if parent is None:
            return
        yield parent, weight
        weight /= 2
        parent = parent.getparent()


def _block_score(block: Block) -> float:
    length = len(block.text)
    if block.noise or block.heading or length < _MIN_SCORED or block.link_density > _MAX_LINK_DENSITY:
        return 0.0
    if block.element.tag not in _PARAGRAPH_TAGS:
        return 0.0
    # Sentences score more than labels: count the punctuation a paragraph has.
    punctuation = block.text.count(",") + block.text.count(". ") + 1
    return min(length, 600) / 100 + min(punctuation, 6) + (1.0 - block.link_density) * 2


def choose_root(blocks: Sequence[Block], page: Page | None = None) -> list[Element]:
    """The element(s) holding the story, best first; empty when nothing looks like prose.

    With the ``page`` the blocks came from, an element the page marks as its
    story (``itemprop="articleBody"``, a CMS content class) that holds most of
    the page's prose is the root, as the page's author meant.
    """
    scores: dict[Element, float] = {}
    for block in blocks:
        score = _block_score(block)
        if score <= 0:
            continue
        holder = block.element if block.element.tag in ("div", "td", "section", "article") else None
        if holder is not None:
            scores[holder] = scores.get(holder, 0.0) + score / 2
        for ancestor, weight in _ancestors(block.element, 3):
            scores[ancestor] = scores.get(ancestor, 0.0) + score * weight
    if not scores:
        return []
    declared = _declared_container(page) if page is not None else None
    if declared is not None:
        return [declared]
    top = max(scores, key=scores.__getitem__)
    top_score = scores[top]
    # A list or a table is a part of a story, never all of it: the story is what holds it.
    while top.tag in _LIST_TAGS and (up := top.getparent()) is not None and up.tag not in ("body", "html"):
        top = up
        top_score = max(top_score, scores.get(top, 0.0))
    # A parent that scores nearly as much as its best child holds story paragraphs beside it.
    parent = top.getparent()
    while parent is not None and parent.tag not in ("body", "html") and scores.get(parent, 0.0) >= top_score * 1.2:
        top, top_score = parent, scores[parent]
        parent = top.getparent()
    # Wrappers around the story hold nothing else: its siblings are the wrapper's siblings.
    parent = top.getparent()
    while parent is not None and parent.tag not in ("body", "html") and _only_child(parent, top):
        top, parent = parent, parent.getparent()
        top_score = scores.get(top) or top_score  # siblings are compared at the same depth
    roots = [top]
    if parent is not None:
        for sibling in parent:
            if sibling is not top and isinstance(sibling.tag, str) and scores.get(sibling, 0.0) >= top_score * 0.15:
                roots.append(sibling)
    return roots + [part for part in _repeated_parts(top, scores) if not _inside(part, roots)]


def _repeated_parts(top: Element, scores: dict[Element, float]) -> list[Element]:
    """Components repeated beside the one holding the story (the posts of a forum thread, a CMS's
    content elements): those just like it, with prose of their own, hold the story too."""
    own = max((scores.get(e, 0.0) for e in top.iter()), default=0.0)
    node = top
    for _ in range(3):
        parent = node.getparent()
        if parent is None or parent.tag in ("body", "html"):
            return []
        kind = node.get("class")
        twins = [c for c in parent if c is not node and c.tag == node.tag and kind and c.get("class") == kind]
        if twins:
            return [t for t in twins if max((scores.get(e, 0.0) for e in t.iter()), default=0.0) >= own * 0.3]
        node = parent
    return []


def _only_child(parent: Element, child: Element) -> bool:
    return all(node is child for node in parent if isinstance(node.tag, str))


def _declared_container(page: Page) -> Element | None:
    """The innermost container marked as the story that holds most of the page's prose."""
    best: Element | None = None
    for element in page.containers:
        if page.prose.get(element, 0) * 2 > page.prose_total and (best is None or _contains(best, element)):
            best = element
    return best


def _contains(outer: Element, inner: Element) -> bool:
    return any(node is outer for node in inner.iterancestors())


def _inside(element: Element, roots: Collection[Element]) -> bool:
    node: Element | None = element
    while node is not None:
        if node in roots:
            return True
        node = node.getparent()
    return False


def story_blocks(
    blocks: Sequence[Block],
    roots: Sequence[Element],
    *,
    title: str | None,
    drop: frozenset[int] = frozenset(),
    title_order: int | None = None,
) -> list[Block]:
    """The story's blocks under ``roots``, minus furniture lines, the headline and date lines.

    ``drop`` lists block orders already used for another field (the headline, the date).
    With ``title_order`` (the headline's block), prose paragraphs between the
    headline and the story root are the story's lede (a standfirst or teaser
    that templates put in the article header) and come first.
    """
    root_set = set(roots)
    kept: list[Block] = []
    title_key = " ".join(title.lower().split()) if title else None
    for block in blocks:
        if block.order in drop or block.noise or not _inside(block.element, root_set):
            continue
        text = block.text
        if (len(text) <= 60 and NOISE_LINE.match(text)) or (len(text) <= 200 and POINTER_LINE.match(text)):
            continue
        if block.heading == 1 or (title_key and len(kept) < 3 and " ".join(text.lower().split()) == title_key):
            continue
        if is_date_line(text):
            continue
        if block.link_density > 0.9 and (len(text) < 80 or block.heading):
            continue  # a lone link ("Read more about this") or a linked headline is navigation
        kept.append(block)
    if title_order is not None and kept and kept[0].order > title_order + 1:
        first = kept[0].order
        kept[:0] = _lede(blocks[max(title_order + 1, first - _LEDE_WINDOW) : first], drop)
    return kept


_MIN_LEDE = 30  # characters: a shorter line between headline and story is a label or byline
_LONG_LEDE = 80  # characters: a line this long is prose even without a closing full stop
_LEDE_WINDOW = 400  # blocks before the story where its opening may stand (the whole page, in practice)
_SENTENCE_END = (".", "!", "?", "…", "”", '"', "’", "'", "»", ":")


def _lede(between: Sequence[Block], drop: frozenset[int]) -> list[Block]:
    """Prose paragraphs between the headline and the story: the standfirst.

    Whole sentences, or lines long enough to be prose, so that captions ("The PCC
    at the count") stay out.
    """
    lede: list[Block] = []
    for block in between:
        if block.order in drop or block.noise not in (None, "header") or block.heading:
            continue
        text = block.text
        if len(text) < _MIN_LEDE or block.link_density > 0.3 or not (
            text.endswith(_SENTENCE_END) or len(text) >= _LONG_LEDE
        ):
            continue
        if _in_figure(block.element) or is_date_line(text) or not readable(text):
            continue
        lede.append(block)
    return lede


def _in_figure(element: Element) -> bool:
    return element.tag in ("figure", "figcaption") or any(
        node.tag in ("figure", "figcaption") for node in element.iterancestors()
    )


def fallback_blocks(
    blocks: Sequence[Block],
    *,
    title: str | None,
    drop: frozenset[int] = frozenset(),
    furniture: bool = False,
    short: bool = False,
) -> list[Block]:
    """The page's readable text when no story was located: every block a reader could read as prose.

    Site furniture stays out (unless ``furniture``); short labels, lone links,
    headline and date lines too. What is left may still hold parts of the page
    other than the story, which the Article says (``extraction="fallback"``).
    With ``short`` (a page with a headline and nothing longer), short lines count too.
    """
    title_key = " ".join(title.lower().split()) if title else None
    kept: list[Block] = []
    for block in blocks:
        text = block.text
        if block.order in drop or (block.noise == "chrome" and not furniture) or block.link_density > 0.5:
            continue
        if len(text) < _MIN_SCORED and not block.heading and not short:
            continue
        if NOISE_LINE.match(text) or is_date_line(text):
            continue
        if title_key and " ".join(text.lower().split()) == title_key:
            continue
        if readable(text):
            kept.append(block)
    return kept


def readable(text: str) -> bool:
    """True when ``text`` reads as words: mostly letters, in words of ordinary length.

    >>> readable("Roadworks close the A46 tonight.")
    True
    >>> readable("!#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abc{|}~")
    False
    """
    words = text.split()
    if not words:
        return False
    letters = len(text) - len(_NOT_LETTERS.sub("", text))
    long_chars = sum(len(w) for w in words if len(w) > 30)
    return letters * 2 >= len(text) and long_chars * 2 < len(text)


_NOT_LETTERS = re.compile(r"[^\W\d_]+")


def first_words(text: str, limit: int = 80) -> str:
    """A headline for a page that has none: its first sentence, cut at a word within ``limit`` characters.

    >>> first_words("Roadworks close the A46 tonight. Diversions are signed.")
    'Roadworks close the A46 tonight.'
    >>> first_words("A very long opening line that goes on and on without a full stop anywhere in it at all", 40)
    'A very long opening line that goes on …'
    """
    end = text.find(". ")
    sentence = text[: end + 1] if 0 < end < limit else text
    if len(sentence) <= limit:
        return sentence
    cut = sentence.rfind(" ", 0, limit - 1)
    return sentence[: cut if cut > 0 else limit - 1].rstrip(" ,;:") + " …"


def split_notes(paragraphs: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Split trailing "Ends" / "Notes to editors" material from the story.

    >>> split_notes(["Story.", "More story.", "ENDS", "Notes to editors", "1. Facts."])
    (('Story.', 'More story.'), ('ENDS', 'Notes to editors', '1. Facts.'))
    """
    for index, paragraph in enumerate(paragraphs):
        if index > 0 and len(paragraph) < 200 and NOTES_START.match(paragraph):
            return tuple(paragraphs[:index]), tuple(paragraphs[index:])
    return tuple(paragraphs), ()
