"""Stage ``places``: resolve the article's place mentions to GeoNames entries, offline.

    run(article, None, StageContext(results={"entities": mentions}))  -> [Place, ...]

It reads the ``entities`` stage's mentions: those of type ``place`` (outside reader comments) are resolved
together by ``newsprism.geo.resolve.resolve_spans``, so that each is read in the light of the others (the
countries and regions the article names, "Culiacan, Sonora" written side by side); ``group`` mentions that
are nationality adjectives ("Mexican") are resolved with them, to their country (a Place whose reason says
"nationality adjective", at ``place_kinds.demonym_confidence`` of the confidence), and add weak evidence
of the article's country. A mention nothing in the
gazetteer matches is placed approximately at the nearest town or city the article resolved (feature
``local``, no GeoNames id, a low confidence and a note), or gets no Place when there is none near. Each
Place keeps the mention's span, the winner's GeoNames fields, a confidence (the winner's share of the
candidates' weight, times the mention's confidence), a reason, and notes where the text contradicts the
gazetteer.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..geo.embedded import places_inside
from ..geo.gazetteer import fold as fold_name
from ..geo.gazetteer import gazetteer
from ..geo.mentions import is_demonym, strong_place
from ..geo.resolve import resolve_spans
from ..records import Article, Mention, Place
from .entities import is_seat
from .registry import StageContext

NAME = "places"
VERSION = 6
TAG = f"{NAME}@{VERSION}"
DEMONYM_WEIGHT = 0.5  # a "Mexican" counts half as much as a "Mexico" towards the article's countries


def _demonym_countries(mentions: list[Mention]) -> Counter:
    gaz = gazetteer()
    counts: Counter = Counter()
    for m in mentions:
        if m.type != "group" or m.in_comment:
            continue
        for match in gaz.table_candidates(m.text):  # demonyms are in the tables, never cities
            if match.how == "demonym" and match.entry.feature == "country" and match.entry.country:
                counts[match.entry.country] += DEMONYM_WEIGHT
                break
    return counts


@dataclass(frozen=True)
class _Todo:
    """One span to resolve: a mention's, or a place written inside an organisation's name."""

    mention: Mention
    start: int
    end: int
    name: str  # the name looked up
    factor: float  # times the mention's confidence
    why: str = ""  # what the reason starts with, when the span is no place mention
    linked: bool = True  # the Place names the mention (its entity takes the place's point in linking)


def _to_resolve(mentions: list[Mention], body: str) -> list[_Todo]:
    """The spans to resolve, outside reader comments, for mentions whose span is the body's:

    - place mentions, by their fullest name ("Ky" written "Ky." is looked up with its full stop);
    - nationality adjectives ("Mexican" -> Mexico) and country names the entities stage read as a group
      ("US" in "US troops"), which stand for their country as the group's other mentions do;
    - a capital standing for a government ("Moscow said", an ``org`` mention with ``metonymy``; not a seat
      such as "the Kremlin", which is a building)
      and a place written inside an organisation's name ("Toronto" in "Toronto Police Service"): Places
      of their own (``mention`` None) that never give the organisation's entity a point."""
    gaz = gazetteer()
    kinds = gaz.lexicon.get("place_kinds") or {}
    demonyms = bool(kinds.get("demonyms"))
    places = [(m.start, m.end) for m in mentions if m.type == "place"]
    usable = [
        m for m in mentions if not m.in_comment and 0 <= m.start < m.end and body[m.start : m.end] == m.text
    ]
    inner = places_inside((m.text for m in usable if _may_hold_a_place(m)), gaz)
    out = []
    for m in usable:
        if m.type == "place":
            name = m.name if m.name and _spells(m.text, m.name) else m.text
            out.append(_Todo(m, m.start, m.end, _with_full_stop(name, body, m.end, gaz), 1.0))
        elif m.type == "group":
            if demonyms and is_demonym(m.text, gaz):
                factor = float(kinds["demonym_confidence"])
                out.append(_Todo(m, m.start, m.end, m.text, factor, "nationality adjective"))
            elif strong_place(m.text, gaz, cities=False):  # a country's name ("US troops"), not a city's
                out.append(_Todo(m, m.start, m.end, m.text, 1.0, "a place's name used as a modifier"))
        elif m.type == "org" and m.metonymy:
            if not is_seat(m.text) or _a_town(m.text, gaz):  # "Moscow said", not "the Kremlin said"
                out.append(_Todo(m, m.start, m.end, m.text, 1.0, "standing for its government", linked=False))
        elif _may_hold_a_place(m):
            inside = inner[m.text]
            if inside is None:
                continue
            start, end = m.start + inside[0], m.start + inside[1]
            if any(s < end and start < e for s, e in places):
                continue  # the entities stage found it as a place of its own
            why = f"written in the name {m.text!r}"
            out.append(_Todo(m, start, end, body[start:end], 1.0, why, linked=False))
    return out


