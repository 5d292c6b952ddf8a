"""Offline speech: read an article aloud, save it as audio, or plan what to say.

Three layers, each usable alone:

- :func:`speech_script` (pure): an :class:`~pressreader.models.Article` as a list
  of :class:`Utterance` objects, with the text normalised for British English
  speech (:func:`pressreader.speech.normalise.normalise`) and the displayed text kept for highlighting;
- :class:`Pyttsx3Engine` (the :class:`SpeechEngine` protocol): pyttsx3 and
  espeak-ng isolated in a worker process, with timeouts and restarts;
- :func:`save_audio` (one WAV or MP3 file plus a timing index) and
  :class:`Player` (play, pause, skip, speed, events).

Importing this package starts no engine and loads no speech library::

    >>> import sys, pressreader.speech
    >>> "pyttsx3" in sys.modules
    False
    >>> [u.kind for u in pressreader.speech.speech_script(pressreader.Article("Hi", ("There.",)))]
    ['title', 'paragraph']
"""

from __future__ import annotations

from .audio import AudioIndex, TimedUtterance, save_audio, timings_path
from .engine import Pyttsx3Engine, SpeechEngine, Voice, install_fix, list_voices, resolve_voice, utterance_options
from .options import SpeechOptions
from .player import EVENTS, Player, PlayerEvent
from .script import KINDS, Utterance, block_starts, speech_script
from .sentences import sentence_spans, split_sentences
from .sinks import AudioSink, RecordingSink, SystemSink, playback_problem

__all__ = [
    "EVENTS",
    "KINDS",
    "AudioIndex",
    "AudioSink",
    "Player",
    "PlayerEvent",
    "Pyttsx3Engine",
    "RecordingSink",
    "SpeechEngine",
    "SpeechOptions",
    "SystemSink",
    "TimedUtterance",
    "Utterance",
    "Voice",
    "block_starts",
    "install_fix",
    "list_voices",
    "playback_problem",
    "resolve_voice",
    "save_audio",
    "sentence_spans",
    "speech_script",
    "split_sentences",
    "timings_path",
    "utterance_options",
]
