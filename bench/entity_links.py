#!/usr/bin/env python3
"""Cross-document entity linking (newsprism.link.entities), scored on ECB+ named entity mentions.

ECB+ (../shared/eval/ecbplus, CC BY 3.0; Cybulska & Vossen 2014) is 982 news articles in 43 topics; the
copy here has 772 of them in 33 topics (1-35 without 15 and 17), each annotated with entity and event
mentions and their coreference within and across documents. We take the gold *named* entity mentions: HUMAN_PART_PER (person), HUMAN_PART_ORG (org) and
LOC_* (place) markables in the validated sentences (ECBplus_coreference_sentences.csv), keeping those that
read as proper names (after leading prepositions/articles: every word capitalised or a connector such as
"of"/"de", and not only words that the corpus mostly writes in lower case, so "Police" at the start of a
sentence is out). Each becomes a ``Mention`` whose name is its text; the linker then sees one document at
a time, with the outlet read from the article's URL line where there is one.

Gold clusters: a mention's CROSS_DOC_COREF / INTRA_DOC_COREF target (its instance id, or the target
markable for within-document chains), else a singleton. Singletons count, as in the ECB+ literature.
Scores: MUC, B-cubed and CEAF-e (entity-based, optimal alignment with the Hungarian method: scipy's
``linear_sum_assignment`` when scipy is installed, else a small exact implementation here), and CoNLL F1,
their mean. Two settings: *within topics* (one linker per topic, the published setting) and *across the
corpus* (one linker for all 35 topics). Odd topics were used for development, even topics are held out;
both are reported.

Baseline: same head lemma, i.e. mentions whose last word folds the same are one entity (the published
same-head-lemma baseline is about 70 CoNLL F1 for entities within topics, but over ALL entity mentions,
pronouns and nominals included; ours is over named mentions only, so the numbers are not comparable
one-to-one: compare ours with the baseline run here).

    python bench/entity_links.py            # print the table
    python bench/entity_links.py --check    # also compare with the floors in bench/baseline.json
    python bench/entity_links.py --json

Exit codes: 0 ok, 1 a floor was missed (with --check), 2 the gold set is missing.
"""

from __future__ import annotations

import argparse
import csv
import json
import platform
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "eval" / "ecbplus"
BASELINE = Path(__file__).resolve().with_name("baseline.json")
KEY = "entity_links"
ANCHOR = (
    "published: same-head-lemma baseline within topics about 70 CoNLL F1 (entities), over all entity "
    "mentions incl. pronouns and nominals; the figures here are over named mentions only"
)

if str(ROOT / "src") not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT / "src"))

TYPES = {"HUMAN_PART_PER": "person", "HUMAN_PART_ORG": "org"}  # and LOC_* -> place
LEADING = {
    "in", "at", "on", "to", "from", "near", "of", "the", "a", "an", "into", "for", "by", "between",
    "outside", "inside", "across", "toward", "towards", "with", "around", "through", "off", "onto", "over",
    "under", "via", "within", "throughout", "against", "along", "about", "after", "before", "behind",
}  # fmt: skip
CONNECTORS = {
    "of", "de", "la", "del", "and", "&", "-", ",", ".", "the", "da", "van", "von", "bin", "du", "le", "'s"
}  # fmt: skip
NOT_NAMES = {"i"}


# ---------------------------------------------------------------------------------------------- gold


class GoldMention(NamedTuple):
    topic: int
    document: str
    id: str  # markable m_id
    type: str
    text: str
    name: str
    cluster: str
    outlet: str | None


def _detokenize(words: list[str]) -> str:
    text = " ".join(words)
    text = re.sub(r" ([,.;:!?%)\]]|'s|'|n't)(?=\s|$)", r"\1", text)
    return re.sub(r"([(\[$]) ", r"\1", text).replace(" - ", "-").replace(" . ", ". ")


def _outlet(tokens: list[tuple[str, int]]) -> str | None:
    first = "".join(t for t, s in tokens if s == 0)
    m = re.match(r"https?://(?:www\.)?([^/]+)", first)
    return m.group(1) if m else None


def _read_document(path: Path):
    root = ET.parse(path).getroot()
    tokens = {
        t.get("t_id"): ((t.text or "").strip(), int(t.get("sentence") or 0)) for t in root.iter("token")
    }
    order = list(tokens.values())
    anchored: dict[str, tuple[str, list[str]]] = {}
    instances: dict[str, str | None] = {}
    markables = root.find("Markables")
    for m in markables if markables is not None else ():
        anchors = [a.get("t_id") for a in m.findall("token_anchor")]
        if anchors:
            anchored[m.get("m_id")] = (m.tag, anchors)
        else:
            instances[m.get("m_id")] = m.get("instance_id") or None
    target_of: dict[str, str] = {}
    relations = root.find("Relations")
    for rel in relations if relations is not None else ():
        if rel.tag not in ("CROSS_DOC_COREF", "INTRA_DOC_COREF"):
            continue
        target = rel.find("target")
        if target is None:
            continue
        for source in rel.findall("source"):
            target_of[source.get("m_id")] = target.get("m_id")
    return tokens, order, anchored, instances, target_of


