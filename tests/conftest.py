"""Fixtures shared by every test folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from pressreader.models import Article

from tests.pages import expected_article, fixture_pages


@pytest.fixture(scope="session")
def fixture_articles() -> list[Article]:
    """The expected Articles of every golden page (for render and speech tests)."""
    return [expected_article(p) for p in fixture_pages()]

#: The fixtures of tests/web/conftest.py that start a server on 127.0.0.1.
LOOPBACK_FIXTURES = frozenset({"loopsite", "fetcher", "wp_site", "faulty_site", "aspnet"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark ``network`` every test that talks HTTP to a loopback server (``-m "not network"`` skips them)."""
    web = Path(__file__).parent / "web"
    for item in items:
        in_web = web in Path(str(item.fspath)).parents
        if in_web or LOOPBACK_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.network)


# tests/typing/ holds code for mypy to judge (deliberately wrong calls): never import it.
collect_ignore = ["typing"]
