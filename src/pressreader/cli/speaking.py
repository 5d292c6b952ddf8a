"""``pressreader speak`` and ``pressreader voices``: articles read aloud, offline.

``speak`` takes a saved page or Article JSON file, a web address, an archive
id or a site name; it plays the article (``aplay`` on Linux) or, with ``--save``, writes one
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
from ._common import (
    ARTICLE_HELP,
    ARTICLE_METAVAR,
    EXIT_OK,
    UsageError,
    add_command,
    add_db,
    add_json,
    add_voice,
    load_input,
    refuse_overwriting_input,
)

if TYPE_CHECKING:  # speech, fetching and the archive load only when a command needs them
    from ..speech import SpeechOptions

__all__ = ["register"]


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
    refuse_overwriting_input(args.save, args.article)
    article = load_input(args.article, db=args.db)
    from ..speech import save_audio, speech_script

    if args.script:
        script = speech_script(article, options)
        if args.json:
            rows = [{"kind": u.kind, "text": u.text, "display": u.display, "paragraph": u.paragraph} for u in script]
            sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
            return EXIT_OK
        for utterance in script:
            sys.stdout.write(f"{utterance.kind}\t{utterance.text}\n")
        return EXIT_OK
    if args.save is not None:
        index = save_audio(article, args.save, options, per_paragraph=args.per_paragraph)
        if args.json:
            sys.stdout.write(index.to_json() + "\n")
            return EXIT_OK
        minutes, seconds = divmod(round(index.duration), 60)
        sys.stdout.write(
            f"saved {minutes} min {seconds} s of speech to {index.path} "
            f"({len(index.utterances)} utterances; timings in {Path(index.path).stem}.timings.json)\n"
        )
        return EXIT_OK
    from ..reader.session import Reader, audio_sink_from_env

    # On a terminal the keys control it (space, n, p, s, S, r, +, -, q, h); otherwise it reads to the end.
    Reader(article, options, sink=audio_sink_from_env()).run()
    return EXIT_OK


def _voices(args: argparse.Namespace) -> int:
    from ..speech import list_voices

    voices = list_voices()
    if args.language:
        voices = [v for v in voices if v.speaks(args.language)]
    if args.json:
        rows = [{"id": v.id, "name": v.name, "languages": list(v.languages), "gender": v.gender} for v in voices]
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


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``speak`` and ``voices`` subcommands."""
    p = add_command(
        sub,
        "speak",
        _speak,
        help="read an article aloud (keys control it on a terminal: h lists them), or save it as audio",
        examples=(
            "  pressreader speak saved-page.html\n"
            "  pressreader speak article.json --rate 150 --voice gmw/en-gb-x-rp\n"
            "  pressreader speak https://www.warwickshire-pcc.gov.uk/news/a-story/ --save story.wav\n"
            "  pressreader speak 42 --save story.mp3 --per-paragraph\n"
            "  pressreader speak warwickshire --save latest.wav\n"
            "  pressreader speak saved-page.html --script"
        ),
    )
    p.add_argument("article", metavar=ARTICLE_METAVAR, help=ARTICLE_HELP)
    add_voice(p)
    p.add_argument("--save", metavar="FILE", help="write a .wav (or .mp3) file instead of playing")
    p.add_argument("--per-paragraph", action="store_true", help="with --save, also one file per paragraph")
    p.add_argument("--no-notes", action="store_true", help="leave out notes to editors")
    p.add_argument("--script", action="store_true", help="print what would be said; needs no speech engine")
    add_json(p, "the --script (or the --save timings)")
    add_db(p)

    p = add_command(
        sub,
        "voices",
        _voices,
        help="list the speech voices installed",
        examples="  pressreader voices\n  pressreader voices --language en-GB\n  pressreader voices --json",
    )
    p.add_argument("--language", metavar="TAG", help="only voices speaking this language (e.g. en, en-GB)")
    add_json(p, "the list")
