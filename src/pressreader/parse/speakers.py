"""One release's cast: everyone named so far, and who a short reference means.

Rule 6 of docs/dev/parsing-rules.md: "Mr Seccombe", "Lisa", "the Commissioner"
and "He" resolve to the most recently named matching person; rule 7: a person's
role is the longest form the release gives anywhere. One :class:`People` per
release (it is never shared between calls or threads).

    >>> from pressreader.parse.people import parse_subject
    >>> people = People()
    >>> first = people.resolve(parse_subject("Kent PCC Matthew Scott"))
    >>> people.resolve(parse_subject("Mr Scott")) == first
    True
    >>> people.resolve(parse_subject("the Commissioner")) == first
    True
    >>> people.name(first), people.role(first)
    ('Matthew Scott', 'Kent Police and Crime Commissioner')
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .people import SpeakerRef, expand_role
from .vocabulary import FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES, OFFICE_WORDS, ROLE_WORDS

__all__ = ["People"]

_OFFICE_KEYS: frozenset[str] = frozenset(expand_role(o).lower() for o in OFFICE_WORDS)


@dataclass(slots=True)
class _Person:
    name: str
    gender: str | None = None
    role: str | None = None  # the longest seen (the first of equal length)
    offices: set[str] = field(default_factory=set)  # office keys its roles answer to

    @property
    def surname(self) -> str:
        """The last word of the name, lower-cased."""
        return self.name.rsplit(None, 1)[-1].lower()


class People:
    """Everyone named so far in one release, and who a short reference means.

    Lookups are dictionary based, so resolving is O(1) however many people a
    (possibly hostile) page names.
    """

    def __init__(self) -> None:
        self._persons: list[_Person] = []
        self._by_full: dict[str, int] = {}
        self._by_word: dict[str, int] = {}
        self._by_office: dict[str, int] = {}
        self._by_gender: dict[str, int] = {}
        self._last: int | None = None
        self._offices_of: dict[str, frozenset[str]] = {}  # role -> its office keys, this release only

    def resolve(self, ref: SpeakerRef) -> int | None:
        """The id of the person ``ref`` means (registering new names), or ``None``."""
        pid: int | None = None
        if ref.name:
            words = ref.name.split()
            key = ref.name.lower()
            if key in self._by_full:
                pid = self._by_full[key]
            elif len(words) == 1 and key in self._by_word:
                pid = self._by_word[key]
            elif len(words) >= 2 and words[-1].lower() in self._by_word:
                known = self._by_word[words[-1].lower()]
                if len(self._persons[known].name.split()) == 1:
                    self._persons[known].name = ref.name  # "Commissioner Jones", then "Kim Jones"
                    pid = known
            if pid is None:
                pid = len(self._persons)
                self._persons.append(_Person(ref.name))
            self._by_full[self._persons[pid].name.lower()] = pid
        elif ref.pronoun:
            pid = self._last
            if pid is not None and ref.gender:
                known_gender = self._persons[pid].gender
                if known_gender is not None and known_gender != ref.gender:
                    pid = self._by_gender.get(ref.gender)
        elif ref.office:
            key = ref.office.lower()
            pid = self._by_office.get(key)
            if pid is None:
                pid = self._by_office.get(key.split()[-1])
        if pid is not None:
            self._touch(pid, ref)
        return pid

    def _touch(self, pid: int, ref: SpeakerRef) -> None:
        person = self._persons[pid]
        if ref.gender and ref.name:
            person.gender = ref.gender
        elif person.gender is None and ref.name:
            given = person.name.split()[0]
            person.gender = "f" if given in FEMALE_GIVEN_NAMES else "m" if given in MALE_GIVEN_NAMES else None
        if ref.role and ref.name:
            if person.role is None or len(ref.role) > len(person.role):
                person.role = ref.role
            person.offices.update(self._offices(ref.role))
        words = person.name.lower().split()
        for word in words:
            other = self._by_word.get(word)
            if word != words[-1] and other is not None and other != pid and self._persons[other].surname == word:
                continue  # "Trump Tower" does not take "Trump" from Donald Trump: a surname binds more
            self._by_word[word] = pid
        for office in person.offices:  # bounded by the vocabulary, not by the page
            self._by_office[office] = pid
        if person.gender:
            self._by_gender[person.gender] = pid
        self._last = pid

    def _offices(self, role: str) -> frozenset[str]:
        """The office keys ``role`` answers to (a release repeats its roles: each is read once)."""
        offices = self._offices_of.get(role)
        if offices is None:
            low = role.lower()
            found = {office for office in _OFFICE_KEYS if office in low}
            last_word = low.split()[-1]
            if last_word.capitalize() in ROLE_WORDS:
                found.add(last_word)
            offices = self._offices_of[role] = frozenset(found)
        return offices

    @property
    def known_words(self) -> bool:
        """Whether anyone has been named yet."""
        return bool(self._by_word)

    def knows(self, word: str) -> bool:
        """Whether ``word`` alone ("Sanders", "Kim") means someone already named.

        >>> from pressreader.parse.people import parse_subject
        >>> people = People()
        >>> _ = people.resolve(parse_subject("Bernie Sanders"))
        >>> people.knows("Sanders"), people.knows("Vermont")
        (True, False)
        """
        return word.lower() in self._by_word

    def name(self, pid: int) -> str:
        """The person's full name as first given (completed when only a surname came first)."""
        return self._persons[pid].name

    def role(self, pid: int) -> str | None:
        """The most complete role the release gives the person, or ``None``."""
        return self._persons[pid].role
