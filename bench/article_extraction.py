#!/usr/bin/env python3
"""Article body extraction, scored like scrapinghub/article-extraction-benchmark.

The gold set (../shared/eval/article-extraction) is 181 news and blog pages with the article body a person
marked. Both texts are cut into word tokens (``\\w+``) and 4-word shingles; per page, true positives, false
positives and false negatives are shingle counts normalised to sum to 1 (so long pages weigh no more than
short ones). Precision is the mean of per-page precision over pages where we predicted something, recall the
mean of per-page recall over pages with a gold body, F1 their harmonic mean. Accuracy is the share of pages
whose token sequence matches the gold body exactly. The ± figures are bootstrap standard deviations over
pages, as the benchmark reports them.

    python bench/article_extraction.py             # score ours and plain trafilatura, print a table
    python bench/article_extraction.py --check     # also compare with the floors in bench/baseline.json
    python bench/article_extraction.py --limit 20 --json

Exit codes: 0 ok, 1 a floor was missed (with --check), 2 the gold set is missing.
"""

from __future__ import annotations

import argparse
import gzip
import json
import platform
import random
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "eval" / "article-extraction"
BASELINE = Path(__file__).resolve().with_name("baseline.json")
KEY = "article_extraction"
METRICS = ("f1", "precision", "recall")
SHINGLE = 4

# Published results on this benchmark (F1), for comparison.
ANCHORS = {
    "trafilatura": 0.958,
    "newspaper4k": 0.949,
    "news-please": 0.948,
    "readability-lxml": 0.922,
    "goose3": 0.896,
}

if str(ROOT / "src") not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT / "src"))


def extract(html_bytes: bytes, url: str | None) -> str:
    """newsprism's article body for one page ("" when it finds none): the HTML reader followed by the same
    cleaning every ingested article goes through (boilerplate rules, repeated headline, paragraph joining)."""
    from newsprism.errors import InputError
    from newsprism.ingest.clean import clean
    from newsprism.ingest.html import draft_from_html

    try:
        draft = draft_from_html(html_bytes, source=url or "<page>", raw=html_bytes, url=url)
    except InputError:
        return ""
    return clean(draft).assemble()[0]


def extract_trafilatura(html_bytes: bytes, url: str | None) -> str:
    """Plain trafilatura, configured as the benchmark's own runner calls it."""
    import trafilatura

    return trafilatura.extract(html_bytes.decode("utf-8", errors="replace"), include_comments=False) or ""


# ---------------------------------------------------------------------------------------------- scoring

_WORD = re.compile(r"\w+")


def tokens(text: str | None) -> list[str]:
    return _WORD.findall(text or "")


