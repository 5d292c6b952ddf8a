"""Golden outputs: every article × target × size, compared byte for byte.

Regenerate after an intended change with::

    PRESSREADER_REGEN=1 .venv/bin/pytest tests/rendering/test_golden.py

then read the diff (``git diff tests/rendering/golden``) before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pressreader.models import Article
from pressreader.rendering import RenderOptions, render

GOLDEN = Path(__file__).parent / "golden"
REGEN = os.environ.get("PRESSREADER_REGEN") == "1"
SIZES = ("standard", "large", "largest")
TARGETS = {"html": "html", "text": "txt", "terminal": "ansi", "markdown": "md"}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("target", list(TARGETS))
def test_golden(article_case: tuple[str, Article], target: str, size: str) -> None:
    name, article = article_case
    # The terminal golden is rendered with colour on, so the escape codes are pinned too.
    options = RenderOptions(size=size, color=target == "terminal")
    output = render(article, target, options=options)
    path = GOLDEN / name / f"{target}-{size}.{TARGETS[target]}"
    if REGEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(output, encoding="utf-8", newline="")
        return
    if not path.exists():
        pytest.fail(f"no golden output {path}: run PRESSREADER_REGEN=1 pytest {__file__} and review it")
    assert output == path.read_bytes().decode("utf-8")


def test_no_stale_goldens(all_articles: dict[str, Article]) -> None:
    """Every golden folder belongs to an article that still exists."""
    names = set(all_articles)
    stale = sorted(p.name for p in GOLDEN.iterdir() if p.is_dir() and p.name not in names)
    assert not stale, f"golden outputs for articles that no longer exist: {stale}"
