"""Parsing speed, memory and extraction quality, measured against references in one run.

    .venv/bin/python benchmarks/bench_parse.py [--rounds N] [--memory-parses N] [--stages]

Speed: every golden page (tests/fixtures/pages) is parsed repeatedly by
pressreader.parse_article, by bare ``lxml.html.fromstring`` of the same bytes
(the floor: no extractor can be faster than building the tree) and by
``trafilatura.extract`` (the best-known open-source extractor). Figures are
medians per page and ratios against lxml measured in the same process, so a
busy machine slows all three alike. Targets (issue 2): pressreader at most
2.5x lxml, and at least 3x faster than trafilatura.

Stages (--stages): where pressreader's time goes, each stage timed alone on
prepared inputs (fresh trees for the walk, which edits its tree) and given as a
share of the lxml floor; "the rest" is the whole parse minus the stages timed.

Memory: RSS before and after N parses (default 10,000); flat means no growth
beyond noise.

Quality: body text compared with the golden body by word-level precision and
recall, for pressreader and trafilatura; publication date right or wrong for
pressreader and htmldate. trafilatura and htmldate come from the "bench" extra.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import lxml.html

from pressreader import PressreaderError, extract_quotes, parse_article
from pressreader.parse.blocks import walk
from pressreader.parse.document import Element, build_tree
from pressreader.parse.metadata import read_meta

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generic_eval import evaluate, format_table, word_prf

T = TypeVar("T")
PAGES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "pages"


def _rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _pages() -> list[tuple[Path, bytes, dict[str, object]]]:
    out = []
    for html in sorted(PAGES.glob("*/*.html")):
        golden = html.with_suffix(".json")
        if golden.exists():
            out.append((html, html.read_bytes(), json.loads(golden.read_text("utf-8"))))
    return out


def _median_per_page(func: Callable[[bytes, str | None], object], pages: list[bytes], urls: list[str | None],
                     rounds: int) -> float:  # fmt: skip
    per_round = []
    for _ in range(rounds):
        start = time.perf_counter()
        for data, url in zip(pages, urls, strict=True):
            func(data, url)
        per_round.append((time.perf_counter() - start) / len(pages))
    return statistics.median(per_round)


def _median_stage(prepare: Callable[[], Sequence[T]], func: Callable[[T], object], rounds: int) -> float:
    """Median time per page of ``func`` over inputs made fresh by ``prepare`` each round (not timed)."""
    per_round = []
    for _ in range(rounds):
        inputs = prepare()
        start = time.perf_counter()
        for item in inputs:
            func(item)
        per_round.append((time.perf_counter() - start) / len(inputs))
    return statistics.median(per_round)


def _print_stages(datas: list[bytes], urls: list[str | None], t_lxml: float, t_ours: float, rounds: int) -> None:
    pairs = list(zip(datas, urls, strict=True))
    bodies = [parse_article(d, u).body for d, u in pairs]

    def trees() -> list[Element]:
        return [build_tree(d, url=u)[0] for d, u in pairs]

    def build(pair: tuple[bytes, str | None]) -> object:
        return build_tree(pair[0], url=pair[1])

    stages = {
        "build_tree (decode + libxml2)": _median_stage(lambda: pairs, build, rounds),
        "read_meta (meta tags, JSON-LD)": _median_stage(trees, lambda root: read_meta(root, None), rounds),
        "walk (blocks, furniture)": _median_stage(trees, walk, rounds),
        "extract_quotes (body)": _median_stage(lambda: bodies, extract_quotes, rounds),
    }
    print("\nstages (median time per page, each timed alone; x = share of the lxml floor)")
    for name, t in stages.items():
        print(f"  {name:32} {t * 1e3:8.3f} ms  {t / t_lxml:5.2f}x")
    rest = t_ours - sum(stages.values())
    print(f"  {'the rest (title, date, root, ...)':32} {rest * 1e3:8.3f} ms  {rest / t_lxml:5.2f}x")
    print(f"  {'whole parse_article':32} {t_ours * 1e3:8.3f} ms  {t_ours / t_lxml:5.2f}x")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--memory-parses", type=int, default=10_000)
    parser.add_argument("--stages", action="store_true", help="also time the parser's stages one by one")
    args = parser.parse_args()

    try:
        import htmldate
        import trafilatura
    except ImportError:
        print("install the bench extra first: pip install -e '.[bench]'", file=sys.stderr)
        return 2
    warnings.simplefilter("ignore")

    corpus = _pages()
    datas = [d for _, d, _ in corpus]
    urls: list[str | None] = [str(g.get("url")) if g.get("url") else None for _, _, g in corpus]
    total_kb = sum(len(d) for d in datas) / 1024
    print(f"corpus: {len(corpus)} golden pages, {total_kb:.0f} KiB of HTML, {args.rounds} rounds each\n")

    def ours(data: bytes, url: str | None) -> object:
        return parse_article(data, url)

    def floor(data: bytes, url: str | None) -> object:
        return lxml.html.fromstring(data)

    def trafi(data: bytes, url: str | None) -> object:
        return trafilatura.extract(data, url=url, include_comments=False)

    for func in (ours, floor, trafi):  # warm-up: imports, caches, regex compilation
        func(datas[0], urls[0])
    t_lxml = _median_per_page(floor, datas, urls, args.rounds)
    t_ours = _median_per_page(ours, datas, urls, args.rounds)
    t_traf = _median_per_page(trafi, datas, urls, max(3, args.rounds // 3))
    print("speed (median time per page)")
    print(f"  lxml.html.fromstring  {t_lxml * 1e3:8.3f} ms  {1 / t_lxml:8.0f} pages/s  (floor)")
    print(f"  pressreader           {t_ours * 1e3:8.3f} ms  {1 / t_ours:8.0f} pages/s  "
          f"{t_ours / t_lxml:.2f}x lxml (target <= 2.5x)")  # fmt: skip
    print(f"  trafilatura.extract   {t_traf * 1e3:8.3f} ms  {1 / t_traf:8.0f} pages/s  "
          f"pressreader is {t_traf / t_ours:.1f}x faster (target >= 3x)")  # fmt: skip
    if args.stages:
        _print_stages(datas, urls, t_lxml, t_ours, args.rounds)

    gc.collect()
    n = args.memory_parses
    for i in range(200):  # settle allocator pools before the first reading
        ours(datas[i % len(datas)], urls[i % len(urls)])
    gc.collect()
    before = _rss_kib()
    mid = 0
    for i in range(n):
        ours(datas[i % len(datas)], urls[i % len(urls)])
        if i == n // 2:
            gc.collect()
            mid = _rss_kib()
    gc.collect()
    after = _rss_kib()
    print(f"\nmemory over {n:,} parses: RSS {before / 1024:.1f} MiB before, {mid / 1024:.1f} MiB halfway, "
          f"{after / 1024:.1f} MiB after (growth {(after - before) / 1024:+.1f} MiB; "
          f"second half {(after - mid) / 1024:+.1f} MiB)")  # fmt: skip

    print("\nquality against the golden pages (word-level precision / recall of the body; date right?)")
    print(f"  {'page':58} {'ours P/R':>11} {'trafilatura P/R':>16} {'date ours':>10} {'htmldate':>9}")
    sums: dict[str, list[float]] = {k: [] for k in ("op", "or", "tp", "tr", "od", "hd")}
    for (path, data, golden), url in zip(corpus, urls, strict=True):
        want_body = "\n".join(str(p) for p in golden["body"])  # type: ignore[attr-defined]
        try:
            article = parse_article(data, url)
            got_body, got_date = "\n".join(article.body), article.date
        except PressreaderError:
            got_body, got_date = "", None
        traf_body = trafilatura.extract(data, url=url, include_comments=False, include_tables=True) or ""
        op, orr = word_prf(got_body, want_body)
        tp, tr = word_prf(traf_body, want_body)
        want_date = golden.get("date")
        hd = htmldate.find_date(data.decode("utf-8", "replace"), url=url, original_date=True,
                                outputformat="%Y-%m-%d")  # fmt: skip
        ok_ours = (got_date.isoformat() if got_date else None) == want_date
        ok_hd = hd == want_date
        for key, value in zip(sums, (op, orr, tp, tr, float(ok_ours), float(ok_hd)), strict=True):
            sums[key].append(value)
        name = f"{path.parent.name}/{path.stem}"[:58]
        print(f"  {name:58} {op:5.2f}/{orr:4.2f} {tp:10.2f}/{tr:4.2f} {'yes' if ok_ours else 'NO':>10} "
              f"{'yes' if ok_hd else 'NO':>9}")  # fmt: skip
    mean = {k: statistics.mean(v) for k, v in sums.items()}
    print(f"  {'mean':58} {mean['op']:5.2f}/{mean['or']:4.2f} {mean['tp']:10.2f}/{mean['tr']:4.2f} "
          f"{mean['od'] * 100:9.0f}% {mean['hd'] * 100:8.0f}%")  # fmt: skip

    print("\nquality on ordinary news and blog pages (benchmarks/corpus, generic path only)")
    print(format_table(evaluate()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
