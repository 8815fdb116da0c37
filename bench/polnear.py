#!/usr/bin/env python3
"""The ``quotes`` stage scored against PolNeAR (political news attributions, 2016 US election coverage).

The gold set (../shared/eval/polnear/polnear_{train,dev}.jsonl) holds one article per line with its
attributions: a cue span, source spans and content spans. The rules were tuned looking at the **train**
split (840 articles) only; the **dev** split (84 articles, 2193 attributions) is the reported result. The
test split is not used.

PolNeAR marks more than speech: besides "said", "told", "according to" and quoted posts it annotates
reports ("The Post has learned"), beliefs, knowledge, wishes and findings ("polls show", "they want",
"we've seen"), and attributions with no written source (about 8 % of them). The stage reads speech, posts,
"according to" and a list of belief/position verbs; nominal cues ("the first official acknowledgement of")
and source-less passives are mostly out of its reach, so recall is bounded well below 1.

Scoring, per document and per role (source, cue, content):

- **Units**: one gold unit per attribution and role, the *union of its spans* (PolNeAR cuts a quote running
  over several paragraphs, or a content interrupted by its cue, into several spans; the stage gives one
  span, so the spans are concatenated rather than scored one by one). Attributions without a source (or
  cue, content) give no unit for that role. A predicted Quote gives a content unit (its content span), a
  cue unit when it has a cue and a source unit when its Speaker has words in the text.
- **Overlap match**: a predicted unit matches a gold unit of the same role when they share at least one
  character; each unit is matched at most once, greedily by the largest shared character count.
  Precision = matched predictions / predictions, recall = matched gold / gold, F1 their harmonic mean.
- **Exact match**: as above, but the boundaries must be equal after trimming spaces, quotation marks and
  ``,.;:`` at both ends (our direct quotes leave the marks out, PolNeAR's include them).
- **Token F1** (partial credit): over all units of a role, precision = shared word tokens / predicted word
  tokens and recall = shared word tokens / gold word tokens, shared counted on the overlap-matched pairs.

Published anchors (printed for scale; they are not on this split or not with this scoring):

- CofeNet (Wang et al., COLING 2022) on PolNeAR: source 83.2, cue 75.3, content 72.9 F1 (token-level BIO
  tagging; reported as exact span F1 as far as we can tell - unsure).
- CoreNLP's QuoteAnnotator on PolNeAR, as reported by the same paper: source 13.9, content 17.5 F1
  (direct quotes only; unsure whether exact or overlap).
- Citron (BBC, Newman et al.) on PARC 3.0: source 82.0, content 59.3 F1 (their "overlap"-style match as
  far as the README says - unsure).

    python bench/polnear.py                  # dev split
    python bench/polnear.py --split train    # the split the rules were tuned on
    python bench/polnear.py --check          # also compare with the floors in bench/baseline.json
    python bench/polnear.py --limit 20 --json

Exit codes: 0 ok, 1 a floor was missed (with --check), 2 the gold set is missing.
"""

# (no ``from __future__ import annotations``: run_all.py loads this file without registering it in
# sys.modules)
import argparse
import bisect
import json
import platform
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "eval" / "polnear"
BASELINE = Path(__file__).resolve().with_name("baseline.json")
KEY = "polnear"
ROLES = ("source", "cue", "content")
METRICS = (
    "source_overlap_f1",
    "cue_overlap_f1",
    "content_overlap_f1",
    "source_exact_f1",
    "content_exact_f1",
    "content_token_f1",
)
ANCHORS = {
    "CofeNet on PolNeAR (exact?, unsure)": {"source": 0.832, "cue": 0.753, "content": 0.729},
    "CoreNLP QuoteAnnotator on PolNeAR (via CofeNet paper)": {"source": 0.139, "content": 0.175},
    "Citron on PARC 3.0 (not PolNeAR; overlap-style?, unsure)": {"source": 0.820, "content": 0.593},
}

if str(ROOT / "src") not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT / "src"))

_WORD = re.compile(r"\w+")
_TRIM = " \t\n\"“”‘’'.,;:"


# ---------------------------------------------------------------------------------------------- reading


def gold_path(split: str) -> Path:
    return GOLD / f"polnear_{split}.jsonl"


