from __future__ import annotations

import datetime

import pytest

from pressreader.errors import RenderError
from pressreader.models import Article, Quote
from pressreader.rendering import RenderOptions, article_filename, article_filenames, line_length
from pressreader.rendering._layout import attribution, blocks, long_date, printable, safe_url, spoken_by, wrap


@pytest.mark.parametrize(
    ("day", "written"),
    [
        (datetime.date(2018, 3, 22), "Thursday 22 March 2018"),
        (datetime.date(2021, 5, 8), "Saturday 8 May 2021"),
        (datetime.date(2024, 1, 1), "Monday 1 January 2024"),
    ],
)
def test_long_date(day: datetime.date, written: str) -> None:
    assert long_date(day) == written


@pytest.mark.parametrize(
    ("speaker", "role", "said"),
    [
        (
            "Philip Seccombe",
            "Warwickshire Police and Crime Commissioner",
            "Philip Seccombe, Warwickshire Police and Crime Commissioner",
        ),
        ("Lisa Townsend", None, "Lisa Townsend"),
        (None, "Chief Constable", "Chief Constable"),
        (None, None, "an unnamed speaker"),
        ("  ", " ", "an unnamed speaker"),
    ],
)
def test_attribution(speaker: str | None, role: str | None, said: str) -> None:
    assert attribution(Quote("…", speaker, role)) == said


def test_spoken_by_joins_speakers() -> None:
    assert spoken_by([Quote("a", "Ann"), Quote("a", "Bob", "PCC")]) == "Ann and Bob, PCC"


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (RenderOptions(), 70),
        (RenderOptions(measure=120), 80),
        (RenderOptions(size="large"), 62),
        (RenderOptions(size="largest"), 46),
        (RenderOptions(size=1.0, measure=120), 80),  # never wider than asked
        (RenderOptions(size=4.0), 23),
        (RenderOptions(size=4.0, width=20), 20),
        (RenderOptions(width=30), 30),
    ],
)
def test_line_length(options: RenderOptions, expected: int) -> None:
    assert line_length(options) == expected


@pytest.mark.parametrize(
    ("text", "width", "indent", "lines"),
    [
        ("one two three", 7, "", ["one two", "three"]),
        ("one two three", 9, "  ", ["  one two", "  three"]),
        ("well-known  words", 5, "", ["well-", "known", "words"]),
        ("https://example.org/long", 10, "", ["https://", "example.", "org/long"]),  # cut after separators
        ("see https://a.example/x-y", 12, "", ["see https://", "a.example/", "x-y"]),  # "/" before "-"
        ("abcdefghijklmnop", 5, "", ["abcde", "fghij", "klmno", "p"]),  # no separator: cut where full
        ("a\nb", 10, "", ["a", "b"]),
        ("", 10, "", [""]),
    ],
)
def test_wrap(text: str, width: int, indent: str, lines: list[str]) -> None:
    assert wrap(text, width, indent=indent) == lines


def test_wrap_needs_room() -> None:
    with pytest.raises(RenderError, match="no room"):
        wrap("x", 2, indent="  ")


@pytest.mark.parametrize(
    ("url", "data", "safe"),
    [
        ("https://a.org/x", False, "https://a.org/x"),
        ("HTTP://a.org/x", False, "HTTP://a.org/x"),
        ("javascript:alert(1)", False, None),
        ("JaVaScRiPt:alert(1)", True, None),
        ("//a.org/x", False, None),
        ("/relative", False, None),
        ("data:image/png;base64,AAAA", False, None),
        ("data:image/png;base64,AAAA", True, "data:image/png;base64,AAAA"),
        ("data:image/svg+xml;base64,AAAA", True, None),
        ("data:text/html,<script>", True, None),
        (None, False, None),
    ],
)
def test_safe_url(url: str | None, data: bool, safe: str | None) -> None:
    assert safe_url(url, allow_data_image=data) == safe


def test_printable_strips_terminal_escapes() -> None:
    assert printable("a\x1b]0;pwned\x07b\ttab\nline\ud800") == "a]0;pwnedb\ttab\nline"


def test_blocks_cover_each_paragraph_once_in_order() -> None:
    body = ("Intro.", "Ann said:", "“One.", "Ann added:", "“Two.”", "Bob said: “Three.”", "End.")
    article = Article(
        "T",
        body,
        quotes=(
            Quote("One.\nTwo.", "Ann", "PCC", (2, 4)),  # not consecutive: two blocks
            Quote("Three.", "Bob"),  # no indices: found by its text
            Quote("Never in the body", "Cy"),  # found nowhere: its own block at the end
        ),
    )
    laid = blocks(article)
    assert [b.indices for b in laid] == [(0,), (1,), (2,), (3,), (4,), (5,), (6,), ()]
    assert [[q.speaker for q in b.quotes] for b in laid] == [[], [], ["Ann"], [], ["Ann"], ["Bob"], [], ["Cy"]]
    assert laid[-1].paragraphs == ("Never in the body",)


def test_blocks_share_a_paragraph_between_two_quotes() -> None:
    article = Article(
        "T", ("“A,” said Ann. “B,” said Bob.",), quotes=(Quote("A", "Ann", None, (0,)), Quote("B", "Bob", None, (0,)))
    )
    (block,) = blocks(article)
    assert [q.speaker for q in block.quotes] == ["Ann", "Bob"]


def test_blocks_reject_indices_outside_the_body() -> None:
    article = Article("T", ("a",), quotes=(Quote("a", "Ann", None, (3,)),))
    with pytest.raises(RenderError, match="quote 1 \\(Ann\\) points at paragraph 3, but the article has 1"):
        blocks(article)


@pytest.mark.parametrize(
    ("title", "day", "name"),
    [
        (
            "PCC responds to latest inspection report",
            datetime.date(2018, 3, 22),
            "2018-03-22-pcc-responds-to-latest-inspection-report.html",
        ),
        ("Café “crime” & Comisiynydd’s ŵyl", None, "cafe-crime-comisiynydds-wyl.html"),
        ("../../etc/passwd", None, "etc-passwd.html"),
        ("“”", None, "article.html"),
        ("x" * 100, None, "x" * 60 + ".html"),
        (" ".join(["word"] * 30), None, "-".join(["word"] * 12) + ".html"),
    ],
)
def test_article_filename(title: str, day: datetime.date | None, name: str) -> None:
    assert article_filename(Article(title, ("b",), date=day)) == name


def test_article_filenames_are_unique() -> None:
    articles = [Article("Same", ("a",)), Article("Same", ("b",)), Article("Same", ("c",))]
    assert article_filenames(articles) == ["same.html", "same-2.html", "same-3.html"]
