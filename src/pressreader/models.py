"""The typed result of parsing: :class:`Article` and its parts.

Everything downstream (fetching, rendering, speech) consumes these frozen
dataclasses. They convert to plain dictionaries and JSON and back exactly::

    >>> import datetime
    >>> from pressreader.models import Article, Quote
    >>> a = Article(
    ...     title="PCC welcomes new officers",
    ...     body=("The PCC said: “Good news.”",),
    ...     date=datetime.date(2024, 5, 7),
    ...     quotes=(Quote("Good news.", "Jane Doe", "Police and Crime Commissioner", (0,)),),
    ... )
    >>> a.text
    'PCC welcomes new officers\\n\\n7 May 2024\\n\\nThe PCC said: “Good news.”'
    >>> Article.from_json(a.to_json()) == a
    True
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "EXTRACTIONS",
    "FALLBACK_NOTICE",
    "LIMITS",
    "Article",
    "Image",
    "Quote",
    "Source",
    "clean_text",
    "primary_language",
]

#: The package version (on the ground, so that every layer can read it without the package face).
__version__ = "0.1.0"

#: The values of :attr:`Article.extraction`, surest first.
EXTRACTIONS = ("content", "fallback")

#: What readers are told about an article whose body is a fallback extraction.
FALLBACK_NOTICE = "This page's layout was not recognised; the text may include other parts of the page."


# Controls (but tab and newline), lone surrogates, and the noncharacters: XML 1.0 forbids or
# reserves them, a terminal obeys them, and UTF-8 cannot encode a lone surrogate.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17))
    + "]"
)


def clean_text(text: str) -> str:
    """``text`` without the characters no output may hold: controls other than tab and newline,
    lone surrogates and Unicode noncharacters. The one rule every output shares: every
    :class:`Article` applies it to its own text when it is made.

    >>> clean_text("Bold\\x1b[1m text\\x00\\ufffe\\ud800 \\U0010ffff!")
    'Bold[1m text !'
    """
    return _FORBIDDEN.sub("", text) if _FORBIDDEN.search(text) else text


def _clean_optional(text: str | None) -> str | None:
    return None if text is None else clean_text(text)


#: The largest Article JSON accepted, field by field (a real release is far smaller).
LIMITS: Mapping[str, int] = {"title": 1_000_000, "paragraphs": 100_000, "paragraph": 5_000_000, "quotes": 100_000,
                             "notes": 10_000, "depth": 40}  # fmt: skip
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|\d{3}))?"
                       r"(?:-(?:[A-Za-z\d]{5,8}|\d[A-Za-z\d]{3}))*(?:-[A-WY-Za-wy-z\d](?:-[A-Za-z\d]{2,8})+)*"
                       r"(?:-[Xx](?:-[A-Za-z\d]{1,8})+)?|[Xx](?:-[A-Za-z\d]{1,8})+")  # fmt: skip


def is_language_tag(tag: str) -> bool:
    """True when ``tag`` is well formed as a BCP 47 language tag (RFC 5646 syntax).

    >>> [is_language_tag(t) for t in ("en-GB", "cy", "zh-Hant-TW", "en_GB", "english", "e")]
    [True, True, True, False, False, False]
    """
    return _LANGUAGE.fullmatch(tag) is not None


def primary_language(tag: str) -> str:
    """The primary subtag of a language tag, lower case: the language without its region.

    >>> primary_language("en-GB"), primary_language("en_gb"), primary_language(" CY ")
    ('en', 'en', 'cy')
    """
    return tag.strip().replace("_", "-").split("-")[0].lower()


def _format_day(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


@dataclass(frozen=True, slots=True)
class Source:
    """The body that published an article.

    ``name`` is the body's name as a reader would say it ("Warwickshire Police
    and Crime Commissioner"), ``area`` the police force area ("Warwickshire"),
    ``domain`` the web site's host name without "www.".
    """

    name: str
    area: str
    domain: str

    def __post_init__(self) -> None:
        for name in ("name", "area", "domain"):
            object.__setattr__(self, name, clean_text(getattr(self, name)))


@dataclass(frozen=True, slots=True)
class Image:
    """An image with its alternative text (``None`` when the page gave none)."""

    url: str
    alt: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "url", clean_text(self.url))
        object.__setattr__(self, "alt", _clean_optional(self.alt))


@dataclass(frozen=True, slots=True)
class Quote:
    """Something a named person said, as the release quotes it.

    ``text`` has no quote marks; a quote running over several paragraphs is
    joined with ``"\\n"``. ``speaker`` is the full name ("Philip Seccombe"),
    even when the release calls the person "Mr Seccombe" or "he" at that point;
    it is ``None`` only when the release never names the speaker. ``role`` is
    what the person is ("Warwickshire Police and Crime Commissioner") or
    ``None``. ``paragraphs`` are the indices into ``Article.body`` of the
    paragraphs the quoted words come from, in order. ``spans`` are the
    ``(start, end)`` character offsets of each quoted stretch, in order, in the
    text the quote was found in: the body's paragraphs joined by blank lines
    (``"\\n\\n".join(article.body)``), or the string given to
    :func:`~pressreader.extract_quotes`; a quote broken by "he said" has two.

    >>> body = ("Ann Lee said: “Good news.”",)
    >>> q = Quote("Good news.", "Ann Lee", None, (0,), ((15, 25),))
    >>> "\\n\\n".join(body)[q.spans[0][0]:q.spans[0][1]]
    'Good news.'
    """

    text: str
    speaker: str | None
    role: str | None = None
    paragraphs: tuple[int, ...] = ()
    spans: tuple[tuple[int, int], ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", clean_text(self.text))
        object.__setattr__(self, "speaker", _clean_optional(self.speaker))
        object.__setattr__(self, "role", _clean_optional(self.role))


@dataclass(frozen=True, slots=True)
class Article:
    """One news release, as a reader should be given it.

    ``body`` holds the story's paragraphs in reading order (subheadings and
    list items are paragraphs too). ``notes`` holds trailing "Notes to editors"
    and media-contact paragraphs, kept apart from the story. ``date`` is the
    date of publication, ``updated`` the date of a later revision when the page
    states one. ``language`` is a BCP 47 tag such as ``"en-GB"`` or ``"cy"``.
    ``paragraph_languages`` names the body paragraphs written in another
    language than the article's, as ``(index into body, tag)`` pairs in order:
    the Welsh half of a bilingual release, say. :meth:`language_of` reads it.
    ``extraction`` says how sure the parser is of the body: ``"content"`` when
    it located the story (a site selector or the page's main content), or
    ``"fallback"`` when the page's layout was not recognised and the body is
    the page's readable text, which may include other parts of the page
    (readers are told so: :data:`FALLBACK_NOTICE`).
    """

    title: str
    body: tuple[str, ...]
    url: str | None = None
    canonical_url: str | None = None
    date: datetime.date | None = None
    updated: datetime.date | None = None
    quotes: tuple[Quote, ...] = ()
    source: Source | None = None
    lead_image: Image | None = None
    notes: tuple[str, ...] = ()
    language: str | None = None
    paragraph_languages: tuple[tuple[int, str], ...] = ()
    extraction: str = "content"

    def __post_init__(self) -> None:
        if self.extraction not in EXTRACTIONS:
            raise ValueError(f"extraction must be one of {', '.join(EXTRACTIONS)}, not {self.extraction!r}")
        set_ = object.__setattr__
        set_(self, "title", clean_text(self.title))
        body = tuple(clean_text(p) for p in self.body)
        if body != self.body:
            set_(self, "quotes", _shift_spans(self.quotes, self.body))
            set_(self, "body", body)
        set_(self, "notes", tuple(clean_text(p) for p in self.notes))
        for name in ("url", "canonical_url", "language"):
            set_(self, name, _clean_optional(getattr(self, name)))

    @property
    def is_fallback(self) -> bool:
        """True when the body is the page's readable text rather than a located story.

        >>> Article("Title", ("Text.",), extraction="fallback").is_fallback
        True
        """
        return self.extraction == "fallback"

    def language_of(self, index: int) -> str | None:
        """The language of body paragraph ``index``: its own when it has one, else the article's.

        >>> a = Article("Funding / Cyllid", ("New funding.", "Cyllid newydd."), language="en-GB",
        ...             paragraph_languages=((1, "cy"),))
        >>> a.language_of(0), a.language_of(1)
        ('en-GB', 'cy')
        """
        for at, tag in self.paragraph_languages:
            if at == index:
                return tag
        return self.language

    @property
    def text(self) -> str:
        """Plain text: the title, the date written out (when known), then the body."""
        parts = [self.title]
        if self.date is not None:
            parts.append(_format_day(self.date))
        parts.extend(self.body)
        return "\n\n".join(parts)

    @property
    def key(self) -> str | None:
        """The URL that identifies the article: canonical when known, else the page URL."""
        return self.canonical_url or self.url

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary: dates as ISO strings, tuples as lists.

        ``extraction`` is present only for a fallback extraction (its default is ``"content"``).
        """
        return {
            "title": self.title,
            "url": self.url,
            "canonical_url": self.canonical_url,
            "date": self.date.isoformat() if self.date else None,
            "updated": self.updated.isoformat() if self.updated else None,
            "source": dataclasses.asdict(self.source) if self.source else None,
            "lead_image": dataclasses.asdict(self.lead_image) if self.lead_image else None,
            "language": self.language,
            "body": list(self.body),
            "quotes": [
                {
                    "text": q.text,
                    "speaker": q.speaker,
                    "role": q.role,
                    "paragraphs": list(q.paragraphs),
                    "spans": [list(span) for span in q.spans],
                }
                for q in self.quotes
            ],
            "notes": list(self.notes),
            "paragraph_languages": [[index, tag] for index, tag in self.paragraph_languages],
            # Only a fallback extraction is stated: "content" is the default, so older JSON stays valid.
            **({"extraction": self.extraction} if self.extraction != "content" else {}),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Article:
        """Rebuild an Article from :meth:`to_dict` output.

        Raises :class:`~pressreader.errors.ParseError` naming the field when
        the dictionary is not a valid article.
        """
        from .errors import ParseError

        if not isinstance(data, Mapping):
            raise ParseError(f"not an article: expected a JSON object, not {_kind(data)}")
        for name in ("title", "body"):
            if name not in data:
                raise ParseError(f"not an article: the field {name!r} is missing")
        _check_sizes(data)
        language = data.get("language")
        if isinstance(language, str) and not is_language_tag(language):
            raise ParseError(f"not an article: language must be a BCP 47 tag such as 'en-GB', not {language!r}")
        try:
            source = data.get("source")
            image = data.get("lead_image")
            return cls(
                title=_str(data["title"], "title"),
                body=tuple(_str(p, "body") for p in data["body"]),
                url=_opt_str(data.get("url"), "url"),
                canonical_url=_opt_str(data.get("canonical_url"), "canonical_url"),
                date=_opt_date(data.get("date"), "date"),
                updated=_opt_date(data.get("updated"), "updated"),
                quotes=tuple(
                    Quote(
                        text=_str(q["text"], "quotes.text"),
                        speaker=_opt_str(q.get("speaker"), "quotes.speaker"),
                        role=_opt_str(q.get("role"), "quotes.role"),
                        paragraphs=tuple(_int(i, "quotes.paragraphs") for i in q.get("paragraphs", ())),
                        spans=tuple(_span(s) for s in q.get("spans", ())),
                    )
                    for q in data.get("quotes", ())
                ),
                source=Source(
                    name=_str(source["name"], "source.name"),
                    area=_str(source["area"], "source.area"),
                    domain=_str(source["domain"], "source.domain"),
                )
                if source
                else None,
                lead_image=Image(
                    url=_str(image["url"], "lead_image.url"),
                    alt=_opt_str(image.get("alt"), "lead_image.alt"),
                )
                if image
                else None,
                notes=tuple(_str(p, "notes") for p in data.get("notes", ())),
                language=_opt_str(data.get("language"), "language"),
                paragraph_languages=tuple(
                    (_int(pair[0], "paragraph_languages.index"), _str(pair[1], "paragraph_languages.tag"))
                    for pair in _pairs(data.get("paragraph_languages", ()), "paragraph_languages")
                ),
                extraction=_extraction(data.get("extraction", "content")),
            )
        except KeyError as exc:
            raise ParseError(f"not an article: the field {exc.args[0]!r} is missing") from exc
        except (TypeError, AttributeError, ValueError) as exc:
            raise ParseError(f"not an article: {exc}") from exc

    def to_json(self, *, indent: int | None = None) -> str:
        """The article as JSON text (UTF-8 safe, non-ASCII kept as is)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_json(cls, text: str | bytes) -> Article:
        """Rebuild an Article from :meth:`to_json` output."""
        from .errors import ParseError

        if isinstance(text, bytes):
            try:
                text = text.decode("utf-8-sig")  # a byte order mark is allowed
            except UnicodeDecodeError as exc:
                raise ParseError(f"not valid JSON: the file is not UTF-8 ({exc.reason} at byte {exc.start})") from exc
        text = text.removeprefix("\ufeff")
        depth = _depth(text)
        if depth > LIMITS["depth"]:
            most = LIMITS["depth"]
            raise ParseError(f"not an article: the JSON is nested {depth} deep (an article is at most {most})")
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as exc:
            raise ParseError(f"not valid JSON: {exc}") from exc
        if not isinstance(data, dict):
            raise ParseError(f"not an article: expected a JSON object, not {_kind(data)}")
        return cls.from_dict(data)


def _kind(value: object) -> str:
    names = {list: "a list", str: "a string", int: "a number", float: "a number", bool: "true or false"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[{]|[\]}]')


def _depth(text: str) -> int:
    """How deeply the JSON text nests arrays and objects (strings skipped), without parsing it."""
    depth = most = 0
    # The unrolled string pattern: the regular expression engine keeps no state per character of a
    # long string (an alternation inside * would, and a long paragraph would take memory in proportion).
    for match in _JSON_TOKEN.finditer(text):
        token = match.group(0)
        if token in "[{":
            depth += 1
            most = max(most, depth)
        elif token in "]}":
            depth -= 1
    return most


def _check_sizes(data: Mapping[str, Any]) -> None:
    from .errors import ParseError

    def lists(name: str) -> list[Any]:
        value = data.get(name, [])
        if value is None and name != "body":
            return []
        if not isinstance(value, list):
            raise ParseError(f"not an article: {name} must be a list, not {_kind(value)}")
        return value

    body, quotes, notes = lists("body"), lists("quotes"), lists("notes")
    for name, items, most in (("body", body, "paragraphs"), ("quotes", quotes, "quotes"), ("notes", notes, "notes")):
        if len(items) > LIMITS[most]:
            raise ParseError(f"not an article: {name} has {len(items):,} items (at most {LIMITS[most]:,})")
    title = data.get("title")
    if isinstance(title, str) and len(title) > LIMITS["title"]:
        raise ParseError(f"not an article: the title has {len(title):,} characters (at most {LIMITS['title']:,})")
    for i, paragraph in enumerate(body):
        if isinstance(paragraph, str) and len(paragraph) > LIMITS["paragraph"]:
            raise ParseError(
                f"not an article: body paragraph {i + 1} has {len(paragraph):,} characters "
                f"(at most {LIMITS['paragraph']:,})"
            )


def _shift_spans(quotes: tuple[Quote, ...], body: tuple[str, ...]) -> tuple[Quote, ...]:
    """``quotes`` with their spans moved to where they fall once the body's forbidden characters go."""
    removed = [m.start() for m in _FORBIDDEN.finditer("\n\n".join(body))]

    def moved(at: int) -> int:
        return at - bisect.bisect_left(removed, at)

    return tuple(
        dataclasses.replace(q, spans=tuple((moved(a), moved(b)) for a, b in q.spans)) if q.spans else q
        for q in quotes
    )


def _extraction(value: object) -> str:
    if value not in EXTRACTIONS:
        raise TypeError(f"extraction must be one of {', '.join(EXTRACTIONS)}, not {value!r}")
    return str(value)


def _str(value: object, name: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, not {type(value).__name__}")
    return value


def _opt_str(value: object, name: str) -> str | None:
    return None if value is None else _str(value, name)


def _int(value: object, name: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{name} must be an integer, not {type(value).__name__}")
    return value


def _span(value: object) -> tuple[int, int]:
    if not isinstance(value, (list, tuple)) or len(value) != 2:
        raise TypeError(f"quotes.spans must be [start, end] pairs, not {value!r}")
    start, end = _int(value[0], "quotes.spans"), _int(value[1], "quotes.spans")
    if not 0 <= start <= end:
        raise TypeError(f"quotes.spans must run forwards from 0, not {value!r}")
    return start, end


def _pairs(value: object, name: str) -> list[list[object]]:
    if not isinstance(value, (list, tuple)) or not all(isinstance(p, (list, tuple)) and len(p) == 2 for p in value):
        raise TypeError(f"{name} must be a list of [index, language] pairs, not {value!r}")
    return [list(p) for p in value]


def _opt_date(value: object, name: str) -> datetime.date | None:
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(_str(value, name))
    except ValueError as exc:
        raise TypeError(f"{name} is not an ISO date: {value!r}") from exc
