"""The read-along page in real headless Chromium: highlights at given times, axe-core, keyboard, no autoplay.

The page and its MP3 are written by :func:`pressreader.publish.readalong.write_read_along` and opened
from ``file://`` with the page's Content-Security-Policy in force. The test controls the media clock
by setting the audio's ``currentTime`` and waiting for ``seeked``. Screenshots of two moments go to
``artifacts/screenshots/read-along-*.png``. Needs espeak-ng and lameenc as well as Chromium.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pressreader.models import Article
from pressreader.publish.readalong import write_read_along
from pressreader.speech.espeak import TimedSpan

from tests.pages import expected_article, fixture_pages
from tests.rendering.browser.conftest import AXE_TAGS, SCREENSHOTS

pytestmark = pytest.mark.speech

SEEK_JS = """t => new Promise(resolve => {
  const audio = document.getElementById('ra-audio');
  audio.addEventListener('seeked', () => resolve(), {once: true});
  audio.currentTime = t;
})"""
AT_JS = "t => Math.abs(document.getElementById('ra-audio').currentTime - t) < 0.001"
STATE_JS = """() => {
  const words = [...document.querySelectorAll('.ra-word-now')], sentences = [...document.querySelectorAll('.ra-now')];
  return {words: words.map(e => [e.id, e.textContent]), sentences: sentences.map(e => e.id),
          paused: document.getElementById('ra-audio').paused, time: document.getElementById('ra-audio').currentTime};
}"""


def _article() -> Article:
    return next(expected_article(p) for p in fixture_pages() if p.parent.name == "essex")


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_read_along(_article(), tmp_path_factory.mktemp("read-along"))


@pytest.fixture
def page(browser: Any, page_file: Path) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme="light")
    tab = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    tab.on("request", lambda request: requests.append(request.url))
    tab.goto(page_file.as_uri())
    tab.wait_for_function("() => document.getElementById('ra-audio').readyState >= 1")
    yield tab
    context.close()
    assert not errors, f"the page reported errors: {errors}"
    assert all(url.startswith("file://") for url in requests), requests


def _data(tab: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(tab.evaluate("document.getElementById('ra-timing').textContent"))
    return data


def _words(data: dict[str, Any]) -> list[tuple[TimedSpan, str, str | None]]:
    """Each word of the page as (word, id, its sentence's id), from the embedded timing data."""
    return [(TimedSpan(0, 0, "", w[0], w[1]), w[2], data["s"][w[3]][2]) for w in data["w"]]


def test_never_plays_on_its_own(page: Any) -> None:
    page.wait_for_timeout(500)
    state = page.evaluate(STATE_JS)
    assert state["paused"]
    assert state["time"] == 0
    assert page.evaluate("document.getElementById('ra-audio').autoplay") is False
    assert page.evaluate("document.getElementById('player').hidden") is False


def test_the_highlighted_word_follows_the_media_clock(page: Any) -> None:
    data = _data(page)
    words = _words(data)
    assert len(words) > 100
    chosen = words[:: max(1, len(words) // 12)]
    for word, ident, sentence in chosen:
        middle = (word.start + word.end) / 2
        page.evaluate(SEEK_JS, middle)
        state = page.evaluate(STATE_JS)
        expected_text = page.evaluate(f"document.getElementById('{ident}').textContent")
        assert state["words"] == [[ident, expected_text]], f"at {middle:.3f}s"
        assert state["sentences"] == [sentence]
        assert page.evaluate("document.documentElement.dataset.raWord") == ident


def test_generated_wording_and_the_end_highlight_nothing(page: Any) -> None:
    data = _data(page)
    announcement = data["s"][0]
    assert announcement[2] is None  # "Press release from …" is said but not on the page
    page.evaluate(SEEK_JS, (announcement[0] + announcement[1]) / 2)
    assert page.evaluate(STATE_JS)["words"] == []
    assert page.evaluate(STATE_JS)["sentences"] == []


def test_screenshots_of_two_moments(page: Any) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    data = _data(page)
    words = _words(data)
    for name, n in (("read-along-1", 12), ("read-along-2", len(words) * 2 // 3)):
        word, ident, _ = words[n]
        page.evaluate(SEEK_JS, (word.start + word.end) / 2)
        page.evaluate(f"document.getElementById('{ident}').scrollIntoView({{block: 'center', behavior: 'instant'}})")
        assert page.evaluate(STATE_JS)["words"][0][0] == ident
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


@pytest.mark.parametrize("theme", ["default", "high-contrast", "dark", "cream"])
def test_axe_finds_no_violations_with_the_player(page: Any, axe_source: str, theme: str) -> None:
    page.click(f"button[data-theme='{theme}']")
    data = _data(page)
    word = data["w"][5]
    page.evaluate(SEEK_JS, (word[0] + word[1]) / 2)
    page.evaluate(axe_source)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS
    )
    assert result["violations"] == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]


def test_buttons_work_from_the_keyboard(page: Any) -> None:
    data = _data(page)
    starts = [s[0] for s in data["s"]]
    page.focus("#ra-next")
    page.keyboard.press("Enter")
    page.wait_for_function(AT_JS, arg=starts[1])
    page.keyboard.press("Space")
    page.wait_for_function(AT_JS, arg=starts[2])
    page.focus("#ra-prev")
    page.keyboard.press("Enter")
    page.wait_for_function(AT_JS, arg=starts[1])
    page.focus("#ra-speed")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.getElementById('ra-audio').playbackRate") == 1.25
    page.focus("#ra-play")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('ra-play').textContent === 'Pause'")
    page.wait_for_function("t => document.getElementById('ra-audio').currentTime > t", arg=starts[1] + 0.2)
    page.keyboard.press("Space")
    page.wait_for_function("() => document.getElementById('ra-audio').paused")
    page.wait_for_function("() => document.getElementById('ra-play').textContent === 'Play'")
    assert page.evaluate(STATE_JS)["sentences"]  # where it stopped stays highlighted


def test_quick_presses_settle_where_the_reader_meant(page: Any) -> None:
    """Next, Next, Previous pressed faster than the audio can seek: it ends on the second sentence and plays.

    Chromium never finishes a seek back to the target of a seek still in progress; the page must not
    issue one (it queues the latest target until the current seek is done).
    """
    data = _data(page)
    starts = [s[0] for s in data["s"]]
    page.evaluate("['ra-next', 'ra-next', 'ra-prev'].forEach(id => document.getElementById(id).click())")
    page.wait_for_function(AT_JS, arg=starts[1])
    page.wait_for_function("() => !document.getElementById('ra-audio').seeking", timeout=10_000)
    assert page.evaluate("document.documentElement.getAttribute('data-ra-sentence')") == data["s"][1][2]
    page.evaluate("document.getElementById('ra-audio').play()")
    page.wait_for_function(
        "t => document.getElementById('ra-audio').currentTime > t", arg=starts[1] + 0.2, timeout=10_000
    )
    page.evaluate("document.getElementById('ra-audio').pause()")


def test_the_reader_scrolling_pauses_auto_scroll(page: Any) -> None:
    data = _data(page)
    late = data["w"][-20]
    page.evaluate("window.scrollTo(0, 0)")
    page.mouse.move(600, 400)
    page.mouse.wheel(0, 10)  # the reader scrolls: the page must not jump for a few seconds
    page.wait_for_function("() => window.scrollY > 0")
    page.evaluate("document.getElementById('ra-audio').play()")
    page.evaluate(SEEK_JS, (late[0] + late[1]) / 2)
    page.wait_for_timeout(300)
    assert page.evaluate("window.scrollY") < 200
    page.evaluate("document.getElementById('ra-audio').pause()")


def test_playing_keeps_the_word_in_view(page: Any) -> None:
    data = _data(page)
    late = data["w"][-20]
    page.evaluate("document.getElementById('ra-audio').play()")
    page.evaluate(SEEK_JS, (late[0] + late[1]) / 2)
    page.wait_for_function(
        "id => { const r = document.getElementById(id).getBoundingClientRect(); "
        "return r.top >= 0 && r.bottom <= window.innerHeight; }",
        arg=late[2],
    )
    page.evaluate("document.getElementById('ra-audio').pause()")


def test_talking_book_chapters_pass_axe(browser: Any, axe_source: str, tmp_path: Path) -> None:
    """The EPUB's chapters and navigation document, as a browser renders them: zero axe-core violations."""
    import zipfile

    from pressreader.publish.epub import export_epub

    book = export_epub([_article(), Article("Title", ("Call 0800 555 111.",))], tmp_path / "book.epub")
    with zipfile.ZipFile(book) as z:
        z.extractall(tmp_path / "book")
    context = browser.new_context()
    tab = context.new_page()
    try:
        for name in ("nav.xhtml", "chapter-001.xhtml", "chapter-002.xhtml"):
            tab.goto((tmp_path / "book" / "OEBPS" / name).as_uri())
            tab.evaluate(axe_source)
            result = tab.evaluate(
                "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
                AXE_TAGS,
            )
            assert result["violations"] == [], (name, [v["id"] for v in result["violations"]])
    finally:
        context.close()
