"""Dates as PCC sites print them, and as their metadata states them.

Two small parsers:

* :func:`parse_iso_date` for machine-readable values (JSON-LD, meta tags,
  ``<time datetime>``): the calendar date as written, never shifted to UTC.
* :func:`parse_visible_date` for what a reader sees: British day-first dates
  with ordinals, weekday prefixes, "Posted on", "Published", "Created on",
  American "March 22, 2018", and numeric ``31/01/2023`` (always day first).

    >>> parse_visible_date("Posted on Saturday 8th May 2021")
    datetime.date(2021, 5, 8)
    >>> parse_visible_date("March 22, 2018")
    datetime.date(2018, 3, 22)
    >>> parse_visible_date("31/01/2023")
    datetime.date(2023, 1, 31)
    >>> parse_iso_date("2018-03-22T00:30:00+01:00")
    datetime.date(2018, 3, 22)
    >>> parse_visible_date("Text size: A A A") is None
    True

Each format is one entry in a table of patterns, so adding a format is adding a
line (STYLE habit 4).
"""

from __future__ import annotations

import datetime
import re

__all__ = [
    "MONTHS",
    "YEARS",
    "date_from_url",
    "is_date_line",
    "parse_iso_date",
    "parse_visible_date",
    "searched_date",
    "visible_dates",
]

_MONTH_NAMES: tuple[tuple[str, ...], ...] = (
    # English (with the abbreviations sites use), French, German, Spanish, Italian,
    # Dutch, Portuguese and Welsh: one row per month.
    ("january", "jan", "janvier", "janv", "januar", "jänner", "enero", "gennaio", "januari", "janeiro", "ionawr"),
    ("february", "feb", "février", "fevrier", "févr", "februar", "febrero", "febbraio", "februari",
     "fevereiro", "chwefror"),
    ("march", "mar", "mars", "märz", "maerz", "marzo", "maart", "março", "marco", "mawrth"),
    ("april", "apr", "avril", "avr", "abril", "aprile", "ebrill"),
    ("may", "mai", "mayo", "maggio", "mei", "maio"),
    ("june", "jun", "juin", "juni", "junio", "giugno", "junho", "mehefin"),
    ("july", "jul", "juillet", "juil", "juli", "julio", "luglio", "julho", "gorffennaf"),
    ("august", "aug", "août", "aout", "agosto", "augustus", "awst"),
    ("september", "sep", "sept", "septembre", "septiembre", "settembre", "setembro", "medi"),
    ("october", "oct", "octobre", "oktober", "octubre", "ottobre", "outubro", "hydref"),
    ("november", "nov", "novembre", "noviembre", "novembro", "tachwedd"),
    ("december", "dec", "décembre", "decembre", "déc", "dezember", "diciembre", "dicembre", "dezembro",
     "rhagfyr"),
)  # fmt: skip

#: Month names (and abbreviations) in the languages pressreader reads, lower case.
MONTHS: dict[str, int] = {name: number for number, names in enumerate(_MONTH_NAMES, start=1) for name in names}

_WEEKDAY_NAMES = (
    "mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday", "thu", "thur", "thurs", "thursday",
    "fri", "friday", "sat", "saturday", "sun", "sunday",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonnabend", "sonntag",
    "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo",
    "dydd llun", "dydd mawrth", "dydd mercher", "dydd iau", "dydd gwener", "dydd sadwrn", "dydd sul",
)  # fmt: skip

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|\.|º|°)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?:(?:" + "|".join(sorted(_WEEKDAY_NAMES, key=len, reverse=True)) + r")\.?,?\s+)?"

# (compiled pattern, which groups mean what) — first match wins.
_VISIBLE_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        # 8th May 2021, Saturday 8th May 2021, 24 August 2021, 8 May, 2021,
        # 17 avril 2023, 17. April 2023, 17 de abril de 2023
        rf"\b{_WEEKDAY}{_DAY}(?:\s+(?:of|de))?\s+{_MONTH}(?:\s+de)?,?\s+{_YEAR}\b",
        # March 22, 2018 / Thursday, March 22nd 2018
        rf"\b{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}\b",
        # 31/01/2023, 31.01.2023, 31-01-2023 (day first: British sites)
        rf"(?<![\d/.-])(?P<day>[0-3]?\d)[/.-](?P<month>[01]?\d)[/.-]{_YEAR}(?![\d/-]|\.\d)",
        # 2023-01-31 printed visibly
        rf"(?<![\d-]){_YEAR}-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\d-])",
    )
)

