"""pressreader: Police and Crime Commissioner news, made accessible.

Parse PCC press releases into typed :class:`Article` objects, fetch and archive
them politely, render them at the text size a reader needs, and read them
aloud offline.

    >>> import pressreader
    >>> article = pressreader.parse_article(
    ...     "<html><body><h1>PCC visits Rugby</h1><p>The Commissioner visited Rugby today.</p>"
    ...     "</body></html>")
    >>> article.title, article.body
    ('PCC visits Rugby', ('The Commissioner visited Rugby today.',))

Importing the package is cheap and changes nothing global: the network,
rendering and speech modules are loaded the first time one of their names is
used.
"""

from __future__ import annotations

import importlib as _importlib
import logging as _logging
from typing import TYPE_CHECKING, Any

from .models import __version__ as __version__

# public name -> module that defines it (relative to this package)
_EXPORTS: dict[str, str] = {
    # models and errors
    "Article": "models",
    "Image": "models",
    "Quote": "models",
    "Source": "models",
    "PressreaderError": "errors",
    "OptionsError": "errors",
    "ParseError": "errors",
    "SiteError": "errors",
    "FetchError": "errors",
    "FetchTimeout": "errors",
    "ConnectionFailed": "errors",
    "HTTPStatusError": "errors",
    "BlockedByFirewall": "errors",
    "RobotsDisallowed": "errors",
    "TooManyRedirects": "errors",
    "UnsupportedScheme": "errors",
    "TooLarge": "errors",
    "WrongContentType": "errors",
    "ArchiveError": "errors",
    "RenderError": "errors",
    "PublishError": "errors",
    "SpeechError": "errors",
    "SpeechUnavailable": "errors",
    "PlaybackUnavailable": "errors",
    # sites
    "Site": "sites",
    "Selectors": "sites",
    "SiteRegistry": "sites",
    "DEFAULT_REGISTRY": "sites",
    # parsing
    "parse_article": "parse",
    "extract_quotes": "parse",
    # fetching, discovery, crawling, the archive
    "fetch": "web",
    "read": "web",
    "FetchOptions": "web",
    "Fetcher": "web",
    "Response": "web",
    "discover": "web",
    "ArticleLink": "web",
    "crawl": "archive",
    "CrawlReport": "archive",
    "CrawlProgress": "archive",
    "Archive": "archive",
    "StoredArticle": "archive",
    # rendering
    "render": "rendering",
    "render_index": "rendering",
    "RenderOptions": "rendering",
    "article_filename": "rendering",
    # speech
    "speech_script": "speech",
    "Utterance": "speech",
    "SpeechOptions": "speech",
    "save_audio": "speech",
    "AudioIndex": "speech",
    "Player": "speech",
    "PlayerEvent": "speech",
    "SpeechEngine": "speech",
    "Voice": "speech",
    "list_voices": "speech",
    # read-along and talking books
    "timed_speech": "speech.timing",
    "TimingMap": "speech.timing",
    "write_read_along": "publish",
    "build_podcast": "publish",
    "PodcastOptions": "publish",
    "PodcastReport": "publish",
    "export_epub": "publish",
    "EpubOptions": "publish",
    # the reader for assistive-technology users
    "open_article": "reader",
    "explain": "reader",
    "Reader": "reader",
    "Preferences": "reader",
    "load_preferences": "reader",
    "save_preferences": "reader",
    "reset_preferences": "reader",
}

if TYPE_CHECKING:
    from .archive import Archive as Archive
    from .archive import CrawlProgress as CrawlProgress
    from .archive import CrawlReport as CrawlReport
    from .archive import StoredArticle as StoredArticle
    from .archive import crawl as crawl
    from .errors import (
        ArchiveError as ArchiveError,
    )
    from .errors import (
        BlockedByFirewall as BlockedByFirewall,
    )
    from .errors import (
        ConnectionFailed as ConnectionFailed,
    )
    from .errors import (
        FetchError as FetchError,
    )
    from .errors import (
        FetchTimeout as FetchTimeout,
    )
    from .errors import (
        HTTPStatusError as HTTPStatusError,
    )
    from .errors import (
        OptionsError as OptionsError,
    )
    from .errors import (
        ParseError as ParseError,
    )
    from .errors import (
        PlaybackUnavailable as PlaybackUnavailable,
    )
    from .errors import (
        PressreaderError as PressreaderError,
    )
    from .errors import (
        PublishError as PublishError,
    )
    from .errors import (
        RenderError as RenderError,
    )
    from .errors import (
        RobotsDisallowed as RobotsDisallowed,
    )
    from .errors import (
        SiteError as SiteError,
    )
    from .errors import (
        SpeechError as SpeechError,
    )
    from .errors import (
        SpeechUnavailable as SpeechUnavailable,
    )
    from .errors import (
        TooLarge as TooLarge,
    )
    from .errors import (
        TooManyRedirects as TooManyRedirects,
    )
    from .errors import (
        UnsupportedScheme as UnsupportedScheme,
    )
    from .errors import (
        WrongContentType as WrongContentType,
    )
    from .models import Article as Article
    from .models import Image as Image
    from .models import Quote as Quote
    from .models import Source as Source
    from .parse import extract_quotes as extract_quotes
    from .parse import parse_article as parse_article
    from .publish import EpubOptions as EpubOptions
    from .publish import PodcastOptions as PodcastOptions
    from .publish import PodcastReport as PodcastReport
    from .publish import build_podcast as build_podcast
    from .publish import export_epub as export_epub
    from .publish import write_read_along as write_read_along
    from .reader import (
        Preferences as Preferences,
    )
    from .reader import (
        Reader as Reader,
    )
    from .reader import (
        explain as explain,
    )
    from .reader import (
        load_preferences as load_preferences,
    )
    from .reader import (
        open_article as open_article,
    )
    from .reader import (
        reset_preferences as reset_preferences,
    )
    from .reader import (
        save_preferences as save_preferences,
    )
    from .rendering import (
        RenderOptions as RenderOptions,
    )
    from .rendering import (
        article_filename as article_filename,
    )
    from .rendering import (
        render as render,
    )
    from .rendering import (
        render_index as render_index,
    )
    from .sites import DEFAULT_REGISTRY as DEFAULT_REGISTRY
    from .sites import Selectors as Selectors
    from .sites import Site as Site
    from .sites import SiteRegistry as SiteRegistry
    from .speech import (
        AudioIndex as AudioIndex,
    )
    from .speech import (
        Player as Player,
    )
    from .speech import (
        PlayerEvent as PlayerEvent,
    )
    from .speech import (
        SpeechEngine as SpeechEngine,
    )
    from .speech import (
        SpeechOptions as SpeechOptions,
    )
    from .speech import (
        Utterance as Utterance,
    )
    from .speech import (
        Voice as Voice,
    )
    from .speech import (
        list_voices as list_voices,
    )
    from .speech import (
        save_audio as save_audio,
    )
    from .speech import (
        speech_script as speech_script,
    )
    from .speech.timing import TimingMap as TimingMap
    from .speech.timing import timed_speech as timed_speech
    from .web import ArticleLink as ArticleLink
    from .web import (
        Fetcher as Fetcher,
    )
    from .web import (
        FetchOptions as FetchOptions,
    )
    from .web import (
        Response as Response,
    )
    from .web import discover as discover
    from .web import (
        fetch as fetch,
    )
    from .web import (
        read as read,
    )

__all__ = sorted([*_EXPORTS, "__version__"])


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'pressreader' has no attribute {name!r}")
    value = getattr(_importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return list(__all__)


_logging.getLogger(__name__).addHandler(_logging.NullHandler())
