"""Screenshots kept as test artefacts in ``artifacts/screenshots/`` (git-ignored) for people to look at.

One article at each size, on a 1280 px desktop and a 320 px phone-width
viewport, and at the large size in each theme.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pressreader.models import Article
from pressreader.rendering import RenderOptions

SCREENSHOTS = Path(__file__).resolve().parents[3] / "artifacts" / "screenshots"
ARTICLE = "warwickshire-inspection-2018"


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("size", ["standard", "large", "largest"])
def test_screenshot_each_size(reader: Any, all_articles: dict[str, Article], size: str, width: int) -> None:
    page = reader.open(ARTICLE, all_articles[ARTICLE], RenderOptions(size=size), width=width, height=800)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{ARTICLE}-{size}-{width}px.png"
    page.screenshot(path=str(path))
    assert path.stat().st_size > 1000


@pytest.mark.parametrize("theme", ["default", "high-contrast", "dark", "cream"])
def test_screenshot_each_theme(reader: Any, all_articles: dict[str, Article], theme: str) -> None:
    name = "kent-election-2024"
    page = reader.open(name, all_articles[name], RenderOptions(size="large", theme=theme), width=1024, height=900)
    page.evaluate("document.querySelector('figure').scrollIntoView()")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}-large-{theme}.png"
    page.screenshot(path=str(path))
    assert path.stat().st_size > 1000
