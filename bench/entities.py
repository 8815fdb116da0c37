#!/usr/bin/env python3
"""The ``entities`` stage scored against ECB+ (topics 1-35, CC BY 3.0): mentions, types, resolution.

ECB+ marks, in the sentences listed in ECBplus_coreference_sentences.csv, the human participants, places
and times of the events it annotates, and links the mentions that corefer within and across documents.
We rebuild each document's text from its tokens (sentences one per line, cut after the last annotated
sentence since nothing later is scored), run the stage on it, and score only inside the annotated
sentences:

- **Gold mentions scored**: HUMAN_PART_PER, HUMAN_PART_ORG, HUMAN_PART_GPE, HUMAN_PART_MET and LOC_* whose
  head word is a proper name. ECB+ extents are generous ("his hotel room in Biloxi", "in Wellington"), so
  the head is the last word before the first preposition or comma once leading prepositions and
  determiners are dropped; it is a proper name when capitalised and not a pronoun, and when it opens its
  sentence or sits in a title-case headline ("Driver Killed In Crash") only if the document also writes
  it capitalised mid-sentence in ordinary text. Nominal and pronoun mentions
  ("the actress", "she") are out of scope: the stage finds names, coreference with pronouns is not its job.
- **Mention detection** (span overlap): a predicted person/org/place mention is correct when it overlaps a
  scored gold mention; a gold mention is found when some prediction overlaps it. Predictions overlapping
  only gold mentions outside the scored set (a name inside "a mountain in New Zealand", a product name) are
  left out of both counts. Groups (demonyms) and "other" are not scored. ECB+ annotates only event
  participants, so a correct name that takes part in no annotated event counts against precision: precision
  here is a lower bound.
- **Type accuracy**: over matched pairs; PER -> person, ORG -> org, LOC_* -> place, GPE -> place or org,
  MET (a name standing for its people: "Hollywood", "CNN") -> org or place.
- **Within-document name resolution**: each scored gold mention is aligned with the prediction overlapping
  it most; gold chains come from the coreference links restricted to those mentions, our clusters from
  ``head`` (a mention and the mentions whose head it is). B-cubed and pairwise (link) precision/recall/F1
  over aligned mentions, so detection errors do not count twice. A same-string baseline (mentions with the
  same folded text corefer) is printed beside it.

The published anchor (README): a same-head-lemma baseline reaches about 70 CoNLL F1 for entity
coreference *across documents within a topic*, on gold mentions of every kind. It is printed for scale only:
our figures are within-document, on names only, with predicted mentions, so they are not comparable to it.

Hold-out: the heuristics were tuned looking at odd topics only; even topics are reported separately.

    python bench/entities.py                 # all topics, odd and even separately
    python bench/entities.py --check         # also compare with the floors in bench/baseline.json
    python bench/entities.py --limit 100 --json

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
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "eval" / "ecbplus"
BASELINE = Path(__file__).resolve().with_name("baseline.json")
KEY = "entities"
METRICS = (
    "mention_precision",
    "mention_recall",
    "mention_f1",
    "type_accuracy",
    "resolution_b3_f1",
    "resolution_pair_f1",
)
ANCHORS = {
    "ECB+ same-head-lemma baseline, cross-document entity coreference within topics (CoNLL F1)": 0.70,
}
SCORED_TAGS = ("HUMAN_PART_PER", "HUMAN_PART_ORG", "HUMAN_PART_GPE", "HUMAN_PART_MET", "LOC_")
ENTITY_TAGS = ("HUMAN_PART", "LOC_", "NON_HUMAN_PART")
EXPECTED = {
    "HUMAN_PART_PER": {"person"},
    "HUMAN_PART_ORG": {"org"},
    "HUMAN_PART_GPE": {"place", "org"},
    "HUMAN_PART_MET": {"org", "place"},
    "LOC": {"place"},
}
SCORED_TYPES = ("person", "org", "place")

if str(ROOT / "src") not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT / "src"))

# ---------------------------------------------------------------------------------------------- reading

_TOKEN = re.compile(r'<token t_id="(\d+)" sentence="(\d+)" number="\d+">([^<]*)</token>')
_MARKABLE = re.compile(r'<([A-Z_]+) m_id="(\d+)"[^>]*?(?<!/)>(.*?)</\1>', re.DOTALL)
_RELATION = re.compile(r'<(CROSS_DOC_COREF|INTRA_DOC_COREF) r_id="\d+"[^>]*>(.*?)</\1>', re.DOTALL)
NO_SPACE_BEFORE = {
    ",",
    ".",
    "!",
    "?",
    ";",
    ":",
    "%",
    ")",
    "]",
    "}",
    "'s",
    "n't",
    "'re",
    "'ve",
    "'ll",
    "'d",
    "'m",
    "''",
    "'",
}
NO_SPACE_AFTER = {"(", "[", "{", "$", "``", "#"}
PRONOUNS = {
    "i",
    "he",
    "she",
    "it",
    "we",
    "they",
    "you",
    "him",
    "her",
    "them",
    "us",
    "his",
    "its",
    "their",
    "our",
    "my",
    "your",
    "who",
    "whom",
    "this",
    "that",
    "these",
    "those",
    "one",
    "someone",
    "somebody",
}
FUNCTION = {
    "the",
    "a",
    "an",
    "in",
    "at",
    "on",
    "of",
    "from",
    "to",
    "near",
    "outside",
    "inside",
    "into",
    "between",
    "by",
    "for",
    "with",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "your",
}
CUTS = {"in", "of", "at", "on", "near", "from", "outside", "inside", ",", "'s", "'", "(", "for", "and", "-"}


def _unescape(text: str) -> str:
    return (
        text.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
    )


class GoldMention(NamedTuple):
    start: int
    end: int
    tag: str
    chain: str
    named: bool
    scored: bool


class GoldDoc:
    """One ECB+ document: its rebuilt text, the annotated sentences (char ranges), its entity mentions."""

    def __init__(self, name: str, topic: int, text: str) -> None:
        self.name = name
        self.topic = topic
        self.text = text
        self.regions: list[tuple[int, int]] = []
        self.mentions: list[GoldMention] = []

    def annotated(self, start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b in self.regions)


def annotated_sentences(gold_dir: Path = GOLD) -> dict[str, set[int]]:
    out: dict[str, set[int]] = defaultdict(set)
    with open(gold_dir / "ECBplus_coreference_sentences.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out[f"{row['Topic']}_{row['File']}"].add(int(row["Sentence Number"]))
    return out


def detokenise(
    tokens: list[tuple[int, int, str]],
) -> tuple[str, dict[int, tuple[int, int]], dict[int, tuple[int, int]]]:
    """Text from (t_id, sentence, word) tokens: one sentence per line, spaces where English puts them.
    Returns the text, t_id -> (start, end) and sentence -> (start, end)."""
    parts: list[str] = []
    offsets: dict[int, tuple[int, int]] = {}
    sentences: dict[int, tuple[int, int]] = {}
    pos = 0
    prev_sent = None
    prev_word = None
    for tid, sent, word in tokens:
        raw = word
        word = {"``": "“", "''": "”"}.get(word, word)
        if prev_sent is None:
            sep = ""
        elif sent != prev_sent:
            sep = "\n"
        elif (
            raw in NO_SPACE_BEFORE
            or raw.startswith("'")
            and raw.lower() in NO_SPACE_BEFORE
            or prev_word in NO_SPACE_AFTER
        ):
            sep = ""
        else:
            sep = " "
        if sent != prev_sent and prev_sent is not None:
            a, _ = sentences[prev_sent]
            sentences[prev_sent] = (a, pos)
        parts.append(sep)
        pos += len(sep)
        if sent != prev_sent:
            sentences[sent] = (pos, pos)
        offsets[tid] = (pos, pos + len(word))
        parts.append(word)
        pos += len(word)
        prev_sent, prev_word = sent, raw
    if prev_sent is not None:
        sentences[prev_sent] = (sentences[prev_sent][0], pos)
    return "".join(parts), offsets, sentences


def headline_sentences(tokens: list[tuple[int, int, str]]) -> set[int]:
    """Sentences written in title case or capitals (most words of four letters or more capitalised)."""
    words: dict[int, list[str]] = defaultdict(list)
    for _t, s, w in tokens:
        if w.isalpha() and len(w) >= 4:
            words[s].append(w)
    return {
        s for s, ws in words.items() if len(ws) >= 3 and sum(w[0].isupper() for w in ws) / len(ws) >= 0.75
    }


def _is_named(
    words: list[str], first_in_sentence: list[bool], capitalised_mid: set[str], headline: bool = False
) -> bool:
    """Is the head of a gold mention a proper name? (See the module docstring.)"""
    k = 0
    while k < len(words) - 1 and words[k].lower() in FUNCTION:
        k += 1
    end = len(words)
    for n in range(k + 1, len(words)):
        if words[n].lower() in CUTS:
            end = n
            break
    head = words[end - 1] if end > k else words[-1]
    idx = end - 1 if end > k else len(words) - 1
    if not head[:1].isupper() or head.lower() in PRONOUNS:
        return False
    return not ((first_in_sentence[idx] or headline) and head.lower() not in capitalised_mid)


def read_document(path: Path, sentences: set[int]) -> GoldDoc:
    xml = path.read_text(encoding="utf-8")
    name = path.stem
    tokens = [(int(t), int(s), _unescape(w)) for t, s, w in _TOKEN.findall(xml)]
    text, offsets, sent_spans = detokenise(tokens)
    by_id = {t: (s, w) for t, s, w in tokens}
    first = {}
    seen_sent = set()
    for t, s, w in tokens:
        first[t] = s not in seen_sent
        seen_sent.add(s)
    headlines = headline_sentences(tokens)
    capitalised_mid = {
        w.lower() for t, s, w in tokens if not first[t] and w[:1].isupper() and s not in headlines
    }
    regions = [sent_spans[s] for s in sorted(sentences) if s in sent_spans]
    # nothing after the last annotated sentence is scored: cut it (a fifth of the text to parse)
    cut = max((b for _, b in regions), default=len(text))
    doc = GoldDoc(name=name, topic=int(name.split("_")[0]), text=text[:cut])
    doc.regions = regions
    markables = xml.split("<Markables>", 1)[-1].split("</Markables>", 1)[0]
    mention_tokens: dict[str, tuple[str, list[int]]] = {}
    for tag, mid, body in _MARKABLE.findall(markables):
        ids = [int(x) for x in re.findall(r'<token_anchor t_id="(\d+)"', body)]
        if ids and tag.startswith(ENTITY_TAGS):
            mention_tokens[mid] = (tag, sorted(ids))
    chains: dict[str, str] = {}
    relations = xml.split("<Relations>", 1)[-1]
    for _kind, body in _RELATION.findall(relations):
        target = re.search(r'<target m_id="(\d+)"', body)
        note = target.group(1) if target else body[:20]
        for src in re.findall(r'<source m_id="(\d+)"', body):
            chains[src] = f"{name}:{note}"
    for mid, (tag, ids) in mention_tokens.items():
        start, end = offsets[ids[0]][0], offsets[ids[-1]][1]
        if end > cut:
            continue
        words = [by_id[t][1] for t in ids]
        named = _is_named(words, [first[t] for t in ids], capitalised_mid, by_id[ids[0]][0] in headlines)
        scored = tag.startswith(SCORED_TAGS) and named
        doc.mentions.append(
            GoldMention(start, end, tag, chains.get(mid, f"{name}:single:{mid}"), named, scored)
        )
    return doc


def load_documents(gold_dir: Path = GOLD, limit: int | None = None) -> list[GoldDoc]:
    """Every document of ECB+ topics 1-35 with annotated sentences, by topic then name."""
    sentences = annotated_sentences(gold_dir)
    paths = sorted(
        (gold_dir / "ECB+").glob("*/*.xml"),
        key=lambda p: (
            int(p.parent.name),
            p.stem.endswith("plus"),
            int(re.sub(r"\D", "", p.stem.split("_")[1]) or 0),
        ),
    )
    docs = []
    for p in paths:
        if p.stem not in sentences:
            continue
        docs.append(read_document(p, sentences[p.stem]))
        if limit and len(docs) >= limit:
            break
    return docs


# ---------------------------------------------------------------------------------------------- scoring


class Pred(NamedTuple):
    """A predicted mention reduced to what scoring needs."""

    id: str
    start: int
    end: int
    type: str
    cluster: str  # the id of the mention it resolves to (its own when none)
    text: str = ""


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def _prf(tp_p: float, n_p: float, tp_r: float, n_r: float) -> tuple[float, float, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_r / n_r if n_r else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _expected(tag: str) -> set[str]:
    return EXPECTED.get(tag, EXPECTED["LOC"] if tag.startswith("LOC") else set())


def score_document(gold: GoldDoc, preds: list[Pred]) -> dict[str, object]:
    """Counts for one document (added up by :func:`aggregate`)."""
    scored = [m for m in gold.mentions if m.scored and gold.annotated(m.start, m.end)]
    others = [m for m in gold.mentions if not m.scored and gold.annotated(m.start, m.end)]
    preds = [p for p in preds if p.type in SCORED_TYPES and gold.annotated(p.start, p.end)]
    n_pred = tp_pred = 0
    for p in preds:
        hits = any(_overlap(p.start, p.end, g.start, g.end) for g in scored)
        if not hits and any(_overlap(p.start, p.end, g.start, g.end) for g in others):
            continue  # inside a gold mention we do not score: neither right nor wrong
        n_pred += 1
        tp_pred += hits
    aligned: list[tuple[GoldMention, Pred]] = []
    for g in scored:
        best = max(preds, key=lambda p: _overlap(p.start, p.end, g.start, g.end), default=None)
        if best is not None and _overlap(best.start, best.end, g.start, g.end):
            aligned.append((g, best))
    typed = sum(1 for g, p in aligned if p.type in _expected(g.tag))
    return {
        "pred": n_pred,
        "pred_correct": tp_pred,
        "gold": len(scored),
        "gold_found": len(aligned),
        "typed": typed,
        "pairs": [(g.chain, p.cluster, p.text) for g, p in aligned],
    }


def b_cubed(items: list[tuple[str, str]]) -> tuple[float, float]:
    """B-cubed precision and recall over (gold chain, predicted cluster) pairs, one per mention."""
    if not items:
        return 0.0, 0.0
    gold: dict[str, list[int]] = defaultdict(list)
    pred: dict[str, list[int]] = defaultdict(list)
    for n, (g, p) in enumerate(items):
        gold[g].append(n)
        pred[p].append(n)
    precision = recall = 0.0
    for g, p in items:
        both = len(set(gold[g]) & set(pred[p]))
        precision += both / len(pred[p])
        recall += both / len(gold[g])
    return precision / len(items), recall / len(items)


def pairwise(items: list[tuple[str, str]]) -> tuple[int, int, int]:
    """(links in both, predicted links, gold links) over all mention pairs."""
    both = pred_links = gold_links = 0
    for a in range(len(items)):
        for b in range(a + 1, len(items)):
            same_gold = items[a][0] == items[b][0]
            same_pred = items[a][1] == items[b][1]
            both += same_gold and same_pred
            pred_links += same_pred
            gold_links += same_gold
    return both, pred_links, gold_links


def aggregate(counts: Iterable[dict[str, object]], same_string: bool = False) -> dict[str, float]:
    counts = list(counts)
    pred = sum(c["pred"] for c in counts)
    pred_ok = sum(c["pred_correct"] for c in counts)
    gold = sum(c["gold"] for c in counts)
    found = sum(c["gold_found"] for c in counts)
    typed = sum(c["typed"] for c in counts)
    p, r, f = _prf(pred_ok, pred, found, gold)
    bp = br = 0.0
    n_items = 0
    both = pl = gl = 0
    for c in counts:
        items = [(g, _fold(t) if same_string else cl) for g, cl, t in c["pairs"]]
        if not items:
            continue
        x, y = b_cubed(items)
        bp += x * len(items)
        br += y * len(items)
        n_items += len(items)
        b, pp, gg = pairwise(items)
        both, pl, gl = both + b, pl + pp, gl + gg
    bp, br = (bp / n_items, br / n_items) if n_items else (0.0, 0.0)
    pair_p, pair_r, pair_f = _prf(both, pl, both, gl)
    return {
        "mention_precision": p,
        "mention_recall": r,
        "mention_f1": f,
        "type_accuracy": typed / found if found else 0.0,
        "resolution_b3_precision": bp,
        "resolution_b3_recall": br,
        "resolution_b3_f1": 2 * bp * br / (bp + br) if bp + br else 0.0,
        "resolution_pair_precision": pair_p,
        "resolution_pair_recall": pair_r,
        "resolution_pair_f1": pair_f,
        "gold_mentions": gold,
        "predicted_mentions": pred,
        "documents": len(counts),
    }


def _fold(text: str) -> str:
    import unicodedata

    t = unicodedata.normalize("NFKD", text)
    return "".join(c for c in t if not unicodedata.combining(c)).lower().replace(".", "").strip()


# ---------------------------------------------------------------------------------------------- running


def predict_stage(doc_gold: GoldDoc, doc) -> list[Pred]:
    from newsprism.records import Article
    from newsprism.stages import entities

    article = Article(id=doc_gold.name, source=doc_gold.name, reader="text", body=doc_gold.text)
    mentions = entities.run(article, doc, None)
    return [Pred(m.id, m.start, m.end, m.type, m.head or m.id, m.text) for m in mentions]


MODEL_TYPES = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
}


def predict_model(doc_gold: GoldDoc, doc) -> list[Pred]:
    """The model's entities as they come, clustered by identical text (the reference row)."""
    out = []
    first: dict[str, str] = {}
    for n, e in enumerate(doc.ents):
        if e.label_ not in MODEL_TYPES:
            continue
        mid = f"e{n}"
        cluster = first.setdefault(_fold(e.text), mid)
        out.append(Pred(mid, e.start_char, e.end_char, MODEL_TYPES[e.label_], cluster, e.text))
    return out


