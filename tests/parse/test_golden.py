"""Every golden page parses to exactly its expected Article (STYLE habit 11).

Adding a regression case is adding ``tests/fixtures/pages/<site>/<slug>.html``
and the ``.json`` beside it; this test finds it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pressreader import parse_article

from tests.pages import expected_article, fixture_id, fixture_pages

PAGES = fixture_pages()


def test_corpus_is_large_enough() -> None:
    families = {p.parent.name for p in PAGES}
    assert len(PAGES) >= 18, "issue 2 asks for at least 15 PCC pages and 3 others"
    assert len(families) >= 8


@pytest.mark.parametrize("page", PAGES, ids=fixture_id)
def test_golden_page(page: Path) -> None:
    expected = expected_article(page)
    got = parse_article(page.read_bytes(), expected.url)
    want_d: dict[str, Any] = expected.to_dict()
    got_d: dict[str, Any] = got.to_dict()
    # Field by field first, so a failure names what is wrong.
    for key in ("title", "date", "updated", "canonical_url", "source", "language", "lead_image", "notes",
                "paragraph_languages"):
        assert got_d[key] == want_d[key], key
    assert got_d["body"] == want_d["body"]
    assert got_d["quotes"] == want_d["quotes"]
    assert got == expected


@pytest.mark.parametrize("page", PAGES, ids=fixture_id)
def test_text_input_gives_the_same_article(page: Path) -> None:
    """Decoded text and raw bytes of a UTF-8 page parse the same."""
    raw = page.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        pytest.skip("not a UTF-8 page")
    url = expected_article(page).url
    assert parse_article(text.lstrip("\ufeff"), url) == parse_article(raw, url)
