"""Real headless Chromium for the reader-view tests (marker ``browser``).

Debian's ``/usr/bin/chromium`` (``apt-get install chromium``), driven by
Playwright for Python with ``executable_path``: no browser is downloaded.
axe-core comes from the ``axe-playwright-python`` wheel, which ships
``axe.min.js`` (we only read that file; its Python wrapper is not used).
Set ``PRESSREADER_CHROMIUM`` to use another Chromium binary.

One browser, one context and one page serve the whole session; pages are
opened from ``file://`` URLs with their Content-Security-Policy in force, as
a reader opening a saved page would.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pressreader.models import Article
from pressreader.rendering import RenderOptions, render

CHROMIUM = os.environ.get("PRESSREADER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SIZES = ("standard", "large", "largest")
THEMES = ("default", "high-contrast", "dark", "cream")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
ROOT = Path(__file__).resolve().parents[3]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"

# WCAG 1.4.12 text-spacing overrides (the W3C "text spacing" bookmarklet), as a
# constructed style sheet: allowed under the page's Content-Security-Policy.
TEXT_SPACING_JS = """() => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
                         word-spacing: 0.16em !important; }
                     p { margin-bottom: 2em !important; }`);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}"""

# Every visible text block and control: clipped (content wider or taller than
# its box), outside the viewport horizontally, or overlapping another one.
LAYOUT_PROBLEMS_JS = """() => {
  const problems = [];
  const root = document.scrollingElement;
  if (root.scrollWidth > root.clientWidth + 1) {
    problems.push(`page scrolls sideways: ${root.scrollWidth} > ${root.clientWidth}`);
  }
  const shown = (el) => {
    if (el.closest('[hidden], .vh, .skip')) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const name = (el) => `${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 40)}"`;
  const boxes = [...document.querySelectorAll(
    'h1, h2, p, figcaption, button, li, .control-label, blockquote')].filter(shown);
  for (const el of boxes) {
    if (el.scrollWidth > el.clientWidth + 1) problems.push(`clipped across: ${name(el)}`);
    if (el.scrollHeight > el.clientHeight + 1) problems.push(`clipped down: ${name(el)}`);
    const r = el.getBoundingClientRect();
    if (r.left < -1 || r.right > root.clientWidth + 1) problems.push(`off screen: ${name(el)}`);
  }
  const leaves = [...document.querySelectorAll('h1, h2, p, figcaption, button, .control-label')].filter(shown);
  for (let i = 0; i < leaves.length; i++) {
    for (let j = i + 1; j < leaves.length; j++) {
      const a = leaves[i], b = leaves[j];
      if (a.contains(b) || b.contains(a)) continue;
      const p = a.getBoundingClientRect(), q = b.getBoundingClientRect();
      const x = Math.min(p.right, q.right) - Math.max(p.left, q.left);
      const y = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
      if (x > 1 && y > 1) problems.push(`overlap: ${name(a)} and ${name(b)}`);
    }
  }
  return problems;
}"""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def axe_source() -> str:
    try:
        from axe_playwright_python.base import AXE_FILE_PATH  # type: ignore[import-untyped]
    except ImportError:
        pytest.fail("axe-core is missing: pip install axe-playwright-python (it ships axe.min.js)")
    return Path(AXE_FILE_PATH).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright is missing: pip install playwright (no browser download is needed)")
    if shutil.which(CHROMIUM) is None:
        pytest.fail(f"no Chromium at {CHROMIUM}: apt-get install chromium (or set PRESSREADER_CHROMIUM)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


class Reader:
    """One page in one context, reused: opens rendered articles from disk and inspects them."""

    def __init__(self, page: Any, folder: Path, axe_source: str) -> None:
        self.page = page
        self.folder = folder
        self.axe_source = axe_source
        self.requests: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        self._written: dict[tuple[str, RenderOptions], Path] = {}

    def write(self, name: str, html: str) -> Path:
        path = self.folder / name
        path.write_text(html, encoding="utf-8")
        return path

    def file(self, name: str, article: Article, options: RenderOptions) -> Path:
        """The article rendered with ``options``, written once to a file."""
        key = (name, options)
        if key not in self._written:
            html = render(article, "html", options=options)
            self._written[key] = self.write(f"{name}-{len(self._written)}.html", html)
        return self._written[key]

    def open(self, name: str, article: Article, options: RenderOptions, *, width: int = 1280, height: int = 800) -> Any:
        return self.goto(self.file(name, article, options), width=width, height=height)

    def goto(self, path: Path, *, width: int = 1280, height: int = 800) -> Any:
        self.page.set_viewport_size({"width": width, "height": height})
        self.page.goto(path.as_uri())
        return self.page

    def axe(self) -> dict[str, Any]:
        if not self.page.evaluate("typeof window.axe === 'object'"):
            self.page.evaluate(self.axe_source)
        result: dict[str, Any] = self.page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            AXE_TAGS,
        )
        return result

    def layout_problems(self) -> list[str]:
        problems: list[str] = self.page.evaluate(LAYOUT_PROBLEMS_JS)
        return problems

    def apply_text_spacing(self) -> None:
        self.page.evaluate(TEXT_SPACING_JS)

    def ax_tree(self) -> list[dict[str, Any]]:
        session = self.page.context.new_cdp_session(self.page)
        try:
            nodes: list[dict[str, Any]] = session.send("Accessibility.getFullAXTree")["nodes"]
        finally:
            session.detach()
        return nodes


@pytest.fixture(scope="session")
def reader(browser: Any, tmp_path_factory: pytest.TempPathFactory, axe_source: str) -> Iterator[Reader]:
    context = browser.new_context(
        viewport={"width": 1280, "height": 800}, color_scheme="light", reduced_motion="no-preference"
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    yield Reader(page, tmp_path_factory.mktemp("reader"), axe_source)
    context.close()
    assert not errors, f"the page reported errors: {errors}"


@pytest.fixture
def own_page(browser: Any) -> Iterator[Any]:
    """A page in a context of its own, so remembered choices (localStorage) start empty and stay here."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme="light")
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not errors, f"the page reported errors: {errors}"
