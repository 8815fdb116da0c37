"""Linking over the store: stored mentions ──► ``Linker`` ──► entities, mention links and linker state.

    link_entities(store, settings, changed=ids)   # incremental: only these documents are (re)added
    link_entities(store, settings, changed=None)  # from scratch over every stored mention

The linker's state is kept in the store, so new documents link without re-reading the corpus. The user's
corrections live in the store's ``corrections`` table and the aliases file named by the ``aliases``
setting (kept in the linker state once given, until another file replaces it); both are replayed on
every linking, so they survive re-runs. Places: each place entity takes the
gazetteer entry that most of its mentions were resolved to by the ``places`` stage; a nationality group
("Mexican") takes its country's ISO code.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from typing import Any

from ..errors import ConfigError, NotFound
from ..records import Entity, Mention
from .corrections import load_aliases, merge, split
from .entities import Linker
from .stored import records_by_document

_PLACE_KEYS = ("geonames_id", "lat", "lon", "country", "admin1")


def _aliases(settings: dict[str, Any]) -> list[dict[str, Any]]:
    path = (settings.get("aliases") or "").strip()
    return load_aliases(path) if path else []


def _documents(
    store, doc_ids: list[str] | None, outlets: dict[str, str | None], fresh: Mapping[str, list[Mention]]
):
    """(document, outlet, mentions) in id order for the given documents (all with an entities run when
    None); ``fresh`` holds some documents' mentions just written, which need not be read back."""
    for doc_id, mentions in records_by_document(store, "entities", Mention, doc_ids, fresh):
        yield doc_id, outlets.get(doc_id), mentions


def link_entities(
    store,
    settings: dict[str, Any],
    changed: set[str] | None,
    fresh: Mapping[str, list[Mention]] | None = None,
) -> tuple[int, str]:
    """Link mentions to entities and store the result; returns (number of entities, "incremental"|"rebuilt").
    ``fresh``: documents' mentions as just stored (the analysis passes them so they are not read back)."""
    fresh = fresh or {}
    corrections = [c["data"] for c in store.corrections()]
    state = store.link_state()
    # an aliases file, once given, is kept in the linker state until another file (an empty one) replaces it
    aliases = _aliases(settings) if settings.get("aliases") else list((state or {}).get("aliases") or [])
    outlets = {row["id"]: row["outlet"] for row in store.summaries()}
    linker = None
    if changed is not None and state is not None:
        try:
            linker = Linker.from_state(state)
        except (ConfigError, KeyError, TypeError, ValueError):
            linker = None  # a state from another version: rebuild from the mentions
        if linker is not None and (state.get("aliases") or []) != aliases:
            linker = None
    if linker is not None:
        if linker.corrections != corrections:
            linker.set_corrections(corrections)
        gone = [d for d in changed if d not in outlets]
        for doc_id in gone:
            linker.remove(doc_id)
        linker.add_many(_documents(store, sorted(changed), outlets, fresh))
        how = "incremental"
    else:
        linker = Linker(corrections=corrections, aliases=aliases)
        linker.add_many(_documents(store, None, outlets, fresh))
        how = "rebuilt"
    entities = _with_places(store, linker.entities(), linker.assignments())
    assignments = [(d, m, e) for (d, m), e in sorted(linker.assignments().items())]
    store.write_links([e.as_dict() for e in entities], assignments, linker.state())
    return len(entities), how


def _with_places(store, entities: list[Entity], assignments: dict[tuple[str, str], str]) -> list[Entity]:
    """Give each entity the gazetteer entry most of its resolved place mentions point to; an entity whose
    mentions were only placed approximately (a street placed at its town: no GeoNames id) takes the point
    most of them got."""
    votes: dict[str, Counter] = defaultdict(Counter)
    approximate: dict[str, Counter] = defaultdict(Counter)
    entry: dict[Any, dict[str, Any]] = {}
    for doc_id, rows in store.stage_records("places"):
        for row in rows:
            entity_id = assignments.get((doc_id, row["mention"]))
            if entity_id is None or row.get("lat") is None:
                continue
            exact = row.get("geonames_id") is not None
            vote = ("id", row["geonames_id"]) if exact else ("at", row["lat"], row["lon"])
            (votes if exact else approximate)[entity_id][vote] += 1
            entry[vote] = row
    out = []
    for e in entities:
        chosen = votes.get(e.id) or approximate.get(e.id)  # gazetteer entries first, whatever the counts
        if chosen:
            best = entry[chosen.most_common(1)[0][0]]
            e = Entity.from_dict({**e.as_dict(), **{k: best.get(k) for k in _PLACE_KEYS}})
        elif e.type == "group":
            e = _with_country(e)
        out.append(e)
    return out


def _with_country(group: Entity) -> Entity:
    """A nationality ("Mexican", "American" for "US troops") carries its country's ISO code."""
    from ..geo.gazetteer import gazetteer
    from ..stages.entities import demonym_country

    country = demonym_country(group.name)
    found = gazetteer().find_country(country) if country else None
    if found is None or not found.country:
        return group
    return Entity.from_dict({**group.as_dict(), "country": found.country})


def _name_of(store, name_or_id: str) -> tuple[str, str | None]:
    """(name, type) for an entity id or a name (a name is kept as written: it may not be linked yet)."""
    try:
        entity = store.entity(name_or_id)
        return entity["name"], entity["type"]
    except NotFound:
        return name_or_id, None


def add_correction(corpus, kind: str, args: list[str]) -> dict[str, Any]:
    """Store a merge or split given by entity ids or names, relink, and say what came of it."""
    store = corpus.store
    named = [_name_of(store, a) for a in args]
    if kind == "merge":
        if len(named) < 2:
            raise ValueError("a merge needs at least two entities")
        correction = merge(*(n for n, _ in named))
    elif kind == "split":
        if len(named) < 2:
            raise ValueError("a split needs the entity and at least one name to take out of it")
        correction = split(named[0][0], *(n for n, _ in named[1:]))
    else:
        raise ValueError(f"unknown correction {kind!r}")
    correction_id = store.add_correction(kind, correction)
    count, _ = link_entities(store, corpus.settings, changed=None)
    result: dict[str, Any] = {"correction": correction_id, "entities": count, "data": correction}
    try:
        entity = corpus.entity(named[0][0] if kind == "merge" else named[1][0])["entity"]
        result.update(entity=entity["id"], name=entity["name"])
    except NotFound:
        result.update(entity=None, name=named[0][0])
    return result
