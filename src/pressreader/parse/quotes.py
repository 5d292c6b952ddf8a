"""Quotes in a release: who said what, following docs/dev/parsing-rules.md ("Quotes").

One linear scan per paragraph finds the quoted segments (apostrophes are not
quote marks); segments are chained across paragraphs by the multi-paragraph
convention, attributed to a speaker in their own paragraph or, for a
whole-paragraph quote, in the one before, and speakers are resolved to the
full name and fullest role the release gives them.

    >>> quotes = extract_quotes([
    ...     "Responding to the report, Warwickshire Police and Crime Commissioner Philip Seccombe said:",
    ...     "“It is obviously disappointing that this latest report has a ‘requires improvement’ finding.",
    ...     "“I will continue to press for improvement.”",
    ... ])
    >>> [(q.speaker, q.role, q.paragraphs) for q in quotes]
    [('Philip Seccombe', 'Warwickshire Police and Crime Commissioner', (1, 2))]
    >>> print(quotes[0].text)
    It is obviously disappointing that this latest report has a ‘requires improvement’ finding.
    I will continue to press for improvement.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from ..errors import ParseError
from ..models import Quote
from .mentions import mentions_in
from .people import (
    SpeakerRef,
    find_verbs,
    last_sentence_end,
    parse_subject,
    sentence_ends,
)
from .segments import DOUBLE, Seg, scan
from .speakers import People
from .statements import signature, signed_statement

__all__ = ["extract_quotes"]

_BLANK_LINE_RE = re.compile(r"\n[ \t\r\f\v]*\n")
_NEWLINE_RE = re.compile(r"\n")
_ADJACENT_RE = re.compile(r"[”\"]\s*[“\"]")  # one stretch closes, the next opens, nothing between
_SENTENCE_GAP_RE = re.compile(r"[.!?]\s+[^\s“”‘’\"']")  # a sentence ends, and another begins, between quotes
_WORD_RE = re.compile(r"(?<![\w’'-])[A-Z][\w’'-]+")
_LEAD_GAP_RE = re.compile(r"^[\s,:;.—–-]*(?:that\s*)?$")  # "X said: “…", "…,” X said. “…"
_LEAD_IN_RE = re.compile(r"[:,]\s*$")
_SUBJECT_WORDS = frozenset({"he", "she", "the", "a", "an", "and", "of", "for", "&", "also", "then"})
_LOOK = 200  # characters searched for a subject either side of a speech verb
_NO_REF = SpeakerRef()  # frozen: shared safely
_MAX_WATCHED = 32  # speakers' name words searched for after the last quote (see _read_naming)
_MIN_UNATTRIBUTED = 4  # words: a shorter quoted phrase with no speech verb is a scare quote or a name


@dataclass(slots=True)
class _Attr:
    pos: int
    end: int
    ref: SpeakerRef
    pid: int | None = None


@dataclass(slots=True)
class _Para:
    segs: list[Seg] = field(default_factory=list)
    attrs: list[_Attr] = field(default_factory=list)
    last_named: int | None = None


@dataclass(slots=True)
class _Unit:
    parts: list[tuple[int, str]]
    pid: int | None
    key: object
    role: str | None = None
    spans: list[tuple[int, int, int]] = field(default_factory=list)  # (paragraph, start, end)


def extract_quotes(paragraphs: Sequence[str] | str) -> list[Quote]:
    """The quotes in a release's body paragraphs, in order of their first paragraph.

    ``paragraphs`` is the body (a sequence of strings) or one string, split on
    blank lines (on single newlines when it has none). Raises
    :class:`~pressreader.errors.ParseError` only when given something that is
    not text.

    >>> q = extract_quotes("“We will not stand still,” said Giles Orpen-Smellie.")[0]
    >>> q.text, q.speaker, q.paragraphs
    ('We will not stand still', 'Giles Orpen-Smellie', (0,))
    >>> extract_quotes("The force was rated ‘good’ by inspectors.")
    []
    """
    paras, starts = _as_paragraphs(paragraphs)
    people = People()
    scanned = [_Para(segs=scan(p)) for p in paras]
    has_signature = len(paras) >= 3 and signature(paras[-2], paras[-1]) is not None
    if not has_signature and not any(para.segs for para in scanned):
        return []  # no quote marks and no signature: nobody is quoted, skip the speaker work
    seen: dict[tuple[str, ...], SpeakerRef | None] = {}  # runs of words read so far, this call only
    last_quoted = max((i for i, para in enumerate(scanned) if para.segs), default=-1)
    _read(paras, scanned, people, seen, 0, last_quoted + 1)
    units = _units(paras, scanned, people)
    if not units:
        if not has_signature:
            return []  # what the later paragraphs name can only matter to a signed statement
        _read(paras, scanned, people, seen, last_quoted + 1, len(paras))
        signed = signed_statement(paras, starts, people)
        return [signed] if signed else []
    _read_naming(paras, scanned, people, seen, last_quoted + 1, {u.pid for u in units if u.pid is not None})
    return [
        Quote(
            text="\n".join(t for _, t in u.parts),
            speaker=people.name(u.pid) if u.pid is not None else None,
            role=people.role(u.pid) if u.pid is not None else u.role,
            paragraphs=tuple(dict.fromkeys(i for i, _ in u.parts)),
            spans=tuple((starts[i] + a, starts[i] + b) for i, a, b in u.spans),
        )
        for u in units
    ]


def _read(paras: list[str], scanned: list[_Para], people: People,
          seen: dict[tuple[str, ...], SpeakerRef | None], start: int, stop: int) -> None:
    """Register, in order, the people named in paragraphs ``start`` to ``stop`` (exclusive)."""
    for index in range(start, stop):
        text = paras[index]
        _attribute(text, scanned[index], people, seen)
        signer = signature(paras[index - 1], text) if index else None
        if signer is not None:  # "Lisa Townsend" / "Police and Crime Commissioner for Surrey"
            people.resolve(signer)


def _read_naming(paras: list[str], scanned: list[_Para], people: People,
                 seen: dict[tuple[str, ...], SpeakerRef | None], start: int, speakers: set[int]) -> None:
    """Read on from ``start`` only as far as the last paragraph that can still change a speaker (rule 7).

    After the last quoted paragraph only a speaker's name and role can change, and only by a
    reference by name, which holds a word of the speaker's final name: once no later paragraph
    holds one (case-insensitively; the signature read at a paragraph takes its name from the
    line before), nothing read later can change the quotes, so reading stops there. Every
    paragraph up to that one is read, since any reference on the way can change whom a later
    name resolves to. Each word is searched for once per paragraph; past :data:`_MAX_WATCHED`
    words the rest is simply read (the work stays linear on a page naming thousands of speakers).
    """
    lowered: dict[int, str] = {}
    checked: set[str] = set()
    while start < len(paras):
        words = {_fold(w) for pid in speakers for w in people.name(pid).split()}
        if len(words) > _MAX_WATCHED:
            _read(paras, scanned, people, seen, start, len(paras))
            return
        fresh = words - checked  # the older words are in no paragraph from ``start`` on
        checked |= words
        stop = start
        for index in range(len(paras) - 1, start - 1, -1) if fresh else ():
            if _names_any(paras, lowered, index, fresh) or (index and _names_any(paras, lowered, index - 1, fresh)):
                stop = index + 1
                break
        if stop == start:
            return
        _read(paras, scanned, people, seen, start, stop)
        start = stop


def _fold(text: str) -> str:
    # str.lower() is per character except for the capital sigma, whose lower case depends on
    # what follows it: folding both sigmas together makes a word's lower case a substring of
    # its paragraph's whenever the word is in the paragraph.
    return text.lower().replace("ς", "σ")


def _names_any(paras: list[str], lowered: dict[int, str], index: int, words: set[str]) -> bool:
    low = lowered.get(index)
    if low is None:
        low = lowered[index] = _fold(paras[index])
    return any(w in low for w in words)


def _as_paragraphs(paragraphs: Sequence[str] | str) -> tuple[list[str], list[int]]:
    """The paragraphs, and where each starts in the text the quotes' spans count in."""
    if isinstance(paragraphs, str):
        sep = _BLANK_LINE_RE if _BLANK_LINE_RE.search(paragraphs) else _NEWLINE_RE
        texts, starts = [], []
        at = 0
        for gap in [*sep.finditer(paragraphs), None]:
            chunk = paragraphs[at: gap.start() if gap else len(paragraphs)]
            if chunk.strip():
                texts.append(chunk.strip())
                starts.append(at + len(chunk) - len(chunk.lstrip()))
            at = gap.end() if gap else at
        return texts, starts
    if isinstance(paragraphs, (bytes, bytearray)) or not isinstance(paragraphs, Sequence):
        kind = type(paragraphs).__name__
        raise ParseError(f"extract_quotes needs text or a sequence of paragraphs, not {kind}")
    out, starts = [], []
    at = 0
    for i, p in enumerate(paragraphs):
        if not isinstance(p, str):
            raise ParseError(f"paragraph {i} is {type(p).__name__}, not text")
        out.append(p)
        starts.append(at)
        at += len(p) + 2  # the paragraphs joined by blank lines
    return out, starts


