"""axe-core finds no WCAG 2.2 A/AA violation on any fixture article, at any size, in any theme."""

from __future__ import annotations

from typing import Any

import pytest

from pressreader.models import Article
from pressreader.rendering import RenderOptions, render_index

SIZES = ("standard", "large", "largest")
THEMES = ("default", "high-contrast", "dark", "cream")


def describe(violations: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}" for v in violations
    )


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES)
def test_axe_finds_no_violations(reader: Any, article_case: tuple[str, Article], size: str, theme: str) -> None:
    name, article = article_case
    page = reader.open(name, article, RenderOptions(size=size, theme=theme))
    assert page.evaluate("document.documentElement.dataset.size") == size
    result = reader.axe()
    assert result["violations"] == [], describe(result["violations"])
    assert result["incomplete"] == [], describe(result["incomplete"])  # nothing axe could not decide
    assert len(result["passes"]) + len(result["inapplicable"]) > 50  # the rules really ran


@pytest.mark.parametrize("theme", THEMES)
def test_axe_on_the_index_page(reader: Any, all_articles: dict[str, Article], theme: str) -> None:
    options = RenderOptions(size="large", theme=theme)
    reader.goto(reader.write(f"index-{theme}.html", render_index(all_articles.values(), options)))
    result = reader.axe()
    assert result["violations"] == [], describe(result["violations"])


def test_axe_with_dark_system_preference(reader: Any, all_articles: dict[str, Article]) -> None:
    name, article = next(iter(all_articles.items()))
    reader.page.emulate_media(color_scheme="dark")
    try:
        page = reader.open(name, article, RenderOptions())
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(18, 18, 18)"
        result = reader.axe()
        assert result["violations"] == [], describe(result["violations"])
    finally:
        reader.page.emulate_media(color_scheme="light")


@pytest.mark.parametrize("theme", THEMES)
def test_axe_on_a_phone_with_the_reading_options_folded_and_open(
    reader: Any, all_articles: dict[str, Article], theme: str
) -> None:
    name, article = next(iter(all_articles.items()))
    page = reader.open(name, article, RenderOptions(size="largest", theme=theme), width=320, height=640)
    assert page.is_visible("#options-toggle")
    for state in ("folded", "open"):
        result = reader.axe()
        assert result["violations"] == [], f"{state}: {describe(result['violations'])}"
        assert result["incomplete"] == [], f"{state}: {describe(result['incomplete'])}"
        page.click("#options-toggle")
