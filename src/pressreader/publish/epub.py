"""Talking books: articles as one EPUB 3 with synchronised audio (Media Overlays).

:func:`export_epub` writes one chapter (XHTML) per article, a navigation
document, the audio of each article as MP3 (EPUB's core audio type; WAV is not
one) and a SMIL media overlay per chapter pairing every word (or, without
espeak-ng, every sentence) with its clip, so reading systems (Thorium, Apple
Books, Dolphin EasyReader) highlight as they speak. The package carries the
EPUB Accessibility 1.1 metadata (``schema:accessMode``, ``accessibilityFeature``
…, ``dcterms:conformsTo``) and ``media:duration`` / ``media:active-class``.
The zip is built with :mod:`zipfile`, ``mimetype`` first and stored; the result
is valid according to EPUBCheck with no errors or warnings
(``tests/test_epub.py``)::

    >>> export_epub([], "news.epub")
    Traceback (most recent call last):
    ...
    pressreader.errors.SpeechError: a talking book needs at least one article
"""

from __future__ import annotations

import dataclasses
import datetime
import importlib.util
import os
import uuid
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..errors import OptionsError, SpeechError
from ..files import replacing
from ..models import Article
from ..rendering._layout import domain, part_languages, safe_url, site_name
from ..rendering.html import esc, marked
from ..speech.engine import SpeechEngine, check_output_path
from ..speech.espeak import EspeakSynth
from ..speech.options import SpeechOptions
from ..speech.script import speech_script
from ..speech.timing import TimedAudio, TimedSentence, timed_speech

__all__ = ["ACTIVE_CLASS", "EpubOptions", "export_epub", "smil_clock"]

#: The class a reading system puts on the word being read (``media:active-class``).
ACTIVE_CLASS = "-epub-media-overlay-active"
_OPS = "http://www.idpf.org/2007/ops"
_CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
_STYLE = f"""\
body {{ font-family: Verdana, Tahoma, "DejaVu Sans", sans-serif; line-height: 1.5; text-align: left; }}
h1 {{ font-size: 1.5em; line-height: 1.3; }}
blockquote {{ margin: 0 0 1em 0; padding-left: 1em; border-left: 0.3em solid #595959; }}
.said, .announce, .meta {{ font-weight: bold; }}
nav li {{ margin: 0 0 0.75em; }}
nav a {{ display: inline-block; min-height: 24px; padding: 0.2em 0; }}
.{ACTIVE_CLASS} {{ background-color: #fff1a8; color: #1b1b1b; outline: 0.15em solid #0b3d91; \
text-decoration: underline; }}
"""


@dataclass(frozen=True, slots=True)
class EpubOptions:
    """How to make a talking book.

    ``title`` defaults to "News from <site>" (or "Press releases");
    ``granularity`` is ``"word"`` (when espeak-ng gives word timings) or
    ``"sentence"``; ``modified`` is the ``dcterms:modified`` stamp (default:
    now); ``speech`` the voice, rate and wording.

        >>> EpubOptions(granularity="letter")
        Traceback (most recent call last):
        ...
        pressreader.errors.OptionsError: granularity must be 'word' or 'sentence', not 'letter'
    """

    title: str | None = None
    language: str = "en-GB"
    granularity: Literal["word", "sentence"] = "word"
    modified: datetime.datetime | None = None
    speech: SpeechOptions = field(default_factory=SpeechOptions)

    def __post_init__(self) -> None:
        if self.granularity not in ("word", "sentence"):
            message = f"granularity must be 'word' or 'sentence', not {self.granularity!r}"
            raise OptionsError(message, field="granularity", value=self.granularity)
        if self.title is not None and (not isinstance(self.title, str) or not self.title.strip()):
            raise OptionsError(f"title must be a non-empty string, not {self.title!r}", field="title", value=self.title)
        if not isinstance(self.speech, SpeechOptions):
            raise OptionsError("speech must be a SpeechOptions", field="speech", value=self.speech)


def smil_clock(seconds: float) -> str:
    """A SMIL clock value (full clock, milliseconds).

    >>> smil_clock(3725.5)
    '1:02:05.500'
    """
    millis = max(0, round(seconds * 1000))
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


@dataclass(frozen=True, slots=True)
class _Chapter:
    number: int
    article: Article
    audio: TimedAudio
    xhtml: str
    smil: str

    @property
    def stem(self) -> str:
        return f"chapter-{self.number:03d}"