def shingles(text: str | None, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """Counts of n-word shingles; a text shorter than n words is one shorter shingle (none when empty)."""
    words = tokens(text)
    if len(words) < n:
        return Counter([tuple(words)] if words else [])
    return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def page_counts(gold: str, predicted: str) -> tuple[float, float, float]:
    """(tp, fp, fn) over shingles for one page, normalised to sum to 1 when any is non-zero."""
    g, p = shingles(gold), shingles(predicted)
    tp = float(sum((g & p).values()))
    fp = float(sum((p - g).values()))
    fn = float(sum((g - p).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (tp, fp, fn)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def aggregate(counts: list[tuple[float, float, float]]) -> dict[str, float]:
    precisions = [_precision(*c) for c in counts if c[0] + c[1] > 0]
    recalls = [_recall(*c) for c in counts if c[0] + c[2] > 0]
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"f1": f1, "precision": precision, "recall": recall}


def score(golds: list[str], predictions: list[str], bootstrap: int = 1000, seed: int = 0) -> dict[str, float]:
    counts = [page_counts(g, p) for g, p in zip(golds, predictions, strict=True)]
    exact = [float(tokens(g) == tokens(p)) for g, p in zip(golds, predictions, strict=True)]
    result = aggregate(counts)
    result["accuracy"] = statistics.mean(exact) if exact else 0.0
    if bootstrap > 1 and len(counts) > 1:
        rng = random.Random(seed)
        samples: dict[str, list[float]] = {}
        for _ in range(bootstrap):
            picks = [rng.randrange(len(counts)) for _ in counts]
            sample = aggregate([counts[i] for i in picks])
            sample["accuracy"] = statistics.mean(exact[i] for i in picks)
            for key, value in sample.items():
                samples.setdefault(key, []).append(value)
        for key, values in samples.items():
            result[f"{key}_std"] = statistics.stdev(values)
    return result


# ---------------------------------------------------------------------------------------------- running


def load_pages(limit: int | None = None, gold_dir: Path = GOLD) -> list[tuple[str, str, str, bytes]]:
    """(id, url, gold body, page bytes) in id order."""
    truth = json.loads((gold_dir / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth)[:limit]:
        html = gzip.decompress((gold_dir / "html" / f"{page_id}.html.gz").read_bytes())
        pages.append((page_id, truth[page_id].get("url"), truth[page_id].get("articleBody", ""), html))
    return pages


def run(
    extractor: Callable[[bytes, str | None], str],
    pages: Iterable[tuple[str, str, str, bytes]],
    bootstrap: int = 1000,
) -> dict[str, float]:
    pages = list(pages)
    if pages:  # warm up (imports, lexicons) outside the timed loop
        extractor(pages[0][3], pages[0][1])
    golds, predictions = [], []
    start = time.perf_counter()
    for _, url, gold, html in pages:
        golds.append(gold)
        predictions.append(extractor(html, url))
    seconds = time.perf_counter() - start
    result = score(golds, predictions, bootstrap)
    result.update(
        pages=len(golds), seconds=seconds, pages_per_second=len(golds) / seconds if seconds else 0.0
    )
    return result


def load_floors(path: Path = BASELINE) -> dict[str, float]:
    return json.loads(path.read_text(encoding="utf-8")).get(KEY, {})


def check(result: dict[str, float], floors: dict[str, float]) -> list[str]:
    """One line per metric below its floor (empty when all floors hold)."""
    return [
        f"{name} {result[name]:.3f} is below the floor {floor:.3f}"
        for name, floor in sorted(floors.items())
        if name in result and result[name] < floor
    ]


def evaluate(limit: int | None = None, reference: bool = True, bootstrap: int = 1000) -> dict[str, object]:
    pages = load_pages(limit)
    report: dict[str, object] = {"benchmark": KEY, "newsprism": run(extract, pages, bootstrap)}
    if reference:
        report["trafilatura_here"] = run(extract_trafilatura, pages, bootstrap)
    report["published_f1"] = ANCHORS
    report["machine"] = (
        f"{platform.python_implementation()} {platform.python_version()}, {platform.machine()}"
    )
    return report


def _row(name: str, r: dict[str, float]) -> str:
    def cell(key: str) -> str:
        std = r.get(f"{key}_std")
        return f"{r[key]:.3f} ± {std:.3f}" if std is not None else f"{r[key]:.3f}"

    return (
        f"{name:<34} {cell('precision'):>14} {cell('recall'):>14} {cell('f1'):>14} {cell('accuracy'):>14}"
        f" {r['pages_per_second']:>8.1f}"
    )


def print_table(report: dict) -> None:
    ours = report["newsprism"]
    print(f"article extraction: {ours['pages']} pages from {GOLD}")
    print(f"{'':<34} {'precision':>14} {'recall':>14} {'F1':>14} {'accuracy':>14} {'pages/s':>8}")
    print(_row("newsprism (reader + cleaning)", ours))
    if "trafilatura_here" in report:
        print(_row("trafilatura, run here (reference)", report["trafilatura_here"]))
    print("published F1 (the benchmark's README):")
    for name, f1 in report["published_f1"].items():
        print(f"  {name:<32} {f1:.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="fail (exit 1) below the floors in bench/baseline.json"
    )
    parser.add_argument("--limit", type=int, help="score only the first N pages (by id)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--no-reference", action="store_true", help="skip the plain trafilatura reference run"
    )
    parser.add_argument("--bootstrap", type=int, default=1000, help="bootstrap samples for the ± figures")
    args = parser.parse_args(argv)
    if not (GOLD / "ground-truth.json").exists():
        print(f"gold set not found: {GOLD}", file=sys.stderr)
        return 2
    report = evaluate(args.limit, reference=not args.no_reference, bootstrap=args.bootstrap)
    failures = check(report["newsprism"], load_floors()) if args.check else []
    if args.check:
        report["failures"] = failures
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_table(report)
        if args.check:
            print("check: " + ("all floors hold" if not failures else "FAILED"))
    for line in failures:
        print(f"below floor: {line}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
