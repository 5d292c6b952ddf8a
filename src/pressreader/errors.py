"""The one exception tree of pressreader.

Every failure the library reports is a :class:`PressreaderError`. Errors from
third-party libraries (lxml, httpx, pyttsx3, sqlite3) are translated at the
boundary with ``raise ... from exc`` so callers only ever catch ours::

    PressreaderError
    ├── OptionsError            an option object was given a bad value (also a ValueError)
    ├── ParseError              no title or no body could be found in a page
    ├── SiteError               an unknown site name, or a bad registry entry
    ├── FetchError              anything that went wrong getting a page (carries .url)
    │   ├── FetchTimeout        connect, read or total timeout
    │   ├── ConnectionFailed    DNS, refused, reset mid-body
    │   ├── HTTPStatusError     a 4xx/5xx answer (carries .status)
    │   │   └── BlockedByFirewall   a 403 "web application firewall" page
    │   ├── RobotsDisallowed    robots.txt forbids the URL
    │   ├── TooManyRedirects    more redirects than allowed, or a loop
    │   ├── UnsupportedScheme   anything but http and https (also on redirect)
    │   ├── TooLarge            the body exceeds the size limit (after decompression)
    │   └── WrongContentType    not an HTML (or feed/JSON, where asked) response
    ├── ArchiveError            the article archive cannot be opened or written
    ├── RenderError             an article cannot be rendered as asked
    ├── PublishError            a podcast (or other output for readers) cannot be made as asked
    └── SpeechError             the speech engine failed, hung or was given bad input
        ├── SpeechUnavailable   no engine works here; .fix says how to install one
        └── PlaybackUnavailable audio can be made but not played; save it instead

Example:

    >>> from pressreader.errors import ParseError, PressreaderError
    >>> err = ParseError("no headline found", url="https://example.org/news/a")
    >>> isinstance(err, PressreaderError)
    True
    >>> str(err)
    'no headline found (https://example.org/news/a)'
"""

from __future__ import annotations

__all__ = [
    "ArchiveError",
    "BlockedByFirewall",
    "ConnectionFailed",
    "FetchError",
    "FetchTimeout",
    "HTTPStatusError",
    "OptionsError",
    "ParseError",
    "PlaybackUnavailable",
    "PressreaderError",
    "RenderError",
    "RobotsDisallowed",
    "SiteError",
    "SpeechError",
    "SpeechUnavailable",
    "TooLarge",
    "TooManyRedirects",
    "UnsupportedScheme",
    "WrongContentType",
]


class PressreaderError(Exception):
    """Base class of every error pressreader raises."""


class OptionsError(PressreaderError, ValueError):
    """An option was given a value outside what it accepts.

    ``field`` names the option, ``value`` is what was given.
    """

    def __init__(self, message: str, *, field: str | None = None, value: object = None) -> None:
        super().__init__(message)
        self.field = field
        self.value = value


class ParseError(PressreaderError):
    """A page could not be turned into an Article; ``reason`` says why."""

    def __init__(self, reason: str, *, url: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.url = url

    def __str__(self) -> str:
        return f"{self.reason} ({self.url})" if self.url else self.reason


class SiteError(PressreaderError, LookupError):
    """A site name or domain is not in the registry, or an entry is malformed."""


class FetchError(PressreaderError):
    """Getting a page failed. ``url`` is the URL asked for; ``cause`` a short phrase."""

    def __init__(self, message: str, *, url: str, cause: str | None = None) -> None:
        super().__init__(message)
        self.url = url
        self.cause = cause

    def __str__(self) -> str:
        return f"{self.args[0]} ({self.url})"


class FetchTimeout(FetchError):
    """The server took longer than the configured timeout."""


class ConnectionFailed(FetchError):
    """The connection could not be made or broke before the body was complete."""


class HTTPStatusError(FetchError):
    """The server answered with an error status."""

    def __init__(self, message: str, *, url: str, status: int, cause: str | None = None) -> None:
        super().__init__(message, url=url, cause=cause)
        self.status = status


class BlockedByFirewall(HTTPStatusError):
    """A 403 from a web application firewall: the site refuses automated readers."""


class RobotsDisallowed(FetchError):
    """The site's robots.txt asks pressreader not to fetch this URL."""


class TooManyRedirects(FetchError):
    """Too many redirects, or a redirect loop."""


class UnsupportedScheme(FetchError):
    """Only http and https URLs are fetched, including as redirect targets."""


class TooLarge(FetchError):
    """The (decompressed) body is larger than the configured maximum."""


class WrongContentType(FetchError):
    """The response is not a kind of document pressreader reads."""


class ArchiveError(PressreaderError):
    """The article archive could not be opened, read or written."""


class RenderError(PressreaderError):
    """An article could not be rendered to the requested target."""


class PublishError(PressreaderError):
    """A podcast cannot be made as asked: no releases, a release without a date, an unwritable folder."""


class SpeechError(PressreaderError):
    """Speech synthesis failed, timed out, or was given something it cannot say."""


class SpeechUnavailable(SpeechError):
    """No speech engine works on this machine. ``fix`` tells the user what to do."""

    def __init__(self, message: str, *, fix: str) -> None:
        super().__init__(message)
        self.fix = fix

    def __str__(self) -> str:
        return f"{self.args[0]} To fix this: {self.fix}"


class PlaybackUnavailable(SpeechError):
    """Audio can be synthesised but not played here (no sound device or player)."""
