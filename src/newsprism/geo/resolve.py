"""Resolving place names to gazetteer entries, with the article's context and population priors.

    resolve_name("Juarez", context_countries=["MX"])              # one name, for the entity linker
    resolve_spans(body, [(start, end, text), ...])                # every place mention of one article

A candidate's score is in log10-population units (``lexicons/places.yaml``, ``weights``)::

    score = log10(population) + kind bonus (country, admin1) + capital bonus - match penalty (alias,
            abbreviation, demonym) + min(context boosts, cap) + nearby + qualifier

The context boosts are: the candidate's country is named elsewhere in the article (more if it is the most
named one) and its admin1 region is. Their sum is capped, so context alone can lift a place over a
namesake many times bigger but never over a famous city: Bogotá stays Bogotá in an article about New Jersey
unless "Bogota, N.J." is written, for a region written right beside the name ("Bogota, N.J.", "Paris,
Texas") adds the ``qualifier`` boost on top. A town or site within ``nearby_km`` of another the article
names gets ``nearby``. A qualifier the winner contradicts becomes a note ("written with Sonora, but
Culiacán is in Sinaloa (MX)"), unless the winner is a small town: then the name is placed approximately in
the region written beside it ("Holliday, Mo."). A region named like its main city means the city ("New
York"); an abbreviation of ``in_context_abbreviations`` ("SA") is read only when the article names its
country.

``resolve_spans`` works in two passes: each distinct name is first resolved with its qualifier only; the
confident first-pass winners make the article's context (countries and admin1 regions, each counted once
per mention, leaving out the name being resolved, and the points of the towns and sites), and every name is
resolved again with it. One name gets one reading per article, and a name written once with its region
keeps that reading where it is written bare. A name the gazetteer lacks that is an institution named after
a place ("Bank of Japan") stands for that place (``embedded.py``); any other name of two words or more that
it lacks (a street, a school), and a small town abroad that nothing else in the article points at, is
placed, approximately, at the nearest town or city the article resolved near it (feature ``local``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from .embedded import embedded_place
from .gazetteer import CURATED_FEATURES, Entry, Gazetteer, Match, fold, gazetteer

_PENALTY_KEY = {
    "alias": "alias_penalty",
    "abbreviation": "abbreviation_penalty",
    "demonym": "demonym_penalty",
    "in_context": "abbreviation_penalty",
}


@dataclass(frozen=True)
class Resolution:
    """A name resolved to a gazetteer entry: the fields of a ``Place`` record, plus the evidence."""

    name: str
    geonames_id: int | None
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    feature: str
    population: int | None
    confidence: float
    reason: str
    notes: tuple[str, ...] = ()
    score: float = 0.0
    entry: Entry | None = field(default=None, repr=False, compare=False)


@dataclass
class Context:
    """What the rest of the article says about where things are: weights by country and admin1 code."""

    countries: Counter = field(default_factory=Counter)
    admin1: Counter = field(default_factory=Counter)
    points: Counter = field(default_factory=Counter)  # (lat, lon) of the towns and sites resolved

    def dominant(self) -> str | None:
        if not self.countries:
            return None
        (top, count), *rest = self.countries.most_common(2) + [(None, 0)]
        return top if count > rest[0][1] else None

    def without(self, other: Context) -> Context:
        """The counts of ``self`` less those of ``other``, those left above zero (``Counter``'s ``-``)."""
        return Context(
            _minus(self.countries, other.countries),
            _minus(self.admin1, other.admin1),
            _minus(self.points, other.points),
        )

    def update(self, other: Context) -> None:
        self.countries.update(other.countries)
        self.admin1.update(other.admin1)
        self.points.update(other.points)

    def nearest_km(self, lat: float, lon: float) -> float | None:
        """The distance to the nearest point of the article's other towns and sites, if any."""
        return min((distance_km(lat, lon, p_lat, p_lon) for p_lat, p_lon in self.points), default=None)

    def nearest_within(self, lat: float, lon: float, reach: float) -> float | None:
        """``nearest_km`` when it is at most ``reach`` km, else None. A point whose latitude alone is
        farther than ``reach`` (no great circle is shorter than its difference of latitude) is not
        measured."""
        span = reach / _KM_PER_DEGREE * (1 + 1e-9)
        best = min(
            (distance_km(lat, lon, p_lat, p_lon) for p_lat, p_lon in self.points if abs(p_lat - lat) <= span),
            default=None,
        )
        return best if best is not None and best <= reach else None


def _minus(a: Counter, b: Counter) -> Counter:
    """``a - b`` for counts that are never negative in ``b``, without a Python step per count of ``a``
    when all of them are above zero."""
    out = Counter(a) if min(a.values(), default=1) > 0 else Counter({k: v for k, v in a.items() if v > 0})
    for k, v in b.items():
        left = out.get(k, 0) - v
        if left > 0:
            out[k] = left
        else:
            out.pop(k, None)
    return out


_KM_PER_DEGREE = 2 * math.pi * 6371.0 / 360  # of latitude, on the sphere ``distance_km`` measures
_EMPTY = Context()  # the context of an article that says nothing (never changed: contexts are only read)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius 6371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True)
class Qualifier:
    """A region written right beside a name: "Sonora" in "Culiacan, Sonora"."""

    text: str
    entries: tuple[Entry, ...]

    def contains(self, entry: Entry) -> bool:
        return any(q.contains(entry) for q in self.entries)


# ---------------------------------------------------------------------------------------------- scoring


def _weights(gaz: Gazetteer) -> dict:
    return gaz.lexicon["weights"]


def prior(entry: Entry, weights: Mapping) -> float:
    """The score of an entry before any context: population, kind and capital."""
    if entry.feature in CURATED_FEATURES:
        return float(weights["feature_scores"].get(entry.feature, weights["region_score"]))
    score = math.log10(max(entry.population or 0, weights["min_population"]))
    score += weights["kind_bonus"].get(entry.feature, 0.0)
    if entry.capital:
        score += weights["capital_bonus"]
    return score


def _score(
    match: Match,
    ctx: Context,
    qualifier: Qualifier | None,
    weights: Mapping,
    want: str | None,
    bonus: float,
    dominant: str | None = ...,  # type: ignore[assignment]
) -> tuple[float, list[str]]:
    """A candidate's score and why; ``dominant``: ``ctx.dominant()``, when the caller has it already."""
    if dominant is ...:
        dominant = ctx.dominant()
    entry = match.entry
    score = prior(entry, weights) - weights.get(_PENALTY_KEY.get(match.how, ""), 0.0)
    if want and entry.feature == want:
        score += bonus
    boost, why = 0.0, []
    if entry.country and ctx.countries.get(entry.country, 0) > 0:
        boost += weights["context_country"]
        if dominant == entry.country:
            boost += weights["context_dominant"]
        why.append(f"context {entry.country}")
    if entry.admin1_code and ctx.admin1.get(entry.admin1_code, 0) > 0:
        boost += weights["context_admin1"]
        why.append(f"context {entry.admin1}")
    score += min(boost, weights["max_context_boost"])
    reach = weights.get("nearby_km", 0)
    if reach and ctx.points and entry.feature in _POINT_FEATURES and entry.lat is not None:
        near = ctx.nearest_within(entry.lat, entry.lon, reach)
        if near is not None:
            score += weights["nearby"]
            why.append(f"{near:.0f} km from another place the article names")
    if qualifier is not None:
        if qualifier.contains(entry):
            score += weights["qualifier"]
            why.append(f"written with {qualifier.text!r}")
        elif entry.feature == "city":
            score -= weights["qualifier_mismatch"]
    return score, why


def _strip_generic(text: str, gaz: Gazetteer) -> tuple[str, str | None]:
    """("Sinaloa", "admin1") for "Sinaloa state"; (text, None) when no generic word is written."""
    generic = gaz.lexicon.get("generic_words") or {}
    key = fold(text)
    for word, kind in (generic.get("suffix") or {}).items():
        if key.endswith(" " + word) and len(key) > len(word) + 2:
            return text[: len(text.rstrip()) - len(word)].rstrip(" ,"), kind
    for word, kind in (generic.get("prefix") or {}).items():
        if key.startswith(word + " ") and len(key) > len(word) + 2:
            cut = len(text) - len(text.lstrip())
            lowered = text.lower()
            at = lowered.find(word.split()[-1], cut)
            return text[at + len(word.split()[-1]) :].strip(), kind
    return text, None


_POSSESSIVE = re.compile(r"['’]s?$")


def candidates(text: str, gaz: Gazetteer) -> tuple[list[Match], str | None]:
    """The candidates for a written name and the kind a generic word asks for ("Sinaloa state")."""
    text = _POSSESSIVE.sub("", text.strip())
    found = gaz.candidates(text)
    if found:
        return found, None
    stripped, want = _strip_generic(text, gaz)
    if want and stripped:
        return gaz.candidates(stripped), want
    return [], None


def choose(
    text: str,
    gaz: Gazetteer,
    ctx: Context | None = None,
    qualifier: Qualifier | None = None,
    looked_up: tuple[list[Match], str | None] | None = None,
) -> Resolution | None:
    """The best entry for ``text`` given the article's context and a qualifier written beside it;
    ``looked_up``: ``candidates(text, gaz)``, when the caller has it already."""
    ctx = ctx or _EMPTY
    picked = _pick(text, gaz, ctx, qualifier, looked_up)
    if picked is None:
        # no candidate at all (not one scoring too low): an institution may name its place
        inner = None if _found(text, gaz, ctx, looked_up) else embedded_place(text, gaz)
        resolved = choose(inner, gaz, ctx, qualifier) if inner else None
        if resolved is None:
            return None
        return replace(resolved, reason=f"{resolved.reason}; named in {text.strip()!r}")
    best_score, why, best, scored, confidence = picked
    entry = best.entry
    return Resolution(
        name=entry.name,
        geonames_id=entry.geonames_id,
        lat=entry.lat,
        lon=entry.lon,
        country=entry.country,
        admin1=entry.admin1 if entry.feature != "admin1" else entry.name,
        feature=entry.feature,
        population=entry.population or None,
        confidence=confidence,
        reason=_reason(text, best, scored, why),
        notes=_notes(entry, qualifier, gaz),
        score=round(best_score, 3),
        entry=entry,
    )


def _found(text: str, gaz: Gazetteer, ctx: Context, looked_up) -> bool:
    """Whether ``text`` has a candidate the context allows ("in context" abbreviations need their country)."""
    found, _want = looked_up if looked_up is not None else candidates(text, gaz)
    return any(_allowed(m, ctx) for m in found)


def _allowed(m: Match, ctx: Context) -> bool:
    """An "in context" abbreviation ("SA") counts only where the article names its country otherwise."""
    return m.how != "in_context" or ctx.countries.get(m.entry.country or "", 0) > 0


def _pick(text: str, gaz: Gazetteer, ctx: Context, qualifier: Qualifier | None, looked_up) -> tuple | None:
    """(score, why, winning match, every (score, why, match) best first, confidence) for ``text``, or None
    when nothing matches or the winner scores too low (``choose`` without the record)."""
    found, want = looked_up if looked_up is not None else candidates(text, gaz)
    found = [m for m in found if _allowed(m, ctx)]
    if not found:
        return None
    weights = _weights(gaz)
    bonus = (gaz.lexicon.get("generic_words") or {}).get("kind_bonus", 0.0)
    dominant = ctx.dominant()
    scored = sorted(
        ((*_score(m, ctx, qualifier, weights, want, bonus, dominant), m) for m in found),
        key=lambda t: (-t[0], -(t[2].entry.population or 0), t[2].entry.key),
    )
    best_score, why, best = scored[0]
    if best_score < weights.get("min_score", float("-inf")):
        return None
    city = _main_city(best, scored, want, qualifier, weights)
    if city is not None:
        best_score, why, best = city
        why = [*why, f"the main city of {scored[0][2].entry.name}"]
    top = max(s for s, _, _ in scored)
    total = sum(10 ** (s - top) for s, _, _ in scored)
    return best_score, why, best, scored, round(1.0 / total, 3)


def _first_reading(
    text: str, gaz: Gazetteer, qualifier: Qualifier | None, looked_up
) -> tuple[Entry, float] | None:
    """The entry ``choose(text, gaz, None, qualifier)`` gives and its confidence, without the record: what the
    first pass of ``resolve_spans`` needs for the article's context."""
    picked = _pick(text, gaz, _EMPTY, qualifier, looked_up)
    if picked is not None:
        return picked[2].entry, picked[4]
    if _found(text, gaz, _EMPTY, looked_up):
        return None  # candidates, but the best scores too low
    inner = embedded_place(text, gaz)
    return _first_reading(inner, gaz, qualifier, None) if inner else None


def _main_city(
    best: Match, scored: list, want: str | None, qualifier: Qualifier | None, weights: Mapping
) -> tuple[float, list[str], Match] | None:
    """The city a region's name means in news ("New York", "Kabul", "Sao Paulo"): a candidate city inside
    the winning admin1 region, of at least ``main_city_share`` of its people, unless the text asks for the
    region ("New York state") or a qualifier sits beside the name."""
    region = best.entry
    share = weights.get("main_city_share")
    if region.feature != "admin1" or want == "admin1" or qualifier is not None or not share:
        return None
    cities = [
        t
        for t in scored
        if t[2].entry.feature == "city"
        and t[2].entry.admin1_code == region.admin1_code
        and (t[2].entry.population or 0) >= share * (region.population or 0)
    ]
    return max(cities, key=lambda t: t[2].entry.population or 0) if cities else None


def _reason(text: str, best: Match, scored: list, why: list[str]) -> str:
    entry = best.entry
    n = len(scored)
    parts = [f"{entry.feature} by {best.how}"]
    if n == 1:
        parts.append(f"only candidate for {text!r}")
    else:
        largest = max(scored, key=lambda t: t[2].entry.population or 0)[2] is best
        parts.append(f"{'largest' if largest else 'best'} of {n} {text!r}")
    parts.extend(why)
    return "; ".join(parts)


def _notes(entry: Entry, qualifier: Qualifier | None, gaz: Gazetteer) -> tuple[str, ...]:
    if qualifier is None or entry.feature != "city" or qualifier.contains(entry):
        return ()
    where = entry.admin1 or (gaz.country(entry.country).name if gaz.country(entry.country or "") else "")
    where = where or entry.country or "?"
    return (f"written with {qualifier.text}, but {entry.name} is in {where} ({entry.country})",)


# ---------------------------------------------------------------------------------------------- qualifiers

_COMMA = re.compile(r"[ \t]*,[ \t]*")
_ENUMERATION = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)[A-Z]")


