"""Pure helpers of :mod:`pressreader.web.fetcher` that need no HTTP library.

Bounded decompression (a gzip bomb never expands past the size limit in
memory), status answers turned into our errors (403 firewall pages said
plainly), Retry-After and declared character encodings.

    >>> retry_after("120")
    120.0
    >>> b"".join(Inflater(31)(__import__("gzip").compress(b"hello"), 100))
    b'hello'
"""

from __future__ import annotations

import datetime
import email.utils
import re
import zlib
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

from ..errors import BlockedByFirewall, FetchError, HTTPStatusError, UnsupportedScheme

__all__ = [
    "Decode",
    "Inflater",
    "StatusFailure",
    "check_scheme",
    "declared_encoding",
    "decoder",
    "retry_after",
    "status_error",
    "too_large",
    "waited_too_long",
]

Decode = Callable[[bytes, int], Iterator[bytes]]

# Words a web application firewall's block page or headers usually contain.
WAF_SIGNS = re.compile(
    rb"cloudflare|cf-ray|incapsula|imperva|akamai|sucuri|wordfence|mod_security|modsecurity|"
    rb"access denied|request blocked|request rejected|web application firewall|bot protection|"
    rb"attention required|support id",
    re.IGNORECASE,
)
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_:.-]+)""", re.IGNORECASE)


def decoder(coding: str) -> Decode | None:
    if coding in ("", "identity"):
        return lambda chunk, _room: iter((chunk,)) if chunk else iter(())
    if coding in ("gzip", "x-gzip"):
        return Inflater(zlib.MAX_WBITS | 16)
    if coding == "deflate":
        return Inflater(zlib.MAX_WBITS | 32)
    return None


class Inflater:
    """Decompresses in bounded steps, so a gzip bomb never expands beyond the limit in memory."""

    def __init__(self, wbits: int) -> None:
        self._inflate = zlib.decompressobj(wbits)
        self._raw_deflate = wbits & 32 != 0
        self._started = False

    def __call__(self, chunk: bytes, room: int) -> Iterator[bytes]:
        data = chunk
        while data:
            try:
                out = self._inflate.decompress(data, max(room, 1))
            except zlib.error:
                if self._raw_deflate and not self._started:  # some servers send raw deflate
                    self._inflate = zlib.decompressobj(-zlib.MAX_WBITS)
                    self._raw_deflate = False
                    continue
                raise
            self._started = True
            data = self._inflate.unconsumed_tail
            if out:
                room -= len(out)
                yield out


def check_scheme(url: str, *, asked: str, redirect: bool = False) -> None:
    """Refuse anything but an absolute http or https address with a host name.

    >>> check_scheme("ftp://x.example/a", asked="ftp://x.example/a")
    Traceback (most recent call last):
      ...
    pressreader.errors.UnsupportedScheme: only http and https pages are fetched, not ftp: (ftp://x.example/a)
    """
    where = f"redirected to {url}: " if redirect else ""
    try:
        parts = urlsplit(url)
        host = parts.hostname
        _port = parts.port
    except ValueError as exc:
        raise FetchError(f"{where}not a valid web address ({exc})", url=asked, cause="bad address") from exc
    scheme = parts.scheme.lower()
    if not scheme:
        raise UnsupportedScheme(
            f"{where}not a web address: it does not start with http:// or https://", url=asked, cause="scheme"
        )
    if scheme not in ("http", "https"):
        raise UnsupportedScheme(
            f"{where}only http and https pages are fetched, not {scheme}:", url=asked, cause="scheme"
        )
    if not host:
        raise FetchError(f"{where}not a valid web address: it names no host", url=asked, cause="bad address")


class StatusFailure(Exception):
    """Internal: an error status, with the Retry-After it asked for (never leaves this module)."""

    def __init__(self, error: HTTPStatusError, headers: dict[str, str]) -> None:
        super().__init__(str(error))
        self.error = error
        self.retry_after = retry_after(headers.get("retry-after"))


def waited_too_long(error: FetchError, asked: float, limit: float) -> FetchError:
    status = error.status if isinstance(error, HTTPStatusError) else 0
    return HTTPStatusError(
        f"{error.args[0]}; it asked to wait {asked:g} s before retrying, longer than the "
        f"{limit:g} s allowed (FetchOptions.max_retry_after)",
        url=error.url,
        status=status,
        cause=error.cause,
    )


def status_error(asked: str, status: int, headers: dict[str, str], sample: bytes, *, robots: bool) -> HTTPStatusError:
    if status == 403 and not robots:
        header_text = " ".join(f"{k}:{v}" for k, v in headers.items()).encode("latin-1", "replace")
        sign = WAF_SIGNS.search(header_text) or WAF_SIGNS.search(sample)
        how = (
            f"probably a web application firewall; it mentions {sign.group(0).decode('latin-1')!r}"
            if sign
            else ("probably a web application firewall")
        )
        return BlockedByFirewall(
            f"the site refused an automated reader (403, {how}). Open the page in a web browser, "
            "save it, and read the saved file instead",
            url=asked,
            status=status,
            cause="firewall",
        )
    reason = _REASONS.get(status, "error")
    return HTTPStatusError(f"the server answered {status} ({reason})", url=asked, status=status, cause=f"HTTP {status}")


_REASONS = {
    400: "bad request",
    401: "login required",
    403: "forbidden",
    404: "not found",
    410: "gone",
    429: "too many requests",
    500: "server error",
    502: "bad gateway",
    503: "service unavailable",
    504: "gateway timeout",
}


def retry_after(value: str | None) -> float | None:
    """Seconds asked for by a Retry-After header (a number or an HTTP date).

    >>> retry_after("3"), retry_after(None), retry_after("soon")
    (3.0, None, None)
    """
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.timezone.utc)
    return max(0.0, (when - datetime.datetime.now(datetime.timezone.utc)).total_seconds())


def declared_encoding(headers: dict[str, str], body: bytes) -> str | None:
    """The declared encoding: Content-Type charset, else a byte order mark, else a meta tag.

    >>> declared_encoding({"content-type": "text/html; charset=ISO-8859-1"}, b"")
    'iso-8859-1'
    >>> declared_encoding({}, b'<meta charset="utf-8">')
    'utf-8'
    """
    match = re.search(r"charset\s*=\s*[\"']?([\w:.-]+)", headers.get("content-type", ""), re.IGNORECASE)
    if match:
        return match.group(1).lower()
    if body.startswith(b"\xef\xbb\xbf"):
        return "utf-8"
    if body.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    meta = META_CHARSET.search(body[:4096])
    return meta.group(1).decode("ascii").lower() if meta else None


def too_large(limit: int, detail: str) -> str:
    return f"the page is larger than the {limit:,}-byte limit ({detail})"
