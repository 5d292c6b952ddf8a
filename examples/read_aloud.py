#!/usr/bin/env python3
"""Read a Police and Crime Commissioner's press release aloud, with keys to control it.

Made for people who listen: blind and partially sighted readers, dyslexic and
older readers, and the people who set things up for them. Run it with nothing
to hear the bundled sample release (no internet needed):

    python examples/read_aloud.py                     # the bundled sample
    python examples/read_aloud.py warwickshire        # a site's latest release
    python examples/read_aloud.py warwickshire --list # choose from its recent releases by number
    python examples/read_aloud.py saved-page.html --size largest --theme high-contrast
    python examples/read_aloud.py 12 --no-speech      # from the archive, text only (for screen readers)

While it reads: space pauses or goes on, n / p next or previous paragraph,
s / S next or previous sentence, r repeats, + / - faster or slower, q quits,
h or ? lists the keys. Each key says what it did.

Your size, colours, voice and speed are remembered for next time; --reset forgets them.
Everything here is the pressreader library (pressreader.reader): this file only puts it together.
"""

from __future__ import annotations

import argparse
import os
import sys
import webbrowser
from pathlib import Path

from pressreader import RenderOptions, SpeechOptions, list_voices, save_audio
from pressreader.errors import PlaybackUnavailable, PressreaderError, SpeechError, SpeechUnavailable
from pressreader.models import Article
from pressreader.reader import (
    FileSink,
    Preferences,
    Reader,
    audio_sink_from_env,
    classify,
    explain,
    load_preferences,
    open_article,
    recent_releases,
    reset_preferences,
    save_preferences,
)
from pressreader.reader.session import choose_release, numbered_titles
from pressreader.rendering import article_filename, render, should_color
from pressreader.speech import resolve_voice


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="read_aloud.py",
        description="Read a Police and Crime Commissioner press release aloud, with keys to control it.",
        epilog="Keys while reading: space pause or go on, n/p paragraph, s/S sentence, r repeat, "
        "+/- speed, q quit, h help.",
    )
    parser.add_argument(
        "article",
        nargs="?",
        metavar="ARTICLE",
        help="a web address, a saved page, an archive id or a site name such as warwickshire "
        "(nothing: the bundled sample release)",
    )
    parser.add_argument("--list", action="store_true", help="list the site's recent releases to choose one by number")
    parser.add_argument("--size", choices=("standard", "large", "largest"), help="text size (remembered)")
    parser.add_argument("--theme", choices=("default", "high-contrast", "dark", "cream"), help="colours (remembered)")
    parser.add_argument("--voice", help="a voice id from 'pressreader voices' (remembered)")
    parser.add_argument("--rate", type=int, metavar="WPM", help="words per minute, 80 to 500 (remembered)")
    parser.add_argument("--no-speech", action="store_true", help="text only, for screen readers: no colours or effects")
    parser.add_argument("--save-audio", metavar="FILE", help="also save the article as a .wav (or .mp3) file")
    parser.add_argument("--browser", action="store_true", help="also open the large-print reader view in a browser")
    parser.add_argument("--save-html", action="store_true", help="also save the reader view as a web page (not opened)")
    parser.add_argument("--out-dir", default=".", metavar="DIR", help="where to save files (default: this folder)")
    parser.add_argument("--reset", action="store_true", help="forget the remembered size, colours, voice and speed")
    parser.add_argument("--db", metavar="PATH", help="the archive file, for an archive id")
    parser.add_argument("--audio-to", metavar="FILE", help="for testing: 'play' into this WAV file in real time")
    return parser


def say(message: str) -> None:
    """Every message is one line on standard output, where a screen reader reads it in order."""
    print(message, flush=True)


def settle_preferences(args: argparse.Namespace) -> Preferences:
    """The saved preferences with this run's flags on top; flags given are remembered."""
    if args.reset and reset_preferences():
        say("Forgot your saved settings.")
    try:
        saved = load_preferences()
    except PressreaderError as error:
        say(explain(error))
        saved = Preferences()
    wanted = saved.replace(size=args.size, theme=args.theme, voice=checked_voice(args.voice), rate=args.rate)
    if wanted != saved:
        path = save_preferences(wanted)
        say(f"Your settings are remembered for next time (in {path}).")
    return wanted


def checked_voice(voice: str | None) -> str | None:
    """The voice asked for, as the speech engine names it, if it is installed here.

    A voice that is not installed is neither used nor remembered (it would fail every later
    run): the reader is told, and the saved or default voice reads instead.
    """
    if voice is None:
        return None
    try:
        return resolve_voice(list_voices(), SpeechOptions(voice=voice))
    except SpeechUnavailable:
        return None  # no speech here at all: that is said when the reading starts
    except PressreaderError as error:
        say(explain(error))
        say(f"The voice {voice} is not used or remembered.")
        return None


