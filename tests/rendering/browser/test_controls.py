"""The A A A text-size and theme buttons: keyboard, aria-pressed, real size changes, memory, JS off."""

from __future__ import annotations

from typing import Any

import pytest

from pressreader.models import Article
from pressreader.rendering import RenderOptions, render
from pressreader.rendering.options import NAMED_SIZES

BODY_SIZE = "parseFloat(getComputedStyle(document.querySelector('main article > p:not([class])')).fontSize)"
FOCUS_JS = """() => {
  const el = document.activeElement, s = getComputedStyle(el);
  const lum = (rgb) => {
    const [r, g, b] = rgb.map(c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const parse = (css) => css.match(/[\\d.]+/g).map(Number).slice(0, 3);
  const a = lum(parse(s.outlineColor)), b = lum(parse(getComputedStyle(document.body).backgroundColor));
  const r = el.getBoundingClientRect();
  return {tag: el.tagName, text: el.textContent.trim(), style: s.outlineStyle, width: parseFloat(s.outlineWidth),
          contrast: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05),
          onScreen: r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth};
}"""


@pytest.fixture
def warwickshire(all_articles: dict[str, Article]) -> tuple[str, Article]:
    return "warwickshire-inspection-2018", all_articles["warwickshire-inspection-2018"]


def focus_ok(page: Any) -> dict[str, Any]:
    focus: dict[str, Any] = page.evaluate(FOCUS_JS)
    assert focus["style"] != "none", focus
    assert focus["width"] >= 2, focus
    assert focus["contrast"] >= 3, focus
    assert focus["onScreen"], focus  # 2.4.11 focus not obscured
    return focus


@pytest.mark.parametrize("theme", ["default", "high-contrast", "dark", "cream"])
def test_text_size_buttons_work_from_the_keyboard(
    reader: Any, own_page: Any, warwickshire: tuple[str, Article], theme: str
) -> None:
    page = own_page
    page.goto(reader.file(*warwickshire, RenderOptions(theme=theme)).as_uri())
    standard = page.evaluate(BODY_SIZE)
    assert standard == pytest.approx(NAMED_SIZES["standard"] * 16, abs=0.01)
    page.keyboard.press("Tab")
    assert focus_ok(page)["text"] == "Skip to the article"
    expected = {"standard": "A Text size: standard", "large": "A Text size: large", "largest": "A Text size: largest"}
    for key, size in (("Tab", "standard"), ("Tab", "large"), ("Tab", "largest")):
        page.keyboard.press(key)
        assert " ".join(focus_ok(page)["text"].split()) == expected[size]
    page.keyboard.press("Shift+Tab")  # back to "large"
    page.keyboard.press("Enter")
    assert page.evaluate(BODY_SIZE) / standard == pytest.approx(
        NAMED_SIZES["large"] / NAMED_SIZES["standard"], rel=1e-3
    )
    assert page.get_attribute("button[data-size=large]", "aria-pressed") == "true"
    assert page.get_attribute("button[data-size=standard]", "aria-pressed") == "false"
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert page.evaluate(BODY_SIZE) / standard == pytest.approx(
        NAMED_SIZES["largest"] / NAMED_SIZES["standard"], rel=1e-3
    )
    assert page.get_attribute("button[data-size=largest]", "aria-pressed") == "true"
    focus_ok(page)
    # Remembered for the next page (applying it on load: test_saved_choices_apply_on_load).
    assert page.evaluate("localStorage.getItem('pressreader.size')") == "largest"
    assert page.get_attribute("button[data-size=largest]", "aria-pressed") == "true"


def test_theme_buttons_change_colours_and_are_remembered(
    reader: Any, own_page: Any, warwickshire: tuple[str, Article]
) -> None:
    page = own_page
    page.goto(reader.file(*warwickshire, RenderOptions()).as_uri())
    page.focus("button[data-theme=high-contrast]")
    page.keyboard.press("Enter")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"
    assert (
        page.evaluate("getComputedStyle(document.querySelector('main article > p:not([class])')).color")
        == "rgb(255, 255, 0)"
    )
    assert page.get_attribute("button[data-theme=high-contrast]", "aria-pressed") == "true"
    assert page.get_attribute("button[data-theme=default]", "aria-pressed") == "false"
    assert page.evaluate("localStorage.getItem('pressreader.theme')") == "high-contrast"


