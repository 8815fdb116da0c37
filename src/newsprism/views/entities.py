"""The entity view: one entity with its mentions per outlet, each in its sentence, and who it appears with."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

from ..errors import NotFound
from ..textfold import search_key

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])|\n+")


def sentence_around(body: str, start: int, end: int, limit: int = 400) -> dict[str, Any]:
    """The sentence holding body[start:end], as {start, end, text} (clipped to ``limit`` characters)."""
    left = max(0, start - limit)
    s = left
    # the search runs one character past ``start`` so that the capital after a boundary is seen
    for m in _SENTENCE_END.finditer(body, left, min(len(body), start + 1)):
        if m.end() <= start:
            s = m.end()
    m = _SENTENCE_END.search(body, end, min(len(body), end + limit))
    e = m.start() if m else min(len(body), end + limit)
    while s < start and body[s].isspace():
        s += 1
    return {"start": s, "end": e, "text": body[s:e]}


def find_entity(corpus, name_or_id: str) -> dict[str, Any]:
    """An entity by id, else by canonical name or alias (folded), else by a unique name containing it."""
    store = corpus.store
    try:
        return store.entity(name_or_id)
    except NotFound:
        pass
    wanted = search_key(name_or_id)
    exact, contains = [], []
    for entity in store.entities():
        names = [entity["name"], *entity.get("aliases", ())]
        folded = [search_key(n) for n in names]
        if wanted in folded:
            exact.append(entity)
        elif any(wanted in f for f in folded):
            contains.append(entity)
    found = exact or contains
    if not found:
        raise NotFound(f"no entity named or with id {name_or_id!r}; list them with `newsprism entities`")
    return found[0]  # most mentioned first (store order)


def entity_detail(corpus, name_or_id: str, co_limit: int = 15) -> dict[str, Any]:
    store = corpus.store
    entity = find_entity(corpus, name_or_id)
    links = store.entity_links(entity["id"])
    by_doc: dict[str, set[str]] = defaultdict(set)
    for doc, mention, _ in links:
        by_doc[doc].add(mention)
    records = {doc: rows for doc, rows in store.stage_records("entities", list(by_doc))}
    per_outlet: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for article in corpus.documents(ids=list(by_doc)):
        for row in records.get(article.id, ()):
            if row["id"] not in by_doc[article.id]:
                continue
            per_outlet[article.outlet or "(unknown outlet)"].append(
                {
                    "document": article.id,
                    "title": article.title,
                    "published": article.published,
                    "mention": row["id"],
                    "start": row["start"],
                    "end": row["end"],
                    "text": row["text"],
                    "role": row.get("role"),
                    "sentence": sentence_around(article.body, row["start"], row["end"]),
                }
            )
    co = Counter()
    for doc, entity_id in {(d, e) for d, _, e in store.entity_links(doc_ids=list(by_doc))}:
        if entity_id != entity["id"]:
            co[entity_id] += 1
    co_mentioned = []
    for other_id, shared in co.most_common(co_limit):
        other = store.entity(other_id)
        co_mentioned.append({"id": other_id, "name": other["name"], "type": other["type"], "documents": shared})
    return {"entity": entity, "mentions": dict(per_outlet), "co_mentioned": co_mentioned}
