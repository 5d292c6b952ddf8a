"""The podcast, read back by real parsers: feedparser, podcastparser (gPodder's), webvtt-py, mutagen.

The episodes are spoken by the real engine (espeak-ng) from golden fixture
articles; one build is shared by the tests of this module (it takes seconds).
"""

from __future__ import annotations

import array
import dataclasses
import datetime
import io
import json
import shutil
import urllib.error
import urllib.request
from pathlib import Path

import feedparser
import mutagen.mp3
import podcastparser
import pytest
import webvtt
from lxml import etree

from pressreader.errors import OptionsError, PublishError, SpeechUnavailable
from pressreader.models import Article
from pressreader.publish import PodcastOptions, build_podcast
from pressreader.publish import podcast as podcast_module
from pressreader.publish.cover import png_size
from pressreader.publish.feed import ITUNES, PODCAST
from pressreader.publish.podcast import _PEAK, MANIFEST, _peak_limited, subheadings
from pressreader.publish.serve import PodcastServer
from pressreader.speech.options import SpeechOptions

from tests.pages import PAGES, expected_article

pytestmark = pytest.mark.speech

BASE = "https://podcasts.example.org/pcc/"
SOURCES = [
    PAGES / "warwickshire" / "pcc-welcomes-good-rating-for-warwickshire-police.html",  # subheadings, two quotes
    PAGES / "staffordshire" / "fourteen-arrested-in-county-lines-crackdown.html",  # two speakers
    PAGES / "kent" / "matthew-scott-is-elected-pcc-for-kent.html",
]


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return [expected_article(p) for p in SOURCES]


