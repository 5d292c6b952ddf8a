"""What a screen reader is given (Chromium's accessibility tree), links, buttons and contrast."""

from __future__ import annotations

import itertools
import re
from typing import Any

import pytest

from pressreader.models import Article
from pressreader.rendering import RenderOptions
from pressreader.rendering._layout import blocks, long_date

THEMES = ("default", "high-contrast", "dark", "cream")
VAGUE_LINKS = re.compile(r"^\s*(click here|here|read more|more|link|this|continue reading)\W*$", re.I)


def squash(text: str) -> str:
    return " ".join(text.split())


class Tree:
    def __init__(self, nodes: list[dict[str, Any]]) -> None:
        self.nodes = [n for n in nodes if not n.get("ignored")]
        self.by_id = {n["nodeId"]: n for n in nodes}

    @staticmethod
    def role(node: dict[str, Any]) -> str:
        return str(node.get("role", {}).get("value", ""))

    @staticmethod
    def name(node: dict[str, Any]) -> str:
        return squash(str(node.get("name", {}).get("value", "")))

    @staticmethod
    def prop(node: dict[str, Any], key: str) -> Any:
        return next((p["value"].get("value") for p in node.get("properties", []) if p["name"] == key), None)

    def with_role(self, role: str) -> list[dict[str, Any]]:
        return [n for n in self.nodes if self.role(n) == role]

    def text(self, node: dict[str, Any]) -> str:
        if self.role(node) == "StaticText":
            return self.name(node)
        return squash(" ".join(self.text(self.by_id[c]) for c in node.get("childIds", []) if c in self.by_id))


def test_accessibility_tree(reader: Any, article_case: tuple[str, Article]) -> None:
    name, article = article_case
    reader.open(name, article, RenderOptions())
    tree = Tree(reader.ax_tree())
    headings = tree.with_role("heading")
    levels = [int(tree.prop(h, "level")) for h in headings]
    assert levels.count(1) == 1
    (h1,) = [h for h in headings if tree.prop(h, "level") == 1]
    assert tree.name(h1) == squash(article.title)
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels
    if article.date is not None:
        assert long_date(article.date) in [tree.text(t) for t in tree.with_role("time")]
    figures = [tree.name(f) for f in tree.with_role("figure")]
    quoted = [b for b in blocks(article) if b.quotes]
    assert len(figures) == len(quoted) == len(tree.with_role("blockquote"))
    for figure, block in zip(figures, quoted, strict=True):
        for quote in block.quotes:
            assert squash(quote.speaker or quote.role or "an unnamed speaker") in figure
    landmarks = {tree.role(n) for n in tree.nodes}
    assert {"banner", "main", "contentinfo", "article"} <= landmarks


def test_links_and_buttons(reader: Any, article_case: tuple[str, Article]) -> None:
    name, article = article_case
    page = reader.open(name, article, RenderOptions())
    tree = Tree(reader.ax_tree())
    for link in tree.with_role("link"):
        assert tree.name(link)
        assert not VAGUE_LINKS.match(tree.name(link)), tree.name(link)
    buttons = tree.with_role("button")
    assert [tree.name(b) for b in buttons] == [
        "Text size: standard",
        "Text size: large",
        "Text size: largest",
        "Theme: default",
        "Theme: high contrast",
        "Theme: dark",
        "Theme: cream",
    ]
    assert all(tree.prop(b, "pressed") in ("true", "false") for b in buttons)
    # Every button in the tree is a real <button>; nothing else pretends to be one.
    # (the "Reading options" button of narrow screens is hidden at this width, out of the tree)
    assert page.evaluate("document.querySelectorAll('button:not([hidden])').length") == len(buttons)
    assert (
        page.evaluate("document.querySelectorAll('[role=button], [onclick], span[tabindex], div[tabindex]').length")
        == 0
    )
    sizes = page.evaluate(
        "[...document.querySelectorAll('button:not([hidden])')].map(b => b.getBoundingClientRect())"
        ".map(r => [r.width, r.height])"
    )
    assert all(w >= 44 and h >= 44 for w, h in sizes), sizes


CONTRAST_JS = """() => {
  const lum = (rgb) => {
    const [r, g, b] = rgb.map(c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const parse = (css) => css.match(/[\\d.]+/g).map(Number);
  const background = (el) => {
    for (; el; el = el.parentElement) {
      const c = parse(getComputedStyle(el).backgroundColor);
      if (c.length < 4 || c[3] > 0) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const out = [];
  const els = document.querySelectorAll('h1, h2, p, figcaption, a, time, button, li, .control-label');
  for (const el of els) {
    if (el.closest('[hidden], .vh') || !el.textContent.trim() || el.matches('.skip:not(:focus)')) continue;
    const fg = parse(getComputedStyle(el).color).slice(0, 3), bg = background(el);
    const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
    out.push([el.tagName + ' ' + el.textContent.trim().slice(0, 30), (hi + 0.05) / (lo + 0.05)]);
  }
  return out;
}"""


@pytest.mark.parametrize("theme", THEMES)
def test_rendered_contrast_is_at_least_7_to_1(reader: Any, all_articles: dict[str, Article], theme: str) -> None:
    for name, article in all_articles.items():
        page = reader.open(name, article, RenderOptions(theme=theme))
        ratios = page.evaluate(CONTRAST_JS)
        assert ratios, name
        low = [(text, round(ratio, 2)) for text, ratio in ratios if ratio < 7]
        assert low == [], f"{name} in {theme}: {low}"


def test_no_requests_leave_the_page(reader: Any, all_articles: dict[str, Article]) -> None:
    reader.requests.clear()
    for name, article in all_articles.items():
        reader.open(name, article, RenderOptions(size="large"))
    assert reader.requests
    assert [u for u in reader.requests if not u.startswith(("file:", "data:"))] == []


def test_print_stylesheet_prints_large(reader: Any, all_articles: dict[str, Article]) -> None:
    name, article = next(iter(all_articles.items()))
    page = reader.open(name, article, RenderOptions())
    page.emulate_media(media="print")
    try:
        size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)")
        assert size >= 24  # 18 pt
        assert not page.is_visible("#controls")
        assert page.evaluate("getComputedStyle(document.body).color") == "rgb(0, 0, 0)"
    finally:
        page.emulate_media(media="screen")


def test_reduced_motion_turns_smooth_scrolling_off(reader: Any, all_articles: dict[str, Article]) -> None:
    name, article = next(iter(all_articles.items()))
    page = reader.open(name, article, RenderOptions())
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "smooth"
    page.emulate_media(reduced_motion="reduce")
    try:
        assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"
    finally:
        page.emulate_media(reduced_motion="no-preference")
