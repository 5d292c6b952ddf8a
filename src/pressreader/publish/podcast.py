"""A podcast of releases: every release a spoken episode, with a transcript and chapters.

:func:`build_podcast` writes into one folder ``feed.xml`` (RSS 2.0 with the
iTunes and Podcasting 2.0 namespaces), ``cover.png``, and for each release
``ep-<id>.mp3`` (the same structured speech as ``pressreader speak``: title,
date, body, quotes announced with their speaker), ``ep-<id>.vtt`` (each spoken
sentence with its real timing) and ``ep-<id>.chapters.json`` (the title, each
subheading, each quote). The folder is what a web server publishes at
``PodcastOptions.base_url``; :mod:`pressreader.publish.serve` can serve it.

Audio is mono MP3 at 64 kbit/s (about 0.5 MB a minute: small on a phone, clear
for speech). It is loudness-safe: espeak-ng at full volume reaches 0 dBFS, where
an MP3 decoder clips, so episodes are spoken at 80 % of the chosen volume (every
episode at the same level, about 1.5 dB below full scale at its loudest), and an
episode that still peaks above -1 dBFS is scaled down to it. Building again
synthesises only releases that are new or whose content changed (the release's
JSON and the voice settings, not its date, decide); an unchanged set rebuilds
the feed without speaking a word. Every file is written to a temporary name and
moved into place, the feed last, so a failure never leaves a half-written feed.

    >>> PodcastOptions(base_url="ftp://example.org/")
    Traceback (most recent call last):
      ...
    pressreader.errors.OptionsError: base_url must be an http or https address, not 'ftp://example.org/'
"""

from __future__ import annotations

import array
import dataclasses
import datetime
import hashlib
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from ..errors import OptionsError, PublishError
from ..files import replacing
from ..models import Article
from ..speech.engine import SpeechEngine
from ..speech.espeak import EspeakSynth
from ..speech.options import SpeechOptions
from ..speech.timing import TimedAudio, TimingMap, timed_speech
from .cover import cover_png
from .feed import Channel, Item, chapters_json, episode_guid, feed_xml, webvtt

__all__ = ["Episode", "PodcastOptions", "PodcastReport", "build_podcast", "subheadings"]

MANIFEST = ".pressreader-podcast.json"
_FORMAT = "mp3-64k-mono-volume0.8-peak-1dB/1"  # part of every episode's content key: change it to rebuild all
_PEAK = int(32767 * 10 ** (-1 / 20))  # -1 dBFS
_HEADROOM = 0.8  # of the chosen volume: espeak-ng's full volume peaks at 0 dBFS
_END = re.compile(r"[.!?:;,\"”’)\]…]$")


@dataclass(frozen=True, slots=True)
class PodcastOptions:
    """How a podcast is made. ``base_url`` is where the folder will be served from.

    ``title``, ``author`` and ``description`` default to words made from the
    releases' sources; ``limit`` keeps the newest releases only; ``speech`` is
    the voice, as for ``pressreader speak``.
    """

    base_url: str
    title: str | None = None
    author: str | None = None
    description: str | None = None
    language: str = "en-GB"
    limit: int | None = None
    speech: SpeechOptions = field(default_factory=SpeechOptions)

    def __post_init__(self) -> None:
        parts = urlsplit(self.base_url) if isinstance(self.base_url, str) else None
        if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
            raise OptionsError(f"base_url must be an http or https address, not {self.base_url!r}",
                               field="base_url", value=self.base_url)
        if not self.base_url.endswith("/"):
            object.__setattr__(self, "base_url", self.base_url + "/")
        if self.limit is not None and (not isinstance(self.limit, int) or isinstance(self.limit, bool)
                                       or self.limit < 1):
            raise OptionsError(f"limit must be a whole number of at least 1, not {self.limit!r}",
                               field="limit", value=self.limit)
        for name in ("title", "author", "description"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, str) or not value.strip()):
                raise OptionsError(f"{name} must be some text, not {value!r}", field=name, value=value)


@dataclass(frozen=True, slots=True)
class Episode:
    """One release's episode as written: its files (names in the folder), size and length."""

    guid: str
    key: str
    title: str
    date: str
    link: str | None
    description: str
    audio: str
    transcript: str
    chapters: str
    size: int
    duration: float


@dataclass(frozen=True, slots=True)
class PodcastReport:
    """What :func:`build_podcast` did: the feed, its episodes (newest first), what was spoken."""

    feed: Path
    episodes: tuple[Episode, ...]
    synthesised: int
    reused: int
    removed: int

    def summary(self) -> str:
        """One line for a person.

        >>> PodcastReport(Path("out/feed.xml"), (), 0, 0, 0).summary()
        'wrote out/feed.xml: 0 episodes (0 spoken now, 0 unchanged, 0 removed)'
        """
        count = len(self.episodes)
        return (f"wrote {self.feed}: {count} episode{'' if count == 1 else 's'} ({self.synthesised} spoken now, "
                f"{self.reused} unchanged, {self.removed} removed)")


