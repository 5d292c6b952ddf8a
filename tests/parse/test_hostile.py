"""parse_article returns an Article or raises a PressreaderError, for any input whatsoever."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pressreader import Article, ParseError, PressreaderError, parse_article

from tests.pages import fixture_id, fixture_pages

STORY = "<p>The Commissioner opened the new station in Rugby on Friday, with officers and residents.</p>"

HOSTILE: list[tuple[str, bytes | str, type[Exception] | None]] = [
    ("empty bytes", b"", ParseError),
    ("empty text", "", ParseError),
    ("whitespace", b"   \n\t  ", ParseError),
    ("binary noise", bytes(range(256)) * 40, ParseError),
    ("a PNG header", b"\x89PNG\r\n\x1a\n" + b"\x00" * 500, ParseError),
    ("NUL bytes inside", b"<h1>Title\x00</h1>" + STORY.encode(), None),
    ("lone surrogate in text", "<h1>Title \ud800</h1>" + STORY, None),
    ("truncated mid-tag", ("<html><body><h1>PCC visits Rugby</h1>" + STORY + "<p class='x")[:-3], None),
    ("no headline at all", "<html><body><div>" + "word " * 3 + "</div></body></html>", ParseError),
    ("headline but no text", "<html><body><h1>Only a headline</h1></body></html>", ParseError),
    ("title tag only", "<html><head><title>Only a title</title></head><body></body></html>", ParseError),
    ("nested 1,000 deep", "<h1>Deep</h1>" + "<div>" * 1000 + STORY + "</div>" * 1000, None),
    ("nested 20,000 deep", "<h1>Deep</h1>" + "<div>" * 20000 + STORY + "</div>" * 20000, ParseError),
    ("unclosed inline 20,000 deep", "<h1>Deep</h1>" + "<b><i>" * 10000 + STORY, ParseError),
    ("many paragraphs", "<h1>Many</h1>" + STORY * 20000, None),
    ("one huge paragraph", "<h1>Huge</h1><p>" + "word, " * 400000 + "</p>", None),
    (
        "billion laughs",
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;">]><html><body><h1>&lol3;</h1>' + STORY + "</body></html>",
        None,
    ),
    (
        "external entity",
        '<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        "<html><body><h1>XXE &xxe;</h1>" + STORY + "</body></html>",
        None,
    ),
    ("xml declaration with encoding in text", "<?xml version='1.0' encoding='latin-1'?><h1>T</h1>" + STORY, None),
    ("bogus declared charset", b'<meta charset="no-such-charset"><h1>T</h1>' + STORY.encode(), None),
    ("utf-16 with BOM", "\ufeff<h1>Sixteen</h1>".encode("utf-16") + STORY.encode("utf-16-le"), None),
    ("script only", "<script>document.write('<h1>x</h1>')</script>", ParseError),
    ("quote marks everywhere", "<h1>Marks</h1><p>" + "“ ‘ \" ' " * 50000 + "</p>", None),
    ("unclosed quote swallowing nothing", "<h1>Q</h1><p>He said: “Never closed</p>" + STORY, None),
    ("huge attribute", "<h1 class='" + "a" * 1_000_000 + "'>Attr</h1>" + STORY, None),
    ("json-ld garbage", "<script type='application/ld+json'>{\"@graph\": [[[[[[</script><h1>J</h1>" + STORY, None),
    ("json-ld deep", "<script type='application/ld+json'>" + "[" * 100000 + "</script><h1>J</h1>" + STORY, None),
    ("bad canonical", "<link rel=canonical href='http://[::1'><h1>C</h1>" + STORY, None),
    ("javascript canonical", "<link rel=canonical href='javascript:alert(1)'><h1>C</h1>" + STORY, None),
]


@pytest.mark.parametrize(("html", "error"), [(h, e) for _, h, e in HOSTILE], ids=[n for n, _, _ in HOSTILE])
def test_hostile_input(html: bytes | str, error: type[Exception] | None) -> None:
    if error is None:
        article = parse_article(html, "https://example.org/news/a")
        assert isinstance(article, Article)
        assert article.title
        assert article.body
    else:
        with pytest.raises(error) as caught:
            parse_article(html, "https://example.org/news/a")
        assert str(caught.value)


def test_external_entities_are_not_resolved() -> None:
    html = (
        '<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>'
        "<html><body><h1>XXE &xxe;</h1>" + STORY + "</body></html>"
    )
    article = parse_article(html)
    secret = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else "\x00"
    assert secret not in article.text


def test_wrong_types_are_parse_errors() -> None:
    with pytest.raises(ParseError):
        parse_article(12345)  # type: ignore[arg-type]
    with pytest.raises(PressreaderError):
        parse_article("<h1>T</h1>" + STORY, site=3.5)  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_any_bytes_give_an_article_or_our_error(data: bytes) -> None:
    try:
        article = parse_article(data)
    except PressreaderError:
        return
    assert article.title
    assert article.body


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=3000))
def test_any_text_gives_an_article_or_our_error(text: str) -> None:
    try:
        article = parse_article(text)
    except PressreaderError:
        return
    assert article.title
    assert article.body


def _mutations(data: bytes, seed: int) -> list[bytes]:
    rng = random.Random(seed)
    out = []
    for _ in range(12):
        b = bytearray(data)
        kind = rng.randrange(4)
        if kind == 0:  # truncate
            b = b[: rng.randrange(len(b) + 1)]
        elif kind == 1:  # flip bytes
            for _ in range(50):
                b[rng.randrange(len(b))] = rng.randrange(256)
        elif kind == 2:  # delete a slice
            i = rng.randrange(len(b))
            del b[i : i + rng.randrange(1, 2000)]
        else:  # duplicate a slice
            i = rng.randrange(len(b))
            b[i:i] = b[i : i + rng.randrange(1, 5000)]
        out.append(bytes(b))
    return out


@pytest.mark.parametrize("page", fixture_pages(), ids=fixture_id)
def test_mutated_fixture_pages(page: Path) -> None:
    for mutated in _mutations(page.read_bytes(), seed=len(page.name)):
        try:
            article = parse_article(mutated, "https://www.example.org/news/x/")
        except PressreaderError:
            continue
        assert article.title
        assert article.body
