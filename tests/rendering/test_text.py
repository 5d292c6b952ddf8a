from __future__ import annotations

import datetime
import io

import pytest

from pressreader.errors import RenderError
from pressreader.models import Article, Quote
from pressreader.rendering import RenderOptions, render, should_color

ARTICLE = Article(
    "PCC responds to latest inspection report on police effectiveness",
    ("Responding to the report, the Commissioner said:", "“It is obviously disappointing.", "“I will press on.”"),
    date=datetime.date(2018, 3, 22),
    quotes=(Quote("…", "Philip Seccombe", "Warwickshire Police and Crime Commissioner", (1, 2)),),
)


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("stream", "environ", "expected"),
    [
        (Tty(), {}, True),
        (Tty(), {"NO_COLOR": "1"}, False),
        (Tty(), {"NO_COLOR": ""}, True),  # no-color.org: only a non-empty value counts
        (Tty(), {"TERM": "dumb"}, False),
        (io.StringIO(), {}, False),
    ],
)
def test_should_color(stream: io.StringIO, environ: dict[str, str], expected: bool) -> None:
    assert should_color(stream, environ) is expected


def test_closed_stream_is_not_coloured() -> None:
    stream = io.TextIOWrapper(io.BytesIO())
    stream.close()
    assert should_color(stream, {}) is False


def test_text_layout() -> None:
    out = render(ARTICLE, "text", options=RenderOptions(width=50))
    assert out.split("\n\n") == [
        "PCC responds to latest inspection report on police\neffectiveness",
        "Thursday 22 March 2018",
        "Responding to the report, the Commissioner said:",
        "Quote from Philip Seccombe, Warwickshire Police\nand Crime Commissioner:",
        "    “It is obviously disappointing.",
        "    “I will press on.”\n",
    ]


@pytest.mark.parametrize("target", ["text", "terminal", "markdown"])
def test_no_escape_codes_without_colour(target: str) -> None:
    assert "\x1b" not in render(ARTICLE, target, options=RenderOptions(color=False))


def test_text_never_has_escape_codes_even_with_colour() -> None:
    assert "\x1b" not in render(ARTICLE, "text", options=RenderOptions(color=True))


def test_terminal_bold_repeats_what_words_say() -> None:
    out = render(ARTICLE, "terminal", options=RenderOptions(color=True, width=200, measure=120))
    assert "\x1b[1mQuote from Philip Seccombe, Warwickshire Police and Crime Commissioner:\x1b[0m" in out
    plain = out.replace("\x1b[1m", "").replace("\x1b[0m", "")
    assert plain == render(ARTICLE, "text", options=RenderOptions(width=200, measure=120))


def test_article_escape_codes_never_reach_the_terminal() -> None:
    article = Article("T\x1b]0;owned\x07", ("\x1b[2J cleared",))
    assert "\x1b" not in render(article, "terminal", options=RenderOptions(color=False))
    assert "\x1b[2J" not in render(article, "terminal", options=RenderOptions(color=True))


@pytest.mark.parametrize(("size", "longest"), [("standard", 70), ("large", 62), ("largest", 46)])
def test_larger_sizes_wrap_narrower(size: str, longest: int) -> None:
    out = render(ARTICLE, "text", options=RenderOptions(size=size))
    assert max(len(line) for line in out.splitlines()) <= longest


def test_markdown_quote_and_escaping() -> None:
    article = Article(
        "# Not *bold*", ("1. not a list", "Ann said:", "“Hi.”"), quotes=(Quote("Hi.", "Ann", "PCC", (2,)),)
    )
    assert render(article, "markdown").split("\n\n") == [
        "# \\# Not \\*bold\\*",
        "1\\. not a list",
        "Ann said:",
        "> “Hi.”",
        "— Ann, PCC\n",
    ]


def test_unknown_target_and_wrong_type() -> None:
    with pytest.raises(RenderError, match="unknown render target 'pdf'"):
        render(ARTICLE, "pdf")
    with pytest.raises(RenderError, match="needs an Article, not str"):
        render("an article", "text")  # type: ignore[arg-type]
    with pytest.raises(RenderError, match="no title"):
        render(Article("  ", ("Body.",)), "html")
