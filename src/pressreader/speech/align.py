"""Where each spoken character comes from in the displayed text.

The normaliser rewrites what is shown ("£5,000") into what is said ("five
thousand pounds"). To highlight the word on screen while a spoken word is
heard, every character of the spoken text needs the span of displayed text it
was made from. :func:`align` gets it without a second copy of the rules: it
applies :data:`pressreader.speech.normalise.RULES` one at a time and compares
each rule's input with its output (:mod:`difflib`, case-insensitively, so a
sentence in calmed capitals stays word for word). Text a rule keeps maps to
itself; text it rewrites maps, as a whole, to the text it replaced::

    >>> a = align("The PCC gave £5,000.")
    >>> a.spoken
    'The P C C gave five thousand pounds.'
    >>> a.display_span(a.spoken.index("thousand"), a.spoken.index("thousand") + 8)
    (13, 19)
    >>> "The PCC gave £5,000."[13:19]
    '£5,000'

Spoken text that is not the normaliser's output for the display (another
language's text is only tidied) is compared with the display directly.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .normalise import RULES

__all__ = ["Alignment", "align"]

_Span = tuple[int, int]  # a span of the display; start == stop marks an insertion point


@dataclass(frozen=True, slots=True)
class Alignment:
    """``spoken`` and, for each of its characters, the span of ``display`` it was made from."""

    display: str
    spoken: str
    spans: tuple[_Span, ...]

    def display_span(self, start: int, stop: int) -> tuple[int, int]:
        """The span of the display that spoken characters ``start:stop`` came from.

        Characters inserted by a rule (the "of" of "the twenty-first of May")
        come from a point, not a span: when every character is inserted the
        result is that empty span.

            >>> align("on 21st May").display_span(20, 22)  # "of"
            (7, 7)
        """
        chosen = self.spans[max(0, start) : max(start, stop)]
        solid = [span for span in chosen if span[0] < span[1]]
        if solid:
            return min(s for s, _ in solid), max(e for _, e in solid)
        if chosen:
            return chosen[0]
        point = self.spans[-1][1] if self.spans else 0
        return point, point


def _blocks(before: str, after: str) -> list[tuple[str, int, int, int, int]]:
    """Opcodes from ``before`` to ``after``; a whitespace-only match between two changes is a change.

    "0800 555 111" said as "oh eight hundred, five five five, …" shares only
    spaces with it, which would pair the wrong digits with the wrong words.
    """
    a, b = before.lower(), after.lower()
    if len(a) != len(before) or len(b) != len(after):
        a, b = before, after
    codes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    merged: list[tuple[str, int, int, int, int]] = []
    for n, (tag, i1, i2, j1, j2) in enumerate(codes):
        inner = 0 < n < len(codes) - 1
        if tag == "equal" and inner and not before[i1:i2].strip():
            tag = "replace"
        if merged and tag != "equal" and merged[-1][0] != "equal":
            _, p1, _, q1, _ = merged.pop()
            merged.append(("replace", p1, i2, q1, j2))
        else:
            merged.append((tag, i1, i2, j1, j2))
    return merged


def _step(before: str, after: str, spans: Sequence[_Span]) -> list[_Span]:
    """The display spans of ``after``'s characters, given those of ``before``'s."""
    result: list[_Span] = []
    for tag, i1, i2, j1, j2 in _blocks(before, after):
        if tag == "equal":
            result.extend(spans[i1:i2])
            continue
        solid = [span for span in spans[i1:i2] if span[0] < span[1]]
        if solid:
            source = (min(s for s, _ in solid), max(e for _, e in solid))
        elif i1 < len(spans):
            source = (spans[i1][0], spans[i1][0])
        else:
            point = spans[-1][1] if spans else 0
            source = (point, point)
        result.extend([source] * (j2 - j1))
    return result


def align(
    display: str,
    spoken: str | None = None,
    rules: Sequence[Callable[[str], str]] = RULES,
) -> Alignment:
    """Normalise ``display`` rule by rule and say where each spoken character comes from.

    ``spoken`` is the text the engine is given; when it is not what ``rules``
    make of ``display`` (it defaults to that), the two are compared directly.

        >>> a = align("Call 0800 555 111.")
        >>> a.spoken
        'Call oh eight hundred, five five five, one one one.'
        >>> a.display_span(a.spoken.index("five"), a.spoken.index("five") + 4)
        (5, 17)
    """
    text = display
    spans: list[_Span] = [(i, i + 1) for i in range(len(display))]
    for rule in rules:
        changed = rule(text)
        if changed != text:
            spans = _step(text, changed, spans)
            text = changed
    if spoken is not None and spoken != text:
        text = spoken
        spans = _step(display, spoken, [(i, i + 1) for i in range(len(display))])
    return Alignment(display, text, tuple(spans))
