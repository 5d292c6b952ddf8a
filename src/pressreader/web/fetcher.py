"""Getting pages politely and safely: the only module that talks HTTP.

:func:`fetch` returns a typed :class:`Response`; :func:`read` fetches and
parses in one call. A :class:`Fetcher` keeps what politeness needs between
requests (one clock per host, a robots.txt cache, one connection pool) and is
safe to share between threads: requests to different hosts run at the same
time, requests to one host are spaced by ``FetchOptions.delay``.

Every failure is a :class:`~pressreader.errors.FetchError` subclass carrying
the URL and a short cause; no httpx exception escapes this module::

    >>> from pressreader.web import FetchOptions, fetch
    >>> from pressreader.errors import UnsupportedScheme
    >>> try:
    ...     fetch("file:///etc/passwd")
    ... except UnsupportedScheme as err:
    ...     print(err.cause, "-", err)
    scheme - only http and https pages are fetched, not file: (file:///etc/passwd)
    >>> FetchOptions(delay=0.5).max_redirects
    10
"""

from __future__ import annotations

import logging
import threading
import time
import zlib
from collections.abc import Iterator
from types import TracebackType
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

import httpx

from ..errors import (
    ConnectionFailed,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    RobotsDisallowed,
    TooLarge,
    TooManyRedirects,
    UnsupportedScheme,
    WrongContentType,
)
from ._tools import (
    StatusFailure,
    check_scheme,
    declared_encoding,
    decoder,
    status_error,
    too_large,
    waited_too_long,
)
from .messages import FetchOptions, Response

if TYPE_CHECKING:
    from protego import Protego

    from ..models import Article
    from ..sites import SiteRegistry

__all__ = ["Fetcher", "fetch", "read"]

log = logging.getLogger(__name__)

_REDIRECTS = frozenset({301, 302, 303, 307, 308})


#: The longest ``Crawl-delay`` obeyed, in seconds; a larger one is taken as this.
MAX_CRAWL_DELAY = 60.0


class _Unreachable:
    """Marks a site whose robots.txt answered with a server error."""


_UNREACHABLE = _Unreachable()
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class _HostClock:
    """When the next request to one host may start."""

    __slots__ = ("lock", "next_at")

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.next_at = 0.0