# --- step 2: speakers named in one paragraph --------------------------------------------------


def _attribute(p: str, para: _Para, people: People, seen: dict[tuple[str, ...], SpeakerRef | None]) -> None:
    segs = para.segs
    nsegs = len(segs)
    attrs: list[tuple[int, int, _Attr | SpeakerRef]] = []
    for k, m in _verbs_outside(p, segs):
        at = m.start()
        lo = max(segs[k - 1].end + 1 if k else 0, at - _LOOK)
        before = p[lo: at]
        cut = last_sentence_end(before)
        if cut is not None:
            before = before[cut:]
        ref = parse_subject(before) if before.strip(" ,") else _NO_REF
        if not ref.person:
            hi = min(segs[k].start - 1 if k < nsegs else len(p), m.end() + _LOOK)
            after = p[m.end(): hi]
            stop = next(sentence_ends(after), None)
            inverted = parse_subject(after[: stop.start()] if stop else after, inverted=True)
            if inverted.person:
                ref = inverted
        if ref.person:
            attrs.append((at, 0, _Attr(at, m.end(), ref)))
    outside = _blank_segments(p, segs) if segs else p
    mentions = mentions_in(outside, seen)
    events: list[tuple[int, int, _Attr | SpeakerRef]] = attrs + [(offset, 1, ref) for offset, ref in mentions]
    kinds = bool(attrs) + bool(mentions)
    if people.known_words:  # "Sanders reiterated …": a known name on its own is a mention too
        taken = {offset for offset, _ in mentions}
        known = [(m.start(), 2, SpeakerRef(name=m.group(), person=True)) for m in _WORD_RE.finditer(outside)
                 if m.start() not in taken and people.knows(m.group())]
        events += known
        kinds += bool(known)
    if kinds > 1:  # each list is in order already: sort only when they interleave
        events.sort(key=_event_order)
    for _, kind, item in events:
        if kind == 2:  # known when listed, and a release never forgets a name
            if isinstance(item, SpeakerRef):
                para.last_named = people.resolve(item)
            continue
        if isinstance(item, _Attr):
            item.pid = people.resolve(item.ref)
            para.attrs.append(item)
            if item.pid is not None:
                para.last_named = item.pid
        else:
            pid = people.resolve(item)
            if pid is not None:
                para.last_named = pid


