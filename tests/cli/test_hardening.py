"""Hostile inputs and faults outside the parser (issue 15): each ends in a plain message, exit code, no debris."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pressreader import cli
from pressreader.errors import ParseError
from pressreader.models import Article, Quote

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = "T\x1b]0;owned\x07\x1b[2J\x9b31m \u202eevil\u2066 \ufffe\uffff\ud800 end"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _child(*argv: str, env: dict[str, str] | None = None, **kw: object) -> subprocess.Popen[bytes]:
    full = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **(env or {})}
    return subprocess.Popen([sys.executable, "-m", "pressreader", *argv], env=full, **kw)  # type: ignore[call-overload]


# -- characters XML forbids, lone surrogates, terminal escapes ---------------------------------------------


def test_an_article_never_holds_characters_no_output_may_hold() -> None:
    body = ("Ann Lee\x1b said: “Good\ud800 news.”",)
    quote = Quote("Good\ufffe news.", "Ann\x07 Lee", None, (0,), ((16, 27),))
    article = Article(HOSTILE, body, quotes=(quote,), notes=("Ends\x00",), language="en-GB")
    assert article.title == "T]0;owned[2J31m \u202eevil\u2066  end"
    assert article.body == ("Ann Lee said: “Good news.”",)
    joined = "\n\n".join(article.body)
    start, end = article.quotes[0].spans[0]
    assert joined[start:end] == "Good news."  # the span moved with the text
    assert (article.quotes[0].text, article.quotes[0].speaker, article.notes) == ("Good news.", "Ann Lee", ("Ends",))
    article.to_json().encode("utf-8")  # no lone surrogate left to fail


@pytest.mark.parametrize(
    "argv",
    [
        ["parse", "{page}"],
        ["parse", "{page}", "--json"],
        ["read", "{json}"],
        ["read", "{json}", "--json"],
        ["speak", "{json}", "--script"],
        ["render", "{json}", "--target", "text"],
        ["render", "{json}", "--target", "terminal"],
        ["render", "{json}", "--target", "markdown"],
    ],
)
def test_page_content_never_drives_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    page = tmp_path / "page.html"
    title = HOSTILE.replace("\ud800", "")  # an HTML file holds no lone surrogate; the JSON below does
    page.write_text(f"<html><body><h1>{title}</h1><p>{title} said it. Then more words came here.</p></body></html>")
    data = tmp_path / "a.json"
    data.write_text(json.dumps({"title": HOSTILE, "body": [HOSTILE, "Plain words."]}), encoding="utf-8")
    args = [a.replace("{page}", str(page)).replace("{json}", str(data)) for a in argv]
    code, out, err = _run(capsys, *args)
    assert code == 0, err
    shown = out + err
    for bad in ("\x1b]", "\x1b[2J", "\x07", "\x9b", "\u202e", "\u2066", "\ufffe", "\ud800"):
        assert bad not in shown, (bad, shown[:200])
    if "--json" in argv:
        json.loads(out)


def test_archive_rows_written_by_others_are_shown_safely(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import sqlite3

    from pressreader.archive.store import Archive

    db = tmp_path / "a.sqlite3"
    with Archive(db) as archive:
        archive.store(Article("Knife crime", ("Knife crime falls.",), url="https://x.example/a"), site="kent")
    con = sqlite3.connect(db)
    con.execute("UPDATE articles SET title = ?", ("Knife\x1b[2J\u202e crime",))
    con.commit()
    con.close()
    for argv in (["latest", "kent"], ["search", "knife"]):
        code, out, _err = _run(capsys, *argv, "--db", str(db))
        assert code == 0
        assert "Knife[2J crime" in out  # the text stays; the escape character and the override go
        assert "\x1b" not in out
        assert "\u202e" not in out


# -- odd Article JSON ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"[" * 100_000, "holds a list"),
        (b'{"a":' * 50_000 + b"1" + b"}" * 50_000, "nested 50000 deep"),
        (b'{"title": "T", "body": "abc def"}', "body must be a list, not a string"),
        (b'[{"title": "T", "body": ["x"]}]', "holds a list"),
        (b'{"foo": 1}', "the field 'title' is missing"),
        (b'{"title": "T", "body": ["x"], "language": "English"}', "BCP 47"),
        (b'{"title": "T", "body": [1]}', "body must be a string, not int"),
        (b'{"title": "T", "body": ["x"], "quotes": [{"speaker": "A"}]}', "the field 'text' is missing"),
        (b'{"title": "' + b"x" * 1_000_001 + b'", "body": ["x"]}', "the title has 1,000,001 characters"),
        (b'\xff{"title": "T"}', "no readable text"),
        (b'{"title": "\xff", "body": []}', "not UTF-8"),
    ],
)
def test_odd_article_json_names_what_is_wrong(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    path = tmp_path / "odd.json"
    path.write_bytes(content)
    code, out, err = _run(capsys, "read", str(path))
    assert code == 1, (out, err)
    assert err.startswith("pressreader: ")
    assert "Traceback" not in err
    assert "KeyError" not in err
    assert "RecursionError" not in err
    import re

    assert re.search(message, err), err


def test_a_byte_order_mark_and_emoji_are_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"title": "Emoji", "body": ["😀😀"]}).encode())
    code, out, _ = _run(capsys, "read", str(path))
    assert (code, out.splitlines()[0]) == (0, "Emoji")
    code, out, _ = _run(capsys, "speak", str(path), "--script")
    assert "grinning face, grinning face" in out  # named, never dropped without a word
    with pytest.raises(ParseError, match="nested"):
        Article.from_json("[" * 50)


# -- signals ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_during_speak_save_leaves_nothing_behind(tmp_path: Path, how: signal.Signals) -> None:
    paragraphs = [f"Paragraph {i} says the commissioner has funded {i} more patrols this year." for i in range(600)]
    source = tmp_path / "long.json"
    source.write_text(json.dumps({"title": "A long release", "body": paragraphs}), encoding="utf-8")
    temp = tmp_path / "tmp"
    temp.mkdir()
    target = tmp_path / "long.wav"
    child = _child("speak", str(source), "--save", str(target), env={"TMPDIR": str(temp)},
                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    partial = tmp_path / ".long.wav.partial"
    for _ in range(3000):
        if (partial.exists() and partial.stat().st_size > 100_000) or child.poll() is not None:
            break
        time.sleep(0.01)
    assert child.poll() is None, child.communicate()
    os.kill(child.pid, how)
    _out, err = child.communicate(timeout=60)
    expected = 130 if how == signal.SIGINT else 128 + how
    assert child.returncode == expected, err.decode()
    assert "Traceback" not in err.decode()
    assert not partial.exists()
    assert not target.exists()
    assert list(temp.iterdir()) == []  # no pressreader-speech-* folder left


# -- numbers and arguments ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["latest", "kent", "-n", "99999999999999999999999"], "argument -n: must be from 1 to 1,000,000"),
        (["crawl", "kent", "--delay", "inf"], "argument --delay: must be from 0 to 3600, not inf"),
        (["crawl", "kent", "--delay", "nan"], "argument --delay: must be from 0 to 3600, not nan"),
        (["crawl", "--all", "--parallel", "0"], "argument --parallel: must be from 1 to 64"),
        (["speak", "x.json", "--speed", "0"], "argument --speed: must be from 0.5 to 2.5, not 0"),
        (["speak", "x.json", "--rate", "5000"], "argument --rate: must be from 80 to 500"),
        (["read", "x.json", "--width", "-3"], "argument --width: must be from 20 to 1,000"),
        (["render", "x.json", "--width", "10**9"], "argument --width: not a number of columns"),
        (["podcast", "x.json", "-o", "p", "--limit", "0"], "argument --limit: must be from 1"),
    ],
)
def test_numbers_are_checked_in_the_words_of_the_option(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, _out, err = _run(capsys, *argv)
    assert code == 2
    assert message in err
    assert "rate_factor" not in err
    assert "Traceback" not in err


def test_a_huge_archive_id_is_simply_not_there(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pressreader.archive.store import Archive

    db = tmp_path / "a.sqlite3"
    with Archive(db) as archive:
        archive.store(Article("A", ("Text.",), url="https://x.example/a"), site="x")
    code, _out, err = _run(capsys, "read", "99999999999999999999999", "--db", str(db))
    assert code in (1, 2)
    assert "OverflowError" not in err
    assert "99999999999999999999999" in err


@pytest.mark.parametrize("command", [["render", "{a}", "-o", "{a}"], ["speak", "{a}", "--save", "{a}"]])
def test_an_output_that_is_the_input_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    source = tmp_path / "a.json"
    source.write_text(json.dumps({"title": "T", "body": ["Words."]}), encoding="utf-8")
    before = source.read_bytes()
    code, _out, err = _run(capsys, *[c.replace("{a}", str(source)) for c in command])
    assert code == 2
    assert "is also an input" in err
    assert source.read_bytes() == before


# -- failures to write ----------------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["missing/dir/x.html", "folder"])
def test_a_failure_to_write_exits_1_and_names_what_was_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    source = tmp_path / "a.json"
    source.write_text(json.dumps({"title": "T", "body": ["Words."]}), encoding="utf-8")
    (tmp_path / "folder").mkdir()
    code, _out, err = _run(capsys, "render", str(source), "-o", str(tmp_path / where))
    assert code == 1, err
    assert err.startswith(f"pressreader: cannot write the page to {tmp_path / where}: ")
    assert ("does not exist" in err) if "missing" in where else ("it is a folder" in err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "folder"]


@pytest.fixture
def small_disk(tmp_path: Path) -> object:
    """A real 300 KB filesystem (tmpfs), or a skip where this user cannot mount one."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=300k", "tmpfs", str(mount)],
                          capture_output=True, check=False)  # fmt: skip
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {done.stderr.decode().strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def _long_article(tmp_path: Path, paragraphs: int) -> Path:
    body = [f"Paragraph {i} says the commissioner has funded {i} more patrols this year." for i in range(paragraphs)]
    source = tmp_path / "long.json"
    source.write_text(json.dumps({"title": "A long release", "body": body}), encoding="utf-8")
    return source


def test_speak_save_onto_a_full_disk(small_disk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _long_article(tmp_path, 60)
    code, _out, err = _run(capsys, "speak", str(source), "--save", str(small_disk / "long.wav"))
    assert code == 1, err
    assert f"cannot write audio to {small_disk / 'long.wav'}: the disk is full (at least " in err
    assert "bytes needed)" in err
    assert list(small_disk.iterdir()) == []


def test_export_html_onto_a_full_disk_leaves_no_half_made_folder(
    small_disk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources = []
    for n in range(12):
        path = tmp_path / f"a{n}.json"
        path.write_text(json.dumps({"title": f"Story {n}", "body": ["Words " * 4000]}), encoding="utf-8")
        sources.append(str(path))
    code, _out, err = _run(capsys, "export-html", str(small_disk / "reader"), *sources)
    assert code == 1, err
    assert "the disk is full" in err
    assert list(small_disk.iterdir()) == []


def test_the_archive_on_a_full_disk_stays_intact(small_disk: Path) -> None:
    import sqlite3

    from pressreader.archive.store import Archive
    from pressreader.errors import ArchiveError

    db = small_disk / "a.sqlite3"
    stored = 0
    failure: ArchiveError | None = None
    with Archive(db, pages=small_disk / "pages") as archive:
        try:
            for n in range(10_000):
                archive.store(Article(f"Story {n}", (f"Words {n} " * 200,), url=f"https://x.example/{n}"), site="x")
                stored += 1
        except ArchiveError as exc:
            failure = exc
    assert failure is not None
    assert "disk is full" in str(failure)
    assert "cannot rollback" not in str(failure)
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == stored


def test_a_talking_book_of_a_headline_with_noncharacters_is_xml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import zipfile

    from lxml import etree

    source = tmp_path / "a.json"
    source.write_text(json.dumps({"title": "Knife \ufffe crime \uffff plan", "body": ["Short \ufffe story."]}))
    target = tmp_path / "a.epub"
    code, _out, err = _run(capsys, "export-epub", str(source), "-o", str(target))
    assert code == 0, err
    with zipfile.ZipFile(target) as book:
        for name in book.namelist():
            if name.endswith((".xhtml", ".opf", ".smil")):
                etree.fromstring(book.read(name))  # every part is well-formed XML
        assert "Knife  crime  plan" in book.read("OEBPS/nav.xhtml").decode()
