"""fetch() against real loopback servers: success, politeness, and every fault named clearly."""

from __future__ import annotations

import datetime
import gzip
import threading
import tracemalloc
from typing import Any

import httpx
import pytest

from pressreader import errors
from pressreader.web import DEFAULT_USER_AGENT, Fetcher, FetchOptions, Response, fetch

Site = Any


def test_fetch_article_page(wp_site: Site, options: FetchOptions) -> None:
    url = wp_site.url("/news/testshire-story-0010/")
    response = fetch(url, options=options)
    assert isinstance(response, Response)
    assert response.status == 200
    assert response.url == response.final_url == url
    assert response.encoding == "utf-8"
    assert b"Testshire story 10" in response.body
    assert response.etag
    assert response.last_modified
    assert response.fetched_at.tzinfo is datetime.timezone.utc
    assert response.headers["content-type"].startswith("text/html")
    sent = wp_site.hits("/news/testshire-story-0010/")[0][3]
    assert sent["user-agent"] == DEFAULT_USER_AGENT
    assert "pressreader/" in DEFAULT_USER_AGENT
    assert "+https://" in DEFAULT_USER_AGENT


def test_conditional_request_gets_304_without_body(wp_site: Site, options: FetchOptions) -> None:
    url = wp_site.url("/news/testshire-story-0003/")
    first = fetch(url, options=options)
    again = fetch(url, options=options, etag=first.etag, last_modified=first.last_modified)
    assert again.not_modified
    assert again.status == 304
    assert again.body == b""
    hits = wp_site.hits("/news/testshire-story-0003/")
    assert [h[1] for h in hits] == [200, 304]
    assert hits[1][3]["if-none-match"] == first.etag
    assert hits[1][3]["if-modified-since"] == first.last_modified


def test_gzip_page_is_decompressed(faulty_site: Site, loopsite: Any, options: FetchOptions) -> None:
    faulty_site.routes["/gz/"] = loopsite.gzipped_page
    response = fetch(faulty_site.url("/gz/"), options=options)
    assert b"A small compressed page." in response.body


def test_redirect_is_followed_and_reported(faulty_site: Site, loopsite: Any, options: FetchOptions) -> None:
    faulty_site.routes["/old/"] = loopsite.redirect("/news/testshire-story-0006/")
    response = fetch(faulty_site.url("/old/"), options=options)
    assert response.url == faulty_site.url("/old/")
    assert response.final_url == faulty_site.url("/news/testshire-story-0006/")


def _fails(url: str, options: FetchOptions, kind: type[errors.FetchError]) -> errors.FetchError:
    with pytest.raises(kind) as info:
        fetch(url, options=options)
    err = info.value
    assert err.url == url
    assert err.cause
    assert isinstance(err, errors.PressreaderError)
    assert not isinstance(err.__cause__, errors.PressreaderError) or True
    return err


@pytest.mark.parametrize(
    ("slug", "kind", "words"),
    [
        ("slow-answer", errors.FetchTimeout, "did not answer in time"),
        ("always-busy", errors.HTTPStatusError, "asked to wait 3600 s"),
        ("loop-a", errors.TooManyRedirects, "redirect loop"),
        ("to-file", errors.UnsupportedScheme, "not file:"),
        ("fifty-megabytes", errors.TooLarge, "larger than the 10,000,000-byte limit"),
        ("gzip-bomb", errors.TooLarge, "after decompression"),
        ("plain-text", errors.WrongContentType, "text/plain"),
        ("a-pdf", errors.WrongContentType, "application/pdf"),
        ("private/members", errors.RobotsDisallowed, "robots.txt"),
        (
            "firewalled",
            errors.BlockedByFirewall,
            "refused an automated reader (403, probably a web application",
        ),
        ("reset", errors.ConnectionFailed, "connection failed"),
    ],
)
def test_each_fault_gives_its_clear_error(
    faulty_site: Site, options: FetchOptions, slug: str, kind: type[errors.FetchError], words: str
) -> None:
    err = _fails(faulty_site.url(f"/news/{slug}/"), options, kind)
    assert words in str(err)


