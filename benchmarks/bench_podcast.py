"""How long a 20-release podcast takes to build, and to rebuild when nothing changed.

    .venv/bin/python benchmarks/bench_podcast.py [--releases N]

Builds N releases (default 20) cycled from the golden fixture articles (each copy
with its own address and a date, so each is its own episode), in this process:

* ``first build``: :func:`pressreader.build_podcast` into an empty folder
  (espeak-ng synthesis with word events, peak normalising, MP3 encoding,
  transcript, chapters, feed);
* ``no-change rebuild``: the same call again on the same folder (nothing to
  speak: content keys match, the feed is written anew);
* ``one changed``: again with one release's text changed (one episode spoken);
* ``reference``: :func:`pressreader.speech.timing.timed_speech` of every release
  (synthesis alone), for the ratio first build / reference.

Prints seconds, the hours of audio, the feed's size and the ratios.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import tempfile
import time
from pathlib import Path

from bench_epub import month  # the same release set as the talking-book benchmark

from pressreader.models import Article
from pressreader.publish import PodcastOptions, build_podcast
from pressreader.speech.timing import timed_speech


def releases(n: int) -> list[Article]:
    """``n`` dated releases with their own addresses."""
    start = datetime.date(2024, 1, 1)
    return [
        dataclasses.replace(a, date=a.date or start + datetime.timedelta(days=i), canonical_url=None)
        for i, a in enumerate(month(n))
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=20)
    args = parser.parse_args()
    chosen = releases(args.releases)
    options = PodcastOptions(base_url="https://podcasts.example.org/bench/")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "podcast"
        t0 = time.perf_counter()
        first = build_podcast(chosen, folder, options)
        t1 = time.perf_counter()
        again = build_podcast(chosen, folder, options)
        t2 = time.perf_counter()
        edited = [dataclasses.replace(chosen[0], body=(*chosen[0].body, "A paragraph added later.")), *chosen[1:]]
        changed = build_podcast(edited, folder, options)
        t3 = time.perf_counter()
        for article in chosen:
            timed_speech(article, options.speech)
        t4 = time.perf_counter()
        hours = sum(e.duration for e in first.episodes) / 3600
        feed_kb = (folder / "feed.xml").stat().st_size / 1024
        audio_mb = sum((folder / e.audio).stat().st_size for e in first.episodes) / 1e6
    build, rebuild, one, reference = t1 - t0, t2 - t1, t3 - t2, t4 - t3
    print(f"releases: {len(chosen)} ({hours:.2f} h of audio, {audio_mb:.1f} MB of MP3, feed {feed_kb:.0f} KB)")
    print(f"first build:        {build:7.2f} s  ({first.synthesised} spoken)")
    print(f"no-change rebuild:  {rebuild:7.3f} s  ({again.synthesised} spoken, {again.reused} unchanged)")
    print(f"one changed:        {one:7.2f} s  ({changed.synthesised} spoken, {changed.reused} unchanged)")
    print(f"reference (timed_speech of every release): {reference:.2f} s")
    print(f"ratios: first build / reference {build / reference:.2f}; rebuild / first build {rebuild / build:.4f}")


if __name__ == "__main__":
    main()