def load_articles(split: str = "dev", limit: int | None = None) -> list[dict]:
    out = []
    with open(gold_path(split), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                out.append(json.loads(line))
            if limit is not None and len(out) >= limit:
                break
    return out


def _union(spans) -> tuple[int, int, frozenset] | None:
    """(start, end, character set) of a list of {start, end} spans, or None when empty."""
    spans = [s for s in spans or () if s and s["end"] > s["start"]]
    if not spans:
        return None
    chars = frozenset(i for s in spans for i in range(s["start"], s["end"]))
    return min(s["start"] for s in spans), max(s["end"] for s in spans), chars


def gold_units(article: dict) -> dict[str, list]:
    units: dict[str, list] = {r: [] for r in ROLES}
    for q in article["quotes"]:
        for role, spans in (
            ("source", q.get("sources")),
            ("cue", [q["cue"]] if q.get("cue") else []),
            ("content", q.get("contents")),
        ):
            u = _union(spans)
            if u is not None:
                units[role].append(u)
    return units


def predicted_units(quotes) -> dict[str, list]:
    """Content, cue and source units of the stage's body quotes. A quote continuing an earlier one (reason
    "continues qN") is the same attribution: its content joins qN's unit, as PolNeAR's spans join."""
    units: dict[str, list] = {r: [] for r in ROLES}
    content: dict[str, list] = {}
    root: dict[str, str] = {}
    for q in quotes:
        if q.comment is not None:
            continue
        cont = re.match(r"continues (q\d+)", q.reason)
        if cont and cont.group(1) in content:
            root[q.id] = root.get(cont.group(1), cont.group(1))
            content[root[q.id]].append((q.start, q.end))
            continue
        content[q.id] = [(q.start, q.end)]
        if q.cue is not None:
            units["cue"].append(_unit(q.cue.start, q.cue.end))
        if q.speaker is not None and q.speaker.start is not None:
            units["source"].append(_unit(q.speaker.start, q.speaker.end))
    for spans in content.values():
        chars = frozenset(i for a, b in spans for i in range(a, b))
        units["content"].append((min(a for a, _ in spans), max(b for _, b in spans), chars))
    return units


def _unit(start: int, end: int) -> tuple[int, int, frozenset]:
    return start, end, frozenset(range(start, end))


# ---------------------------------------------------------------------------------------------- scoring


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def _tokens(starts: list[int], chars) -> int:
    """Word tokens (by their first character) inside a character set."""
    if not chars:
        return 0
    lo, hi = min(chars), max(chars)
    a, b = bisect.bisect_left(starts, lo), bisect.bisect_right(starts, hi)
    return sum(1 for s in starts[a:b] if s in chars)


def match(pred: list, gold: list) -> list[tuple[int, int, int]]:
    """One-to-one greedy matching by shared characters: (pred index, gold index, shared chars)."""
    pairs = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            if p[0] < g[1] and g[0] < p[1]:
                shared = len(p[2] & g[2])
                if shared:
                    pairs.append((shared, i, j))
    pairs.sort(reverse=True)
    used_p, used_g, out = set(), set(), []
    for shared, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j, shared))
    return out


def score_document(text: str, pred: dict[str, list], gold: dict[str, list]) -> dict[str, dict[str, int]]:
    counts = {}
    starts = [m.start() for m in _WORD.finditer(text)]
    for role in ROLES:
        p, g = pred[role], gold[role]
        pairs = match(p, g)
        exact = sum(
            1 for i, j, _ in pairs if _trimmed(text, p[i][0], p[i][1]) == _trimmed(text, g[j][0], g[j][1])
        )
        # exact matches may pair differently from overlap ones: count them with their own matching
        exact = max(exact, _exact_count(text, p, g))
        shared_tokens = sum(_tokens(starts, p[i][2] & g[j][2]) for i, j, _ in pairs)
        counts[role] = {
            "pred": len(p),
            "gold": len(g),
            "overlap": len(pairs),
            "exact": exact,
            "pred_tokens": sum(_tokens(starts, u[2]) for u in p),
            "gold_tokens": sum(_tokens(starts, u[2]) for u in g),
            "shared_tokens": shared_tokens,
        }
    return counts


def _exact_count(text: str, pred: list, gold: list) -> int:
    gold_keys: dict[tuple[int, int], int] = {}
    for g in gold:
        k = _trimmed(text, g[0], g[1])
        gold_keys[k] = gold_keys.get(k, 0) + 1
    n = 0
    for p in pred:
        k = _trimmed(text, p[0], p[1])
        if gold_keys.get(k):
            gold_keys[k] -= 1
            n += 1
    return n


def _prf(ok_p: float, n_p: float, ok_g: float, n_g: float) -> tuple[float, float, float]:
    p = ok_p / n_p if n_p else 0.0
    r = ok_g / n_g if n_g else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def aggregate(docs: list[dict]) -> dict[str, float]:
    out: dict[str, float] = {}
    for role in ROLES:
        tot = {k: sum(d[role][k] for d in docs) for k in docs[0][role]} if docs else {}
        if not tot:
            continue
        for name, ok in (("overlap", tot["overlap"]), ("exact", tot["exact"])):
            p, r, f = _prf(ok, tot["pred"], ok, tot["gold"])
            out[f"{role}_{name}_precision"], out[f"{role}_{name}_recall"], out[f"{role}_{name}_f1"] = p, r, f
        p, r, f = _prf(tot["shared_tokens"], tot["pred_tokens"], tot["shared_tokens"], tot["gold_tokens"])
        out[f"{role}_token_precision"], out[f"{role}_token_recall"], out[f"{role}_token_f1"] = p, r, f
        out[f"{role}_gold"] = tot["gold"]
        out[f"{role}_pred"] = tot["pred"]
    return out


# ---------------------------------------------------------------------------------------------- running