def _verbs_outside(p: str, segs: list[Seg]) -> Iterator[tuple[int, re.Match[str]]]:
    """The speech verbs outside quoted words, each with the index of the next segment.

    Only the gaps between segments are searched. No verb can cross a segment's edge (a
    segment starts just after a quote mark and ends at one, or at the paragraph's end), and a
    word boundary at a gap's start still sees the character before it.
    """
    lo = 0
    for k, seg in enumerate(segs):
        for m in find_verbs(p, lo, seg.start):
            yield k, m
        lo = seg.end
    for m in find_verbs(p, lo):
        yield len(segs), m


def _event_order(event: tuple[int, int, _Attr | SpeakerRef]) -> tuple[int, int]:
    return event[0], event[1]


def _blank_segments(p: str, segs: list[Seg]) -> str:
    pieces = []
    pos = 0
    for seg in segs:
        if seg.start > len(p):
            break
        pieces.append(p[pos: seg.start])
        pieces.append(" " * (min(seg.end, len(p)) - seg.start))
        pos = min(seg.end, len(p))
    pieces.append(p[pos:])
    return "".join(pieces)


# --- step 3: which segment belongs to which speaker ------------------------------------------


def _assign(p: str, para: _Para) -> None:
    attrs = para.attrs
    k = 0
    for si, seg in enumerate(para.segs):
        while k < len(attrs) and attrs[k].pos < seg.start:
            k += 1
        nxt_start = para.segs[si + 1].start if si + 1 < len(para.segs) else len(p) + 1
        after = attrs[k] if k < len(attrs) and attrs[k].pos < nxt_start else None
        before = attrs[k - 1] if k else None
        after_close = after is not None and _subject_only(p[seg.end + 1: after.pos])
        before_close = (before is not None and seg.start - before.end < 40
                        and bool(_LEAD_GAP_RE.match(p[before.end: seg.start - 1])))
        chosen = after if after_close else before if before is not None else after
        if chosen is None:
            continue
        seg.pid, seg.attributed, seg.role = chosen.pid, True, chosen.ref.role
        seg.keep = after_close or before_close or len(seg.text.split()) >= 4
        seg.drop_comma = seg.closed and after_close and seg.text.endswith(",")  # "…,” said X
        seg.text = seg.text[:-1].rstrip() if seg.drop_comma else seg.text
        seg.keep = seg.keep and bool(seg.text)
        seg.key = id(chosen)


