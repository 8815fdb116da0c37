"""Store methods for what the analysis writes: stage records, entities, the linker's state, corrections.

Mixed into ``Store`` (``base.py``); every method is one short transaction, like the document methods.

- ``write_document_stages`` replaces one document's records of the stages that ran on it and notes each
  stage's version and model in ``stage_runs``, in one transaction: a killed analysis leaves each document
  either fully at the old versions or fully at the new ones, and a rerun picks up the documents still
  behind. ``write_documents_stages`` does it for a batch of documents in one transaction (what the
  analysis uses: a killed run loses at most the batch), ``write_stage_records`` for one stage.
- ``write_links`` replaces the entity table and the mention→entity links, with the linker's state, in one
  transaction: a reader sees the previous linking or the new one, never half of each.
- ``write_groups`` replaces every cross-document group of one record kind in one transaction.
- corrections are appended, never edited; undoing one marks it ``undone`` and keeps it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import and_, delete, func, or_, select, update

from ..errors import NotFound
from . import codec
from .engine import insert_many
from .schema import (
    corrections,
    documents,
    entities,
    entity_mentions,
    link_state,
    record_groups,
    stage_records,
    stage_runs,
)


class StageStore:
    """The analysis half of the Store (needs ``_read``/``_write``/``_display`` from ``Store``)."""

    # -- per-document stage records -------------------------------------------------------------------------

    def write_stage_records(
        self, doc_id: str, stage: str, version: int, model: str, records: Sequence[dict[str, Any]]
    ) -> None:
        """Replace ``doc_id``'s records of ``stage``; each record dict needs ``start`` and ``end``."""
        self.write_document_stages(doc_id, [(stage, version, model, records)])

    def write_document_stages(
        self, doc_id: str, results: Sequence[tuple[str, int, str, Sequence[dict[str, Any]]]]
    ) -> None:
        """Replace ``doc_id``'s records of several stages, (stage, version, model, records) each, in one
        transaction: a document is either at the old versions of all of them or at the new ones."""
        self.write_documents_stages([(doc_id, results)])

    def write_documents_stages(
        self, items: Sequence[tuple[str, Sequence[tuple[str, int, str, Sequence[dict[str, Any]]]]]]
    ) -> None:
        """``write_document_stages`` for several documents, (document id, results) each, in one transaction:
        each document ends at the old versions of all its stages or at the new ones, and a killed run
        loses at most this batch, which a rerun redoes."""
        items = [(doc_id, results) for doc_id, results in items if results]
        if not items:
            return
        rows = [
            {
                "document": doc_id,
                "stage": stage,
                "seq": i,
                "start_offset": int(r["start"]),
                "end_offset": int(r["end"]),
                "data": codec.dumps(r),
            }
            for doc_id, results in items
            for stage, _, _, records in results
            for i, r in enumerate(records)
        ]
        ran_at = codec.now()
        runs = [
            {"document": doc_id, "stage": stage, "version": version, "model": model, "records": len(records),
             "ran_at": ran_at}
            for doc_id, results in items
            for stage, version, model, records in results
        ]  # fmt: skip
        # documents that ran the same stages share their delete statements: four statements a batch, as a
        # rule, whatever the number of documents, stages and records
        by_stages: dict[tuple[str, ...], list[str]] = {}
        for doc_id, results in items:
            by_stages.setdefault(tuple(sorted({stage for stage, _, _, _ in results})), []).append(doc_id)
        label = items[0][0] if len(items) == 1 else f"{len(items)} documents"
        with self._write(f"storing the analysis of {label}") as conn:
            for names, doc_ids in by_stages.items():
                mine = and_(stage_records.c.document.in_(doc_ids), stage_records.c.stage.in_(names))
                conn.execute(delete(stage_records).where(mine))
            if rows:
                insert_many(conn, stage_records, rows)
            for names, doc_ids in by_stages.items():
                ran = and_(stage_runs.c.document.in_(doc_ids), stage_runs.c.stage.in_(names))
                conn.execute(delete(stage_runs).where(ran))
            conn.execute(stage_runs.insert(), runs)

    def documents_with_stage(self, stage: str) -> list[str]:
        """Ids of the documents ``stage`` ran on (whether or not it found anything), in id order."""
        query = select(stage_runs.c.document).where(stage_runs.c.stage == stage)
        with self._read(f"listing documents with {stage} runs") as conn:
            return list(conn.execute(query.order_by(stage_runs.c.document)).scalars())

    def documents_behind(self, stage: str, version: int, model: str, limit: int | None = None) -> list[str]:
        """Ids of documents whose ``stage`` never ran or ran at another version or model."""
        join = documents.outerjoin(
            stage_runs, and_(stage_runs.c.document == documents.c.id, stage_runs.c.stage == stage)
        )
        query = (
            select(documents.c.id)
            .select_from(join)
            .where(
                or_(
                    stage_runs.c.version.is_(None),
                    stage_runs.c.version != version,
                    stage_runs.c.model != model,
                )
            )
            .order_by(documents.c.id)
        )
        if limit is not None:
            query = query.limit(limit)
        with self._read(f"finding documents behind on {stage}") as conn:
            return list(conn.execute(query).scalars())

    def stage_runs(self, doc_id: str) -> dict[str, dict[str, Any]]:
        with self._read(f"reading the stage runs of {doc_id}") as conn:
            rows = conn.execute(select(stage_runs).where(stage_runs.c.document == doc_id)).all()
        return {r.stage: {"version": r.version, "model": r.model, "records": r.records, "ran_at": r.ran_at} for r in rows}

    def stage_records(
        self, stage: str, doc_ids: Iterable[str] | None = None, batch: int = 500
    ) -> Iterator[tuple[str, list[dict[str, Any]]]]:
        """(document id, its records of ``stage`` in order), document by document, for the given ids or all."""
        if doc_ids is not None:
            for chunk in _chunks(list(dict.fromkeys(doc_ids)), batch):
                yield from self._records_where(stage, stage_records.c.document.in_(chunk))
            return
        after = ""
        while True:
            with self._read(f"listing documents with {stage} records") as conn:
                ids = list(
                    conn.execute(
                        select(stage_runs.c.document)
                        .where(and_(stage_runs.c.stage == stage, stage_runs.c.document > after))
                        .order_by(stage_runs.c.document)
                        .limit(batch)
                    ).scalars()
                )
            if not ids:
                return
            yield from self._records_where(stage, stage_records.c.document.in_(ids))
            after = ids[-1]

    def _records_where(self, stage: str, condition) -> Iterator[tuple[str, list[dict[str, Any]]]]:
        query = (
            select(stage_records.c.document, stage_records.c.data)
            .where(and_(stage_records.c.stage == stage, condition))
            .order_by(stage_records.c.document, stage_records.c.seq)
        )
        with self._read(f"reading {stage} records") as conn:
            rows = conn.execute(query).all()
        current, records = None, []
        for doc, data in rows:
            if doc != current:
                if current is not None:
                    yield current, records
                current, records = doc, []
            records.append(codec.loads(data))
        if current is not None:
            yield current, records

    def count_stage_records(self, stage: str) -> int:
        with self._read(f"counting {stage} records") as conn:
            return conn.execute(
                select(func.count()).select_from(stage_records).where(stage_records.c.stage == stage)
            ).scalar_one()

    # -- cross-document entities ----------------------------------------------------------------------------

    def write_links(
        self,
        entity_rows: Sequence[dict[str, Any]],
        assignments: Iterable[tuple[str, str, str]],
        state: dict[str, Any] | None,
        name: str = "entities",
    ) -> None:
        """Replace every entity and mention link (document, mention id, entity id), and the linker state."""
        links = [{"document": d, "mention": m, "entity": e} for d, m, e in assignments]
        rows = [
            {"id": e["id"], "name": e["name"], "type": e["type"], "mentions": int(e.get("mentions", 0)), "data": codec.dumps(e)}
            for e in entity_rows
        ]
        with self._write("storing entities") as conn:
            conn.execute(delete(entity_mentions))
            conn.execute(delete(entities))
            for chunk in _chunks(rows, 500):
                insert_many(conn, entities, chunk)
            for chunk in _chunks(links, 2000):
                insert_many(conn, entity_mentions, chunk)
            conn.execute(delete(link_state).where(link_state.c.name == name))
            if state is not None:
                conn.execute(link_state.insert().values(name=name, data=codec.dumps(state), updated=codec.now()))

    def link_state(self, name: str = "entities") -> dict[str, Any] | None:
        with self._read("reading the linker state") as conn:
            return codec.loads(conn.execute(select(link_state.c.data).where(link_state.c.name == name)).scalar())

    def entities(self, type: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        """Entities as Entity.as_dict() dicts, most mentioned first."""
        query = select(entities.c.data).order_by(entities.c.mentions.desc(), entities.c.id)
        if type:
            query = query.where(entities.c.type == type)
        if limit:
            query = query.limit(limit)
        with self._read("listing entities") as conn:
            return [codec.loads(d) for d in conn.execute(query).scalars()]

    def entity(self, entity_id: str) -> dict[str, Any]:
        with self._read(f"reading entity {entity_id}") as conn:
            data = conn.execute(select(entities.c.data).where(entities.c.id == entity_id)).scalar()
        if data is None:
            raise NotFound(f"no entity {entity_id!r} in {self._display}")
        return codec.loads(data)

    def find_entities(self, name: str) -> list[dict[str, Any]]:
        """Entities whose name contains ``name`` (case-insensitive), most mentioned first."""
        pattern = f"%{name.lower()}%"
        query = (
            select(entities.c.data)
            .where(func.lower(entities.c.name).like(pattern))
            .order_by(entities.c.mentions.desc(), entities.c.id)
        )
        with self._read(f"looking up entities named {name!r}") as conn:
            return [codec.loads(d) for d in conn.execute(query).scalars()]

    def entity_links(self, entity_id: str | None = None, doc_ids: Iterable[str] | None = None) -> list[tuple[str, str, str]]:
        """(document, mention id, entity id) links of one entity, or of some documents, or all."""
        query = select(entity_mentions.c.document, entity_mentions.c.mention, entity_mentions.c.entity)
        if entity_id is not None:
            query = query.where(entity_mentions.c.entity == entity_id)
        if doc_ids is not None:
            query = query.where(entity_mentions.c.document.in_(list(doc_ids)))
        with self._read("reading entity links") as conn:
            return [tuple(r) for r in conn.execute(query.order_by(entity_mentions.c.document, entity_mentions.c.mention))]

    # -- cross-document groups of records ------------------------------------------------------------------

    def write_groups(self, kind: str, members: Iterable[tuple[str, str, str, str, dict[str, Any]]]) -> int:
        """Replace the groups of ``kind`` with (document, record id, group id, status, data) members."""
        rows = [
            {"kind": kind, "document": d, "record": r, "grp": g, "status": st, "data": codec.dumps(data)}
            for d, r, g, st, data in members
        ]
        with self._write(f"storing {kind} groups") as conn:
            conn.execute(delete(record_groups).where(record_groups.c.kind == kind))
            for chunk in _chunks(rows, 2000):
                insert_many(conn, record_groups, chunk)
        return len(rows)

    def groups(
        self, kind: str, doc_ids: Iterable[str] | None = None, group: str | None = None
    ) -> dict[tuple[str, str], dict[str, Any]]:
        """{(document, record id): {"group", "status", **data}} for ``kind``, of some documents or one group."""
        query = select(record_groups).where(record_groups.c.kind == kind)
        if group is not None:
            query = query.where(record_groups.c.grp == group)
        out: dict[tuple[str, str], dict[str, Any]] = {}
        chunks = _chunks(list(dict.fromkeys(doc_ids)), 500) if doc_ids is not None else [None]
        for chunk in chunks:
            q = query if chunk is None else query.where(record_groups.c.document.in_(chunk))
            with self._read(f"reading {kind} groups") as conn:
                for r in conn.execute(q.order_by(record_groups.c.grp, record_groups.c.document, record_groups.c.record)):
                    out[(r.document, r.record)] = {"group": r.grp, "status": r.status, **codec.loads(r.data)}
        return out

    # -- user corrections -----------------------------------------------------------------------------------

    def add_correction(self, kind: str, data: dict[str, Any]) -> int:
        with self._write(f"storing a {kind} correction") as conn:
            result = conn.execute(corrections.insert().values(kind=kind, data=codec.dumps(data), created=codec.now()))
            return int(result.inserted_primary_key[0])

    def corrections(self, include_undone: bool = False) -> list[dict[str, Any]]:
        query = select(corrections).order_by(corrections.c.id)
        if not include_undone:
            query = query.where(corrections.c.undone.is_(None))
        with self._read("reading corrections") as conn:
            return [
                {"id": r.id, "kind": r.kind, "data": codec.loads(r.data), "created": r.created, "undone": r.undone}
                for r in conn.execute(query)
            ]

    def undo_correction(self, correction_id: int) -> None:
        with self._write(f"undoing correction {correction_id}") as conn:
            changed = conn.execute(
                update(corrections)
                .where(and_(corrections.c.id == correction_id, corrections.c.undone.is_(None)))
                .values(undone=codec.now())
            ).rowcount
        if not changed:
            raise NotFound(f"no active correction {correction_id} in {self._display}")


def _chunks(values: list, size: int) -> Iterator[list]:
    for i in range(0, len(values), size):
        yield values[i : i + size]
