"""How an article should be presented: :class:`RenderOptions`.

A small frozen object, validated when it is made, so a renderer never meets a
bad value. Sizes follow the UK Association for Accessible Formats print
standards (see ``shared/ACCESSIBILITY.md``)::

    >>> from pressreader.rendering.options import RenderOptions
    >>> RenderOptions().size_rem
    1.167
    >>> RenderOptions(size="large").size_px
    24.0
    >>> RenderOptions(size=4.0).size_px
    64.0
    >>> RenderOptions(size="huge")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pressreader.errors.OptionsError: size must be 'standard', 'large', 'largest' or a number ... not 'huge'
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Literal, get_args

from ..errors import OptionsError

__all__ = ["FONT_STACKS", "NAMED_SIZES", "Font", "RenderOptions", "SizeName", "Theme"]

SizeName = Literal["standard", "large", "largest"]
Theme = Literal["default", "high-contrast", "dark", "cream"]
Font = Literal["sans", "serif", "dyslexia-friendly"]

#: The three steps of the sites' "Text size: A A A", in rem (1 rem = 16 CSS px):
#: UKAAF clear print (14 pt), large print (18 pt) and giant print (24 pt).
NAMED_SIZES: dict[str, float] = {"standard": 1.167, "large": 1.5, "largest": 2.0}

#: Readable system fonts only: nothing is downloaded.
FONT_STACKS: dict[str, str] = {
    "sans": 'Arial, "Helvetica Neue", Helvetica, "Liberation Sans", "DejaVu Sans", sans-serif',
    "serif": 'Georgia, "Times New Roman", "Liberation Serif", "DejaVu Serif", serif',
    # The British Dyslexia Association recommends plain sans serif fonts such as
    # Verdana and Tahoma, with even letter shapes and generous spacing.
    "dyslexia-friendly": 'Verdana, Tahoma, "DejaVu Sans", "Bitstream Vera Sans", Arial, sans-serif',
}

_MIN_SCALE, _MAX_SCALE = 1.0, 4.0


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """Presentation choices for :func:`pressreader.rendering` and :func:`pressreader.render_index`.

    ``size``
        ``"standard"`` (1.167 rem, 18.7 px), ``"large"`` (1.5 rem, 24 px),
        ``"largest"`` (2 rem, 32 px), or a number from 1.0 to 4.0 (rem: 16 to 64 px).
    ``theme``
        ``"default"`` (dark text on white, or the dark theme when the reader's
        system asks for dark), ``"high-contrast"`` (yellow on black),
        ``"dark"`` or ``"cream"`` (dark grey on cream).
    ``line_spacing``
        line height as a multiple of the font size, 1.5 to 3.0.
    ``letter_spacing``, ``word_spacing``
        extra space in em, 0 to 0.5 and 0 to 1.0.
    ``measure``
        the longest line in characters, 20 to 120 (``ch`` in HTML; a cap on
        the wrapping width of the text targets).
    ``font``
        ``"sans"``, ``"serif"`` or ``"dyslexia-friendly"``: system font stacks.
    ``width``
        columns available to the text and terminal targets (20 to 1000).
    ``color``
        whether the terminal target may use bold (ANSI escape codes). The
        renderers never look at the environment: callers decide with
        :func:`pressreader.rendering.should_color`.
    ``read_along``
        the HTML reader view gains a player that highlights the sentence and
        word being heard. It needs ``audio``, the audio's address relative to
        the page (``"story.mp3"``) or a ``data:audio/…`` URL, and ``timing``,
        the article's timing map as JSON (``TimingMap.to_json()``);
        :func:`pressreader.publish.readalong.write_read_along` makes all three.
    """

    size: SizeName | float = "standard"
    theme: Theme = "default"
    line_spacing: float = 1.5
    letter_spacing: float = 0.0
    word_spacing: float = 0.0
    measure: int = 70
    font: Font = "sans"
    width: int = 80
    color: bool = False
    read_along: bool = False
    audio: str | None = None
    timing: str | None = None

    def __post_init__(self) -> None:
        size = self.size
        if isinstance(size, str):
            if size not in NAMED_SIZES:
                _bad_size(size)
        elif isinstance(size, bool) or not isinstance(size, (int, float)) or not _MIN_SCALE <= size <= _MAX_SCALE:
            _bad_size(size)
        else:
            object.__setattr__(self, "size", float(size))
        _choice("theme", self.theme, get_args(Theme))
        _choice("font", self.font, get_args(Font))
        _number("line_spacing", self.line_spacing, 1.5, 3.0, "a multiple of the font size")
        _number("letter_spacing", self.letter_spacing, 0.0, 0.5, "em")
        _number("word_spacing", self.word_spacing, 0.0, 1.0, "em")
        _integer("measure", self.measure, 20, 120, "characters")
        _integer("width", self.width, 20, 1000, "columns")
        if not isinstance(self.color, bool):
            raise OptionsError(f"color must be True or False, not {self.color!r}", field="color", value=self.color)
        if not isinstance(self.read_along, bool):
            raise OptionsError(
                f"read_along must be True or False, not {self.read_along!r}", field="read_along", value=self.read_along
            )
        _audio_address(self.audio)
        if self.timing is not None and not isinstance(self.timing, str):
            raise OptionsError("timing must be the timing map as JSON text", field="timing", value=self.timing)

    @classmethod
    def dyslexia_friendly(cls, **changes: object) -> RenderOptions:
        """The British Dyslexia Association preset: Verdana-like font, cream, wide spacing.

        >>> o = RenderOptions.dyslexia_friendly(size="large")
        >>> (o.font, o.theme, o.letter_spacing, o.word_spacing, o.size)
        ('dyslexia-friendly', 'cream', 0.12, 0.42, 'large')
        """
        preset = cls(font="dyslexia-friendly", theme="cream", letter_spacing=0.12, word_spacing=0.42, measure=65)
        return preset.replace(**changes)

    def replace(self, **changes: object) -> RenderOptions:
        """A copy with some fields changed (validated again).

        >>> RenderOptions().replace(theme="dark").theme
        'dark'
        """
        try:
            return dataclasses.replace(self, **changes)  # type: ignore[arg-type]
        except TypeError as exc:
            raise OptionsError(f"unknown render option: {exc}") from None

    @property
    def size_name(self) -> SizeName | None:
        """The named step this size is, or ``None`` for a numeric scale.

        >>> RenderOptions(size="large").size_name, RenderOptions(size=2).size_name
        ('large', None)
        """
        return self.size if isinstance(self.size, str) else None

    @property
    def size_rem(self) -> float:
        """The body text size in rem (1 rem is the browser's default, normally 16 px).

        >>> RenderOptions(size="largest").size_rem
        2.0
        """
        return NAMED_SIZES[self.size] if isinstance(self.size, str) else self.size

    @property
    def size_px(self) -> float:
        """The body text size in CSS pixels, for a browser default of 16 px.

        >>> RenderOptions(size=1.25).size_px
        20.0
        """
        return round(self.size_rem * 16, 2)


def _audio_address(value: object) -> None:
    """An audio address must be a relative path (no scheme, no "..") or a ``data:audio/`` URL.

    >>> _audio_address("../secret.mp3")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pressreader.errors.OptionsError: audio must be a file name beside the page ... not '../secret.mp3'
    """
    if value is None:
        return
    ok = isinstance(value, str) and value.strip() == value and bool(value)
    if ok and isinstance(value, str) and not value.lower().startswith("data:audio/"):
        parts = value.replace("\\", "/").split("/")
        ok = (
            ":" not in parts[0]
            and not value.startswith("/")
            and ".." not in parts
            and not any(c in value for c in "\"'<>#?\n\r\t ")
        )
    if not ok:
        raise OptionsError(
            f"audio must be a file name beside the page (e.g. 'story.mp3') or a data:audio/ URL, not {value!r}",
            field="audio",
            value=value,
        )


def _bad_size(value: object) -> None:
    raise OptionsError(
        "size must be 'standard', 'large', 'largest' or a number from 1.0 to 4.0 "
        f"(a scale of the browser's 16 px), not {value!r}",
        field="size",
        value=value,
    )


def _choice(name: str, value: object, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        choices = ", ".join(repr(a) for a in allowed)
        raise OptionsError(f"{name} must be one of {choices}, not {value!r}", field=name, value=value)


def _number(name: str, value: object, low: float, high: float, unit: str) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise OptionsError(
            f"{name} must be a number from {low} to {high} ({unit}), not {value!r}", field=name, value=value
        )


def _integer(name: str, value: object, low: int, high: int, unit: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise OptionsError(
            f"{name} must be a whole number from {low} to {high} ({unit}), not {value!r}",
            field=name,
            value=value,
        )
