"""``examples/read_aloud.py`` as its users meet it: in a real pseudo-terminal, keys and all.

Speech goes to a WAV file (``--audio-to``) in real time instead of the sound
device, and the file's ``.log`` lists every chunk "played", so the tests can
check that the reading position moved as the keys asked.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import wave
from pathlib import Path

import pytest

from pressreader.models import Article
from pressreader.speech import block_starts, playback_problem, speech_script

pexpect = pytest.importorskip("pexpect")

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "examples" / "read_aloud.py"
ESCAPE = re.compile(r"\x1b|\x9b|\r(?!\n)")  # colour and cursor codes, carriage returns without a newline

ARTICLE = Article(
    "Commissioner opens new station",
    (
        "Paragraph one begins here. It has a second sentence.",
        "Paragraph two begins here. It also has a second sentence.",
        "Paragraph three begins here. And a second sentence too.",
        "Paragraph four begins here. The end is near.",
    ),
)


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "article.json"
    path.write_text(ARTICLE.to_json(), encoding="utf-8")
    return path


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A private config folder (XDG_CONFIG_HOME), no colours asked for, no browser."""
    return {
        **os.environ,
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "BROWSER": "",
        "PRESSREADER_AUDIO_SINK": "",
        "TERM": "xterm",
    }


def run(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def played(log: Path) -> list[tuple[str, str]]:
    """(chunk, outcome) for every chunk in the sink's log, in order."""
    return [(line.split("\t")[0], line.split("\t")[2]) for line in log.read_text(encoding="utf-8").splitlines()]


def utterance_indices(entries: list[tuple[str, str]]) -> list[int]:
    return [int(m.group(1)) for name, _ in entries if (m := re.fullmatch(r"r\d+-(\d+)\.wav", name))]


@pytest.mark.speech
def test_keys_in_a_real_terminal(tmp_path: Path, article_file: Path, env: dict[str, str]) -> None:
    audio = tmp_path / "heard.wav"
    script = speech_script(ARTICLE)
    starts = block_starts(script)  # title, then one start per paragraph
    p1, p2 = starts[1], starts[2]
    child = pexpect.spawn(
        sys.executable,
        [str(SCRIPT), str(article_file), "--audio-to", str(audio), "--rate", "300"],
        env=env,
        encoding="utf-8",
        timeout=60,
        dimensions=(40, 100),
    )
    try:
        child.expect_exact("Reading aloud. Press h for the keys, q to quit.")
        child.expect_exact("Paragraph one begins here.")
        child.send("n")
        child.expect(r"Next paragraph: part 3 of 5\.")
        child.expect_exact("Paragraph two begins here.")  # reading went on from the next paragraph
        child.send("p")
        child.expect(r"Previous paragraph: part 2 of 5\.")
        child.expect_exact("Paragraph one begins here.")
        child.send("+")
        child.expect(r"Faster: 1\.25 times\.")
        child.send("h")
        child.expect_exact("Keys: space pauses or goes on;")
        child.send("q")
        child.expect_exact("Stopped. Goodbye.")
        child.expect_exact("Your new speed, 375 words a minute, is remembered for next time.")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
    entries = played(Path(f"{audio}.log"))
    order = utterance_indices(entries)
    # First paragraph one, then (after n) paragraph two, then (after p) paragraph one again.
    assert order[0] == 0
    assert p1 in order
    assert p2 in order
    after_n = order[order.index(p2) :]
    assert p1 in after_n
    assert [name for name, _ in entries if name.startswith("announce-")]  # the announcements were spoken too
    with wave.open(str(audio), "rb") as wav:
        assert wav.getnframes() > wav.getframerate()  # more than a second of speech was "heard"
    settings = (tmp_path / "config" / "pressreader" / "reader.ini").read_text(encoding="utf-8")
    assert "rate = 375" in settings


@pytest.mark.speech
def test_space_pauses_and_goes_on(tmp_path: Path, article_file: Path, env: dict[str, str]) -> None:
    audio = tmp_path / "heard.wav"
    child = pexpect.spawn(
        sys.executable,
        [str(SCRIPT), str(article_file), "--audio-to", str(audio), "--rate", "300"],
        env=env,
        encoding="utf-8",
        timeout=60,
    )
    try:
        child.expect_exact("Paragraph one begins here.")
        child.send(" ")
        child.expect_exact("Paused: press space to go on.")
        child.send(" ")
        child.expect_exact("Going on.")
        child.expect_exact("Paragraph one begins here.")  # the interrupted sentence starts again
        child.send("x")
        child.expect_exact("The key x does nothing: press h for the list of keys.")
        child.send("q")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
    assert "cut" in {outcome for _, outcome in played(Path(f"{audio}.log"))}


def test_screen_reader_mode_is_clean_linear_text(env: dict[str, str]) -> None:
    """--no-speech in a terminal: no colours, boxes, spinners or cursor movement, just the words."""
    child = pexpect.spawn(sys.executable, [str(SCRIPT), "--no-speech"], env=env, encoding="utf-8", timeout=60)
    output = child.read()
    child.close()
    assert child.exitstatus == 0
    text = output.replace("\r\n", "\n")
    assert not ESCAPE.search(text), repr(ESCAPE.search(text))
    assert not re.search(r"[\u2500-\u257f\u2580-\u259f\u2800-\u28ff]", text)  # box drawing, blocks, braille spinners
    assert text.startswith("PCC responds to latest inspection report on police effectiveness\n")
    assert "Quote from Philip Seccombe" in text


def test_preferences_persist_and_reset(env: dict[str, str], tmp_path: Path) -> None:
    first = run(env, "--no-speech", "--size", "largest")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "Your settings are remembered for next time" in first.stdout
    later = run(env, "--no-speech")
    assert later.returncode == 0
    assert "remembered" not in later.stdout
    assert later.stdout.splitlines()[:2] == first.stdout.splitlines()[1:3]  # still the largest size
    widest = max(len(line) for line in later.stdout.splitlines())
    assert widest <= 46  # giant print: short lines
    overridden = run(env, "--no-speech", "--size", "standard")
    assert max(len(line) for line in overridden.stdout.splitlines()[1:]) > 46
    reset = run(env, "--no-speech", "--reset")
    assert reset.stdout.startswith("Forgot your saved settings.\n")
    assert not (tmp_path / "config" / "pressreader" / "reader.ini").exists()


@pytest.mark.speech
def test_only_an_installed_voice_is_remembered(env: dict[str, str], tmp_path: Path) -> None:
    from pressreader import list_voices

    config = tmp_path / "config" / "pressreader" / "reader.ini"
    wrong = run(env, "--no-speech", "--voice", "no-such-voice")
    assert wrong.returncode == 0, wrong.stdout + wrong.stderr
    assert wrong.stdout.startswith("Unknown voice 'no-such-voice'")
    assert "The voice no-such-voice is not used or remembered." in wrong.stdout.splitlines()
    assert "remembered for next time" not in wrong.stdout
    assert not config.exists()
    voice = list_voices()[0]
    right = run(env, "--no-speech", "--voice", voice.id.upper())  # ids match whatever their case
    assert right.returncode == 0, right.stdout + right.stderr
    assert "Your settings are remembered for next time" in right.stdout
    assert f"voice = {voice.id}" in config.read_text(encoding="utf-8")


@pytest.mark.speech
def test_no_sound_device_saves_the_audio_and_says_where(env: dict[str, str], tmp_path: Path) -> None:
    if playback_problem() is None:
        pytest.skip("this machine can play sound")
    out = run(env, "--out-dir", str(tmp_path / "out"))
    assert out.returncode == 0, out.stdout + out.stderr
    lines = out.stdout.splitlines()
    assert any(
        line.startswith("Cannot play audio") and line.endswith(", so the speech is saved as a sound file instead.")
        for line in lines
    )
    saved = [line for line in lines if line.startswith("Saved ")]
    assert saved
    wav = next((tmp_path / "out").glob("*.wav"))
    assert str(wav.resolve()) in saved[0]
    assert out.stderr == ""


def test_no_speech_engine_falls_back_to_the_text(env: dict[str, str], tmp_path: Path) -> None:
    fake = tmp_path / "fake" / "pyttsx3"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text(
        "def init(*args, **kwargs):\n"
        "    raise OSError('libespeak-ng.so.1: cannot open shared object file: No such file or directory')\n",
        encoding="utf-8",
    )
    env = {**env, "PYTHONPATH": os.pathsep.join([str(fake.parent), env.get("PYTHONPATH", "")])}
    out = run(env, "--audio-to", str(tmp_path / "a.wav"))
    assert out.returncode == 1
    last = out.stdout.splitlines()[-1]
    assert last.startswith("Speech is not available on this computer, so the article is shown above as text only")
    assert last.endswith("install espeak-ng: sudo apt-get install espeak-ng.")
    assert "PCC responds to latest inspection report" in out.stdout
    assert "Traceback" not in out.stdout + out.stderr


def test_browser_view_is_written_and_its_place_told(env: dict[str, str], tmp_path: Path) -> None:
    out = run(env, "--no-speech", "--browser", "--out-dir", str(tmp_path), "--theme", "high-contrast")
    assert out.returncode == 0
    page = tmp_path / "2018-03-22-pcc-responds-to-latest-inspection-report-on-police.html"
    assert page.exists()
    assert 'data-theme="high-contrast"' in page.read_text(encoding="utf-8")
    assert str(page) in out.stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["no-such-page.html"], "No such file: no-such-page.html"),
        (["ftp://example.org/news"], "Could not get ftp://example.org/news"),
        (["--list"], "Name a site to list its releases"),
    ],
)
def test_failures_are_one_plain_sentence(env: dict[str, str], args: list[str], expected: str) -> None:
    out = run(env, "--no-speech", *args)
    assert out.returncode != 0
    lines = (out.stdout + out.stderr).strip().splitlines()
    assert lines[-1].startswith(expected)  # the failure: one line, one sentence
    assert lines[:-1] in ([], ["Getting the release from the internet."])
    assert "Traceback" not in out.stdout + out.stderr


