"""Real HTTP servers on 127.0.0.1 that look like PCC sites, with fault endpoints.

Used by the network tests (through ``conftest.py``) and by
``benchmarks/bench_crawl.py``, which loads this file by path. Nothing here
touches any network but the loopback interface.

* :func:`wordpress_site` — REST API (``/wp-json/wp/v2/posts``), RSS feed
  (``/feed/``, ``?paged=N``) and paginated HTML listings (``/news/page/N/``);
  article pages answer conditional requests with 304.
* :func:`aspnet_site` — HTML listings only (``Latest-News.aspx?page=N``),
  ``.aspx`` article pages, a menu, footer, PDF, mailto and script links.
* :func:`fault_entries` — listing entries whose pages fail in every way the
  fetcher must name (slow, 500, 429, loops, ``file:``, 50 MB, gzip bomb, wrong
  types, robots.txt, firewall 403, connection reset).
"""

from __future__ import annotations

import datetime
import gzip
import hashlib
import html
import json
import re
import socket
import struct
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

Handler = Callable[[BaseHTTPRequestHandler], None]

LAST_MODIFIED = "Tue, 07 May 2024 10:00:00 GMT"


@dataclass
class Entry:
    """One item of a site's news list: an article page, or a fault behind an article-like URL."""

    path: str
    title: str
    date: datetime.date
    handler: Handler | None = None  # None: a normal article page
    paragraphs: tuple[str, ...] = ()
    good: bool = True  # False: fetching it must fail


@dataclass
class Site:
    """A running loopback server and the requests it has answered."""

    entries: list[Entry]
    routes: dict[str, Handler] = field(default_factory=dict)
    server: ThreadingHTTPServer | None = None
    log: list[tuple[str, int, int, dict[str, str]]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    delay: float = 0.0  # seconds every article page waits before answering
    robots: str = "User-agent: *\nDisallow: /news/private/\n"
    times: list[float] = field(default_factory=list)  # time.monotonic() of each logged answer
    active: int = 0  # requests being answered now
    most_active: int = 0  # the most ever answered at once

    @property
    def base(self) -> str:
        assert self.server is not None
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    @property
    def good_urls(self) -> set[str]:
        return {self.url(e.path) for e in self.entries if e.good}

    @property
    def bad_urls(self) -> set[str]:
        return {self.url(e.path) for e in self.entries if not e.good}

    def hits(self, path: str) -> list[tuple[str, int, int, dict[str, str]]]:
        with self.lock:
            return [row for row in self.log if row[0] == path]

    def clear_log(self) -> None:
        with self.lock:
            self.log.clear()

    def start(self) -> Site:
        site = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go in separate writes
            server_version = "LoopSite/1"

            def do_GET(self) -> None:
                self.site = site  # type: ignore[attr-defined]
                path = self.path
                route = site.routes.get(path) or site.routes.get(urlsplit(path).path)
                if route is None:
                    send(self, 404, b"<html><body><h1>Not found</h1></body></html>")
                    return
                with site.lock:
                    site.active += 1
                    site.most_active = max(site.most_active, site.active)
                try:
                    route(self)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True
                finally:
                    with site.lock:
                        site.active -= 1

            def handle(self) -> None:
                try:
                    super().handle()
                except OSError:  # the fault handlers break connections on purpose
                    self.close_connection = True

            def log_message(self, format: str, *args: object) -> None:  # quiet
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()


def send(
    req: BaseHTTPRequestHandler,
    status: int,
    body: bytes,
    content_type: str = "text/html; charset=utf-8",
    headers: dict[str, str] | None = None,
) -> None:
    """Send a complete response and record it in the site's log."""
    req.send_response(status)
    req.send_header("Content-Type", content_type)
    req.send_header("Content-Length", str(len(body)))
    for name, value in (headers or {}).items():
        req.send_header(name, value)
    req.end_headers()
    _record(req, status, len(body))  # before the body: the client may act as soon as it has it
    req.wfile.write(body)


def _record(req: BaseHTTPRequestHandler, status: int, size: int) -> None:
    site: Site = req.site  # type: ignore[attr-defined]
    with site.lock:
        site.log.append((req.path, status, size, {k.lower(): v for k, v in req.headers.items()}))
        site.times.append(time.monotonic())


# -- article pages --------------------------------------------------------------------------------------


def article_html(site: Site, entry: Entry, *, style: str = "wordpress") -> bytes:
    paras = entry.paragraphs or (
        f"Testshire's Police and Crime Commissioner has announced {entry.title.lower()}.",
        "Commissioner Jane Doe said: “This is good news for every community in Testshire.”",
        "The work starts next month and will be reviewed in a year.",
    )
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paras)
    title = html.escape(entry.title)
    day = f"{entry.date.day} {entry.date:%B %Y}"
    menu = (
        '<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/about/">About</a></li>'
        '<li><a href="/contact/">Contact</a></li></ul></nav>'
    )
    if style == "aspnet":
        main = (
            f'<div id="content"><h1>{title}</h1><div class="article-body">{body}</div>'
            f"<p>Posted on {entry.date:%A} {day}</p><p>Share this</p></div>"
        )
    else:
        main = (
            f'<main><article class="post"><h1 class="entry-title">{title}</h1>'
            '<div class="entry-meta"><time class="entry-date" '
            f'datetime="{entry.date.isoformat()}T10:00:00+00:00">'
            f'{day}</time></div><div class="entry-content">{body}</div></article></main>'
        )
    page = (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
        f"<title>{title} - Testshire PCC</title>"
        f'<link rel="canonical" href="{site.url(entry.path)}"></head>'
        f'<body><a href="#main">Skip to content</a><header>{menu}</header>{main}'
        "<footer><p>Testshire OPCC, 1 High Street</p></footer></body></html>"
    )
    return page.encode("utf-8")


