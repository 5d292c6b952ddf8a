"""Calls mypy must accept, and wrong calls it must reject (each marked with its error code).

With --warn-unused-ignores, an ignore that is not needed fails the check: so every
wrong call below really is rejected by the type checker.
"""

from __future__ import annotations

import datetime

import pressreader
from pressreader import Article, Quote

article: Article = pressreader.parse_article(b"<h1>T</h1><p>Some text here.</p>", "https://x.example/")
title: str = article.title
day: datetime.date | None = article.date
paragraphs: tuple[str, ...] = article.body
quotes: list[Quote] = pressreader.extract_quotes(["He said: “Hello there, everyone.”"])
speaker: str | None = quotes[0].speaker if quotes else None
again: Article = Article.from_json(article.to_json())

pressreader.parse_article(123)  # type: ignore[arg-type]
pressreader.parse_article("<p>x</p>", url=5)  # type: ignore[arg-type]
article.title = "changed"  # type: ignore[misc]
bad_day: str = article.date  # type: ignore[assignment]
pressreader.extract_quotes(42)  # type: ignore[arg-type]
