"""pressreader beside trafilatura, htmldate and a quote-mark regex on the real-web corpora, in one run.

    .venv/bin/python benchmarks/real_web.py [--corpora ../shared/corpora] [--json OUT.json]

The corpora (``../shared/corpora``: 990 news and blog pages with body snippets,
800 dated pages, PolNeAR's dev split of 84 news articles with every quote) are
scored by their own ``score.py``, the same code that scores pressreader on pages
we never see, with each reference extractor in the same process as pressreader:

* bodies: snippet F1, precision, recall; median milliseconds a page, and the
  speed ratio trafilatura / pressreader (medians of the same run);
* dates: accuracy, wrong and missed dates, against htmldate's extensive search;
* quotes: direct-quote F1, precision, recall and speaker-by-name (lenient),
  against the naive quote-mark regex;
* refusals: the share of pages of the bodies and dates corpora that
  ``parse_article`` refuses with ``ParseError`` (pages with no readable text).

Prints a table (and writes the rows as JSON with ``--json``). Speed is a ratio
of two medians measured in the same process on the same machine, never a
number of seconds compared with a fixed target.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_CORPORA = HERE.parent.parent / "shared" / "corpora"


def score(corpora: Path, corpus: str, extractors: str, *extra: str) -> list[dict[str, Any]]:
    """The summary rows score.py prints for one corpus."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "rows.json"
        subprocess.run(
            [sys.executable, str(corpora / "score.py"), corpus, "-e", extractors, "--json", str(out), *extra],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        rows: list[dict[str, Any]] = json.loads(out.read_text())
    return rows


def refusals(cache: Path) -> tuple[int, int]:
    """Pages of the bodies and dates corpora that parse_article refuses, and pages tried."""
    import pressreader

    pages: list[bytes] = []
    bodies = cache / "web-bodies"
    sys.path.insert(0, str(bodies))
    try:
        import eval_common  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(bodies))
    evaldata = eval_common.load_evaldata(str(bodies / "evaldata.json"))
    for url in sorted(evaldata):
        raw = eval_common.read_document(str(bodies), evaldata[url]["file"])
        if raw is not None:
            pages.append(raw)
    dates = cache / "web-dates"
    gold = json.loads((dates / "eval_default.json").read_text())
    for url in sorted(gold):
        for folder in ("cache", "eval"):
            path = dates / folder / gold[url]["file"]
            if path.is_file():
                pages.append(path.read_bytes())
                break
    refused = 0
    for page in pages:
        try:
            pressreader.parse_article(page)
        except pressreader.ParseError:
            refused += 1
    return refused, len(pages)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA, help="the shared corpora folder")
    parser.add_argument("--json", type=Path, help="also write the rows here")
    args = parser.parse_args(argv)
    if not (args.corpora / "score.py").is_file():
        print(f"no corpora at {args.corpora} (score.py missing)", file=sys.stderr)
        return 2
    cache = Path(os.environ.get("PRESSREADER_CORPORA", Path.home() / ".cache" / "pressreader-corpora"))

    bodies = {r["extractor"]: r for r in score(args.corpora, "bodies", "pressreader,trafilatura")}
    dates = {r["extractor"]: r for r in score(args.corpora, "dates", "pressreader,htmldate")}
    quotes = {r["extractor"]: r for r in score(args.corpora, "quotes", "pressreader,regex", "--split", "dev")}
    refused, tried = refusals(cache)

    ours, traf = bodies["pressreader"], bodies["trafilatura"]
    speed = traf["median_ms"] / ours["median_ms"]
    print("| real pages | pressreader | reference (same run) |")
    print("| --- | --- | --- |")
    print(f"| body F1, 990 pages | {ours['f1']:.3f} (P {ours['precision']:.3f}, R {ours['recall']:.3f}),"
          f" {ours['median_ms']:.1f} ms median | trafilatura {traf['f1']:.3f} (P {traf['precision']:.3f},"
          f" R {traf['recall']:.3f}), {traf['median_ms']:.1f} ms median |")
    ours_d, html_d = dates["pressreader"], dates["htmldate"]
    print(f"| publication date, 800 pages | {ours_d['accuracy']:.3f}: {ours_d['wrong']} wrong,"
          f" {ours_d['missed']} missed | htmldate (extensive) {html_d['accuracy']:.3f}: {html_d['wrong']} wrong,"
          f" {html_d['missed']} missed |")
    ours_q, rx = quotes["pressreader"], quotes["regex"]
    print(f"| direct quotes F1 / speaker by name, PolNeAR dev | {ours_q['f1']:.3f} / {ours_q['name_lenient']:.3f}"
          f" (P {ours_q['precision']:.3f}, R {ours_q['recall']:.3f}) | regex {rx['f1']:.3f} /"
          f" {rx['name_lenient']:.3f} |")
    print(f"| pages refused with ParseError | {refused} of {tried} ({100 * refused / tried:.2f}%) | — |")
    crashes = ours["crashes"] + ours_d["crashes"] + ours_q.get("extractor_errors", 0)
    print(f"| crashes | {crashes} | — |")
    print(f"| speed, bodies corpus | {speed:.1f}x faster than trafilatura (median per page, same run) | — |")
    if args.json:
        args.json.write_text(json.dumps({"bodies": bodies, "dates": dates, "quotes": quotes,
                                         "refused": refused, "tried": tried, "speed_ratio": speed}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
