#!/usr/bin/env python3
"""Time expression tagging (stage ``times``), scored the TempEval-3 way on the TE3 training data.

The gold set (../shared/eval/timeml) is the TempEval-3 training release: TimeBank (183 documents) and
AQUAINT (73), TimeML with TIMEX3 tags. For each document we strip the tags from the <TEXT> part (keeping
character offsets of every gold TIMEX3), take the document creation time (the TIMEX3 with
functionInDocument="CREATION_TIME", outside <TEXT>) as the article date, and run
``newsprism.stages.times.tag(text, dct)``.

Scoring follows the TE3 evaluation: a system TIMEX3 matches a gold one when their spans overlap (relaxed)
or are identical (strict); each gold and each system expression is matched at most once. Precision is
matched system expressions over all system expressions, recall matched gold over all gold, F1 their
harmonic mean. Type and value accuracy are taken over the relaxed matches; type F1 and value F1 are the
relaxed F1 times that accuracy, as the TE3 script reports them.

Because the rules were tuned on this data, a fixed held-out subset (every 5th file by name, 51 files) was
not looked at while writing them; its figures are the honest ones.

    python bench/timeml.py             # print the table
    python bench/timeml.py --check     # also compare with the floors in bench/baseline.json
    python bench/timeml.py --json

Exit codes: 0 ok, 1 a floor was missed (with --check), 2 the gold set is missing.
"""

# (no ``from __future__ import annotations``: run_all.py loads this file without registering it in
# sys.modules, which string annotations on the dataclasses below would need)
import argparse
import html
import json
import platform
import re
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "eval" / "timeml"
BASELINE = Path(__file__).resolve().with_name("baseline.json")
KEY = "timeml"
METRICS = ("relaxed_f1", "strict_f1", "value_f1", "type_accuracy")
HELD_OUT_EVERY = 5  # files whose index in the by-name order is 4, 9, 14, ... are held out

# Published results on the TempEval-3 *test* set (platinum), not on this training data.
ANCHORS = {
    "HeidelTime": {"relaxed_f1": 0.903, "strict_f1": 0.813, "value_f1": 0.776},
    "SUTime": {"value_f1": 0.674},
}

if str(ROOT / "src") not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT / "src"))


# ---------------------------------------------------------------------------------------------- reading


@dataclass
class Timex:
    start: int
    end: int
    type: str
    value: str
    mod: str | None = None


@dataclass
class Document:
    name: str  # "TimeBank/ABC19980108.1830.0711"
    text: str
    dct: str | None
    gold: list[Timex] = field(default_factory=list)


