"""Who is speaking: splitting "name and role" phrases into a name and a role.

A release names a person once in full ("Warwickshire Police and Crime
Commissioner Philip Seccombe") and then by surname, first name, office or
pronoun. :func:`split_speaker` splits one phrase into ``(name, role)``;
:func:`parse_subject` reads the subject of a speech verb as a
:class:`SpeakerRef` (:mod:`.mentions` finds the people named in narrative).
Resolving short references to one person is :class:`pressreader.parse.speakers.People`.

    >>> split_speaker("Warwickshire Police and Crime Commissioner Philip Seccombe")
    ('Philip Seccombe', 'Warwickshire Police and Crime Commissioner')
    >>> parse_subject("Mr Scott").name, parse_subject("the PCC").office
    ('Scott', 'Police and Crime Commissioner')
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .vocabulary import (
    ABBREVIATED_TITLES,
    CONNECTORS,
    FEMALE_HONORIFICS,
    HONORIFICS,
    MALE_HONORIFICS,
    NOT_NAMES,
    ORGANISATION_WORDS,
    PERSON_NOUNS,
    PRONOUNS,
    RELATIVE_WORDS,
    ROLE_ABBREVIATIONS,
    ROLE_WORDS,
    SPEECH_VERBS,
)

__all__ = [
    "SpeakerRef",
    "expand_role",
    "find_verbs",
    "last_sentence_end",
    "parse_subject",
    "sentence_ends",
    "split_speaker",
    "words_pattern",
]

# "Not after a word character or hyphen" is checked behind each abbreviation once it has matched
# (the same test as a lookbehind in front of the group, which would stop re skipping quickly to
# the possible first letters).
_ABBREV_RE = re.compile(
    "(?:" + "|".join(re.escape(a) + "(?<![\\w-]" + re.escape(a) + ")"
             for a in sorted(ROLE_ABBREVIATIONS, key=len, reverse=True))
    + r")(?![\w-])"
)


def words_pattern(phrases: tuple[str, ...] | frozenset[str]) -> str:
    """A regular expression (no groups) matching any of ``phrases``, factored as a trie.

    Python's ``re`` tries alternatives one by one; sharing prefixes makes a list of
    thirty verbs as cheap to search for as one. Spaces match any run of whitespace.

    >>> words_pattern(("said", "says", "stated"))
    's(?:a(?:id|ys)|tated)'
    """
    trie: dict[str, Any] = {}
    for phrase in phrases:
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict[str, Any]) -> str:
    alternatives = []
    for ch in sorted(node):
        if ch == "":
            continue
        tail = _trie_regex(node[ch])
        piece = (r"\s+" if ch == " " else re.escape(ch)) + tail
        alternatives.append(piece)
    optional = "" in node
    if not alternatives:
        return ""
    if len(alternatives) == 1 and not optional:
        return alternatives[0]
    body = "(?:" + "|".join(alternatives) + ")"
    return body + "?" if optional else body


# The word start is checked by the leading \b inside the regular expression (every phrase
# starts with a word character, so \b there means "no word character before"): a Python-level
# check per match was measured slower, and no phrase can start inside another one's match.
_VERB_RE = re.compile(r"\b" + words_pattern(SPEECH_VERBS) + r"\b")


def find_verbs(text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
    """Every speech verb in ``text`` (from ``pos`` up to ``endpos``) as a whole word ("said", "went on to say").

    As with :meth:`re.Pattern.finditer`, the word boundary at ``pos`` looks at the character
    before it, while ``text`` is read as if it ended at ``endpos``.

    >>> [m.group(0) for m in find_verbs("Unsaid, she said and added")]
    ['said', 'added']
    >>> [m.start() for m in find_verbs("Unsaid, she said and added", 2, 16)]
    [12]
    """
    return _VERB_RE.finditer(text, pos, len(text) if endpos is None else endpos)


def _has_verb(text: str) -> bool:
    return _VERB_RE.search(text) is not None
_RELATIVE_RE = re.compile(r",\s*(?:" + "|".join(sorted(RELATIVE_WORDS)) + r")\b[^,]*(?:,|$)")
_PAREN_RE = re.compile(r"\([^()]*\)")
_TOKEN_RE = re.compile(r"[^\W\d_][\w’'/.-]*|&|,")
_SENTENCE_END_RE = re.compile(r"[.;:!?](?:\s|$)")


def sentence_ends(text: str) -> Iterator[re.Match[str]]:
    """The sentence ends in ``text``: ``.;:!?`` before a space or the end, less the full
    stops of abbreviations and initials.

    >>> [m.start() for m in sentence_ends("Sen. Brian A. Schatz spoke. Then: yes")]
    [26, 32]
    """
    for m in _SENTENCE_END_RE.finditer(text):
        dot = m.start()
        if text[dot] == ".":
            word = dot
            while word and text[word - 1].isalpha():
                word -= 1
            short = text[word:dot]
            if (len(short) == 1 and short.isupper()) or short in ABBREVIATED_TITLES:
                continue
        yield m


def last_sentence_end(text: str) -> int | None:
    """Where the last sentence of ``text`` starts (after its last sentence end), or ``None``.

    >>> text = "It rained. Rep. Ann Lee"
    >>> text[last_sentence_end(text):]
    'Rep. Ann Lee'
    """
    cut = None
    for m in sentence_ends(text):
        cut = m.end()
    return cut


# lower-case words allowed between a subject and its verb ("has also welcomed")
_TRAILERS = frozenset({"has", "have", "had", "also", "today", "yesterday", "further", "then", "later",
                       "previously", "once", "again", "recently", "warmly", "both", "is", "was",
                       "this", "week", "morning", "afternoon", "evening", "tonight"})


def expand_role(role: str) -> str:
    """Expand rank and office abbreviations in a role.

    >>> expand_role("Kent PCC")
    'Kent Police and Crime Commissioner'
    >>> expand_role("Ch Supt")
    'Chief Superintendent'
    """
    return _ABBREV_RE.sub(lambda m: ROLE_ABBREVIATIONS[m.group(0)], role)


@dataclass(frozen=True, slots=True)
class SpeakerRef:
    """One way a release points at a person.

    ``name`` as written (no honorific), ``role`` expanded, ``pronoun`` "he"/"she",
    ``office`` for "the Commissioner"-style references, ``gender`` "m"/"f" when an
    honorific or pronoun says so, ``person`` whether this is a person at all
    (an unnamed "spokesperson" is; "the report" is not).
    """

    name: str | None = None
    role: str | None = None
    pronoun: str | None = None
    office: str | None = None
    gender: str | None = None
    person: bool = False


_NOBODY = SpeakerRef()
# Word sets the hot loops test against, built once from the vocabulary.
_ROLE_OR_HONORIFIC = ROLE_WORDS | HONORIFICS
_PHRASE_WORDS = CONNECTORS | {",", "The"}  # kept in a phrase besides capitalised words
_PHRASE_STOP = NOT_NAMES - ROLE_WORDS - {"The", "And"}  # end a phrase once it has begun
_PHRASE_EDGE = CONNECTORS | {",", "The", "And"}  # trimmed from both ends of a phrase
_QUALIFIED_AFTER = frozenset({"for", "of", "and", "&"})
_ARTICLE_RE = re.compile(r"^(?:the|The|a|A|our|Our)\s+")
# _TOKEN_RE without the full stops that end a token ("Supt.", "Mr.", a full stop after a name);
# a token never starts with a full stop, so these are the tokens with their trailing dots stripped.
# An initial keeps its full stop ("James A. Baker"), so that it is never read as the word "A".
_WORD_RE = re.compile(r"[A-Z]\.(?=[ \t]+[A-Z])|[^\W\d_](?:[\w’'/.-]*[\w’'/-])?|&|,")


def _tokens(text: str) -> list[str]:
    return _WORD_RE.findall(text)


def _phrase(tokens: list[str], from_end: bool) -> list[str]:
    """The run of name/role tokens at the end (or start) of a token list."""
    seq = reversed(tokens) if from_end else iter(tokens)
    kept: list[str] = []
    for tok in seq:
        if tok in _PHRASE_WORDS or (  # _is_cap, inlined: this loop runs for every token
                tok[:1].isupper() and not (len(tok) >= 3 and tok.isupper() and tok not in ROLE_WORDS)):
            if kept and tok in _PHRASE_STOP:
                break
            kept.append(tok)
        else:
            break
    if from_end:
        kept.reverse()
    lo, hi = 0, len(kept)
    while lo < hi and kept[lo] in _PHRASE_EDGE:
        lo += 1
    while hi > lo and kept[hi - 1] in _PHRASE_EDGE:
        hi -= 1
    return kept[lo:hi]


def _split_parts(tokens: list[str]) -> list[list[str]]:
    parts: list[list[str]] = [[]]
    for tok in tokens:
        if tok == ",":
            if parts[-1]:
                parts.append([])
        else:
            parts[-1].append(tok)
    return [p for p in parts if p]


def _name_runs(part: list[str]) -> list[tuple[int, int]]:
    """Spans of personal-name tokens in one comma part (qualifiers excluded)."""
    runs: list[tuple[int, int]] = []
    # a name token: capitalised (as _is_cap), neither a role word nor an honorific
    namey = [tok[:1].isupper() and not (len(tok) >= 3 and tok.isupper()) and tok not in _ROLE_OR_HONORIFIC
             for tok in part]
    n = len(part)
    i = 0
    while i < n:
        if namey[i] and part[i] != "The":
            j = i + 1
            while j < n and namey[j]:
                j += 1
            before = part[i - 1] if i else ""
            after = part[j] if j < n else ""
            owner = _owner_end(part, i, j)  # "Twitter's Adam Sharp": the name follows the owner
            if owner > i:
                before, i = part[owner - 1], owner
            words = part[i:j]
            qualifier = before in _QUALIFIED_AFTER or after in ROLE_WORDS or after in ("and", "&")
            org = not ORGANISATION_WORDS.isdisjoint(words)
            stop = len(words) == 1 and words[0] in NOT_NAMES
            if words and not (qualifier or org or stop):
                runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


def _owner_end(part: list[str], start: int, end: int) -> int:
    """Where the words after the last possessive in ``part[start:end]`` begin, else ``start``.

    >>> _owner_end(["American", "Action", "Forum’s", "Douglas", "Holtz-Eakin"], 0, 5)
    3
    """
    for k in range(end - 1, start - 1, -1):
        if part[k].endswith(("’s", "'s")):
            return k + 1
    return start


def _build(tokens: list[str], definite: bool = False) -> SpeakerRef:
    """Split a cleaned run of tokens into a name and a role."""
    gender = None
    cleaned = tokens  # never changed in place below
    if not HONORIFICS.isdisjoint(tokens):
        cleaned = []
        for tok in tokens:
            if tok in HONORIFICS:
                gender = "m" if tok in MALE_HONORIFICS else "f" if tok in FEMALE_HONORIFICS else gender
                continue
            cleaned.append(tok)
    if cleaned and cleaned[0] == "The":
        definite = True
        cleaned = cleaned[1:]
    parts = _split_parts(cleaned) if "," in cleaned else [cleaned] if cleaned else []
    name_at: tuple[int, int, int] | None = None
    for pi, part in enumerate(parts):
        for start, end in _name_runs(part):
            name_at = (pi, start, end)
    if name_at is None:
        role = _role_text([p for p in parts if not ROLE_WORDS.isdisjoint(p)])
        if role and definite:
            return SpeakerRef(role=role, office=role, gender=gender, person=True)
        return SpeakerRef(role=role, gender=gender, person=False)
    pi, start, end = name_at
    name = " ".join(parts[pi][start:end])
    own = parts[pi][:start] + parts[pi][end:]
    role_parts: list[list[str]] = []
    for left in reversed(parts[:pi]):
        if not _organisation(left):  # "the Police and Crime Commissioner for Dorset, David Sidwick"
            role_parts.append(left)
        else:
            break
    role_parts.reverse()
    if own and not ROLE_WORDS.isdisjoint(own):
        role_parts.append(own)
    for right in parts[pi + 1:]:
        if not ROLE_WORDS.isdisjoint(right):
            role_parts.append(right)
        else:
            break
    return SpeakerRef(name=name, role=_role_text(role_parts), gender=gender, person=True)


def _role_text(parts: list[list[str]]) -> str | None:
    parts = [p for p in parts if not _organisation(p)]
    if not parts:
        return None
    text = ", ".join(" ".join(p) for p in parts)
    if text[:1] in "tTaAoO":
        text = _ARTICLE_RE.sub("", text)
    text = text.strip(" ,")
    return expand_role(text) or None


def _organisation(words: list[str]) -> bool:
    """Whether a role-looking part names a body ("… Joint Action Group"), not an office.

    The head (the last word before "of"/"for") decides: "Cleveland Police Authority
    Chief Executive" is an office, "Serious and Organised Crime Joint Action Group" is not.
    """
    head = ""
    for word in words:
        if word in ("of", "for"):
            break
        head = word
    return head.capitalize() not in ROLE_WORDS and head not in ROLE_WORDS


def parse_subject(text: str, inverted: bool = False) -> SpeakerRef:
    """Read the person a subject phrase names (the words before "said", or after it).

    >>> parse_subject("Responding to the report, Mr Seccombe").name
    'Seccombe'
    >>> parse_subject("he", inverted=True).pronoun
    'he'
    >>> parse_subject("the report").person
    False
    """
    if "(" in text:  # both patterns need a literal character: skip them when it is absent
        text = _PAREN_RE.sub(" ", text)
    if "," in text:
        text = _RELATIVE_RE.sub(",", text)
    words = _tokens(text)
    if inverted:
        first_low = words[0].lower() if words else ""
        if first_low in PRONOUNS:
            return SpeakerRef(pronoun=first_low, gender=PRONOUNS[first_low], person=True)
        definite = bool(words) and words[0] in ("the", "The")
        if first_low in ("a", "an") and len(words) > 1:
            lowered = [w.lower() for w in words[1:4]]
            if any(w in PERSON_NOUNS for w in lowered):
                return SpeakerRef(person=True)
        kept = _phrase(words, from_end=False)
        ref = _build(kept, definite) if kept else _NOBODY
        parts = text.split(",")
        if ref.name and not ref.role and len(parts) >= 2 and parts[0].strip().endswith(ref.name):
            return _appositive(ref, parts[1])
        return ref
    while words and (words[-1] in _TRAILERS or words[-1] == ","):
        words.pop()
    if not words:
        return _NOBODY
    last = words[-1].lower()
    if last in PRONOUNS:
        return SpeakerRef(pronoun=last, gender=PRONOUNS[last], person=True)
    if last in PERSON_NOUNS:  # "Michael Ahrens, a Rubio spokesman," is Michael Ahrens
        parts = text.strip().rstrip(",").split(",")
        named = parse_subject(parts[-2]) if len(parts) >= 2 and parts[-1].split()[0] in ("a", "an", "the") else _NOBODY
        return named if named.name else SpeakerRef(person=True)
    parts = text.strip().rstrip(",").split(",")
    k = len(parts) - 1
    while k > 0 and (parts[k].strip()[:1].islower() or parts[k].strip()[:1].isdigit()):
        k -= 1
    if 0 <= k < len(parts) - 1:  # "Clinton, speaking to reporters in Tampa, said"; "Ann Lee, 45, of Leeds, said"
        named = parse_subject(",".join(parts[: k + 1]))
        if named.name:
            return named if named.role else _appositive(named, parts[k + 1])
    kept = _phrase(words, from_end=True)
    first = len(words) - len(kept)
    definite = first > 0 and words[first - 1] in ("the", "The")
    ref = _build(kept, definite) if kept else _NOBODY
    if ref.name is None:
        parts = text.strip().rstrip(",").split(",")
        if len(parts) >= 2:
            named = parse_subject(parts[-2])
            if named.name:  # "Sophie Hart, chief executive of …"; "House Speaker Paul Ryan, the chair,"
                return named if named.role else _appositive(named, parts[-1])
    return ref


def _appositive(ref: SpeakerRef, text: str) -> SpeakerRef:
    """``ref`` with a lower-case role written after its name ("Sophie Hart, chief executive of …")."""
    role = text.strip()
    words = role.split()
    if role and not _has_verb(role) and any(w.capitalize() in ROLE_WORDS for w in words[:4]):
        return SpeakerRef(name=ref.name, role=_role_text([words]), gender=ref.gender, person=True)
    return ref


def split_speaker(text: str) -> tuple[str | None, str | None]:
    """Split a speaker phrase into ``(name, role)``; either is ``None`` when absent.

    The speech verb and anything after it, a lead-in ("Responding to the
    report, ") and a relative clause (", who led the operation,") are ignored;
    abbreviations in the role are expanded.

    >>> split_speaker("Roger Hirst, Police, Fire and Crime Commissioner said:")
    ('Roger Hirst', 'Police, Fire and Crime Commissioner')
    >>> split_speaker("Detective Inspector James Ansell, who co-ordinated the operation, said:")
    ('James Ansell', 'Detective Inspector')
    >>> split_speaker("the Commissioner")
    (None, 'Commissioner')
    """
    match = next(find_verbs(text), None)
    if match is None:
        ref = parse_subject(text)
    else:
        before, after = text[: match.start()], text[match.end():]
        ref = parse_subject(before)
        if ref.name is None and ref.role is None and ref.pronoun is None:
            end = next(sentence_ends(after), None)
            ref = parse_subject(after[: end.start()] if end else after, inverted=True)
    return ref.name, ref.role
