"""Speech speed and memory: first audio, synthesis speed, memory while saving.

    .venv/bin/python benchmarks/bench_speech.py [--words N] [--rounds N]

Uses the real engine (pyttsx3 + espeak-ng) and headless playback (a recording
sink), for the longest fixture article (tests/fixtures/pages) and a generated
article of N words (default 5,000) built from PCC-style sentences.

* First audio: seconds from ``Player.play()`` to the first chunk handed to the
  audio sink, with a warm engine (started once, as a UI would at start-up) and
  with a cold one (the worker process started by ``play()``); and from
  ``save_audio()`` being called to the first utterance synthesised (streaming
  save). Target: under 0.3 s whatever the length.
* Synthesis speed: seconds of audio per wall-clock second for ``save_audio``.
  Target: at least 50x real time. The reference, measured in the same process,
  is the same utterances synthesised through the same worker with nothing else
  (no concatenation, no index): the ratio is save_audio's own overhead. For the
  fixture article the whole text said as ONE utterance is shown too: pyttsx3
  appends audio by copying its buffer, so one long utterance is far slower than
  sentence by sentence.
* Memory: tracemalloc peak in this process and the worker's peak RSS (VmHWM)
  while saving, for articles of growing length. Target: flat in length. The
  audio is streamed (never held); what grows is the text itself, the speech
  script and the timing index.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
import tracemalloc
import wave
from pathlib import Path
from typing import Any

from pressreader.models import Article, Quote, Source
from pressreader.speech import Player, Pyttsx3Engine, RecordingSink, SpeechOptions, save_audio, speech_script
from pressreader.speech.engine import SpeechEngine, Voice

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "pages"

SENTENCES = [
    "The Police and Crime Commissioner has awarded £5,000 to the community speed watch scheme in Rugby.",
    "Supt. Jones said the force answered 999 calls faster in 2023–24 than in any year since 2014.",
    "Residents can report anti-social behaviour by calling 101 or online at www.warwickshire-pcc.gov.uk.",
    "The PCC will hold a public meeting on 31/01/2023 at 7pm in the town hall.",
    "Burglary fell by 12% across the county, while CCTV coverage rose by a third.",
    "More than 170 additional officers have been recruited under the national uplift programme.",
    "The OPCC has set aside £1.2m for victim services, including independent domestic violence advisers.",
    "PCSOs will patrol the town centre every Friday and Saturday night from 21st May.",
]


def generated_article(words: int) -> Article:
    body: list[str] = []
    count = 0
    i = 0
    while count < words:
        paragraph = " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(3))
        body.append(paragraph)
        count += len(paragraph.split())
        i += 1
    quotes = tuple(
        Quote("…", "Jane Doe", "Warwickshire Police and Crime Commissioner", (p,)) for p in range(2, len(body), 5)
    )
    source = Source("Warwickshire Police and Crime Commissioner", "Warwickshire", "warwickshire-pcc.gov.uk")
    return Article(f"A {words}-word article", tuple(body), quotes=quotes, source=source)


def longest_fixture() -> Article:
    articles = [Article.from_json(p.read_text(encoding="utf-8")) for p in FIXTURES.glob("*/*.json")]
    if not articles:
        raise SystemExit("no fixture articles in tests/fixtures/pages")
    return max(articles, key=lambda a: sum(len(p.split()) for p in a.body))


def word_count(article: Article) -> int:
    return sum(len(p.split()) for p in article.body)


class Timed:
    """Wraps an engine and notes when each synthesis finishes."""

    def __init__(self, engine: SpeechEngine) -> None:
        self.engine = engine
        self.finished: list[float] = []

    def list_voices(self) -> list[Voice]:
        return self.engine.list_voices()

    def synthesise(self, text: str, path: Path, options: SpeechOptions) -> None:
        self.engine.synthesise(text, path, options)
        self.finished.append(time.perf_counter())

    def close(self) -> None:
        """The wrapped engine is closed by its owner."""


def first_audio_player(article: Article, engine: SpeechEngine | None) -> float:
    started: list[float] = []
    with Player(article, engine=engine, audio_sink=RecordingSink()) as player:
        player.on("utterance-started", lambda e: started.append(time.perf_counter()))
        t0 = time.perf_counter()
        player.play()
        while not started:
            time.sleep(0.0005)
        player.stop()
    return started[0] - t0


def save_run(article: Article, engine: Pyttsx3Engine, out: Path) -> dict[str, float]:
    timed = Timed(engine)
    t0 = time.perf_counter()
    index = save_audio(article, out, engine=timed)
    wall = time.perf_counter() - t0
    return {"first": timed.finished[0] - t0, "wall": wall, "audio": index.duration}


def reference_run(article: Article, engine: Pyttsx3Engine, folder: Path) -> dict[str, float]:
    """The same utterances through the same worker, without concatenation or a timing index."""
    script = speech_script(article)
    options = SpeechOptions()
    audio = 0.0
    t0 = time.perf_counter()
    for i, utterance in enumerate(script):
        path = folder / f"ref{i}.wav"
        engine.synthesise(utterance.text, path, options)
        with wave.open(str(path), "rb") as wav:
            audio += wav.getnframes() / wav.getframerate()
        path.unlink()
    return {"wall": time.perf_counter() - t0, "audio": audio}


def one_utterance_run(article: Article, engine: Pyttsx3Engine, out: Path) -> dict[str, float]:
    """The whole article as ONE utterance: pyttsx3 grows its audio buffer by copying (quadratic)."""
    text = " ".join(u.text for u in speech_script(article))
    t0 = time.perf_counter()
    engine.synthesise(text, out, SpeechOptions(timeout=600))
    wall = time.perf_counter() - t0
    with wave.open(str(out), "rb") as wav:
        audio = wav.getnframes() / wav.getframerate()
    return {"wall": wall, "audio": audio}


def worker_peak_rss_kib(engine: Pyttsx3Engine) -> int:
    worker: Any = engine._worker  # the benchmark peeks at the private worker to read its RSS
    if worker is None:
        return 0
    for line in Path(f"/proc/{worker.process.pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def memory_run(article: Article, out: Path) -> dict[str, float]:
    with Pyttsx3Engine() as engine:
        engine.start()
        tracemalloc.start()
        index = save_audio(article, out, engine=engine)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return {
            "py_peak_kib": peak / 1024,
            "worker_hwm_kib": worker_peak_rss_kib(engine),
            "audio_kib": index.duration * index.sample_rate * 2 / 1024,
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=5000, help="length of the generated article")
    parser.add_argument("--rounds", type=int, default=5, help="repetitions of the first-audio timings")
    args = parser.parse_args()

    articles = {"longest fixture": longest_fixture(), f"generated {args.words} words": generated_article(args.words)}
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp, Pyttsx3Engine() as engine:
        t0 = time.perf_counter()
        engine.start()
        engine.list_voices()
        results["engine start (s)"] = round(time.perf_counter() - t0, 3)
        for name, article in articles.items():
            row: dict[str, Any] = {"words": word_count(article), "utterances": len(speech_script(article))}
            warm = [first_audio_player(article, engine) for _ in range(args.rounds)]
            cold = [first_audio_player(article, None) for _ in range(max(1, args.rounds // 2))]
            row["first audio, Player, warm engine (s, median)"] = round(statistics.median(warm), 4)
            row["first audio, Player, cold engine (s, median)"] = round(statistics.median(cold), 4)
            saved = save_run(article, engine, Path(tmp) / "save.wav")
            row["first audio, streaming save (s)"] = round(saved["first"], 4)
            row["audio (s)"] = round(saved["audio"], 1)
            row["save wall (s)"] = round(saved["wall"], 2)
            row["speed (x real time)"] = round(saved["audio"] / saved["wall"], 1)
            ref = reference_run(article, engine, Path(tmp))
            row["reference: bare per-utterance synthesis (x real time)"] = round(ref["audio"] / ref["wall"], 1)
            row["save time / reference time"] = round(saved["wall"] / ref["wall"], 2)
            if row["words"] <= 2000:  # quadratic in pyttsx3: minutes for 5,000 words
                one = one_utterance_run(article, engine, Path(tmp) / "one.wav")
                row["whole text as one utterance (x real time)"] = round(one["audio"] / one["wall"], 1)
            results[name] = row

        memory: dict[str, Any] = {}
        base = None
        for words in (args.words // 4, args.words, args.words * 2):
            mem = memory_run(generated_article(words), Path(tmp) / "mem.wav")
            base = base or mem
            memory[f"{words} words"] = {
                "python peak (KiB)": round(mem["py_peak_kib"]),
                "worker peak RSS (KiB)": mem["worker_hwm_kib"],
                "python peak / shortest": round(mem["py_peak_kib"] / base["py_peak_kib"], 2),
                "python peak per word (bytes)": round(mem["py_peak_kib"] * 1024 / words),
                "audio PCM never held (KiB)": round(mem["audio_kib"]),
                "worker RSS / shortest": round(mem["worker_hwm_kib"] / max(1, base["worker_hwm_kib"]), 2),
            }
        results["memory while saving"] = memory
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
