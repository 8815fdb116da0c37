#!/usr/bin/env python3
"""Causal claims (stage ``causal``), scored on the Causal News Corpus V2 training data by 5-fold cross-validation.

The gold set (../shared/eval/causal-news, CC0) is the CNC V2 training release of the CASE 2023 shared task:
``train_subtask1.csv`` (3,075 news sentences, label 1 when the sentence states a causal relation) and
``train_subtask2_grouped.csv`` (for each sentence its relations, marked inline as <ARG0>cause</ARG0>,
<ARG1>effect</ARG1> and <SIG0>signal</SIG0>; a sentence may hold several). Each sentence is run through
the stage as a one-sentence article (parsed with newsprism.nlp in batches).

Folds: the document id (``index`` without its last part, "train_01_0" of "train_01_0_892") hashed with
CRC-32, modulo 5. The cue lexicon and the rules were written looking at folds 0 and 1 only (their signal
words and some of their negatives); folds 2-4 were not looked at, so their figures are the held-out ones.

Detection, two ways:
- ``rules``: a sentence is causal when the stage keeps a claim in it (the lexicon's weights and threshold,
  nothing learned from the data). The threshold is set for news prose, where a bare purpose "to" or a
  temporal "after" is not worth a claim, so it misses much of what the CNC annotates (purpose included).
- ``cv``: for each fold k, on the other four folds learn each cue's weight as its smoothed precision
  ((causal sentences where it fires + M * lexicon weight) / (sentences where it fires + M), M = 5) and the
  score cut-off that maximises F1 there; score fold k with them. A sentence's score is its best cue's
  (learned) weight, times the lexicon's missing-argument factor when cause or effect was not found. The
  figures are the mean over the five folds (each fold as held-out test). A cue is a lexicon entry, named by
  its key: kind, words and, for words listed more than once, its reading ("connective:when@casualty" and
  the plain "connective:when" learn their weights apart). Weak readings (a lexicon weight below the stage's
  threshold) are learned here like the others; the stage itself never keeps them.

Spans (as in subtask 2, where the sentences are known to be causal: over the sentences with at least one
gold relation): every relation the stage finds there with both a cause and an effect, whatever its score
(the stage's own threshold is for detection), is paired one-to-one with the gold relations, greedily by the number of shared tokens (cause,
effect and signal together); tokens are the corpus's whitespace tokens, a token is in a span when its
characters overlap it. Per role (cause, effect, signal):
- token F1: over paired relations, shared tokens are true positives, predicted-only tokens false
  positives, gold-only tokens false negatives; all tokens of unpaired relations count as errors.
- exact F1: a predicted span is correct when its tokens equal the paired gold span's; precision over
  predicted spans, recall over gold spans.
``overall`` pools the three roles. The shared task's best span F1 (72.8) is seqeval-style (exact spans)
on the test set; our exact F1 is the comparable figure, token F1 the forgiving one.

    python bench/causal_news.py             # print the table
    python bench/causal_news.py --check     # also compare with the floors in bench/baseline.json
    python bench/causal_news.py --json
    python bench/causal_news.py --limit 500

Exit codes: 0 ok, 1 a floor was missed (with --check), 2 the gold set is missing.
"""

# (no ``from __future__ import annotations``: run_all.py loads this file without registering it in
# sys.modules, which string annotations on the dataclasses below would need)
import argparse
import ast
import csv
import json
import platform
import re
import sys
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "eval" / "causal-news"
BASELINE = Path(__file__).resolve().with_name("baseline.json")
KEY = "causal_news"
FOLDS = 5
DEVELOPED = (0, 1)  # folds looked at while writing the lexicon and rules
SMOOTHING = 5.0  # M in the smoothed precision of a cue
ROLES = ("cause", "effect", "signal")
METRICS = ("cv_f1", "rules_f1", "span_token_f1", "span_exact_f1")

# Best published results of the CASE 2023 shared task 3 on the CNC V2 *test* set (fine-tuned transformers).
ANCHORS = {
    "CASE-2023 best, subtask 1 (detection F1)": {"f1": 0.862},
    "CASE-2023 best, subtask 2 (span F1)": {"span_f1": 0.728},
}

if str(ROOT / "src") not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT / "src"))

_TAG = re.compile(r"<(/?)(ARG0|ARG1|SIG\d+)>")
_ROLE = {"ARG0": "cause", "ARG1": "effect"}


@dataclass
class Sentence:
    index: str  # "train_01_0_892"
    text: str
    label: int
    relations: list[dict[str, list[tuple[int, int]]]] = field(default_factory=list)  # role -> char spans

    @property
    def document(self) -> str:
        return self.index.rsplit("_", 1)[0]

    @property
    def fold(self) -> int:
        return zlib.crc32(self.document.encode("utf-8")) % FOLDS


