"""Figures about the same measured thing, across documents: grouped, ordered by report date, labelled.

    items = figure_items(store)          # each stored Figure with what alignment reads (entities, scope, date)
    members = align_figures(items)       # Member rows: group id, status (agree, differ, conflict) and reasons
    realign_figures(store)               # both, written to the store's record_groups (kind "figures")

What a figure measures (its *measure*) comes from the words around it and its unit family, with the word
lists in ``lexicons/alignment.yaml``: "some 35,000 Mexicans" in "the deaths of some 35,000 Mexicans" and
"250,000 homicides" both measure deaths; "$1.4 billion" measures money in USD. Two figures of different
documents with the same measure are candidates when they share a blocking key: a content word of their
counted phrases, an entity they are about, or (for the measures named in the lexicon, such as deaths or
troops) a place their documents both name.

A candidate pair links when

- it is about a common entity. A place or a people both clauses name is a setting, not a subject: it counts
  only when the documents share their places too and the values are about equal (``max_bound_ratio``):
  "China" in a story on schools and in one on the sea are two counts;
- or the counted phrases overlap enough (for a plain count, such as "two countries", only when the
  documents also share their places);
- or, for a measure the lexicon names, their documents share enough of the places they name
  (``min_context_overlap``: two stories from one country share a name or two), the values are within
  ``max_context_ratio`` of each other (nine dead in one attack and 15,000 killed in a year share a measure
  and a country, not a subject) and neither is a vague plural ("killing dozens of people" says how big,
  not which count).

Never linked:

- two counts whose counted phrases name different things ("three civilians", "nine border guards"; "12
  Americans", "a 62-member team"), whatever entity they share; money excepted, since what it is for is
  written in many ways ("$1.4 billion to Mexico's forces", "the $1.6 billion Merida Initiative");
- two figures whose own clauses place them only in different countries ("247 killed in Kenya", "10 in
  Tanzania"), or one in one country and one in it and others (a part and its whole: "253 killed at the
  embassy in Nairobi", "257 killed in Kenya and Tanzania"); a place written before a noun it only
  qualifies ("U.S. embassies", ``place_modifies``) does not place a figure;
- two whose stated time scopes do not meet ("168 killed in a bombing in 1995", "257 killed on Aug. 7" of
  1998), or one whose stated scope ended over ``scopes.STALE_DAYS`` before the other, unscoped, was
  reported ("in 2009" against this week's report): a count of one period is not a count of another.
  Scopes that overlap ("since the end of 2006", "in 2010 alone") or a scope left unstated keep them
  comparable, and a difference between them is named in the group's reason.

Durations and ages are not aligned.

A figure the text gives as a part of another ("killed 258 people, including 12 Americans", "eight of
them Americans"; ``part_before``/``part_after``) links with a figure that is not such a part only when their
counted phrases share a word ("12 Americans"), never by shared places and a close value alone.

Groups are built greedily from the best-scoring links down, and never hold two figures of one document: a
writer who gives two different numbers in one article is counting two things ("$310 million for the navy,
part of the $1.6 billion initiative"), so no chain of links can put them together. Nor does a group's
largest value exceed ``max_context_ratio`` times its smallest, whatever links them ("killed 10 people"
in one city and "224 people" in all share the bombing they are about, not a count), nor do two groups merge
when a figure of one and a figure of the other are not linked and their documents share few places (two
stories do not meet through a third: Lockerbie's 259 and Oklahoma City's 168 through a first count of the
embassy bombings).

Each group is ordered by report date and labelled:

- ``agree``: every pair of values is compatible within their qualifiers (an exact figure ±2%, an
  approximate one ±10%, "more than X" is [X, ∞), "up to X" is [0, X]), and a bound is within
  ``max_bound_ratio`` of the other value ("over $1.4 billion" agrees with "$1.6 billion", "more than
  15,000" does not agree with "more than 250,000");
- ``differ``: not all compatible, but the figures were reported at different dates or for different time
  scopes, which the reason names ("reported 2011-02-10 and 2019-11-07");
- ``conflict``: incompatible values reported at the same time for the same scope.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from .. import lexicons
from ..records import Figure
from ..textfold import strip_accents
from .quotes import Member
from .scopes import figure_scope, periods_apart, scope_span
from .where import located, places_apart
from .stored import records_by_document

KIND = "figures"
MAX_POSTING = 200
GENERIC_MEASURES = {"money", "share", "count", "events"}
BEFORE_WORDS = 4  # how far back a measure word still qualifies a figure ("the deaths of some 35,000")
_WORD = re.compile(r"[a-z][a-z'-]*")


@dataclass(frozen=True)
class Rules:
    measures: dict[str, str]  # word -> measure
    specific: frozenset[str]  # measures that link on a shared place alone (deaths, troops, ...)
    skip_families: frozenset[str]
    families: dict[str, str]  # unit family -> measure
    stop_words: frozenset[str]
    tolerance: dict[str, float]
    min_counted_overlap: float
    max_bound_ratio: float
    max_context_ratio: float
    min_context_overlap: float
    part_before: re.Pattern[str]  # matches the end of the text before a figure given as a part
    part_after: re.Pattern[str]  # matches the start of the text after it
    place_modifies: frozenset[str]  # nouns a place qualifies without locating anything ("U.S. embassies")


@cache
def rules() -> Rules:
    data = lexicons.load("alignment")
    measures = {w: m for m, ws in (data.get("measures") or {}).items() for w in ws or ()}
    return Rules(
        measures=measures,
        specific=frozenset(m for m, ws in (data.get("measures") or {}).items() if ws),
        skip_families=frozenset(data.get("skip_families") or ()),
        families=dict(data.get("families") or {}),
        stop_words=frozenset(data.get("stop_words") or ()),
        tolerance={k: float(v) for k, v in (data.get("tolerance") or {}).items()},
        min_counted_overlap=float(data.get("min_counted_overlap", 0.34)),
        max_bound_ratio=float(data.get("max_bound_ratio", 1.5)),
        max_context_ratio=float(data.get("max_context_ratio", 10)),
        min_context_overlap=float(data.get("min_context_overlap", 0.2)),
        part_before=re.compile(rf"\b(?:{lexicons.phrases_pattern(data.get('part_before'))})\s*$", re.I),
        part_after=re.compile(rf"^\s*(?:{lexicons.phrases_pattern(data.get('part_after'))})\b", re.I),
        place_modifies=frozenset(w.lower() for w in data.get("place_modifies") or ()),
    )


def _fold(text: str) -> str:
    return strip_accents(text).lower().replace("’", "'")


def content_words(text: str | None) -> frozenset[str]:
    if not text:
        return frozenset()
    stop = rules().stop_words
    out = set()
    for w in _WORD.findall(_fold(text)):
        w = w.removesuffix("'s").strip("'-")
        if len(w) > 2 and w not in stop:
            out.add(w[:-1] if w.endswith("s") and len(w) > 4 and not w.endswith("ss") else w)
    return frozenset(out)


@dataclass
class FigureItem:
    """One figure and what alignment reads about it."""

    document: str
    id: str
    value: float
    high: float | None
    bound: str
    measure: str
    words: frozenset[str]  # content words of the counted phrase
    about: frozenset[str] = frozenset()  # entity ids of what its clause names
    scope: tuple[str, ...] = ()  # TIMEX values of its time scope
    date: str = ""  # the document's report date (ISO), "" when unknown
    context: frozenset[str] = frozenset()  # entity ids of the places its document names
    text: str = ""
    where: frozenset[str] = frozenset()  # country codes of the resolved places its own clause names
    span: tuple[date | None, date | None] | None = None  # first and last day of its time scope (None: open)
    part: bool = False  # given as a part of another figure ("including 12 Americans")
    setting: frozenset[str] = frozenset()  # the places and peoples among ``about`` (see _score)
    vague: bool = False  # a vague plural ("dozens", "scores", "hundreds"): how big, not which count
    extra: dict[str, Any] = field(default_factory=dict)

    def interval(self) -> tuple[float, float]:
        tol = rules().tolerance
        low, high = self.value, self.high if self.high is not None else self.value
        if self.bound == "lower":
            return low, math.inf
        if self.bound == "upper":
            return 0.0, high
        t = tol.get(self.bound, tol.get("exact", 0.02))
        return low * (1 - t) if low >= 0 else low * (1 + t), high * (1 + t) if high >= 0 else high * (1 - t)


def measure_of(figure: Figure, around: str = "", after: str = "") -> str:
    """The measure a figure counts. Money (``money:USD``) and shares are read from the unit alone; a unit
    family that names a measure (deaths, troops) decides next; then a measure word of the counted phrase or
    of the figure itself ("250,000 homicides"; for a count of things, only from its noun on: "32 death
    claims" counts claims), then one in the words right after it and its counted phrase (``after``) up to the
    next punctuation, number or conjunction ("14 wounded", "20 people were treated for wounds"), then the
    nearest one of the ``BEFORE_WORDS`` words just before it ("the deaths of some 35,000 Mexicans"); else
    ``<family>:<unit>`` for a count or an event ("count:embassy", "events:bombing")."""
    r = rules()
    family = figure.unit_family or "count"
    measure = r.families.get(family, family)
    if measure == "money":
        return f"money:{figure.unit or '?'}"
    if measure == "share" or measure in r.specific:
        return measure
    counted = figure.counted.text if figure.counted else ""
    own = _WORD.findall(_fold(f"{figure.text} {counted}"))
    head = next((k for k, w in enumerate(own) if figure.unit in (w, w[:-1], w[:-2])), None)
    if family == "count" and head is not None:
        own = own[head:]  # "32 death claims", "50 murder cases": what modifies a thing's name is no toll (but
        # "10 injured people", "35,000 Mexicans killed")
    before = _WORD.findall(_fold(around))[::-1][:BEFORE_WORDS]  # nearest first
    for w in (*own, *_words_after(after), *before):
        if r.measures.get(w) in r.specific:
            return r.measures[w]
    if measure in GENERIC_MEASURES and figure.unit:
        return f"{measure}:{figure.unit}"
    return measure


_AFTER_STOP = re.compile(r"[,;:.!?()\[\]\"“”—–]|\d|\b(?:and|or|but|while|whereas)\b")


def _words_after(text: str, limit: int = 6) -> list[str]:
    """The first words after a figure, up to punctuation, another number or a conjunction; past a part given
    between commas ("104 passengers, including 58 men, had been rescued") and past another count joined to
    it ("21 passengers and four paramilitary troops died"), whose verb is the figure's too."""
    text = _fold(text)
    aside = _ASIDE.match(text)
    if aside:
        text = text[aside.end() :]
    joined = _JOINED_COUNT.match(text)
    if joined:
        text = " " + text[joined.end() :]
    stop = _AFTER_STOP.search(text)
    return _WORD.findall(text[: stop.start()] if stop else text)[:limit]


# ", including 58 men, 31 women and 15 children," right after the counted words: a part, then the verb
_ASIDE = re.compile(r"^([^,;.]{0,40}?),\s*(?:including|among them|among whom|most of them|many of them"
                    r"|all of them)\b[^;.]*?,(?=\s+[a-z])")
# "and four paramilitary troops" / "and 10 others": a second count in one subject
_JOINED_COUNT = re.compile(r"^([^,;.]{0,40}?)\s(?:and|or)\s+(?:\d[\d,.]*|one|two|three|four|five|six|seven"
                           r"|eight|nine|ten|eleven|twelve|dozens|scores|hundreds|thousands|several|some"
                           r"|many)\b"
                           r"(?:\s+[a-z-]+){0,3}?(?=\s+(?:were|was|had|have|has|are|is|died|perished))")


def _disjoint(a: FigureItem, b: FigureItem) -> bool:
    """Their time scopes say they count different periods (:func:`.scopes.periods_apart`)."""
    return periods_apart(a.span, b.span, a.date, b.date)


def _overlap(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _elsewhere(a: FigureItem, b: FigureItem) -> bool:
    """Their own clauses place them apart (:func:`.where.places_apart`)."""
    return places_apart(a.where, b.where)


def _score(a: FigureItem, b: FigureItem) -> float | None:
    """How sure we are that a and b measure the same thing (None: they do not link)."""
    if _placed_apart(a, b):
        return None
    counted = _overlap(a.words, b.words)
    context = _overlap(a.context, b.context)
    r = rules()
    apart = _named_apart(a, b)
    ratio = abs(math.log10(max(a.value, 1e-9) / max(b.value, 1e-9))) if a.value > 0 and b.value > 0 else 1.0
    # An organisation, a programme or a person both clauses name is a common subject ("the Merida
    # Initiative"); a place or a people is the setting ("U.S. embassies", "in China"), evidence of one count
    # only when the documents share their places too and the values are about equal ("a 45% increase" in two
    # reports on Pakistan; not "44 percent in China" and "China claims 90% of the sea"). Counts named apart
    # never link so, money excepted: "two passengers" and "two officials" who both told VOA are two counts,
    # but what money is for is written in many ways ("$1.4 billion to Mexico's forces", "the $1.6 billion
    # Merida Initiative").
    subject = bool((a.about & b.about) - a.setting)
    setting_only = context >= r.min_context_overlap and ratio <= math.log10(r.max_bound_ratio) and not apart
    shared = (subject or setting_only) and not (apart and not a.measure.startswith("money:"))
    about = _overlap(a.about, b.about) if shared else 0.0
    by_context = a.measure in r.specific and context >= r.min_context_overlap and not apart \
        and ratio <= math.log10(r.max_context_ratio) and not (a.vague or b.vague)  # fmt: skip
    # ("killing dozens of people" on the first day is near any small toll of the story, and none of them)
    # a plain count's noun alone is no common subject ("two countries" in two stories): it also needs places
    plain = not (a.measure in r.specific or a.measure.startswith("money:"))
    words_link = counted >= r.min_counted_overlap and not (plain and context < r.min_context_overlap)
    linked = about > 0 or words_link
    if not (linked or by_context):
        return None
    # linked by the places alone, closeness of the values is the main evidence of one count
    return about + counted + 0.5 * context - (0.2 if linked else 1.0) * min(1.0, ratio)


def _named_apart(a: FigureItem, b: FigureItem) -> bool:
    """Both counted phrases name what they count, and no word of it is shared ("three civilians", "nine
    border guards killed"; the measure words themselves, "killed", do not count), or one is given as a part
    of a total and they share no such word ("including 12 Americans", "dozens of people")."""
    measures = rules().measures
    wa = {w for w in a.words if w not in measures}
    wb = {w for w in b.words if w not in measures}
    return bool(wa and wb and not wa & wb) or (a.part != b.part and not wa & wb)


def _placed_apart(a: FigureItem, b: FigureItem) -> bool:
    """Placed in different countries or in periods that do not meet: never one count."""
    return _elsewhere(a, b) or _disjoint(a, b)


def _may_join(xs: list[FigureItem], ys: list[FigureItem]) -> bool:
    """Two groups may merge unless their values would then span more than ``max_context_ratio`` (one
    count is not reported as 10 and as 224, and a $50,000 reward is not the $5 million one), or one holds
    a figure counting something else than a figure of the other, or from a document that shares few of its
    places, and the two are not linked themselves: a generic count ("13 people") does not chain "three
    civilians" to "nine guards", nor a story's toll two other stories' tolls."""
    if _spread(xs + ys) > rules().max_context_ratio:
        return False  # "killed 10 people" and "killed 224 people", whatever links them, are two counts
    context = rules().min_context_overlap
    for x in xs:
        for y in ys:
            if _placed_apart(x, y):
                return False
            if (_named_apart(x, y) or _overlap(x.context, y.context) < context) and _score(x, y) is None:
                return False  # (nor do two stories meet through a third: Lockerbie's 259 and Oklahoma
                # City's 168, each close to a first count of the embassy bombings)
    return True


def _spread(items: list[FigureItem]) -> float:
    """How many times the largest value of the figures is the smallest (1.0 when not all positive)."""
    values = [it.value for it in items]
    if min(values) <= 0:
        return 1.0
    return max(values) / min(values)


def align_figures(items: list[FigureItem]) -> list[Member]:
    """Group the figures that measure the same thing across documents and label each group."""
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, it in enumerate(items):
        keys = {f"w:{w}" for w in it.words} | {f"e:{e}" for e in it.about}
        if it.measure in rules().specific:
            keys |= {f"c:{c}" for c in it.context}
        for k in keys:
            index[(it.measure, k)].append(i)
    pairs: dict[tuple[int, int], float] = {}
    for posting in index.values():
        if len(posting) < 2 or len(posting) > MAX_POSTING:
            continue
        for x, a in enumerate(posting):
            for b in posting[x + 1 :]:
                if (a, b) in pairs or items[a].document == items[b].document:
                    continue
                s = _score(items[a], items[b])
                if s is not None:
                    pairs[(a, b)] = s
    cluster = list(range(len(items)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(items))}
    docs: dict[int, set[str]] = {i: {items[i].document} for i in range(len(items))}
    refused: set[tuple[int, int]] = set()
    for (a, b), _ in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0])):
        ca, cb = cluster[a], cluster[b]
        if ca == cb or docs[ca] & docs[cb] or (min(ca, cb), max(ca, cb)) in refused:
            continue
        if not _may_join([items[i] for i in members[ca]], [items[i] for i in members[cb]]):
            refused.add((min(ca, cb), max(ca, cb)))  # the two groups only grow: it stays refused
            continue
        keep, gone = min(ca, cb), max(ca, cb)
        for i in members[gone]:
            cluster[i] = keep
        members[keep].extend(members.pop(gone))
        docs[keep] |= docs.pop(gone)
    out: list[Member] = []
    for idx in members.values():
        if len(idx) > 1:
            out.extend(_label([items[i] for i in idx]))
    return out


