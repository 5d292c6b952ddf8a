"""What people type into a search box, turned into an SQLite FTS5 query that cannot be invalid.

Ordinary words are searched as words, all of them required: each stretch of
text between spaces becomes one quoted FTS5 string, so apostrophes, hyphens,
dots and symbols inside it ("Commissioner's", "e-scooters", "£1.2m") split
it into words that must appear together, and a stretch with no letters or
digits ("&", "-") is dropped. For those who use them, "double-quoted
phrases", the operators ``OR``, ``AND`` and ``NOT`` (in capitals, between two
terms), a trailing ``*`` for a prefix and ``speakers:`` / ``title:`` /
``body:`` before a term keep their meaning.

    >>> fts_query("Commissioner's statement")
    '"Commissioner\\'s" "statement"'
    >>> fts_query('police & crime')
    '"police" "crime"'
    >>> fts_query('"violence against women" OR VAWG knife*')
    '"violence against women" OR "VAWG" "knife"*'
    >>> fts_query("speakers: Seccombe"), fts_query("(( -"), fts_query("NOT")
    ('speakers : "Seccombe"', '', '"NOT"')
"""

from __future__ import annotations

import re

__all__ = ["fts_query"]

_COLUMNS = ("title", "body", "speakers")
_OPERATORS = ("OR", "AND", "NOT")
_WORD = re.compile(r"\w", re.UNICODE)
# A quoted phrase (closed or running to the end), or a run of anything else but spaces.
_PIECE = re.compile(r'"([^"]*)"?|[^\s"]+')
_COLUMN = re.compile(rf"^({'|'.join(_COLUMNS)})\s*:\s*", re.IGNORECASE)


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _terms(text: str) -> list[tuple[str, str]]:
    """Each piece of ``text`` as (kind, FTS5 text): kind is "term" or "op"."""
    out: list[tuple[str, str]] = []
    column = ""
    text = text.replace("\x00", " ")  # SQLite would end the query string there
    # "speakers : Seccombe" and "speakers:Seccombe" both name a column.
    text = re.sub(rf"\b({'|'.join(_COLUMNS)})\s+:", r"\1:", text, flags=re.IGNORECASE)
    for match in _PIECE.finditer(text):
        piece = match.group(0)
        if match.group(1) is not None or piece.startswith('"'):
            words = match.group(1) or ""
            if _WORD.search(words):
                out.append(("term", column + _quoted(" ".join(words.split()))))
            column = ""
            continue
        named = _COLUMN.match(piece)
        if named:
            column = f"{named.group(1).lower()} : "
            piece = piece[named.end() :]
            if not piece:
                continue
        if piece in _OPERATORS:
            out.append(("op", piece))
            continue
        prefix = piece.endswith("*")
        core = piece.rstrip("*").strip("()")
        if _WORD.search(core):
            out.append(("term", column + _quoted(core) + ("*" if prefix else "")))
        column = ""
    return out


def fts_query(text: str) -> str:
    """The FTS5 query for the search ``text`` ("" when it holds no word to look for)."""
    terms = _terms(text)
    parts: list[str] = []
    for i, (kind, value) in enumerate(terms):
        if kind == "op":
            between = 0 < i < len(terms) - 1 and terms[i - 1][0] == "term" and terms[i + 1][0] == "term"
            if between and parts:
                parts.append(value)
            elif not any(k == "term" for k, _ in terms):
                parts.append(_quoted(value))  # a search for the word itself
            continue
        parts.append(value)
    return " ".join(parts)
