"""discover(): WordPress API, then feed, then HTML listings, against loopback sites."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from pressreader import errors
from pressreader.sites import DEFAULT_REGISTRY
from pressreader.sites import Site as RegistrySite
from pressreader.web import Fetcher
from pressreader.web.discovery import ArticleLink, discover, parse_feed, resolve_site

Site = Any


def _urls(links: list[ArticleLink]) -> list[str]:
    return [link.url for link in links]


def test_wordpress_api_first(wp_site: Site, fetcher: Fetcher) -> None:
    links = list(discover(wp_site.url("/news/"), fetcher=fetcher))
    assert _urls(links) == [wp_site.url(e.path) for e in wp_site.entries]  # newest first, every one
    assert {link.source for link in links} == {"wp-api"}
    first = links[0]
    assert first.title == "Testshire story 10"
    assert first.date == datetime.date(2024, 5, 31)
    assert first.modified
    assert first.content
    assert wp_site.hits("/news/page/2/") == []


def test_wordpress_api_paginates(loopsite: Any, fetcher: Fetcher) -> None:
    site = loopsite.wordpress_site(loopsite.good_entries(230), per_page=10).start()
    try:
        links = list(discover(site.url("/news/"), fetcher=fetcher))
    finally:
        site.stop()
    assert len(links) == 230
    assert len(set(_urls(links))) == 230
    api_calls = [row[0] for row in site.log if row[0].startswith("/wp-json/")]
    assert len(api_calls) == 3  # 100 + 100 + 30, stopping at X-WP-TotalPages


def test_since_and_limit(wp_site: Site, fetcher: Fetcher) -> None:
    since = datetime.date(2024, 5, 28)
    links = list(discover(wp_site.url("/news/"), since=since, fetcher=fetcher))
    assert [link.date for link in links] == [datetime.date(2024, 5, d) for d in (31, 30, 29, 28)]
    assert len(list(discover(wp_site.url("/news/"), limit=3, fetcher=fetcher))) == 3


def test_feed_when_no_api(loopsite: Any, fetcher: Fetcher) -> None:
    site = loopsite.wordpress_site(loopsite.good_entries(12), per_page=4, api=False, feed_size=5).start()
    try:
        recent = list(discover(site.url("/news/"), since=datetime.date(2024, 5, 27), fetcher=fetcher))
        assert {link.source for link in recent} == {"feed"}
        assert [link.date.day for link in recent if link.date] == [31, 30, 29, 28, 27]
        assert site.hits("/news/page/2/") == []
        every = list(discover(site.url("/news/"), fetcher=fetcher))
    finally:
        site.stop()
    # The feed's pages (?paged=N) give all 12: nothing is missed and nothing repeated.
    assert _urls(every) == [site.url(e.path) for e in site.entries]


def test_feed_then_listing_for_older_articles(loopsite: Any, fetcher: Fetcher) -> None:
    site = loopsite.wordpress_site(loopsite.good_entries(11), per_page=4, api=False, feed_size=5).start()
    del site.routes["/feed/"]
    site.routes["/feed/"] = lambda req: (
        loopsite._wp_feed(req, site, 5) if "paged" not in req.path else (loopsite.send(req, 404, b"no"))
    )
    try:
        links = list(discover(site.url("/news/"), fetcher=fetcher))
    finally:
        site.stop()
    assert _urls(links) == [site.url(e.path) for e in site.entries]
    assert [link.source for link in links] == ["feed"] * 5 + ["listing"] * 6


def test_html_listing_with_pagination(loopsite: Any, fetcher: Fetcher) -> None:
    site = loopsite.wordpress_site(loopsite.good_entries(10), per_page=4, api=False, feed=False).start()
    try:
        links = list(discover(site.url("/news/"), fetcher=fetcher))
    finally:
        site.stop()
    assert _urls(links) == [site.url(e.path) for e in site.entries]  # 3 pages: 4 + 4 + 2
    assert {link.source for link in links} == {"listing"}
    assert links[0].title == "Testshire story 10"
    assert links[0].date == datetime.date(2024, 5, 31)
    for path in ("/news/page/2/", "/news/page/3/"):
        assert len(site.hits(path)) == 1
    for never in ("/about/", "/contact/", "/tag/policing/", "/category/news/", "/author/jane/", "/privacy/"):
        assert site.url(never) not in _urls(links)


def test_aspnet_listing_only(aspnet: Site, fetcher: Fetcher) -> None:
    start = aspnet.url("/News-and-Events/Latest-News.aspx")
    links = list(discover(start, fetcher=fetcher))
    assert _urls(links) == [aspnet.url(e.path) for e in aspnet.entries]  # 4 + 4 + 1 over 3 pages
    assert links[0].date == datetime.date(2021, 5, 8)
    assert links[0].title == "Commissioner announces funding round 900"
    assert all(".aspx" in u and "Archived-News" in u for u in _urls(links))
    assert len(aspnet.hits("/News-and-Events/Latest-News.aspx?page=3")) == 1


def test_aspnet_since_stops_paging(aspnet: Site, fetcher: Fetcher) -> None:
    start = aspnet.url("/News-and-Events/Latest-News.aspx")
    links = list(discover(start, since=datetime.date(2021, 5, 1), fetcher=fetcher))
    assert [link.date for link in links] == [datetime.date(2021, 5, d) for d in (8, 5, 2)]
    assert aspnet.hits("/News-and-Events/Latest-News.aspx?page=2") == []


def test_firewall_is_reported_not_empty(faulty_site: Site, loopsite: Any, fetcher: Fetcher) -> None:
    faulty_site.routes["/wp-json/wp/v2/posts"] = loopsite.firewall
    faulty_site.routes["/feed/"] = loopsite.firewall
    faulty_site.routes["/news/"] = loopsite.firewall
    with pytest.raises(errors.BlockedByFirewall, match="refused an automated reader"):
        list(discover(faulty_site.url("/news/"), fetcher=fetcher))


def test_robots_disallowing_listing(wp_site: Site, fetcher: Fetcher) -> None:
    wp_site.robots = "User-agent: *\nDisallow: /\n"
    with pytest.raises(errors.RobotsDisallowed):
        list(discover(wp_site.url("/news/"), fetcher=fetcher))


def test_resolve_site_by_name_and_errors() -> None:
    site, start = resolve_site("kent")
    assert site is not None
    assert site.key == "kent"
    assert start.startswith("https://www.kent-pcc.gov.uk")
    mine = DEFAULT_REGISTRY.with_sites(
        RegistrySite("testshire", "Testshire PCC", "Testshire", "testshire.example", news_url="http://x.example/n/")
    )
    assert resolve_site("testshire", mine)[1] == "http://x.example/n/"
    with pytest.raises(errors.SiteError, match="unknown site"):
        resolve_site("atlantis")


def test_feed_parser_is_safe() -> None:
    billion_laughs = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY ext SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><item><title>&c;&ext;</title><link>https://p.example/news/x/</link></item></channel></rss>"""
    links = parse_feed(billion_laughs, "https://p.example/feed/")
    assert len(links) == 1
    assert len(links[0].title or "") < 1000
    assert "root:" not in (links[0].title or "")


def test_atom_feed() -> None:
    atom = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<entry><title>Funding</title><link rel="alternate" href="/news/funding/"/>
<updated>2024-05-07T10:00:00Z</updated></entry></feed>"""
    (link,) = parse_feed(atom, "https://p.example/feed/")
    assert (link.url, link.title, link.date, link.modified) == (
        "https://p.example/news/funding/",
        "Funding",
        datetime.date(2024, 5, 7),
        "2024-05-07T10:00:00Z",
    )
