"""Near-duplicate keys (MinHash signatures, LSH bands) and repeated-line counts."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from newsprism.errors import StoreError


def test_band_candidates_and_signatures(store, make_article):
    store.write_document(
        make_article("doc0000001"), raw=None, signature=[0, 1, 2**64 - 1], bands=["0:aa", "1:bb"]
    )
    store.write_document(make_article("doc0000002"), raw=None, signature=[5, 6, 7], bands=["0:aa", "1:cc"])
    store.write_document(make_article("doc0000003"), raw=None, bands=["1:dd"])  # stored without a signature
    assert store.band_candidates(["0:aa"]) == {"doc0000001", "doc0000002"}
    assert store.band_candidates(["1:cc", "1:dd", "9:zz"]) == {"doc0000002", "doc0000003"}
    assert store.band_candidates([]) == set()
    assert store.signatures(["doc0000001", "doc0000002", "doc0000003", "nope"]) == {
        "doc0000001": [0, 1, 2**64 - 1],
        "doc0000002": [5, 6, 7],
    }


def test_many_keys_are_looked_up_in_chunks(store, make_article):
    bands = [f"b{i}" for i in range(1200)]
    store.write_document(make_article("doc0000001"), raw=None, bands=bands, line_hashes=bands)
    assert store.band_candidates(["x"] * 700 + bands[-1:]) == {"doc0000001"}
    counts = store.line_document_counts("Harbor Chronicle", [*bands, "missing"])
    assert len(counts) == 1201 and counts["missing"] == 0 and set(counts.values()) == {0, 1}


def test_signature_values_must_be_uint64(store, make_article):
    with pytest.raises(StoreError, match="integers in"):
        store.write_document(make_article(), raw=None, signature=[-1])
    assert store.count_documents() == 0


def test_line_document_counts_per_outlet(store, make_article):
    store.write_document(make_article("doc0000001", outlet="A"), raw=None, line_hashes=["h1", "h2", "h2"])
    store.write_document(make_article("doc0000002", outlet="A"), raw=None, line_hashes=["h1"])
    store.write_document(make_article("doc0000003", outlet="B"), raw=None, line_hashes=["h1", "h3"])
    store.write_document(make_article("doc0000004", outlet=None), raw=None, line_hashes=["h1"])
    assert store.line_document_counts("A", ["h1", "h2", "h3", "h4"]) == {"h1": 2, "h2": 1, "h3": 0, "h4": 0}
    assert store.line_document_counts("B", ["h1", "h3"]) == {"h1": 1, "h3": 1}
    assert store.line_document_counts("", ["h1"]) == {"h1": 1}  # documents without an outlet
    assert store.line_document_counts("A", []) == {}


def _plans(store, call):
    """Run call(); return SQLite's query plan for every SELECT it ran."""
    statements = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters))

    event.listen(store._engine, "before_cursor_execute", capture)
    try:
        call()
    finally:
        event.remove(store._engine, "before_cursor_execute", capture)
    plans = []
    raw = store._engine.raw_connection()
    try:
        for statement, parameters in statements:
            rows = raw.cursor().execute("EXPLAIN QUERY PLAN " + statement, parameters).fetchall()
            plans.append(" | ".join(row[-1] for row in rows))
    finally:
        raw.close()
    return plans


def test_key_lookups_use_indexes_not_scans(tmp_path, make_article):
    from newsprism.store import open_store

    with open_store(str(tmp_path / "plan.db")) as store:
        store.write_document(make_article(), raw=None, signature=[1], bands=["k"], line_hashes=["h"])
        for call in (
            lambda: store.band_candidates(["k", "j"]),
            lambda: store.signatures(["a1b2c3d4e5f60718"]),
            lambda: store.line_document_counts("Harbor Chronicle", ["h"]),
            lambda: store.existing_ids(["a1b2c3d4e5f60718"]),
            lambda: store.get_document("a1b2c3d4"),  # prefix lookup: an index range, not a scan
        ):
            plans = _plans(store, call)
            assert plans
            for plan in plans:
                assert "USING" in plan and "SCAN" not in plan, plan