class Fetcher:
    """Fetches pages politely: per-host delay, robots.txt, retries, limits.

    Thread-safe; use it as a context manager (or call :meth:`close`) so its
    connections are released. ``client`` may be any ``httpx.Client`` (for
    instance one with a mock transport); a client passed in is not closed.

    >>> with Fetcher(FetchOptions(delay=0)) as fetcher:
    ...     fetcher.options.delay
    0
    """

    def __init__(self, options: FetchOptions | None = None, *, client: httpx.Client | None = None) -> None:
        self.options = options or FetchOptions()
        self._own_client = client is None
        self._client = client or httpx.Client(
            follow_redirects=False,
            headers={"User-Agent": self.options.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(
                connect=self.options.connect_timeout,
                read=self.options.read_timeout,
                write=self.options.read_timeout,
                pool=self.options.total_timeout,
            ),
        )
        self._lock = threading.Lock()
        self._clocks: dict[str, _HostClock] = {}
        self._robots: dict[str, Protego | _Unreachable | None] = {}
        self._robots_locks: dict[str, threading.Lock] = {}
        self.requests_made = 0

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Release the connection pool (unless the client was passed in)."""
        if self._own_client:
            self._client.close()

    # -- public --------------------------------------------------------------------------------------

    def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: tuple[str, ...] | None = None,
    ) -> Response:
        """Fetch ``url``; see :func:`fetch`. ``accept`` overrides ``options.accept`` for this call."""
        deadline = time.monotonic() + self.options.total_timeout
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current, seen = url, {url}
        for _hop in range(self.options.max_redirects + 1):
            check_scheme(current, asked=url)
            if self.options.obey_robots:
                allowed, unreachable = self._robots_for(current, deadline)
                if unreachable:
                    raise RobotsDisallowed(
                        "the site's robots.txt could not be read (server error), and the robots.txt "
                        "standard then asks automated readers to fetch nothing; try again later",
                        url=url,
                        cause="robots.txt",
                    )
                if not allowed:
                    raise RobotsDisallowed(
                        f"the site's robots.txt asks automated readers not to fetch {current}",
                        url=url,
                        cause="robots.txt",
                    )
            response = self._get_with_retries(url, current, headers, deadline, accept or self.options.accept)
            if isinstance(response, Response):
                return response
            try:
                target = urljoin(current, response.strip())
            except ValueError as exc:
                raise FetchError(
                    f"redirected to an invalid address {response!r}", url=url, cause="bad address"
                ) from exc
            check_scheme(target, asked=url, redirect=True)
            if target in seen:
                raise TooManyRedirects(f"redirect loop: {current} leads back to {target}", url=url, cause="loop")
            seen.add(target)
            current = target
        raise TooManyRedirects(f"more than {self.options.max_redirects} redirects", url=url, cause="too many redirects")

    def map(self, urls: list[str], *, workers: int = 4) -> Iterator[tuple[str, Response | FetchError]]:
        """Fetch many URLs on ``workers`` threads, yielding ``(url, Response or error)`` in order.

        Politeness still holds: each host's requests are spaced by ``options.delay``.
        """
        from concurrent.futures import ThreadPoolExecutor

        def one(u: str) -> Response | FetchError:
            try:
                return self.fetch(u)
            except FetchError as exc:
                return exc

        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            yield from zip(urls, pool.map(one, urls), strict=True)

    def sitemaps(self, origin: str) -> list[str]:
        """The sitemaps the robots.txt of ``origin`` names (``Sitemap:`` lines), read once per site."""
        deadline = time.monotonic() + self.options.total_timeout
        self._robots_for(origin.rstrip("/") + "/", deadline)
        rules = self._robots.get(origin.rstrip("/"))
        if rules is None or isinstance(rules, _Unreachable):
            return []
        return [str(u) for u in rules.sitemaps]

    # -- politeness ----------------------------------------------------------------------------------

    def _wait_turn(self, url: str, deadline: float) -> None:
        host = urlsplit(url).netloc.lower()
        with self._lock:
            clock = self._clocks.setdefault(host, _HostClock())
        spacing = max(self.options.delay, self._crawl_delay(url))
        with clock.lock:
            now = time.monotonic()
            start = max(now, clock.next_at)
            clock.next_at = start + spacing
        if start > deadline:
            raise FetchTimeout("gave up waiting for a polite turn at this site", url=url, cause="timeout")
        if start > now:
            time.sleep(start - now)

    def _crawl_delay(self, url: str) -> float:
        """The ``Crawl-delay`` the site's robots.txt asks of us (0 when none), at most MAX_CRAWL_DELAY."""
        if not self.options.obey_robots:
            return 0.0
        parts = urlsplit(url)
        rules = self._robots.get(f"{parts.scheme}://{parts.netloc}")
        if rules is None or isinstance(rules, _Unreachable):
            return 0.0
        asked = rules.crawl_delay(self.options.user_agent)
        return min(float(asked), MAX_CRAWL_DELAY) if asked and asked > 0 else 0.0

    def _robots_for(self, url: str, deadline: float) -> tuple[bool, bool]:
        """(may ``url`` be fetched, was robots.txt unreachable)."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            lock = self._robots_locks.setdefault(origin, threading.Lock())
        with lock:
            if origin not in self._robots:
                self._robots[origin] = self._load_robots(origin, deadline)
            rules = self._robots[origin]
        if isinstance(rules, _Unreachable):
            return False, True
        return rules is None or bool(rules.can_fetch(url, self.options.user_agent)), False

    def _load_robots(self, origin: str, deadline: float) -> Protego | _Unreachable | None:
        from protego import Protego

        url = origin + "/robots.txt"
        try:
            for _hop in range(5):  # RFC 9309: follow at least five redirects
                response = self._get_with_retries(url, url, {}, deadline, ("*/*",), robots=True)
                if isinstance(response, Response):
                    return Protego.parse(response.text) if response.status == 200 else None
                url = urljoin(url, response.strip())
                if urlsplit(url).scheme not in ("http", "https"):
                    return None
        except HTTPStatusError as exc:
            if exc.status >= 500:  # RFC 9309: an unreachable robots.txt means "disallow everything"
                return _UNREACHABLE
            return None  # 4xx: no robots.txt, everything allowed
        except (FetchError, ValueError) as exc:
            log.info("no robots.txt at %s: %s", origin, exc)
        return None

    # -- one request ---------------------------------------------------------------------------------

    def _get_with_retries(
        self,
        asked: str,
        url: str,
        headers: dict[str, str],
        deadline: float,
        accept: tuple[str, ...],
        *,
        robots: bool = False,
    ) -> Response | str:
        """A Response, or the Location of a redirect. Retries what is worth retrying."""
        attempt = 0
        while True:
            retry_after: float | None = None
            try:
                return self._get_once(asked, url, headers, deadline, accept, robots=robots)
            except StatusFailure as failure:
                error: FetchError = failure.error
                retry_after = failure.retry_after
                if failure.error.status not in _RETRY_STATUSES or attempt >= self.options.retries:
                    raise failure.error from None
            except ConnectionFailed as failed:
                error = failed
                if attempt >= self.options.retries:
                    raise
            wait = self.options.backoff * 2**attempt
            if retry_after is not None:
                if retry_after > self.options.max_retry_after:
                    raise waited_too_long(error, retry_after, self.options.max_retry_after)
                wait = retry_after
            if time.monotonic() + wait > deadline:
                raise error
            log.info("retrying %s in %.1f s after: %s", url, wait, error)
            time.sleep(wait)
            attempt += 1

    def _get_once(
        self,
        asked: str,
        url: str,
        headers: dict[str, str],
        deadline: float,
        accept: tuple[str, ...],
        *,
        robots: bool,
    ) -> Response | str:
        self._wait_turn(url, deadline)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchTimeout(f"took longer than {self.options.total_timeout:g} s in all", url=asked, cause="timeout")
        timeout = httpx.Timeout(
            connect=min(self.options.connect_timeout, remaining),
            read=min(self.options.read_timeout, remaining),
            write=min(self.options.read_timeout, remaining),
            pool=remaining,
        )
        with self._lock:
            self.requests_made += 1
        try:
            sent = {**headers, "Accept": ", ".join(accept)}
            with self._client.stream("GET", url, headers=sent, timeout=timeout) as raw:
                return self._handle(asked, url, raw, deadline, accept, robots=robots)
        except httpx.TimeoutException as exc:
            raise FetchTimeout(f"the server did not answer in time ({_kind(exc)})", url=asked, cause="timeout") from exc
        except (httpx.NetworkError, httpx.RemoteProtocolError) as exc:
            raise ConnectionFailed(f"the connection failed: {_describe(exc)}", url=asked, cause="connection") from exc
        except httpx.InvalidURL as exc:
            raise FetchError(f"not a valid web address ({exc})", url=asked, cause="bad address") from exc
        except httpx.StreamError as exc:
            raise FetchError(f"the response could not be read: {_describe(exc)}", url=asked, cause="http") from exc
        except httpx.UnsupportedProtocol as exc:
            raise UnsupportedScheme(f"cannot fetch {url}: {exc}", url=asked, cause="scheme") from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"the request failed: {_describe(exc)}", url=asked, cause="http") from exc

    def _handle(
        self,
        asked: str,
        url: str,
        raw: httpx.Response,
        deadline: float,
        accept: tuple[str, ...],
        *,
        robots: bool,
    ) -> Response | str:
        status = raw.status_code
        if status in _REDIRECTS and "location" in raw.headers:
            return raw.headers["location"]
        headers = dict(raw.headers.items())
        if status == 304:
            return Response(asked, url, status, headers, b"")
        if status >= 400:
            sample = self._read_body(asked, raw, deadline, limit=65_536, strict=False)
            raise StatusFailure(status_error(asked, status, headers, sample, robots=robots), headers)
        content_type = headers.get("content-type", "").split(";", 1)[0].strip().lower()
        if "*/*" not in accept and content_type and content_type not in accept:
            raise WrongContentType(
                f"not a web page: the server sent {content_type}, expected {' or '.join(accept)}",
                url=asked,
                cause="content type",
            )
        body = self._read_body(asked, raw, deadline, limit=self.options.max_bytes, strict=True)
        return Response(asked, url, status, headers, body, declared_encoding(headers, body))

    def _read_body(self, asked: str, raw: httpx.Response, deadline: float, *, limit: int, strict: bool) -> bytes:
        """Stream and decompress the body, never holding more than ``limit`` + one chunk."""
        length = raw.headers.get("content-length", "")
        coding = raw.headers.get("content-encoding", "identity").strip().lower()
        if strict and coding in ("", "identity") and length.isdigit() and int(length) > limit:
            raise TooLarge(too_large(limit, f"it announces {int(length):,} bytes"), url=asked, cause="too large")
        chunks: Iterator[bytes]
        if raw.is_stream_consumed:  # an in-memory response (a mock transport): already decoded
            coding, chunks = "identity", iter((raw.content,))
        else:
            chunks = raw.iter_raw(65_536)
        decode = decoder(coding)
        if decode is None:
            raise FetchError(f"unsupported content encoding {coding!r}", url=asked, cause="content encoding")
        parts: list[bytes] = []
        size = 0
        for chunk in chunks:
            if time.monotonic() > deadline:
                raise FetchTimeout(
                    f"took longer than {self.options.total_timeout:g} s in all", url=asked, cause="timeout"
                )
            try:
                for piece in decode(chunk, limit - size + 1):
                    size += len(piece)
                    if size > limit:
                        if not strict:
                            return b"".join(parts)
                        raise TooLarge(too_large(limit, "after decompression"), url=asked, cause="too large")
                    parts.append(piece)
            except zlib.error as exc:
                raise ConnectionFailed(f"the compressed body is corrupt: {exc}", url=asked, cause="corrupt") from exc
        return b"".join(parts)


def _kind(exc: httpx.TimeoutException) -> str:
    if isinstance(exc, httpx.ConnectTimeout):
        return "connecting"
    if isinstance(exc, httpx.ReadTimeout):
        return "waiting for data"
    return "timed out"


def _describe(exc: Exception) -> str:
    text = str(exc).strip()
    return text or type(exc).__name__


def fetch(
    url: str,
    *,
    options: FetchOptions | None = None,
    client: httpx.Client | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
) -> Response:
    """Fetch one page politely and safely, with a short-lived :class:`Fetcher`.

    Sends ``If-None-Match`` / ``If-Modified-Since`` when ``etag`` /
    ``last_modified`` are given; an unchanged page then comes back with
    ``not_modified`` true and no body. For many pages, share one
    :class:`Fetcher` so politeness and robots.txt hold across calls.

    >>> from pressreader.errors import UnsupportedScheme
    >>> try:
    ...     fetch("mailto:pcc@example.org")
    ... except UnsupportedScheme as err:
    ...     err.url
    'mailto:pcc@example.org'
    """
    with Fetcher(options, client=client) as fetcher:
        return fetcher.fetch(url, etag=etag, last_modified=last_modified)


def read(
    url: str,
    *,
    options: FetchOptions | None = None,
    fetcher: Fetcher | None = None,
    registry: SiteRegistry | None = None,
) -> Article:
    """Fetch ``url`` and parse it into an :class:`~pressreader.models.Article`.

    The site registry names the article's source when the URL is on a known
    PCC site. Raises a :class:`~pressreader.errors.FetchError` or
    :class:`~pressreader.errors.ParseError`.

    >>> from pressreader.errors import UnsupportedScheme
    >>> try:
    ...     read("ftp://example.org/news")
    ... except UnsupportedScheme as err:
    ...     err.cause
    'scheme'
    """
    if fetcher is None:
        with Fetcher(options) as own:
            response = own.fetch(url)
    else:
        response = fetcher.fetch(url)
    from ..parse import parse_article
    from ..sites import DEFAULT_REGISTRY

    site = (registry or DEFAULT_REGISTRY).find(response.final_url)
    return parse_article(response.markup, response.final_url, site=site)