@pytest.fixture(scope="module")
def podcast(articles: list[Article], tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("podcast")
    report = build_podcast(articles, folder, PodcastOptions(base_url=BASE))
    assert (report.synthesised, report.reused) == (3, 0)
    return folder


def _seconds(clock: str) -> float:
    hours, minutes, seconds = clock.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def _feed(folder: Path) -> feedparser.FeedParserDict:
    return feedparser.parse((folder / "feed.xml").read_bytes())


def test_feedparser_reads_every_episode(podcast: Path, articles: list[Article]) -> None:
    feed = _feed(podcast)
    assert not feed.bozo, feed.get("bozo_exception")
    assert len(feed.entries) == 3
    newest_first = sorted(articles, key=lambda a: a.date or datetime.date.min, reverse=True)
    assert [e.title for e in feed.entries] == [a.title for a in newest_first]
    for entry, article in zip(feed.entries, newest_first, strict=True):
        (enclosure,) = entry.enclosures
        audio = podcast / enclosure.href.removeprefix(BASE)
        assert enclosure.type == "audio/mpeg"
        assert int(enclosure.length) == audio.stat().st_size  # the exact byte size
        assert entry.published_parsed[:3] == article.date.timetuple()[:3]  # type: ignore[union-attr]
        assert entry.link == (article.canonical_url or article.url)
        assert article.body[0][:40] in entry.summary
        assert entry.itunes_duration.count(":") == 2
    assert feed.feed.title
    assert feed.feed.image.href == BASE + "cover.png"


def test_the_feed_carries_the_itunes_and_podcasting_2_tags(podcast: Path) -> None:
    root = etree.fromstring((podcast / "feed.xml").read_bytes())
    channel = root.find("channel")
    assert channel is not None
    for tag in ("author", "image", "explicit", "category", "type"):
        assert channel.find(f"{{{ITUNES}}}{tag}") is not None, tag
    assert channel.findtext(f"{{{PODCAST}}}guid")
    assert channel.findtext(f"{{{PODCAST}}}locked") in ("yes", "no")
    for item in channel.iter("item"):
        transcript = item.find(f"{{{PODCAST}}}transcript")
        chapters = item.find(f"{{{PODCAST}}}chapters")
        assert transcript is not None
        assert transcript.get("type") == "text/vtt"
        assert chapters is not None
        assert chapters.get("type") == "application/json+chapters"
        assert item.findtext(f"{{{ITUNES}}}duration")


def test_podcastparser_finds_enclosures_durations_transcripts_and_chapters(podcast: Path) -> None:
    parsed = podcastparser.parse(BASE + "feed.xml", io.BytesIO((podcast / "feed.xml").read_bytes()))
    assert len(parsed["episodes"]) == 3
    for episode in parsed["episodes"]:
        (enclosure,) = episode["enclosures"]
        assert enclosure["mime_type"] == "audio/mpeg"
        assert enclosure["file_size"] == (podcast / enclosure["url"].removeprefix(BASE)).stat().st_size
        assert episode["total_time"] > 5
        assert episode["guid"].startswith("urn:uuid:")
        assert episode["transcript_url"].endswith(".vtt")
        assert episode["chapters_json_url"].endswith(".chapters.json")
        assert (podcast / episode["transcript_url"].removeprefix(BASE)).is_file()
        assert (podcast / episode["chapters_json_url"].removeprefix(BASE)).is_file()


def test_each_mp3_decodes_and_lasts_as_long_as_its_transcript(podcast: Path) -> None:
    feed = _feed(podcast)
    for entry in feed.entries:
        audio = podcast / entry.enclosures[0].href.removeprefix(BASE)
        info = mutagen.mp3.MP3(audio).info
        assert info.channels == 1
        assert info.bitrate == 64_000
        transcript = audio.with_suffix(".vtt")
        captions = webvtt.read(str(transcript))
        assert len(captions) >= 5
        last_end = _seconds(captions[-1].end)
        # The audio ends with one paragraph pause after the last cue; MP3 frames add at most a few hundredths.
        assert 0 <= info.length - last_end <= SpeechOptions().paragraph_pause + 0.1, (info.length, last_end)
        hh, mm, ss = (int(x) for x in entry.itunes_duration.split(":"))
        assert abs(hh * 3600 + mm * 60 + ss - info.length) <= 1


def test_transcript_cues_are_the_spoken_sentences_in_time_order(podcast: Path, articles: list[Article]) -> None:
    transcript = next(podcast.glob("*.vtt"))
    captions = webvtt.read(str(transcript))
    starts = [c.start_in_seconds for c in captions]
    assert starts == sorted(starts)
    assert all(c.end_in_seconds > c.start_in_seconds for c in captions)
    text = " ".join(c.text for c in captions)
    assert any(a.title in text for a in articles)


def test_chapters_follow_the_podcasting_2_format(podcast: Path, articles: list[Article]) -> None:
    warwickshire = articles[0]
    for path in podcast.glob("*.chapters.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["version"] == "1.2.0"
        chapters = data["chapters"]
        assert chapters[0]["startTime"] == 0
        assert all(isinstance(c["startTime"], (int, float)) and isinstance(c["title"], str) for c in chapters)
        assert [c["startTime"] for c in chapters] == sorted(c["startTime"] for c in chapters)
        if chapters[0]["title"] == warwickshire.title:
            titles = [c["title"] for c in chapters]
            assert "Quote: Philip Seccombe" in titles
            assert any(warwickshire.body[i] in titles for i in subheadings(warwickshire))


def test_the_cover_is_a_square_png_in_the_allowed_sizes(podcast: Path) -> None:
    width, height = png_size((podcast / "cover.png").read_bytes())
    assert width == height
    assert 1400 <= width <= 3000


def test_a_rebuild_of_an_unchanged_set_speaks_nothing(podcast: Path, articles: list[Article], tmp_path: Path) -> None:
    folder = tmp_path / "again"
    shutil.copytree(podcast, folder)
    before = (folder / "feed.xml").read_bytes()
    report = build_podcast(list(reversed(articles)), folder, PodcastOptions(base_url=BASE))
    assert (report.synthesised, report.reused) == (0, 3)
    assert (folder / "feed.xml").read_bytes() == before  # same guids, sizes and order


def test_a_changed_release_is_spoken_again_and_a_new_one_added(podcast: Path, articles: list[Article],
                                                               tmp_path: Path) -> None:
    folder = tmp_path / "changed"
    shutil.copytree(podcast, folder)
    changed = dataclasses.replace(articles[1], body=(*articles[1].body, "A paragraph added later."))
    new = dataclasses.replace(articles[2], url="https://www.kent-pcc.gov.uk/news/another/", canonical_url=None,
                              title="Another release")
    report = build_podcast([articles[0], changed, articles[2], new], folder, PodcastOptions(base_url=BASE))
    assert (report.synthesised, report.reused) == (2, 2)
    old_guids = {e.guid for e in _feed(podcast).entries}
    assert old_guids <= {e.guid for e in _feed(folder).entries}  # the changed release keeps its guid


def test_limit_keeps_the_newest(articles: list[Article], podcast: Path, tmp_path: Path) -> None:
    folder = tmp_path / "limited"
    shutil.copytree(podcast, folder)
    report = build_podcast(articles, folder, PodcastOptions(base_url=BASE, limit=1))
    newest = max(articles, key=lambda a: a.date or datetime.date.min)
    assert [e.title for e in report.episodes] == [newest.title]
    assert report.removed == 2
    assert len(list(folder.glob("*.mp3"))) == 1


BAD = [
    ([], "at least one release"),
    ([Article("Undated release", ("Some text here.",))], "no date"),
    (["not an article"], "Article objects"),
]


@pytest.mark.parametrize(("given", "message"), BAD)
def test_bad_input_is_a_publish_error_and_leaves_no_feed(given: list[Article], message: str, tmp_path: Path) -> None:
    with pytest.raises(PublishError, match=message):
        build_podcast(given, tmp_path / "out", PodcastOptions(base_url=BASE))
    assert not (tmp_path / "out" / "feed.xml").exists()


def test_an_unwritable_folder_is_a_publish_error(articles: list[Article], tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(PublishError, match="cannot make the podcast folder"):
        build_podcast(articles[:1], blocker / "podcast", PodcastOptions(base_url=BASE))


@pytest.mark.parametrize(("field", "value"), [("base_url", "ftp://x.example/"), ("base_url", "podcast/"),
                                              ("limit", 0), ("title", " ")])
def test_bad_options(field: str, value: object) -> None:
    with pytest.raises(OptionsError, match=field):
        PodcastOptions(**{"base_url": BASE, field: value})  # type: ignore[arg-type]


def test_serve_answers_byte_ranges_with_the_exact_bytes(podcast: Path) -> None:
    audio = next(podcast.glob("*.mp3"))
    data = audio.read_bytes()
    with PodcastServer(podcast, port=0) as server:
        request = urllib.request.Request(server.url + audio.name, headers={"Range": "bytes=1000-1999"})
        with urllib.request.urlopen(request) as answer:
            assert answer.status == 206
            assert answer.headers["Content-Range"] == f"bytes 1000-1999/{len(data)}"
            assert answer.headers["Content-Type"] == "audio/mpeg"
            assert answer.read() == data[1000:2000]
        with urllib.request.urlopen(urllib.request.Request(server.url + audio.name,
                                                           headers={"Range": "bytes=-100"})) as answer:
            assert answer.read() == data[-100:]
        with urllib.request.urlopen(server.url + "feed.xml") as answer:
            assert answer.status == 200
            assert answer.headers["Content-Type"].startswith("application/rss+xml")
            assert answer.read() == (podcast / "feed.xml").read_bytes()
        for kind, suffix in (("text/vtt", ".vtt"), ("application/json", ".chapters.json"), ("image/png", ".png")):
            name = next(p.name for p in podcast.iterdir() if p.name.endswith(suffix))
            with urllib.request.urlopen(server.url + name) as answer:
                assert answer.headers["Content-Type"].startswith(kind)
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(urllib.request.Request(server.url + audio.name,
                                                          headers={"Range": f"bytes={len(data) + 5}-"}))
        caught.value.close()
        assert caught.value.code == 416


@pytest.mark.parametrize("path", ["", "..%2f..%2fetc%2fpasswd", "%2e%2e/%2e%2e/etc/passwd", "/etc/passwd",
                                  MANIFEST, "..\\feed.xml", "subdir/", "%00feed.xml"])
def test_serve_lists_nothing_and_leaves_nothing_outside(podcast: Path, path: str) -> None:
    with PodcastServer(podcast, port=0) as server, pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(server.url + path)
    caught.value.close()
    assert caught.value.code == 404


def test_a_link_out_of_the_folder_is_not_followed(podcast: Path, tmp_path: Path) -> None:
    folder = tmp_path / "linked"
    shutil.copytree(podcast, folder)
    secret = tmp_path / "secret.xml"
    secret.write_text("<secret/>")
    (folder / "leak.xml").symlink_to(secret)
    with PodcastServer(folder, port=0) as server, pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(server.url + "leak.xml")
    caught.value.close()
    assert caught.value.code == 404


def test_peak_limit_scales_down_only_what_is_too_loud() -> None:
    loud = array.array("h", [0, 32767, -32768, 1000]).tobytes()
    limited = array.array("h")
    limited.frombytes(_peak_limited(loud))
    assert max(limited) <= _PEAK
    assert -min(limited) <= _PEAK
    assert limited[3] == round(1000 * _PEAK / 32768)
    quiet = array.array("h", [0, 20000, -20000]).tobytes()
    assert _peak_limited(quiet) == quiet


def test_episodes_are_spoken_with_headroom(articles: list[Article], tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """What goes to the MP3 encoder never peaks above -1 dBFS (an MP3 decoder clips at full scale)."""
    seen: list[bytes] = []
    real = podcast_module.TimedAudio

    def recording(pcm: bytes, rate: int, timing: object) -> object:
        seen.append(pcm)
        return real(pcm, rate, timing)  # type: ignore[arg-type]

    monkeypatch.setattr(podcast_module, "TimedAudio", recording)
    build_podcast(articles, tmp_path / "p", PodcastOptions(base_url=BASE))
    assert len(seen) == len(articles)
    for pcm in seen:
        samples = array.array("h")
        samples.frombytes(pcm)
        assert max(samples) <= _PEAK
        assert -min(samples) <= _PEAK
        assert max(samples) > _PEAK // 4  # and it is still speech at a sensible level


def test_a_failure_half_way_leaves_the_feed_that_was_there(podcast: Path, articles: list[Article], tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "kept"
    shutil.copytree(podcast, folder)
    before = (folder / "feed.xml").read_bytes()
    real = podcast_module.timed_speech
    calls: list[str] = []

    def failing(article: Article, *args: object, **kwargs: object) -> object:
        calls.append(article.title)
        if len(calls) == 2:
            raise SpeechUnavailable("no speech engine works here", fix="install espeak-ng")
        return real(article, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(podcast_module, "timed_speech", failing)
    fresh = [dataclasses.replace(a, url=f"https://example.org/new/{i}/", canonical_url=None)
             for i, a in enumerate(articles)]
    with pytest.raises(SpeechUnavailable):
        build_podcast(fresh, folder, PodcastOptions(base_url=BASE))
    assert (folder / "feed.xml").read_bytes() == before
    assert not list(folder.glob(".*.partial"))


def test_characters_xml_forbids_are_left_out_of_every_text(articles: list[Article], tmp_path: Path) -> None:
    body = ("A \x07 bell and a \ufdd0 noncharacter.", *articles[2].body)
    hostile = dataclasses.replace(articles[2], title="Kent\x0b PCC\ufffe elected\x1b[31m", url="https://x.example/1/",
                                  canonical_url=None, body=body)
    report = build_podcast([hostile], tmp_path / "p", PodcastOptions(base_url=BASE, title="Odd\x00 name"))
    feed = feedparser.parse(report.feed.read_bytes())
    assert not feed.bozo
    assert feed.entries[0].title == "Kent PCC elected[31m"
    etree.fromstring(report.feed.read_bytes())  # well-formed XML
    (episode,) = report.episodes
    webvtt.read(str(tmp_path / "p" / episode.transcript))
    json.loads((tmp_path / "p" / episode.chapters).read_text(encoding="utf-8"))