def parse_marked(marked: str) -> tuple[str, dict[str, list[tuple[int, int]]]]:
    """The plain text of a marked sentence and its spans by role (character offsets into that text)."""
    out: dict[str, list[tuple[int, int]]] = {r: [] for r in ROLES}
    parts: list[str] = []
    length = pos = 0
    opened: dict[str, int] = {}
    for tag in _TAG.finditer(marked):
        piece = marked[pos : tag.start()]
        parts.append(piece)
        length += len(piece)
        pos = tag.end()
        name = tag.group(2)
        if not tag.group(1):
            opened[name] = length
        elif name in opened:
            out[_ROLE.get(name, "signal")].append((opened.pop(name), length))
    parts.append(marked[pos:])
    return "".join(parts), out


def load(gold_dir: Path = GOLD, limit: int | None = None) -> list[Sentence]:
    with open(gold_dir / "train_subtask1.csv", encoding="utf-8-sig", newline="") as fh:
        sents = [Sentence(r["index"], r["text"], int(r["label"])) for r in csv.DictReader(fh)][:limit]
    by_index = {s.index: s for s in sents}
    with open(gold_dir / "train_subtask2_grouped.csv", encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            s = by_index.get(row["index"][4:].rsplit("_", 1)[0])  # "cnc_train_01_0_892_0"
            if s is None:
                continue
            for marked in ast.literal_eval(row["causal_text_w_pairs"]):
                text, spans = parse_marked(marked)
                if text == s.text:
                    s.relations.append(spans)
    return sents


# ---------------------------------------------------------------------------------------------- scoring


def prf(tp: float, n_pred: float, n_gold: float) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def detection(labels: list[int], predicted: list[bool]) -> dict[str, float]:
    tp = sum(1 for y, p in zip(labels, predicted, strict=True) if y and p)
    out = prf(tp, sum(predicted), sum(labels))
    out["accuracy"] = sum(1 for y, p in zip(labels, predicted, strict=True) if bool(y) == p) / max(
        1, len(labels)
    )
    return out


def tokens_of(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]


def token_set(toks: list[tuple[int, int]], spans: list[tuple[int, int]]) -> frozenset[int]:
    return frozenset(k for k, (a, b) in enumerate(toks) for s, e in spans if a < e and s < b)


@dataclass
class SpanCounts:
    tok: dict[str, list[int]] = field(default_factory=lambda: {r: [0, 0, 0] for r in ROLES})  # tp, fp, fn
    exact: dict[str, list[int]] = field(
        default_factory=lambda: {r: [0, 0, 0] for r in ROLES}
    )  # ok, pred, gold

    def add(self, text: str, gold: list[dict], pred: list[dict]) -> None:
        """Add one sentence: gold and predicted relations, each role -> list of char spans."""
        toks = tokens_of(text)
        g = [{r: token_set(toks, rel.get(r, [])) for r in ROLES} for rel in gold]
        p = [{r: token_set(toks, rel.get(r, [])) for r in ROLES} for rel in pred]
        pairs = sorted(
            (
                (-sum(len(gi[r] & pj[r]) for r in ROLES), i, j)
                for i, gi in enumerate(g)
                for j, pj in enumerate(p)
            ),
        )
        used_g: set[int] = set()
        used_p: set[int] = set()
        for neg, i, j in pairs:
            if neg == 0 or i in used_g or j in used_p:
                continue
            used_g.add(i)
            used_p.add(j)
            for r in ROLES:
                self.tok[r][0] += len(g[i][r] & p[j][r])
                self.tok[r][1] += len(p[j][r] - g[i][r])
                self.tok[r][2] += len(g[i][r] - p[j][r])
                self.exact[r][0] += int(bool(g[i][r]) and g[i][r] == p[j][r])
        for j, pj in enumerate(p):
            for r in ROLES:
                self.tok[r][1] += 0 if j in used_p else len(pj[r])
                self.exact[r][1] += int(bool(pj[r]))
        for i, gi in enumerate(g):
            for r in ROLES:
                self.tok[r][2] += 0 if i in used_g else len(gi[r])
                self.exact[r][2] += int(bool(gi[r]))

    def scores(self) -> dict[str, dict[str, float]]:
        out: dict[str, dict[str, float]] = {}
        for r in ROLES + ("overall",):
            rs = ROLES if r == "overall" else (r,)
            tp, fp, fn = (sum(self.tok[x][k] for x in rs) for k in range(3))
            ok, n_pred, n_gold = (sum(self.exact[x][k] for x in rs) for k in range(3))
            tokf = prf(tp, tp + fp, tp + fn)
            exf = prf(ok, n_pred, n_gold)
            out[r] = {f"token_{k}": v for k, v in tokf.items()} | {f"exact_{k}": v for k, v in exf.items()}
        return out


# ---------------------------------------------------------------------------------------------- learning


def sentence_cues(found: list, factor: float) -> dict[str, float]:
    """cue key -> the best argument factor it reached in the sentence (1, or the missing-argument factor)."""
    out: dict[str, float] = {}
    for f in found:
        got = 1.0 if f.cause and f.effect else factor
        out[f.cue.key] = max(out.get(f.cue.key, 0.0), got)
    return out


def learn_weights(rows: list[tuple[dict[str, float], int]], prior: dict[str, float]) -> dict[str, float]:
    fired: dict[str, int] = {}
    causal: dict[str, int] = {}
    for cues, label in rows:
        for key in cues:
            fired[key] = fired.get(key, 0) + 1
            causal[key] = causal.get(key, 0) + label
    return {
        key: (causal.get(key, 0) + SMOOTHING * w) / (fired.get(key, 0) + SMOOTHING)
        for key, w in prior.items()
    }


def sentence_score(cues: dict[str, float], weights: dict[str, float]) -> float:
    return max((weights.get(k, 0.0) * got for k, got in cues.items()), default=0.0)


def best_cutoff(scores: list[float], labels: list[int]) -> float:
    best, best_f1 = 1.01, -1.0
    for t in sorted(set(scores)):
        f1 = detection(labels, [s >= t for s in scores])["f1"]
        if f1 > best_f1 and t > 0:
            best, best_f1 = t, f1
    return best


# ---------------------------------------------------------------------------------------------- running


def evaluate(limit: int | None = None, gold_dir: Path = GOLD) -> dict:
    from newsprism import nlp
    from newsprism.records import Article
    from newsprism.stages.causal import candidates, run
    from newsprism.stages.causal.lexicon import get
    from newsprism.stages.registry import StageContext

    sents = load(gold_dir, limit)
    lex = get()
    nlp.load()
    start = time.perf_counter()
    docs = list(nlp.parse((s.text for s in sents), batch_size=64))
    parse_seconds = time.perf_counter() - start
    start = time.perf_counter()
    claims = [run(Article(id=s.index, source="cnc", reader="text", body=s.text), d, StageContext())
              for s, d in zip(sents, docs, strict=True)]  # fmt: skip
    stage_seconds = time.perf_counter() - start
    found = [[f for _, f in candidates(d, lex)] for d in docs]

    labels = [s.label for s in sents]
    report: dict = {"benchmark": KEY, "sentences": len(sents), "causal": sum(labels)}
    report["rules"] = detection(labels, [bool(c) for c in claims])
    prior = {c.key: c.weight for cues in (lex.verbs, lex.participles) for c in cues.values()}
    prior |= {
        c.key: c.weight for group in (lex.phrasal, lex.phrases) for cues in group.values() for c in cues
    }
    cues = [sentence_cues(f, lex.missing_argument_factor) for f in found]
    folds = []
    for k in range(FOLDS):
        train = [i for i, s in enumerate(sents) if s.fold != k]
        test = [i for i, s in enumerate(sents) if s.fold == k]
        if not test or not train:
            continue
        weights = learn_weights([(cues[i], labels[i]) for i in train], prior)
        cutoff = best_cutoff([sentence_score(cues[i], weights) for i in train], [labels[i] for i in train])
        predicted = [sentence_score(cues[i], weights) >= cutoff for i in test]
        result = detection([labels[i] for i in test], predicted)
        rules = detection([labels[i] for i in test], [bool(claims[i]) for i in test])
        folds.append({"fold": k, "developed": k in DEVELOPED, "sentences": len(test), "cutoff": cutoff,
                      **result, "rules_f1": rules["f1"]})  # fmt: skip
    report["folds"] = folds
    report["cv"] = {
        m: sum(f[m] for f in folds) / len(folds) for m in ("precision", "recall", "f1", "accuracy")
    }
    for name, chosen in (("developed", True), ("held_out", False)):
        part = [f for f in folds if f["developed"] == chosen]
        if part:
            report[f"cv_{name}"] = {m: sum(f[m] for f in part) / len(part) for m in ("f1", "rules_f1")}

    spans_all, spans_held = SpanCounts(), SpanCounts()
    for s, d, fs in zip(sents, docs, found, strict=True):
        if not s.relations:
            continue
        pred = [{r: [_chars(d, getattr(f, r))] for r in ROLES} for f in fs if f.cause and f.effect]
        spans_all.add(s.text, s.relations, pred)
        if s.fold not in DEVELOPED:
            spans_held.add(s.text, s.relations, pred)
    report["spans"] = spans_all.scores()
    report["spans_held_out"] = spans_held.scores()
    report["speed"] = {
        "sentences": len(sents),
        "parse_seconds": parse_seconds,
        "stage_seconds": stage_seconds,
        "stage_sentences_per_second": len(sents) / stage_seconds if stage_seconds else 0.0,
        "with_parsing_sentences_per_second": len(sents) / (parse_seconds + stage_seconds)
        if parse_seconds + stage_seconds
        else 0.0,
    }
    report["summary"] = {
        "cv_f1": report["cv"]["f1"],
        "rules_f1": report["rules"]["f1"],
        "span_token_f1": report["spans"]["overall"]["token_f1"],
        "span_exact_f1": report["spans"]["overall"]["exact_f1"],
    }
    report["published_cnc_test"] = ANCHORS
    report["machine"] = (
        f"{platform.python_implementation()} {platform.python_version()}, {platform.machine()}"
    )
    return report


def _chars(doc, found) -> tuple[int, int]:
    return doc[found[0]].idx, doc[found[1] - 1].idx + len(doc[found[1] - 1].text)


def load_floors(path: Path = BASELINE) -> dict[str, float]:
    return json.loads(path.read_text(encoding="utf-8")).get(KEY, {})


def check(result: dict[str, float], floors: dict[str, float]) -> list[str]:
    """One line per metric below its floor (empty when all floors hold)."""
    return [
        f"{name} {result[name]:.3f} is below the floor {floor:.3f}"
        for name, floor in sorted(floors.items())
        if name in result and result[name] < floor
    ]


def print_table(report: dict) -> None:
    print(
        f"Causal News Corpus V2 (training data), {report['sentences']} sentences, {report['causal']} causal"
    )
    print(f"{'detection':<44} {'P':>7} {'R':>7} {'F1':>7} {'acc':>7}")
    rows = [("newsprism rules (lexicon weights, no learning)", report["rules"]),
            ("newsprism 5-fold CV (weights+cut-off learned)", report["cv"])]  # fmt: skip
    for label, r in rows:
        print(f"{label:<44} {r['precision']:>7.3f} {r['recall']:>7.3f} {r['f1']:>7.3f} {r['accuracy']:>7.3f}")
    for f in report["folds"]:
        tag = "developed" if f["developed"] else "held out"
        print(f"  fold {f['fold']} ({tag:<9}, {f['sentences']:>4} sentences, cut-off {f['cutoff']:.2f})"
              f"{'':<2} {f['precision']:>7.3f} {f['recall']:>7.3f} {f['f1']:>7.3f} {f['accuracy']:>7.3f}"
              f"   rules F1 {f['rules_f1']:.3f}")  # fmt: skip
    for name in ("cv_developed", "cv_held_out"):
        if name in report:
            r = report[name]
            print(f"  mean over {name[3:]} folds: CV F1 {r['f1']:.3f}, rules F1 {r['rules_f1']:.3f}")
    print(
        f"{'spans (sentences with gold relations)':<44} {'tok P':>7} {'tok R':>7} {'tok F1':>7} {'exact F1':>9}"
    )
    for part, label in (("spans", "all folds"), ("spans_held_out", "held-out folds 2-4")):
        for role, r in report[part].items():
            print(f"  {label + ', ' + role:<42} {r['token_precision']:>7.3f} {r['token_recall']:>7.3f} "
                  f"{r['token_f1']:>7.3f} {r['exact_f1']:>9.3f}")  # fmt: skip
    print("published, on the CNC V2 test set (fine-tuned transformers; not this data):")
    for name, figures in report["published_cnc_test"].items():
        print(f"  {name:<42} " + ", ".join(f"{k} {v:.3f}" for k, v in figures.items()))
    s = report["speed"]
    print(f"speed: stage alone {s['stage_sentences_per_second']:.0f} sentences/s, with parsing "
          f"{s['with_parsing_sentences_per_second']:.0f} sentences/s (parse {s['parse_seconds']:.1f} s, "
          f"stage {s['stage_seconds']:.1f} s) on {report['machine']}")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="fail (exit 1) below the floors in bench/baseline.json"
    )
    parser.add_argument("--limit", type=int, help="score only the first N sentences of subtask 1")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    if not (GOLD / "train_subtask1.csv").exists() or not (GOLD / "train_subtask2_grouped.csv").exists():
        print(f"gold set not found: {GOLD}", file=sys.stderr)
        return 2
    report = evaluate(args.limit)
    failures = check(report["summary"], load_floors()) if args.check else []
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
