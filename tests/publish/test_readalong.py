"""Read-along pages (speech/readalong.py and the read-along mode of render/html.py), without a browser.

The browser half (highlights at given times, axe-core, keyboard) is tests/rendering/browser/test_read_along.py.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pressreader.errors import OptionsError, RenderError, SpeechError
from pressreader.models import Article
from pressreader.publish.readalong import read_along_page, write_read_along
from pressreader.rendering import RenderOptions, render
from pressreader.rendering._css import READ_ALONG_THEMES, THEMES
from pressreader.speech.timing import timed_speech

from tests.pages import expected_article, fixture_pages

pytestmark = pytest.mark.speech

ARTICLE = Article(
    "PCC gives £5,000 to ASB patrols",
    ("The PCC gave £5,000 on 21/05/2024. Call 0800 555 111 for details.", "“It is a good day,” she said."),
    notes=("Notes to editors", "Contact the office & ask for Jo."),
)


def contrast(a: str, b: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


class Spans(HTMLParser):
    """The text inside each element with an id."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str | None] = []
        self.text: dict[str, str] = {}
        self.attrs: dict[str, dict[str, str | None]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        ident = dict(attrs).get("id")
        if ident:
            self.text[ident] = ""
            self.attrs[ident] = dict(attrs)
        if tag not in ("meta", "link", "br", "img", "input"):
            self.open.append(ident)

    def handle_endtag(self, tag: str) -> None:
        if self.open:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        for ident in self.open:
            if ident:
                self.text[ident] += data


@pytest.mark.parametrize("theme", sorted(READ_ALONG_THEMES))
def test_highlight_colours_contrast(theme: str) -> None:
    page, marks = THEMES[theme], READ_ALONG_THEMES[theme]
    assert contrast(page["fg"], marks["sentence"]) >= 7
    for key in ("line", "word"):
        assert contrast(marks[key], page["bg"]) >= 3, key
        assert contrast(marks[key], marks["sentence"]) >= 3, key
        assert contrast(marks[key], page["fg"]) >= 1  # shape, not colour, sets them apart from the text


def test_write_read_along_writes_the_page_and_its_audio(tmp_path: Path) -> None:
    page = write_read_along(ARTICLE, tmp_path)
    audio = page.with_suffix(".mp3")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([page.name, audio.name])
    html = page.read_text("utf-8")
    assert f'src="{audio.name}"' in html
    assert "media-src 'self'" in html
    assert "autoplay" not in html
    parser = Spans()
    parser.feed(html)
    data = json.loads(parser.text["ra-timing"])
    assert data["w"]
    assert data["s"]
    timing = timed_speech(ARTICLE).timing
    assert [parser.text[w[2]] for w in data["w"]] == [w.text for w in timing.words]
    # espeak-ng's audio depends slightly on what the process said before: a few milliseconds
    assert [w[0] for w in data["w"]] == pytest.approx([w.start for w in timing.words], abs=0.08)
    assert "£5,000" in [parser.text[w[2]] for w in data["w"]]
    for _start, _end, ident in data["s"]:
        if ident is not None:
            assert parser.text[ident].strip()
    assert [b in parser.text for b in ("ra-play", "ra-prev", "ra-next", "ra-speed")] == [True] * 4


def test_embedded_audio(tmp_path: Path) -> None:
    page = write_read_along(Article("Title", ("Body.",)), tmp_path, embed=True, audio_format="wav")
    html = page.read_text("utf-8")
    assert [p.name for p in tmp_path.iterdir()] == [page.name]
    assert 'src="data:audio/wav;base64,' in html
    assert "media-src data:;" in html


def _main_text(page: str) -> str:
    return re.sub(r"<[^>]+>", "", page.split("<main", 1)[1].split("</main>", 1)[0])


@pytest.mark.parametrize("path", fixture_pages()[:6], ids=lambda p: p.parent.name)
def test_every_fixture_page_keeps_its_text(path: Path, tmp_path: Path) -> None:
    article = expected_article(path)
    html = read_along_page(article, timed_speech(article), "a.mp3")
    plain = render(article, "html")
    assert _main_text(html) == _main_text(plain)


def test_the_plain_reader_view_is_unchanged() -> None:
    page = render(ARTICLE, "html")
    assert "ra-" not in page
    assert "media-src" not in page
    assert page.count("<script>") == 1


def test_read_along_needs_audio_and_timing() -> None:
    with pytest.raises(RenderError, match="needs its audio and timing map"):
        render(ARTICLE, "html", options=RenderOptions(read_along=True))


@pytest.mark.parametrize("address", ["../up.mp3", "/etc/a.mp3", "https://example.org/a.mp3", "a b.mp3", "", 3])
def test_bad_audio_addresses(address: object) -> None:
    with pytest.raises(OptionsError, match="audio must be"):
        RenderOptions(read_along=True, audio=address)  # type: ignore[arg-type]


def test_a_timing_map_of_another_article_is_refused() -> None:
    timing = timed_speech(ARTICLE).timing.to_json()
    options = RenderOptions(read_along=True, audio="a.mp3", timing=timing)
    with pytest.raises(RenderError, match="does not fit this article"):
        render(Article("Short", ("Tiny.",)), "html", options=options)
    with pytest.raises(RenderError, match="does not fit"):
        render(ARTICLE, "html", options=options.replace(timing="{not json"))


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(SpeechError, match="does not exist"):
        write_read_along(ARTICLE, tmp_path / "nowhere")
