"""Writing and reading documents on both engines."""

from __future__ import annotations

import hashlib
import zlib

import pytest
from sqlalchemy import event, func, select

from newsprism.errors import NotFound, StoreError
from newsprism.store import schema


def _rows_per_table(store) -> dict[str, int]:
    with store._engine.connect() as conn:
        return {
            t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in schema.DOCUMENT_TABLES
        }


def _write(store, article, **keys):
    return store.write_document(article, raw=article.body.encode(), **keys)


def test_write_then_read_returns_the_same_article(store, make_article):
    article = make_article()
    assert store.write_document(
        article, raw=b"# Pier to reopen\n...", signature=[1, 2, 3], bands=["b1"], line_hashes=["h1", "h2"]
    )
    assert store.get_document(article.id) == article
    assert list(store.iter_documents()) == [article]
    assert store.count_documents() == 1
    assert store.existing_ids([article.id, "missing"]) == {article.id}


def test_second_write_returns_false_and_duplicates_nothing(store, make_article):
    article = make_article()
    keys = dict(signature=[7, 8], bands=["b1", "b2"], line_hashes=["h1"])
    assert _write(store, article, **keys) is True
    before = _rows_per_table(store)
    assert before == {
        "documents": 1,
        "comments": 2,
        "removed": 2,
        "links": 1,
        "raw": 1,
        "minhash": 1,
        "minhash_bands": 2,
        "outlet_lines": 1,
    }
    changed = make_article(title="Another title", comments=())  # same id, different content
    assert _write(store, changed, **keys) is False
    assert _rows_per_table(store) == before
    assert store.get_document(article.id) == article


def test_raw_bytes_are_stored_compressed_and_returned_as_given(store, make_article):
    data = ("Harbor officials said… 🚢\n" * 200).encode()
    article = make_article(raw_sha256=hashlib.sha256(data).hexdigest(), raw_size=len(data))
    store.write_document(article, raw=data, raw_location="examples/pier.md")
    assert store.raw(article.id) == data
    with store._engine.connect() as conn:
        stored = conn.execute(select(schema.raw.c.data)).scalar_one()
    assert zlib.decompress(stored) == data and len(stored) < len(data)
    info = store.raw_info(article.id[:8])
    assert info == {
        "id": article.id,
        "sha256": hashlib.sha256(data).hexdigest(),
        "size": len(data),
        "location": "examples/pier.md",
        "stored": True,
    }


def test_large_input_kept_by_location_and_hash(store, make_article):
    article = make_article(raw_sha256="ab" * 32, raw_size=50_000_000)
    store.write_document(article, raw=None, raw_location="/data/huge.warc.gz")
    assert store.raw(article.id) is None
    assert store.raw_info(article.id) == {
        "id": article.id,
        "sha256": "ab" * 32,
        "size": 50_000_000,
        "location": "/data/huge.warc.gz",
        "stored": False,
    }
    with pytest.raises(NotFound):
        store.raw("ffffffffffff")


def test_prefix_lookup(store, make_article):
    for doc_id in ("abcdef0011", "abcdef0022", "ABCDEF0099", "a%cdef_111"):
        _write(store, make_article(doc_id))
    assert store.get_document("abcdef001").id == "abcdef0011"
    assert store.get_document("abcdef0022").id == "abcdef0022"  # exact id
    with pytest.raises(NotFound, match="ambiguous: it matches 2 documents"):
        store.get_document("abcdef00")
    with pytest.raises(NotFound, match="at least 6 characters"):
        store.get_document("abcde")
    with pytest.raises(NotFound, match="no document"):
        store.get_document("abcdef0099")  # prefix matching is case-sensitive on both engines
    with pytest.raises(NotFound):
        store.get_document("a_cdef")  # LIKE wildcards in the prefix are literal
    assert store.get_document("a%cdef_").id == "a%cdef_111"
    with pytest.raises(NotFound):
        store.get_document("zzzzzzzz")


def test_prefix_lookup_with_any_characters(store, make_article):
    ids = ["ünïcødé-1", "prefi\U0010ffff\U0010ffff1", "prefj0", "abcde\ud7ffz", "abcde\ue000z", "abcdf0"]
    for doc_id in ids:
        _write(store, make_article(doc_id))
    assert store.get_document("ünïcødé").id == "ünïcødé-1"
    assert store.get_document("prefi\U0010ffff").id == ids[1]
    assert store.get_document("abcde\ud7ff").id == ids[3]
    assert store.get_document("abcde\ue000").id == ids[4]


