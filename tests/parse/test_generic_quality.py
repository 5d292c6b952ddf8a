"""The generic path on ordinary news and blog pages (benchmarks/corpus): a floor that can fail.

The corpus holds 26 pages from other CMSs and languages with hand-written
expected title, date and body. benchmarks/bench_parse.py compares the same
figures with trafilatura and htmldate; this test only guards our own level.
"""

from __future__ import annotations

import json
import statistics
from pathlib import Path

import pytest

from pressreader import parse_article

from benchmarks.generic_eval import CORPUS, word_prf

PAGES = sorted(p for p in CORPUS.glob("*.html") if p.with_suffix(".json").exists())


def _score(page: Path) -> tuple[float, bool, bool]:
    golden = json.loads(page.with_suffix(".json").read_text("utf-8"))
    article = parse_article(page.read_bytes(), golden["url"])
    precision, recall = word_prf("\n".join(article.body), "\n".join(golden["body"]))
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    date_ok = (article.date.isoformat() if article.date else None) == golden["date"]
    return f1, date_ok, " ".join(article.title.split()) == " ".join(golden["title"].split())


@pytest.fixture(scope="module")
def scores() -> list[tuple[float, bool, bool]]:
    assert len(PAGES) >= 24
    return [_score(p) for p in PAGES]


def test_bodies_are_complete_and_clean(scores: list[tuple[float, bool, bool]]) -> None:
    f1s = [s[0] for s in scores]
    assert statistics.mean(f1s) >= 0.96
    assert min(f1s) >= 0.6, "no page may lose most of its story"


def test_dates_are_right_on_most_pages(scores: list[tuple[float, bool, bool]]) -> None:
    assert sum(s[1] for s in scores) / len(scores) >= 0.85


def test_titles_are_right_on_most_pages(scores: list[tuple[float, bool, bool]]) -> None:
    assert sum(s[2] for s in scores) / len(scores) >= 0.9
