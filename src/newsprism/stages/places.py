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
from typing import Any

from ..geo.gazetteer import gazetteer
from ..geo.mentions import is_demonym
from ..geo.resolve import resolve_spans
from ..records import Article, Mention, Place
from .registry import StageContext

NAME = "places"
VERSION = 3
TAG = f"{NAME}@{VERSION}"
DEMONYM_WEIGHT = 0.5  # a "Mexican" counts half as much as a "Mexico" towards the article's countries


def _demonym_countries(mentions: list[Mention]) -> Counter:
    gaz = gazetteer()
    counts: Counter = Counter()
    for m in mentions:
        if m.type != "group" or m.in_comment:
            continue
        for match in gaz.candidates(m.text):
            if match.how == "demonym" and match.entry.feature == "country" and match.entry.country:
                counts[match.entry.country] += DEMONYM_WEIGHT
                break
    return counts


def _to_resolve(mentions: list[Mention], body: str) -> list[tuple[Mention, str, float]]:
    """(mention, name to look up, confidence factor) for the place mentions and the nationality adjectives
    ("Mexican" -> Mexico) outside reader comments whose span is the body's."""
    gaz = gazetteer()
    kinds = gaz.lexicon.get("place_kinds") or {}
    out = []
    for m in mentions:
        if m.in_comment or not (0 <= m.start < m.end) or body[m.start : m.end] != m.text:
            continue
        if m.type == "place":
            out.append((m, m.name or m.text, 1.0))
        elif m.type == "group" and kinds.get("demonyms") and is_demonym(m.text, gaz):
            out.append((m, m.text, float(kinds["demonym_confidence"])))
    return out


def run(article: Article, doc: Any, ctx: StageContext) -> list[Place]:
    mentions: list[Mention] = list(ctx.results.get("entities") or ())
    body = article.body
    todo = _to_resolve(mentions, body)
    if not todo:
        return []
    spans = [(m.start, m.end, name) for m, name, _f in todo]
    # the mentions are a tagger's guesses: an unknown single word is as often a person's name
    context = _demonym_countries(mentions)
    resolutions = resolve_spans(body, spans, context_countries=context, known_places=False)
    out: list[Place] = []
    for (m, _name, factor), r in zip(todo, resolutions, strict=True):
        if (r is None or r.feature == "local") and m.type == "place" and m.name and m.name != m.text:
            # the fuller name is not in the gazetteer: try the words written before placing it approximately
            r = resolve_spans(body, [(m.start, m.end, m.text)], known_places=False)[0] or r
        if r is None:
            continue
        out.append(
            Place(
                document=article.id,
                mention=m.id,
                start=m.start,
                end=m.end,
                text=m.text,
                name=r.name,
                geonames_id=r.geonames_id,
                lat=r.lat,
                lon=r.lon,
                country=r.country,
                admin1=r.admin1,
                feature=r.feature,
                population=r.population,
                notes=r.notes,
                confidence=round(r.confidence * m.confidence * factor, 3),
                reason=f"nationality adjective; {r.reason}" if m.type == "group" else r.reason,
                stage=TAG,
            )
        )
    return out