def test_document_order_and_batches(store, make_article):
    specs = [
        ("d5", None),
        ("d1", "2024-05-02"),
        ("d4", "2024-05-01T10:00"),
        ("d3", "2024-05-01T10:00"),
        ("d2", None),
        ("d0", "2023-12-31"),
        ("Z9", "2024-05-02"),
        ("é1", "2024-05-02"),
    ]
    for doc_id, published in specs:
        _write(store, make_article(doc_id, published=published, outlet="A" if doc_id < "d3" else "B"))
    expected = [
        "d0",
        "d3",
        "d4",
        "Z9",
        "d1",
        "é1",
        "d2",
        "d5",
    ]  # published (undated last), then id by code point
    for batch in (1, 2, 3, 200):
        assert [a.id for a in store.iter_documents(batch=batch)] == expected
    assert [s["id"] for s in store.summaries()] == expected
    assert [a.id for a in store.iter_documents(outlet="A", batch=2)] == ["d0", "Z9", "d1", "d2"]
    assert [s["id"] for s in store.summaries(outlet="B")] == ["d3", "d4", "é1", "d5"]
    assert [a.id for a in store.iter_documents(ids=["d5", "nope", "d1", "d0", "d1"], batch=2)] == [
        "d0",
        "d1",
        "d5",
    ]
    assert list(store.iter_documents(outlet="nobody")) == []
    with pytest.raises(ValueError):
        list(store.iter_documents(batch=0))


def test_summaries_are_light_rows(store, make_article):
    original = make_article("aaaaaa0001")
    store.write_document(original, raw=b"x")
    copy = make_article(
        "bbbbbb0002",
        comments=(),
        removed=(),
        duplicate_of=original.id,
        similarity=0.93,
        published=None,
        published_confidence=None,
    )
    store.write_document(copy, raw=None)
    assert store.summaries() == [
        {
            "id": "aaaaaa0001",
            "source": original.source,
            "outlet": "Harbor Chronicle",
            "published": original.published,
            "published_confidence": 0.9,
            "title": "Pier to reopen",
            "words": original.words,
            "comments": 2,
            "removed": 2,
            "duplicate_of": None,
            "similarity": None,
        },
        {
            "id": "bbbbbb0002",
            "source": copy.source,
            "outlet": "Harbor Chronicle",
            "published": None,
            "published_confidence": None,
            "title": "Pier to reopen",
            "words": copy.words,
            "comments": 0,
            "removed": 0,
            "duplicate_of": "aaaaaa0001",
            "similarity": 0.93,
        },
    ]


def test_tuple_order_kept_even_when_positions_are_odd(store, make_article):
    comments = tuple(make_article().comments[0].__class__(p, f"c{p}") for p in (3, 1, 1, -2))
    article = make_article(comments=comments)
    _write(store, article)
    assert store.get_document(article.id).comments == comments


def test_failure_midway_leaves_nothing_of_the_document(store, make_article):
    article = make_article()

    def fail_on_comments(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("INSERT INTO COMMENTS"):
            raise RuntimeError("injected failure after the document row")

    event.listen(store._engine, "before_cursor_execute", fail_on_comments)
    try:
        with pytest.raises(Exception, match="injected failure"):
            _write(store, article, signature=[1], bands=["b"], line_hashes=["h"])
    finally:
        event.remove(store._engine, "before_cursor_execute", fail_on_comments)
    assert all(n == 0 for n in _rows_per_table(store).values())
    assert _write(store, article, signature=[1], bands=["b"], line_hashes=["h"]) is True  # the rerun resumes
    assert store.get_document(article.id) == article


def test_nul_characters_are_refused_on_both_engines(store, make_article):
    with pytest.raises(StoreError, match=r"documents.body contains a NUL"):
        _write(store, make_article(body="before\x00after"))
    with pytest.raises(StoreError, match=r"comments.text contains a NUL"):
        _write(store, make_article(comments=(make_article().comments[0].__class__(1, "a\x00"),)))
    assert store.count_documents() == 0
    # Inside JSON values a NUL is escaped, so it is stored and read back.
    article = make_article(metadata={"note": "a\x00b"})
    _write(store, article)
    assert store.get_document(article.id) == article


def test_duplicate_of_must_name_a_stored_document(store, make_article):
    with pytest.raises(StoreError, match="duplicate_of 'missing0001' is not in the store"):
        _write(store, make_article("copy000001", duplicate_of="missing0001"))
    assert store.count_documents() == 0


def test_values_json_cannot_hold_are_refused(store, make_article):
    with pytest.raises(StoreError, match="must be JSON values"):
        _write(store, make_article(metadata={"when": object()}))