def qualifier_after(body: str, end: int, gaz: Gazetteer) -> Qualifier | None:
    """The country or admin1 region written as ", Region" right after ``end`` ("Paris, Texas"), unless it
    is one item of a list ("Sonora, Sinaloa and Chihuahua")."""
    comma = _COMMA.match(body, end)
    if comma is None:
        return None
    start = comma.end()
    tail = body[start : start + 48]
    words = tail.split()
    for n in range(min(4, len(words)), 0, -1):
        written = " ".join(words[:n]).rstrip(",;:)!?\"'”’-–— ")  # no dash: "HOLLIDAY, Mo. — A man"
        if not written or not written[0].isupper():
            continue
        for form in dict.fromkeys((written, written.rstrip("."))):
            entries = gaz.qualifier(form)
            if entries:
                after = start + tail.find(form) + len(form)
                if _ENUMERATION.match(body[after : after + 40]) or not _ends_phrase(body, after, gaz):
                    return None
                return Qualifier(form, entries)
    return None


_WORD = re.compile(r"[A-Za-z]+")


def _ends_phrase(body: str, at: int, gaz: Gazetteer) -> bool:
    """True when the qualifier ending at ``at`` ends the place phrase: punctuation, a line break or the end
    of the text follows, or one of the ``qualifier_followers`` words."""
    rest = body[at : at + 24].lstrip(" \t")
    if not rest or not rest[0].isalnum():
        return True
    word = _WORD.match(rest)
    return bool(word) and word.group(0) in _followers(gaz)


