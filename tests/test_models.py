"""Article → dict → Article and Article → JSON → Article are the identity (property tests)."""

from __future__ import annotations

import datetime
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pressreader import Article, Image, ParseError, Quote, Source

text = st.text(max_size=60)
opt_text = st.none() | text
dates = st.none() | st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2100, 1, 1))

quotes = st.builds(
    Quote,
    text=text,
    speaker=opt_text,
    role=opt_text,
    paragraphs=st.lists(st.integers(0, 50), max_size=4).map(tuple),
    spans=st.lists(st.tuples(st.integers(0, 500), st.integers(0, 500)).map(sorted).map(tuple), max_size=3).map(tuple),
)
articles = st.builds(
    Article,
    title=text,
    body=st.lists(text, max_size=6).map(tuple),
    url=opt_text,
    canonical_url=opt_text,
    date=dates,
    updated=dates,
    quotes=st.lists(quotes, max_size=4).map(tuple),
    source=st.none() | st.builds(Source, name=text, area=text, domain=text),
    lead_image=st.none() | st.builds(Image, url=text, alt=opt_text),
    notes=st.lists(text, max_size=3).map(tuple),
    language=st.none() | st.sampled_from(["en-GB", "cy", "en", "fr-CA", "zh-Hant-TW"]),  # BCP 47 tags, as documented
    paragraph_languages=st.lists(st.tuples(st.integers(0, 50), text), max_size=3).map(tuple),
)


@given(articles)
def test_dict_round_trip(article: Article) -> None:
    assert Article.from_dict(article.to_dict()) == article


@given(articles)
def test_json_round_trip(article: Article) -> None:
    assert Article.from_json(article.to_json()) == article
    assert Article.from_json(article.to_json(indent=2).encode("utf-8")) == article


@given(articles)
def test_text_holds_title_and_every_paragraph(article: Article) -> None:
    for part in (article.title, *article.body):
        assert part in article.text


BAD = [
    ("not json", "{", "not valid JSON"),
    ("json list", "[]", "expected a JSON object"),
    ("missing title", json.dumps({"body": []}), "not an article"),
    ("body not a list of strings", json.dumps({"title": "t", "body": [1]}), "body must be a string"),
    ("bad date", json.dumps({"title": "t", "body": [], "date": "22/03/2018"}), "not an ISO date"),
    ("bool paragraph index", json.dumps({"title": "t", "body": [], "quotes": [{"text": "q", "paragraphs": [True]}]}),
     "must be an integer"),
    ("paragraph language not a pair", json.dumps({"title": "t", "body": ["a"], "paragraph_languages": [[0]]}),
     "list of \\[index, language\\] pairs"),
    ("paragraph language index not a number",
     json.dumps({"title": "t", "body": ["a"], "paragraph_languages": [["0", "cy"]]}), "must be an integer"),
    ("quote span not a pair", json.dumps({"title": "t", "body": [], "quotes": [{"text": "q", "spans": [[1]]}]}),
     "quotes.spans must be \\[start, end\\] pairs"),
    ("quote span backwards", json.dumps({"title": "t", "body": [], "quotes": [{"text": "q", "spans": [[5, 2]]}]}),
     "must run forwards"),
    ("quote span not numbers", json.dumps({"title": "t", "body": [], "quotes": [{"text": "q", "spans": [["0", 2]]}]}),
     "must be an integer"),
]  # fmt: skip


@pytest.mark.parametrize(("payload", "message"), [(p, m) for _, p, m in BAD], ids=[n for n, _, _ in BAD])
def test_bad_json_is_a_parse_error(payload: str, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        Article.from_json(payload)


def test_an_article_written_before_paragraph_languages_still_reads() -> None:
    old = {"title": "t", "body": ["Cyllid newydd."], "language": "cy"}
    article = Article.from_dict(old)
    assert article.paragraph_languages == ()
    assert article.language_of(0) == "cy"


def test_an_article_written_before_quote_spans_still_reads() -> None:
    old = {"title": "t", "body": ["A said: “Hi.”"], "quotes": [{"text": "Hi.", "speaker": "A", "paragraphs": [0]}]}
    assert Article.from_dict(old).quotes[0].spans == ()
