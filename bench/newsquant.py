#!/usr/bin/env python3
"""Numeric claims (stage ``figures``) scored on NewsQuant, the CQE paper's news quantity test set.

The gold set (../shared/eval/newsquant/newsquant_dev.json, from vivkaz/CQE, GPL-3.0: read here, never
copied) is 295 English news sentences, each with its quantities: value (a number, or "low-high" for a
range), unit as written and ``normalized_unit``. Each sentence is parsed, run through the entities and
times stages, then ``figures``; every figure is one system quantity.

Scoring follows the CQE evaluation as we read it: a system quantity matches a gold one of the same sentence
when their values are equal (``math.isclose``, relative 1e-5; a range matches a range with both ends
equal, and never a single value). Matching is one-to-one (CQE's script can count one system quantity
against several gold ones; ours cannot), preferring a partner whose unit also matches. ``value`` counts
value matches, ``value_unit`` matches whose units agree too. Precision is over all system quantities,
recall over all gold ones.

Units are compared after mapping ours to CQE's normalised names (:func:`cqe_unit`): ISO currency codes to
the names of CQE's unit dictionary (``USD`` -> "dollar", ``GBP`` -> "pound sterling", ``KRW`` -> "south
korean won"; every code the figures lexicon can emit has one), ``percent`` -> "percentage", ``person`` ->
"people", ``"USD per barrel"`` -> "dollar per barrel", an age in years -> "year of age", no unit -> "-".
Both sides then pass through :data:`SYNONYMS`, names of one unit that a fair reader takes as equal and the
gold uses both of ("united states dollar" and "dollar"; CQE's "metric ton" and our "tonne"), each side of a
"per" separately.

Counted nouns (a figure whose unit is the thing counted: "15 homicides", "12 laps of the old track") are
matched more loosely, and only they: gold writes the whole noun phrase lemmatised without stop words
("new product", "lap old track", "happy day life"), ours is its head noun, so a counted unit
matches when it equals any word of the gold unit singularised. The noun as the text writes it counts too,
beside the stage's normalised unit: the stage counts nationalities as ``person`` and people killed as
``death`` and the injured as ``injury`` (records.Figure), while the gold keeps the written noun
("Americans", "people"), so the head of the figure's ``counted`` phrase is a second name for its unit (and
a toll read from the verb alone, "15 were killed", "80 injured", has no written unit: "-"). A fraction's
unit is ``fraction`` and what it is a fraction of is its counted phrase; the gold names the latter ("a third
of the population"), so a fraction is matched as a counted noun too. A measurement unit ("mile") never
matches a longer gold unit ("square mile").

A symbol that CQE's own unit dictionary gives to several units is ambiguous, and the gold's choice between
them is no evidence against another: when the gold's written unit is such a symbol (:data:`AMBIGUOUS_SYMBOLS`;
"p" is both "point" and "penny", a prime both "foot" and "minute") and its normalised unit one of its
readings, any of the readings matches ("97.2p" a share price in pence that the gold normalises as "point").

No train split exists here, so to keep from tuning to the test the set is split by index: the rules were
developed looking only at the even-indexed sentences ("dev"); the odd-indexed ones ("held_out") were not
read. Both halves and the whole are reported.

    python bench/newsquant.py             # print the table
    python bench/newsquant.py --check     # also compare with the floors in bench/baseline.json
    python bench/newsquant.py --json --limit 50

Exit codes: 0 ok, 1 a floor was missed (with --check), 2 the gold set is missing.
"""

# (no ``from __future__ import annotations``: run_all.py loads this file without registering it in
# sys.modules)
import argparse
import json
import math
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "eval" / "newsquant" / "newsquant_dev.json"
BASELINE = Path(__file__).resolve().with_name("baseline.json")
KEY = "newsquant"
METRICS = ("value_f1", "value_unit_f1", "value_unit_precision", "value_unit_recall")

# Published value+unit F1 on NewsQuant (CQE paper, Almasian et al. 2023, table 3).
ANCHORS = {"CQE": {"value_unit_f1": 0.855}, "quantulum3": {"value_unit_f1": 0.471}}

if str(ROOT / "src") not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT / "src"))