def _followers(gaz: Gazetteer) -> frozenset[str]:
    return frozenset(gaz.lexicon.get("qualifier_followers") or ())


def split_written_qualifier(text: str, gaz: Gazetteer) -> tuple[str, Qualifier | None]:
    """("Culiacan", Qualifier(Sonora)) for a name written "Culiacan, Sonora" in one mention."""
    if "," not in text:
        return text, None
    head, _, tail = text.partition(",")
    tail = tail.strip()
    entries = gaz.qualifier(tail) if tail else ()
    if head.strip() and entries:
        return head.strip(), Qualifier(tail, entries)
    return text, None


# ---------------------------------------------------------------------------------------------- documents


def _context_of(
    reading: tuple[Entry, float] | None, min_confidence: float
) -> tuple[str | None, str | None, tuple[float, float] | None] | None:
    """What one confident first reading (entry, confidence) says of the article: (country, admin1 code,
    point), each or None."""
    if reading is None or reading[1] < min_confidence:
        return None
    entry = reading[0]
    country = entry.country or (entry.countries[0] if entry.countries and len(entry.countries) == 1 else None)
    point = None
    if entry.feature in _POINT_FEATURES and entry.lat is not None and entry.lon is not None:
        point = (entry.lat, entry.lon)
    if not (country or entry.admin1_code or point):
        return None
    return country, entry.admin1_code or None, point