def _compatible(a: FigureItem, b: FigureItem) -> bool:
    """The intervals meet, and an open bound ("more than X") is not read as agreeing with anything far
    beyond it: "more than 15,000" and "more than 250,000" say different things."""
    (la, ha), (lb, hb) = a.interval(), b.interval()
    if not (la <= hb and lb <= ha):
        return False
    if "lower" in (a.bound, b.bound) or "upper" in (a.bound, b.bound):
        small, large = sorted((abs(a.value), abs(b.value)))
        return small > 0 and large / small <= rules().max_bound_ratio
    return True


def _label(group: list[FigureItem]) -> list[Member]:
    group = sorted(group, key=lambda it: (it.date or "9999", it.document, it.id))
    gid = "g-" + hashlib.sha1(f"{KIND}|{group[0].document}|{group[0].id}".encode()).hexdigest()[:12]
    agree = all(_compatible(a, b) for i, a in enumerate(group) for b in group[i + 1 :])
    dates = sorted({it.date[:10] for it in group if it.date})
    scopes = sorted({" ".join(it.scope) for it in group})
    reasons = []
    if agree:
        status = "agree"
    else:
        if len({d[:7] for d in dates}) > 1:
            reasons.append("reported " + " and ".join(dates))
        if len(scopes) > 1:
            reasons.append("time scopes " + " / ".join(s or "unstated" for s in scopes))
        status = "differ" if reasons else "conflict"
    data_common = {"members": len(group), "measure": group[0].measure, "order": [f"{it.document}/{it.id}" for it in group]}
    if reasons:
        data_common["reason"] = "; ".join(reasons)
    out = []
    for rank, it in enumerate(group, 1):
        low, high = it.interval()
        data = {**data_common, "rank": rank, "interval": [low, None if math.isinf(high) else high]}
        out.append(Member(it.document, it.id, gid, status, data))
    return out