CURRENCY_NAMES = {
    "USD": "dollar", "AUD": "australian dollar", "CAD": "canadian dollar", "HKD": "hong kong dollar",
    "NZD": "new zealand dollar", "SGD": "singapore dollar", "TWD": "new taiwan dollar", "EUR": "euro",
    "GBP": "pound sterling", "JPY": "japanese yen", "ILS": "shekel", "MYR": "malaysian ringgit",
    "DKK": "danish krone", "SEK": "swedish krone", "NOK": "norwegian krone", "INR": "indian rupee",
    "PKR": "pakistani rupee", "LKR": "sri lankan rupee", "CNY": "chinese yuan", "CHF": "swiss franc",
    "MXN": "mexican peso", "ARS": "argentine peso", "COP": "colombian peso", "CLP": "chilean peso",
    "PHP": "philippine peso", "BRL": "brazilian real", "KRW": "south korean won", "RUB": "russian ruble",
    "ZAR": "south african rand", "TRY": "turkish lira", "NGN": "nigerian naira", "VES": "venezuelan bolivar",
    "PLN": "polish złoty", "CZK": "czech koruna", "HUF": "hungarian forint", "UAH": "ukrainian hryvnia",
    "IDR": "indonesian rupiah", "THB": "thai baht", "VND": "vietnamese dong", "EGP": "egyptian pound",
    "SAR": "saudi riyal", "AED": "united arab emirates dirham", "KES": "kenyan shilling", "PEN": "peruvian sol",
    "MAD": "moroccan dirham", "GHS": "ghanaian cedi", "BTC": "bitcoin",
    "AFN": "afghan afghani", "ALL": "albanian lek", "AMD": "armenian dram", "AOA": "angolan kwanza",
    "AZN": "azerbaijani manat", "BAM": "bosnia and herzegovina convertible mark", "BBD": "barbadian dollar",
    "BDT": "bangladeshi taka", "BGN": "bulgarian lev", "BHD": "bahraini dinar", "BIF": "burundian franc",
    "BND": "brunei dollar", "BOB": "bolivian boliviano", "BSD": "bahamian dollar", "BWP": "botswana pula",
    "BYN": "belarusian ruble", "BZD": "belize dollar", "CDF": "congolese franc", "CRC": "costa rican colón",
    "CUP": "cuban peso", "DJF": "djiboutian franc", "DOP": "dominican peso", "DZD": "algerian dinar",
    "ERN": "eritrean nakfa", "ETB": "ethiopian birr", "FJD": "fijian dollar", "GEL": "georgian lari",
    "GMD": "gambian dalasi", "GNF": "guinean franc", "GTQ": "guatemalan quetzal", "GYD": "guyanese dollar",
    "HNL": "honduran lempira", "HRK": "croatian kuna", "IQD": "iraqi dinar", "IRR": "iranian rial",
    "ISK": "icelandic króna", "JMD": "jamaican dollar", "JOD": "jordanian dinar", "KGS": "kyrgyzstani som",
    "KHR": "cambodian riel", "KPW": "north korean won", "KWD": "kuwaiti dinar", "KZT": "kazakhstani tenge",
    "LAK": "lao kip", "LBP": "lebanese pound", "LRD": "liberian dollar", "LSL": "lesotho loti",
    "LYD": "libyan dinar", "MDL": "moldovan leu", "MGA": "malagasy ariary", "MKD": "macedonian denar",
    "MMK": "myanmar kyat", "MNT": "mongolian tögrög", "MOP": "macanese pataca", "MRU": "mauritanian ouguiya",
    "MUR": "mauritian rupee", "MVR": "maldivian rufiyaa", "MWK": "malawian kwacha", "MZN": "mozambican metical",
    "NAD": "namibian dollar", "NIO": "nicaraguan córdoba", "NPR": "nepalese rupee", "OMR": "omani rial",
    "PGK": "papua new guinean kina", "PYG": "paraguayan guaraní", "QAR": "qatari riyal", "RON": "romanian leu",
    "RSD": "serbian dinar", "RWF": "rwandan franc", "SDG": "sudanese pound", "SLE": "sierra leonean leone",
    "SOS": "somali shilling", "SSP": "south sudanese pound", "SYP": "syrian pound", "SZL": "swazi lilangeni",
    "TJS": "tajikistani somoni", "TMT": "turkmenistan manat", "TND": "tunisian dinar",
    "TTD": "trinidad and tobago dollar", "TZS": "tanzanian shilling", "UGX": "ugandan shilling",
    "UYU": "uruguayan peso", "UZS": "uzbekistani som", "VUV": "vanuatu vatu", "WST": "samoan tala",
    "XAF": "central african cfa franc", "XCD": "east caribbean dollar", "XOF": "west african cfa franc",
    "YER": "yemeni rial", "ZMW": "zambian kwacha", "ZWL": "zimbabwean dollar",
    # currencies the euro replaced
    "DEM": "deutsche mark", "FRF": "french franc", "BEF": "belgian franc", "ITL": "italian lira",
    "ESP": "spanish peseta", "NLG": "dutch guilder", "FIM": "finnish markka", "ATS": "austrian schilling",
    "GRD": "greek drachma", "PTE": "portuguese escudo", "IEP": "irish pound",
}  # fmt: skip
# Our units that CQE's unit dictionary names otherwise (it files the nautical mile under "mile")
UNIT_NAMES = {"percent": "percentage", "person": "people", "pound-mass": "pound-mass", "tonne": "tonne",
              "nautical mile": "mile"}  # fmt: skip