_TEXT = re.compile(r"<TEXT>(.*)</TEXT>", re.DOTALL)
_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_DCT = re.compile(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>')


def parse_tml(raw: str, name: str = "") -> Document:
    """The plain text of <TEXT>, its creation time and its gold TIMEX3 spans (offsets into that text)."""
    found = _TEXT.search(raw)
    body = found.group(1) if found else ""
    dct_tag = _DCT.search(raw)
    dct = dict(_ATTR.findall(dct_tag.group(0))).get("value") if dct_tag else None
    parts: list[str] = []
    length = 0
    pos = 0
    open_timex: list[tuple[dict[str, str], int]] = []
    gold: list[Timex] = []
    for tag in _TAG.finditer(body):
        piece = html.unescape(body[pos : tag.start()])
        parts.append(piece)
        length += len(piece)
        pos = tag.end()
        if tag.group(2) != "TIMEX3" or tag.group(4):  # other tags, and empty (non-consuming) TIMEX3s
            continue
        if tag.group(1):
            attrs, start = open_timex.pop()
            gold.append(Timex(start, length, attrs.get("type", ""), attrs.get("value", ""), attrs.get("mod")))
        else:
            open_timex.append((dict(_ATTR.findall(tag.group(3))), length))
    parts.append(html.unescape(body[pos:]))
    gold.sort(key=lambda t: (t.start, t.end))
    return Document(name, "".join(parts), dct, gold)


def gold_files(gold_dir: Path = GOLD) -> list[Path]:
    return sorted(gold_dir.glob("*/*.tml"), key=lambda p: (p.name, p.parent.name))


def is_held_out(index: int) -> bool:
    return index % HELD_OUT_EVERY == HELD_OUT_EVERY - 1


def load_documents(gold_dir: Path = GOLD, limit: int | None = None) -> list[tuple[Document, bool]]:
    """(document, held_out) for every .tml in name order."""
    docs = []
    for index, path in enumerate(gold_files(gold_dir)[:limit]):
        doc = parse_tml(path.read_text(encoding="utf-8"), f"{path.parent.name}/{path.stem}")
        docs.append((doc, is_held_out(index)))
    return docs


# ---------------------------------------------------------------------------------------------- scoring


def match(gold: list[Timex], system: list[Timex]) -> tuple[list[tuple[int, int]], int]:
    """One-to-one relaxed matches (gold index, system index), exact spans first then by largest overlap;
    and the number of strict (identical span) matches."""
    pairs: list[tuple[int, int, int, int]] = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if overlap > 0:
                exact = int(g.start == s.start and g.end == s.end)
                pairs.append((-exact, -overlap, gi, si))
    pairs.sort()
    used_g: set[int] = set()
    used_s: set[int] = set()
    matched: list[tuple[int, int]] = []
    strict = 0
    for neg_exact, _, gi, si in pairs:
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        matched.append((gi, si))
        strict += -neg_exact
    return sorted(matched), strict


def _prf(tp: float, n_system: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_system if n_system else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Counts:
    gold: int = 0
    system: int = 0
    relaxed: int = 0
    strict: int = 0
    type_ok: int = 0
    value_ok: int = 0

    def add(self, gold: list[Timex], system: list[Timex]) -> None:
        matched, strict = match(gold, system)
        self.gold += len(gold)
        self.system += len(system)
        self.relaxed += len(matched)
        self.strict += strict
        self.type_ok += sum(gold[g].type == system[s].type for g, s in matched)
        self.value_ok += sum(gold[g].value == system[s].value for g, s in matched)

    def scores(self) -> dict[str, float]:
        rp, rr, rf = _prf(self.relaxed, self.system, self.gold)
        sp, sr, sf = _prf(self.strict, self.system, self.gold)
        type_acc = self.type_ok / self.relaxed if self.relaxed else 0.0
        value_acc = self.value_ok / self.relaxed if self.relaxed else 0.0
        return {
            "relaxed_precision": rp,
            "relaxed_recall": rr,
            "relaxed_f1": rf,
            "strict_precision": sp,
            "strict_recall": sr,
            "strict_f1": sf,
            "type_accuracy": type_acc,
            "type_f1": rf * type_acc,
            "value_accuracy": value_acc,
            "value_f1": rf * value_acc,
            "gold": self.gold,
            "system": self.system,
        }


def score(pairs: Iterable[tuple[list[Timex], list[Timex]]]) -> dict[str, float]:
    """TE3 scores over (gold, system) lists, one pair per document."""
    counts = Counts()
    for gold, system in pairs:
        counts.add(gold, system)
    return counts.scores()


# ---------------------------------------------------------------------------------------------- running


def tag_document(doc: Document) -> list[Timex]:
    from newsprism.stages.times import tag

    return [Timex(r.start, r.end, r.type, r.value, r.mod) for r in tag(doc.text, doc.dct, document=doc.name)]


def evaluate(limit: int | None = None, gold_dir: Path = GOLD) -> dict[str, object]:
    docs = load_documents(gold_dir, limit)
    from newsprism.stages.times import tag

    if docs:  # warm up (imports, lexicons, regex compilation) outside the timed loop
        tag(docs[0][0].text, docs[0][0].dct)
    start = time.perf_counter()
    systems = [tag_document(doc) for doc, _ in docs]
    seconds = time.perf_counter() - start
    chars = sum(len(doc.text) for doc, _ in docs)
    groups = {
        "TimeBank": [i for i, (d, _) in enumerate(docs) if d.name.startswith("TimeBank/")],
        "AQUAINT": [i for i, (d, _) in enumerate(docs) if d.name.startswith("AQUAINT/")],
        "all": list(range(len(docs))),
        "tuned": [i for i, (_, held) in enumerate(docs) if not held],
        "held_out": [i for i, (_, held) in enumerate(docs) if held],
    }
    report: dict[str, object] = {"benchmark": KEY}
    for name, indexes in groups.items():
        result = score((docs[i][0].gold, systems[i]) for i in indexes)
        result["documents"] = len(indexes)
        report[name] = result
    report["speed"] = {
        "documents": len(docs),
        "characters": chars,
        "seconds": seconds,
        "documents_per_second": len(docs) / seconds if seconds else 0.0,
        "characters_per_second": chars / seconds if seconds else 0.0,
    }
    report["published_te3_test"] = ANCHORS
    report["machine"] = (
        f"{platform.python_implementation()} {platform.python_version()}, {platform.machine()}"
    )
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


def print_table(report: dict) -> None:
    print(f"TimeML TIMEX3 tagging: TempEval-3 training data from {GOLD}")
    head = (
        "relaxed P",
        "relaxed R",
        "relaxed F1",
        "strict F1",
        "type acc",
        "type F1",
        "value acc",
        "value F1",
    )
    print(f"{'':<34} {'docs':>5} {'gold':>5} " + " ".join(f"{h:>10}" for h in head))
    keys = ("relaxed_precision", "relaxed_recall", "relaxed_f1", "strict_f1", "type_accuracy", "type_f1",
            "value_accuracy", "value_f1")  # fmt: skip
    labels = {
        "TimeBank": "newsprism, TimeBank",
        "AQUAINT": "newsprism, AQUAINT",
        "all": "newsprism, all",
        "tuned": "newsprism, tuned-on part",
        "held_out": "newsprism, held-out part (1 in 5)",
    }
    for name, label in labels.items():
        r = report[name]
        cells = " ".join(f"{r[k]:>10.3f}" for k in keys)
        print(f"{label:<34} {r['documents']:>5} {r['gold']:>5} {cells}")
    print("published, on the TE3 test set (not this data):")
    for name, figures in report["published_te3_test"].items():
        row = ", ".join(f"{k} {v:.3f}" for k, v in figures.items())
        print(f"  {name:<32} {row}")
    s = report["speed"]
    print(
        f"speed (tagging alone): {s['documents_per_second']:.0f} documents/s, "
        f"{s['characters_per_second'] / 1000:.0f}k characters/s ({s['documents']} documents, "
        f"{s['seconds']:.2f} s) on {report['machine']}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="fail (exit 1) below the floors in bench/baseline.json"
    )
    parser.add_argument("--limit", type=int, help="score only the first N files (by name)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    if not gold_files():
        print(f"gold set not found: {GOLD}", file=sys.stderr)
        return 2
    report = evaluate(args.limit)
    failures = check(report["all"], load_floors()) if args.check else []
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
