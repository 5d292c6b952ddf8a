"""pressreader against trafilatura and htmldate on ordinary (non-PCC) news and blog pages.

    .venv/bin/python benchmarks/generic_eval.py [corpus_dir]

Each ``<slug>.html`` in the corpus (default ``benchmarks/corpus``) has a
``<slug>.json`` beside it holding what a careful reader says is the article:
``{"url", "title", "date", "body"}`` (see ``benchmarks/corpus/README.md``).
For every page the body found by ``pressreader.parse_article`` and by
``trafilatura.extract`` is scored by word-level precision and recall against
the golden body, and the date found by ``parse_article`` and by
``htmldate.find_date`` is scored right or wrong (a page with no date is right
only when the extractor also finds none). ``bench_parse.py`` can import
:func:`evaluate` to print the same figures in its report.
"""

from __future__ import annotations

import json
import re
import statistics
import sys
import warnings
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pressreader import PressreaderError, parse_article

CORPUS = Path(__file__).resolve().parent / "corpus"
_WORDS = re.compile(r"\w+")


@dataclass(frozen=True)
class PageScore:
    """One corpus page scored for pressreader, trafilatura and htmldate."""

    slug: str
    want_date: str | None
    ours_precision: float
    ours_recall: float
    ours_date: str | None
    ours_title_ok: bool
    ours_error: str | None
    trafilatura_precision: float
    trafilatura_recall: float
    htmldate_date: str | None

    @property
    def ours_date_ok(self) -> bool:
        return self.ours_date == self.want_date

    @property
    def htmldate_ok(self) -> bool:
        return self.htmldate_date == self.want_date

    @property
    def ours_f1(self) -> float:
        return _f1(self.ours_precision, self.ours_recall)

    @property
    def trafilatura_f1(self) -> float:
        return _f1(self.trafilatura_precision, self.trafilatura_recall)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def word_prf(got: str, want: str) -> tuple[float, float]:
    """Word-level (bag of lower-cased ``\\w+`` tokens) precision and recall of ``got`` against ``want``.

    >>> word_prf("the cat sat", "the cat sat on the mat")
    (1.0, 0.5)
    >>> word_prf("", "anything")
    (0.0, 0.0)
    """
    g = Counter(w.lower() for w in _WORDS.findall(got))
    w = Counter(w.lower() for w in _WORDS.findall(want))
    overlap = sum((g & w).values())
    return overlap / max(sum(g.values()), 1), overlap / max(sum(w.values()), 1)


def _collapse(text: str) -> str:
    return " ".join(text.split())


def score_page(html_path: Path) -> PageScore:
    """Score one ``<slug>.html`` against the ``<slug>.json`` beside it."""
    import htmldate
    import trafilatura

    golden = json.loads(html_path.with_suffix(".json").read_text("utf-8"))
    data = html_path.read_bytes()
    url: str | None = golden.get("url")
    want_body = "\n".join(golden["body"])
    error = None
    try:
        article = parse_article(data, url)
        got_body = "\n".join(article.body)
        got_date = article.date.isoformat() if article.date else None
        title_ok = _collapse(article.title) == _collapse(golden["title"])
    except PressreaderError as exc:
        got_body, got_date, title_ok, error = "", None, False, f"{type(exc).__name__}: {exc}"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        traf = trafilatura.extract(data, url=url, include_comments=False, include_tables=True) or ""
        hd = htmldate.find_date(data, url=url, original_date=True, outputformat="%Y-%m-%d")
    op, orr = word_prf(got_body, want_body)
    tp, tr = word_prf(traf, want_body)
    return PageScore(html_path.stem, golden.get("date"), op, orr, got_date, title_ok, error, tp, tr, hd)


def evaluate(corpus_dir: Path | str = CORPUS) -> list[PageScore]:
    """Score every page of ``corpus_dir`` that has a golden JSON, in name order."""
    return [score_page(p) for p in sorted(Path(corpus_dir).glob("*.html")) if p.with_suffix(".json").exists()]


def format_table(scores: list[PageScore]) -> str:
    """The per-page table and the means, as printed by :func:`main`."""
    lines = [f"{'page':40} {'ours P/R':>10} {'trafi P/R':>10} {'F1 o/t':>10} {'date ours':>11} {'htmldate':>11} "
             f"{'want':>10} title"]  # fmt: skip
    for s in scores:
        od = (s.ours_date or "-") + ("" if s.ours_date_ok else "*")
        hd = (s.htmldate_date or "-") + ("" if s.htmldate_ok else "*")
        lines.append(f"{s.slug[:40]:40} {s.ours_precision:4.2f}/{s.ours_recall:4.2f} "
                     f"{s.trafilatura_precision:5.2f}/{s.trafilatura_recall:4.2f} "
                     f"{s.ours_f1:5.2f}/{s.trafilatura_f1:4.2f} {od:>11} {hd:>11} {s.want_date or '-':>10} "
                     f"{'ok' if s.ours_title_ok else 'NO'}")  # fmt: skip
        if s.ours_error:
            lines.append(f"    pressreader: {s.ours_error[:140]}")

    def mean(values: list[float]) -> float:
        return statistics.mean(values) if values else 0.0

    lines.append(f"{'mean':40} {mean([s.ours_precision for s in scores]):4.2f}/"
                 f"{mean([s.ours_recall for s in scores]):4.2f} "
                 f"{mean([s.trafilatura_precision for s in scores]):5.2f}/"
                 f"{mean([s.trafilatura_recall for s in scores]):4.2f} "
                 f"{mean([s.ours_f1 for s in scores]):5.2f}/{mean([s.trafilatura_f1 for s in scores]):4.2f} "
                 f"{mean([float(s.ours_date_ok) for s in scores]) * 100:10.0f}% "
                 f"{mean([float(s.htmldate_ok) for s in scores]) * 100:10.0f}% {'':>10} "
                 f"{mean([float(s.ours_title_ok) for s in scores]) * 100:.0f}%")  # fmt: skip
    lines.append("(* = wrong date)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    try:
        import htmldate  # noqa: F401
        import trafilatura  # noqa: F401
    except ImportError:
        print("install the bench extra first: pip install -e '.[bench]'", file=sys.stderr)
        return 2
    corpus = Path(args[0]) if args else CORPUS
    scores = evaluate(corpus)
    print(f"generic corpus: {len(scores)} pages in {corpus}\n")
    print(format_table(scores))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