def subheadings(article: Article) -> list[int]:
    """The body paragraphs that read as subheadings: short, unpunctuated, before a longer paragraph.

    A short line after a line ending in a colon, or before another short line, is a
    list item instead.

    >>> subheadings(Article("T", ("A long opening paragraph that says what happened today.",
    ...     "What happens next", "The next stage of the scheme opens to bids in May and runs all year.")))
    [1]
    """
    body = article.body
    found = []
    for i in range(1, len(body) - 1):
        text = body[i].strip()
        words = len(text.split())
        if not (1 <= words <= 10 and len(text) <= 80) or _END.search(text) or not text[:1].isupper():
            continue
        if body[i - 1].rstrip().endswith(":") or len(body[i + 1].split()) <= 12:
            continue
        found.append(i)
    return found


def _content_key(article: Article, options: PodcastOptions) -> str:
    speech = json.dumps(dataclasses.asdict(options.speech), sort_keys=True, default=str)
    digest = hashlib.sha256()
    for part in (_FORMAT, article.to_json(), speech):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def _peak_limited(pcm: bytes) -> bytes:
    """16-bit PCM scaled down, when its loudest sample is above -1 dBFS, to peak there."""
    samples = array.array("h")
    samples.frombytes(pcm[: len(pcm) - len(pcm) % 2])
    if not samples:
        return pcm
    peak = max(max(samples), -min(samples))
    if peak <= _PEAK:
        return pcm
    gain = _PEAK / peak
    return array.array("h", [round(s * gain) for s in samples]).tobytes()


def _chapters(article: Article, timing: TimingMap) -> list[tuple[float, str]]:
    marks = [(0.0, article.title)]
    heads = set(subheadings(article))
    opened: set[int] = set()
    first_paragraph = {q.paragraphs[0]: q for q in article.quotes if q.paragraphs}
    for s in timing.sentences:
        if s.paragraph is None or s.block not in (None, "body"):
            continue
        if s.kind == "paragraph" and s.paragraph in heads and s.paragraph not in opened:
            opened.add(s.paragraph)
            marks.append((s.start, " ".join(article.body[s.paragraph].split())))
        elif s.kind in ("quote_intro", "quote") and s.paragraph in first_paragraph and -s.paragraph - 1 not in opened:
            opened.add(-s.paragraph - 1)
            speaker = first_paragraph[s.paragraph].speaker
            marks.append((s.start, f"Quote: {speaker}" if speaker else "Quote"))
    return marks


def _description(article: Article, limit: int = 600) -> str:
    taken: list[str] = []
    for paragraph in article.body:
        if taken and sum(len(p) for p in taken) + len(paragraph) > limit:
            break
        taken.append(" ".join(paragraph.split()))
    text = "\n\n".join(taken)
    link = article.canonical_url or article.url
    return f"{text}\n\nRead the release: {link}" if link else text


