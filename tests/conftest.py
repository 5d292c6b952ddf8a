"""Fixtures shared by every test folder."""

from __future__ import annotations

import pytest
from tests.pages import expected_article, fixture_pages

from pressreader.models import Article


@pytest.fixture(scope="session")
def fixture_articles() -> list[Article]:
    """The expected Articles of every golden page (for render and speech tests)."""
    return [expected_article(p) for p in fixture_pages()]
