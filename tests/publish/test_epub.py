"""The talking book (pressreader/epub.py): structure, Media Overlays, and EPUBCheck with no errors or warnings.

EPUBCheck is the Debian package ``epubcheck`` (run as ``java -jar /usr/share/java/epubcheck.jar``;
Debian 12's ``/usr/bin/epubcheck`` wrapper does not start). Its test is skipped, saying so,
only when Java or EPUBCheck is absent. Needs espeak-ng and lameenc like the rest of speech.
"""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from pressreader.errors import OptionsError, SpeechError
from pressreader.models import Article
from pressreader.publish.epub import ACTIVE_CLASS, EpubOptions, export_epub, smil_clock

from tests.pages import BILINGUAL, expected_article, fixture_pages

pytestmark = pytest.mark.speech

EPUBCHECK_JAR = Path("/usr/share/java/epubcheck.jar")
MODIFIED = datetime.datetime(2024, 11, 1, 9, 30, tzinfo=datetime.timezone.utc)
NS = {"opf": "http://www.idpf.org/2007/opf", "smil": "http://www.w3.org/ns/SMIL", "x": "http://www.w3.org/1999/xhtml"}


def _articles() -> list[Article]:
    wanted = ("cleveland", "other-de", "nottinghamshire", "kent")  # quotes, German, tables, notes
    return [expected_article(p) for p in fixture_pages() if p.parent.name in wanted]


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("epub") / "news.epub"
    return export_epub(_articles(), path, EpubOptions(title="This month's releases", modified=MODIFIED))


