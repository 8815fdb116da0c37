"""Quotes from the stage to the user: analysis, grouping across outlets, speaker entities, views, CLI, export,
report. The stage itself is tested in tests/stages/test_quotes.py; here a small stand-in stage (a regex over
the body) makes the wiring's expectations independent of the stage's heuristics."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

import newsprism
from newsprism.analysis import _check_offsets
from newsprism.records import Article, Comment, Quote, Span, Speaker
from newsprism.stages import registry

SAID = re.compile(r"“(?P<content>[^”]+?),?” (?P<cue>said|says) (?P<source>(?:a |an |the )?[A-Za-z. ]+?)\.")

STATEMENT = (
    "We will not allow foreign troops on our soil under any circumstances and our navy will keep patrolling"
)
ROWS = [
    {
        "id": "1", "outlet": "Harbor Daily", "published": "2021-11-09", "title": "Navy patrols",
        "text": f"Admiral Rosa Quintana spoke in Port Alba. “{STATEMENT},” said Quintana. "
        "“Nobody told us anything about the plan,” said a senior official.",
    },
    {
        "id": "2", "outlet": "Coast Times", "published": "2021-11-10", "title": "Admiral rejects troops",
        "text": "The navy chief Rosa Quintana was firm on Tuesday. "
        "“We will not allow foreign troops on our soil under any circumstances,” said Quintana.",
    },
]


def fake_quotes(article: Article, doc, ctx) -> list[Quote]:
    mentions = ctx.results.get("entities", [])
    out = []
    for i, m in enumerate(SAID.finditer(article.body), 1):
        source = m.group("source")
        anonymous = source.startswith(("a ", "an "))
        mention = next((x for x in mentions if not anonymous and x.text == source), None)
        speaker = Speaker(
            start=m.start("source"), end=m.end("source"), text=source,
            mention=mention.id if mention else None, name=mention.name if mention else None,
            anonymous=anonymous, description=source if anonymous else None,
        )
        out.append(
            Quote(
                article.id, f"q{i}", m.start("content"), m.end("content"), m.group("content"), "direct",
                cue=Span(m.start("cue"), m.end("cue"), m.group("cue")), speaker=speaker,
                stage=registry.stage("quotes").tag,  # tagged as the real stage tags its records
            )
        )
    return out


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    monkeypatch.setattr("newsprism.stages.quotes.run", fake_quotes)
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in ROWS), encoding="utf-8")
    with newsprism.open(tmp_path / "q.db") as opened:
        report = opened.ingest([str(path)])
        assert report.analysis.records["quotes"] == 3
        assert report.analysis.groups["quotes"] == 2
        yield opened


def test_quotes_carry_speaker_entities_outlets_and_groups(corpus):
    rows = corpus.quotes()
    assert len(rows) == 3
    by_outlet = {(r["outlet"], r["speaker"]["text"]): r for r in rows}
    daily = by_outlet[("Harbor Daily", "Quintana")]
    times = by_outlet[("Coast Times", "Quintana")]
    # one entity across both articles, named by its full name
    assert daily["speaker"]["entity"] and daily["speaker"]["entity"] == times["speaker"]["entity"]
    assert daily["speaker"]["name"] == "Rosa Quintana"
    # the same statement, cut by the second outlet
    assert daily["group"] and daily["group"] == times["group"]
    assert daily["group_status"] == "same" and times["group_status"] == "cut"
    anonymous = by_outlet[("Harbor Daily", "a senior official")]
    assert anonymous["speaker"]["anonymous"] and anonymous["group"] is None
    assert anonymous["group_status"] == "single"
    for r in rows:
        body = corpus.document(r["document"]).body
        assert body[r["start"] : r["end"]] == r["text"]
        assert body[r["cue"]["start"] : r["cue"]["end"]] == r["cue"]["text"]


def test_filters_and_speakers(corpus):
    assert {r["outlet"] for r in corpus.quotes(speaker="rosa quintana")} == {"Harbor Daily", "Coast Times"}
    assert [r["speaker"]["description"] for r in corpus.quotes(anonymous=True)] == ["a senior official"]
    assert len(corpus.quotes(anonymous=False)) == 2
    assert [r["outlet"] for r in corpus.quotes(outlet="Coast Times")] == ["Coast Times"]
    assert corpus.quotes(speaker="nobody of that name") == []
    speakers = corpus.speakers()
    assert speakers[0]["speaker"] == "Rosa Quintana" and speakers[0]["quotes"] == 2
    assert speakers[0]["outlets"] == {"Coast Times": 1, "Harbor Daily": 1}
    assert speakers[0]["type"] == "person" and not speakers[0]["anonymous"]
    assert [s["speaker"] for s in corpus.speakers(anonymous=True)] == ["a senior official"]


def test_export_report_and_cli(corpus, tmp_path):
    for fmt in ("jsonl", "csv", "parquet"):
        assert corpus.export("quotes", fmt, tmp_path / f"q.{fmt}") == 3
        assert corpus.export("speakers", fmt, tmp_path / f"s.{fmt}") == 2
    first = json.loads((tmp_path / "q.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert list(first)[:8] == ["document", "id", "outlet", "start", "end", "text", "kind", "cue"]
    html = corpus.report()
    assert "Who said what" in html and "Rosa Quintana" in html and "(cut)" in html
    db = corpus.settings["db"]
    run = subprocess.run(
        [sys.executable, "-m", "newsprism", "quotes", "--db", db, "--speaker", "Quintana", "--json"],
        capture_output=True, text=True, check=False,
    )
    assert run.returncode == 0, run.stderr
    assert len(run.stdout.splitlines()) == 2
    run = subprocess.run(
        [sys.executable, "-m", "newsprism", "speakers", "--db", db, "--anonymous"],
        capture_output=True, text=True, check=False, env={**__import__("os").environ, "COLUMNS": "200"},
    )
    assert run.returncode == 0, run.stderr
    assert "a senior official" in run.stdout and "Quintana" not in run.stdout


def test_regrouping_after_new_articles_is_incremental_in_effect(corpus, tmp_path):
    path = tmp_path / "more.jsonl"
    text = f"Admiral Rosa Quintana repeated herself. “{STATEMENT.replace('troops', 'soldiers')},” said Quintana."
    path.write_text(json.dumps({"id": "3", "outlet": "Bay Wire", "title": "Again", "text": text}) + "\n", encoding="utf-8")
    report = corpus.ingest([str(path)])
    assert report.analysis.groups["quotes"] == 3
    statuses = {r["outlet"]: r["group_status"] for r in corpus.quotes(speaker="Quintana")}
    assert statuses == {"Harbor Daily": "same", "Coast Times": "cut", "Bay Wire": "changed"}


def test_offsets_of_quotes_in_comments_are_checked_against_the_comment():
    comment = Comment(1, "As the minister said, “we are ready”.", author="reader")
    article = Article(id="x", source="s", reader="text", body="Body text.", comments=(comment,))
    stage = registry.stage("quotes")
    tag = stage.tag
    start = comment.text.index("we are")
    good = Quote("x", "q1", start, start + 12, "we are ready", "direct", comment=1, stage=tag)
    _check_offsets(article, [good], stage)
    with pytest.raises(ValueError, match="do not slice"):
        _check_offsets(article, [Quote("x", "q1", 0, 4, "Body", "direct", comment=1, stage=tag)], stage)
    with pytest.raises(ValueError, match="comment 2"):
        _check_offsets(article, [Quote("x", "q1", 0, 4, "As t", "direct", comment=2, stage=tag)], stage)
    bad_cue = Quote("x", "q1", 0, 4, "Body", "direct", cue=Span(5, 9, "said"), stage=tag)
    with pytest.raises(ValueError, match="do not slice"):
        _check_offsets(article, [bad_cue], stage)