# entries small enough that their point says where the article is (not countries, regions or seas)
_POINT_FEATURES = frozenset(("city", "admin2", "landmark", "airport"))


def _as_context(countries: Mapping[str, float] | Iterable[str], gaz: Gazetteer) -> Counter:
    out: Counter = Counter()
    items = countries.items() if isinstance(countries, Mapping) else ((c, 1) for c in countries)
    for text, weight in items:
        found = gaz.find_country(text)
        if found is not None and found.country:
            out[found.country] += weight
    return out


def resolve_spans(
    body: str,
    spans: Sequence[tuple[int, int, str]],
    context_countries: Mapping[str, float] | Iterable[str] = (),
    gaz: Gazetteer | None = None,
    known_places: bool = False,
) -> list[Resolution | None]:
    """Resolve the place mentions of one article: ``spans`` are (start, end, name to look up), the name
    usually ``body[start:end]``. ``context_countries`` adds countries known otherwise (demonyms, the
    outlet's country), by ISO code or name. One result per span, None where nothing matches.
    ``known_places``: the spans are known to be places (checked by a person), so that a one-word name the
    gazetteer lacks ("Bywater", a neighbourhood) is placed approximately too, like longer ones; pass False
    for the guesses of a named-entity tagger, whose unknown single words are as often a person's name."""
    gaz = gaz or gazetteer()
    weights = _weights(gaz)
    min_conf = weights["min_confidence_context"]
    prepared = []
    for start, end, text in spans:
        name, qualifier = split_written_qualifier(text, gaz)
        if qualifier is None:
            qualifier = qualifier_after(body, end, gaz)
        prepared.append((fold(name), name, qualifier))
    readings = {(key, q.text if q else None): (name, q) for key, name, q in prepared}
    looked_up = {k: candidates(name, gaz) for k, (name, _q) in readings.items()}  # for both passes
    for n, (start, end, _text) in enumerate(spans):
        key, name, q = prepared[n]
        written = body[start:end]  # (the name looked up may be a fuller form from elsewhere)
        if _acronym_in_line(body, start, end, written):  # "into NATO" is no town "Nato"
            found, want = looked_up[(key, q.text if q else None)]  # (the candidates of the name, read once)
            key = f"{key}\x00caps"
            prepared[n] = (key, name, q)
            readings[(key, q.text if q else None)] = (name, q)
            kept = [m for m in found if not _own_name_unlike(m, written)]
            looked_up[(key, q.text if q else None)] = (kept, want)
    used = {(key, q.text if q else None) for key, _name, q in prepared}
    for k in [k for k in readings if k not in used]:  # (a name written only as an acronym)
        del readings[k], looked_up[k]
    first = {k: _first_reading(name, gaz, q, looked_up[k]) for k, (name, q) in readings.items()}
    total = Context(countries=_as_context(context_countries, gaz))
    own: dict[str, Context] = {}  # what each name adds, left out when it is resolved itself
    parts = {k: _context_of(r, min_conf) for k, r in first.items()}
    for key, _name, q in prepared:
        part = parts[(key, q.text if q else None)]
        if part is None:
            continue
        mine = own.get(key)
        if mine is None:
            mine = own[key] = Context()
        country, admin1, point = part
        if country:
            total.countries[country] += 1
            mine.countries[country] += 1
        if admin1:
            total.admin1[admin1] += 1
            mine.admin1[admin1] += 1
        if point:
            total.points[point] += 1
            mine.points[point] += 1
    shared = total.without(_EMPTY)  # for the names that add nothing (contexts are only read)
    contexts = {k: total.without(own[k[0]]) if k[0] in own else shared for k in readings}
    second = {k: choose(name, gaz, contexts[k], q, looked_up[k]) for k, (name, q) in readings.items()}
    regions = {}
    for k, (_name, q) in readings.items():
        region = _region_instead(second[k], q, weights)
        if region is not None:
            regions[k], second[k] = region, None
    _one_reading_per_name(readings, second)
    keys = [(key, q.text if q else None) for key, _name, q in prepared]
    out = [second[k] for k in keys]
    stray = {n for n, k in enumerate(keys) if _stray(out[n], contexts[k], weights)}
    single = known_places and {n for n, (key, _name, _q) in enumerate(prepared) if key not in gaz.not_places}
    at_region = {n: regions[k] for n, k in enumerate(keys) if k in regions}
    out = _within_local_places(spans, out, weights, stray, at_region, single or set())
    return [r if r is not None or k not in regions else _at_region(spans[n][2], regions[k], weights)
            for n, (k, r) in enumerate(zip(keys, out, strict=True))]  # fmt: skip