def article_route(site: Site, entry: Entry, style: str) -> Handler:
    return page_route(site, lambda: article_html(site, entry, style=style))


def page_route(site: Site, make_body: Callable[[], bytes]) -> Handler:
    """An article page with an ETag, answering If-None-Match with 304 and no body."""

    def handle(req: BaseHTTPRequestHandler) -> None:
        if site.delay:
            time.sleep(site.delay)
        body = make_body()
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if req.headers.get("If-None-Match") == etag:
            req.send_response(304)
            req.send_header("ETag", etag)
            req.send_header("Content-Length", "0")
            _record(req, 304, 0)
            req.end_headers()
            return
        send(req, 200, body, headers={"ETag": etag, "Last-Modified": LAST_MODIFIED})

    return handle


_CANONICAL = re.compile(rb"<link[^>]+rel=[\"']?canonical[^>]*>|<meta[^>]+property=[\"']?og:url[^>]*>", re.I)


def real_page_entries(site_of: Callable[[], Site], pages: list[Path], n: int) -> list[Entry]:
    """``n`` articles whose pages are the real saved PCC pages in ``pages``, cycled.

    Their canonical links are removed, so each served copy is its own article.
    """
    bodies = [_CANONICAL.sub(b"", p.read_bytes()) for p in pages]
    first = datetime.date(2024, 5, 31)
    entries = []
    for i in range(n):
        body = bodies[i % len(bodies)]
        entry = Entry(f"/news/real-{n - i:04d}/", f"Real page {n - i}", first - datetime.timedelta(days=i))
        entry.handler = page_route_lazy(site_of, body)
        entries.append(entry)
    return entries


def page_route_lazy(site_of: Callable[[], Site], body: bytes) -> Handler:
    def handle(req: BaseHTTPRequestHandler) -> None:
        page_route(site_of(), lambda: body)(req)

    return handle


# -- WordPress-like site --------------------------------------------------------------------------------


def good_entries(n: int, *, prefix: str = "/news/", start: datetime.date | None = None) -> list[Entry]:
    """``n`` articles, newest first, one a day back from ``start``."""
    first = start or datetime.date(2024, 5, 31)
    return [
        Entry(
            f"{prefix}testshire-story-{n - i:04d}/",
            f"Testshire story {n - i}",
            first - datetime.timedelta(days=i),
        )
        for i in range(n)
    ]


