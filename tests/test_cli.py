"""The command line, run as a user runs it: exit codes, one line per bad input, no tracebacks, kill and resume."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsprism.store import open_store

GOOD = (
    "# Ferry service resumes after storm\n\n**Lena Ortiz**\n\n12 May 2022\n\n"
    "The coastal ferry resumed its crossings on Thursday after three days of suspended service, the operator said. "
    "Passengers queued from early morning at the terminal, and officials said extra sailings would run over the weekend.\n\n"
    "The storm brought down power lines across the island and closed two schools, according to the regional council."
)


def run(*args: str, env: dict | None = None, input: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newsprism.cli", *args],
        capture_output=True,
        env={**os.environ, **(env or {})},
        input=input,
        timeout=300,
    )


@pytest.fixture
def bad_batch(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.md").write_text(GOOD, encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.txt").write_bytes(b"   \n\n  ")
    (d / "scan.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    (d / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (d / "nul.txt").write_bytes(b"some text\x00\x00\x01\x02 with nul bytes")
    (d / "chrome.txt").write_text("Share this article\n\nAdvertisement\n\nSubscribe now\n", encoding="utf-8")
    (d / "bad.jsonl").write_text(
        json.dumps({"title": "Ok row", "text": GOOD.split("\n\n", 4)[-1]}) + "\n{not json\n", encoding="utf-8"
    )
    (d / "archive.gz").write_bytes(gzip.compress(b"just some text, not a warc"))
    (d / "empty.xml").write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>X</title></channel></rss>')
    return d


def test_bad_inputs_one_line_each_and_the_batch_goes_on(bad_batch, tmp_path):
    db = tmp_path / "t.db"
    p = run("ingest", str(bad_batch), "http://127.0.0.1:9/unreachable", "--db", str(db), "--json")
    err = p.stderr.decode()
    assert p.returncode == 0, err
    assert "Traceback" not in err
    summary = json.loads(p.stdout)
    assert summary["ingested"] == 2  # good.md and the good line of bad.jsonl
    reasons = summary["skipped_by_reason"]
    assert reasons["empty"] == 2 and reasons["binary"] == 4 and reasons["no-text"] == 1
    assert reasons["malformed"] == 1 and reasons["empty-feed"] == 1 and reasons["unreachable"] == 1
    skipped = [line for line in err.splitlines() if line.startswith("skipped ")]
    assert len(skipped) == summary["skipped"] == 10
    assert any("bad.jsonl:2" in line for line in skipped)  # the malformed line is named
    assert any("scan.pdf" in line and "PDF" in line for line in skipped)
    # the skips are kept with the run, for `newsprism runs --skips`
    with open_store(str(db)) as store:
        assert len(store.skips()) == 10
        assert store.runs()[0]["counts"]["skipped"] == 10


def test_exit_codes(bad_batch, tmp_path):
    db = str(tmp_path / "t.db")
    nothing = run("ingest", str(bad_batch / "empty.txt"), str(bad_batch / "scan.pdf"), "--db", db)
    assert nothing.returncode == 1 and b"Traceback" not in nothing.stderr
    strict = run("ingest", str(bad_batch), "--db", db, "--strict")
    assert strict.returncode == 3
    missing = run("ingest", str(tmp_path / "nope.txt"), "--db", db)
    assert missing.returncode == 1 and b"no such file" in missing.stderr
    bad_db = run("docs", "--db", str(tmp_path / "no" / "dir" / "x.db"))
    assert bad_db.returncode == 4 and b"Traceback" not in bad_db.stderr
    usage = run("ingest", "--db", db)
    assert usage.returncode == 2


def test_too_large_is_skipped(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text(GOOD * 40, encoding="utf-8")
    p = run("ingest", str(big), "--db", str(tmp_path / "t.db"), env={"NEWSPRISM_MAX_INPUT_MB": "0.001"})
    assert p.returncode == 1 and b"over the" in p.stderr and b"Traceback" not in p.stderr


def test_stdin_docs_show_export_report(tmp_path):
    db = str(tmp_path / "t.db")
    p = run("ingest", "-", "--db", db, input=GOOD.encode())
    assert p.returncode == 0, p.stderr
    listing = run("docs", "--db", db, "--json")
    (row,) = [json.loads(line) for line in listing.stdout.splitlines()]
    assert row["title"] == "Ferry service resumes after storm" and row["published"] == "2022-05-12"
    shown = run("show", row["id"][:8], "--db", db)
    assert shown.returncode == 0 and b"Lena Ortiz" in shown.stdout and b"dateline" in shown.stdout
    raw = run("show", row["id"], "--db", db, "--raw")
    assert raw.stdout == GOOD.encode()
    assert run("show", "ffffffffff", "--db", db).returncode == 1
    out = tmp_path / "docs.jsonl"
    assert run("export", "--what", "documents", "--format", "jsonl", "--db", db, "-o", str(out)).returncode == 0
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert exported["authors"] == ["Lena Ortiz"] and exported["source"] == "<stdin>"
    html = tmp_path / "r.html"
    assert run("report", "--db", db, "-o", str(html)).returncode == 0
    assert "Ferry service resumes after storm" in html.read_text(encoding="utf-8")


def test_killed_ingest_leaves_a_consistent_store_and_a_rerun_completes(tmp_path):
    d = tmp_path / "many"
    d.mkdir()
    n = 400
    for i in range(n):
        (d / f"{i:04d}.md").write_text(f"# Story {i}\n\n" + GOOD.split("\n\n", 3)[-1] + f"\n\nItem number {i} closes the story with its own detail {i * 7}.")
    db = tmp_path / "t.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsprism.cli", "ingest", str(d), "--db", str(db), "--batch-size", "10", "-q"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    seen = 0
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists():
            try:
                with open_store(str(db)) as reader:  # a reader works while the ingest writes
                    seen = reader.count_documents()
            except Exception:
                seen = 0
        if seen >= 20:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    if seen < 20:
        pytest.skip("the ingest finished before it could be killed")
    with open_store(str(db)) as store:
        partial = store.count_documents()
        assert 20 <= partial < n
        for article in store.iter_documents():  # every stored document is whole
            assert article.body and article.title.startswith("Story ")
        assert store.runs()[0]["finished"] is None  # the killed run is visibly unfinished
    p = run("ingest", str(d), "--db", str(db), "--json")
    summary = json.loads(p.stdout)
    assert p.returncode == 0
    assert summary["unchanged"] == partial and summary["ingested"] + partial == n


def test_inputs_with_no_record_or_bad_bytes_after_a_bom_get_their_line(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "header-only.csv").write_text("title,text\n", encoding="utf-8")
    (d / "empty-list.json").write_text("[]", encoding="utf-8")
    (d / "broken-utf16.txt").write_bytes(b"\xff\xfe\x00\xd8")
    (d / "good.md").write_text(GOOD, encoding="utf-8")
    p = run("ingest", str(d), "--db", str(tmp_path / "t.db"), "--json")
    summary = json.loads(p.stdout)
    assert p.returncode == 0 and summary["ingested"] == 1
    assert summary["skipped_by_reason"] == {"no-text": 1, "empty": 1, "undecodable": 1}
    err = p.stderr.decode()
    assert "header-only.csv: no article found" in err and "broken-utf16.txt: not valid utf-16" in err