_DATELINE_AFTER = re.compile(r"(?:,[^()\n]{1,30}?)?\s*(?:\([A-Z][\w.&' -]{0,24}\)|[-–—]\s)")
_SENTENCE_END = frozenset(".!?:;\"”’)]|-–—•")


def _acronym_in_line(body: str, start: int, end: int, name: str) -> bool:
    """``name`` is written in capitals inside a sentence of ordinary text, as an acronym is ("joined NATO");
    not at the start of its line or sentence (a dateline or a heading: "NAIROBI, Kenya (AP)", "KENYA:", "By
    Nate Raymond. BOSTON (Reuters) -") nor in a line written all in capitals."""
    letters = [c for c in name if c.isalpha()]
    if len(letters) < 2 or not all(c.isupper() for c in letters):
        return False
    line_start = body.rfind("\n", 0, start) + 1
    before = body[line_start:start].rstrip()
    if not before or before[-1] in _SENTENCE_END or _DATELINE_AFTER.match(body, end):
        return False  # (a dateline after a byline: "Associated Press WASHINGTON (AP) —")
    line_end = body.find("\n", end)
    return any(c.islower() for c in body[line_start : line_end if line_end >= 0 else len(body)])


def _own_name_unlike(m: Match, written: str) -> bool:
    """A town matched by its own name, which it does not write in capitals as ``written`` is ("Nato" for
    "NATO"): an acronym names something else. Abbreviations and alternate names ("NYC") still match."""
    return m.how == "name" and m.entry.feature == "city" and not m.entry.name.isupper() \
        and m.entry.name != written  # fmt: skip


