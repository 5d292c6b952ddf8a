"""parse_article is pure and thread-safe: many threads, same answers."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from pressreader import parse_article

from tests.pages import expected_article, fixture_pages


def test_parsing_in_threads_gives_the_same_articles() -> None:
    pages = fixture_pages()
    jobs = [(p.read_bytes(), expected_article(p).url) for p in pages] * 5
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda job: parse_article(*job), jobs))
    for (data, url), article in zip(jobs, results, strict=True):
        assert article == parse_article(data, url)
    assert {a.title for a in results} == {expected_article(p).title for p in pages}
