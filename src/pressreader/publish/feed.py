"""The texts of a podcast: the RSS feed, each episode's WebVTT transcript and JSON chapters.

Pure functions of plain data (no audio, no files), so that each is easy to check
against the standards: RSS 2.0 with the iTunes namespace and the Podcasting 2.0
namespace (``podcast:transcript``, ``podcast:chapters``, ``podcast:guid``,
``podcast:locked``); WebVTT cues; Podcasting 2.0 JSON chapters, version 1.2.0.

    >>> print(webvtt([(0.0, 1.5, "PCC visits Rugby"), (1.5, 1.5, "")]))
    WEBVTT
    <BLANKLINE>
    1
    00:00:00.000 --> 00:00:01.500
    PCC visits Rugby
    <BLANKLINE>
    <BLANKLINE>
"""

from __future__ import annotations

import datetime
import email.utils
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from lxml import etree

from ..models import clean_text as printable  # the one rule for what no output may hold

__all__ = ["Channel", "Item", "chapters_json", "episode_guid", "feed_guid", "feed_xml", "webvtt"]

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"
#: The namespace the Podcasting 2.0 standard was first published under. Parsers of that time (gPodder's
#: podcastparser among them) know only this one, so transcript and chapters are given under both.
PODCAST_FIRST = "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md"
ATOM = "http://www.w3.org/2005/Atom"
#: The namespace Podcasting 2.0 gives for feed GUIDs (uuid v5 of the feed URL without its scheme).
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")


@dataclass(frozen=True, slots=True)
class Channel:
    """What the feed says about itself."""

    title: str
    link: str
    feed_url: str
    description: str
    author: str
    language: str
    image_url: str


@dataclass(frozen=True, slots=True)
class Item:
    """One episode as the feed lists it (``size`` in bytes, ``duration`` in seconds)."""

    guid: str
    title: str
    link: str | None
    date: datetime.date
    description: str
    audio_url: str
    size: int
    duration: float
    transcript_url: str
    chapters_url: str


def feed_guid(feed_url: str) -> str:
    """The Podcasting 2.0 ``podcast:guid`` of a feed: uuid v5 of its URL without scheme or end slashes.

    >>> feed_guid("https://podnews.net/rss")
    '9b024349-ccf0-5f69-a609-6b82873eab3c'
    """
    bare = feed_url.split("://", 1)[-1].rstrip("/")
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, bare))


def episode_guid(url: str | None, title: str, date: datetime.date | None) -> str:
    """A GUID that stays the same for one release on every run and machine: from its address.

    The address is compared without its fragment, with the scheme and host in
    lower case and without a final slash, so a re-crawl that finds the same page
    by a slightly different link keeps the episode. A release with no address
    is known by its title and date.

    >>> episode_guid("https://X.example/news/a/", "T", None) == episode_guid("https://x.example/news/a", "U", None)
    True
    """
    if url:
        parts = urlsplit(url.strip())
        key = urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/"), parts.query, ""))
    else:
        key = f"untitled:{' '.join(title.split())}|{date.isoformat() if date else ''}"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, key)}"


def _clock(seconds: float) -> str:
    millis = round(max(0.0, seconds) * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def _cue_text(text: str) -> str:
    """Cue text as WebVTT allows it: entities for ``& < >``, no "-->", one line."""
    flat = " ".join(printable(text).split()).replace("-->", "→")
    return flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def webvtt(cues: Sequence[tuple[float, float, str]]) -> str:
    """A WebVTT file of ``(start, end, text)`` cues; empty or zero-length cues are left out."""
    lines = ["WEBVTT", ""]
    number = 0
    for start, end, text in cues:
        body = _cue_text(text)
        if not body or end <= start:
            continue
        number += 1
        lines += [str(number), f"{_clock(start)} --> {_clock(end)}", body, ""]
    return "\n".join(lines) + "\n" if number else "WEBVTT\n"


def chapters_json(chapters: Sequence[tuple[float, str]]) -> str:
    """Podcasting 2.0 JSON chapters (version 1.2.0) of ``(start seconds, title)`` pairs, in order.

    >>> json.loads(chapters_json([(0.0, "Title"), (12.5, "Quote: Ann Lee")]))["chapters"][1]
    {'startTime': 12.5, 'title': 'Quote: Ann Lee'}
    """
    ordered = sorted(chapters, key=lambda c: c[0])
    return json.dumps(
        {"version": "1.2.0",
         "chapters": [{"startTime": round(t, 3), "title": printable(title)} for t, title in ordered]},
        ensure_ascii=False, indent=2,
    ) + "\n"


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrib: str) -> etree._Element:
    element = etree.SubElement(parent, tag, {k.rstrip("_"): printable(v) for k, v in attrib.items()})
    if text is not None:
        element.text = printable(text)
    return element


def _duration(seconds: float) -> str:
    whole = max(1, round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}"


def _pub_date(day: datetime.date) -> str:
    return email.utils.format_datetime(datetime.datetime.combine(day, datetime.time(0, 0), datetime.timezone.utc))


def feed_xml(channel: Channel, items: Sequence[Item]) -> bytes:
    """The RSS 2.0 feed (UTF-8 bytes) of ``items``, newest first as given."""
    it, pc = f"{{{ITUNES}}}", f"{{{PODCAST}}}"
    spaces = {"itunes": ITUNES, "podcast": PODCAST, "podcast1": PODCAST_FIRST, "atom": ATOM}
    rss = etree.Element("rss", {"version": "2.0"}, nsmap=spaces)
    ch = _sub(rss, "channel")
    _sub(ch, "title", channel.title)
    _sub(ch, "link", channel.link)
    _sub(ch, "description", channel.description)
    _sub(ch, "language", channel.language)
    _sub(ch, "generator", "pressreader")
    _sub(ch, f"{{{ATOM}}}link", href=channel.feed_url, rel="self", type="application/rss+xml")
    image = _sub(ch, "image")
    _sub(image, "url", channel.image_url)
    _sub(image, "title", channel.title)
    _sub(image, "link", channel.link)
    _sub(ch, it + "author", channel.author)
    _sub(ch, it + "image", href=channel.image_url)
    _sub(ch, it + "explicit", "false")
    _sub(ch, it + "type", "episodic")
    _sub(ch, it + "category", text="Government")
    _sub(ch, it + "summary", channel.description)
    _sub(ch, pc + "guid", feed_guid(channel.feed_url))
    _sub(ch, pc + "locked", "no")
    for item in items:
        entry = _sub(ch, "item")
        _sub(entry, "title", item.title)
        if item.link:
            _sub(entry, "link", item.link)
        _sub(entry, "guid", item.guid, isPermaLink="false")
        _sub(entry, "pubDate", _pub_date(item.date))
        _sub(entry, "description", item.description)
        _sub(entry, "enclosure", url=item.audio_url, length=str(item.size), type="audio/mpeg")
        _sub(entry, it + "duration", _duration(item.duration))
        _sub(entry, it + "explicit", "false")
        _sub(entry, it + "episodeType", "full")
        for ns in (pc, f"{{{PODCAST_FIRST}}}"):
            _sub(entry, ns + "transcript", url=item.transcript_url, type="text/vtt", language=channel.language)
            _sub(entry, ns + "chapters", url=item.chapters_url, type="application/json+chapters")
    return bytes(etree.tostring(rss, xml_declaration=True, encoding="UTF-8", pretty_print=True))