class _Ids:
    """Element ids for one chapter: ``s<utterance>`` for sentences, ``w<n>`` for words."""

    def __init__(self) -> None:
        self.words: dict[tuple[int, int], str] = {}  # (utterance, word number) -> id

    def word(self, utterance: int, n: int) -> str:
        return self.words.setdefault((utterance, n), f"w{len(self.words) + 1}")


def _marks(
    sentences: Sequence[TimedSentence], ids: _Ids
) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]:
    spans = [(s.offset, s.offset + s.length, f"s{s.index}") for s in sentences]
    words = [(w.offset, w.stop, ids.word(s.index, n)) for s in sentences for n, w in enumerate(s.words)]
    return spans, words


def _chapter_xhtml(number: int, article: Article, audio: TimedAudio, language: str, ids: _Ids) -> str:
    sentences = audio.timing.sentences
    by_block: dict[tuple[str, int | None], list[TimedSentence]] = {}
    for s in sentences:
        if s.block is not None:
            by_block.setdefault((s.block, s.paragraph), []).append(s)
    heading = f"c{number}-title"
    parts: list[str] = []
    emitted: set[tuple[str, int | None]] = set()
    quote_open = False
    langs = part_languages(article)  # well-formed tags only: safe in an attribute as they are

    def block(kind: str, index: int | None, text: str, tag: str = "p", attrs: str = "") -> str:
        emitted.add((kind, index))
        lang = langs.get(index) if kind == "body" and index is not None else None
        if lang:
            attrs += f' xml:lang="{lang}" lang="{lang}"'
        spans, words = _marks(by_block.get((kind, index), []), ids)
        return f"<{tag}{attrs}>{marked(text, spans, words)}</{tag}>"

    def catch_up(kind: str, until: int) -> None:
        texts = article.body if kind == "body" else article.notes
        for i in range(until):
            if (kind, i) not in emitted:
                parts.append(block(kind, i, texts[i]))

    title = block("title", None, article.title, "h1", f' id="{heading}"')
    for s in sentences:
        quoted = s.kind == "quote"
        if quote_open and not quoted:
            parts.append("</blockquote>")
            quote_open = False
        if s.block is None:
            if title not in parts and s.kind != "announcement":
                parts.append(title)
            tag, css = (
                ("h2", "said") if s.kind == "notes_intro" else ("p", "announce" if s.kind == "announcement" else "said")
            )
            parts.append(f'<{tag} class="{css}" id="s{s.index}">{esc(s.display)}</{tag}>')
        elif s.block == "title":
            if title not in parts:
                parts.append(title)
        elif (s.block, s.paragraph) not in emitted and s.paragraph is not None:
            if title not in parts:
                parts.append(title)
            catch_up(s.block, s.paragraph)
            if quoted and not quote_open:
                parts.append("<blockquote>")
                quote_open = True
            texts = article.body if s.block == "body" else article.notes
            parts.append(block(s.block, s.paragraph, texts[s.paragraph]))
    if quote_open:
        parts.append("</blockquote>")
    if title not in parts:
        parts.insert(0, title)
    catch_up("body", len(article.body))
    catch_up("notes", len(article.notes))
    url = safe_url(article.key)
    if url is not None:
        parts.append(f'<p class="source">Original release: <a href="{esc(url)}">{esc(domain(url))}</a></p>')
    lang = esc(article.language or language)
    body = "\n".join(parts)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="{lang}" lang="{lang}">
<head>
<meta charset="UTF-8"/>
<title>{esc(article.title)}</title>
<link rel="stylesheet" type="text/css" href="style.css"/>
</head>
<body>
<section epub:type="chapter" role="doc-chapter" aria-labelledby="{heading}">
{body}
</section>
</body>
</html>
"""


def _chapter_smil(stem: str, audio: TimedAudio, ids: _Ids) -> str:
    pars: list[str] = []
    clip = f"audio/{stem}.mp3"

    def par(target: str, start: float, end: float) -> None:
        if round(end, 3) > round(start, 3):
            pars.append(
                f'<par id="p{len(pars) + 1}"><text src="{stem}.xhtml#{target}"/>'
                f'<audio src="{clip}" clipBegin="{smil_clock(start)}" clipEnd="{smil_clock(end)}"/></par>'
            )

    for s in audio.timing.sentences:
        if s.words:
            for n, w in enumerate(s.words):
                par(ids.words[(s.index, n)], w.start, w.end)
        else:
            par(f"s{s.index}", s.start, s.end)
    body = "\n".join(pars)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<smil xmlns="http://www.w3.org/ns/SMIL" xmlns:epub="http://www.idpf.org/2007/ops" version="3.0">
<body>
{body}
</body>
</smil>
"""


