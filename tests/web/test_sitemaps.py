"""Sitemaps: parsing (indexes, news, gzip, hostile documents) and discovery of the back catalogue."""

from __future__ import annotations

import gzip
from typing import Any

import pytest

from pressreader.web import Fetcher, discover
from pressreader.web.sitemaps import MAX_SITEMAP_BYTES, SitemapError, parse_sitemap

Site = Any


def _urlset(rows: str) -> bytes:
    return f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}</urlset>'.encode()


def test_plain_gzip_and_index_sitemaps() -> None:
    plain = _urlset("<url><loc>https://p.example/a/</loc><lastmod>2015-03-02</lastmod></url><url><loc> </loc></url>")
    found = parse_sitemap(plain, "https://p.example/sitemap.xml")
    assert [(e.url, e.date, e.news, e.modified) for e in found.entries] == [
        ("https://p.example/a/", __import__("datetime").date(2015, 3, 2), False, "2015-03-02")
    ]
    assert parse_sitemap(gzip.compress(plain), "https://p.example/s.xml.gz").entries == found.entries
    index = b"<sitemapindex><sitemap><loc>https://p.example/post-sitemap.xml</loc></sitemap>"
    index += b"<sitemap><loc>javascript:alert(1)</loc></sitemap></sitemapindex>"
    assert parse_sitemap(index, "https://p.example/").children == ["https://p.example/post-sitemap.xml"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "not a sitemap"),
        (b"<html><body>404</body></html>", "root element is <html>"),
        (b"\x1f\x8b\x08\x00garbage", "corrupt"),
        (gzip.compress(b" " * (MAX_SITEMAP_BYTES + 10)), "larger than"),
        (b"<?xml version='1.0'?><!DOCTYPE u [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><urlset><url><loc>&e;</loc>"
         b"</url></urlset>", None),
    ],
)  # fmt: skip
def test_hostile_sitemaps_are_refused_or_harmless(body: bytes, message: str | None) -> None:
    if message is None:
        found = parse_sitemap(body, "https://p.example/sitemap.xml")
        assert all("root:" not in e.url for e in found.entries)  # the entity was never expanded
        return
    with pytest.raises(SitemapError, match=message):
        parse_sitemap(body, "https://p.example/sitemap.xml")


def test_full_discovery_reads_sitemaps_for_releases_no_listing_shows(loopsite: Any, fetcher: Fetcher) -> None:
    old = loopsite.aspnet_entries(12)[9:]  # three older releases, absent from the listings
    site = loopsite.add_sitemaps(loopsite.aspnet_site(loopsite.aspnet_entries(9)), old, style="aspnet").start()
    try:
        start = site.url("/News-and-Events/Latest-News.aspx")
        links = list(discover(start, fetcher=fetcher))
        assert {link.url for link in links} == site.good_urls | {site.url(e.path) for e in old}
        from_sitemap = [link for link in links if link.source == "sitemap"]
        assert [link.url for link in from_sitemap] == [site.url(e.path) for e in old]  # newest first
        assert [link.date for link in from_sitemap] == [e.date for e in old]  # from the news sitemap
        assert site.hits("/wp-sitemap-posts-page-1.xml") == []  # pages and users hold no releases
        assert site.hits("/wp-sitemap-users-1.xml") == []
        site.clear_log()
        assert {link.url for link in discover(start, fetcher=fetcher, sitemaps=False)} == site.good_urls
        assert site.hits("/wp-sitemap.xml") == []
        import datetime

        recent = list(discover(start, fetcher=fetcher, since=datetime.date(2021, 4, 1)))
        assert all(link.source == "listing" for link in recent)
    finally:
        site.stop()


def test_sitemap_found_at_the_usual_address_when_robots_names_none(loopsite: Any, fetcher: Fetcher) -> None:
    old = loopsite.good_entries(14)[10:]
    site = loopsite.add_sitemaps(
        loopsite.wordpress_site(loopsite.good_entries(10), api=False, feed=False), old, named=False
    ).start()
    try:
        links = list(discover(site.url("/news/"), fetcher=fetcher))
        assert {link.url for link in links} == site.good_urls | {site.url(e.path) for e in old}
        assert site.hits("/sitemap_index.xml") == []  # /sitemap.xml answered: no more guessing
    finally:
        site.stop()