def _common_words(paths: list[Path]) -> set[str]:
    """Words the corpus mostly writes in lower case (capitalised only at sentence starts or in titles)."""
    lower, upper = Counter(), Counter()
    for path in paths:
        previous = None
        for t in ET.parse(path).getroot().iter("token"):
            word, sentence = (t.text or "").strip(), t.get("sentence")
            initial = sentence != previous
            previous = sentence
            if not word or not word[0].isalpha():
                continue
            if word[0].islower():
                lower[word] += 1
            elif not initial:
                upper[word.lower()] += 1
    return {w for w, n in lower.items() if n >= max(1, upper[w])}


def is_named(words: list[str], common: set[str]) -> tuple[bool, list[str]]:
    """(is a proper name, the name's words without leading prepositions/articles and trailing 's)."""
    while words and words[0].lower() in LEADING:
        words = words[1:]
    while words and words[-1] in ("'s", "'", "’s"):
        words = words[:-1]
    if not words or not words[0][:1].isupper() or not words[-1][:1].isupper():
        return False, words
    capitalised = [w for w in words if w.lower() not in CONNECTORS]
    if any(not w[:1].isupper() for w in capitalised):
        return False, words
    if all(w.lower() in common or w.lower() in NOT_NAMES for w in capitalised):
        return False, words
    return True, words


