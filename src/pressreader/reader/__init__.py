"""The reader for people who listen: everything ``examples/read_aloud.py`` and ``pressreader`` share.

- :mod:`.inputs`: what the reader named (a web address, a saved page, an archive
  id, a site name, or nothing for the bundled sample) turned into an Article;
- :mod:`.prefs`: the reader's remembered size, theme, voice and speed;
- :mod:`.keys`: the keys that control reading aloud, and the terminal's raw mode;
- :mod:`.session`: reading aloud with those keys, announcing each in words;
- :mod:`.messages`: every failure told as one plain sentence with what to do next.

Importing it loads no speech engine and no network library::

    >>> import subprocess, sys
    >>> code = "import sys, pressreader.reader; print('pyttsx3' in sys.modules, 'httpx' in sys.modules)"
    >>> subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    'False False\\n'

"""

from __future__ import annotations

from .inputs import Target, article_by_id, classify, load_file, open_article, recent_releases, sample_article
from .keys import KEYS, Controls, Key, help_text, raw_terminal
from .messages import explain
from .prefs import Preferences, config_path, load_preferences, reset_preferences, save_preferences
from .session import FileSink, Reader, audio_sink_from_env

__all__ = [
    "KEYS",
    "Controls",
    "FileSink",
    "Key",
    "Preferences",
    "Reader",
    "Target",
    "article_by_id",
    "audio_sink_from_env",
    "classify",
    "config_path",
    "explain",
    "help_text",
    "load_file",
    "load_preferences",
    "open_article",
    "raw_terminal",
    "recent_releases",
    "reset_preferences",
    "sample_article",
    "save_preferences",
]
