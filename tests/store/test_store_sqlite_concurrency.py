"""SQLite in WAL mode: readers work while a writer holds a transaction; a second writer waits its turn."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading

from newsprism.store import open_store

READER = """
import json, sys
from newsprism.store import open_store
with open_store(sys.argv[1]) as store:
    print(json.dumps([row["id"] for row in store.summaries()]))
"""


def _hold_write_transaction(path):
    """A raw connection in the middle of a write transaction (holding SQLite's write lock)."""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE documents SET title = 'uncommitted'")
    conn.execute("INSERT INTO runs (command, args, started) VALUES ('ingest', '{}', '2024-01-01')")
    return conn


def test_reader_process_reads_while_a_writer_holds_a_transaction(tmp_path, make_article):
    path = str(tmp_path / "wal.db")
    with open_store(path) as store:
        store.write_document(make_article("committed01"), raw=None)
    writer = _hold_write_transaction(path)
    try:
        result = subprocess.run(
            [sys.executable, "-c", READER, path], capture_output=True, text=True, timeout=120, check=False
        )
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout) == ["committed01"]
        with open_store(path) as reader:  # and another connection in this process
            assert [s["title"] for s in reader.summaries()] == ["Pier to reopen"]  # the committed state
            assert reader.runs() == []
    finally:
        writer.rollback()
        writer.close()


def test_second_writer_waits_for_the_first(tmp_path, make_article):
    path = str(tmp_path / "busy.db")
    with open_store(path) as store:
        writer = _hold_write_transaction(path)
        release = threading.Timer(0.5, writer.commit)
        release.start()
        try:
            assert store.write_document(make_article("waited0001"), raw=None)  # waits, does not fail
        finally:
            release.join()
            writer.close()
        assert store.count_documents() == 1
        assert len(store.runs()) == 1