def _subject_only(gap: str) -> bool:
    """Whether the words between a closing mark and its verb are only the speaker ("…,” Mr Scott said)."""
    words = gap.replace(",", " ").split()
    return len(words) <= 6 and all(
        w[:1].isupper() or w in _SUBJECT_WORDS for w in words
    )


def _whole(p: str, seg: Seg) -> bool:
    return seg.opens and (not seg.closed or not p[seg.end + 1:].strip(" .,;:!?\"'”’"))


def _continues(p: str, para: _Para, nxt: _Para) -> bool:
    """Rule 3: the paragraph's last quote is left open and the next paragraph opens with a mark.

    Only when this paragraph opened with a quote mark too, or the open quote follows a
    lead-in ("X said: “…"): a stray mark mid-paragraph never runs on (rule 9).
    """
    seg = para.segs[-1]
    if seg.closed or not nxt.segs or not nxt.segs[0].opens or nxt.segs[0].family != seg.family:
        return False
    lead_in = _LEAD_IN_RE.search(p, max(0, seg.start - 40), max(0, seg.start - 1))
    return para.segs[0].opens or lead_in is not None


def _units(paras: list[str], scanned: list[_Para], people: People) -> list[_Unit]:
    for p, para in zip(paras, scanned, strict=True):
        _assign(p, para)
    links: dict[int, tuple[int, Seg]] = {}  # id(segment) -> the segment continuing it
    continued: set[int] = set()
    for i in range(len(paras) - 1):
        segs = scanned[i].segs
        if segs and _continues(paras[i], scanned[i], scanned[i + 1]):
            links[id(segs[-1])] = (i + 1, scanned[i + 1].segs[0])
            continued.add(id(scanned[i + 1].segs[0]))
    units: list[_Unit] = []
    speaker_of: dict[int, tuple[int | None, str | None]] = {}  # paragraph -> (speaker, role) quoted in it
    used: set[int] = set()
    for i, para in enumerate(scanned):
        for si, seg in enumerate(para.segs):
            if id(seg) in continued:
                continue
            chain = [(i, seg)]
            while id(chain[-1][1]) in links:
                chain.append(links[id(chain[-1][1])])
            owner = next((s for _, s in chain if s.attributed), None)
            pid: int | None
            key: object
            role: str | None = None
            if owner is not None and (owner.keep or len(chain) > 1):
                pid, key, role = owner.pid, owner.key, owner.role
            elif si == 0 and _whole(paras[i], seg) and i:
                before = scanned[i - 1]
                if before.attrs:
                    lead = before.attrs[-1]
                    pid, key, role = lead.pid, id(lead), lead.ref.role
                elif len(seg.text.split()) < 4:
                    continue  # a short quoted line with no lead-in is a title, not a quote
                elif before.last_named is not None:
                    pid, key = before.last_named, ("named", i - 1)
                elif i - 1 in speaker_of:
                    pid, role = speaker_of[i - 1]
                    key = ("after", i - 1)
                else:
                    continue
            else:
                continue
            parts = [(pi, s.text) for pi, s in chain]
            _add(units, _Unit(parts, pid, key, role, [(pi, s.start, s.end) for pi, s in chain]), paras)
            for pi, _ in chain:
                speaker_of[pi] = (pid, role)
            used.update(id(s) for _, s in chain)
    # Rule 5: speech in double quotation marks counts without an attribution of its own.
    loose = False
    ends = {(u.spans[-1][0], u.spans[-1][2]): u for u in units if u.spans}
    for i, para in enumerate(scanned):
        for k, seg in enumerate(para.segs):
            if id(seg) in used or id(seg) in continued or not seg.closed or seg.family != DOUBLE:
                continue
            earlier = ends.get((i, para.segs[k - 1].end)) if k else None
            if earlier is not None and _ADJACENT_RE.fullmatch(paras[i], para.segs[k - 1].end, seg.start):
                # “It’s taxing,” “Big time.”: a stretch right after another, with nothing between, goes on
                _extend(earlier, [(i, seg.text)], [(i, seg.start, seg.end)])
                ends[(i, seg.end)] = earlier
                continue
            if len(seg.text.split()) < _MIN_UNATTRIBUTED or _title_case(seg.text):
                continue
            pid = _nearest_speaker(seg, para, scanned, i, speaker_of)
            unit = _Unit([(i, seg.text)], pid, ("unattributed", i, seg.start), spans=[(i, seg.start, seg.end)])
            units.append(unit)
            ends[(i, seg.end)] = unit
            loose = True
    if loose:
        units.sort(key=_first_paragraph)
    return units