def _region_instead(r: Resolution | None, q: Qualifier | None, weights: Mapping) -> Entry | None:
    """The region written beside a town the gazetteer lacks there ("Smallville, Mo.": no candidate, or only a
    small namesake elsewhere), or None; a big city stays itself with a note ("Culiacan, Sonora" is Culiacán,
    Sinaloa)."""
    if q is None:
        return None
    big = r is not None and (r.population or 0) >= _small(weights)
    if r is not None and (r.entry is None or q.contains(r.entry) or r.feature != "city" or big):
        return None
    region = next((e for e in q.entries if e.feature == "admin1"), None) or q.entries[0]
    return region if region.lat is not None and region.lon is not None else None


def _at_region(name: str, region: Entry, weights: Mapping) -> Resolution:
    """A town the gazetteer lacks placed, approximately, at the region written beside it."""
    return Resolution(
        name=name.strip(),
        geonames_id=None,
        lat=region.lat,
        lon=region.lon,
        country=region.country,
        admin1=region.name if region.feature == "admin1" else None,
        feature="local",
        population=None,
        confidence=float(weights["local_confidence"]),
        reason=f"not in the gazetteer in {region.name}; placed at {region.name}, written beside it",
        notes=(f"approximate: placed at {region.name}, written beside it",),
        score=0.0,
        entry=None,
    )


