"""The documentation: MkDocs builds it with no warning (links checked), its examples run, it tells the truth.

* ``mkdocs build --strict`` into a temporary folder (``validation`` in ``mkdocs.yml``
  turns broken links and anchors into errors);
* every ```` ```python ```` block in ``docs/*.md`` and ``README.md`` runs, in order, one
  namespace per page, from the top of the checkout (a block right after
  ``<!-- no-run -->`` needs the internet and is only shown);
* the supported-sites table matches the registry; the README starts with its two-command Quick start.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pressreader.sites import DEFAULT_REGISTRY

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
PAGES = [*sorted(DOCS.glob("*.md")), ROOT / "README.md"]
BLOCK = re.compile(r"(?P<before>[^\n]*)\n```python\n(?P<code>.*?)\n```", re.S)
USES_SPEECH = {"developer-guide.md"}  # save_audio and Player run espeak-ng


def build(config: Path, site: Path) -> subprocess.CompletedProcess[str]:
    pytest.importorskip("mkdocs", reason="mkdocs is a test dependency (pip install mkdocs)")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_mkdocs_builds_strictly_without_warnings(tmp_path: Path) -> None:
    done = build(ROOT / "mkdocs.yml", tmp_path / "site")
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr
    built = {p.name for p in (tmp_path / "site").glob("*.html")}
    assert {"index.html", "user-guide.html", "developer-guide.html", "sites.html", "accessibility.html"} <= built
    assert "changelog.html" in built


def test_a_broken_link_fails_the_build(tmp_path: Path) -> None:
    """The link check itself: a page linking to a missing page or anchor stops the build."""
    shutil.copytree(DOCS, tmp_path / "docs")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    page = tmp_path / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [nowhere](no-such-page.md).\n", encoding="utf-8")
    done = build(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert done.returncode != 0
    assert "no-such-page.md" in done.stderr


def python_blocks(page: Path) -> list[str]:
    text = page.read_text(encoding="utf-8")
    return [m.group("code") for m in BLOCK.finditer(text) if "no-run" not in m.group("before")]


@pytest.mark.parametrize(
    "page",
    [
        pytest.param(p, marks=[pytest.mark.speech] if p.name in USES_SPEECH else [], id=p.name)
        for p in PAGES
        if python_blocks(p)
    ],
)
def test_python_examples_run(page: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    blocks = python_blocks(page)
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {"__name__": f"docs_{page.stem}"}
    for number, code in enumerate(blocks, 1):
        try:
            exec(compile(code, f"{page.name} (example {number})", "exec"), namespace)
        except BaseException as exc:  # name the example that failed
            raise AssertionError(f"{page.name}: example {number} failed: {exc!r}\n{code}") from exc
    capsys.readouterr()


def test_the_guides_have_python_examples() -> None:
    assert len(python_blocks(DOCS / "developer-guide.md")) >= 8
    assert python_blocks(DOCS / "sites.md")


def sites_table() -> str:
    rows = [
        "| name | publisher | domain | platform | from – until | selectors | golden page | checked |",
        "|---|---|---|---|---|---|---|---|",
    ]
    fixtures = ROOT / "tests" / "fixtures" / "pages"
    for site in DEFAULT_REGISTRY:
        selectors = "yes" if any((site.selectors.title, site.selectors.date, site.selectors.body)) else "no"
        golden = "yes" if (fixtures / site.key).is_dir() else "no"
        span = f"{site.started or ''} – {site.ended or ''}".strip()
        if site.successor:
            span += f", then `{site.successor}`"
        checked = "no" if site.sourced_from.startswith("not confirmed") else "yes"
        rows.append(
            f"| `{site.key}` | {site.name} | {site.domain} | {site.platform} | {span} | {selectors} | {golden}"
            f" | {checked} |"
        )
    return "\n".join(rows)


def test_supported_sites_match_the_registry() -> None:
    text = (DOCS / "sites.md").read_text(encoding="utf-8")
    table = text.split("<!-- sites:start -->\n", 1)[1].split("\n<!-- sites:end -->", 1)[0]
    expected = sites_table()
    assert table == expected, f"docs/sites.md is out of date; paste this between the markers:\n{expected}"


def test_readme_starts_with_the_two_command_quick_start() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", text, re.M)
    assert headings[0] == "Quick start"
    quick = text.split("## Quick start", 1)[1]
    commands = re.search(r"```sh\n(.*?)\n```", quick, re.S)
    assert commands is not None
    lines = [line.split("#")[0].strip() for line in commands.group(1).splitlines()]
    assert lines == ["bash scripts/demo.sh", "bash scripts/test.sh"]
    assert (ROOT / "scripts" / "demo.sh").exists()
    assert (ROOT / "scripts" / "test.sh").exists()


def test_user_guide_lists_every_key() -> None:
    from pressreader.reader import KEYS

    guide = (DOCS / "user-guide.md").read_text(encoding="utf-8")
    for key in KEYS:
        first = key.name.split()[0] if key.name != "capital S" else "S (capital s)"
        assert f"| {first}" in guide, key.name
