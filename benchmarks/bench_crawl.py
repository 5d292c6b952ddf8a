"""Crawl speed against a loopback site of 2,000 articles, and the cost of a re-crawl.

    .venv/bin/python benchmarks/bench_crawl.py [--articles N] [--workers N]

Serves a PCC-like site on 127.0.0.1 (the same server the network tests use,
``tests/web/loopsite.py``, in this process) with the politeness delay set
to 0, crawls it into a fresh archive, then crawls it again with nothing
changed. Article pages are the saved real PCC pages of tests/fixtures/pages
(17-40 KB each, canonical links removed so each copy is its own article),
cycled to 2,000; ``--pages small`` serves tiny generated pages instead. Two
sites:

* ``wordpress``: REST API on. The re-crawl matches the API's modification
  stamps against the archive, so no article page is requested at all.
* ``listing``: HTML listings only (no API, no feed). The re-crawl asks for
  every article with If-None-Match and gets 304s with no body.

Prints articles stored per second for the full crawl, requests made and
seconds for the re-crawl, article bodies downloaded again (target: 0) and the
speed-up (target: the re-crawl at least 20x faster than the first crawl).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

from pressreader.archive.crawling import crawl
from pressreader.archive.store import Archive
from pressreader.web import Fetcher, FetchOptions

ROOT = Path(__file__).resolve().parents[1]


def _loopsite() -> ModuleType:
    spec = importlib.util.spec_from_file_location("loopsite", ROOT / "tests" / "web" / "loopsite.py")
    if spec is None or spec.loader is None:
        raise SystemExit("cannot load tests/web/loopsite.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["loopsite"] = module
    spec.loader.exec_module(module)
    return module


def _run(kind: str, n: int, workers: int, pages: str) -> dict[str, float]:
    loopsite = _loopsite()
    holder: list[object] = []
    saved = sorted((ROOT / "tests" / "fixtures" / "pages").glob("*/*.html"))
    if pages == "real" and saved:
        entries = loopsite.real_page_entries(lambda: holder[0], saved, n)
    else:
        entries = loopsite.good_entries(n)
    if kind == "wordpress":
        site = loopsite.wordpress_site(entries, per_page=20)
    else:
        site = loopsite.wordpress_site(entries, per_page=20, api=False, feed=False)
    holder.append(site)
    site.start()
    options = FetchOptions(delay=0.0)
    article_paths = {e.path for e in entries}
    try:
        with tempfile.TemporaryDirectory() as tmp, Archive(Path(tmp) / "bench.sqlite3") as archive:
            with Fetcher(options) as fetcher:
                t0 = time.perf_counter()
                first = crawl(site.url("/news/"), archive, fetcher=fetcher, workers=workers)
                first_s = time.perf_counter() - t0
            if len(first.new) != n or not first.ok:
                raise SystemExit("the first crawl did not store every article:\n" + first.summary())
            site.clear_log()
            with Fetcher(options) as fetcher:
                t0 = time.perf_counter()
                again = crawl(site.url("/news/"), archive, fetcher=fetcher, workers=workers)
                again_s = time.perf_counter() - t0
            if again.new or again.updated or again.failed:
                raise SystemExit("the re-crawl found changes where there were none:\n" + again.summary())
            bodies = sum(1 for path, status, size, _h in site.log if path in article_paths and size > 0)
            conditional = sum(1 for path, status, _s, _h in site.log if path in article_paths and status == 304)
            return {
                "first_s": first_s,
                "first_requests": first.requests,
                "rate": n / first_s,
                "again_s": again_s,
                "again_requests": len(site.log),
                "bodies": bodies,
                "not_modified": conditional,
                "ratio": first_s / again_s,
            }
    finally:
        site.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--pages",
        choices=("real", "small"),
        default="real",
        help="article pages: the saved PCC pages of tests/fixtures/pages, cycled (default), or tiny generated ones",
    )
    args = parser.parse_args()
    print(
        f"crawl benchmark: {args.articles} articles ({args.pages} pages) on 127.0.0.1, politeness delay 0, "
        f"{args.workers} workers"
    )
    ok = True
    for kind in ("wordpress", "listing"):
        r = _run(kind, args.articles, args.workers, args.pages)
        print(f"\n[{kind}]")
        print(
            f"  full crawl:  {r['first_s']:.2f} s, {r['first_requests']:.0f} requests, "
            f"{r['rate']:.0f} articles stored/s"
        )
        print(
            f"  re-crawl:    {r['again_s']:.3f} s, {r['again_requests']:.0f} requests "
            f"({r['not_modified']:.0f} answered 304), article bodies downloaded again: {r['bodies']:.0f}"
        )
        met = r["bodies"] == 0 and r["ratio"] >= 20
        ok = ok and met
        print(f"  re-crawl is {r['ratio']:.1f}x faster than the full crawl (target >= 20x, no body again): "
              f"{'met' if met else 'NOT met'}")  # fmt: skip
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