def run(articles: list[dict], batch_size: int = 32) -> dict[str, object]:
    from newsprism import nlp
    from newsprism.records import Article
    from newsprism.stages import entities, quotes
    from newsprism.stages.registry import StageContext

    nlp.load()
    texts = [a["text"] for a in articles]
    t0 = time.perf_counter()
    docs = list(nlp.parse(texts, batch_size=batch_size))
    parse_seconds = time.perf_counter() - t0
    records = [
        Article(
            id=a["id"],
            source="polnear",
            reader="text",
            body=a["text"],
            published=a.get("date"),
            outlet=a.get("publisher"),
        )
        for a in articles
    ]
    t0 = time.perf_counter()
    mentions = [entities.run(r, d, StageContext()) for r, d in zip(records, docs, strict=True)]
    entity_seconds = time.perf_counter() - t0
    if records:  # warm up (lexicon) outside the timed loop
        quotes.run(records[0], docs[0], StageContext(results={"entities": mentions[0]}))
    t0 = time.perf_counter()
    predicted = [
        quotes.run(r, d, StageContext(results={"entities": m}))
        for r, d, m in zip(records, docs, mentions, strict=True)
    ]
    stage_seconds = time.perf_counter() - t0
    per_doc = [
        score_document(a["text"], predicted_units(p), gold_units(a))
        for a, p in zip(articles, predicted, strict=True)
    ]
    n = len(articles)
    total = parse_seconds + entity_seconds + stage_seconds
    return {
        "all": aggregate(per_doc),
        "speed": {
            "documents": n,
            "attributions": sum(len(a["quotes"]) for a in articles),
            "words": sum(len(t.split()) for t in texts),
            "parse_seconds": parse_seconds,
            "entities_seconds": entity_seconds,
            "stage_seconds": stage_seconds,
            "stage_articles_per_second": n / stage_seconds if stage_seconds else 0.0,
            "articles_per_second_with_parsing": n / total if total else 0.0,
        },
    }


def load_floors(path: Path = BASELINE) -> dict[str, float]:
    return json.loads(path.read_text(encoding="utf-8")).get(KEY, {})


def check(result: dict[str, float], floors: dict[str, float]) -> list[str]:
    """One line per metric below its floor (empty when all floors hold)."""
    return [
        f"{name} {result[name]:.3f} is below the floor {floor:.3f}"
        for name, floor in sorted(floors.items())
        if name in result and result[name] < floor
    ]


def evaluate(split: str = "dev", limit: int | None = None) -> dict[str, object]:
    articles = load_articles(split, limit)
    report: dict[str, object] = {"benchmark": KEY, "split": split, "gold": str(gold_path(split))}
    report.update(run(articles))
    report["newsprism"] = {k: report["all"][k] for k in METRICS if k in report["all"]}
    report["anchors"] = ANCHORS
    report["machine"] = (
        f"{platform.python_implementation()} {platform.python_version()}, {platform.machine()}"
    )
    return report


def print_table(report: dict) -> None:
    speed = report["speed"]
    r = report["all"]
    print(
        f"quotes on PolNeAR {report['split']}: {speed['documents']} articles, {speed['attributions']} attributions"
    )
    print(
        f"{'':<10} {'overlap P':>9} {'R':>6} {'F1':>6}   {'exact P':>7} {'R':>6} {'F1':>6}   {'token F1':>8} {'gold':>6} {'pred':>6}"
    )
    for role in ROLES:
        print(
            f"{role:<10} {r[f'{role}_overlap_precision']:>9.3f} {r[f'{role}_overlap_recall']:>6.3f}"
            f" {r[f'{role}_overlap_f1']:>6.3f}   {r[f'{role}_exact_precision']:>7.3f} {r[f'{role}_exact_recall']:>6.3f}"
            f" {r[f'{role}_exact_f1']:>6.3f}   {r[f'{role}_token_f1']:>8.3f} {r[f'{role}_gold']:>6} {r[f'{role}_pred']:>6}"
        )
    print(
        f"speed: stage alone {speed['stage_articles_per_second']:.1f} articles/s; with parsing and entities"
        f" {speed['articles_per_second_with_parsing']:.1f} articles/s ({speed['words']} words, parse"
        f" {speed['parse_seconds']:.1f} s, entities {speed['entities_seconds']:.1f} s, quotes {speed['stage_seconds']:.2f} s)"
    )
    print("published anchors (F1; other systems, other scoring - for scale only):")
    for name, values in report["anchors"].items():
        print(f"  {name}: " + ", ".join(f"{k} {v:.3f}" for k, v in values.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="fail (exit 1) below the floors in bench/baseline.json (dev split)",
    )
    parser.add_argument("--limit", type=int, help="score only the first N articles")
    parser.add_argument(
        "--split", choices=("dev", "train"), default="dev", help="dev (reported) or train (tuned on)"
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    if not gold_path(args.split).exists():
        print(f"gold set not found: {gold_path(args.split)}", file=sys.stderr)
        return 2
    report = evaluate(args.split, args.limit)
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
