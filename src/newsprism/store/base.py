"""The Store: one interface over SQLite (the embedded default) and PostgreSQL.

Every method is one short transaction. ``write_document`` puts everything of a document in a single
transaction and is idempotent by id (the id is a content hash), so an interrupted ingest leaves a consistent
store and a rerun resumes where it stopped.

    with open_store("newsprism.db") as store:
        if store.write_document(article, raw=data):
            ...
        for article in store.iter_documents(outlet="Harbor Chronicle"):
            ...
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Row, func, select, tuple_, update
from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError

from ..errors import NotFound, StoreError
from ..records import Article
from . import codec, migrations
from .engine import insert_many, make_engine, parse_target, read_connection, write_connection
from .schema import (
    DOCUMENT_TABLES,
    comments,
    documents,
    links,
    minhash,
    minhash_bands,
    outlet_lines,
    raw,
    removed,
    runs,
    schema_migrations,
    skips,
)
from .stages import StageStore

MIN_PREFIX = 6  # shortest id prefix get_document accepts
_MAX_SHOWN = 100  # most matches an ambiguous prefix reports
_CHUNK = 500  # values per IN (...) list: well under every engine's parameter limit
_TABLES = {t.name: t for t in DOCUMENT_TABLES}
# Document order everywhere: published date (undated last), then id.
_ORDER = (documents.c.published.is_(None), documents.c.published, documents.c.id)


def open_store(url_or_path: str | os.PathLike[str]) -> Store:
    """Open (creating and migrating as needed) the store at a SQLite file path or a postgresql:// URL."""
    return Store(url_or_path)


