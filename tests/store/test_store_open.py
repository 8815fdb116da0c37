"""Opening a store: paths and URLs, SQLite settings, errors that say what to do, closing."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text

from newsprism.errors import StoreError
from newsprism.store import Store, open_store
from newsprism.store.engine import parse_target


def test_open_creates_sqlite_file_in_wal_mode(tmp_path):
    path = tmp_path / "new.db"
    with open_store(str(path)) as store:
        assert isinstance(store, Store)
        assert store.engine_name == "sqlite"
        assert store.url == str(path)
        assert str(path) in repr(store)
        with store._engine.connect() as conn:
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA busy_timeout")).scalar() > 0
    assert path.exists()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_open_accepts_sqlite_url_and_pathlike(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'a.db'}") as store:
        assert store.engine_name == "sqlite"
    with open_store(tmp_path / "b.db") as store:
        assert store.count_documents() == 0


def test_missing_parent_directory_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="does not exist; create it first"):
        open_store(str(tmp_path / "nowhere" / "x.db"))


def test_directory_is_refused(tmp_path):
    with pytest.raises(StoreError, match="is a directory"):
        open_store(str(tmp_path))


def test_a_file_that_is_not_sqlite_is_refused(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StoreError, match="not a SQLite database"):
        open_store(str(path))


@pytest.mark.parametrize("url", ["mysql://u:p@h/db", "postgresql+asyncpg://u:p@h/db", ":memory:"])
def test_unsupported_targets_are_refused(url):
    with pytest.raises(StoreError):
        open_store(url)


@pytest.mark.parametrize(
    "given", ["postgresql://u:s3cret@db.example:5433/news", "postgres://u:s3cret@db.example/news"]
)
def test_postgresql_urls_use_psycopg_and_hide_the_password(given):
    target = parse_target(given)
    assert target.url.drivername == "postgresql+psycopg"
    assert target.url.password == "s3cret"
    assert "s3cret" not in target.display and "***" in target.display


def test_open_store_hides_password_in_repr(store_url):
    with open_store(store_url) as store:
        assert store.url == store_url
        shown = repr(store) + str(store)
        if store.engine_name == "postgresql":
            from sqlalchemy.engine import make_url

            password = make_url(store_url).password
            if password:
                assert password not in shown
                assert "***" in shown


def test_unreachable_postgresql_is_a_store_error():
    # Port 1 on localhost: nothing listens there, the connection is refused at once.
    with pytest.raises(StoreError, match="open failed"):
        open_store("postgresql://nobody:pw@127.0.0.1:1/none?connect_timeout=3")


def test_closed_store_refuses_work(store_url):
    store = open_store(store_url)
    store.close()
    store.close()  # closing twice is fine
    with pytest.raises(StoreError, match="closed"):
        store.count_documents()