# Two names of one unit, both in use (the gold has "dollar" and "united states dollar"): each maps to one.
SYNONYMS = {
    "united states dollar": "dollar", "us dollar": "dollar", "u.s. dollar": "dollar", "metric ton": "tonne",
    "light-year": "light year", "percent": "percentage", "degree celsius": "celsius",
    "degree fahrenheit": "fahrenheit", "kilo": "kilogram", "polish zloty": "polish złoty",
    "gigaton": "gigatonne", "megaton": "megatonne", "cubic centimetre": "millilitre",
    "malawian kwach": "malawian kwacha", "uzbekitan som": "uzbekistani som", "kilotonne": "kiloton",
    "costa rican colon": "costa rican colón", "paraguayan guarani": "paraguayan guaraní",
    "icelandic krona": "icelandic króna", "nicaraguan cordoba": "nicaraguan córdoba",
    "mongolian tugrik": "mongolian tögrög",
    # surfaces of one unit in CQE's dictionary: "count" (time, instance), "set" (piece, pack)
    "time": "count", "instance": "count", "piece": "set", "pack": "set",
}  # fmt: skip
# Symbols that CQE's unit dictionary (CQE/unit.json) lists under more than one unit: the gold picks one
# ("97.2p" -> "point"), the text may mean another (pence), so any of them matches.
AMBIGUOUS_SYMBOLS = {
    "p": {"point", "penny"}, "'": {"foot", "minute"}, "′": {"foot", "minute"}, "″": {"inch", "second"},
    '"': {"inch", "second"}, "C": {"celsius", "coulomb"}, "F": {"fahrenheit", "farad"}, "b": {"bit", "barn"},
    "kt": {"knot", "kiloton"}, "mo": {"month", "month of age"},
}  # fmt: skip
# The families the figures stage gives a unit read from the counted noun (nouns.py; lexicon ``families``), and
# fractions, whose counted whole ("a third of the population") is what CQE names as their unit.
COUNTED_FAMILIES = {"people", "deaths", "injuries", "troops", "weapons", "events", "count", "fraction"}
# Words that end a counted noun's head in its phrase ("laps of the old track" -> "laps").
_HEAD_STOP = {"of", "in", "on", "at", "for", "to", "from", "with", "by", "per", "a", "an", "each", "who", "that"}


def cqe_unit(unit, family) -> str:
    """Our normalised unit as CQE names it."""
    if unit is None:
        return "-"
    if family == "age":
        return f"{unit} of age"
    parts = unit.split(" per ", 1)
    head = CURRENCY_NAMES.get(parts[0], UNIT_NAMES.get(parts[0], parts[0]))
    return head if len(parts) == 1 else f"{head} per {parts[1]}"


def canonical(unit: str) -> str:
    """A unit name with :data:`SYNONYMS` applied to each side of its "per"."""
    return " per ".join(SYNONYMS.get(p.strip(), p.strip()) for p in unit.lower().split(" per "))


def _singular(word: str) -> str:
    w = word.lower()
    if w.endswith("ies"):
        return w[:-3] + "y"
    return w[:-1] if w.endswith("s") and not w.endswith("ss") else w


def counted_head(text: str) -> str | None:
    """The head noun of a counted phrase as written, singular: its last word before a preposition and
    before a participle the stage keeps after the noun ("Mexicans killed", "people protested")."""
    words = []
    for w in text.replace("-", " ").split():
        w = w.strip(".,;:'\"()").lower()
        if w in _HEAD_STOP:
            break
        words.append(w)
    while len(words) > 1 and words[-1].endswith("ed"):
        words.pop()
    return _singular(words[-1]) if words and words[-1].isalpha() else None