def _small(weights: Mapping) -> float:
    return float(weights.get("stray_max_population", 0))


def _one_reading_per_name(readings: Mapping, found: dict) -> None:
    """A name written once with its region ("Paris, Missouri") keeps that reading where the article writes it
    bare ("of Paris") and was read as another namesake of the same kind, in ``found`` (reading key ->
    resolution). A bare name of another kind stays: "Washington" the state beside "Washington, D.C."."""
    confirmed: dict[str, Resolution] = {}
    for (key, qtext), (_name, q) in readings.items():
        r = found.get((key, qtext))
        if q is not None and r is not None and r.entry is not None and q.contains(r.entry):
            confirmed.setdefault(key, r)
    for key, qtext in list(found):
        r = confirmed.get(key)
        if qtext is None and r is not None:
            mine = found[(key, None)]
            other = mine is not None and mine.entry is not None and mine.entry.key != r.entry.key
            if mine is None or (other and mine.feature == r.feature):
                found[(key, None)] = replace(r, reason=f"{r.reason}; as written with its region elsewhere")


def _stray(r: Resolution | None, ctx: Context, weights: Mapping) -> bool:
    """True for a small town abroad, in a country nothing else in the article points at ("Grand", Côte
    d'Ivoire, for a street in an article about Chicago): more likely a local name the gazetteer lacks."""
    return (
        r is not None
        and r.feature == "city"
        and (r.population or 0) < _small(weights)
        and bool(ctx.countries)
        and ctx.countries.get(r.country or "", 0) <= 0
    )