def _write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole, or not at all."""
    with replacing(path, f"the podcast file {path.name}", PublishError) as out:
        out.write(data)


def _load_manifest(folder: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    episodes = data.get("episodes") if isinstance(data, dict) else None
    return {e["guid"]: e for e in episodes if isinstance(e, dict) and "guid" in e} if isinstance(episodes, list) else {}


def _reusable(folder: Path, known: dict[str, Any] | None, key: str) -> Episode | None:
    if not known or known.get("key") != key:
        return None
    try:
        episode = Episode(**{f.name: known[f.name] for f in dataclasses.fields(Episode)})
    except (KeyError, TypeError):
        return None
    audio = folder / episode.audio
    ok = audio.is_file() and audio.stat().st_size == episode.size
    return episode if ok and (folder / episode.transcript).is_file() and (folder / episode.chapters).is_file() else None


def _speak(article: Article, guid: str, key: str, folder: Path, options: PodcastOptions,
           engine: SpeechEngine | EspeakSynth | None) -> Episode:
    quieter = dataclasses.replace(options.speech, volume=options.speech.volume * _HEADROOM)
    spoken = timed_speech(article, quieter, engine=engine)
    audio = TimedAudio(_peak_limited(spoken.pcm), spoken.sample_rate, spoken.timing)
    mp3 = audio.mp3_bytes()
    stem = "ep-" + hashlib.sha1(guid.encode()).hexdigest()[:12]
    cues = [(s.start, s.end, s.display if s.display.strip() else s.text) for s in spoken.timing.sentences]
    _write(folder / f"{stem}.mp3", mp3)
    _write(folder / f"{stem}.vtt", webvtt(cues).encode("utf-8"))
    _write(folder / f"{stem}.chapters.json", chapters_json(_chapters(article, spoken.timing)).encode("utf-8"))
    assert article.date is not None
    return Episode(guid, key, article.title, article.date.isoformat(), article.canonical_url or article.url,
                   _description(article), f"{stem}.mp3", f"{stem}.vtt", f"{stem}.chapters.json", len(mp3),
                   len(audio.pcm) / 2 / audio.sample_rate)


def _guid(article: Article) -> str:
    return episode_guid(article.canonical_url or article.url, article.title, article.date)


def _chosen(articles: Sequence[Article], options: PodcastOptions) -> list[tuple[str, Article]]:
    """The releases to publish, newest first, each once, with its GUID."""
    for item in articles:
        if not isinstance(item, Article):
            raise PublishError(f"build_podcast needs Article objects, not {type(item).__name__}")
    if not articles:
        raise PublishError("a podcast needs at least one release")
    undated = [a.title for a in articles if a.date is None]
    if undated:
        names = "; ".join(f"“{t[:60]}”" for t in undated[:3]) + (" …" if len(undated) > 3 else "")
        raise PublishError(f"{len(undated)} release(s) have no date, and a podcast episode needs one: {names}")
    unique: dict[str, Article] = {}
    for article in sorted(articles, key=lambda a: a.date or datetime.date.min, reverse=True):
        unique.setdefault(_guid(article), article)
    newest = list(unique.items())
    return newest[: options.limit] if options.limit else newest


def _channel(articles: list[Article], options: PodcastOptions) -> Channel:
    sources = list(dict.fromkeys(a.source.name for a in articles if a.source is not None))
    who = " and ".join(sources) if 0 < len(sources) <= 2 else "Police and Crime Commissioners"
    title = options.title or (f"{who}: news releases" if sources else "News releases, read aloud")
    return Channel(
        title=title,
        link=options.base_url,
        feed_url=urljoin(options.base_url, "feed.xml"),
        description=options.description or f"The news releases of {who}, read aloud by pressreader, "
                                           "with a transcript and chapters for each.",
        author=options.author or who,
        language=options.language,
        image_url=urljoin(options.base_url, "cover.png"),
    )


def build_podcast(
    articles: Sequence[Article],
    folder: str | os.PathLike[str],
    options: PodcastOptions,
    *,
    engine: SpeechEngine | EspeakSynth | None = None,
) -> PodcastReport:
    """Write a podcast of ``articles`` into ``folder`` and return what was done.

    Raises :class:`~pressreader.errors.PublishError` for no releases, a release
    without a date or a folder that cannot be written, and
    :class:`~pressreader.errors.SpeechError` when the speech engine fails; the
    feed already in ``folder``, if any, is then left as it was.

        >>> build_podcast([], "/tmp/none", PodcastOptions(base_url="https://example.org/pod/"))
        Traceback (most recent call last):
          ...
        pressreader.errors.PublishError: a podcast needs at least one release
    """
    chosen = _chosen(articles, options)
    target = Path(folder)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PublishError(f"cannot make the podcast folder {target}: {exc.strerror or exc}") from exc
    if not os.access(target, os.W_OK | os.X_OK):
        raise PublishError(f"cannot write the podcast folder {target}: permission denied")
    known = _load_manifest(target)
    episodes: list[Episode] = []
    spoken = 0
    for guid, article in chosen:
        key = _content_key(article, options)
        episode = _reusable(target, known.get(guid), key)
        if episode is None:
            episode = _speak(article, guid, key, target, options, engine)
            spoken += 1
        episodes.append(episode)
    kept = {name for e in episodes for name in (e.audio, e.transcript, e.chapters)}
    removed = 0
    current = {e.guid for e in episodes}
    for old in known.values():
        if old.get("guid") in current:
            continue
        removed += 1
        for name in (old.get("audio"), old.get("transcript"), old.get("chapters")):
            if isinstance(name, str) and name not in kept and "/" not in name and name.startswith("ep-"):
                (target / name).unlink(missing_ok=True)
    channel = _channel([article for _, article in chosen], options)
    _write(target / "cover.png", cover_png(channel.title))
    base = options.base_url
    items = [
        Item(e.guid, e.title, e.link, datetime.date.fromisoformat(e.date), e.description, urljoin(base, e.audio),
             e.size, e.duration, urljoin(base, e.transcript), urljoin(base, e.chapters))
        for e in episodes
    ]
    manifest = {"format": _FORMAT, "episodes": [dataclasses.asdict(e) for e in episodes]}
    _write(target / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8", "surrogatepass"))
    feed = target / "feed.xml"
    _write(feed, feed_xml(channel, items))
    return PodcastReport(feed, tuple(episodes), spoken, len(episodes) - spoken, removed)
