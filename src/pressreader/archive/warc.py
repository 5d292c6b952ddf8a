"""Pages as they were served, kept in WARC 1.1 files (ISO 28500) written and read with warcio.

Each fetched article page becomes three records, each its own gzip member:
a ``response`` (HTTP status line, headers and the body bytes), the
``request`` that asked for it, and a ``metadata`` record holding the parsed
Article as JSON. The SQLite archive indexes them by file, offset and length
(:class:`Capture`), so one page is read back with a single seek, and a set
of pages is exported by copying byte ranges.

Bodies are kept as the fetcher received them after transfer decoding: a
page sent gzip-compressed is stored decompressed, its ``Content-Encoding``
kept as ``X-Archive-Orig-Content-Encoding`` and its ``Content-Length`` set
to the stored length, so that the record replays as written.

Every writer starts a new file, so a crawl killed in the middle of a record
leaves at worst a truncated tail that no index entry points to.

    >>> import tempfile, pathlib
    >>> from pressreader.web.messages import Response
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> with WarcWriter(folder) as writer:
    ...     capture = writer.write(Response("https://x.example/a", "https://x.example/a", 200,
    ...                                     {"Content-Type": "text/html"}, b"<p>Hi</p>"), '{"title": "Hi"}')
    >>> page = read_capture(folder, capture)
    >>> page.status, page.body, page.headers["content-type"], page.article_json
    (200, b'<p>Hi</p>', 'text/html', '{"title": "Hi"}')
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import http
import io
import os
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any, BinaryIO
from urllib.parse import urlsplit

from ..errors import ArchiveError
from ..models import __version__
from ..web.messages import Response

__all__ = ["Capture", "ServedPage", "WarcWriter", "copy_captures", "payload_digest", "read_capture", "warc_folder"]

#: A WARC file is closed and a new one begun past this size (the customary 1 GB).
MAX_FILE_BYTES = 1_000_000_000
_SPEC = "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"
#: Headers that describe the transfer, not the stored body.
_TRANSFER = ("content-encoding", "transfer-encoding", "content-length")


@dataclass(frozen=True, slots=True)
class Capture:
    """Where one page's records are: a WARC file (its name, inside the archive's folder), the
    byte offset of the response record and the length of its three records; ``digest`` is
    the SHA-1 payload digest of the body, as written in the record."""

    file: str
    offset: int
    length: int
    digest: str


@dataclass(frozen=True, slots=True)
class ServedPage:
    """A page read back from a WARC: what the server sent, and the Article JSON kept with it."""

    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    fetched_at: datetime.datetime
    article_json: str | None

    def response(self) -> Response:
        """The page as a :class:`~pressreader.web.messages.Response`, ready for the parser."""
        from ..web import declared_encoding

        return Response(
            self.url, self.url, self.status, self.headers, self.body, declared_encoding(self.headers, self.body),
            fetched_at=self.fetched_at,
        )  # fmt: skip


def warc_folder(database: Path) -> Path:
    """The folder that holds the WARC files of the archive at ``database``.

    >>> warc_folder(Path("/data/news.sqlite3")).as_posix()
    '/data/news-warc'
    """
    return database.with_name(f"{database.stem}-warc")


def _warc_date(when: datetime.datetime) -> str:
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.timezone.utc)
    return when.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def payload_digest(data: bytes) -> str:
    """The WARC payload digest of ``data`` (SHA-1, base 32), as warcio writes it.

    >>> payload_digest(b"")
    'sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ'
    """

    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


class WarcWriter:
    """Appends page captures to WARC files in ``folder`` (made if missing); one file per writer,
    rolled over past :data:`MAX_FILE_BYTES`. Not thread-safe: one writer per thread."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._file: BinaryIO | None = None
        self._name = ""
        self._writer: Any = None  # a warcio WARCWriter (untyped) on the open file

    def __enter__(self) -> WarcWriter:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the current file (safe to call twice)."""
        if self._file is not None:
            self._file.close()
            self._file = None

    def _open(self) -> BinaryIO:
        if self._file is not None and self._file.tell() < MAX_FILE_BYTES:
            return self._file
        self.close()
        stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%d%H%M%S")
        self._name = f"pressreader-{stamp}-{uuid.uuid4().hex[:12]}.warc.gz"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._file = open(self.folder / self._name, "xb")  # noqa: SIM115 - kept open across writes
        except OSError as exc:
            raise ArchiveError(f"cannot write the page archive in {self.folder}: {exc.strerror or exc}") from exc
        from warcio.warcwriter import WARCWriter

        self._writer = WARCWriter(self._file, gzip=True, warc_version="WARC/1.1")
        self._write_info()
        return self._file

    def _write_info(self) -> None:
        info = {"software": f"pressreader/{__version__}", "format": "WARC File Format 1.1", "conformsTo": _SPEC}
        self._writer.write_record(self._writer.create_warcinfo_record(self._name, info))

    def write(self, response: Response, article_json: str | None) -> Capture:
        """Write ``response`` (and the request for it, and ``article_json``) and say where it is."""
        from warcio.statusandheaders import StatusAndHeaders

        handle = self._open()
        writer = self._writer
        url = response.final_url
        date = _warc_date(response.fetched_at)
        headers = [(k, v) for k, v in response.headers.items() if k not in _TRANSFER]
        coding = response.headers.get("content-encoding", "").strip()
        if coding and coding.lower() != "identity":
            headers.append(("X-Archive-Orig-Content-Encoding", coding))
        headers.append(("Content-Length", str(len(response.body))))
        reason = _reason(response.status)
        http_headers = StatusAndHeaders(f"{response.status} {reason}".strip(), headers, protocol="HTTP/1.1")
        start = handle.tell()
        try:
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(response.body), length=len(response.body),
                http_headers=http_headers, warc_headers_dict={"WARC-Date": date},
            )  # fmt: skip
            writer.write_record(record)
            record_id = record.rec_headers.get_header("WARC-Record-ID")
            parts = urlsplit(url)
            target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            request = StatusAndHeaders(
                f"GET {target} HTTP/1.1", [("Host", parts.netloc)], protocol="HTTP/1.1", is_http_request=True
            )
            linked = {"WARC-Date": date, "WARC-Concurrent-To": record_id}
            writer.write_record(
                writer.create_warc_record(url, "request", payload=io.BytesIO(b""), length=0, http_headers=request,
                                          warc_headers_dict=linked)
            )  # fmt: skip
            if article_json is not None:
                data = article_json.encode("utf-8", "surrogatepass")
                writer.write_record(
                    writer.create_warc_record(
                        url, "metadata", payload=io.BytesIO(data), length=len(data),
                        warc_content_type="application/json",
                        warc_headers_dict={"WARC-Date": date, "WARC-Refers-To": record_id},
                    )
                )  # fmt: skip
            handle.flush()
        except OSError as exc:
            handle.truncate(start)
            raise ArchiveError(f"cannot write the page archive {self._name}: {exc.strerror or exc}") from exc
        return Capture(self._name, start, handle.tell() - start, payload_digest(response.body))

    def sync(self) -> None:
        """Make what was written durable (called before the index row that points to it commits)."""
        if self._file is not None:
            self._file.flush()
            os.fsync(self._file.fileno())


def _reason(status: int) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return ""


def read_capture(folder: Path, capture: Capture) -> ServedPage:
    """Read the page that ``capture`` points to; :class:`ArchiveError` when the file is missing or
    the records there are damaged."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    path = folder / capture.file
    try:
        with open(path, "rb") as handle:
            handle.seek(capture.offset)
            chunk = io.BytesIO(handle.read(capture.length))
        page: ServedPage | None = None
        for record in ArchiveIterator(chunk):
            if record.rec_type == "response" and page is None:
                status_line = record.http_headers.get_statuscode() if record.http_headers else "0"
                headers = {k.lower(): v for k, v in (record.http_headers.headers if record.http_headers else [])}
                date = record.rec_headers.get_header("WARC-Date") or ""
                page = ServedPage(
                    record.rec_headers.get_header("WARC-Target-URI") or "",
                    int(status_line) if status_line.isdigit() else 0,
                    headers,
                    record.content_stream().read(),
                    _parse_date(date),
                    None,
                )
            elif record.rec_type == "metadata" and page is not None:
                text = record.content_stream().read().decode("utf-8", "replace")
                page = ServedPage(page.url, page.status, page.headers, page.body, page.fetched_at, text)
    except OSError as exc:
        raise ArchiveError(f"the kept page in {path} cannot be read: {exc.strerror or exc}") from exc
    except (ArchiveLoadFailed, ValueError, EOFError) as exc:
        raise ArchiveError(f"the kept page at {path}:{capture.offset} is damaged: {exc}") from exc
    if page is None or not page.url:
        raise ArchiveError(f"no page record at {path}:{capture.offset}")
    if capture.digest and payload_digest(page.body) != capture.digest:
        raise ArchiveError(f"the kept page at {path}:{capture.offset} is damaged: its digest does not match")
    return page


