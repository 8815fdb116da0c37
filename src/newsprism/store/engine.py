"""Engines: turn what the user typed (a SQLite file path or a postgresql:// URL) into a SQLAlchemy engine.

Everything engine-specific lives here, so the rest of the store is written once for both engines:

- SQLite runs in WAL mode with foreign keys on and a busy timeout, so readers never wait for the writer and
  a second writer waits its turn instead of failing. pysqlite's own transaction handling is switched off and
  we emit BEGIN ourselves: ``BEGIN IMMEDIATE`` for writes (take the write lock up front, so a transaction
  that reads before it writes cannot fail half-way on a lock upgrade) and a deferred ``BEGIN`` for reads (a
  consistent snapshot, no lock).
- PostgreSQL goes through psycopg 3: ``postgresql://`` is mapped to ``postgresql+psycopg://``.

``write_connection`` and ``read_connection`` are the only two ways the store talks to the database.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from ..errors import StoreError

BUSY_TIMEOUT_MS = 60_000  # how long a SQLite writer waits for another writer before giving up
_WRITE = "newsprism_write"  # connection execution option: this transaction will write


@dataclass(frozen=True)
class Target:
    """Where a store lives: the SQLAlchemy URL to connect to and a display form without the password."""

    url: URL
    display: str


def parse_target(url_or_path: str | os.PathLike[str]) -> Target:
    """A SQLite file path, a ``sqlite:///`` URL or a ``postgresql://`` URL; anything else is a StoreError."""
    given = os.fspath(url_or_path)
    if "://" not in given:
        return _sqlite_target(given, given)
    try:
        url = make_url(given)
    except ArgumentError:
        raise StoreError(
            f"{given!r} is not a valid store URL; give a SQLite file path or a postgresql:// URL"
        ) from None
    display = url.render_as_string(hide_password=True)
    backend, _, driver = url.drivername.partition("+")
    if backend in ("postgresql", "postgres"):
        if driver not in ("", "psycopg"):
            raise StoreError(
                f"{display}: newsprism talks to PostgreSQL through psycopg 3; use a postgresql:// URL"
            )
        return Target(url.set(drivername="postgresql+psycopg"), display)
    if backend == "sqlite":
        return _sqlite_target(url.database or "", display)
    raise StoreError(f"{display}: unsupported store; give a SQLite file path or a postgresql:// URL")


def _sqlite_target(path_text: str, display: str) -> Target:
    if path_text in ("", ":memory:") or path_text.startswith("file:"):
        raise StoreError(
            f"{display!r}: the store must be a SQLite file path (in-memory databases are not supported)"
        )
    path = Path(path_text).expanduser()
    if path.is_dir():
        raise StoreError(
            f"{display}: is a directory; give a file path for the store, e.g. {path / 'newsprism.db'}"
        )
    if not path.parent.is_dir():
        raise StoreError(
            f"{display}: directory {path.parent} does not exist; create it first or choose another path"
        )
    return Target(URL.create("sqlite+pysqlite", database=str(path)), display)


def make_engine(target: Target) -> Engine:
    if target.url.get_backend_name() == "sqlite":
        engine = create_engine(
            target.url,
            connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        )
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    query = dict(target.url.query)
    connect_args = {} if "connect_timeout" in query else {"connect_timeout": 15}
    try:
        return create_engine(target.url, pool_pre_ping=True, connect_args=connect_args)
    except (ModuleNotFoundError, NoSuchModuleError):
        raise StoreError(
            f"{target.display}: PostgreSQL support needs psycopg 3; "
            "install it with: pip install 'newsprism[postgres]'"
        ) from None


def _sqlite_on_connect(dbapi_connection, _record) -> None:
    # Autocommit at the driver level: we emit BEGIN ourselves (see _sqlite_on_begin).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        # WAL is a property of the file; set it only when it is not set yet (setting it needs a write lock).
        if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")  # safe with WAL: a crash loses at most the last commits
    finally:
        cursor.close()


def _sqlite_on_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITE) else "BEGIN")


@contextmanager
def write_connection(engine: Engine) -> Iterator[Connection]:
    """One write transaction: commits when the block ends, rolls back if it raises."""
    with engine.connect() as conn:
        conn.execution_options(**{_WRITE: True})
        with conn.begin():
            yield conn


@contextmanager
def read_connection(engine: Engine) -> Iterator[Connection]:
    """One read transaction (a consistent snapshot); nothing is written, the transaction is rolled back."""
    with engine.connect() as conn:
        yield conn


_PLACEHOLDER = {"qmark": "?", "format": "%s", "pyformat": "%s"}


def insert_many(conn, table, rows: list[dict[str, Any]]) -> None:
    """Insert many rows with the driver's own executemany where its parameter style is a plain one (SQLite,
    psycopg): SQLAlchemy's per-row parameter processing costs more than the insert itself for the
    thousands of small rows an analysis writes. Every row has the same keys (the columns' keys) and plain
    values the drivers take as they are (text, numbers, bytes, None); values are passed as parameters,
    never spliced into the statement."""
    mark = _PLACEHOLDER.get(conn.dialect.paramstyle)
    keys = rows[0].keys()
    if mark is None or any(row.keys() != keys for row in rows):
        conn.execute(table.insert(), rows)  # rows of several shapes: SQLAlchemy sorts them out
        return
    names = list(keys)
    quote = conn.dialect.identifier_preparer.quote
    columns = ", ".join(quote(table.c[n].name) for n in names)  # a row's keys are the columns' keys
    sql = (
        f"INSERT INTO {quote(table.name)} ({columns}) "
        f"VALUES ({', '.join([mark] * len(names))})"
    )
    conn.exec_driver_sql(sql, [tuple(row[n] for n in names) for row in rows])
