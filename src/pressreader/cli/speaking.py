"""``pressreader speak`` and ``pressreader voices``: articles read aloud, offline.

``speak`` takes a saved page or Article JSON file, a web address, or an archive
id; it plays the article (``aplay`` on Linux) or, with ``--save``, writes one
WAV or MP3 file plus a timing index. ``--script`` prints what would be said
without any speech engine. ``voices`` lists the voices installed.

    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="pressreader")
    >>> register(parser.add_subparsers())
    >>> parser.parse_args(["speak", "page.html", "--rate", "200", "--save", "out.wav"]).rate
    200
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import OptionsError
from ._common import EXIT_OK, UsageError, add_command, read_bytes

if TYPE_CHECKING:  # speech, fetching and the archive load only when a command needs them
    from ..models import Article
    from ..speech import PlayerEvent, SpeechOptions

__all__ = ["register"]


def _load(target: str, db: str | None) -> Article:
    """The article named on the command line: a file, a web address or an archive id."""
    if target == "-" or Path(target).is_file():
        from ._common import load_article

        return load_article(read_bytes(target))
    if "://" in target:
        from ..fetch import read

        return read(target)
    if target.isdigit():
        from ..store import Archive

        with Archive(db) as archive:
            stored = archive.get(target)
        if stored is None:
            raise UsageError(
                f"there is no article {target} in the archive (`pressreader latest SITE` lists ids)"
            )
        return stored.article
    raise UsageError(f"no such file, web address or archive id: {target!r}")


def _options(args: argparse.Namespace) -> SpeechOptions:
    from ..speech import SpeechOptions

    fields: dict[str, object] = {"include_notes": not args.no_notes}
    if args.voice is not None:
        fields["voice"] = args.voice
    if args.language is not None:
        fields["language"] = args.language
    if args.rate is not None:
        fields["rate"] = args.rate
    if args.speed is not None:
        fields["rate_factor"] = args.speed
    try:
        return SpeechOptions().replace(**fields)
    except OptionsError as exc:
        raise UsageError(str(exc)) from None


def _speak(args: argparse.Namespace) -> int:
    options = _options(args)
    article = _load(args.target, args.db)
    from ..speech import Player, save_audio, speech_script

    if args.script:
        for utterance in speech_script(article, options):
            sys.stdout.write(f"{utterance.kind}\t{utterance.text}\n")
        return EXIT_OK
    if args.save is not None:
        index = save_audio(article, args.save, options, per_paragraph=args.per_paragraph)
        minutes, seconds = divmod(round(index.duration), 60)
        sys.stdout.write(
            f"saved {minutes} min {seconds} s of speech to {index.path} "
            f"({len(index.utterances)} utterances; timings in {Path(index.path).stem}.timings.json)\n"
        )
        return EXIT_OK
    with Player(article, options) as player:

        def show(event: PlayerEvent) -> None:
            if event.utterance is not None:
                sys.stdout.write(event.utterance.display + "\n")
                sys.stdout.flush()

        player.on("utterance-started", show)
        player.play()
        player.wait()
    return EXIT_OK


def _voices(args: argparse.Namespace) -> int:
    from ..speech import list_voices

    voices = list_voices()
    if args.language:
        voices = [v for v in voices if v.speaks(args.language)]
    if args.json:
        rows = [
            {"id": v.id, "name": v.name, "languages": list(v.languages), "gender": v.gender} for v in voices
        ]
        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        return EXIT_OK
    if not voices:
        sys.stdout.write("no voices found" + (f" for {args.language}" if args.language else "") + "\n")
        return EXIT_OK
    width = max(len(v.id) for v in voices)
    for v in voices:
        languages = ", ".join(v.languages) or "-"
        sys.stdout.write(f"{v.id:<{width}}  {v.name} ({languages}{', ' + v.gender if v.gender else ''})\n")
    return EXIT_OK


def _words_per_minute(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"not a number of words per minute: {text!r}")
    return int(text)


def _factor(text: str) -> float:
    try:
        return float(text.rstrip("x×"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a speed factor such as 1.5: {text!r}") from None


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``speak`` and ``voices`` subcommands."""
    p = add_command(
        sub,
        "speak",
        _speak,
        help="read an article aloud, or save it as audio",
        examples=(
            "  pressreader speak saved-page.html\n"
            "  pressreader speak article.json --rate 150 --voice gmw/en-gb-x-rp\n"
            "  pressreader speak https://www.warwickshire-pcc.gov.uk/news/a-story/ --save story.wav\n"
            "  pressreader speak 42 --save story.mp3 --per-paragraph\n"
            "  pressreader speak saved-page.html --script"
        ),
    )
    p.add_argument(
        "target", metavar="FILE|URL|ID", help="a saved page or Article JSON, a web address, or an id"
    )
    p.add_argument("--voice", metavar="ID", help="a voice id from 'pressreader voices'")
    p.add_argument("--language", metavar="TAG", help="choose a voice by language (default en-GB)")
    p.add_argument(
        "--rate", type=_words_per_minute, metavar="WPM", help="words per minute (80-500; default 175)"
    )
    p.add_argument("--speed", type=_factor, metavar="FACTOR", help="speed factor, 0.5 to 2.5 (default 1)")
    p.add_argument("--save", metavar="FILE", help="write a .wav (or .mp3) file instead of playing")
    p.add_argument("--per-paragraph", action="store_true", help="with --save, also one file per paragraph")
    p.add_argument("--no-notes", action="store_true", help="leave out notes to editors")
    p.add_argument("--script", action="store_true", help="print what would be said; needs no speech engine")
    p.add_argument("--db", metavar="PATH", help="the archive file, for an article id")

    p = add_command(
        sub,
        "voices",
        _voices,
        help="list the speech voices installed",
        examples="  pressreader voices\n  pressreader voices --language en-GB\n  pressreader voices --json",
    )
    p.add_argument("--language", metavar="TAG", help="only voices speaking this language (e.g. en, en-GB)")
    p.add_argument("--json", action="store_true", help="print the list as JSON")
