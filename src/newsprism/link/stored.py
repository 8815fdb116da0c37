"""Stage records by document, as the store holds them, with those an analysis run just wrote taken from memory.

    records_by_document(store, "quotes", Quote, fresh=run_records)   # (document id, [Quote, ...]) in id order

The linking and regrouping steps after an analysis read every document's records of a stage. The documents
the run just analysed have their records in memory already (``fresh``: document id -> records), so only the
others are read and decoded; the result is what reading them all from the store gives.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any


def records_by_document(
    store,
    stage: str,
    cls: type,
    doc_ids: Iterable[str] | None = None,
    fresh: Mapping[str, list[Any]] | None = None,
) -> Iterator[tuple[str, list[Any]]]:
    """(document id, its ``stage`` records as ``cls``) in id order, for ``doc_ids`` or every document the stage
    ran on; a document without records is left out, as the store leaves it out."""
    if not fresh:
        for doc_id, rows in store.stage_records(stage, doc_ids):
            yield doc_id, [cls.from_dict(r) for r in rows]
        return
    ids = store.documents_with_stage(stage) if doc_ids is None else list(doc_ids)
    stored = dict(store.stage_records(stage, [d for d in ids if d not in fresh]))
    for doc_id in ids:
        records = fresh.get(doc_id)
        if records is None:
            records = [cls.from_dict(r) for r in stored.get(doc_id, ())]
        if records:
            yield doc_id, records
