"""Where the golden fixture pages are, and how to load them (shared by all test folders)."""

from __future__ import annotations

import json
from pathlib import Path

from pressreader.models import Article

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = FIXTURES / "pages"


def fixture_pages() -> list[Path]:
    """Every golden page (``<site>/<slug>.html`` with a ``.json`` beside it), sorted."""
    return sorted(p for p in PAGES.glob("*/*.html") if p.with_suffix(".json").exists())


def fixture_id(path: Path) -> str:
    """A readable test id: ``site/slug``."""
    return f"{path.parent.name}/{path.stem}"


def expected_article(path: Path) -> Article:
    """The expected Article of a golden page."""
    return Article.from_dict(json.loads(path.with_suffix(".json").read_text("utf-8")))


#: The bilingual release: English, then the same in Welsh (paragraphs 6-12 are Welsh).
BILINGUAL = PAGES / "north-wales" / "commissioner-funds-drones-for-rural-crime-team.html"
