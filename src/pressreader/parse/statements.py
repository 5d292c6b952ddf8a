"""Step 4 of reading quotes: a signed statement, a release that is one person's words with no marks.

Rule 8 of docs/dev/parsing-rules.md: the body ends with a line that is only a personal
name and a line that is only a role ("Lisa Townsend" / "Police and Crime Commissioner for
Surrey"); everything before them is that person's statement.

    >>> signature("Lisa Townsend", "Police and Crime Commissioner for Surrey").name
    'Lisa Townsend'
    >>> signature("Thank you", "Police and Crime Commissioner") is None
    True
"""

from __future__ import annotations

from ..models import Quote
from .people import SpeakerRef, find_verbs, parse_subject
from .speakers import People

__all__ = ["signature", "signed_statement"]


def signature(name_line: str, role_line: str) -> SpeakerRef | None:
    """A line that is only a personal name followed by a line that is only a role."""
    if len(name_line) > 60 or len(role_line) > 120 or not name_line[-1:].isalpha():
        return None
    signer = parse_subject(name_line)
    if signer.name is None or signer.role is not None or len(signer.name.split()) < 2:
        return None
    if len(name_line.split()) != len(signer.name.split()):
        return None
    office = parse_subject(role_line)
    if office.role is None or office.name is not None or next(find_verbs(role_line), None):
        return None
    return SpeakerRef(name=signer.name, role=office.role, person=True)


def signed_statement(paras: list[str], starts: list[int], people: People) -> Quote | None:
    if len(paras) < 3:
        return None
    signer = signature(paras[-2], paras[-1])
    pid = people.resolve(signer) if signer is not None else None
    said = [i for i in range(len(paras) - 2) if paras[i].strip()]
    if pid is None or not said:
        return None
    return Quote(
        text="\n".join(paras[i].strip() for i in said),
        speaker=people.name(pid),
        role=people.role(pid),
        paragraphs=tuple(said),
        spans=tuple(_stripped_span(paras[i], starts[i]) for i in said),
    )


def _stripped_span(text: str, start: int) -> tuple[int, int]:
    """Where ``text``, less its surrounding white space, lies when it starts at ``start``."""
    lead = len(text) - len(text.lstrip())
    return start + lead, start + len(text.rstrip())
