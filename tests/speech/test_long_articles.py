"""Articles of any length: utterances bounded, memory-held outputs refused up front, WAV's 4 GiB limit."""

from __future__ import annotations

import json
import wave
from pathlib import Path

import pytest

from pressreader import cli
from pressreader.errors import SpeechError
from pressreader.models import Article
from pressreader.speech import save_audio, speech_script
from pressreader.speech.script import MAX_UTTERANCE
from pressreader.speech.timing import MAX_TIMED_WORDS, timed_speech

WORDS = ("commissioner", "patrols", "funding", "community", "safety", "officers", "neighbourhood", "plan")


def _words(n: int) -> str:
    return " ".join(WORDS[i % len(WORDS)] for i in range(n))


def test_one_paragraph_of_200000_words_is_spoken_in_bounded_pieces_and_loses_nothing() -> None:
    text = _words(200_000)
    script = speech_script(Article("Long", (text,)))
    body = [u for u in script if u.kind == "paragraph"]
    assert max(len(u.display) for u in body) <= MAX_UTTERANCE
    assert " ".join(u.display for u in body).split() == text.split()  # every word, in order
    assert all(text[u.start : u.end] == u.display for u in body)


def test_a_word_longer_than_the_limit_is_cut_not_lost() -> None:
    text = "x" * (3 * MAX_UTTERANCE + 5)
    body = [u for u in speech_script(Article("Long", (text,))) if u.kind == "paragraph"]
    assert "".join(u.display for u in body) == text
    assert max(len(u.display) for u in body) <= MAX_UTTERANCE


def test_outputs_held_in_memory_refuse_an_overlong_article_up_front(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = Article("Long", tuple(_words(1000) + "." for _ in range(MAX_TIMED_WORDS // 1000 + 1)))
    with pytest.raises(SpeechError, match=f"at most {MAX_TIMED_WORDS:,}"):
        timed_speech(article)
    source = tmp_path / "long.json"
    source.write_text(article.to_json(), encoding="utf-8")
    for argv in (["read-along", str(source), "-o", str(tmp_path / "ra")], ["export-epub", str(source), "-o",
                 str(tmp_path / "long.epub")]):  # fmt: skip
        code = cli.main(argv)
        _out, err = capsys.readouterr()
        assert code == 1, argv
        assert "speak ARTICLE --save" in err or "several books" in err, err
    assert not (tmp_path / "long.epub").exists()


def test_a_wav_past_4_gib_is_refused_and_nothing_is_left(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pressreader.speech import audio

    monkeypatch.setattr(audio, "WAV_LIMIT", 200_000)  # the real 4 GiB, scaled down
    article = Article("Long", tuple(f"Paragraph {i} of the plan, with patrols and funding." for i in range(40)))
    with pytest.raises(SpeechError, match=r"longer than a WAV file can hold .* save it as \.mp3"):
        save_audio(article, tmp_path / "long.wav")
    assert list(tmp_path.iterdir()) == []


def test_a_long_paragraph_with_no_full_stop_is_saved_whole(tmp_path: Path) -> None:
    """The real engine: one 3,000-word paragraph (it once crashed the worker) becomes one WAV."""
    source = tmp_path / "one.json"
    source.write_text(json.dumps({"title": "One paragraph", "body": [_words(3000)]}), encoding="utf-8")
    target = tmp_path / "one.wav"
    assert cli.main(["speak", str(source), "--save", str(target)]) == 0
    with wave.open(str(target)) as wav:
        seconds = wav.getnframes() / wav.getframerate()
    assert seconds > 3000 / 400 * 60  # faster than any speaking rate would still take this long
