"""Articles the rendering tests run on, found automatically.

``tests/rendering/articles/*.json`` are articles written for these tests (the
Warwickshire seed page, a Kent release with two speakers and notes, and an
awkward one with hostile text); every ``tests/fixtures/pages/<site>/<slug>.json``
(the parser's expected Articles) is added as it appears. Any test that takes
an ``article_case`` argument runs once per article.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pressreader.models import Article

HERE = Path(__file__).parent
TESTS = HERE.parent


def article_files() -> dict[str, Path]:
    """Case name -> Article JSON file, in a stable order."""
    files = {path.stem: path for path in sorted((HERE / "articles").glob("*.json"))}
    for path in sorted((TESTS / "fixtures" / "pages").glob("*/*.json")):
        files[f"{path.parent.name}-{path.stem}"] = path
    return files


def load(path: Path) -> Article:
    return Article.from_json(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def all_articles() -> dict[str, Article]:
    return {name: load(path) for name, path in article_files().items()}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "article_case" in metafunc.fixturenames:
        files = article_files()
        metafunc.parametrize("article_case", [(n, load(p)) for n, p in files.items()], ids=list(files))