def test_firewall_error_carries_status(faulty_site: Site, options: FetchOptions) -> None:
    err = _fails(faulty_site.url("/news/firewalled/"), options, errors.BlockedByFirewall)
    assert isinstance(err, errors.HTTPStatusError)
    assert err.status == 403
    assert "cloudflare" in str(err)


def test_500_then_200_is_retried(faulty_site: Site, options: FetchOptions) -> None:
    response = fetch(faulty_site.url("/news/flaky-server/"), options=options)
    assert response.status == 200
    assert [h[1] for h in faulty_site.hits("/news/flaky-server/")] == [500, 200]


def test_429_honours_retry_after(faulty_site: Site, options: FetchOptions) -> None:
    response = fetch(faulty_site.url("/news/busy-server/"), options=options)
    assert response.status == 200
    assert [h[1] for h in faulty_site.hits("/news/busy-server/")] == [429, 200]


def test_500_without_retries_is_an_http_status_error(faulty_site: Site, options: FetchOptions) -> None:
    no_retry = FetchOptions(delay=0, retries=0, read_timeout=0.5)
    err = _fails(faulty_site.url("/news/flaky-server/"), no_retry, errors.HTTPStatusError)
    assert isinstance(err, errors.HTTPStatusError)
    assert err.status == 500
    assert "500" in str(err)


def test_404_is_an_http_status_error(wp_site: Site, options: FetchOptions) -> None:
    err = _fails(wp_site.url("/news/missing/"), options, errors.HTTPStatusError)
    assert isinstance(err, errors.HTTPStatusError)
    assert err.status == 404
    assert len(wp_site.hits("/news/missing/")) == 1  # 404 is not retried


def test_redirect_limit(faulty_site: Site, loopsite: Any, options: FetchOptions) -> None:
    for i in range(12):
        faulty_site.routes[f"/hop/{i}/"] = loopsite.redirect(f"/hop/{i + 1}/")
    strict = FetchOptions(delay=0, max_redirects=3, read_timeout=0.5)
    err = _fails(faulty_site.url("/hop/0/"), strict, errors.TooManyRedirects)
    assert "more than 3 redirects" in str(err)


def test_big_body_is_streamed_not_held(faulty_site: Site, options: FetchOptions) -> None:
    small = FetchOptions(delay=0, max_bytes=1_000_000, read_timeout=2)
    tracemalloc.start()
    try:
        _fails(faulty_site.url("/news/gzip-bomb/"), small, errors.TooLarge)
        _fails(faulty_site.url("/news/fifty-megabytes/"), small, errors.TooLarge)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8_000_000  # 1 MB limit + chunks, never the 50 MB or the 200 MB bomb


def test_robots_disallowing_the_news_path(wp_site: Site, options: FetchOptions) -> None:
    wp_site.robots = "User-agent: *\nDisallow: /news/\n"
    err = _fails(wp_site.url("/news/testshire-story-0001/"), options, errors.RobotsDisallowed)
    assert "robots.txt asks automated readers not to fetch" in str(err)
    assert wp_site.hits("/news/testshire-story-0001/") == []
    ignoring = FetchOptions(delay=0, obey_robots=False)
    assert fetch(wp_site.url("/news/testshire-story-0001/"), options=ignoring).status == 200


def test_robots_crawl_delay_spaces_requests(wp_site: Site, options: FetchOptions) -> None:
    import time

    wp_site.robots = "User-agent: *\nCrawl-delay: 0.4\n"
    with Fetcher(options) as fetcher:  # options.delay is 0: only the site's Crawl-delay spaces them
        started = time.monotonic()
        for n in (1, 2, 3):
            fetcher.fetch(wp_site.url(f"/news/testshire-story-{n:04d}/"))
        elapsed = time.monotonic() - started
    assert elapsed >= 0.8  # robots.txt, then three pages: at least two full Crawl-delays between pages


def test_robots_unreachable_means_nothing_is_fetched(wp_site: Site, loopsite: Any, options: FetchOptions) -> None:
    wp_site.routes["/robots.txt"] = lambda req: loopsite.send(req, 503, b"down")
    err = _fails(wp_site.url("/news/testshire-story-0001/"), options, errors.RobotsDisallowed)
    assert "robots.txt could not be read" in str(err)
    assert wp_site.hits("/news/testshire-story-0001/") == []


