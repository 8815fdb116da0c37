"""Place mentions from a spaCy Doc, for the places benchmark and tests (and for the entities stage to reuse
or drop): the named entities a place resolver should look at.

    place_mentions_from_doc(nlp(body), "doc-1")   # [Mention(type="place", ...), Mention(type="group", ...),
                                                  #  Mention(type="org", ...)]

Entities labelled GPE, LOC or FAC are places. The small English model also labels some places NORP, ORG
or PERSON ("Culiacan" NORP, "Sonora" ORG), so an entity with one of those labels is a place too when the
gazetteer gives strong evidence: its text is the own name (not an alternate name) of a country, a
first-level region, a continent, named region or landmark (or a variant from ``lexicons/places.yaml``:
"DPRK", "Holy See"), or a city of at least ``maybe_place_min_population`` people, or it is written with a
region right after it ("Culiacan, Sonora").
NORP entities that are nationality adjectives ("Mexican") become ``group`` mentions, which the places stage
resolves to their country, and the other ORG entities ``org`` mentions; a place written inside an
organisation's name ("Toronto" in "Toronto Police Service", ``embedded.place_inside``) is a place mention
of its own, beside the organisation's.
"""

from __future__ import annotations

from typing import Any

from ..records import Mention
from .embedded import place_inside
from .gazetteer import Gazetteer, gazetteer, strong_match, strong_min_population
from .resolve import qualifier_after

STAGE = "geo-mentions@1"


def strong_place(text: str, gaz: Gazetteer, cities: bool = True) -> bool:
    """True when ``text`` is a place's own name with little doubt (see the module docstring); with
    ``cities=False`` only a country, region, continent, named region or feature counts (no look-up in the
    index file)."""
    if not text[:1].isupper():
        return False
    floor = strong_min_population(gaz)
    return any(strong_match(m, floor) for m in (gaz.candidates(text) if cities else gaz.table_candidates(text)))


def is_demonym(text: str, gaz: Gazetteer) -> bool:
    # demonyms live in the tables held in memory: no city need be looked up
    return any(m.how == "demonym" for m in gaz.table_candidates(text))


def _name_parts(doc: Any, person_labels: set[str]) -> set[str]:
    """The given names and surnames of the people the document names in full ("Mike Paterson")."""
    parts: set[str] = set()
    for ent in doc.ents:
        words = ent.text.split()
        if ent.label_ in person_labels and len(words) > 1:
            parts.update((words[0], words[-1]))
    return parts


def place_mentions_from_doc(doc: Any, document_id: str, gaz: Gazetteer | None = None) -> list[Mention]:
    """Mentions of places (and nationality groups) among ``doc.ents``, ids "m1", "m2", ... in body order."""
    gaz = gaz or gazetteer()
    labels = gaz.lexicon.get("mention_labels") or {}
    place_labels = set(labels.get("place", ()))
    maybe_labels = set(labels.get("maybe_place", ()))
    group_labels = set(labels.get("group", ()))
    org_labels = set(labels.get("org", ()))
    body = doc.text
    names = _name_parts(doc, set(labels.get("person", ())))
    found: list[tuple[int, int, str, str, str, str]] = []
    for ent in doc.ents:
        text, label = ent.text, ent.label_
        if not text.strip():
            continue
        if text in names and label not in place_labels:
            continue  # "Paterson" after "Mike Paterson": the surname, not the city
        if label in place_labels:
            found.append((ent.start_char, ent.end_char, text, "place", label, f"{label} entity"))
        elif label in maybe_labels and strong_place(text, gaz):
            found.append(
                (ent.start_char, ent.end_char, text, "place", label, f"{label} entity, gazetteer name")
            )
        elif label in maybe_labels and gaz.candidates(text) and qualifier_after(body, ent.end_char, gaz):
            found.append(
                (ent.start_char, ent.end_char, text, "place", label, f"{label} entity, region beside")
            )
        elif label in group_labels and is_demonym(text, gaz):
            found.append((ent.start_char, ent.end_char, text, "group", label, "nationality adjective"))
        elif label in org_labels:
            found.append((ent.start_char, ent.end_char, text, "org", label, f"{label} entity"))
            inside = place_inside(text, gaz)
            if inside is not None:
                start, end = ent.start_char + inside[0], ent.start_char + inside[1]
                found.append((start, end, body[start:end], "place", label, f"written in the name {text!r}"))
    found.sort()
    return [
        Mention(
            document=document_id,
            id=f"m{i}",
            start=start,
            end=end,
            text=text,
            type=kind,
            name=text,
            label=label,
            reason=reason,
            stage=STAGE,
        )
        for i, (start, end, text, kind, label, reason) in enumerate(found, 1)
    ]
