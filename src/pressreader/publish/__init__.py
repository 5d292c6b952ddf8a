"""Outputs that write files for readers to take away: talking books and read-along pages.

:func:`export_epub` writes an EPUB 3 with narration (media overlays);
:func:`write_read_along` writes an HTML page whose words light up as the
recording reaches them. Both use :mod:`pressreader.rendering` for the text and
:mod:`pressreader.speech` for the voice.

    >>> from pressreader.publish import EpubOptions
    >>> EpubOptions().granularity
    'word'
"""

from __future__ import annotations

from .epub import EpubOptions, export_epub
from .readalong import write_read_along

__all__ = ["EpubOptions", "export_epub", "write_read_along"]