def test_saved_choices_apply_on_load(browser: Any, reader: Any, warwickshire: tuple[str, Article]) -> None:
    """A reader's remembered size and theme win over the page's rendered defaults.

    The choice is stored before the page loads (an init script) rather than by
    clicking and reloading: Chromium commits localStorage across processes
    asynchronously, so a reload within milliseconds of a click sometimes reads
    the old value, which no reader could do.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        context.add_init_script(
            "localStorage.setItem('pressreader.size', 'largest'); localStorage.setItem('pressreader.theme', 'dark');"
        )
        page = context.new_page()
        page.goto(reader.file(*warwickshire, RenderOptions(size="large", theme="cream")).as_uri())
        assert page.evaluate(BODY_SIZE) == pytest.approx(32, abs=0.01)
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(18, 18, 18)"
        pressed = page.eval_on_selector_all(
            "button[aria-pressed=true]", "bs => bs.map(b => b.dataset.size || b.dataset.theme)"
        )
        assert pressed == ["largest", "dark"]
    finally:
        context.close()


HEADLINE_TOP = "document.querySelector('h1').getBoundingClientRect().top"


@pytest.mark.parametrize("size", ["standard", "largest"])
def test_narrow_screens_fold_the_controls_behind_reading_options(
    reader: Any, own_page: Any, warwickshire: tuple[str, Article], size: str
) -> None:
    """At 320 px the headline is on the first screen; "Reading options" opens the controls from the keyboard."""
    page = own_page
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(reader.file(*warwickshire, RenderOptions(size=size)).as_uri())
    assert page.is_visible("#options-toggle")
    assert not page.is_visible("#controls")
    assert page.evaluate(HEADLINE_TOP) < 640 / 2  # the headline, not the buttons, fills the first screen
    assert page.get_attribute("#options-toggle", "aria-expanded") == "false"
    width, height = page.eval_on_selector("#options-toggle", "b => [b.offsetWidth, b.offsetHeight]")
    assert min(width, height) >= 44
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")
    assert " ".join(focus_ok(page)["text"].split()) == "Reading options"
    page.keyboard.press("Enter")
    assert page.get_attribute("#options-toggle", "aria-expanded") == "true"
    assert page.is_visible("#controls")
    page.keyboard.press("Tab")
    assert " ".join(focus_ok(page)["text"].split()) == "A Text size: standard"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # large
    assert page.get_attribute("button[data-size=large]", "aria-pressed") == "true"
    assert page.evaluate(BODY_SIZE) == pytest.approx(NAMED_SIZES["large"] * 16, abs=0.01)
    page.focus("#options-toggle")
    page.keyboard.press("Space")
    assert page.get_attribute("#options-toggle", "aria-expanded") == "false"
    assert not page.is_visible("#controls")
    assert page.evaluate(BODY_SIZE) == pytest.approx(NAMED_SIZES["large"] * 16, abs=0.01)  # the choice stays
    page.set_viewport_size({"width": 1280, "height": 800})  # a wide window: the controls show, no button
    page.wait_for_function("() => document.getElementById('options-toggle').hidden")
    assert page.is_visible("#controls")


def test_usable_without_javascript(browser: Any, reader: Any, all_articles: dict[str, Article]) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        for name, article in all_articles.items():
            for size, px in (("standard", 18.67), ("largest", 32), (2.5, 40)):
                path = reader.write(f"nojs-{name}.html", render(article, "html", options=RenderOptions(size=size)))
                page.goto(path.as_uri())
                assert not page.is_visible("#controls")  # no dead buttons without the script
                assert not page.is_visible("#options-toggle")
                assert page.evaluate(BODY_SIZE) == pytest.approx(px, abs=0.01)
                assert " ".join(page.inner_text("h1").split()) == " ".join(article.title.split())
                page.keyboard.press("Tab")
                assert page.evaluate("document.activeElement.className") == "skip"
                page.keyboard.press("Tab")
                assert page.evaluate("document.activeElement.tagName") != "BUTTON"
    finally:
        context.close()
