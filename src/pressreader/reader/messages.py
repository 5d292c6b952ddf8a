"""Failures told as one plain sentence: what happened, and what to do next.

Readers who cannot see the screen hear every word of an error, so each is one
sentence in everyday words, never a traceback::


    >>> explain(ConnectionFailed("the connection failed: refused", url="https://www.kent-pcc.gov.uk/news/"))
    'Could not reach www.kent-pcc.gov.uk (the connection failed: refused): check that this computer is \
connected to the internet, then try again.'
    >>> explain(SpeechUnavailable("no speech engine works here.", fix="install espeak-ng"))
    'Speech is not available on this computer: install espeak-ng.'
"""

from __future__ import annotations

from urllib.parse import urlsplit

from ..errors import (
    ArchiveError,
    BlockedByFirewall,
    ConnectionFailed,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    ParseError,
    PlaybackUnavailable,
    PressreaderError,
    RobotsDisallowed,
    SpeechUnavailable,
)

__all__ = ["explain"]


def _host(url: str) -> str:
    return urlsplit(url).netloc or url


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return "Something went wrong."
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


def explain(error: BaseException, *, instead: str | None = None) -> str:
    """One plain sentence for ``error``: what happened and what to do next.

    ``instead`` names what the caller does instead, when it falls back by
    itself; it then replaces the advice:

    >>> explain(PlaybackUnavailable("cannot play audio: no sound card; save it"), instead="the speech is saved")
    'Cannot play audio: no sound card, so the speech is saved instead.'


    >>> explain(BlockedByFirewall("forbidden", url="https://www.essex.pfcc.police.uk/x", status=403))
    ... # doctest: +ELLIPSIS
    'The site www.essex.pfcc.police.uk refuses automated readers such as pressreader: open the page...'
    >>> explain(ValueError("bad"))
    'Something unexpected went wrong (ValueError: bad): please report it.'
    """
    if isinstance(error, BlockedByFirewall):
        return _sentence(
            f"the site {_host(error.url)} refuses automated readers such as pressreader: open the page in your "
            "web browser, save it (Ctrl+S), and give the saved file instead"
        )
    if isinstance(error, RobotsDisallowed):
        return _sentence(
            f"the site {_host(error.url)} asks automated readers not to fetch this page: open it in your web "
            "browser, save it (Ctrl+S), and give the saved file instead"
        )
    if isinstance(error, (ConnectionFailed, FetchTimeout)):
        return _sentence(
            f"could not reach {_host(error.url)} ({error.args[0]}): check that this computer is connected to "
            "the internet, then try again"
        )
    if isinstance(error, HTTPStatusError):
        return _sentence(
            f"the site {_host(error.url)} answered with error {error.status} ({error.args[0]}): check the "
            "address, or try again later"
        )
    if isinstance(error, FetchError):
        return _sentence(f"could not get {error.url} ({error.args[0]}): check the address and try again")
    if isinstance(error, ParseError):
        return _sentence(
            f"no news article was found in that page ({error}): give the address of one release, not a list"
        )
    if isinstance(error, SpeechUnavailable):
        if instead:
            return _sentence(f"speech is not available on this computer, so {instead} instead; to hear it, {error.fix}")
        return _sentence(f"speech is not available on this computer: {error.fix}")
    if isinstance(error, PlaybackUnavailable):
        message = str(error).split("; save", 1)[0]
        if instead:
            return _sentence(f"{message}, so {instead} instead")
        return _sentence(f"{message}: save the speech to a sound file instead")
    if isinstance(error, ArchiveError):
        return _sentence(str(error))
    if isinstance(error, PressreaderError):
        return _sentence(str(error))
    return f"Something unexpected went wrong ({type(error).__name__}: {error}): please report it."
