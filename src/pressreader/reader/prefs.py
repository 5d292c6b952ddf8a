"""The reader's remembered choices: text size, colours, voice and speed.

Kept in a small settings file in the platform's config folder
(``~/.config/pressreader/reader.ini`` on Linux, honouring ``XDG_CONFIG_HOME``),
so that a person set up once hears and sees things their way every time.
Flags on the command line override it; :func:`reset_preferences` forgets it::

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "reader.ini"
    >>> load_preferences(path)
    Preferences(size='standard', theme='default', voice=None, rate=None)
    >>> _ = save_preferences(Preferences(size="largest", rate=150), path)
    >>> load_preferences(path).size, load_preferences(path).rate
    ('largest', 150)
    >>> reset_preferences(path), load_preferences(path).size
    (True, 'standard')
"""

from __future__ import annotations

import configparser
import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import OptionsError

__all__ = ["Preferences", "config_path", "load_preferences", "reset_preferences", "save_preferences"]

_SECTION = "reader"


@dataclass(frozen=True, slots=True)
class Preferences:
    """What a reader chose: ``size`` and ``theme`` as in :class:`~pressreader.RenderOptions`,
    ``voice`` a voice id (``None``: the best British English voice), ``rate`` words per
    minute (``None``: the engine's default of 175). Checked when made.

    >>> Preferences(size="huge")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    pressreader.errors.OptionsError: size must be 'standard', 'large', 'largest' or a number ...
    """

    size: str | float = "standard"
    theme: str = "default"
    voice: str | None = None
    rate: int | None = None

    def __post_init__(self) -> None:
        from ..rendering.options import RenderOptions
        from ..speech.options import SpeechOptions

        RenderOptions(size=self.size, theme=self.theme)  # type: ignore[arg-type]
        speech: dict[str, object] = {"voice": self.voice}
        if self.rate is not None:
            speech["rate"] = self.rate
        SpeechOptions(**speech)  # type: ignore[arg-type]

    def replace(self, **changes: object) -> Preferences:
        """A copy with the given fields changed; ``None`` values leave a field as it is.

        >>> Preferences().replace(size="large", rate=None).size
        'large'
        """
        wanted = {k: v for k, v in changes.items() if v is not None}
        try:
            return dataclasses.replace(self, **wanted)  # type: ignore[arg-type]
        except TypeError as exc:
            raise OptionsError(f"unknown preference: {exc}") from None


def config_path() -> Path:
    """Where the preferences live: ``reader.ini`` in the user's config folder for pressreader.

    >>> config_path().name
    'reader.ini'
    """
    import platformdirs

    return Path(platformdirs.user_config_dir("pressreader", appauthor=False)) / "reader.ini"


def load_preferences(path: str | os.PathLike[str] | None = None) -> Preferences:
    """The saved preferences, or the defaults when none are saved.

    Raises :class:`~pressreader.errors.OptionsError` naming the file when it
    holds something that is not a preference (fix it, or forget it with
    :func:`reset_preferences`).

    >>> load_preferences("/no/such/folder/reader.ini").size
    'standard'
    """
    file = Path(path) if path is not None else config_path()
    parser = configparser.ConfigParser()
    try:
        parser.read(file, encoding="utf-8")
    except (OSError, UnicodeDecodeError, configparser.Error) as exc:
        raise OptionsError(f"cannot read the preferences file {file} ({exc}); delete it or use --reset") from None
    if not parser.has_section(_SECTION):
        return Preferences()
    values = dict(parser.items(_SECTION))
    fields: dict[str, object] = {}
    for name in ("size", "theme", "voice"):
        if values.get(name):
            fields[name] = values[name]
    size = fields.get("size")
    if isinstance(size, str) and size.replace(".", "", 1).isdigit():
        fields["size"] = float(size)
    rate = values.get("rate")
    if rate:
        if not rate.isdigit():
            raise OptionsError(f"the preferences file {file} has rate = {rate!r}, not words per minute; use --reset")
        fields["rate"] = int(rate)
    try:
        return Preferences(**fields)  # type: ignore[arg-type]
    except OptionsError as exc:
        raise OptionsError(f"the preferences file {file} holds a bad value: {exc}; use --reset") from None


def save_preferences(preferences: Preferences, path: str | os.PathLike[str] | None = None) -> Path:
    """Write ``preferences`` (creating the folder); returns the file's path.

    >>> import tempfile, pathlib
    >>> path = save_preferences(Preferences(theme="cream"), pathlib.Path(tempfile.mkdtemp()) / "new" / "reader.ini")
    >>> "theme = cream" in path.read_text(encoding="utf-8")
    True
    """
    file = Path(path) if path is not None else config_path()
    parser = configparser.ConfigParser()
    parser[_SECTION] = {
        "size": str(preferences.size),
        "theme": preferences.theme,
        "voice": preferences.voice or "",
        "rate": "" if preferences.rate is None else str(preferences.rate),
    }
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        with file.open("w", encoding="utf-8") as out:
            out.write("# pressreader's reader settings; delete this file (or use --reset) to forget them.\n")
            parser.write(out)
    except OSError as exc:
        raise OptionsError(f"cannot save the preferences in {file}: {exc.strerror}") from None
    return file


def reset_preferences(path: str | os.PathLike[str] | None = None) -> bool:
    """Forget the saved preferences; True when there were some.

    >>> reset_preferences("/no/such/folder/reader.ini")
    False
    """
    file = Path(path) if path is not None else config_path()
    try:
        file.unlink()
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise OptionsError(f"cannot delete the preferences file {file}: {exc.strerror}") from None
    return True
