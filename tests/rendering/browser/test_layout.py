"""Reflow, zoom and text spacing (WCAG 1.4.4, 1.4.10, 1.4.12): nothing clipped, overlapping or scrolling sideways.

Zoom is emulated as browsers do it: a 1280 × 800 window at 200 % is a
640 × 400 CSS px viewport, at 400 % 320 × 200 (WCAG's 320 px reflow width).
"""

from __future__ import annotations

from typing import Any

import pytest

from pressreader.models import Article
from pressreader.rendering import RenderOptions

SIZES = ("standard", "large", "largest")
VIEWPORTS = {"320px": (320, 640), "zoom-200": (640, 400), "zoom-400": (320, 200)}


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("size", SIZES)
def test_reflow_and_zoom(reader: Any, article_case: tuple[str, Article], size: str, viewport: str) -> None:
    name, article = article_case
    width, height = VIEWPORTS[viewport]
    page = reader.open(name, article, RenderOptions(size=size), width=width, height=height)
    assert reader.layout_problems() == []
    if page.is_visible("#options-toggle"):  # narrow: the controls are folded; open them and look again
        page.click("#options-toggle")
        assert page.is_visible("#controls")
        assert reader.layout_problems() == []


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("size", SIZES)
def test_text_spacing_overrides_lose_nothing(
    reader: Any, article_case: tuple[str, Article], size: str, width: int
) -> None:
    name, article = article_case
    page = reader.open(name, article, RenderOptions(size=size), width=width)
    if page.is_visible("#options-toggle"):
        page.click("#options-toggle")  # check the controls too, not only the article
    reader.apply_text_spacing()
    assert page.evaluate("getComputedStyle(document.querySelector('main p')).letterSpacing").endswith("px")
    assert reader.layout_problems() == []


def test_largest_numeric_size_still_reflows(reader: Any, all_articles: dict[str, Article]) -> None:
    for name, article in all_articles.items():
        reader.open(name, article, RenderOptions(size=4.0), width=320, height=256)
        assert reader.layout_problems() == [], name


def test_line_length_and_spacing_as_rendered(reader: Any, all_articles: dict[str, Article]) -> None:
    """At most about 70 characters a line, line height 1.5, paragraph gap 1.5 × line height, left-aligned."""
    for name, article in all_articles.items():
        page = reader.open(name, article, RenderOptions(), width=1600)
        facts = page.evaluate("""() => {
          const ps = [...document.querySelectorAll('main article > p:not([class])')];
          const longest = Math.max(...ps.map(p => {
            const range = document.createRange(); range.selectNodeContents(p);
            const lines = new Map();
            for (const r of range.getClientRects()) lines.set(Math.round(r.top), r);
            // characters per line: text length / number of lines, and the widest line vs "0" width
            return p.textContent.length / Math.max(1, [...new Set([...range.getClientRects()].map(
              r => Math.round(r.top)))].length);
          }));
          const p = ps[0], s = getComputedStyle(p);
          return {longest, fontSize: parseFloat(s.fontSize), lineHeight: parseFloat(s.lineHeight),
                  gap: parseFloat(s.marginBottom), align: s.textAlign, weight: s.fontStyle};
        }""")
        assert facts["longest"] <= 80, name
        assert facts["lineHeight"] >= 1.5 * facts["fontSize"] - 0.01
        assert facts["gap"] >= 1.5 * facts["lineHeight"] - 0.01
        assert facts["align"] in ("left", "start")


def test_the_layout_check_catches_broken_pages(reader: Any, all_articles: dict[str, Article]) -> None:
    """The checker itself: a page made to clip, overflow and overlap is reported, so a pass means something."""
    name, article = next(iter(all_articles.items()))
    page = reader.open(name, article, RenderOptions(), width=320)
    page.evaluate("""() => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(`main p { white-space: nowrap; }
                         button { height: 10px !important; min-height: 0 !important; overflow: hidden; }
                         h1 { margin-bottom: -3em !important; }
                         header p { width: 900px; }`);
      document.adoptedStyleSheets = [sheet];
    }""")
    problems = " | ".join(reader.layout_problems())
    for kind in ("page scrolls sideways", "clipped across", "clipped down", "off screen", "overlap"):
        assert kind in problems