def _nav(title: str, chapters: Sequence[_Chapter], language: str) -> str:
    items = "\n".join(f'<li><a href="{c.stem}.xhtml">{esc(c.article.title)}</a></li>' for c in chapters)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="{_OPS}" xml:lang="{language}" lang="{language}">
<head>
<meta charset="UTF-8"/>
<title>{esc(title)}</title>
<link rel="stylesheet" type="text/css" href="style.css"/>
</head>
<body>
<nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-title">
<h1 id="toc-title">{esc(title)}</h1>
<ol>
{items}
</ol>
</nav>
</body>
</html>
"""


def _summary(granularity: str) -> str:
    unit = "word" if granularity == "word" else "sentence"
    return (
        "Press releases as text with synchronised narration: each article is a chapter, read aloud by a "
        f"speech synthesiser, and the {unit} being read is highlighted. Headings and a table of contents "
        "give structural navigation; text can be resized and restyled; pictures are not included."
    )


def _package(title: str, chapters: Sequence[_Chapter], options: EpubOptions, granularity: str) -> str:
    modified = (options.modified or datetime.datetime.now(datetime.timezone.utc)).astimezone(datetime.timezone.utc)
    identity = uuid.uuid5(uuid.NAMESPACE_URL, "\n".join(c.article.key or c.article.title for c in chapters))
    total = sum(c.audio.timing.duration for c in chapters)
    manifest = [
        '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>',
        '<item id="style" href="style.css" media-type="text/css"/>',
    ]
    durations = []
    spine = []
    for c in chapters:
        n = c.number
        manifest += [
            f'<item id="c{n}" href="{c.stem}.xhtml" media-type="application/xhtml+xml" media-overlay="c{n}-mo"/>',
            f'<item id="c{n}-mo" href="{c.stem}.smil" media-type="application/smil+xml"/>',
            f'<item id="c{n}-audio" href="audio/{c.stem}.mp3" media-type="audio/mpeg"/>',
        ]
        durations.append(
            f'<meta property="media:duration" refines="#c{n}-mo">{smil_clock(c.audio.timing.duration)}</meta>'
        )
        spine.append(f'<itemref idref="c{n}"/>')
    sites = sorted({name for c in chapters if (name := site_name(c.article))})
    creators = (
        "\n".join(f"<dc:creator>{esc(name)}</dc:creator>" for name in sites) or "<dc:creator>pressreader</dc:creator>"
    )
    features = (
        "synchronizedAudioText",
        "structuralNavigation",
        "readingOrder",
        "tableOfContents",
        "displayTransformability",
    )
    a11y = "\n".join(
        [
            '<meta property="schema:accessMode">textual</meta>',
            '<meta property="schema:accessMode">auditory</meta>',
            '<meta property="schema:accessModeSufficient">textual</meta>',
            '<meta property="schema:accessModeSufficient">textual,auditory</meta>',
            *(f'<meta property="schema:accessibilityFeature">{f}</meta>' for f in features),
            '<meta property="schema:accessibilityHazard">none</meta>',
            f'<meta property="schema:accessibilitySummary">{esc(_summary(granularity))}</meta>',
            f'<meta property="dcterms:conformsTo">{_CONFORMS_TO}</meta>',
            '<meta property="a11y:certifiedBy">pressreader (self-declared)</meta>',
        ]
    )
    nl = "\n"
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id" \
xml:lang="{esc(options.language)}">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="pub-id">urn:uuid:{identity}</dc:identifier>
<dc:title>{esc(title)}</dc:title>
<dc:language>{esc(options.language)}</dc:language>
{creators}
<meta property="dcterms:modified">{modified:%Y-%m-%dT%H:%M:%SZ}</meta>
{a11y}
<meta property="media:duration">{smil_clock(total)}</meta>
{nl.join(durations)}
<meta property="media:active-class">{ACTIVE_CLASS}</meta>
</metadata>
<manifest>
{nl.join(manifest)}
</manifest>
<spine>
{nl.join(spine)}
</spine>
</package>
"""


_CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles>
<rootfile full-path="OEBPS/package.opf" media-type="application/oebps-package+xml"/>
</rootfiles>
</container>
"""


def _title(articles: Sequence[Article], options: EpubOptions) -> str:
    if options.title:
        return options.title
    sites = {name for a in articles if (name := site_name(a))}
    return f"News from {sites.pop()}" if len(sites) == 1 else "Press releases"


def _write(path: Path, files: Sequence[tuple[str, str | bytes]]) -> None:
    with replacing(path, "the talking book", SpeechError) as out, zipfile.ZipFile(out, "w") as book:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            stored = name == "mimetype" or name.endswith(".mp3")
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            book.writestr(info, data)


#: The most words one talking book speaks: its MP3 is assembled in memory (about 0.5 MB a minute).
MAX_BOOK_WORDS = 60_000


def export_epub(
    articles: Iterable[Article],
    path: str | os.PathLike[str],
    options: EpubOptions | None = None,
    *,
    engine: SpeechEngine | EspeakSynth | None = None,
) -> Path:
    """Write ``articles`` as an EPUB 3 talking book at ``path`` and return the path.

    Each article is read aloud with :func:`pressreader.speech.timing.timed_speech`
    (``engine`` as there: default espeak-ng word timings, else pyttsx3 with
    sentence timings) and encoded as MP3 (needs ``lameenc``). The file is
    written to a temporary name and moved into place when complete. Raises
    :class:`~pressreader.errors.SpeechError` for no articles, an unwritable
    path, or a failure to speak.
    """
    options = options or EpubOptions()
    chosen = list(articles)
    if not chosen:
        raise SpeechError("a talking book needs at least one article")
    for item in chosen:
        if not isinstance(item, Article):
            raise SpeechError(f"export_epub needs Article objects, not {type(item).__name__}")
    target = check_output_path(path, "the talking book")
    if target.suffix.lower() != ".epub":
        raise SpeechError(f"cannot write a talking book as {target.name!r}: use a .epub file name")
    if importlib.util.find_spec("lameenc") is None:
        raise SpeechError(
            "a talking book needs the MP3 encoder (EPUB cannot carry WAV), which is missing from this "
            "installation: reinstall pressreader (pip install 'pressreader[mp3]' installs lameenc)"
        )
    words = sum(len(u.text.split()) for article in chosen for u in speech_script(article, options.speech))
    if words > MAX_BOOK_WORDS:
        raise SpeechError(
            f"the articles have {words:,} words to speak; one talking book holds at most {MAX_BOOK_WORDS:,} "
            "(about six hours): make several books (--since and --until choose the days)"
        )
    spoken: list[TimedAudio] = []
    sounds: list[bytes] = []
    for article in chosen:  # one article's sound held as PCM at a time; the book keeps only its MP3
        audio = timed_speech(article, options.speech, engine=engine)
        sounds.append(audio.mp3_bytes())
        spoken.append(TimedAudio(b"", audio.sample_rate, audio.timing))
        del audio
    word_level = options.granularity == "word" and all(a.timing.granularity == "word" for a in spoken)
    granularity = "word" if word_level else "sentence"
    built: list[_Chapter] = []
    for number, (article, audio) in enumerate(zip(chosen, spoken, strict=True), start=1):
        if not word_level:
            sentences = tuple(dataclasses.replace(s, words=()) for s in audio.timing.sentences)
            timing = dataclasses.replace(audio.timing, granularity="sentence", sentences=sentences)
            audio = TimedAudio(audio.pcm, audio.sample_rate, timing)
        ids = _Ids()
        xhtml = _chapter_xhtml(number, article, audio, options.language, ids)
        built.append(_Chapter(number, article, audio, xhtml, _chapter_smil(f"chapter-{number:03d}", audio, ids)))
    title = _title(chosen, options)
    files: list[tuple[str, str | bytes]] = [
        ("mimetype", "application/epub+zip"),
        ("META-INF/container.xml", _CONTAINER),
        ("OEBPS/package.opf", _package(title, built, options, granularity)),
        ("OEBPS/nav.xhtml", _nav(title, built, esc(options.language))),
        ("OEBPS/style.css", _STYLE),
    ]
    for c, sound in zip(built, sounds, strict=True):
        files += [
            (f"OEBPS/{c.stem}.xhtml", c.xhtml),
            (f"OEBPS/{c.stem}.smil", c.smil),
            (f"OEBPS/audio/{c.stem}.mp3", sound),
        ]
    _write(target, files)
    return target
