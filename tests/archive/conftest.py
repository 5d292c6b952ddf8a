"""The loopback-server fixtures of ``tests/web/conftest.py``, for the tests here that crawl."""

from __future__ import annotations

from tests.web.conftest import aspnet, faulty_site, fetcher, loopsite, options, wp_site

__all__ = ["aspnet", "faulty_site", "fetcher", "loopsite", "options", "wp_site"]
