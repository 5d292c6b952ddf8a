"""Memory against article length: speak --save, read-along and EPUB export, 1,000 to 200,000 words.

    .venv/bin/python benchmarks/bench_long.py [--words 1000,20000,200000] [--quick]

Each run is a fresh ``pressreader`` process with the real engine (espeak-ng);
its peak resident memory, the speech worker's included, is read with
``getrusage(RUSAGE_CHILDREN)`` from a wrapper process. Articles are one
paragraph with no full stop, or paragraphs of 100 words. Printed per command:
the peak at each length, and the ratio of each peak to the peak at the
shortest length (the reference run): flat means about 1.0. ``read-along``
and ``export-epub`` hold their audio in memory and refuse an article above
their limits (5,000 words; 60,000 for a book) up front: past the limit the
figure is the refusal's.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORDS = ("commissioner", "patrols", "funding", "community", "safety", "officers", "neighbourhood", "plan")
_WRAPPER = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, repr(done.stderr[-200:]))
"""


def _article(folder: Path, words: int, shape: str) -> Path:
    text = [WORDS[i % len(WORDS)] for i in range(words)]
    hundreds = [" ".join(text[i : i + 100]) + "." for i in range(0, words, 100)]
    body = [" ".join(text)] if shape == "one" else hundreds
    path = folder / f"{shape}-{words}.json"
    path.write_text(json.dumps({"title": "A long release", "body": body}), encoding="utf-8")
    return path


def _peak(argv: list[str]) -> tuple[int, float, float, str]:
    started = time.monotonic()
    out = subprocess.run([sys.executable, "-c", _WRAPPER, *argv], capture_output=True, text=True, check=True)
    code, kib, err = out.stdout.split(" ", 2)
    return int(code), int(kib) / 1024, time.monotonic() - started, err.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", default="1000,20000,200000")
    args = parser.parse_args()
    sizes = [int(w) for w in args.words.split(",")]
    exe = [sys.executable, "-m", "pressreader"]
    with tempfile.TemporaryDirectory(prefix="pressreader-long-") as tmp:
        folder = Path(tmp)
        for name, make in (
            ("speak --save (WAV)", lambda src, out: [*exe, "speak", str(src), "--save", str(out / "a.wav")]),
            ("speak --save (MP3)", lambda src, out: [*exe, "speak", str(src), "--save", str(out / "a.mp3")]),
            ("read-along", lambda src, out: [*exe, "read-along", str(src), "-o", str(out / "ra")]),
            ("export-epub", lambda src, out: [*exe, "export-epub", str(src), "-o", str(out / "a.epub")]),
        ):
            for shape in ("one", "many"):
                reference = None
                for words in sizes:
                    source = _article(folder, words, shape)
                    out = folder / f"out-{words}"
                    out.mkdir(exist_ok=True)
                    code, peak, seconds, err = _peak(make(source, out))
                    reference = reference or peak
                    result = "ok" if code == 0 else f"refused/failed (exit {code}): {err[:90]}"
                    print(f"{name:<20} {shape:<4} paragraph(s) {words:>7,} words: peak {peak:7.1f} MB "
                          f"(x{peak / reference:.2f} of {sizes[0]:,} words), {seconds:6.1f} s, {result}",
                          flush=True)  # fmt: skip
                    for item in out.iterdir():
                        if item.is_file():
                            item.unlink()


if __name__ == "__main__":
    main()