def _first_paragraph(unit: _Unit) -> int:
    return unit.parts[0][0]

def _nearest_speaker(seg: Seg, para: _Para, scanned: list[_Para], i: int,
                     speaker_of: dict[int, tuple[int | None, str | None]]) -> int | None:
    """Who says a quote with no attribution of its own: the nearest speaker named around it."""
    if seg.attributed:
        return seg.pid
    named = [a for a in para.attrs if a.pid is not None]
    if named:
        return min(named, key=lambda a: abs(a.pos - seg.start)).pid
    previous = speaker_of.get(i - 1)
    if previous is not None and previous[0] is not None:
        return previous[0]
    if para.last_named is not None:
        return para.last_named
    return scanned[i - 1].last_named if i else None


def _title_case(text: str) -> bool:
    """Mostly capitalised words ("Ban on Face Coverings", "ALL BETS ARE OFF"): a title, not speech."""
    words = [w for w in text.split() if w[:1].isalpha()]
    if not words:
        return True
    capitalised = sum(1 for w in words if w[:1].isupper())
    return capitalised * 4 >= len(words) * 3 or text.isupper()



def _add(units: list[_Unit], unit: _Unit, paras: list[str]) -> None:
    if units:
        last = units[-1]
        same = unit.pid == last.pid and (unit.pid is not None or unit.key == last.key)
        if same and last.parts[-1][0] == unit.parts[0][0] and _interrupted(last, unit, paras):
            _extend(last, unit.parts, unit.spans)
            return
    units.append(unit)


def _extend(unit: _Unit, parts: list[tuple[int, str]], spans: list[tuple[int, int, int]]) -> None:
    """Go on ``unit`` with more quoted words; the first part joins its last paragraph's text."""
    pi, text = unit.parts[-1]
    unit.parts[-1] = (pi, f"{text} {parts[0][1]}")
    unit.parts.extend(parts[1:])
    unit.spans.extend(spans)


def _interrupted(last: _Unit, unit: _Unit, paras: list[str]) -> bool:
    """Whether only an attribution stands between two stretches ("…,” said X, “…"), not a sentence."""
    if not last.spans or not unit.spans:
        return True
    pi, _, end = last.spans[-1]
    pj, start, _ = unit.spans[0]
    return pi != pj or not _SENTENCE_GAP_RE.search(paras[pi], end, start)