def test_robots_redirect_is_followed(wp_site: Site, loopsite: Any, options: FetchOptions) -> None:
    wp_site.routes["/robots.txt"] = loopsite.redirect("/real-robots.txt")
    wp_site.routes["/real-robots.txt"] = lambda req: loopsite.send(
        req, 200, b"User-agent: *\nDisallow: /news/", "text/plain"
    )
    _fails(wp_site.url("/news/testshire-story-0001/"), options, errors.RobotsDisallowed)
    wp_site.routes["/real-robots.txt"] = lambda req: loopsite.send(req, 404, b"none")
    assert fetch(wp_site.url("/news/testshire-story-0001/"), options=options).status == 200


def test_robots_is_read_once_per_site(wp_site: Site, fetcher: Fetcher) -> None:
    for n in (1, 2, 3):
        fetcher.fetch(wp_site.url(f"/news/testshire-story-{n:04d}/"))
    assert len(wp_site.hits("/robots.txt")) == 1


def test_bad_scheme_and_refused_connection(options: FetchOptions) -> None:
    _fails("javascript:alert(1)", options, errors.UnsupportedScheme)
    with socket_closed_port() as port:
        _fails(f"http://127.0.0.1:{port}/news/", options, errors.ConnectionFailed)


def test_accept_override_for_feeds(wp_site: Site, fetcher: Fetcher) -> None:
    url = wp_site.url("/feed/")
    with pytest.raises(errors.WrongContentType):
        fetcher.fetch(url)
    assert fetcher.fetch(url, accept=("application/rss+xml",)).status == 200


def test_politeness_delay_spaces_requests_to_one_host(
    wp_site: Site, aspnet: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The waits the fetcher asks for are recorded instead of slept, so nothing here is timed.
    import pressreader.web.fetcher as fetch_module

    waits: list[float] = []
    monkeypatch.setattr(fetch_module.time, "sleep", waits.append)
    with Fetcher(FetchOptions(delay=5.0, total_timeout=60)) as fetcher:
        for n in (1, 2):
            fetcher.fetch(wp_site.url(f"/news/testshire-story-{n:04d}/"))
        assert [round(w) for w in waits] == [5, 10]  # robots.txt, then one request per 5 s
        fetcher.fetch(aspnet.url("/robots.txt"), accept=("text/plain",))
        assert len(waits) == 3  # the other host's robots.txt went at once; its page waited its own turn
        assert round(waits[-1]) == 5
    assert fetcher.requests_made == 5


def test_fetcher_is_thread_safe_across_hosts(wp_site: Site, aspnet: Site, fetcher: Fetcher) -> None:
    urls = [wp_site.url(f"/news/testshire-story-{n:04d}/") for n in range(1, 6)]
    urls += [aspnet.url(e.path) for e in aspnet.entries[:5]]
    results: list[Response | errors.FetchError] = []
    lock = threading.Lock()

    def worker(u: str) -> None:
        r = fetcher.fetch(u)
        with lock:
            results.append(r)

    threads = [threading.Thread(target=worker, args=(u,)) for u in urls]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 10
    assert all(isinstance(r, Response) and r.status == 200 for r in results)
    assert dict(fetcher.map(urls[:3], workers=3)).keys() == set(urls[:3])


def test_injected_transport_is_used() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        body = gzip.compress(b"<html><body><h1>Mock</h1></body></html>")
        return httpx.Response(200, headers={"content-type": "text/html", "content-encoding": "gzip"}, content=body)

    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        response = fetch("https://pcc.example/news/a/", options=FetchOptions(delay=0), client=client)
    assert response.body == b"<html><body><h1>Mock</h1></body></html>"


def test_options_are_validated() -> None:
    with pytest.raises(errors.OptionsError):
        FetchOptions(retries=-1)
    with pytest.raises(errors.OptionsError):
        FetchOptions(max_bytes=0)
    with pytest.raises(errors.OptionsError):
        FetchOptions(read_timeout=0)


class socket_closed_port:
    """A local port nobody listens on."""

    def __enter__(self) -> int:
        import socket

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        return int(self.sock.getsockname()[1])

    def __exit__(self, *exc: object) -> None:
        self.sock.close()
