"""The run log: what each command was asked, what it counted and what it skipped."""

from __future__ import annotations

import pytest

from newsprism.errors import NotFound


def test_runs_and_skips(store):
    first = store.start_run("ingest", {"paths": ["examples/"], "db": "x.db"})
    store.record_skip(first, "examples/empty.md", "empty", "the input has no content")
    store.record_skip(first, "feed.xml", "empty-feed", "the feed has no entries")
    store.finish_run(first, {"stored": 3, "skipped": 2, "by_reason": {"empty": 1, "empty-feed": 1}})
    second = store.start_run("ingest", {"paths": ["more/"], "note": "crème 🚢"})
    store.record_skip(second, "more/bad.bin", "binary", "not text")
    killed = store.start_run("ingest", {})  # never finished, like a killed run

    assert first < second < killed
    runs = store.runs()
    assert [r["id"] for r in runs] == [killed, second, first]
    assert runs[2]["command"] == "ingest"
    assert runs[2]["args"] == {"paths": ["examples/"], "db": "x.db"}
    assert runs[2]["counts"] == {"stored": 3, "skipped": 2, "by_reason": {"empty": 1, "empty-feed": 1}}
    assert runs[2]["started"] <= runs[2]["finished"]
    assert runs[1]["args"]["note"] == "crème 🚢"
    assert runs[0]["finished"] is None and runs[0]["counts"] is None
    assert [r["id"] for r in store.runs(limit=1)] == [killed]

    assert store.skips(first) == [
        {
            "id": 1,
            "run": first,
            "source": "examples/empty.md",
            "reason": "empty",
            "message": "the input has no content",
        },
        {
            "id": 2,
            "run": first,
            "source": "feed.xml",
            "reason": "empty-feed",
            "message": "the feed has no entries",
        },
    ]
    assert [s["source"] for s in store.skips()] == ["examples/empty.md", "feed.xml", "more/bad.bin"]
    assert store.skips(killed) == []


def test_args_that_json_cannot_hold_are_written_as_text(store, tmp_path):
    run = store.start_run("ingest", {"path": tmp_path})
    assert store.runs()[0]["args"] == {"path": str(tmp_path)}
    store.finish_run(run, {})


def test_unknown_run(store):
    with pytest.raises(NotFound):
        store.finish_run(999, {})
    with pytest.raises(NotFound):
        store.record_skip(999, "x", "empty", "m")