def _within_local_places(
    spans: Sequence[tuple[int, int, str]],
    found: list[Resolution | None],
    weights: Mapping,
    stray: frozenset[int] | set[int] = frozenset(),
    regions: Mapping[int, Entry] | None = None,
    single_words: frozenset[int] | set[int] = frozenset(),
) -> list[Resolution | None]:
    """A name the gazetteer lacks (a street, a school, a neighbourhood: "Royal Street", "Buckland
    Elementary"; one word too at the indices ``single_words``) is placed, approximately, at the nearest town
    or city the article resolved within ``local_anchor_chars`` characters of it, with a low confidence and a
    note saying so. When the article is mostly about one first-level region, towns in that region within
    ``local_region_chars`` come first: a street name the gazetteer took for a town elsewhere ("Franklin",
    Indiana, in an article about Louisiana) is a poor anchor. A ``stray`` resolution (a small town abroad,
    see ``_stray``) is placed the same way when a town is near, and kept otherwise. A name written with a
    region the gazetteer lacks it in (``regions``: index -> region) is placed only at a town in that region,
    within ``local_region_chars``."""
    regions = regions or {}
    large = {w.lower() for w in weights.get("not_local_heads") or ()}
    limit = int(weights.get("local_anchor_chars", 0))
    if limit <= 0:
        return found
    anchors = [
        (start, end, r)
        for n, ((start, end, _), r) in enumerate(zip(spans, found, strict=True))
        if r is not None and r.feature == "city" and n not in stray
    ]
    if not anchors:
        return found
    region = _main_region(found, weights["min_confidence_context"])
    region_limit = int(weights.get("local_region_chars", limit))
    local = [a for a in anchors if region and a[2].entry is not None and a[2].entry.admin1_code == region]
    out = list(found)
    for n, ((start, end, text), r) in enumerate(zip(spans, found, strict=True)):
        one_word = len(text.split()) < 2 and n not in single_words
        if n not in stray and n not in regions and (r is not None or one_word):
            continue  # one unknown word is as likely a mistyped name (or a person's) unless known a place
        if r is None and _head_word(text) in large:
            continue  # "Chagos Islands", "Singapore Strait": no town stands for them
        anchor = None
        groups = [(local, region_limit), (anchors, limit)]
        if n in regions:
            inside = [a for a in anchors if a[2].entry is not None and regions[n].contains(a[2].entry)]
            groups = [(inside, region_limit)]
        for group, reach in groups:
            near = [(max(a_start - end, start - a_end, 0), a) for a_start, a_end, a in group]
            near = [(gap, a) for gap, a in near if gap <= reach]
            if near:
                anchor = min(near, key=lambda t: t[0])[1]
                break
        if anchor is None:
            continue
        out[n] = Resolution(
            name=text.strip(),
            geonames_id=None,
            lat=anchor.lat,
            lon=anchor.lon,
            country=anchor.country,
            admin1=anchor.admin1,
            feature="local",
            population=None,
            confidence=round(anchor.confidence * float(weights["local_confidence"]), 3),
            reason=(
                f"{'a small town abroad' if n in stray else 'not in the gazetteer'}; placed at {anchor.name},"
                " the nearest town or city the article names"
            ),
            notes=(f"approximate: placed at {anchor.name}, {anchor.admin1 or anchor.country}",),
            score=0.0,
            entry=None,
        )
    return out


def _head_word(name: str) -> str:
    """The last word of a name, or the word before its first "of" ("Republic of Congo")."""
    words = name.lower().split()
    if "of" in words[1:]:
        return words[words.index("of", 1) - 1]
    return words[-1] if words else ""


def _main_region(found: list[Resolution | None], min_confidence: float) -> str | None:
    """The admin1 code most of the article's confident resolutions lie in, when one leads the others."""
    counts: Counter = Counter(
        r.entry.admin1_code
        for r in found
        if r is not None and r.entry is not None and r.entry.admin1_code and r.confidence >= min_confidence
    )
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def resolve_name(
    name: str,
    context_countries: Iterable[str] | Mapping[str, float] = (),
    context_admin1: Iterable[str] = (),
) -> Resolution | None:
    """Resolve one name on its own, for callers without an article (the cross-document entity linker).
    ``context_countries`` are ISO codes or names, ``context_admin1`` GeoNames admin1 codes ("MX.25") or
    names ("Sinaloa", "N.J."). "Culiacan, Sonora" is read as a name with a qualifier."""
    gaz = gazetteer()
    ctx = Context(countries=_as_context(context_countries, gaz))
    for text in context_admin1:
        region = gaz.find_admin1(text)
        if region is not None:
            ctx.admin1[region.admin1_code] += 1
    head, qualifier = split_written_qualifier(name, gaz)
    return choose(head, gaz, ctx, qualifier)

