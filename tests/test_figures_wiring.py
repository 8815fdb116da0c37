"""Figures and claims from the stages to the user: alignment across outlets after analysis, entity and speaker
joins, time scopes, CLI, export, report. The stages themselves are tested in tests/stages/; here small
stand-in stages (regexes over the body) keep the wiring's expectations independent of their heuristics."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

import newsprism
from newsprism.records import Claim, Figure, Quote, Span, Speaker
from newsprism.stages.registry import stage as registered

# the stand-in stages tag their records as the real stages do (the analysis checks the tag)
TAG = {name: registered(name).tag for name in ("quotes", "figures", "causal")}

MONEY = re.compile(r"(?P<q>over |more than )?\$(?P<v>[\d.]+) billion")
DEATHS = re.compile(r"(?P<q>some |more than )?(?P<v>\d[\d,]*) (?P<n>people were killed|homicides)")
CAUSE = re.compile(r"(?P<c>[A-Z][a-z ]+?) (?P<s>fuels|fueled) (?P<e>[a-z ]+)")
QUOTE = re.compile(r"“(?P<c>[^”]+)” said (?P<s>[A-Z][a-z]+)")

ROWS = [
    {
        "id": "1", "outlet": "Harbor Daily", "published": "2011-02-10", "title": "Aid",
        "text": "Under the Valdora Initiative, the United States has given over $1.4 billion to Peru's police. "
        "In Peru some 30,000 people were killed since 2006. Militarisation fuels the killings, critics say.",
    },
    {
        "id": "2", "outlet": "Coast Times", "published": "2019-11-07", "title": "Homicides",
        "text": "The Valdora Initiative is worth $1.6 billion, officials in Lima said. "
        "“There are more than 250,000 homicides,” said Arvelo. Militarisation fueled the killings in Peru.",
    },
]


def fake_quotes(article, doc, ctx):
    out = []
    for i, m in enumerate(QUOTE.finditer(article.body), 1):
        mention = next((x for x in ctx.results.get("entities", []) if x.text == m.group("s")), None)
        speaker = Speaker(m.start("s"), m.end("s"), m.group("s"), mention=mention.id if mention else None)
        out.append(Quote(article.id, f"q{i}", m.start("c"), m.end("c"), m.group("c"), "direct", speaker=speaker,
                         stage=TAG["quotes"]))
    return out


def fake_figures(article, doc, ctx):
    body, out = article.body, []
    quotes = ctx.results.get("quotes", [])
    mentions = ctx.results.get("entities", [])
    times = ctx.results.get("times", [])
    sentence_end = body.find(".", 0)
    for m, unit, family in [*((m, "USD", "currency") for m in MONEY.finditer(body)),
                            *((m, "person", "people") for m in DEATHS.finditer(body))]:
        start = body.rfind(". ", 0, m.start()) + 2 if body.rfind(". ", 0, m.start()) >= 0 else 0
        end = body.find(".", m.end())
        sentence_end = end if end >= 0 else len(body)
        value = float(m.group("v").replace(",", "")) * (1e9 if unit == "USD" else 1)
        about = tuple(x.id for x in mentions if start <= x.start < sentence_end and x.type in ("org", "other"))
        scope = tuple(t.id for t in times if start <= t.start < sentence_end and t.type == "DATE")
        quote = next((q.id for q in quotes if q.start <= m.start() < q.end), None)
        counted = Span(m.start("n"), m.end("n"), m.group("n")) if "n" in m.groupdict() and m.group("n") else None
        bound = {"over ": "lower", "more than ": "lower", "some ": "approx"}.get(m.group("q") or "", "exact")
        out.append(
            Figure(article.id, f"f{len(out) + 1}", m.start(), m.end(), m.group(0), value, unit, family,
                   qualifier=(m.group("q") or "").strip() or None, bound=bound, counted=counted, about=about,
                   scope=scope, quote=quote, sentence=Span(start, sentence_end, body[start:sentence_end]),
                   stage=TAG["figures"])
        )
    return out


def fake_causal(article, doc, ctx):
    out = []
    for i, m in enumerate(CAUSE.finditer(article.body), 1):
        sentence = Span(m.start(), m.end(), m.group(0))
        out.append(Claim(article.id, f"c{i}", sentence.start, sentence.end, sentence.text,
                         cause=Span(m.start("c"), m.end("c"), m.group("c")),
                         effect=Span(m.start("e"), m.end("e"), m.group("e")),
                         signal=Span(m.start("s"), m.end("s"), m.group("s")), stage=TAG["causal"]))
    return out


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    monkeypatch.setattr("newsprism.stages.quotes.run", fake_quotes)
    monkeypatch.setattr("newsprism.stages.figures.run", fake_figures)
    monkeypatch.setattr("newsprism.stages.causal.run", fake_causal)
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in ROWS), encoding="utf-8")
    with newsprism.open(tmp_path / "f.db") as opened:
        report = opened.ingest([str(path)])
        assert not report.analysis.failed, report.analysis.failed
        assert report.analysis.records["figures"] == 4 and report.analysis.records["causal"] == 2
        yield opened


def test_figures_are_aligned_and_labelled(corpus):
    rows = {(r["outlet"], r["text"]): r for r in corpus.figures()}
    over, exact = rows[("Harbor Daily", "over $1.4 billion")], rows[("Coast Times", "$1.6 billion")]
    assert over["group"] and over["group"] == exact["group"]
    assert over["group_status"] == exact["group_status"] == "agree"
    assert over["value"] == 1.4e9 and over["bound"] == "lower" and over["unit"] == "USD"
    compact = corpus.entity("Valdora Initiative")["entity"]["id"]
    assert compact in over["about"] and compact in exact["about"]
    killed = rows[("Harbor Daily", "some 30,000 people were killed")]
    homicides = next(r for (o, t), r in rows.items() if o == "Coast Times" and "250,000" in t)
    assert killed["group"] == homicides["group"] != over["group"]
    assert killed["group_status"] == "differ" and "reported 2011-02-10 and 2019-11-07" in killed["group_reason"]
    assert killed["scope"] == {"start": "2006", "end": None}  # "since 2006"
    assert homicides["speaker_name"] == "Arvelo" and homicides["quote"] == "q1"
    assert {r["group"] for r in corpus.figures(conflicts=True)} == {killed["group"]}
    assert {r["text"] for r in corpus.figures(about="valdora")} == {"over $1.4 billion", "$1.6 billion"}


def test_claims_group_across_outlets(corpus):
    claims = corpus.claims()
    assert sorted(c["signal"]["text"] for c in claims) == ["fueled", "fuels"]
    assert claims[0]["group"] and claims[0]["group"] == claims[1]["group"]
    assert corpus.claims(speaker="nobody") == []


def test_figures_cli_export_and_report(corpus, tmp_path):
    for what, n in (("figures", 4), ("claims", 2)):
        for fmt in ("jsonl", "csv", "parquet"):
            assert corpus.export(what, fmt, tmp_path / f"{what}.{fmt}") == n
    html = corpus.report()
    assert "Figures and claims" in html and "reported 2011-02-10 and 2019-11-07" in html
    env = {**os.environ, "COLUMNS": "220"}
    db = corpus.settings["db"]
    run = subprocess.run([sys.executable, "-m", "newsprism", "figures", "--db", db, "--conflicts"],
                         capture_output=True, text=True, check=False, env=env)
    assert run.returncode == 0, run.stderr
    assert "differ" in run.stdout and "250,000" in run.stdout and "1.4" not in run.stdout
    run = subprocess.run([sys.executable, "-m", "newsprism", "claims", "--db", db, "--json"],
                         capture_output=True, text=True, check=False, env=env)
    assert run.returncode == 0, run.stderr
    assert [json.loads(line)["cause"]["text"] for line in run.stdout.splitlines()] == ["Militarisation", "Militarisation"]


def test_figures_are_aligned_again_when_the_user_merges_entities(tmp_path, monkeypatch):
    monkeypatch.setattr("newsprism.stages.figures.run", fake_figures)
    rows = [
        {"id": "a", "outlet": "Harbor Daily", "published": "2011-02-10", "title": "A",
         "text": "Under the Valdora Initiative, Nordland has given over $1.4 billion to the police of Peru."},
        {"id": "b", "outlet": "Coast Times", "published": "2011-03-01", "title": "B",
         "text": "The Corvel Fund is worth $1.6 billion, officials in Lima said."},
    ]
    path = tmp_path / "m.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    with newsprism.open(tmp_path / "m.db") as corpus:
        corpus.ingest([str(path)])
        assert all(r["group"] is None for r in corpus.figures())
        corpus.merge("Valdora Initiative", "Corvel Fund")
        groups = {r["group"] for r in corpus.figures()}
        assert len(groups) == 1 and None not in groups
        assert {r["group_status"] for r in corpus.figures()} == {"agree"}


def test_a_hedge_is_shown_where_the_text_writes_it():
    from newsprism.views.figures import format_value

    assert format_value({"value": 50.0, "unit": "person", "qualifier": "or more", "text": "50 or more"}) == (
        "50 or more person")
    assert format_value({"value": 30.0, "unit": "year", "qualifier": "odd", "text": "30-odd years"}) == "30 odd year"
    assert format_value({"value": 1.4e9, "unit": "USD", "qualifier": "over", "text": "over $1.4 billion"}) == (
        "over 1,400,000,000 USD")