def run(docs: list[GoldDoc], batch_size: int = 64) -> dict[str, object]:
    from newsprism import nlp

    nlp.load()
    t0 = time.perf_counter()
    parsed = list(nlp.parse([d.text for d in docs], batch_size=batch_size))
    parse_seconds = time.perf_counter() - t0
    if docs:  # warm up (lexicon) outside the timed loop
        predict_stage(docs[0], parsed[0])
    t0 = time.perf_counter()
    stage_preds = [predict_stage(g, d) for g, d in zip(docs, parsed, strict=True)]
    stage_seconds = time.perf_counter() - t0
    model_preds = [predict_model(g, d) for g, d in zip(docs, parsed, strict=True)]
    ours = [score_document(g, p) for g, p in zip(docs, stage_preds, strict=True)]
    ref = [score_document(g, p) for g, p in zip(docs, model_preds, strict=True)]
    report: dict[str, object] = {}
    for split, keep in (
        ("all", lambda t: True),
        ("odd", lambda t: t % 2 == 1),
        ("even", lambda t: t % 2 == 0),
    ):
        idx = [n for n, d in enumerate(docs) if keep(d.topic)]
        report[split] = aggregate(ours[n] for n in idx)
        report[f"{split}_same_string"] = aggregate((ours[n] for n in idx), same_string=True)
        report[f"{split}_model"] = aggregate(ref[n] for n in idx)
    n = len(docs)
    report["speed"] = {
        "documents": n,
        "words": sum(len(d.text.split()) for d in docs),
        "parse_seconds": parse_seconds,
        "stage_seconds": stage_seconds,
        "stage_articles_per_second": n / stage_seconds if stage_seconds else 0.0,
        "articles_per_second_with_parsing": n / (stage_seconds + parse_seconds)
        if stage_seconds + parse_seconds
        else 0.0,
    }
    return report


