"""How an article is spoken: :class:`SpeechOptions`, small, frozen and validated.

Every value is checked when the object is made, so a bad option fails at once
with :class:`~pressreader.errors.OptionsError` naming the field::

    >>> from pressreader.speech.options import SpeechOptions
    >>> SpeechOptions(rate=200, rate_factor=1.5).effective_rate
    300
    >>> SpeechOptions(rate_factor=3)
    Traceback (most recent call last):
    ...
    pressreader.errors.OptionsError: rate_factor must be between 0.5 and 2.5, not 3
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

from ..errors import OptionsError

__all__ = ["MAX_RATE", "MIN_RATE", "SpeechOptions"]

#: espeak-ng's slowest rate in words per minute; slower requests are clamped to it.
MIN_RATE = 80
#: The fastest rate espeak-ng produces intelligibly (it speeds up with "sonic" above 450).
MAX_RATE = 1000


def _check_range(name: str, value: float, low: float, high: float) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
        raise OptionsError(f"{name} must be a number, not {value!r}", field=name, value=value)
    if not low <= value <= high:
        message = f"{name} must be between {low} and {high}, not {value}"
        raise OptionsError(message, field=name, value=value)


def _check_wording(name: str, value: str, *placeholders: str) -> None:
    if not isinstance(value, str):
        raise OptionsError(f"{name} must be a string, not {value!r}", field=name, value=value)
    try:
        value.format(**dict.fromkeys(placeholders, "x"))
    except (KeyError, IndexError, ValueError) as exc:
        allowed = ", ".join("{" + p + "}" for p in placeholders) or "none"
        raise OptionsError(
            f"{name} may only use the placeholders {allowed}: {value!r}", field=name, value=value
        ) from exc


@dataclass(frozen=True, slots=True)
class SpeechOptions:
    """What to say and how to say it.

    Voice: ``voice`` is an engine voice id (see ``pressreader voices``); when it
    is ``None`` the first voice speaking ``language`` is used (British English
    by default). ``rate`` is in words per minute and ``rate_factor`` multiplies
    it (0.5× to 2.5×, as reading tools offer); ``volume`` is 0 to 1, ``pitch``
    0 to 100 (``None`` keeps the engine's default).

    Wording: ``announcement`` (``{source}``), ``published`` (``{date}``),
    ``quote_intro`` (``{speaker}``, ``{role}``), ``quote_intro_no_role``
    (``{speaker}``), ``quote_intro_no_speaker``, ``quote_end`` and
    ``notes_intro``; ``include_notes=False`` leaves notes to editors out.

    ``paragraph_pause`` is the silence, in seconds, after each paragraph of a
    saved or played article; ``timeout`` the longest, in seconds, one utterance
    may take to synthesise before the engine is declared hung and restarted.

        >>> SpeechOptions(voice="gmw/en-gb-x-rp").language
        'en-GB'
    """

    voice: str | None = None
    language: str = "en-GB"
    rate: int = 175
    rate_factor: float = 1.0
    volume: float = 1.0
    pitch: int | None = None
    announcement: str = "Press release from {source}."
    published: str = "Published {date}."
    quote_intro: str = "{speaker}, {role}, said:"
    quote_intro_no_role: str = "{speaker} said:"
    quote_intro_no_speaker: str = "Quote:"
    quote_end: str = "End of quote."
    notes_intro: str = "Notes to editors."
    include_notes: bool = True
    paragraph_pause: float = 0.3
    timeout: float = 20.0

    def __post_init__(self) -> None:
        if self.voice is not None and (not isinstance(self.voice, str) or not self.voice.strip()):
            raise OptionsError(f"voice must be a voice id, not {self.voice!r}", field="voice", value=self.voice)
        if not isinstance(self.language, str) or not self.language.strip():
            raise OptionsError(
                f"language must be a language tag such as 'en-GB', not {self.language!r}",
                field="language",
                value=self.language,
            )
        if isinstance(self.rate, bool) or not isinstance(self.rate, int):
            raise OptionsError(f"rate must be whole words per minute, not {self.rate!r}", field="rate", value=self.rate)
        _check_range("rate", self.rate, MIN_RATE, 500)
        _check_range("rate_factor", self.rate_factor, 0.5, 2.5)
        _check_range("volume", self.volume, 0.0, 1.0)
        if self.pitch is not None:
            _check_range("pitch", self.pitch, 0, 100)
        _check_range("paragraph_pause", self.paragraph_pause, 0.0, 5.0)
        _check_range("timeout", self.timeout, 0.1, 600.0)
        _check_wording("announcement", self.announcement, "source")
        _check_wording("published", self.published, "date")
        _check_wording("quote_intro", self.quote_intro, "speaker", "role")
        _check_wording("quote_intro_no_role", self.quote_intro_no_role, "speaker")
        _check_wording("quote_intro_no_speaker", self.quote_intro_no_speaker)
        _check_wording("quote_end", self.quote_end)
        _check_wording("notes_intro", self.notes_intro)
        if not isinstance(self.include_notes, bool):
            raise OptionsError("include_notes must be True or False", field="include_notes", value=self.include_notes)

    @property
    def effective_rate(self) -> int:
        """``rate × rate_factor`` in words per minute, kept within what the engine can do.

        >>> SpeechOptions(rate=100, rate_factor=0.5).effective_rate
        80
        """
        return max(MIN_RATE, min(MAX_RATE, round(self.rate * self.rate_factor)))

    def replace(self, **changes: object) -> SpeechOptions:
        """A copy with some fields changed (validated again).

        >>> SpeechOptions().replace(rate_factor=2.0).effective_rate
        350
        """
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]
