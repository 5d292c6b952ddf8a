"""People named in running text: the sure mentions of a release, with where each is.

A mention is a first name and surname ("Kim McGuinness"), a single name after a
title or honorific ("Mr Scott", "PCC Evison"), or a person given an office by a
verb ("Matthew Scott has been elected as the Police and Crime Commissioner").
:mod:`.quotes` registers them in a release's :class:`~.speakers.People`, so that
a later "Mr Scott said" or "he said" finds its person.

    >>> [(r.name, r.role) for _, r in find_mentions("Kent PCC Matthew Scott met Mr Lee.")]
    [('Matthew Scott', 'Kent Police and Crime Commissioner'), ('Lee', None)]
"""

from __future__ import annotations

import re

from .people import (
    _ROLE_OR_HONORIFIC,
    _TOKEN_RE,
    SpeakerRef,
    _build,
    _phrase,
    _tokens,
    last_sentence_end,
    parse_subject,
    sentence_ends,
    words_pattern,
)
from .vocabulary import CONNECTORS, NOT_NAMES, ROLE_PREDICATES, ROLE_WORDS

__all__ = ["find_mentions", "mentions_in"]

_CAP = r"[A-Z](?:\.(?=[ \t]+[A-Z])|[\w’'/-]*)"  # a capitalised word, or an initial ("James A. Baker")
# Runs of two or more capitalised words: one capitalised word is never a sure mention, and
# requiring the second word in the pattern keeps sentence openers out of the Python loop.
_RUN_RE = re.compile(_CAP + r"(?:(?:,?[ \t]+|(?:[ \t]+(?:and|of|for|the|&))+[ \t]+)" + _CAP + r")+")
_LONGEST_MENTION = 40  # words in "Name, Office for Area,"-style phrases, with room to spare
_PREDICATE_RE = re.compile(
    words_pattern(ROLE_PREDICATES) + r"\s+(?:as\s+)?(?:(?:the|a|an)\s+)?(?:new\s+)?(?=[A-Z])"
)
_RUN_EDGE = CONNECTORS | {","}  # skipped before a mention's first word
_NOT_NAME_NOT_ROLE = NOT_NAMES - ROLE_WORDS
_NOT_NAME_OR_ROLE = NOT_NAMES | ROLE_WORDS



def find_mentions(text: str) -> list[tuple[int, SpeakerRef]]:
    """People named anywhere in running text, with the offset of each mention.

    Only sure mentions count: a first name and surname ("Kim McGuinness"), or a
    single name after a title or honorific ("Mr Scott", "PCC Evison").

    >>> [(i, r.name, r.role) for i, r in find_mentions("Yesterday Kent PCC Matthew Scott visited Dover.")]
    [(10, 'Matthew Scott', 'Kent Police and Crime Commissioner')]
    """
    return mentions_in(text, {})


def mentions_in(text: str, seen: dict[tuple[str, ...], SpeakerRef | None]) -> list[tuple[int, SpeakerRef]]:
    """:func:`find_mentions`, reading each distinct run of words once per ``seen``.

    ``seen`` belongs to one caller's pass over one release (a release names the same
    people again and again); it must not outlive it.

    >>> seen: dict[tuple[str, ...], SpeakerRef | None] = {}
    >>> [i for i, _ in mentions_in("Mr Scott met Mr Scott.", seen)], len(seen)
    ([0, 13], 1)
    """
    found: list[tuple[int, SpeakerRef]] = []
    for m in _RUN_RE.finditer(text):
        group = m.group(0)
        if " " not in group:
            continue  # one capitalised word (or words joined by tabs) is never a sure mention
        words = _TOKEN_RE.findall(group)
        if len(words) > _LONGEST_MENTION:
            continue  # a list of names or a shouted heading, not one person
        n = len(words)
        lo = 0
        while lo < n and words[lo] in _NOT_NAME_NOT_ROLE:
            lo += 1
        if "and" not in words and "&" not in words:  # one run: the words after any leading connectors
            while lo < n and words[lo] in _RUN_EDGE:
                lo += 1
            _add_mention(found, words[lo:] if lo else words, text, m.start(), seen)
            continue
        run: list[str] = []
        for word in words[lo:] if lo else words:
            if (word == "and" or word == "&") and run and run[-1] not in ROLE_WORDS:
                _add_mention(found, run, text, m.start(), seen)  # "Kim McGuinness and Chief Constable …"
                run = []
            elif run or word not in _RUN_EDGE:
                run.append(word)
        _add_mention(found, run, text, m.start(), seen)
    found.extend(_role_predicates(text))
    found.sort(key=_offset)
    return found


def _offset(item: tuple[int, SpeakerRef]) -> int:
    return item[0]


def _role_predicates(text: str) -> list[tuple[int, SpeakerRef]]:
    """Offices given by a verb: "Matthew Scott has been elected as the Police and Crime Commissioner"."""
    found: list[tuple[int, SpeakerRef]] = []
    for m in _PREDICATE_RE.finditer(text):
        i = m.start()
        if i and (text[i - 1].isalnum() or text[i - 1] == "_"):
            continue  # not a word start (the trie first is faster than a leading \b here)
        before = text[max(0, m.start() - 120): m.start()]
        cut = last_sentence_end(before)
        subject = parse_subject(before[cut:] if cut is not None else before)
        if subject.name is None:
            continue
        after = text[m.end(): m.end() + 160]
        stop = next(sentence_ends(after), None)
        office = _build(_phrase(_tokens(after[: stop.start()] if stop else after), from_end=False))
        if office.name is None and office.role is not None:
            role = office.role if not subject.role or len(office.role) >= len(subject.role) else subject.role
            found.append((m.start(), SpeakerRef(
                name=subject.name, role=role, gender=subject.gender, person=True)))
    return found


def _add_mention(found: list[tuple[int, SpeakerRef]], run: list[str], text: str, near: int,
                 seen: dict[tuple[str, ...], SpeakerRef | None]) -> None:
    if len(run) < 2:
        return
    key = tuple(run)
    if key in seen:
        ref = seen[key]
    else:
        sure = any(w not in _NOT_NAME_OR_ROLE and w[:1].isupper() and not (len(w) >= 3 and w.isupper())
                   for w in run)  # a capitalised word (_is_cap) that is neither a stop word nor a role
        ref = seen[key] = _sure_mention(run) if sure else None
    if ref is not None:
        found.append((text.find(run[0], near), ref))


def _sure_mention(run: list[str]) -> SpeakerRef | None:
    hi = len(run)
    while hi and run[hi - 1] in _RUN_EDGE:
        hi -= 1
    run = run[:hi]
    if not run:
        return None
    ref = _build(run)
    if ref.name is None:
        return None
    titled = len(run) > 1 and not _ROLE_OR_HONORIFIC.isdisjoint(run)
    if len(ref.name.split()) >= 2 or titled:
        return ref
    return None