# ------------------------------------------------------------------------------------------ over the store


def figure_items(store, fresh: Mapping[str, list[Figure]] | None = None) -> list[FigureItem]:
    """Every stored figure with a value, with its entities, scope, report date and document places.
    ``fresh``: documents' figures as just stored (not read back)."""
    summaries = store.summaries()
    dates = {row["id"]: (row.get("published") or "") for row in summaries}
    duplicates = {row["id"] for row in summaries if row.get("duplicate_of")}
    figures: dict[str, list[Figure]] = {}
    for doc_id, records in records_by_document(store, KIND, Figure, fresh=fresh):
        if doc_id not in duplicates:
            figures[doc_id] = records
    if not figures:
        return []
    docs = list(figures)
    entity_of: dict[tuple[str, str], str] = {(d, m): e for d, m, e in store.entity_links(doc_ids=docs)}
    places = _place_entities(store)
    setting = set(places) | {e["id"] for e in store.entities(type="group")}
    times = {d: {r["id"]: r for r in rows} for d, rows in store.stage_records("times", docs)}
    # the offsets of the place mentions figures are about (where.located reads the word after each), read
    # only from the documents that have such a figure
    named = {(d, m) for d, figs in figures.items() for f in figs for m in f.about
             if entity_of.get((d, m)) in places}  # fmt: skip
    spans = {(d, r["id"]): (r["start"], r["end"])
             for d, rows in store.stage_records("entities", sorted({d for d, _ in named}))
             for r in rows if (d, r["id"]) in named and r.get("type") == "place"}  # fmt: skip
    context_of: dict[str, set[str]] = {}  # document -> the places it names
    for (d, _), e in entity_of.items():
        if e in places:
            context_of.setdefault(d, set()).add(e)
    items = []
    for doc_id, figs in figures.items():
        context = frozenset(context_of.get(doc_id, ()))
        for f in figs:
            if f.value is None or f.unit_family in rules().skip_families:
                continue
            around = after = ""
            if f.sentence is not None:
                rel = f.start - f.sentence.start
                around = f.sentence.text[max(0, rel - 40) : max(0, rel)]
                end = max(f.end, f.counted.end) if f.counted is not None else f.end  # (its phrase is its own)
                after = f.sentence.text[end - f.sentence.start :][:120]
            about = frozenset(e for m in f.about if (e := entity_of.get((doc_id, m))) is not None)
            rows = [r for t in f.scope if (r := times.get(doc_id, {}).get(t)) is not None]
            scope = tuple(v for r in rows if (v := r.get("value")))
            sentence = (f.sentence.start, f.sentence.text) if f.sentence is not None else None
            part = bool(rules().part_before.search(around) or rules().part_after.search(after))
            items.append(
                FigureItem(
                    doc_id, f.id, float(f.value), f.high, f.bound or "exact", measure_of(f, around, after),
                    content_words(f.counted.text if f.counted else ""), about, scope, dates.get(doc_id, ""),
                    context, f.text,
                    where=located(f, doc_id, entity_of, places, spans, rules().place_modifies),
                    setting=about & setting, vague=f.reason == "vague",
                    span=scope_span(figure_scope(rows, sentence)), part=part,
                )
            )
    return items


def _place_entities(store) -> dict[str, str]:
    """Place entities, resolved or not (a country, a town, a bridge the gazetteer does not know), with
    their country code ("" when unresolved): the places a document names are its story context."""
    return {e["id"]: e.get("country") or "" for e in store.entities(type="place")}


def realign_figures(store, fresh: Mapping[str, list[Figure]] | None = None) -> int:
    members = align_figures(figure_items(store, fresh))
    return store.write_groups(KIND, [m.row() for m in members])
