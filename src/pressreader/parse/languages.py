"""Which body paragraphs are Welsh (or English): the language of each part of a release.

Police and Crime Commissioners in Wales publish in Welsh and English, sometimes both in one
release. A screen reader pronounces a passage with the right voice only when the page marks
its language (WCAG 3.1.2, "Language of Parts"), so the parser says which paragraphs are in
another language than the article's.

A paragraph's language comes from the page when the page marks it (``lang`` on the element or
a parent inside the story), else from its words: Welsh and English each have short words that
are common in one and (almost) never appear in the other. A paragraph is judged only when it has
enough of them; a short line between two paragraphs of one language takes theirs.

    >>> classify("Mae’r Comisiynydd wedi croesawu’r cyhoeddiad heddiw.")
    'cy'
    >>> classify("The Commissioner welcomed the announcement today.")
    'en'
    >>> classify("Ysgol y Graig, Llangefni") is None
    True
    >>> other_languages(["New funding.", "Mae’r arian yn cael ei rannu rhwng y grwpiau.",
    ...                  "Cronfa Gymunedol", "Dywedodd y Comisiynydd ei fod yn falch iawn."], "en-GB")
    ((1, 'cy'), (2, 'cy'), (3, 'cy'))
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from ..models import primary_language
from .document import Element
from .metadata import normalise_language

__all__ = ["classify", "declared_language", "other_languages", "primary"]

# Words of running Welsh that are not English words (nor common in English names). Mutated and
# clitic forms are listed as written: "’r" and "’n" split off as "r" and "n".
_WELSH = frozenset(
    (
        "y", "yr", "yn", "mae", "ac", "ei", "eu", "gyda", "wedi", "ein", "eich", "hyn", "sy", "sydd", "fel",
        "ond", "neu", "ym", "yng", "hefyd", "bydd", "byddwn", "roedd", "oedd", "drwy", "trwy", "wrth", "rhaid",
        "mwy", "dros", "chi", "nhw", "fy", "ydy", "yw", "ydym", "ydyn", "oes", "nad", "nid", "pob", "bob", "gael",
        "cael", "mewn", "rhwng", "iawn", "ddim", "hwn", "hynny", "rydym", "rwy", "rydw", "dywedodd", "meddai",
        "ychwanegodd", "â", "ag", "r", "n", "ar", "gan", "ni",
    )
)
_ENGLISH = frozenset(
    (
        "the", "and", "of", "to", "in", "is", "that", "for", "with", "on", "was", "be", "are", "has", "have",
        "will", "this", "by", "as", "at", "it", "we", "our", "said", "from", "their", "they", "which", "been",
        "an", "not", "or", "would", "who", "about", "after", "had",
    )
)
_WORD_RE = re.compile(r"[^\W\d_]+")
# A cheap first look: running Welsh of any length holds "yn" (in, is) or "yr" (the), so a release
# with neither has no Welsh passage to find. Two plain substring searches cost a few microseconds;
# lower-casing the text or a regular expression would cost more than the rest of this module.
_HINTS = (" yn ", " yr ")
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_MIN_MARKERS = 2
_MIN_SHARE = 0.15


def primary(tag: str | None) -> str:
    """The primary language subtag, lower case (``"en"`` for ``"en-GB"``; English when unknown).

    >>> primary("en-GB"), primary("CY"), primary(None)
    ('en', 'cy', 'en')
    """
    return primary_language(tag or "en")


def classify(text: str) -> str | None:
    """``"cy"`` or ``"en"`` when the paragraph's words say so clearly, else ``None``."""
    words = _WORD_RE.findall(text.replace("'", "’").lower().replace("’", " "))
    if not words:
        return None
    welsh = sum(1 for w in words if w in _WELSH)
    english = sum(1 for w in words if w in _ENGLISH)
    need = max(_MIN_MARKERS, _MIN_SHARE * len(words))
    if welsh >= need and welsh > 2 * english:
        return "cy"
    if english >= need and english > 2 * welsh:
        return "en"
    return None


def other_languages(
    paragraphs: Sequence[str], language: str | None, declared: Sequence[str | None] = ()
) -> tuple[tuple[int, str], ...]:
    """``(index, tag)`` for each paragraph in another language than ``language``.

    Only Welsh and English are told apart (the languages of the sites this library reads);
    an article in any other language is left as it is. ``declared`` holds the language the
    page marks each paragraph with, or ``None``; a declaration always wins.
    """
    page = primary(language)
    out: list[tuple[int, str]] = []
    declared_any = any(declared)
    if page not in ("en", "cy"):
        if not declared_any:
            return ()
        guesses: list[str | None] = [None] * len(paragraphs)
    elif page == "en" and not declared_any and not _may_hold_welsh(paragraphs):
        return ()
    else:
        guesses = [classify(p) for p in paragraphs]
        for i, guess in enumerate(guesses):  # a short line between two paragraphs of one language
            if guess is None and 0 < i < len(guesses) - 1 and guesses[i - 1] and guesses[i - 1] == guesses[i + 1]:
                guesses[i] = guesses[i - 1]
    for i, guess in enumerate(guesses):
        tag = declared[i] if i < len(declared) and declared[i] else guess
        if tag is not None and primary(tag) != page:
            out.append((i, tag))
    return tuple(out)


def _may_hold_welsh(paragraphs: Sequence[str]) -> bool:
    return any(hint in p for p in paragraphs for hint in _HINTS)


def declared_language(element: Element, stops: Collection[Element]) -> str | None:
    """The ``lang`` the page gives ``element`` or a parent, looking no higher than the first of ``stops``."""
    node: Element | None = element
    while node is not None:
        tag = node.get("lang") or node.get(_XML_LANG)
        if tag:
            return normalise_language(tag)
        if node in stops:
            return None
        node = node.getparent()
    return None