class Store(StageStore):
    """Documents, their near-duplicate keys and the run log, on SQLite or PostgreSQL."""

    def __init__(self, url_or_path: str | os.PathLike[str]):
        self.url = os.fspath(url_or_path)
        target = parse_target(url_or_path)
        self._display = target.display
        self._engine = make_engine(target)
        self._closed = False
        self.engine_name: str = self._engine.dialect.name
        try:
            with self._errors("open"):
                migrations.migrate(self._engine, self._display)
        except BaseException:
            self._engine.dispose()
            raise

    # -- lifecycle ------------------------------------------------------------------------------------------

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self._display!r})"

    __str__ = __repr__

    @contextmanager
    def _errors(self, action: str) -> Iterator[None]:
        """Turn database errors into a one-line StoreError naming the store and what we were doing."""
        try:
            yield
        except SQLAlchemyError as exc:
            cause = exc.orig if isinstance(exc, DBAPIError) else exc
            detail = str(cause).strip().splitlines()[0] if str(cause).strip() else type(cause).__name__
            if "file is not a database" in detail:
                raise StoreError(
                    f"{self._display} is not a SQLite database; give a new file name or a newsprism store"
                ) from exc
            raise StoreError(f"{self._display}: {action} failed: {detail}") from exc

    @contextmanager
    def _read(self, action: str) -> Iterator[Connection]:
        self._check_open()
        with self._errors(action), read_connection(self._engine) as conn:
            yield conn

    @contextmanager
    def _write(self, action: str) -> Iterator[Connection]:
        self._check_open()
        with self._errors(action), write_connection(self._engine) as conn:
            yield conn

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError(f"{self._display}: the store is closed")

    def schema_version(self) -> int:
        with self._read("reading the schema version") as conn:
            return conn.execute(select(func.max(schema_migrations.c.version))).scalar() or 0

    # -- writing documents ----------------------------------------------------------------------------------

    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of these ids are stored already."""
        found: set[str] = set()
        with self._read("looking up ids") as conn:
            for chunk in _chunks(dict.fromkeys(ids)):
                found.update(conn.execute(select(documents.c.id).where(documents.c.id.in_(chunk))).scalars())
        return found

    def write_document(
        self,
        article: Article,
        *,
        raw: bytes | None,
        raw_location: str | None = None,
        signature: Sequence[int] | None = None,
        bands: Sequence[str] = (),
        line_hashes: Sequence[str] = (),
    ) -> bool:
        """Store a document and everything of it in one transaction; False (and no change) if already there.

        ``raw`` is kept zlib-compressed; when it is None, ``raw_location`` and the article's ``raw_sha256``
        and ``raw_size`` are kept instead. ``line_hashes`` count under the article's outlet ("" when unknown).
        """
        rows = codec.document_rows(
            article,
            raw=raw,
            raw_location=raw_location,
            signature=signature,
            bands=bands,
            line_hashes=line_hashes,
        )
        try:
            with self._write(f"storing {article.id}") as conn:
                if conn.execute(select(documents.c.id).where(documents.c.id == article.id)).first():
                    return False
                for name, table_rows in rows.items():
                    if table_rows:
                        insert_many(conn, _TABLES[name], table_rows)
            return True
        except StoreError as exc:
            if not isinstance(exc.__cause__, IntegrityError):
                raise
            if self.existing_ids([article.id]):
                return False  # another writer stored it first
            if article.duplicate_of is not None and not self.existing_ids([article.duplicate_of]):
                raise StoreError(
                    f"{article.id}: duplicate_of {article.duplicate_of!r} is not in the store; "
                    "store that document first"
                ) from exc.__cause__
            raise

    # -- reading documents ----------------------------------------------------------------------------------

    def count_documents(self) -> int:
        with self._read("counting documents") as conn:
            return conn.execute(select(func.count()).select_from(documents)).scalar_one()

    def get_document(self, doc_id: str) -> Article:
        """The document with this id, or with this unique id prefix (at least 6 characters)."""
        with self._read(f"reading {doc_id}") as conn:
            row = conn.execute(select(documents).where(documents.c.id == _resolve(conn, doc_id))).one()
            return _load(conn, [row])[0]

    def raw(self, doc_id: str) -> bytes | None:
        """The input bytes as given, or None when only their location and hash were stored."""
        with self._read(f"reading the raw input of {doc_id}") as conn:
            data = conn.execute(select(raw.c.data).where(raw.c.document == _resolve(conn, doc_id))).scalar()
        return codec.decompress(data)

    def raw_info(self, doc_id: str) -> dict[str, Any]:
        """What is known about the input: sha256, size, location, and whether the bytes are stored."""
        with self._read(f"reading the raw input of {doc_id}") as conn:
            full_id = _resolve(conn, doc_id)
            row = conn.execute(
                select(
                    raw.c.sha256, raw.c.size, raw.c.location, raw.c.data.is_not(None).label("stored")
                ).where(raw.c.document == full_id)
            ).first()
        if row is None:
            return {"id": full_id, "sha256": None, "size": None, "location": None, "stored": False}
        return {"id": full_id, **row._asdict(), "stored": bool(row.stored)}

    def iter_documents(
        self, *, outlet: str | None = None, ids: Iterable[str] | None = None, batch: int = 200
    ) -> Iterator[Article]:
        """Full Articles, streamed ``batch`` at a time (each batch one short read), undated last, then by id.

        With ``ids``, only those documents (ids not in the store are skipped). Documents stored while the
        iteration runs appear if they sort after the current position.
        """
        if batch < 1:
            raise ValueError("batch must be at least 1")
        if ids is not None:
            yield from self._iter_ids(ids, outlet, batch)
            return
        # Dated documents by (published, id), then undated ones by id: each batch is an index range scan
        # that starts after the last row of the previous batch (keyset pagination).
        pub, ident = documents.c.published, documents.c.id
        for dated in (True, False):
            last: Row | None = None
            while True:
                query = select(documents).limit(batch)
                if dated:
                    query = query.where(pub.is_not(None)).order_by(pub, ident)
                    if last is not None:
                        query = query.where(tuple_(pub, ident) > tuple_(last.published, last.id))
                else:
                    query = query.where(pub.is_(None)).order_by(ident)
                    if last is not None:
                        query = query.where(ident > last.id)
                if outlet is not None:
                    query = query.where(documents.c.outlet == outlet)
                with self._read("reading documents") as conn:
                    rows = conn.execute(query).all()
                    articles = _load(conn, rows)
                yield from articles
                if len(rows) < batch:
                    break
                last = rows[-1]

    def _iter_ids(self, ids: Iterable[str], outlet: str | None, batch: int) -> Iterator[Article]:
        keys: list[Row] = []
        with self._read("reading documents") as conn:
            for chunk in _chunks(dict.fromkeys(ids)):
                query = select(documents.c.id, documents.c.published).where(documents.c.id.in_(chunk))
                if outlet is not None:
                    query = query.where(documents.c.outlet == outlet)
                keys.extend(conn.execute(query))
        # Python compares str by code point, which is the byte order both engines sort keys in.
        keys.sort(key=lambda k: (k.published is None, k.published or "", k.id))
        for start in range(0, len(keys), batch):
            wanted = [k.id for k in keys[start : start + batch]]
            with self._read("reading documents") as conn:
                rows = {
                    r.id: r
                    for chunk in _chunks(wanted)
                    for r in conn.execute(select(documents).where(documents.c.id.in_(chunk)))
                }
                articles = _load(conn, [rows[i] for i in wanted if i in rows])
            yield from articles

    def summaries(self, *, outlet: str | None = None) -> list[dict[str, Any]]:
        """One light row per document (no body), in document order, for listings."""
        n_comments = select(func.count()).where(comments.c.document == documents.c.id).scalar_subquery()
        n_removed = select(func.count()).where(removed.c.document == documents.c.id).scalar_subquery()
        query = select(
            documents.c.id,
            documents.c.source,
            documents.c.outlet,
            documents.c.published,
            documents.c.published_confidence,
            documents.c.title,
            documents.c.words,
            n_comments.label("comments"),
            n_removed.label("removed"),
            documents.c.duplicate_of,
            documents.c.similarity,
        ).order_by(*_ORDER)
        if outlet is not None:
            query = query.where(documents.c.outlet == outlet)
        with self._read("listing documents") as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    # -- near-duplicate and boilerplate keys ----------------------------------------------------------------

    def band_candidates(self, bands: Sequence[str]) -> set[str]:
        """Ids of stored documents sharing at least one LSH band key (an index lookup per key)."""
        found: set[str] = set()
        with self._read("looking up near-duplicate candidates") as conn:
            for chunk in _chunks(dict.fromkeys(bands)):
                query = select(minhash_bands.c.document).where(minhash_bands.c.band_key.in_(chunk)).distinct()
                found.update(conn.execute(query).scalars())
        return found

    def signatures(self, doc_ids: Iterable[str]) -> dict[str, list[int]]:
        """MinHash signatures of these documents (those stored without one are left out)."""
        found: dict[str, list[int]] = {}
        with self._read("reading MinHash signatures") as conn:
            for chunk in _chunks(dict.fromkeys(doc_ids)):
                for doc, data in conn.execute(select(minhash).where(minhash.c.document.in_(chunk))):
                    found[doc] = codec.unpack_signature(bytes(data))
        return found

    def line_document_counts(self, outlet: str, line_hashes: Sequence[str]) -> dict[str, int]:
        """For each line hash, how many stored documents of this outlet contain that line (0 if none)."""
        counts = dict.fromkeys(line_hashes, 0)
        with self._read("counting repeated lines") as conn:
            for chunk in _chunks(counts):
                query = (
                    select(outlet_lines.c.line_hash, func.count())
                    .where(outlet_lines.c.outlet == outlet, outlet_lines.c.line_hash.in_(chunk))
                    .group_by(outlet_lines.c.line_hash)
                )
                counts.update({line_hash: n for line_hash, n in conn.execute(query)})
        return counts

    # -- runs and skips -------------------------------------------------------------------------------------

    def start_run(self, command: str, args: dict[str, Any]) -> int:
        with self._write("starting a run") as conn:
            result = conn.execute(
                runs.insert().values(command=command, args=codec.dumps_lenient(args), started=codec.now())
            )
            return int(result.inserted_primary_key[0])

    def record_skip(self, run_id: int, source: str, reason: str, message: str) -> None:
        try:
            with self._write("recording a skipped input") as conn:
                conn.execute(skips.insert().values(run=run_id, source=source, reason=reason, message=message))
        except StoreError as exc:
            if isinstance(exc.__cause__, IntegrityError):
                raise NotFound(f"no run {run_id} in {self._display}") from exc
            raise

    def finish_run(self, run_id: int, counts: dict[str, Any]) -> None:
        with self._write("finishing a run") as conn:
            values = {"finished": codec.now(), "counts": codec.dumps_lenient(counts)}
            if conn.execute(update(runs).where(runs.c.id == run_id).values(**values)).rowcount == 0:
                raise NotFound(f"no run {run_id} in {self._display}")

    def runs(self, limit: int = 20) -> list[dict[str, Any]]:
        """The newest runs first; ``finished`` is None for a run still going or killed."""
        with self._read("listing runs") as conn:
            rows = conn.execute(select(runs).order_by(runs.c.id.desc()).limit(limit)).all()
        return [
            {
                "id": r.id,
                "command": r.command,
                "args": codec.loads(r.args),
                "started": r.started,
                "finished": r.finished,
                "counts": codec.loads(r.counts),
            }
            for r in rows
        ]

    def skips(self, run_id: int | None = None) -> list[dict[str, Any]]:
        """Skipped inputs, in the order recorded: of one run, or of every run."""
        query = select(skips.c.id, skips.c.run, skips.c.source, skips.c.reason, skips.c.message).order_by(
            skips.c.id
        )
        if run_id is not None:
            query = query.where(skips.c.run == run_id)
        with self._read("listing skipped inputs") as conn:
            return [dict(row._mapping) for row in conn.execute(query)]


def _chunks(values: Iterable[str]) -> Iterator[list[str]]:
    chunk: list[str] = []
    for value in values:
        chunk.append(value)
        if len(chunk) == _CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _resolve(conn: Connection, doc_id: str) -> str:
    """The full id for an exact id or a unique prefix of MIN_PREFIX or more characters; else NotFound."""
    if conn.execute(select(documents.c.id).where(documents.c.id == doc_id)).first():
        return doc_id
    if len(doc_id) < MIN_PREFIX:
        raise NotFound(f"no document {doc_id!r}; give the full id or at least {MIN_PREFIX} characters of it")
    # Ids starting with the prefix are exactly those in [prefix, prefix with its last character bumped):
    # both engines compare ids by code point (see schema.key_type), so this is an index range scan.
    query = select(documents.c.id).where(documents.c.id >= doc_id).order_by(documents.c.id).limit(_MAX_SHOWN)
    upper = _prefix_upper_bound(doc_id)
    if upper is not None:
        query = query.where(documents.c.id < upper)
    matches = [i for i in conn.execute(query).scalars() if i.startswith(doc_id)]
    if not matches:
        raise NotFound(f"no document with id or id prefix {doc_id!r}")
    if len(matches) > 1:
        many = f"{len(matches)}" if len(matches) < _MAX_SHOWN else f"{_MAX_SHOWN} or more"
        shown = ", ".join(matches[:5]) + (", ..." if len(matches) > 5 else "")
        raise NotFound(
            f"id prefix {doc_id!r} is ambiguous: it matches {many} documents ({shown}); give more characters"
        )
    return matches[0]


def _prefix_upper_bound(prefix: str) -> str | None:
    """The smallest string above every string starting with ``prefix`` (None: no bound needed)."""
    stripped = prefix.rstrip("\U0010ffff")
    if not stripped:
        return None
    point = ord(stripped[-1]) + 1
    if 0xD800 <= point <= 0xDFFF:  # surrogates are not characters; the next one is U+E000
        point = 0xE000
    return stripped[:-1] + chr(point)


def _load(conn: Connection, doc_rows: Sequence[Row]) -> list[Article]:
    """Full Articles for these document rows, with their comments, removed blocks and links (4 queries)."""
    ids = [r.id for r in doc_rows]
    children: dict[str, dict[str, list[Any]]] = {}
    for table in (comments, removed, links):
        grouped: dict[str, list[Any]] = defaultdict(list)
        for chunk in _chunks(ids):
            query = select(table).where(table.c.document.in_(chunk)).order_by(table.c.document, table.c.seq)
            for row in conn.execute(query):
                grouped[row.document].append(row._mapping)
        children[table.name] = grouped
    return [
        codec.article_from_rows(
            row._mapping, children["comments"][row.id], children["removed"][row.id], children["links"][row.id]
        )
        for row in doc_rows
    ]
