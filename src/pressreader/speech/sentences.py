"""Sentence splitting that survives abbreviations, initials and decimals.

:func:`sentence_spans` returns character offsets, so a reader view can highlight
the sentence being spoken::

    >>> from pressreader.speech.sentences import split_sentences
    >>> split_sentences("Supt. Jones said it cost £1.5m. Mr. J. R. Smith agreed.")
    ['Supt. Jones said it cost £1.5m.', 'Mr. J. R. Smith agreed.']
"""

from __future__ import annotations

import re

from .lexicon import NON_FINAL_ABBREVIATIONS

__all__ = ["sentence_spans", "split_sentences"]

# A sentence ends at . ! ? or … (and any closing quotes or brackets after it), then
# white space, then something that can start a sentence.
_END = re.compile(r"(?:[.!?]+|…)[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9£])")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def _is_abbreviation(text: str, stop: int) -> bool:
    """Whether the full stop at ``stop`` closes an abbreviation or an initial, not a sentence."""
    match = _WORD_BEFORE.search(text, 0, stop)
    if match is None:
        return False
    word = match.group(1)
    if word.isdigit() and not text[: match.start()].strip():
        return True  # list numbering at the start of a paragraph: "1. HMICFRS assesses…"
    if word.lower() in ("a.m", "p.m"):
        return False
    if word.lower().rstrip(".") in NON_FINAL_ABBREVIATIONS:
        return True
    # single initials ("J. Smith") and dotted initialisms ("e.g.", "U.K. Government")
    return (len(word) == 1 and word.isupper()) or bool(re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of each sentence in ``text``, without surrounding space.

    >>> sentence_spans("It rose 2.5%. Good!  Yes?")
    [(0, 13), (14, 19), (21, 25)]
    """
    spans = []
    start = 0
    for match in _END.finditer(text):
        single_stop = match.group(0).startswith(".") and len(match.group(0).rstrip("\"'”’)]")) == 1
        if single_stop and _is_abbreviation(text, match.start()):
            continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    result = []
    for begin, end in spans:
        while begin < end and text[begin].isspace():
            begin += 1
        while end > begin and text[end - 1].isspace():
            end -= 1
        if begin < end:
            result.append((begin, end))
    return result


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text`` as strings.

    >>> split_sentences("He said: “It is good.” Then he left.")
    ['He said: “It is good.”', 'Then he left.']
    """
    return [text[a:b] for a, b in sentence_spans(text)]
