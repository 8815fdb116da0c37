"""Several writers at once, on both engines: stores open once, a document is stored once."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from newsprism.store import migrations, open_store


def _together(n, work):
    """Run work(i) in n threads released at the same moment; return the results."""
    barrier = threading.Barrier(n)

    def run(i):
        barrier.wait()
        return work(i)

    with ThreadPoolExecutor(n) as pool:
        return list(pool.map(run, range(n)))


def test_stores_opened_at_once_migrate_once(store_url):
    stores = _together(4, lambda _: open_store(store_url))
    try:
        for store in stores:
            assert store.schema_version() == migrations.LATEST
    finally:
        for store in stores:
            store.close()


def test_same_document_written_at_once_is_stored_once(store_url, make_article):
    stores = [open_store(store_url) for _ in range(4)]
    try:
        for round_ in range(5):
            article = make_article(f"race{round_:06d}")

            def write(i, article=article):
                return stores[i].write_document(article, raw=b"x", bands=["b"], line_hashes=["h"])

            results = _together(4, write)
            assert sorted(results) == [False, False, False, True]
            assert stores[0].get_document(article.id) == article
        assert stores[0].count_documents() == 5
        assert stores[0].line_document_counts("Harbor Chronicle", ["h"]) == {"h": 5}
    finally:
        for store in stores:
            store.close()
