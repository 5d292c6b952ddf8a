"""The public surface is small, explicit and importable (STYLE habit 1)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pressreader


def test_all_names_resolve() -> None:
    for name in pressreader.__all__:
        assert getattr(pressreader, name) is not None, name


def test_namespace_and_all_agree() -> None:
    assert sorted(dir(pressreader)) == sorted(pressreader.__all__)
    # Nothing public lies in the namespace unlisted (submodules appear once imported).
    for name, value in vars(pressreader).items():
        if name.startswith("_") or type(value).__name__ == "module":
            continue
        assert name in pressreader.__all__ or name in {"annotations", "TYPE_CHECKING", "Any"}, name


def test_import_is_cheap_and_changes_nothing_global() -> None:
    code = (
        "import logging, sys; before = set(sys.modules); import pressreader; "
        "heavy = {'httpx', 'pyttsx3', 'lxml', 'bs4', 'sqlite3'} & set(sys.modules); "
        "assert not heavy, heavy; "
        "assert logging.getLogger().handlers == [], 'root logging configured'; print('ok')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.stdout.strip() == "ok", out.stderr


def test_typing_examples_are_judged_right_by_mypy() -> None:
    """tests/typing/: correct calls pass mypy --strict, wrong ones are flagged where marked."""
    folder = Path(__file__).parent / "typing"
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir=/dev/null",
         "--warn-unused-ignores", str(folder)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_api_names_survive_importing_every_submodule() -> None:
    """A submodule named like an API function would replace it on the package once imported."""
    code = (
        "import importlib, pkgutil, pressreader\n"
        "for m in pkgutil.walk_packages(pressreader.__path__, 'pressreader.'):\n"
        "    if not m.name.endswith('__main__'): importlib.import_module(m.name)\n"
        "bad = [n for n in pressreader.__all__ if type(getattr(pressreader, n)).__name__ == 'module']\n"
        "assert not bad, bad\n"
        "assert callable(pressreader.render) and callable(pressreader.fetch) and callable(pressreader.crawl)\n"
        "print('ok')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.stdout.strip() == "ok", out.stderr