def choose_article(args: argparse.Namespace) -> Article:
    """The article asked for; with --list, the release the reader picks from a numbered list."""
    kind = classify(args.article).kind
    if kind in ("url", "site"):  # say so: the internet can take a while, and silence worries a listener
        say(f"Getting {'the release' if kind == 'url' and not args.list else 'the news'} from the internet.")
    if not args.list:
        return open_article(args.article, db=args.db)
    if not args.article:
        raise SystemExit("Name a site to list its releases, for example: read_aloud.py warwickshire --list")
    links = recent_releases(args.article, limit=10)
    if not links:
        raise SystemExit(f"The site {args.article} lists no news releases at the moment.")
    say(f"Recent releases from {args.article}:")
    say(numbered_titles(links))
    while True:
        say("Type the number of the release to read, then press Enter (just Enter: the newest).")
        try:
            link = choose_release(links, input())
        except EOFError:
            link = links[0]
        except PressreaderError as error:
            say(explain(error))
            continue
        say("Getting that release from the internet.")
        return open_article(link.url)


def show(article: Article, prefs: Preferences, args: argparse.Namespace) -> None:
    """The article as text at the reader's size: plain for screen readers, bold titles on a terminal."""
    width = os.get_terminal_size().columns if sys.stdout.isatty() else 80
    color = not args.no_speech and should_color(sys.stdout, os.environ)
    options = RenderOptions(size=prefs.size, theme=prefs.theme, width=max(20, width), color=color)  # type: ignore[arg-type]
    sys.stdout.write(render(article, "terminal" if color else "text", options=options) + "\n")
    sys.stdout.flush()


def write_reader_view(article: Article, prefs: Preferences, out_dir: Path, *, open_it: bool) -> None:
    """Write the large-print reader view (a web page) and, when asked, open it in the web browser."""
    path = (out_dir / article_filename(article)).resolve()
    options = RenderOptions(size=prefs.size, theme=prefs.theme)  # type: ignore[arg-type]
    path.write_text(render(article, "html", options=options), encoding="utf-8")
    if not open_it:
        say(f"The reader view is saved in {path}: open it in any web browser.")
        return
    opened = False
    try:
        opened = webbrowser.open(path.as_uri())
    except webbrowser.Error:
        opened = False
    if opened:
        say(f"Opened the reader view in your web browser; the page is saved in {path}.")
    else:
        say(f"The reader view is saved in {path}: no web browser could be opened here, so open that file yourself.")


def save(article: Article, options: SpeechOptions, path: Path) -> None:
    path = path.resolve()
    say(f"Saving the article as audio in {path}.")
    index = save_audio(article, path, options)
    minutes, seconds = divmod(round(index.duration), 60)
    length = f"{minutes} minute{'' if minutes == 1 else 's'} {seconds} second{'' if seconds == 1 else 's'}"
    say(f"Saved {length} of speech in {index.path}: play it with any audio player.")


def read_aloud(article: Article, prefs: Preferences, args: argparse.Namespace, out_dir: Path) -> int:
    """Read aloud with the keys; fall back to saving when there is no sound, to the text when no speech."""
    options = SpeechOptions(voice=prefs.voice, rate=prefs.rate or SpeechOptions().rate)
    try:
        if args.save_audio:
            save(article, options, Path(args.save_audio))
        sink = FileSink(args.audio_to) if args.audio_to else audio_sink_from_env()
        speed = Reader(article, options, sink=sink).run()
    except SpeechUnavailable as error:
        say(explain(error, instead="the article is shown above as text only"))
        return 1
    except PlaybackUnavailable as error:
        if args.save_audio:
            say(explain(error, instead=f"listen to the sound file saved in {Path(args.save_audio).resolve()}"))
            return 0
        say(explain(error, instead="the speech is saved as a sound file"))
        save(article, options, out_dir / Path(article_filename(article)).with_suffix(".wav").name)
        return 0
    except SpeechError as error:  # a bad voice, a failed engine: the text above still stands
        say(explain(error))
        return 1
    if speed != options.rate_factor:
        new = prefs.replace(rate=max(80, min(500, options.replace(rate_factor=speed).effective_rate)))
        save_preferences(new)
        say(f"Your new speed, {new.rate} words a minute, is remembered for next time.")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    out_dir = Path(args.out_dir)
    try:
        prefs = settle_preferences(args)
        article = choose_article(args)
        show(article, prefs, args)
        if args.browser or args.save_html:
            out_dir.mkdir(parents=True, exist_ok=True)
            write_reader_view(article, prefs, out_dir, open_it=args.browser)
        if args.no_speech:
            return 0
        out_dir.mkdir(parents=True, exist_ok=True)
        return read_aloud(article, prefs, args, out_dir)
    except PressreaderError as error:
        say(explain(error))
        return 1
    except BrokenPipeError:  # the output was cut short (for example by `| head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as error:
        say(f"Could not write a file ({error.strerror}: {error.filename}): choose another folder with --out-dir.")
        return 1
    except KeyboardInterrupt:
        say("Stopped.")
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
