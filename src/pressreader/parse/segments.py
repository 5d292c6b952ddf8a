"""Step 1 of reading quotes: the quoted stretches of one paragraph, mark by mark.

Curly and straight, double and single marks are paired by which side of a word
they stand on. An apostrophe (haven't, force’s, the ’90s, officers' work) is no
mark, nor are two straight apostrophes together (an inch sign, wiki italics). A
mark never closed ends its stretch at the paragraph's end (rule 9 of
docs/dev/parsing-rules.md).

    >>> [(s.text, s.family, s.closed) for s in scan("She said: “We’re ready,” and ‘good’.")]
    [('We’re ready,', 'd', True), ('good', 's', True)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .people import words_pattern
from .vocabulary import SPEECH_VERBS

__all__ = ["DOUBLE", "SINGLE", "Seg", "scan"]

_MARK_RE = re.compile(r"[“”‘’\"']")
_SAID_NEXT_RE = re.compile(r"\s+(?:" + words_pattern((*SPEECH_VERBS, "he", "she")) + r")\b")
_OPEN_PUNCT = "([{—–-/“‘\"'"
DOUBLE, SINGLE = "d", "s"


@dataclass(slots=True)
class Seg:
    """One quoted stretch of a paragraph, and what the later steps learn about it."""

    start: int
    end: int
    family: str
    closed: bool
    opens: bool  # the paragraph opens with this segment's mark
    text: str = ""
    pid: int | None = None
    attributed: bool = False
    keep: bool = False
    drop_comma: bool = False
    key: object = None
    role: str | None = None  # the office as written, for a speaker who is never named



def scan(p: str) -> list[Seg]:
    segs: list[Seg] = []
    n = len(p)
    first_text = len(p) - len(p.lstrip())
    family: str | None = None
    start = 0
    mark_at = 0
    for m in _MARK_RE.finditer(p):
        i = m.start()
        ch = p[i]
        prev = p[i - 1] if i else ""
        nxt = p[i + 1] if i + 1 < n else ""
        if ch == "'" and "'" in (prev, nxt):
            continue  # '' is no quotation mark: an inch or ditto sign, or wiki markup for italics
        fam = DOUBLE if ch in "“”\"" else SINGLE
        if fam == SINGLE and ((prev.isalpha() and nxt.isalpha()) or (ch != "‘" and nxt.isdigit())):
            continue  # haven't, force’s, the ’90s
        left = (not prev or prev.isspace() or prev in _OPEN_PUNCT) and bool(nxt) and not nxt.isspace()
        right = bool(prev) and not prev.isspace() and (not nxt or nxt.isspace() or not nxt.isalnum())
        plural = prev in "sS" and i >= 2 and p[i - 2].isalpha() and not nxt.isalpha()
        if fam == SINGLE and ch != "‘" and plural:
            # officers' work: an apostrophe unless it closes an open single quote before a pause
            after = p[i + 1: i + 3]
            pause = not after.strip() or after[:1] in ",.;:!?" or after[1:2].isupper()
            if family != SINGLE or not (pause or _SAID_NEXT_RE.match(p, i + 1, i + 24)):
                continue
        if ch in "“‘":
            opener = not (right and not left and family == fam)
        elif ch in "”’":
            opener = left and not right and family != fam
        else:
            opener = (left and not right) or (left == right and family != fam)
        if family is None:
            if opener:
                family, start, mark_at = fam, i + 1, i
        elif fam == family:
            if opener:  # a second opening mark of the same kind: a stray, end the first there
                segs.append(Seg(start, i, family, False, mark_at == first_text))
                start, mark_at = i + 1, i
            else:
                segs.append(Seg(start, i, family, True, mark_at == first_text))
                family = None
    if family is not None:
        segs.append(Seg(start, n, family, False, mark_at == first_text))
    kept = []
    for seg in segs:
        seg.text = p[seg.start: seg.end].strip()
        if seg.text:
            kept.append(seg)
    return kept