class Unit(tuple):
    """A system quantity's unit: its CQE names (the first is the stage's) and whether it is a counted noun."""

    def __new__(cls, names, counted: bool = False):
        self = super().__new__(cls, tuple(dict.fromkeys(n for n in names if n)))
        self.counted = counted
        return self


def gold_readings(gold: str) -> set[str]:
    """The units a gold quantity may mean: its normalised unit, and when the sentence writes a symbol that
    CQE's dictionary gives to several units (:data:`AMBIGUOUS_SYMBOLS`), each of them."""
    name = canonical(gold.strip())
    readings = AMBIGUOUS_SYMBOLS.get(getattr(gold, "written", "").strip(), set())
    return {name} | readings if name in readings else {name}


def units_match(gold: str, ours) -> bool:
    """``ours`` is a :class:`Unit` or one CQE name (a measurement unit, matched exactly)."""
    unit = ours if isinstance(ours, Unit) else Unit([ours])
    readings = gold_readings(gold)
    if len(readings) > 1 and any(canonical(name) in readings for name in unit):
        return True
    gold = canonical(gold.strip())
    words = [_singular(w) for w in gold.split()] if " per " not in gold else []
    for name in unit:
        name = canonical(name)
        if name == gold:
            return True
        if unit.counted and name != "-" and " " not in name and name in words:
            return True
    return False


def parse_value(text: str):
    """A gold value: a float, or (low, high) for "low-high" (a leading minus is a sign)."""
    text = text.replace(" ", "")
    cut = text.find("-", 1)
    if cut > 0 and text[cut - 1] not in "eE":
        return float(text[:cut]), float(text[cut + 1 :])
    return float(text)


def values_match(gold, ours) -> bool:
    if isinstance(gold, tuple) != isinstance(ours, tuple):
        return False
    if isinstance(gold, tuple):
        return all(math.isclose(g, o, rel_tol=1e-5, abs_tol=1e-8) for g, o in zip(gold, ours))
    return math.isclose(gold, ours, rel_tol=1e-5, abs_tol=1e-8)


def match_sentence(gold: list[tuple], system: list[tuple]) -> tuple[int, int]:
    """(value matches, value+unit matches), one-to-one; gold and system are lists of (value, unit)."""
    used: set[int] = set()
    matched: set[int] = set()
    value = both = 0
    for with_unit in (True, False):  # partners agreeing on the unit first, then on the value alone
        for g, (gv, gu) in enumerate(gold):
            if g in matched:
                continue
            for s, (sv, su) in enumerate(system):
                if s in used or not values_match(gv, sv) or (with_unit and not units_match(gu, su)):
                    continue
                used.add(s)
                matched.add(g)
                value += 1
                both += with_unit
                break
    return value, both


