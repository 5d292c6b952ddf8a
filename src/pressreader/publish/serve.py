"""Serving a podcast folder over HTTP, with the byte ranges podcast apps seek with.

The standard library's ``http.server`` carries it (no new dependency, and the
few rules a podcast needs are easier to check in sixty lines of our own than in
a framework): ``GET`` and ``HEAD``; ``Range: bytes=…`` answered with ``206
Partial Content`` (one range; ``416`` when it lies outside the file); the right
``Content-Type`` for each kind of file; no directory listing; nothing outside
the folder (``..``, encoded or not, absolute paths, hidden files and anything a
symbolic link leads out to are answered ``404``). By default it listens on
127.0.0.1 only.

    >>> server = PodcastServer(".", port=0)
    >>> server.url.startswith("http://127.0.0.1:")
    True
    >>> server.close()
"""

from __future__ import annotations

import logging
import re
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import PublishError

__all__ = ["CONTENT_TYPES", "PodcastServer"]

log = logging.getLogger(__name__)

CONTENT_TYPES = {
    ".xml": "application/rss+xml; charset=utf-8",
    ".mp3": "audio/mpeg",
    ".vtt": "text/vtt; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".png": "image/png",
}
_RANGE = re.compile(r"bytes=(\d*)-(\d*)$")
_CHUNK = 64 * 1024


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "pressreader"
    sys_version = ""

    def do_GET(self) -> None:
        self._answer(body=True)

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def log_message(self, format: str, *args: object) -> None:
        log.info("%s %s", self.address_string(), format % args)

    def _file(self) -> Path | None:
        path = unquote(urlsplit(self.path).path)
        parts = path.split("/")
        if "\\" in path or "\0" in path or not path.startswith("/") or any(
                p in ("..", ".") or p.startswith(".") for p in parts[1:]):
            return None
        root = self.server.root
        candidate = (root / path.lstrip("/")).resolve()
        if not candidate.is_relative_to(root) or not candidate.is_file() or candidate.suffix not in CONTENT_TYPES:
            return None
        return candidate

    def _answer(self, *, body: bool) -> None:
        target = self._file()
        if target is None:
            self.send_error(HTTPStatus.NOT_FOUND, "no such file in this podcast")
            return
        size = target.stat().st_size
        start, end = 0, size - 1
        status = HTTPStatus.OK
        asked = self.headers.get("Range")
        if asked:
            match = _RANGE.match(asked.strip())
            if match and (match.group(1) or match.group(2)):
                first, last = match.group(1), match.group(2)
                if first:
                    start, end = int(first), min(int(last), size - 1) if last else size - 1
                else:
                    start, end = max(0, size - int(last)), size - 1
                if start > end or start >= size:
                    self.send_response(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                    self.send_header("Content-Range", f"bytes */{size}")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                status = HTTPStatus.PARTIAL_CONTENT
        self.send_response(status)
        self.send_header("Content-Type", CONTENT_TYPES[target.suffix])
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Content-Length", str(end - start + 1))
        if status == HTTPStatus.PARTIAL_CONTENT:
            self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.end_headers()
        if body:
            with target.open("rb") as stream:
                stream.seek(start)
                left = end - start + 1
                while left > 0:
                    chunk = stream.read(min(_CHUNK, left))
                    if not chunk:
                        break
                    self.wfile.write(chunk)
                    left -= len(chunk)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, root: Path, address: tuple[str, int]) -> None:
        self.root = root
        super().__init__(address, _Handler)


class PodcastServer:
    """Serves ``folder`` at ``http://HOST:PORT/`` (``port=0``: any free port; see :attr:`url`)."""

    def __init__(self, folder: str | Path, *, host: str = "127.0.0.1", port: int = 8000) -> None:
        root = Path(folder).resolve()
        if not root.is_dir():
            raise PublishError(f"there is no podcast folder at {folder}")
        try:
            self._server = _Server(root, (host, port))
        except OSError as exc:
            raise PublishError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
        self.host, self.port = host, int(self._server.server_address[1])
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The address the folder is served at, ending in a slash."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    def start(self) -> PodcastServer:
        """Serve in a background thread (for tests and embedding); :meth:`close` stops it."""
        self._thread = threading.Thread(target=self._server.serve_forever, name="podcast-server", daemon=True)
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve until interrupted (Ctrl-C raises ``KeyboardInterrupt`` in the caller)."""
        self._server.serve_forever()

    def close(self) -> None:
        """Stop serving and release the port."""
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join()
            self._thread = None
        self._server.server_close()

    def __enter__(self) -> PodcastServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()
