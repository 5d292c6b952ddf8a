"""Timings and a talking book for a 20-article month: target under 10 s.

    .venv/bin/python benchmarks/bench_epub.py [--articles N] [--granularity word|sentence]

Builds N articles (default 20) from the golden fixture articles
(tests/fixtures/pages/*/*.json), repeated as needed (each copy gets its own
title and address, so each is its own chapter). Times, in this process:

* ``timings``: :func:`pressreader.speech.timing.timed_speech` for every article
  (espeak-ng synthesis with word events, alignment to the displayed text);
* ``epub``: :func:`pressreader.export_epub` of all N (synthesis again, MP3
  encoding, XHTML, SMIL, zip) - the figure the target applies to;
* ``reference``: :func:`pressreader.speech.save_audio` of the same articles to
  WAV through the default pyttsx3 engine (no timings, no MP3): what plain
  saving costs, for the ratio.

Prints seconds, the hours of audio, and the ratio epub / reference.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import tempfile
import time
from pathlib import Path

from pressreader.models import Article
from pressreader.publish.epub import EpubOptions, export_epub
from pressreader.speech.audio import save_audio
from pressreader.speech.engine import Pyttsx3Engine
from pressreader.speech.timing import timed_speech

ROOT = Path(__file__).resolve().parents[1]


def month(n: int) -> list[Article]:
    """``n`` articles cycled from the fixtures, each with its own title and key."""
    base = [
        Article.from_dict(json.loads(p.read_text("utf-8"))) for p in sorted(ROOT.glob("tests/fixtures/pages/*/*.json"))
    ]
    articles = []
    for i in range(n):
        a = base[i % len(base)]
        copy = i // len(base)
        title = a.title if copy == 0 else f"{a.title} ({copy + 1})"
        articles.append(dataclasses.replace(a, title=title, url=f"https://example.org/{i}/"))
    return articles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--granularity", choices=("word", "sentence"), default="word")
    parser.add_argument("--no-reference", action="store_true", help="skip the pyttsx3 save_audio reference")
    args = parser.parse_args(argv)
    articles = month(args.articles)

    start = time.perf_counter()
    audio = [timed_speech(a) for a in articles]
    timings = time.perf_counter() - start
    seconds_of_audio = sum(t.timing.duration for t in audio)
    words = sum(len(t.timing.words) for t in audio)

    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        book = export_epub(articles, Path(folder) / "month.epub", EpubOptions(granularity=args.granularity))
        epub = time.perf_counter() - start
        size = book.stat().st_size

        reference = None
        if not args.no_reference:
            start = time.perf_counter()
            with Pyttsx3Engine() as engine:
                for n, article in enumerate(articles):
                    save_audio(article, Path(folder) / f"ref-{n}.wav", engine=engine)
            reference = time.perf_counter() - start

    print(f"articles:            {len(articles)} ({seconds_of_audio / 3600:.2f} h of speech, {words} timed words)")
    print(f"timings only:        {timings:.2f} s")
    print(f"EPUB (timings, MP3, overlays, zip): {epub:.2f} s  -> {'PASS' if epub < 10 else 'FAIL'} (target < 10 s)")
    print(f"EPUB size:           {size / 1e6:.1f} MB")
    if reference is not None:
        print(
            f"reference save_audio (pyttsx3, WAV, no timings): {reference:.2f} s; "
            f"EPUB / reference = {epub / reference:.2f}"
        )
    return 0 if epub < 10 else 1


if __name__ == "__main__":
    sys.exit(main())