def _prf(tp: int, n_system: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_system if n_system else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(pairs) -> dict:
    gold_n = system_n = value = both = 0
    for gold, system in pairs:
        v, b = match_sentence(gold, system)
        gold_n += len(gold)
        system_n += len(system)
        value += v
        both += b
    vp, vr, vf = _prf(value, system_n, gold_n)
    up, ur, uf = _prf(both, system_n, gold_n)
    return {"value_precision": vp, "value_recall": vr, "value_f1": vf, "value_unit_precision": up,
            "value_unit_recall": ur, "value_unit_f1": uf, "gold": gold_n, "system": system_n}  # fmt: skip


def load_gold(path: Path = GOLD, limit=None) -> list[dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return data[:limit] if limit else data


class GoldUnit(str):
    """A gold normalised unit that remembers the unit as the sentence writes it (``written``)."""

    def __new__(cls, normalised: str, written: str = ""):
        self = super().__new__(cls, normalised)
        self.written = written
        return self


def gold_quantities(item: dict) -> list[tuple]:
    return [
        (parse_value(q["value"]), GoldUnit(q["normalized_unit"], q.get("unit", "")))
        for q in item["quantities"]
    ]


def system_quantities(figures) -> list[tuple]:
    out = []
    for f in figures:
        value = (f.value, f.high) if f.high is not None else f.value
        name = cqe_unit(f.unit, f.unit_family)
        if f.unit_family in COUNTED_FAMILIES and f.unit is not None:
            head = counted_head(f.counted.text) if f.counted is not None else None
            if head is None and f.unit_family in ("deaths", "injuries"):
                head = "-"  # "15 were killed": a toll read from the verb; the text writes no unit
            out.append((value, Unit([name, head], counted=True)))
        else:
            out.append((value, Unit([name])))
    return out


def run_stage(texts: list[str]):
    """(figures per sentence, seconds for the figures stage alone, seconds in all with parsing)."""
    from newsprism import nlp
    from newsprism.records import Article
    from newsprism.stages import entities, figures, times
    from newsprism.stages.registry import StageContext

    start_all = time.perf_counter()
    docs = list(nlp.parse(texts))
    stage_seconds = 0.0
    out = []
    for i, (text, doc) in enumerate(zip(texts, docs)):
        article = Article(id=f"nq{i}", source="newsquant", reader="text", body=text)
        found_entities = entities.run(article, doc, StageContext())
        found_times = times.run(article, None, StageContext())
        ctx = StageContext(results={"entities": found_entities, "times": found_times, "quotes": []})
        t0 = time.perf_counter()
        out.append(figures.run(article, doc, ctx))
        stage_seconds += time.perf_counter() - t0
    return out, stage_seconds, time.perf_counter() - start_all


def evaluate(limit=None, path: Path = GOLD) -> dict:
    data = load_gold(path, limit)
    texts = [d["text"] for d in data]
    from newsprism import nlp

    nlp.parse_one("Warm up: 3 people.")  # load the model outside the timed part
    found, stage_seconds, all_seconds = run_stage(texts)
    pairs = [(gold_quantities(d), system_quantities(f)) for d, f in zip(data, found)]
    report: dict = {"benchmark": KEY, "split": "dev = even indexes (looked at), held_out = odd (not read)"}
    for name, keep in (
        ("dev", lambda i: i % 2 == 0),
        ("held_out", lambda i: i % 2 == 1),
        ("all", lambda i: True),
    ):
        chosen = [p for i, p in enumerate(pairs) if keep(i)]
        report[name] = {**score(chosen), "sentences": len(chosen)}
    report["speed"] = {
        "sentences": len(texts),
        "stage_seconds": stage_seconds,
        "all_seconds": all_seconds,
        "stage_sentences_per_second": len(texts) / stage_seconds if stage_seconds else 0.0,
        "with_parsing_sentences_per_second": len(texts) / all_seconds if all_seconds else 0.0,
    }
    report["published"] = ANCHORS
    report["machine"] = (
        f"{platform.python_implementation()} {platform.python_version()}, {platform.machine()}"
    )
    return report


def load_floors(path: Path = BASELINE) -> dict:
    return json.loads(path.read_text(encoding="utf-8")).get(KEY, {})


def check(result: dict, floors: dict) -> list[str]:
    return [
        f"{name} {result[name]:.3f} is below the floor {floor:.3f}"
        for name, floor in sorted(floors.items())
        if name in result and result[name] < floor
    ]


def print_table(report: dict) -> None:
    print(f"NewsQuant quantities (figures stage): {GOLD}")
    print(
        "split by index: dev = even sentences (rules developed looking at these), held_out = odd (never read)"
    )
    keys = ("value_precision", "value_recall", "value_f1", "value_unit_precision", "value_unit_recall",
            "value_unit_f1")  # fmt: skip
    heads = ("value P", "value R", "value F1", "v+unit P", "v+unit R", "v+unit F1")
    print(f"{'':<26} {'sents':>5} {'gold':>5} {'sys':>5} " + " ".join(f"{h:>9}" for h in heads))
    for name in ("dev", "held_out", "all"):
        r = report[name]
        cells = " ".join(f"{r[k]:>9.3f}" for k in keys)
        print(f"{'newsprism, ' + name:<26} {r['sentences']:>5} {r['gold']:>5} {r['system']:>5} {cells}")
    print("published on NewsQuant (value+unit F1): "
          + ", ".join(f"{n} {v['value_unit_f1']:.3f}" for n, v in report["published"].items()))  # fmt: skip
    s = report["speed"]
    print(f"speed: figures stage alone {s['stage_sentences_per_second']:.0f} sentences/s; with parsing, entities "
          f"and times {s['with_parsing_sentences_per_second']:.0f} sentences/s ({s['sentences']} sentences) "
          f"on {report['machine']}")  # fmt: skip


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="fail (exit 1) below the floors in bench/baseline.json"
    )
    parser.add_argument("--limit", type=int, help="score only the first N sentences")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    if not GOLD.exists():
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