_ORG_LABELS = frozenset(("ORG",))


def _may_hold_a_place(m: Mention) -> bool:
    """An organisation's name (or one the tagger labelled so that the entities stage took for a person's)
    that is not itself standing for a place."""
    if m.type == "org":
        return not m.metonymy
    return m.label in _ORG_LABELS and m.type in ("person", "other")


_MINOR = frozenset(("of", "the", "and", "de", "for"))


def _spells(text: str, name: str) -> bool:
    """False for an acronym the fuller name does not spell ("AP" given the name "Los Angeles"): that name
    was given to it by mistake; True otherwise."""
    letters = text.replace(".", "")
    if text == name or not (letters.isalpha() and letters.isupper() and 2 <= len(letters) <= 6):
        return True
    initials = "".join(w[0] for w in name.replace("-", " ").split() if w.casefold() not in _MINOR)
    return initials.casefold() == letters.casefold() or fold_name(name) == fold_name(text)


def _a_town(text: str, gaz) -> bool:
    """True when ``text`` is the own name of a country, a region or a city of at least
    ``maybe_place_min_population`` people ("Brussels", a seat that is a city), not a building's ("White
    House" is also a small town's)."""
    floor = gaz.lexicon.get("maybe_place_min_population", 100000)
    for m in gaz.candidates(text):
        big = m.entry.feature == "city" and (m.entry.population or 0) >= floor
        if m.how == "name" and (big or m.entry.feature in ("country", "admin1")):
            return True
    return False


def _with_full_stop(name: str, body: str, end: int, gaz) -> str:
    """ "Ky." for a mention "Ky" written with its full stop when the written form is a region's
    abbreviation and the bare word is none ("Mo." is Missouri, "Mo" a town in Norway)."""
    if body[end : end + 1] != "." or len(name) > 5 or " " in name or name.endswith("."):
        return name
    dotted = name + "."
    if _abbreviation(dotted, gaz) and not _abbreviation(name, gaz):
        return dotted
    return name


def _abbreviation(text: str, gaz) -> bool:
    return any(m.how == "abbreviation" for m in gaz.table_candidates(text))  # no city is an abbreviation


def run(article: Article, doc: Any, ctx: StageContext) -> list[Place]:
    mentions: list[Mention] = list(ctx.results.get("entities") or ())
    body = article.body
    todo = _to_resolve(mentions, body)
    if not todo:
        return []
    spans = [(t.start, t.end, t.name) for t in todo]
    # the mentions are a tagger's guesses: an unknown single word is as often a person's name
    context = _demonym_countries(mentions)
    resolutions = resolve_spans(body, spans, context_countries=context, known_places=False)
    out: list[Place] = []
    for t, r in zip(todo, resolutions, strict=True):
        m = t.mention
        if (r is None or r.feature == "local") and m.type == "place" and t.name != m.text:
            # the fuller name is not in the gazetteer: try the words written before placing it approximately
            r = resolve_spans(body, [(m.start, m.end, m.text)], known_places=False)[0] or r
        if r is None:
            continue
        out.append(
            Place(
                document=article.id,
                mention=m.id if t.linked else None,
                start=t.start,
                end=t.end,
                text=body[t.start : t.end],
                name=r.name,
                geonames_id=r.geonames_id,
                lat=r.lat,
                lon=r.lon,
                country=r.country,
                admin1=r.admin1,
                feature=r.feature,
                population=r.population,
                notes=r.notes,
                confidence=round(r.confidence * m.confidence * t.factor, 3),
                reason=f"{t.why}; {r.reason}" if t.why else r.reason,
                stage=TAG,
            )
        )
    return out
