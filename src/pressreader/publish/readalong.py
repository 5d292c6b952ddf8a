"""Read-along pages: the HTML reader view with a player that highlights each word as it is heard.

:func:`write_read_along` writes two files into a folder: the page
(``<name>.html``) and its audio beside it (``<name>.mp3``, or ``<name>.wav``
without the optional MP3 encoder), referenced relatively so the pair works
from disk, offline, and can be moved together. ``embed=True`` puts the audio
inside the page as a ``data:`` URL instead (one file, a third larger). The
timing map is embedded in the page as JSON::

    >>> write_read_along(Article("T", ("Body.",)), "/no/such/folder")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pressreader.errors.SpeechError: cannot write the read-along page into /no/such/folder: ...
"""

from __future__ import annotations

import base64
import importlib.util
import os
from pathlib import Path
from typing import Literal

from ..errors import SpeechError
from ..models import Article
from ..rendering import RenderOptions, article_filename, render
from ..speech.engine import SpeechEngine
from ..speech.espeak import EspeakSynth
from ..speech.options import SpeechOptions
from ..speech.timing import TimedAudio, timed_speech

__all__ = ["read_along_page", "write_read_along"]


def read_along_page(article: Article, audio: TimedAudio, address: str, options: RenderOptions | None = None) -> str:
    """The read-along page for ``article`` whose audio is at ``address`` (relative, or a data: URL).

    >>> from pressreader.speech.timing import TimingMap
    >>> empty = TimedAudio(b"", 22050, TimingMap(22050, 0.0, "word", ()))
    >>> 'id="ra-play"' in read_along_page(Article("T", ("Body.",)), empty, "t.mp3")
    True
    """
    options = (options or RenderOptions()).replace(read_along=True, audio=address, timing=audio.timing.to_json())
    return render(article, "html", options=options)


def write_read_along(
    article: Article,
    out_dir: str | os.PathLike[str],
    options: RenderOptions | None = None,
    speech: SpeechOptions | None = None,
    *,
    audio_format: Literal["auto", "mp3", "wav"] = "auto",
    embed: bool = False,
    engine: SpeechEngine | EspeakSynth | None = None,
) -> Path:
    """Write ``article``'s read-along page and its audio into ``out_dir``; return the page's path.

    ``audio_format`` ``"auto"`` is MP3 when ``lameenc`` is installed, else WAV.
    ``engine`` is as for :func:`pressreader.speech.timing.timed_speech`: word
    highlighting with espeak-ng, sentence highlighting with other engines.
    Raises :class:`~pressreader.errors.SpeechError` when the folder is missing
    or the article cannot be spoken.
    """
    folder = Path(out_dir)
    if not folder.is_dir():
        raise SpeechError(f"cannot write the read-along page into {folder}: the folder does not exist")
    if audio_format == "auto":
        audio_format = "mp3" if importlib.util.find_spec("lameenc") is not None else "wav"
    if audio_format not in ("mp3", "wav"):
        raise SpeechError(f"audio_format must be 'auto', 'mp3' or 'wav', not {audio_format!r}")
    page_path = folder / article_filename(article)
    audio_path = page_path.with_suffix(f".{audio_format}")
    timed = timed_speech(article, speech, engine=engine)
    if embed:
        data = timed.mp3_bytes() if audio_format == "mp3" else timed.wav_bytes()
        mime = "audio/mpeg" if audio_format == "mp3" else "audio/wav"
        address = f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
    else:
        timed.write(audio_path)
        address = audio_path.name
    html = read_along_page(article, timed, address, options)
    try:
        page_path.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise SpeechError(f"cannot write the read-along page {page_path}: {exc}") from exc
    return page_path
