"""Shared fixtures.

``store_url`` gives a fresh, empty store location for each test, once per engine:

- ``sqlite``: a file in the test's tmp_path;
- ``postgresql``: a new schema in the database at ``NEWSPRISM_TEST_PG_URL`` (dropped afterwards), reached
  through ``?options=-csearch_path=<schema>`` so the store sees an empty database. Without that variable the
  PostgreSQL case is skipped, except in CI (``CI`` set), where it fails: CI must test both engines.
  ``.ci/run`` starts a throwaway PostgreSQL cluster and sets the variable.
"""

from __future__ import annotations

import os
import uuid

import pytest
import sqlalchemy

PG_ENV = "NEWSPRISM_TEST_PG_URL"


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _pg_admin_url() -> str:
    url = os.environ.get(PG_ENV, "").strip()
    if not url:
        message = (
            f"PostgreSQL tests need {PG_ENV}=postgresql://user:password@host:port/database (.ci/run sets it)"
        )
        if _in_ci():
            pytest.fail(f"CI is set but {PG_ENV} is not: {message}", pytrace=False)
        pytest.skip(message)
    return url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request, tmp_path):
    if request.param == "sqlite":
        yield str(tmp_path / "newsprism.db")
        return
    admin_url = _pg_admin_url()
    engine_url = sqlalchemy.engine.make_url(admin_url)
    if engine_url.drivername in ("postgresql", "postgres"):
        engine_url = engine_url.set(drivername="postgresql+psycopg")
    schema = f"newsprism_test_{uuid.uuid4().hex[:12]}"
    admin = sqlalchemy.create_engine(engine_url, poolclass=sqlalchemy.pool.NullPool)
    with admin.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    try:
        url = sqlalchemy.engine.make_url(admin_url).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()