def _clock(value: str) -> float:
    hours, minutes, seconds = value.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def _epubcheck(book: Path) -> str:
    """EPUBCheck's report on ``book``; the test is skipped only when Java or EPUBCheck is missing.

    ``-Xss64m``: EPUBCheck 4.2.6 checks the reading order of a document's overlay references
    recursively, one stack frame per ``<par>``, and overflows Java's default stack on a long
    release read word by word (about 1,500 words); with a larger stack it validates normally.
    """
    java = shutil.which("java")
    if java is None or not EPUBCHECK_JAR.is_file():
        pytest.skip("EPUBCheck is not installed: apt-get install epubcheck (it brings Java)")
    command = [java, "-Xss64m", "-jar", str(EPUBCHECK_JAR), str(book)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    return report


def test_epubcheck_reports_no_errors_and_no_warnings(book: Path) -> None:
    report = _epubcheck(book)
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in report, report
    assert "No errors or warnings detected." in report, report


def test_epubcheck_on_every_fixture_article(tmp_path: Path) -> None:
    """Every golden article (the month of the benchmark), one of them about 1,500 words long, one bilingual."""
    articles = [expected_article(p) for p in fixture_pages()]
    book = export_epub(articles, tmp_path / "all.epub", EpubOptions(modified=MODIFIED))
    report = _epubcheck(book)
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in report, report
    assert "No errors or warnings detected." in report, report


def test_mimetype_first_and_stored(book: Path) -> None:
    with zipfile.ZipFile(book) as z:
        first = z.infolist()[0]
        assert first.filename == "mimetype"
        assert first.compress_type == zipfile.ZIP_STORED
        assert z.read("mimetype") == b"application/epub+zip"
        assert z.read(first.filename)
        assert z.testzip() is None


def test_package_metadata(book: Path) -> None:
    with zipfile.ZipFile(book) as z:
        opf = ElementTree.fromstring(z.read("OEBPS/package.opf"))
    metas = [(m.get("property"), m.get("refines"), m.text) for m in opf.iterfind(".//opf:meta", NS)]
    props = [(p, t) for p, r, t in metas if r is None]
    assert ("schema:accessMode", "textual") in props
    assert ("schema:accessMode", "auditory") in props
    assert ("schema:accessibilityFeature", "synchronizedAudioText") in props
    assert ("schema:accessibilityHazard", "none") in props
    assert ("dcterms:conformsTo", "EPUB Accessibility 1.1 - WCAG 2.2 Level AA") in props
    assert ("media:active-class", ACTIVE_CLASS) in props
    assert ("dcterms:modified", "2024-11-01T09:30:00Z") in props
    total = _clock(next(t for p, t in props if p == "media:duration") or "")
    parts = [_clock(t or "") for p, r, t in metas if p == "media:duration" and r is not None]
    assert len(parts) == 4
    assert total == pytest.approx(sum(parts), abs=0.005)
    items = {i.get("id"): i for i in opf.iterfind(".//opf:item", NS)}
    assert items["c1"].get("media-overlay") == "c1-mo"
    assert items["c1-audio"].get("media-type") == "audio/mpeg"
    assert [r.get("idref") for r in opf.iterfind(".//opf:itemref", NS)] == ["c1", "c2", "c3", "c4"]


def test_every_overlay_clip_points_at_an_element_and_moves_forward(book: Path) -> None:
    with zipfile.ZipFile(book) as z:
        for n in range(1, 5):
            smil = ElementTree.fromstring(z.read(f"OEBPS/chapter-{n:03d}.smil"))
            xhtml = ElementTree.fromstring(z.read(f"OEBPS/chapter-{n:03d}.xhtml"))
            ids = {e.get("id"): "".join(e.itertext()) for e in xhtml.iter() if e.get("id")}
            last = -1.0
            pars = list(smil.iterfind(".//smil:par", NS))
            assert len(pars) > 20  # words, not sentences
            for par in pars:
                text, audio = par.find("smil:text", NS), par.find("smil:audio", NS)
                assert text is not None
                assert audio is not None
                target = text.get("src", "").split("#")[1]
                assert ids[target].strip()
                begin, end = _clock(audio.get("clipBegin", "")), _clock(audio.get("clipEnd", ""))
                assert last <= begin < end
                last = begin
            assert z.read(f"OEBPS/audio/chapter-{n:03d}.mp3")[:2] in (b"ID", b"\xff\xf3", b"\xff\xfb")


def test_chapter_keeps_every_paragraph_and_shows_words_as_written(book: Path) -> None:
    articles = _articles()
    with zipfile.ZipFile(book) as z:
        for n, article in enumerate(articles, start=1):
            xhtml = z.read(f"OEBPS/chapter-{n:03d}.xhtml").decode()
            text = re.sub(r"\s+", " ", "".join(ElementTree.fromstring(xhtml).itertext()))
            for paragraph in (*article.body, *article.notes):
                assert " ".join(paragraph.split()) in text


def test_welsh_paragraphs_are_marked_welsh(tmp_path: Path) -> None:
    article = expected_article(BILINGUAL)
    book = export_epub([article], tmp_path / "bilingual.epub", EpubOptions(granularity="sentence"))
    with zipfile.ZipFile(book) as z:
        root = ElementTree.fromstring(z.read("OEBPS/chapter-001.xhtml"))
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert root.get(xml_lang) == "en"
    welsh = dict(article.paragraph_languages)
    found = {" ".join("".join(p.itertext()).split()): p for p in root.iter(f"{{{NS['x']}}}p")}
    for index, text in enumerate(article.body):
        assert found[text].get(xml_lang) == welsh.get(index), text
        assert found[text].get("lang") == welsh.get(index), text


def test_sentence_granularity(tmp_path: Path) -> None:
    path = export_epub([Article("Title", ("One. Two.",))], tmp_path / "a.epub", EpubOptions(granularity="sentence"))
    with zipfile.ZipFile(path) as z:
        smil = z.read("OEBPS/chapter-001.smil").decode()
    assert smil.count("<par ") == 3
    assert "#s1" in smil


@pytest.mark.parametrize(
    ("articles", "name", "error", "message"),
    [
        ([], "a.epub", SpeechError, "at least one article"),
        (["not an article"], "a.epub", SpeechError, "needs Article objects"),
        ([Article("T", ("B.",))], "a.zip", SpeechError, "use a .epub file name"),
    ],
)
def test_bad_calls(tmp_path: Path, articles: list[Article], name: str, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        export_epub(articles, tmp_path / name)
    assert not list(tmp_path.iterdir())


def test_bad_options() -> None:
    with pytest.raises(OptionsError, match="title"):
        EpubOptions(title=" ")


def test_smil_clock() -> None:
    assert smil_clock(0) == "0:00:00.000"
    assert smil_clock(61.0004) == "0:01:01.000"


def test_without_the_mp3_encoder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "lameenc" else real(name, *a))
    with pytest.raises(SpeechError, match=r"pressreader\[mp3\]"):
        export_epub([Article("T", ("B.",))], tmp_path / "a.epub")
