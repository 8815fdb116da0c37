"""Migrations: applied once in order, reopening is a no-op, a newer store is refused, schema.py matches."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, select, text

from newsprism.errors import SchemaError, StoreError
from newsprism.store import migrations, open_store, schema
from newsprism.store.engine import make_engine, parse_target, write_connection


def _applied(store):
    with store._engine.connect() as conn:
        rows = conn.execute(
            select(schema.schema_migrations).order_by(schema.schema_migrations.c.version)
        ).all()
    return [tuple(r) for r in rows]


def test_migration_list_is_ordered_from_one():
    versions = [m.version for m in migrations.MIGRATIONS]
    assert versions == list(range(1, len(versions) + 1))
    assert versions[-1] == migrations.LATEST
    assert all(m.name for m in migrations.MIGRATIONS)


def test_migrations_apply_once_and_reopen_is_a_no_op(store_url):
    with open_store(store_url) as store:
        assert store.schema_version() == migrations.LATEST
        first = _applied(store)
    assert [row[0] for row in first] == [m.version for m in migrations.MIGRATIONS]
    with open_store(store_url) as store:
        assert store.schema_version() == migrations.LATEST
        assert _applied(store) == first  # nothing re-applied: same rows, same applied_at


def test_store_written_by_newer_newsprism_is_refused(store_url):
    with open_store(store_url) as store:
        newer = migrations.LATEST + 1
        with write_connection(store._engine) as conn:
            conn.execute(
                schema.schema_migrations.insert().values(
                    version=newer, name="future", applied_at="2099-01-01"
                )
            )
    with pytest.raises(SchemaError, match=rf"newer newsprism \(schema v{newer}\); upgrade newsprism"):
        open_store(store_url)


def test_migrated_store_matches_schema_module(store_url):
    """schema.py (what the queries use) must describe what the migrations build."""
    with open_store(store_url) as store, store._engine.connect() as conn:
        found = inspect(conn)
        assert set(found.get_table_names()) == set(schema.metadata.tables)
        for table in schema.metadata.sorted_tables:
            columns = {c["name"]: c for c in found.get_columns(table.name)}
            assert list(columns) == [c.name for c in table.columns], table.name
            for column in table.columns:
                assert columns[column.name]["nullable"] == column.nullable, (table.name, column.name)
            assert found.get_pk_constraint(table.name)["constrained_columns"] == [
                c.name for c in table.primary_key
            ]
            assert {i["name"]: i["column_names"] for i in found.get_indexes(table.name)} == {
                i.name: [c.name for c in i.columns] for i in table.indexes
            }
            fks = {
                (tuple(fk["constrained_columns"]), fk["referred_table"])
                for fk in found.get_foreign_keys(table.name)
            }
            assert fks == {((fk.parent.name,), fk.column.table.name) for fk in table.foreign_keys}


def test_database_with_foreign_tables_of_the_same_name_is_refused(store_url):
    engine = make_engine(parse_target(store_url))
    try:
        with write_connection(engine) as conn:
            conn.execute(text("CREATE TABLE documents (x INTEGER)"))
    finally:
        engine.dispose()
    with pytest.raises(StoreError, match="not a newsprism store"):
        open_store(store_url)


def test_unrelated_tables_are_left_alone(store_url):
    engine = make_engine(parse_target(store_url))
    try:
        with write_connection(engine) as conn:
            conn.execute(text("CREATE TABLE notes (x INTEGER)"))
    finally:
        engine.dispose()
    with open_store(store_url) as store:
        assert store.schema_version() == migrations.LATEST