def wordpress_site(
    entries: list[Entry], *, per_page: int = 4, api: bool = True, feed: bool = True, feed_size: int = 5
) -> Site:
    site = Site(entries)
    for entry in entries:
        site.routes[entry.path] = entry.handler or article_route(site, entry, "wordpress")
    pages = max(1, -(-len(entries) // per_page))

    def listing(page: int) -> Handler:
        def handle(req: BaseHTTPRequestHandler) -> None:
            items = entries[(page - 1) * per_page : page * per_page]
            send(req, 200, _wp_listing(site, items, page, pages))

        return handle

    site.routes["/news/"] = listing(1)
    for page in range(2, pages + 1):
        site.routes[f"/news/page/{page}/"] = listing(page)
    site.routes["/"] = listing(1)
    site.routes["/about/"] = lambda req: send(req, 200, b"<html><body><h1>About</h1><p>About us.</p></body></html>")
    site.routes["/robots.txt"] = lambda req: send(req, 200, site.robots.encode(), "text/plain")
    if api:
        site.routes["/wp-json/wp/v2/posts"] = lambda req: _wp_api(req, site)
    if feed:
        site.routes["/feed/"] = lambda req: _wp_feed(req, site, feed_size)
    return site


def _wp_listing(site: Site, items: list[Entry], page: int, pages: int) -> bytes:
    rows = "".join(
        '<article class="post type-post"><h2 class="entry-title">'
        f'<a href="{e.path}">{html.escape(e.title)}</a></h2><div class="entry-meta">'
        f'<time datetime="{e.date.isoformat()}">{e.date.day} {e.date:%B %Y}</time>'
        f' by <a href="/author/jane/">Jane</a> in <a href="/category/news/">News</a></div>'
        f'<p>Summary of the story.</p><a class="more-link" href="{e.path}">Read more</a></article>'
        for e in items
    )
    nav = ""
    head_next = ""
    if page < pages:
        nav += f'<a class="next page-numbers" href="/news/page/{page + 1}/">Older posts</a>'
        head_next = f'<link rel="next" href="{site.url(f"/news/page/{page + 1}/")}">'
    if page > 1:
        nav += f'<a class="prev page-numbers" href="/news/page/{page - 1}/">Newer posts</a>'
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>News - Testshire PCC</title>{head_next}'
        '<link rel="alternate" type="application/rss+xml" title="Feed" href="/feed/"></head><body>'
        '<header><nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/about/">About</a></li>'
        '<li><a href="/contact/">Contact</a></li><li><a href="/news/">News</a></li></ul></nav></header>'
        f'<main id="main"><h1>News</h1>{rows}<nav class="pagination">{nav}'
        f'<a class="page-numbers" href="/news/page/{pages}/">{pages}</a></nav></main>'
        '<aside class="widget"><h3>Tags</h3><a href="/tag/policing/">policing</a> '
        '<a href="/tag/rugby/">rugby</a>'
        '<a href="/wp-content/uploads/plan.pdf">Police and crime plan (PDF)</a></aside>'
        '<footer><a href="mailto:opcc@testshire.example">Email us</a> <a href="javascript:void(0)">Print</a>'
        '<a href="/privacy/">Privacy</a> <a href="https://twitter.example/testshirepcc">Twitter</a></footer>'
        "</body></html>"
    ).encode()


def _wp_api(req: BaseHTTPRequestHandler, site: Site) -> None:
    query = parse_qs(urlsplit(req.path).query)
    per_page = min(100, int(query.get("per_page", ["10"])[0]))
    page = int(query.get("page", ["1"])[0])
    entries = site.entries
    if "after" in query:
        after = query["after"][0][:10]
        entries = [e for e in entries if e.date.isoformat() > after]
    pages = max(1, -(-len(entries) // per_page))
    if page > pages:
        body = json.dumps({"code": "rest_post_invalid_page_number", "data": {"status": 400}}).encode()
        send(req, 400, body, "application/json; charset=UTF-8")
        return
    items = entries[(page - 1) * per_page : page * per_page]
    posts = [
        {
            "id": 1000 + i,
            "date": f"{e.date.isoformat()}T10:00:00",
            "date_gmt": f"{e.date.isoformat()}T09:00:00",
            "modified_gmt": f"{e.date.isoformat()}T09:00:00",
            "link": site.url(e.path),
            "title": {"rendered": html.escape(e.title)},
            "content": {"rendered": "<p>Summary of the story.</p>"},
        }
        for i, e in enumerate(items)
    ]
    headers = {"X-WP-Total": str(len(entries)), "X-WP-TotalPages": str(pages)}
    send(req, 200, json.dumps(posts).encode(), "application/json; charset=UTF-8", headers)


def _wp_feed(req: BaseHTTPRequestHandler, site: Site, size: int) -> None:
    query = parse_qs(urlsplit(req.path).query)
    page = int(query.get("paged", ["1"])[0])
    items = site.entries[(page - 1) * size : page * size]
    if not items:
        send(req, 404, b"<html><body>Not found</body></html>")
        return
    rows = "".join(
        f"<item><title>{html.escape(e.title)}</title><link>{site.url(e.path)}</link>"
        f"<pubDate>{e.date:%a, %d %b %Y} 10:00:00 +0000</pubDate>"
        f"<guid>{site.url(e.path)}</guid><description>Summary</description></item>"
        for e in items
    )
    body = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Testshire PCC</title>'
        f"<link>{site.base}/</link>{rows}</channel></rss>"
    ).encode()
    send(req, 200, body, "application/rss+xml; charset=UTF-8")


# -- ASP.NET-like site ----------------------------------------------------------------------------------


def aspnet_entries(n: int) -> list[Entry]:
    first = datetime.date(2021, 5, 8)
    return [
        Entry(
            f"/News-and-Events/Archived-News/2021/PR-{900 - i}.aspx",
            f"Commissioner announces funding round {900 - i}",
            first - datetime.timedelta(days=3 * i),
        )
        for i in range(n)
    ]


def aspnet_site(entries: list[Entry], *, per_page: int = 4) -> Site:
    site = Site(entries)
    for entry in entries:
        site.routes[entry.path] = entry.handler or article_route(site, entry, "aspnet")
    pages = max(1, -(-len(entries) // per_page))
    listing_path = "/News-and-Events/Latest-News.aspx"

    def listing(req: BaseHTTPRequestHandler) -> None:
        query = parse_qs(urlsplit(req.path).query)
        page = int(query.get("page", ["1"])[0])
        items = entries[(page - 1) * per_page : page * per_page]
        rows = "".join(
            f'<div class="newsItem"><h3><a href="{e.path}">{html.escape(e.title)}</a></h3>'
            f'<p class="date">Posted on {e.date:%A} {e.date.day} {e.date:%B %Y}</p></div>'
            for e in items
        )
        pager = " ".join(
            f'<a href="{listing_path}?page={p}">{p}</a>' if p != page else f"<span>{p}</span>"
            for p in range(1, pages + 1)
        )
        if page < pages:
            pager += f' <a href="{listing_path}?page={page + 1}">Next &gt;</a>'
        menu = "".join(
            f'<li><a href="/{name}.aspx">{name.replace("-", " ")}</a></li>'
            for name in ("About-Us", "Contact-Us", "Your-Commissioner", "Get-Involved", "Publications")
        )
        body = (
            '<html><head><title>Latest News</title></head><body><form id="aspnetForm">'
            f'<div id="header"><ul id="nav">{menu}</ul></div><div id="content"><h1>Latest News</h1>'
            f'{rows}<div class="pager">{pager}</div>'
            '<p><a href="/Documents/Annual-Report.pdf">Annual report</a> '
            '<a href="mailto:opcc@example.org">Email</a> <a href="javascript:__doPostBack()">Refresh</a></p>'
            '</div><div id="footer"><a href="/Accessibility.aspx">Accessibility</a>'
            '<a href="/Privacy.aspx">Privacy</a></div></form></body></html>'
        ).encode()
        send(req, 200, body)

    site.routes[listing_path] = listing
    site.routes["/robots.txt"] = lambda req: send(req, 200, b"User-agent: *\nAllow: /\n", "text/plain")
    return site


# -- sitemaps -------------------------------------------------------------------------------------------


def add_sitemaps(site: Site, old: list[Entry], *, style: str = "wordpress", named: bool = True) -> Site:
    """Give ``site`` a WordPress-core sitemap index (named in robots.txt when ``named``, else found at
    ``/sitemap.xml``): a gzipped posts sitemap of every entry plus ``old`` ones no listing shows, a
    Google News sitemap of the old ones, and pages/users sitemaps that hold no releases."""
    for entry in old:
        site.routes[entry.path] = entry.handler or article_route(site, entry, style)

    def urlset(rows: str) -> bytes:
        return (
            '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{rows}</urlset>'
        ).encode()

    def posts() -> bytes:
        return urlset(
            "".join(
                f"<url><loc>{site.url(e.path)}</loc><lastmod>{e.date.isoformat()}T09:00:00+00:00</lastmod></url>"
                for e in [*site.entries, *old]
            )
        )

    def news() -> bytes:
        return urlset(
            "".join(
                f"<url><loc>{site.url(e.path)}</loc><news:news><news:publication><news:name>Testshire PCC</news:name>"
                f"<news:language>en</news:language></news:publication><news:publication_date>{e.date.isoformat()}"
                f"</news:publication_date><news:title>{html.escape(e.title)}</news:title></news:news></url>"
                for e in old
            )
        )

    def index() -> bytes:
        children = (
            "/wp-sitemap-posts-post-1.xml.gz",
            "/news-sitemap.xml",
            "/wp-sitemap-posts-page-1.xml",
            "/wp-sitemap-users-1.xml",
        )
        rows = "".join(f"<sitemap><loc>{site.url(path)}</loc></sitemap>" for path in children)
        return (
            '<?xml version="1.0" encoding="UTF-8"?><sitemapindex '
            f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}</sitemapindex>'
        ).encode()

    xml = "application/xml; charset=UTF-8"
    site.routes["/wp-sitemap.xml" if named else "/sitemap.xml"] = lambda req: send(req, 200, index(), xml)
    site.routes["/wp-sitemap-posts-post-1.xml.gz"] = lambda req: send(
        req, 200, gzip.compress(posts()), "application/x-gzip"
    )
    site.routes["/news-sitemap.xml"] = lambda req: send(req, 200, news(), xml)
    site.routes["/wp-sitemap-posts-page-1.xml"] = lambda req: send(
        req, 200, urlset(f"<url><loc>{site.url('/about/')}</loc></url>"), xml
    )
    site.routes["/wp-sitemap-users-1.xml"] = lambda req: send(req, 200, urlset(""), xml)
    if named:

        def robots(req: BaseHTTPRequestHandler) -> None:
            text = f"User-agent: *\nAllow: /\nSitemap: {site.url('/wp-sitemap.xml')}\n"
            send(req, 200, text.encode(), "text/plain")

        site.routes["/robots.txt"] = robots
    return site


# -- faults ---------------------------------------------------------------------------------------------


def _stateful(first: Handler, then: Handler) -> Handler:
    calls = {"n": 0}
    lock = threading.Lock()

    def handle(req: BaseHTTPRequestHandler) -> None:
        with lock:
            calls["n"] += 1
            n = calls["n"]
        (first if n == 1 else then)(req)

    return handle


def slow(seconds: float) -> Handler:
    def handle(req: BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
        send(req, 200, b"<html><body><h1>Late</h1><p>Too late.</p></body></html>")

    return handle


def redirect(location: str) -> Handler:
    def handle(req: BaseHTTPRequestHandler) -> None:
        send(req, 302, b"", headers={"Location": location})

    return handle


def big_body(size: int) -> Handler:
    """A chunked body of ``size`` bytes, generated as it is sent (never held in memory)."""

    def handle(req: BaseHTTPRequestHandler) -> None:
        req.send_response(200)
        req.send_header("Content-Type", "text/html")
        req.send_header("Transfer-Encoding", "chunked")
        req.end_headers()
        chunk = b"<p>" + b"x" * 65_529 + b"</p>"
        sent = 0
        while sent < size:
            req.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            sent += len(chunk)
        req.wfile.write(b"0\r\n\r\n")
        _record(req, 200, sent)

    return handle


_BOMB: list[bytes] = []


def gzip_bomb_bytes(size: int = 200_000_000) -> bytes:
    """``size`` zero bytes, gzip-compressed (about 200 KB for 200 MB); built once."""
    if not _BOMB:
        packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
        block = b"\0" * 1_000_000
        parts = [packer.compress(block) for _ in range(size // len(block))]
        parts.append(packer.flush())
        _BOMB.append(b"".join(parts))
    return _BOMB[0]


def gzip_bomb(req: BaseHTTPRequestHandler) -> None:
    send(req, 200, gzip_bomb_bytes(), headers={"Content-Encoding": "gzip"})


def gzipped_page(req: BaseHTTPRequestHandler) -> None:
    body = b"<html><body><h1>Compressed</h1><p>A small compressed page.</p></body></html>"
    send(req, 200, gzip.compress(body), headers={"Content-Encoding": "gzip"})


def firewall(req: BaseHTTPRequestHandler) -> None:
    body = (
        b"<html><head><title>Access Denied</title></head><body><h1>Request blocked</h1>"
        b"<p>This request was blocked by the security rules. Support ID: 1234567890</p></body></html>"
    )
    send(req, 403, body, headers={"Server": "cloudflare", "CF-RAY": "8abc-LHR"})


def reset_mid_body(req: BaseHTTPRequestHandler) -> None:
    req.send_response(200)
    req.send_header("Content-Type", "text/html")
    req.send_header("Content-Length", "100000")
    req.end_headers()
    req.wfile.write(b"<html><body><h1>Cut</h1><p>" + b"y" * 1000)
    req.wfile.flush()
    req.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    req.connection.close()
    req.close_connection = True
    _record(req, 200, 1000)


def fault_entries(site_of: Callable[[], Site]) -> list[Entry]:
    """Listing entries behind which every fault hides; two recover on retry (good=True)."""
    gzip_bomb_bytes()  # built now, not while a client waits
    day = datetime.date(2024, 4, 1)

    def entry(slug: str, handler: Handler, good: bool = False) -> Entry:
        return Entry(f"/news/{slug}/", f"Fault {slug}", day, handler, good=good)

    def flaky_then_ok(path: str) -> Handler:
        def ok(req: BaseHTTPRequestHandler) -> None:
            site = site_of()
            article_route(site, Entry(path, "Recovered after a server error", day), "wordpress")(req)

        return _stateful(lambda req: send(req, 500, b"<html><body>Oops</body></html>"), ok)

    def busy_then_ok(path: str) -> Handler:
        def ok(req: BaseHTTPRequestHandler) -> None:
            article_route(site_of(), Entry(path, "Recovered after a busy server", day), "wordpress")(req)

        def busy(req: BaseHTTPRequestHandler) -> None:
            send(req, 429, b"<html><body>Slow down</body></html>", headers={"Retry-After": "1"})

        return _stateful(busy, ok)

    return [
        entry("slow-answer", slow(3.0)),
        entry("flaky-server", flaky_then_ok("/news/flaky-server/"), good=True),
        entry("busy-server", busy_then_ok("/news/busy-server/"), good=True),
        entry("always-busy", lambda req: send(req, 429, b"busy", headers={"Retry-After": "3600"})),
        entry("loop-a", redirect("/news/loop-b/")),
        entry("loop-b", redirect("/news/loop-a/")),
        entry("to-file", redirect("file:///etc/passwd")),
        entry("fifty-megabytes", big_body(50_000_000)),
        entry("gzip-bomb", gzip_bomb),
        entry("plain-text", lambda req: send(req, 200, b"just text", "text/plain")),
        entry("a-pdf", lambda req: send(req, 200, b"%PDF-1.4 ...", "application/pdf")),
        Entry("/news/private/members/", "Members only", day, None, good=False),
        entry("firewalled", firewall),
        entry("reset", reset_mid_body),
    ]