@pytest.mark.network
def test_list_recent_releases_and_choose_by_number(env: dict[str, str]) -> None:
    from tests.web.conftest import _load_loopsite

    loopsite = _load_loopsite()
    site = loopsite.wordpress_site(loopsite.good_entries(5), per_page=4).start()
    try:
        out = run(env, site.url("/news/"), "--list", "--no-speech", stdin="2\n")
    finally:
        site.stop()
    assert out.returncode == 0, out.stdout + out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "Getting the news from the internet."
    assert lines[1] == f"Recent releases from {site.url('/news/')}:"
    assert lines[2].startswith("1. Testshire story 5")
    assert "Type the number of the release to read" in out.stdout
    chosen = lines.index(next(x for x in lines if x.startswith("Type")))
    assert lines[chosen + 1] == "Getting that release from the internet."
    assert lines[chosen + 2] == "Testshire story 4"


def test_archive_id(env: dict[str, str], tmp_path: Path) -> None:
    from pressreader.archive.store import Archive

    db = tmp_path / "a.sqlite3"
    with Archive(db) as archive:
        stored = Article.from_dict({**ARTICLE.to_dict(), "url": "https://k.example/a"})
        _, stored_id = archive.store(stored, site="kent")
    out = run(env, str(stored_id), "--db", str(db), "--no-speech")
    assert out.returncode == 0, out.stdout
    assert out.stdout.startswith("Commissioner opens new station")
    missing = run(env, "999", "--db", str(db), "--no-speech")
    assert missing.returncode == 1
    assert missing.stdout.strip() == "There is no article 999 in the archive (`pressreader latest SITE` lists ids)."


