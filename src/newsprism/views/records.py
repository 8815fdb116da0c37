"""Export rows for the analysis records: ``times``, ``mentions``, ``places``, ``entities``, ``quotes``,
``speakers``, ``figures`` and ``claims``.

Each kind is (rows function, fixed columns). The rows function takes the Corpus and the export filters
(``outlet``) and streams plain dicts; the columns are documented in docs/export-format.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .figures import CLAIM_COLUMNS, FIGURE_COLUMNS, claim_rows, figure_rows
from .quotes import QUOTE_COLUMNS, SPEAKER_COLUMNS, quote_rows, speaker_rows

TIME_COLUMNS = (
    "document", "id", "start", "end", "text", "type", "value", "mod", "granularity", "anchor",
    "confidence", "reason", "stage",
)
MENTION_COLUMNS = (
    "document", "id", "start", "end", "text", "type", "name", "role", "head", "nickname", "metonymy",
    "entity", "label", "confidence", "reason", "stage",
)
PLACE_COLUMNS = (
    "document", "mention", "start", "end", "text", "name", "geonames_id", "lat", "lon", "country", "admin1",
    "feature", "population", "notes", "entity", "confidence", "reason", "stage",
)
ENTITY_COLUMNS = (
    "id", "name", "type", "aliases", "roles", "mentions", "documents", "outlets", "lat", "lon", "country",
    "admin1", "geonames_id", "evidence",
)


def _doc_ids(corpus, outlet: str | None) -> list[str] | None:
    if outlet is None:
        return None
    return [row["id"] for row in corpus.store.summaries(outlet=outlet)]


def _stage_rows(corpus, stage: str, columns: tuple[str, ...], outlet: str | None, links: bool) -> Iterator[dict]:
    ids = _doc_ids(corpus, outlet)
    if ids == []:
        return
    for doc_id, rows in corpus.store.stage_records(stage, ids):
        entity_of: dict[str, str] = {}
        if links:
            entity_of = {m: e for _, m, e in corpus.store.entity_links(doc_ids=[doc_id])}
        for row in rows:
            out = {c: row.get(c) for c in columns}
            if links:
                out["entity"] = entity_of.get(row.get("mention") or row.get("id"))
            yield out


def time_rows(corpus, outlet: str | None = None) -> Iterator[dict]:
    yield from _stage_rows(corpus, "times", TIME_COLUMNS, outlet, links=False)


def mention_rows(corpus, outlet: str | None = None) -> Iterator[dict]:
    yield from _stage_rows(corpus, "entities", MENTION_COLUMNS, outlet, links=True)


def place_rows(corpus, outlet: str | None = None) -> Iterator[dict]:
    yield from _stage_rows(corpus, "places", PLACE_COLUMNS, outlet, links=True)


def entity_rows(corpus, outlet: str | None = None, type: str | None = None) -> Iterator[dict]:
    for entity in corpus.entities(type=type, outlet=outlet):
        data = entity.as_dict()
        yield {c: data.get(c) for c in ENTITY_COLUMNS}


EXPORTS: dict[str, tuple[Callable[..., Iterable[dict[str, Any]]], tuple[str, ...]]] = {
    "times": (time_rows, TIME_COLUMNS),
    "mentions": (mention_rows, MENTION_COLUMNS),
    "places": (place_rows, PLACE_COLUMNS),
    "entities": (entity_rows, ENTITY_COLUMNS),
    "quotes": (quote_rows, QUOTE_COLUMNS),
    "speakers": (speaker_rows, SPEAKER_COLUMNS),
    "figures": (figure_rows, FIGURE_COLUMNS),
    "claims": (claim_rows, CLAIM_COLUMNS),
}