_HAS_YEAR = re.compile(r"(?:19|20)\d\d")
_ISO = re.compile(r"^\s*(?P<year>\d{4})-?(?P<month>\d\d)-?(?P<day>\d\d)(?:[T\s]|$)")
_UTC_TIME = re.compile(r"[T\s](?P<hour>[0-2]\d):?(?P<minute>[0-5]\d)(?::?\d\d(?:\.\d+)?)?\s*(?:Z|[+-]00:?00)\s*$")

# Words that may stand around a date on its own line ("Posted on", "Published",
# "Date:", "Created on 16 January 2012", "| News").
_DATE_LINE_WORDS = re.compile(
    r"^\s*(?:(?:posted|published|created|updated|last\s+updated|date(?:d)?|released|issued"
    r"|publié|mis à jour|veröffentlicht|aktualisiert|stand|datum|publicado|actualizado|fecha"
    r"|pubblicato|aggiornato|gepubliceerd|cyhoeddwyd|dyddiad)"
    r"(?:\s+(?:on|at|date|le|am|el|il|op))?\s*:?\s*)?",
    re.IGNORECASE,
)


_TIME = re.compile(
    r"(?:\b(?:at|à|um|a las|alle|om)\s+)?(?:\b[0-2]?\d[:.h][0-5]\d(?:\s*[ap]\.?m\.?|\s*uhr)?"
    r"|\b[0-2]?\d\s*(?:[ap]\.?m\.?|h\b|uhr\b))",
    re.IGNORECASE,
)


#: Years a web page can have been published in: anything else is a placeholder
#: ("0001-01-01", "9999-12-31") or a typing error, not a date.
YEARS = range(1900, 2100)


def _to_date(year: str, month: str, day: str) -> datetime.date | None:
    month_number = MONTHS.get(month.lower().rstrip("."), 0) if not month.isdigit() else int(month)
    try:
        number = int(year)
        return datetime.date(number, month_number, int(day)) if number in YEARS else None
    except (ValueError, OverflowError):
        return None


def _london(day: datetime.date, hour: int, minute: int) -> datetime.date:
    try:
        from zoneinfo import ZoneInfo

        london = ZoneInfo("Europe/London")
    except (ImportError, LookupError, OSError):  # no time zone data: keep the UTC date
        return day
    try:
        moment = datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=datetime.timezone.utc)
        return moment.astimezone(london).date()
    except (ValueError, OverflowError):  # at the ends of the calendar: keep the date as written
        return day


def parse_iso_date(value: str) -> datetime.date | None:
    """The calendar date of an ISO 8601 value, as the page's British readers see it.

    A local time with an offset keeps its own date; a UTC time ("Z" or
    "+00:00") is moved to UK time, so "23:01Z" on 16 April is 17 April in
    summer, as the page itself prints it.

    >>> parse_iso_date("2021-05-08")
    datetime.date(2021, 5, 8)
    >>> parse_iso_date("2023-04-16T23:01:00.000Z")
    datetime.date(2023, 4, 17)
    >>> parse_iso_date("2018-03-22T00:30:00+01:00")
    datetime.date(2018, 3, 22)
    >>> parse_iso_date("yesterday") is None
    True
    """
    match = _ISO.match(value)
    if not match:
        return parse_visible_date(value)
    day = _to_date(match["year"], match["month"], match["day"])
    utc = _UTC_TIME.match(value, match.end() - 1)
    if day is not None and utc:
        return _london(day, int(utc["hour"]), int(utc["minute"]))
    return day


