"""The seeds end to end: the Merida amounts and the death counts, as five outlets report them, aligned and
labelled; the same statement quoted by two outlets grouped; speakers resolved across articles. The figures
were read off the articles by a person; nothing in the lexicons names them."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsprism

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seeds"

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/corpus/seeds is not beside the repository"),
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    with newsprism.open(tmp_path_factory.mktemp("seeds") / "seeds.db") as opened:
        report = opened.ingest([str(SEEDS)])
        assert not report.analysis.failed, report.analysis.failed
        yield opened


def _figure(rows, text):
    found = [r for r in rows if r["text"] == text]
    assert found, f"no figure {text!r} in {[r['text'] for r in rows]}"
    return found[0]


def test_merida_amounts_are_one_measured_thing_and_agree(corpus):
    rows = corpus.figures()
    over, exact = _figure(rows, "over $1.4 billion"), _figure(rows, "$1.6 billion")
    assert over["outlet"] != exact["outlet"]
    assert over["group"] and over["group"] == exact["group"]
    assert over["group_status"] == "agree"  # "over 1.4" is compatible with 1.6
    # the navy's share of it, in the same article as $1.6 billion, is a different thing
    navy = _figure(rows, "at least $310 million")
    assert navy["group"] != exact["group"]
    assert {r["text"] for r in corpus.figures(about="Merida")} >= {"over $1.4 billion", "$1.6 billion"}


def test_death_counts_differ_by_report_date_and_scope(corpus):
    rows = corpus.figures()
    early, late = _figure(rows, "some 35,000"), _figure(rows, "more than 250,000")
    assert early["group"] and early["group"] == late["group"]
    assert early["group_status"] == late["group_status"] == "differ"
    assert early["published"][:4] == "2011" and late["published"][:4] == "2019"
    assert "reported" in early["group_reason"]
    assert early["scope"]["start"].startswith("2006") and early["scope"]["end"] is None
    assert late["speaker_name"] == "Laura Carlsen"  # inside her quote
    assert early["group"] in {r["group"] for r in corpus.figures(conflicts=True)}


def test_speakers_across_outlets(corpus):
    speakers = {s["speaker"]: s for s in corpus.speakers()}
    assert speakers["Donald Trump"]["quotes"] >= 3 and len(speakers["Donald Trump"]["outlets"]) >= 2
    assert speakers["Janet Napolitano"]["outlets"] == {"NPR": speakers["Janet Napolitano"]["quotes"]}
    assert any(s["anonymous"] and "official" in s["speaker"] for s in speakers.values())
    westphal = corpus.quotes(speaker="Westphal")
    assert westphal and all(q["speaker"]["name"] == "Joseph Westphal" for q in westphal)
    assert any(q["speaker"]["text"] in ("he", "He") for q in westphal)  # pronouns resolved to him


def test_the_ambush_victims_agree_across_two_outlets(corpus):
    rows = corpus.figures()
    nine = [r for r in rows if r["text"] == "nine" and r["unit"] == "death"]
    assert {r["outlet"] for r in nine} == {"World Socialist Web Site", "Sputnik"}
    assert len({r["group"] for r in nine}) == 1 and nine[0]["group"]
    assert {r["group_status"] for r in nine} == {"agree"}
    # the WSWS figure is the narrator's, not part of what Trump threatened
    assert all(r["speaker_name"] is None for r in nine)
