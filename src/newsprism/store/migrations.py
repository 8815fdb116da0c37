"""Ordered schema migrations, and the runner ``open_store`` calls.

``MIGRATIONS`` is append-only: each entry is (version, name, function(conn)). A migration runs once, in its
own transaction, and is recorded in ``schema_migrations``; a store opened by this code is brought up to
``LATEST``. A store whose newest version is above ``LATEST`` was written by a newer newsprism and is refused
(``SchemaError``) rather than misread.

Each migration spells out its own DDL, frozen as it was when written: never edit an applied migration and
never build one from ``schema.py`` (which always shows the latest picture). To change the schema, append a
migration and update ``schema.py``; ``tests/store/test_migrations.py`` checks that the two agree.

Concurrency: the first check is a plain read, so opening an up-to-date store never takes a lock (a reader
can open the store while a writer writes). Pending migrations are applied under the write lock
(``BEGIN IMMEDIATE`` on SQLite, a transaction-scoped advisory lock on PostgreSQL), and each one re-checks
whether another process applied it meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Double,
    Engine,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Table,
    Text,
    func,
    inspect,
    select,
    text,
)

from ..errors import SchemaError, StoreError
from . import schema
from .engine import read_connection, write_connection

# Any fixed 64-bit number: the PostgreSQL advisory lock serialising migrations within one database.
_PG_LOCK_KEY = 0x6E657773_70726973  # "newspris"


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[Connection], None]


def _v1_initial(conn: Connection) -> None:
    """Documents with their comments, removed blocks, links, raw input and near-duplicate keys; runs."""
    md = MetaData()

    def key() -> Text:
        return Text().with_variant(Text(collation="C"), "postgresql")

    def doc(primary_key: bool = True) -> Column:
        fk = ForeignKey("documents.id", ondelete="CASCADE")
        return Column("document", key(), fk, primary_key=primary_key, nullable=False)

    Table(
        "documents",
        md,
        Column("id", key(), primary_key=True),
        Column("source", Text, nullable=False),
        Column("reader", Text, nullable=False),
        Column("outlet", key()),
        Column("url", Text),
        Column("title", Text),
        Column("authors", Text, nullable=False),
        Column("published", key()),
        Column("published_source", Text),
        Column("published_confidence", Double),
        Column("language", Text),
        Column("body", Text, nullable=False),
        Column("fields", Text, nullable=False),
        Column("metadata", Text, nullable=False),
        Column("duplicate_of", key(), ForeignKey("documents.id", ondelete="SET NULL")),
        Column("similarity", Double),
        Column("raw_sha256", key(), nullable=False),
        Column("raw_size", BigInteger, nullable=False),
        Column("words", Integer, nullable=False),
        Column("ingested_at", Text, nullable=False),
        Index("ix_documents_outlet", "outlet", "published", "id"),  # outlet listings in document order
        Index("ix_documents_published", "published", "id"),  # document order
        Index("ix_documents_raw_sha256", "raw_sha256"),
    )
    Table(
        "comments",
        md,
        doc(),
        Column("seq", Integer, primary_key=True, autoincrement=False),
        Column("position", Integer, nullable=False),
        Column("author", Text),
        Column("posted", Text),
        Column("raw_posted", Text),
        Column("title", Text),
        Column("text", Text, nullable=False),
    )
    Table(
        "removed",
        md,
        doc(),
        Column("seq", Integer, primary_key=True, autoincrement=False),
        Column("text", Text, nullable=False),
        Column("reason", Text, nullable=False),
        Column("detail", Text, nullable=False),
    )
    Table(
        "links",
        md,
        doc(),
        Column("seq", Integer, primary_key=True, autoincrement=False),
        Column("start_offset", Integer, nullable=False),
        Column("end_offset", Integer, nullable=False),
        Column("text", Text, nullable=False),
        Column("url", Text, nullable=False),
    )
    Table(
        "raw",
        md,
        doc(),
        Column("data", LargeBinary),
        Column("location", Text),
        Column("sha256", Text, nullable=False),
        Column("size", BigInteger, nullable=False),
    )
    Table("minhash", md, doc(), Column("signature", LargeBinary, nullable=False))
    Table("minhash_bands", md, Column("band_key", key(), primary_key=True), doc())
    Table(
        "outlet_lines",
        md,
        Column("outlet", key(), primary_key=True),
        Column("line_hash", key(), primary_key=True),
        doc(),
    )
    Table(
        "runs",
        md,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("command", Text, nullable=False),
        Column("args", Text, nullable=False),
        Column("started", Text, nullable=False),
        Column("finished", Text),
        Column("counts", Text),
        sqlite_autoincrement=True,
    )
    Table(
        "skips",
        md,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("run", Integer, ForeignKey("runs.id", ondelete="CASCADE"), nullable=False),
        Column("source", Text, nullable=False),
        Column("reason", Text, nullable=False),
        Column("message", Text, nullable=False),
        Index("ix_skips_run", "run"),
        sqlite_autoincrement=True,
    )
    md.create_all(conn, checkfirst=False)


def _v2_stages(conn: Connection) -> None:
    """Per-document stage records and their versions; cross-document entities, links and user corrections."""
    md = MetaData()

    def key() -> Text:
        return Text().with_variant(Text(collation="C"), "postgresql")

    def doc() -> Column:
        fk = ForeignKey("documents.id", ondelete="CASCADE")
        return Column("document", key(), fk, primary_key=True, nullable=False)

    # the documents table exists; reflect only what the foreign keys need
    Table("documents", md, Column("id", key(), primary_key=True))
    Table(
        "stage_runs",
        md,
        doc(),
        Column("stage", key(), primary_key=True),
        Column("version", Integer, nullable=False),
        Column("model", Text, nullable=False),
        Column("records", Integer, nullable=False),
        Column("ran_at", Text, nullable=False),
        Index("ix_stage_runs_stage", "stage", "version"),
    )
    Table(
        "stage_records",
        md,
        doc(),
        Column("stage", key(), primary_key=True),
        Column("seq", Integer, primary_key=True, autoincrement=False),
        Column("start_offset", Integer, nullable=False),
        Column("end_offset", Integer, nullable=False),
        Column("data", Text, nullable=False),
        Index("ix_stage_records_stage", "stage", "document"),
    )
    Table(
        "entities",
        md,
        Column("id", key(), primary_key=True),
        Column("name", Text, nullable=False),
        Column("type", key(), nullable=False),
        Column("mentions", Integer, nullable=False),
        Column("data", Text, nullable=False),
        Index("ix_entities_type", "type", "mentions"),
    )
    Table(
        "entity_mentions",
        md,
        doc(),
        Column("mention", key(), primary_key=True),
        Column("entity", key(), nullable=False),
        Index("ix_entity_mentions_entity", "entity", "document"),
    )
    Table(
        "link_state",
        md,
        Column("name", key(), primary_key=True),
        Column("data", Text, nullable=False),
        Column("updated", Text, nullable=False),
    )
    Table(
        "corrections",
        md,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("kind", key(), nullable=False),
        Column("data", Text, nullable=False),
        Column("created", Text, nullable=False),
        Column("undone", Text),
        sqlite_autoincrement=True,
    )
    for name in ("stage_runs", "stage_records", "entities", "entity_mentions", "link_state", "corrections"):
        md.tables[name].create(conn, checkfirst=False)


def _v3_groups(conn: Connection) -> None:
    """Cross-document groups of stage records (the same statement quoted by several outlets, later figures)."""
    md = MetaData()

    def key() -> Text:
        return Text().with_variant(Text(collation="C"), "postgresql")

    Table("documents", md, Column("id", key(), primary_key=True))
    Table(
        "record_groups",
        md,
        Column("kind", key(), primary_key=True),
        Column("document", key(), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True, nullable=False),
        Column("record", key(), primary_key=True),
        Column("grp", key(), nullable=False),
        Column("status", key(), nullable=False),
        Column("data", Text, nullable=False),
        Index("ix_record_groups_grp", "kind", "grp"),
    )
    md.tables["record_groups"].create(conn, checkfirst=False)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial", _v1_initial),
    Migration(2, "stages", _v2_stages),
    Migration(3, "groups", _v3_groups),
)
LATEST = MIGRATIONS[-1].version

# Tables that mark a database as ours; finding any of them without schema_migrations means a foreign schema.
_OUR_TABLES = frozenset(t.name for t in schema.metadata.sorted_tables)


def current_version(conn: Connection) -> int:
    """The newest applied migration, 0 for an empty store."""
    if not inspect(conn).has_table(schema.schema_migrations.name):
        return 0
    return conn.execute(select(func.max(schema.schema_migrations.c.version))).scalar() or 0


def check_not_newer(version: int, display: str) -> None:
    if version > LATEST:
        raise SchemaError(
            f"{display} was written by a newer newsprism (schema v{version}); upgrade newsprism "
            f"(this version reads up to schema v{LATEST})"
        )


def migrate(engine: Engine, display: str) -> list[int]:
    """Apply pending migrations, each in its own transaction; return the versions applied (often none)."""
    with read_connection(engine) as conn:
        version = current_version(conn)
    check_not_newer(version, display)
    if version == LATEST:
        return []
    applied: list[int] = []
    for migration in MIGRATIONS:
        with write_connection(engine) as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
            _bootstrap(conn, display)
            version = current_version(conn)
            check_not_newer(version, display)
            if migration.version <= version:
                continue
            migration.apply(conn)
            conn.execute(
                schema.schema_migrations.insert().values(
                    version=migration.version,
                    name=migration.name,
                    applied_at=datetime.now(UTC).isoformat(timespec="microseconds"),
                )
            )
            applied.append(migration.version)
    return applied


def _bootstrap(conn: Connection, display: str) -> None:
    """Create schema_migrations in a new store; refuse a database already holding tables with our names."""
    tables = set(inspect(conn).get_table_names())
    if schema.schema_migrations.name in tables:
        return
    clash = sorted(tables & _OUR_TABLES)
    if clash:
        raise StoreError(
            f"{display} already has tables named {', '.join(clash)} but is not a newsprism store; "
            "use a new file or an empty database (on PostgreSQL, or a schema of its own: "
            "add ?options=-csearch_path%3Dnewsprism to the URL after CREATE SCHEMA newsprism)"
        )
    schema.schema_migrations.create(conn)