def _parse_date(text: str) -> datetime.datetime:
    try:
        return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return datetime.datetime.now(datetime.timezone.utc)


def copy_captures(folder: Path, captures: Iterable[Capture], out: IO[bytes], *, name: str) -> int:
    """Write one WARC to ``out``: a warcinfo record, then each capture's records copied byte for
    byte (each is a complete gzip member). Returns how many captures were copied."""
    from warcio.warcwriter import WARCWriter

    writer = WARCWriter(out, gzip=True, warc_version="WARC/1.1")
    info = {"software": f"pressreader/{__version__}", "format": "WARC File Format 1.1", "conformsTo": _SPEC}
    writer.write_record(writer.create_warcinfo_record(name, info))
    copied = 0
    handles: dict[str, BinaryIO] = {}
    try:
        for capture in captures:
            handle = handles.get(capture.file)
            if handle is None:
                try:
                    handle = handles[capture.file] = open(folder / capture.file, "rb")  # noqa: SIM115
                except OSError as exc:
                    raise ArchiveError(f"the page archive {folder / capture.file} cannot be read: {exc}") from exc
            handle.seek(capture.offset)
            for block in _ranges(handle, capture.length):
                out.write(block)
            copied += 1
    finally:
        for handle in handles.values():
            handle.close()
    return copied


def _ranges(handle: BinaryIO, length: int, size: int = 1 << 20) -> Iterator[bytes]:
    left = length
    while left > 0:
        block = handle.read(min(size, left))
        if not block:
            raise ArchiveError(f"the page archive {getattr(handle, 'name', '?')} ends early")
        left -= len(block)
        yield block
