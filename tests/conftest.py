"""Fixtures shared by every test folder."""

from __future__ import annotations

import pytest

from pressreader.models import Article

from tests.pages import expected_article, fixture_pages


@pytest.fixture(scope="session")
def fixture_articles() -> list[Article]:
    """The expected Articles of every golden page (for render and speech tests)."""
    return [expected_article(p) for p in fixture_pages()]

# tests/typing/ holds code for mypy to judge (deliberately wrong calls): never import it.
collect_ignore = ["typing"]
