"""The layering of docs/architecture.md, read from every module's imports (ast, no new dependency).

The table of packages and what each may import is parsed from the document
itself, so the document and this test cannot drift apart. Also checked: the top
level of ``src/pressreader/`` holds only the ground, the package face and
packages; no module is over 500 lines and no function over 80.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "pressreader"
DOC = ROOT / "docs" / "architecture.md"
GROUND = {"models", "errors", "sites", "files"}
FACE = {"__init__", "__main__"}
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 80


def allowed_imports(doc: str) -> dict[str, set[str]]:
    """The "may import" table of docs/architecture.md: layer -> the layers it may import.

    >>> doc = "| package | its job | may import |\\n| --- | --- | --- |\\n| web | HTTP | ground, parse |"
    >>> table = allowed_imports(doc)
    >>> {layer: sorted(may) for layer, may in table.items()}
    {'web': ['ground', 'parse']}
    """
    table: dict[str, set[str]] = {}
    in_table = False
    for line in doc.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells == ["package", "its job", "may import"]:
            in_table = True
        elif in_table and not line.startswith("|"):
            break
        elif in_table and cells[0] != "---" and len(cells) == 3:
            table[cells[0]] = {c.strip() for c in cells[2].split(",") if c.strip()}
    return table


def layer_of(module: str) -> str:
    """The layer of a dotted module name inside the package ("pressreader.web.fetcher" -> "web").

    >>> layer_of("pressreader.models"), layer_of("pressreader.parse.quotes"), layer_of("pressreader")
    ('ground', 'parse', 'face')
    """
    parts = module.split(".")[1:]
    if not parts or parts[0] in FACE:
        return "face"
    return "ground" if parts[0] in GROUND else parts[0]


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """Every pressreader module ``path`` imports, anywhere in it (functions and TYPE_CHECKING too)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    return imports_in(path.read_text(encoding="utf-8"), package)


def imports_in(source: str, package: str) -> list[tuple[int, str]]:
    """``(line, module)`` for every pressreader import in ``source``, a module of ``package``.

    >>> imports_in("import os\\ndef f():\\n    from ..web import fetch\\n", "pressreader.parse")
    [(3, 'pressreader.web')]
    """
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] == "pressreader"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            elif node.module and node.module.split(".")[0] == "pressreader":
                target = node.module
            else:
                continue
            if target == "pressreader" and not node.module:
                # "from .. import x": x may be a module of the package or a name of its face
                found += [(node.lineno, f"pressreader.{a.name}") for a in node.names]
            else:
                found.append((node.lineno, target))
    return sorted(found)


MODULES = sorted(PACKAGE.rglob("*.py"))
TABLE = allowed_imports(DOC.read_text(encoding="utf-8"))


def test_the_table_names_every_package() -> None:
    packages = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert packages | {"ground", "face"} == set(TABLE), "docs/architecture.md's table and src/pressreader/ differ"
    for layer, may in TABLE.items():
        assert may <= set(TABLE), f"{layer} may import an unknown layer: {may - set(TABLE)}"


def test_the_top_level_holds_only_the_ground_the_face_and_packages() -> None:
    loose = {
        p.name for p in PACKAGE.iterdir()
        if p.is_file() and p.suffix == ".py" and p.stem not in GROUND | FACE
    }  # fmt: skip
    assert not loose, f"modules outside any package: {sorted(loose)}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_follow_the_layering(path: Path) -> None:
    here = layer_of(module_name(path))
    bad = []
    for line, target in imported_modules(path):
        if target == "pressreader" or (target.startswith("pressreader.") and len(target.split(".")) == 2
                                       and target.split(".")[1] not in {p.stem for p in PACKAGE.iterdir()}):
            bad.append(f"line {line}: imports the package face ({target}); take the name from its own module")
            continue
        there = layer_of(target)
        if there != here and there not in TABLE[here]:
            bad.append(f"line {line}: {here} may not import {there} ({target})")
    assert not bad, "\n".join(bad)


def test_nothing_inside_the_package_imports_its_face() -> None:
    for path in MODULES:
        if path.stem in FACE and path.parent == PACKAGE:
            continue
        faces = [t for _, t in imported_modules(path) if t == "pressreader"]
        assert not faces, f"{path.relative_to(PACKAGE)} imports pressreader/__init__.py"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_and_functions_are_small(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    lines = len(source.splitlines())
    assert lines <= MAX_MODULE_LINES, f"{lines} lines: split it by responsibility"
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines, line {node.lineno})"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and node.end_lineno is not None and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]  # fmt: skip
    assert not long, f"functions over {MAX_FUNCTION_LINES} lines: {long}"


def test_the_checks_catch_what_they_are_for() -> None:
    """The import reader sees relative, absolute, function-level and face imports, so the rules can fail."""
    code = (
        "from ..models import Article\n"
        "def f():\n    from ..web import fetch\n    import pressreader.archive\n"
        "from .. import __version__\n"
    )
    targets = [t for _, t in imports_in(code, "pressreader.parse")]
    assert targets == ["pressreader.models", "pressreader.web", "pressreader.archive", "pressreader.__version__"]
    assert "web" not in TABLE["parse"]
    assert "archive" not in TABLE["parse"]
    assert "ground" in TABLE["parse"]
    assert TABLE["ground"] == {"ground"}