@pytest.mark.speech
def test_ctrl_c_stops_cleanly(tmp_path: Path, article_file: Path, env: dict[str, str]) -> None:
    child = pexpect.spawn(
        sys.executable,
        [str(SCRIPT), str(article_file), "--audio-to", str(tmp_path / "heard.wav"), "--rate", "300"],
        env=env,
        encoding="utf-8",
        timeout=60,
    )
    try:
        child.expect_exact("Paragraph one begins here.")
        child.sendintr()
        child.expect_exact("Stopped.")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in (child.before or "")


@pytest.mark.speech
def test_pressreader_speak_shares_the_keys(tmp_path: Path, article_file: Path, env: dict[str, str]) -> None:
    audio = tmp_path / "heard.wav"
    env = {**env, "PRESSREADER_AUDIO_SINK": f"file:{audio}"}
    child = pexpect.spawn(
        sys.executable, ["-m", "pressreader", "speak", str(article_file), "--rate", "300"], env=env, encoding="utf-8"
    )
    try:
        child.expect_exact("Reading aloud. Press h for the keys, q to quit.", timeout=60)
        child.expect_exact("Paragraph one begins here.", timeout=60)
        child.send("n")
        child.expect_exact("Next paragraph: part 3 of 5.", timeout=60)
        child.send("q")
        child.expect_exact("Stopped. Goodbye.", timeout=60)
        child.expect(pexpect.EOF, timeout=60)
    finally:
        child.close()
    assert child.exitstatus == 0
    assert audio.exists()
