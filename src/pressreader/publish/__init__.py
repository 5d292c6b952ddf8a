"""Outputs that write files for readers to take away: talking books, read-along pages, podcasts.

:func:`export_epub` writes an EPUB 3 with narration (media overlays);
:func:`write_read_along` writes an HTML page whose words light up as the
recording reaches them; :func:`build_podcast` writes a podcast feed with one
spoken episode per release. All use :mod:`pressreader.rendering` for the text and
:mod:`pressreader.speech` for the voice.

    >>> from pressreader.publish import EpubOptions
    >>> EpubOptions().granularity
    'word'
"""

from __future__ import annotations

from .epub import EpubOptions, export_epub
from .podcast import PodcastOptions, PodcastReport, build_podcast
from .readalong import write_read_along

__all__ = ["EpubOptions", "PodcastOptions", "PodcastReport", "build_podcast", "export_epub", "write_read_along"]