def load_floors(path: Path = BASELINE) -> dict[str, float]:
    return json.loads(path.read_text(encoding="utf-8")).get(KEY, {})


def check(result: dict[str, float], floors: dict[str, float]) -> list[str]:
    """One line per metric below its floor (empty when all floors hold)."""
    return [
        f"{name} {result[name]:.3f} is below the floor {floor:.3f}"
        for name, floor in sorted(floors.items())
        if name in result and result[name] < floor
    ]


def evaluate(limit: int | None = None) -> dict[str, object]:
    docs = load_documents(limit=limit)
    report: dict[str, object] = {"benchmark": KEY, "gold": str(GOLD)}
    report.update(run(docs))
    report["newsprism"] = {k: report["all"][k] for k in METRICS}
    report["anchors"] = ANCHORS
    report["machine"] = (
        f"{platform.python_implementation()} {platform.python_version()}, {platform.machine()}"
    )
    return report


def print_table(report: dict) -> None:
    speed = report["speed"]
    print(f"entities on ECB+ topics 1-35: {speed['documents']} documents, annotated sentences only ({GOLD})")
    head = f"{'':<38} {'P':>6} {'R':>6} {'F1':>6} {'type':>6} {'B3 F1':>6} {'pair F1':>7} {'gold':>6}"
    print(head)
    rows = [
        ("newsprism entities, all topics", "all"),
        ("  odd topics (tuned on)", "odd"),
        ("  even topics (held out)", "even"),
        ("  same-string clusters, all", "all_same_string"),
        ("spaCy sm ents as-is, all", "all_model"),
        ("  spaCy sm ents, odd topics", "odd_model"),
        ("  spaCy sm ents, even topics", "even_model"),
    ]
    for label, k in rows:
        r = report[k]
        print(
            f"{label:<38} {r['mention_precision']:>6.3f} {r['mention_recall']:>6.3f} {r['mention_f1']:>6.3f}"
            f" {r['type_accuracy']:>6.3f} {r['resolution_b3_f1']:>6.3f} {r['resolution_pair_f1']:>7.3f}"
            f" {r['gold_mentions']:>6}"
        )
    print(
        f"speed: stage alone {speed['stage_articles_per_second']:.1f} articles/s; with parsing"
        f" {speed['articles_per_second_with_parsing']:.1f} articles/s ({speed['words']} words,"
        f" parse {speed['parse_seconds']:.1f} s, stage {speed['stage_seconds']:.1f} s)"
    )
    print("published anchor (not comparable: cross-document, all mention kinds, gold mentions):")
    for name, value in report["anchors"].items():
        print(f"  {name}: {value:.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="fail (exit 1) below the floors in bench/baseline.json"
    )
    parser.add_argument("--limit", type=int, help="score only the first N documents (by topic)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    if not (GOLD / "ECBplus_coreference_sentences.csv").exists():
        print(f"gold set not found: {GOLD}", file=sys.stderr)
        return 2
    report = evaluate(args.limit)
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