def load_gold(gold_dir: Path = GOLD, validated_only: bool = True) -> list[GoldMention]:
    valid: set[tuple[str, str, int]] = set()
    with open(gold_dir / "ECBplus_coreference_sentences.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            valid.add((row["Topic"], row["File"], int(row["Sentence Number"])))
    paths = sorted((gold_dir / "ECB+").glob("*/*.xml"), key=lambda p: (int(p.parent.name), p.name))
    common = _common_words(paths)
    out = []
    for path in paths:
        topic, stem = path.parent.name, path.stem
        tokens, order, anchored, instances, target_of = _read_document(path)
        outlet = _outlet(order)
        for m_id, (tag, anchors) in sorted(anchored.items(), key=lambda x: int(x[0])):
            type_ = TYPES.get(tag) or ("place" if tag.startswith("LOC_") else None)
            if type_ is None:
                continue
            words = [tokens[a][0] for a in anchors if a in tokens]
            sentence = tokens[anchors[0]][1] if anchors[0] in tokens else -1
            if validated_only and (topic, stem.split("_", 1)[-1], sentence) not in valid:
                continue
            named, name_words = is_named(words, common)
            if not named:
                continue
            target = target_of.get(m_id)
            if target is None:
                cluster = f"{stem}#{m_id}"
            else:
                cluster = instances.get(target) or f"{stem}#{target}"
            text, name = _detokenize(words), _detokenize(name_words)
            out.append(GoldMention(int(topic), stem, m_id, type_, text, name, cluster, outlet))
    return out


# ---------------------------------------------------------------------------------------------- scoring

Clustering = dict[object, object]  # mention -> cluster id


def _clusters(assignment: Clustering) -> list[set]:
    groups: dict[object, set] = defaultdict(set)
    for mention, cluster in assignment.items():
        groups[cluster].add(mention)
    return list(groups.values())


def _prf(recall: float, precision: float) -> dict[str, float]:
    f1 = 2 * recall * precision / (recall + precision) if recall + precision else 0.0
    return {"recall": recall, "precision": precision, "f1": f1}


def muc(key: Clustering, response: Clustering) -> dict[str, float]:
    """MUC (Vilain et al. 1995): links recovered. Singletons do not count."""

    def score(a: Clustering, b: Clustering) -> float:
        numerator = denominator = 0
        for cluster in _clusters(a):
            parts = {b.get(m, ("missing", m)) for m in cluster}
            numerator += len(cluster) - len(parts)
            denominator += len(cluster) - 1
        return numerator / denominator if denominator else 0.0

    return _prf(score(key, response), score(response, key))


def b_cubed(key: Clustering, response: Clustering) -> dict[str, float]:
    """B-cubed (Bagga & Baldwin 1998): per-mention overlap of the key and response clusters."""

    def score(a: Clustering, b: Clustering) -> float:
        a_sets = {c: s for s in _clusters(a) for c in [a[next(iter(s))]]}
        b_sets = {c: s for s in _clusters(b) for c in [b[next(iter(s))]]}
        total = 0.0
        for mention, cluster in a.items():
            mine = a_sets[cluster]
            other = b_sets.get(b.get(mention), set())
            total += len(mine & other) / len(mine)
        return total / len(a) if a else 0.0

    return _prf(score(key, response), score(response, key))


def _hungarian(weights: list[list[float]]) -> list[tuple[int, int]]:
    """Maximum-weight assignment (rows to columns) for a small matrix, O(n^3) (Kuhn-Munkres)."""
    n_rows, n_cols = len(weights), len(weights[0]) if weights else 0
    n = max(n_rows, n_cols)
    if n == 0:
        return []
    top = max((w for row in weights for w in row), default=0.0)
    cost = [[top - (weights[i][j] if i < n_rows and j < n_cols else 0.0) for j in range(n)] for i in range(n)]
    inf = float("inf")
    u, v, p, way = [0.0] * (n + 1), [0.0] * (n + 1), [0] * (n + 1), [0] * (n + 1)
    for i in range(1, n + 1):
        p[0], j0 = i, 0
        minv, used = [inf] * (n + 1), [False] * (n + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, n + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(n + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    return [(p[j] - 1, j - 1) for j in range(1, n + 1) if p[j] and p[j] - 1 < n_rows and j - 1 < n_cols]


def _assign(weights: list[list[float]], use_scipy: bool = True) -> list[tuple[int, int]]:
    if use_scipy:
        try:
            from scipy.optimize import linear_sum_assignment
        except ImportError:
            pass
        else:
            rows, cols = linear_sum_assignment(weights, maximize=True)
            return list(zip(rows.tolist(), cols.tolist(), strict=True))
    return _hungarian(weights)


def ceaf_e(key: Clustering, response: Clustering, use_scipy: bool = True) -> dict[str, float]:
    """Entity-based CEAF (Luo 2005) with phi4 = 2|K & R| / (|K| + |R|), aligned optimally; solved per
    connected group of overlapping clusters (the same optimum as one big matrix)."""
    keys, responses = _clusters(key), _clusters(response)
    if not keys or not responses:
        return _prf(0.0, 0.0)
    by_mention = {m: j for j, r in enumerate(responses) for m in r}
    overlaps: dict[int, set[int]] = {
        i: {by_mention[m] for m in k if m in by_mention} for i, k in enumerate(keys)
    }
    # connected groups of key and response clusters (union-find over the overlap graph)
    parent = list(range(len(keys) + len(responses)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, js in overlaps.items():
        for j in js:
            parent[find(i)] = find(len(keys) + j)
    groups: dict[int, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for i in range(len(keys)):
        groups[find(i)][0].append(i)
    for j in range(len(responses)):
        groups[find(len(keys) + j)][1].append(j)
    total = 0.0
    for rows, cols in groups.values():
        if not rows or not cols:
            continue
        weights = [
            [2 * len(keys[i] & responses[j]) / (len(keys[i]) + len(responses[j])) for j in cols] for i in rows
        ]
        total += sum(weights[r][c] for r, c in _assign(weights, use_scipy))
    return _prf(total / len(keys), total / len(responses))


def conll(key: Clustering, response: Clustering) -> dict[str, dict[str, float] | float]:
    scores = {"muc": muc(key, response), "b3": b_cubed(key, response), "ceafe": ceaf_e(key, response)}
    return {**scores, "conll": sum(s["f1"] for s in scores.values()) / 3}


# ---------------------------------------------------------------------------------------------- running


def link_newsprism(mentions: list[GoldMention]) -> tuple[Clustering, int]:
    """Our linker, fed document by document in corpus order; returns (clustering, comparisons)."""
    from newsprism.link.entities import Linker
    from newsprism.records import Mention

    by_doc: dict[str, list[GoldMention]] = defaultdict(list)
    for g in mentions:
        by_doc[g.document].append(g)
    linker = Linker()
    response: Clustering = {}
    for document, gold in by_doc.items():
        records = [
            Mention(document, g.id, 0, len(g.text), g.text, g.type, g.name, label="gold") for g in gold
        ]
        linker.add(document, gold[0].outlet, records)
    for (document, m_id), entity in linker.assignments().items():
        response[(document, m_id)] = entity
    for g in mentions:  # a mention whose name folds to nothing stays alone
        response.setdefault((g.document, g.id), ("alone", g.document, g.id))
    return response, linker.comparisons


def link_same_head(mentions: list[GoldMention]) -> tuple[Clustering, int]:
    """The baseline: one entity per folded last word of the name."""
    from newsprism.link.names import fold

    response: Clustering = {}
    for g in mentions:
        words = fold(g.name).split()
        response[(g.document, g.id)] = words[-1] if words else ("alone", g.document, g.id)
    return response, 0


def run_setting(
    linker: Callable[[list[GoldMention]], tuple[Clustering, int]],
    mentions: list[GoldMention],
    within_topics: bool,
) -> tuple[Clustering, float, int]:
    """(clustering over all mentions, seconds, comparisons): one run per topic, or one for the corpus."""
    runs = defaultdict(list)
    for g in mentions:
        runs[g.topic if within_topics else 0].append(g)
    response: Clustering = {}
    seconds, comparisons = 0.0, 0
    for topic, group in sorted(runs.items()):
        start = time.perf_counter()
        clustering, n = linker(group)
        seconds += time.perf_counter() - start
        comparisons += n
        response.update({m: (topic, c) for m, c in clustering.items()})
    return response, seconds, comparisons


def _subset(clustering: Clustering, keep: set) -> Clustering:
    return {m: c for m, c in clustering.items() if m in keep}


def evaluate(gold_dir: Path = GOLD, validated_only: bool = True) -> dict[str, object]:
    mentions = load_gold(gold_dir, validated_only)
    key: Clustering = {(g.document, g.id): g.cluster for g in mentions}
    parts = {
        "all": set(key),
        "odd": {(g.document, g.id) for g in mentions if g.topic % 2},
        "even": {(g.document, g.id) for g in mentions if not g.topic % 2},
    }
    report: dict[str, object] = {
        "benchmark": KEY,
        "mentions": len(mentions),
        "documents": len({g.document for g in mentions}),
        "topics": len({g.topic for g in mentions}),
        "types": dict(Counter(g.type for g in mentions)),
        "gold_entities": len(set(key.values())),
    }
    for system, linker in (("newsprism", link_newsprism), ("same_head", link_same_head)):
        for setting, within in (("within", True), ("corpus", False)):
            response, seconds, comparisons = run_setting(linker, mentions, within)
            for part, keep in parts.items():
                scores = conll(_subset(key, keep), _subset(response, keep))
                entry = {"conll": scores["conll"]}
                for metric in ("muc", "b3", "ceafe"):
                    entry.update({f"{metric}_{k}": v for k, v in scores[metric].items()})
                report[f"{system}_{setting}_{part}"] = entry
            if system == "newsprism":
                report[f"{system}_{setting}_speed"] = {
                    "seconds": seconds,
                    "mentions_per_second": len(mentions) / seconds if seconds else 0.0,
                    "comparisons": comparisons,
                    "entities": len(set(response.values())),
                }
    report["anchor"] = ANCHOR
    report["machine"] = (
        f"{platform.python_implementation()} {platform.python_version()}, {platform.machine()}"
    )
    return report


def summary(report: dict) -> dict[str, float]:
    """The figures the floors apply to (all topics): within_conll, within_b3_f1, corpus_conll, ..."""
    out = {}
    for setting in ("within", "corpus"):
        r = report[f"newsprism_{setting}_all"]
        for metric in ("conll", "muc_f1", "b3_f1", "ceafe_f1"):
            out[f"{setting}_{metric}"] = r[metric]
    return out


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
        f"entity links: {report['mentions']} named gold mentions ({report['types']}), "
        f"{report['gold_entities']} gold entities, {report['documents']} documents, {report['topics']} topics"
    )
    header = f"{'':<40} {'CoNLL':>6} {'MUC':>6} {'B3':>6} {'CEAF-e':>6}   {'B3 R':>6} {'B3 P':>6}"
    for setting, title in (("within", "within topics"), ("corpus", "across the corpus")):
        print(f"\n{title}")
        print(header)
        for system, label in (("newsprism", "newsprism"), ("same_head", "same head lemma (baseline)")):
            for part in ("all", "odd", "even"):
                r = report[f"{system}_{setting}_{part}"]
                name = f"{label}, {'all topics' if part == 'all' else part + ' topics'}"
                cells = [r[k] for k in ("conll", "muc_f1", "b3_f1", "ceafe_f1", "b3_recall", "b3_precision")]
                figures = " ".join(f"{100 * v:>6.1f}" for v in cells[:4])
                print(f"{name:<40} {figures}   {100 * cells[4]:>6.1f} {100 * cells[5]:>6.1f}")
        speed = report[f"newsprism_{setting}_speed"]
        print(
            f"speed: {speed['mentions_per_second']:,.0f} mentions/s, {speed['comparisons']:,} rule "
            f"comparisons, {speed['entities']:,} entities"
        )
    print(f"\n{report['anchor']}")
    print("odd topics were used for development; even topics are held out")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="fail (exit 1) below the floors in bench/baseline.json"
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--all-sentences", action="store_true", help="use every sentence, not only the validated ones"
    )
    args = parser.parse_args(argv)
    if not (GOLD / "ECBplus_coreference_sentences.csv").exists():
        print(f"gold set not found: {GOLD}", file=sys.stderr)
        return 2
    report = evaluate(validated_only=not args.all_sentences)
    failures = check(summary(report), load_floors()) if args.check else []
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
