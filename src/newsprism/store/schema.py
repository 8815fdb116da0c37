"""The store's tables as the code reads and writes them (the schema at ``migrations.LATEST``).

The tables are created and changed only by the ordered migrations in ``migrations.py``; this module is the
current picture the queries use, and a test checks that a freshly migrated store matches it. When a table
changes, add a migration *and* update this module.

Conventions, identical on both engines so that a store's content round-trips byte for byte:

- timestamps are ISO-8601 TEXT (UTC); JSON is TEXT written by ``codec.dumps`` (sorted keys, non-ASCII kept);
- ids and the other keys we compare and sort on use the "C" collation on PostgreSQL (plain byte order, like
  SQLite's BINARY), so ordering, prefix lookups and range scans agree between engines whatever the
  server's locale;
- child tables keep a ``seq`` column: the position of the record in the Article's tuple.

    documents ─┬─ comments (document, seq)          one Article and its nested records
               ├─ removed (document, seq)
               ├─ links (document, seq)
               ├─ raw (document)                    the input bytes, zlib-compressed, or where they are
               ├─ minhash (document)                MinHash signature: uint64 array, little-endian
               ├─ minhash_bands (band_key, document)   LSH blocking keys
               └─ outlet_lines (outlet, line_hash, document)  repeated-line (boilerplate) counting
               ├─ stage_runs (document, stage)      which stage version ran on it, with which model
               ├─ stage_records (document, stage, seq)  the stage's records as JSON, with their offsets
               └─ entity_mentions (document, mention)   which entity each mention was linked to
               └─ record_groups (kind, document, record)  cross-document groups of records (quotes, ...)
    entities                                        cross-document entities (Entity.as_dict() in data)
    link_state (name)                               the linker's index, so new documents link incrementally
    corrections                                     user merges, splits and aliases, replayed on every link
    runs ── skips                                   what each command did and what it skipped
    schema_migrations                               which migrations have been applied
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Double,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Table,
    Text,
)
from sqlalchemy.types import TypeEngine


def key_type() -> TypeEngine:
    """TEXT compared byte-wise on both engines (COLLATE "C" on PostgreSQL, SQLite's default BINARY)."""
    return Text().with_variant(Text(collation="C"), "postgresql")


def _doc_fk(*, primary_key: bool = False) -> Column:
    return Column(
        "document",
        key_type(),
        ForeignKey("documents.id", ondelete="CASCADE"),
        primary_key=primary_key,
        nullable=False,
    )


metadata = MetaData()

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("name", Text, nullable=False),
    Column("applied_at", Text, nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", key_type(), primary_key=True),
    Column("source", Text, nullable=False),
    Column("reader", Text, nullable=False),
    Column("outlet", key_type()),
    Column("url", Text),
    Column("title", Text),
    Column("authors", Text, nullable=False),  # JSON list
    Column("published", key_type()),
    Column("published_source", Text),
    Column("published_confidence", Double),
    Column("language", Text),
    Column("body", Text, nullable=False),
    Column("fields", Text, nullable=False),  # JSON: name -> Provenance.as_dict()
    Column("metadata", Text, nullable=False),  # JSON object
    Column("duplicate_of", key_type(), ForeignKey("documents.id", ondelete="SET NULL")),
    Column("similarity", Double),
    Column("raw_sha256", key_type(), nullable=False),
    Column("raw_size", BigInteger, nullable=False),
    Column("words", Integer, nullable=False),
    Column("ingested_at", Text, nullable=False),
    Index("ix_documents_outlet", "outlet", "published", "id"),  # outlet listings in document order
    Index("ix_documents_published", "published", "id"),  # document order
    Index("ix_documents_raw_sha256", "raw_sha256"),
)

comments = Table(
    "comments",
    metadata,
    _doc_fk(primary_key=True),
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("position", Integer, nullable=False),
    Column("author", Text),
    Column("posted", Text),
    Column("raw_posted", Text),
    Column("title", Text),
    Column("text", Text, nullable=False),
)

removed = Table(
    "removed",
    metadata,
    _doc_fk(primary_key=True),
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("text", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("detail", Text, nullable=False),
)

links = Table(
    "links",
    metadata,
    _doc_fk(primary_key=True),
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("start_offset", Integer, nullable=False),
    Column("end_offset", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("url", Text, nullable=False),
)

raw = Table(
    "raw",
    metadata,
    _doc_fk(primary_key=True),
    Column("data", LargeBinary),  # zlib-compressed input bytes, or NULL when stored by location
    Column("location", Text),
    Column("sha256", Text, nullable=False),
    Column("size", BigInteger, nullable=False),
)

minhash = Table(
    "minhash",
    metadata,
    _doc_fk(primary_key=True),
    Column("signature", LargeBinary, nullable=False),
)

# The primary keys below lead with the lookup key, so they are the indexes the lookups use.
minhash_bands = Table(
    "minhash_bands",
    metadata,
    Column("band_key", key_type(), primary_key=True),
    _doc_fk(primary_key=True),
)

outlet_lines = Table(
    "outlet_lines",
    metadata,
    Column("outlet", key_type(), primary_key=True),
    Column("line_hash", key_type(), primary_key=True),
    _doc_fk(primary_key=True),
)

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("command", Text, nullable=False),
    Column("args", Text, nullable=False),  # JSON object
    Column("started", Text, nullable=False),
    Column("finished", Text),  # NULL while running, or when the run was killed
    Column("counts", Text),  # JSON object
    sqlite_autoincrement=True,
)

skips = Table(
    "skips",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run", Integer, ForeignKey("runs.id", ondelete="CASCADE"), nullable=False),
    Column("source", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("message", Text, nullable=False),
    Index("ix_skips_run", "run"),
    sqlite_autoincrement=True,
)

stage_runs = Table(
    "stage_runs",
    metadata,
    _doc_fk(primary_key=True),
    Column("stage", key_type(), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("model", Text, nullable=False),  # the spaCy model the records rest on, "" for none
    Column("records", Integer, nullable=False),
    Column("ran_at", Text, nullable=False),
    Index("ix_stage_runs_stage", "stage", "version"),
)

stage_records = Table(
    "stage_records",
    metadata,
    _doc_fk(primary_key=True),
    Column("stage", key_type(), primary_key=True),
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("start_offset", Integer, nullable=False),
    Column("end_offset", Integer, nullable=False),
    Column("data", Text, nullable=False),  # JSON: the record's as_dict()
    Index("ix_stage_records_stage", "stage", "document"),
)

entities = Table(
    "entities",
    metadata,
    Column("id", key_type(), primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", key_type(), nullable=False),
    Column("mentions", Integer, nullable=False),
    Column("data", Text, nullable=False),  # JSON: Entity.as_dict()
    Index("ix_entities_type", "type", "mentions"),
)

entity_mentions = Table(
    "entity_mentions",
    metadata,
    _doc_fk(primary_key=True),
    Column("mention", key_type(), primary_key=True),
    Column("entity", key_type(), nullable=False),
    Index("ix_entity_mentions_entity", "entity", "document"),
)

link_state = Table(
    "link_state",
    metadata,
    Column("name", key_type(), primary_key=True),
    Column("data", Text, nullable=False),  # JSON
    Column("updated", Text, nullable=False),
)

corrections = Table(
    "corrections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", key_type(), nullable=False),  # merge, split, alias, rename
    Column("data", Text, nullable=False),  # JSON
    Column("created", Text, nullable=False),
    Column("undone", Text),  # when the user undid it; kept for the record
    sqlite_autoincrement=True,
)

record_groups = Table(
    "record_groups",
    metadata,
    Column("kind", key_type(), primary_key=True),  # "quotes", later "figures", "claims"
    _doc_fk(primary_key=True),
    Column("record", key_type(), primary_key=True),  # the record's id inside its document ("q3")
    Column("grp", key_type(), nullable=False),
    Column("status", key_type(), nullable=False),  # per kind: for quotes "same", "cut", "changed", "single"
    Column("data", Text, nullable=False),  # JSON: what the grouping says about this member
    Index("ix_record_groups_grp", "kind", "grp"),
)

# Tables holding one document's data, children after their parent (insert order).
DOCUMENT_TABLES = (documents, comments, removed, links, raw, minhash, minhash_bands, outlet_lines)

__all__ = [
    "DOCUMENT_TABLES",
    "comments",
    "corrections",
    "documents",
    "entities",
    "entity_mentions",
    "key_type",
    "link_state",
    "links",
    "metadata",
    "minhash",
    "minhash_bands",
    "outlet_lines",
    "raw",
    "record_groups",
    "removed",
    "runs",
    "schema_migrations",
    "skips",
    "stage_records",
    "stage_runs",
]