def parse_visible_date(text: str) -> datetime.date | None:
    """The first complete date (day, month and year) in ``text``, or ``None``.

    >>> parse_visible_date("Published 10 April 2018")
    datetime.date(2018, 4, 10)
    >>> parse_visible_date("today (March 22)") is None
    True
    """
    if len(text) > 2000:
        text = text[:2000]
    if not _HAS_YEAR.search(text):  # every visible pattern needs a year: skip the costly ones
        return None
    for pattern in _VISIBLE_PATTERNS:
        for match in pattern.finditer(text):
            found = _to_date(match["year"], match["month"], match["day"])
            if found is not None:
                return found
    return None


def visible_dates(text: str) -> set[datetime.date]:
    """Every complete date written in ``text``.

    >>> sorted(visible_dates("From 7 May 2024 to 31/05/2024."))
    [datetime.date(2024, 5, 7), datetime.date(2024, 5, 31)]
    """
    found: set[datetime.date] = set()
    if not _HAS_YEAR.search(text):
        return found
    for pattern in _VISIBLE_PATTERNS:
        for match in pattern.finditer(text):
            day = _to_date(match["year"], match["month"], match["day"])
            if day is not None:
                found.add(day)
    return found


def is_date_line(text: str) -> bool:
    """True when ``text`` is nothing but a date with its label ("Posted on …").

    >>> is_date_line("Posted on Saturday 8th May 2021")
    True
    >>> is_date_line("On 8 May 2021 the PCC visited Rugby.")
    False
    """
    if len(text) > 80 or not _HAS_YEAR.search(text):
        return False
    rest = _DATE_LINE_WORDS.sub("", text, count=1)
    for pattern in _VISIBLE_PATTERNS:
        match = pattern.search(rest)
        if match and _to_date(match["year"], match["month"], match["day"]):
            leftover = _TIME.sub("", rest[: match.start()] + rest[match.end() :]).strip(" \t|,.-–—:")
            return len(leftover) <= 12 and not any(c.isdigit() for c in leftover)
    return False


_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-]([01]?\d)[/-]([0-3]?\d)(?:/|[-_][a-z]|$)")


def date_from_url(url: str | None) -> datetime.date | None:
    """A full date in a URL path (``/2023/04/17/slug``); a year and month alone are not enough.

    >>> date_from_url("https://blog.example/2023/04/17/bread/")
    datetime.date(2023, 4, 17)
    >>> date_from_url("https://www.kent-pcc.gov.uk/2024/09/slug/") is None
    True
    """
    match = _URL_DATE.search(url or "")
    return _to_date(match[1], match[2], match[3]) if match else None


_NO_DATES = r"<(style|svg)\b[^>]*>.*?</\1\s*>|<!--.*?-->|<script(?![^>]*json)[^>]*>.*?</script\s*>"
_NO_DATES_BYTES = re.compile(_NO_DATES.encode(), re.DOTALL | re.IGNORECASE)
_NO_DATES_TEXT = re.compile(_NO_DATES, re.DOTALL | re.IGNORECASE)


def searched_date(html: str | bytes, url: str | None = None) -> datetime.date | None:
    """The publication date found by searching the whole page, for pages whose date we cannot place.

    This is htmldate's extensive search (a well-kept library made for exactly
    this: it weighs every date-like string on a page). It is the last resort
    of :func:`~pressreader.parse.fields.find_date`'s chain, and only runs when
    the page's metadata, ``<time>`` elements, URL and date lines gave nothing.

        >>> searched_date(b"<html><body><p>Some text.</p><p>Posted 7 May 2024, 10:00</p></body></html>")
        datetime.date(2024, 5, 7)
    """
    try:
        from htmldate import find_date
    except ImportError:  # pragma: no cover - a core dependency
        return None
    # Styles, drawings, comments and program code hold no publication date, and the
    # search's cost grows with the page: it reads a third of the bytes, three times as fast.
    trimmed = _NO_DATES_BYTES.sub(b" ", html) if isinstance(html, bytes) else _NO_DATES_TEXT.sub(" ", html)
    try:
        found = find_date(trimmed, url=url, original_date=True, extensive_search=True)
    except Exception:  # a third-party search that fails has found nothing; the parse goes on
        return None
    if not found:
        return None
    try:
        day = datetime.date.fromisoformat(found[:10])
    except ValueError:
        return None
    return day if day.year in YEARS else None
