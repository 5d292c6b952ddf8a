"""What a fetch is asked to do, and what comes back: :class:`FetchOptions` and :class:`Response`.

Plain data, no I/O: options are checked when they are made, and a response
holds the page's bytes with what is needed to decode them.

    >>> FetchOptions(delay=0.5).max_redirects
    10
    >>> Response("u", "u", 304, {"ETag": '"v1"'}, b"").not_modified
    True
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from ..errors import OptionsError
from ..models import __version__

__all__ = ["DEFAULT_USER_AGENT", "HTML_TYPES", "FetchOptions", "Response"]

DEFAULT_USER_AGENT = f"pressreader/{__version__} (+https://github.com/pressreader/pressreader)"
#: Content types of pages pressreader reads.
HTML_TYPES: tuple[str, ...] = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """How pages are fetched. Every field has a polite, safe default.

    ``delay`` is the minimum number of seconds between two requests to one
    host. Timeouts are in seconds: ``total_timeout`` bounds one whole
    :func:`fetch` call, redirects, retries and waits included. ``retries``
    is how many times a connection error, 429 or 5xx answer is tried again,
    waiting ``backoff * 2**attempt`` seconds, or what ``Retry-After`` asks
    when that is at most ``max_retry_after``. ``max_bytes`` bounds the body
    after decompression. ``accept`` lists the content types taken as pages.

    >>> FetchOptions(delay=-1)
    Traceback (most recent call last):
      ...
    pressreader.errors.OptionsError: delay must be a number >= 0, not -1
    """

    user_agent: str = DEFAULT_USER_AGENT
    delay: float = 1.0
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    total_timeout: float = 120.0
    retries: int = 2
    backoff: float = 1.0
    max_retry_after: float = 120.0
    max_redirects: int = 10
    max_bytes: int = 10_000_000
    obey_robots: bool = True
    accept: tuple[str, ...] = HTML_TYPES

    def __post_init__(self) -> None:
        for name in ("delay", "backoff", "max_retry_after"):
            _check_number(name, getattr(self, name), minimum=0.0)
        for name in ("connect_timeout", "read_timeout", "total_timeout"):
            _check_number(name, getattr(self, name), minimum=0.001)
        for name, minimum in (("retries", 0), ("max_redirects", 0), ("max_bytes", 1)):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
                raise OptionsError(f"{name} must be an integer >= {minimum}, not {value!r}", field=name, value=value)
        if not self.user_agent.strip():
            raise OptionsError("user_agent must not be empty", field="user_agent", value=self.user_agent)
        if not self.accept:
            raise OptionsError("accept must list at least one content type", field="accept", value=self.accept)


def _check_number(name: str, value: object, *, minimum: float) -> None:
    if not isinstance(value, (int, float)) or isinstance(value, bool) or value < minimum:
        raise OptionsError(f"{name} must be a number >= {minimum:g}, not {value!r}", field=name, value=value)


@dataclass(frozen=True, slots=True)
class Response:
    """One fetched page.

    ``url`` is the URL asked for, ``final_url`` where the redirects ended.
    ``headers`` has lower-case names. ``encoding`` is the character encoding
    the headers or the page declare (``None`` when neither does).
    ``not_modified`` is true for a 304 answer to a conditional request, whose
    body is empty.

    >>> r = Response("http://a/", "http://a/", 304, {"ETag": '"x"'}, b"")
    >>> r.not_modified, r.etag, r.last_modified
    (True, '"x"', None)
    """

    url: str
    final_url: str
    status: int
    headers: Mapping[str, str]
    body: bytes
    encoding: str | None = None
    fetched_at: datetime.datetime = field(default_factory=lambda: datetime.datetime.now(datetime.timezone.utc))

    def __post_init__(self) -> None:
        lowered = {k.lower(): v for k, v in self.headers.items()}
        object.__setattr__(self, "headers", MappingProxyType(lowered))

    @property
    def etag(self) -> str | None:
        """The ``ETag`` header, for a later conditional request."""
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        """The ``Last-Modified`` header, for a later conditional request."""
        return self.headers.get("last-modified")

    @property
    def not_modified(self) -> bool:
        """True when the server answered 304: the copy already held is current."""
        return self.status == 304

    @property
    def content_type(self) -> str:
        """The media type without parameters, lower case ("" when not given).

        >>> Response("u", "u", 200, {"Content-Type": "text/HTML; charset=utf-8"}, b"").content_type
        'text/html'
        """
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()

    @property
    def markup(self) -> str | bytes:
        """What to give the parser: text when the HTTP headers declare the encoding, else bytes.

        >>> Response("u", "u", 200, {"content-type": "text/html"}, b"<p>x</p>").markup
        b'<p>x</p>'
        """
        return self.text if "charset" in self.headers.get("content-type", "").lower() else self.body

    @property
    def text(self) -> str:
        """The body decoded with the detected encoding (UTF-8 when unknown), errors replaced.

        >>> Response("u", "u", 200, {}, "café".encode("latin-1"), encoding="latin-1").text
        'café'
        """
        try:
            return self.body.decode(self.encoding or "utf-8", errors="replace")
        except LookupError:
            return self.body.decode("utf-8", errors="replace")
