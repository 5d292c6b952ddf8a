"""Searching the archive the way people type: every word must match, punctuation is not syntax."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pressreader.archive.query import fts_query
from pressreader.archive.store import Archive
from pressreader.models import Article, Quote

_STORIES = {
    "statement": ("Commissioner's statement on the verdict", "The Commissioner's statement follows the trial."),
    "scooters": ("E-scooters seized in Rugby", "Officers seized 40 e-scooters in a week."),
    "court": ("High-court ruling on funding", "The high-court ruling came on Monday."),
    "police": ("Police & crime plan published", "The police & crime plan sets six priorities."),
    "money": ("£1.2m for safer streets", "A grant of £1.2m will pay for lighting."),
    "helens": ("St. Helens knife arches", "Knife arches went up in St. Helens town centre."),
    "plain": ("Youth clubs reopen", "Youth clubs in the statement area reopen; no court involved."),
}


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Archive]:
    with Archive(tmp_path / "a.sqlite3") as a:
        for key, (title, body) in _STORIES.items():
            quote = (
                (Quote("We act.", "Emily Spurrell", "Police and Crime Commissioner", (0,)),) if key == "helens" else ()
            )
            a.store(Article(title, (body,), url=f"https://pcc.example/{key}/", quotes=quote), site="merseyside")
        yield a


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Commissioner's statement", "statement"),
        ("e-scooters", "scooters"),
        ("high-court", "court"),
        ("police & crime", "police"),
        ("£1.2m", "money"),
        ("St. Helens", "helens"),
        ("ST HELENS!", "helens"),
        ("knife, arches", "helens"),
    ],
)
def test_the_issue_searches_find_their_story(archive: Archive, typed: str, expected: str) -> None:
    found = archive.search(typed)
    assert [a.url for a in found][:1] == [f"https://pcc.example/{expected}/"], typed
    assert found[0].passage
    assert "[" in found[0].passage


def test_all_words_must_match(archive: Archive) -> None:
    assert [a.url for a in archive.search("youth statement")] == ["https://pcc.example/plain/"]
    assert archive.search("youth scooters") == []


def test_phrases_or_and_prefix_keep_working(archive: Archive) -> None:
    assert [a.url for a in archive.search('"knife arches"')] == ["https://pcc.example/helens/"]
    assert archive.search('"arches knife"') == []
    both = {a.url for a in archive.search("scooters OR lighting")}
    assert both == {"https://pcc.example/scooters/", "https://pcc.example/money/"}
    assert [a.url for a in archive.search("scoot*")] == ["https://pcc.example/scooters/"]
    assert [a.url for a in archive.search("speakers: Spurrell")] == ["https://pcc.example/helens/"]


def test_title_matches_rank_first(archive: Archive) -> None:
    # "statement" is in one title and in another story's body: the title match comes first.
    assert [a.url for a in archive.search("statement")] == [
        "https://pcc.example/statement/",
        "https://pcc.example/plain/",
    ]


def test_fts_query_is_always_valid_fts5() -> None:
    import sqlite3

    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5 (title, body, speakers)")
    samples = ['"', "''", "a OR", "OR", "NOT a", "(", ")", "a:b", "title:", "-x", "^x", "x**", "*x", "a AND AND b",
               "speakers : ", '"a" "', "£", "ü-ß", "\\x00", "NEAR(a b)", "a + b", "{a b}", "col:x"]  # fmt: skip
    for text in samples:
        db.execute("SELECT * FROM t WHERE t MATCH ?", (fts_query(text) or '""',)).fetchall()


@given(st.text(max_size=40))
@settings(max_examples=300, deadline=None)
def test_any_typed_text_is_a_valid_query(text: str) -> None:
    import sqlite3

    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5 (title, body, speakers)")
    query = fts_query(text)
    if query:
        db.execute("SELECT * FROM t WHERE t MATCH ?", (query,)).fetchall()
