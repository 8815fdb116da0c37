"""The bundled example corpus (examples/, fiction) ingests as `make demo` shows it: one test per kind of mess."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsprism

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def corpus_docs(tmp_path_factory):
    db = tmp_path_factory.mktemp("examples") / "ex.db"
    with newsprism.open(db) as corpus:
        report = corpus.ingest([str(EXAMPLES)])
        docs = list(corpus.documents())
        html = corpus.report()
        figures = corpus.figures()
    return report, {a.title: a for a in docs}, html, figures


def test_every_example_is_read_and_readmes_are_passed_over(corpus_docs):
    report, docs, _, _ = corpus_docs
    assert report.skipped == [] and report.ingested == 8
    assert not any("README" in a.source for a in docs.values())
    assert {a.reader for a in docs.values()} == {"text", "html", "jsonl", "feed"}


def test_markdown_export(corpus_docs):
    _, docs, _, _ = corpus_docs
    a = docs["Velmark rushes military aid to Corvenia after Mirovel ambush"]
    assert a.authors == ("Maren Oakhurst",) and a.published == "2024-03-15"
    assert a.outlet == "Harbor Chronicle"
    assert "$40 million" in a.body and "\\$" not in a.body
    assert "until April, by which time" in a.body
    assert "fictional example" not in a.body and "hide caption" not in a.body
    (link,) = a.links
    assert a.body[link.start : link.end] == "Highland Rights Observatory"


def test_wire_reprint_is_a_near_duplicate(corpus_docs):
    _, docs, _, _ = corpus_docs
    wire = docs["At least 12 killed in ambush on Corvenian border convoy"]
    reprint = docs["Twelve dead in Karsic Bridge ambush"]
    assert reprint.duplicate_of == wire.id and reprint.similarity >= 0.8
    assert wire.metadata["section"] == "World"  # extra input fields are kept
    assert wire.fields["published"].source == "input"


def test_blog_with_comment_thread(corpus_docs):
    _, docs, _, _ = corpus_docs
    a = docs["Mirovel Ambush: Who Is Paying for the Crackdown?"]
    assert a.outlet == "Talkback" and a.authors == ()
    assert a.published == "2024-03-16" and a.published_source == "inferred"
    assert [c.author for c in a.comments] == ["harbourwatcher", "KellanR", "Orla M", "quietreader"]
    assert "Display: Sort" not in a.body and "(#1)" not in a.body and "fictional example" not in a.body


def test_report_shows_the_corpus(corpus_docs):
    _, docs, html, _ = corpus_docs
    for title in docs:
        assert title.replace("'", "&#39;") in html or title in html


def test_html_page_comments_time_and_furniture(corpus_docs):
    _, docs, _, _ = corpus_docs
    a = docs["Nation mourns nine border guards as Velmark pledges $45 million"]
    assert a.outlet == "The Valley Post" and a.authors == ("Ilse Varnholt",)
    assert a.published == "2024-03-14T16:20:00+01:00"
    assert [(c.author, c.posted) for c in a.comments] == [
        ("Brannagh_K", "2024-03-14T17:02:00+01:00"),
        ("old_ferryman", "2024-03-14T17:26:00+01:00"),
        ("Vesna Dorr", "2024-03-14T19:41:00+01:00"),
    ]
    assert a.body.startswith("Flags flew at half-mast")


def test_feed_entry_author_in_rss_email_form(corpus_docs):
    _, docs, _, _ = corpus_docs
    a = docs["Opinion: Velmark's $40 million will not buy peace in the highlands"]
    assert a.authors == ("Nadia Fennick",) and a.reader == "feed" and a.outlet == "Northern Voice"


def test_tolls_and_wounded_are_aligned_across_outlets(corpus_docs):
    # README: the dead are "nine" (the ministry), "at least 12" (the hospital) or "13" (villagers); the
    # wounded "14" (the ministry) or "more than 20" (the hospital)
    figures = corpus_docs[3]

    def groups(text, outlet=None):
        return {r["group"] for r in figures if r["text"] == text and (outlet is None or r["outlet"] == outlet)}

    toll = groups("at least 12") - {None}  # (a near-duplicate's figures are not aligned)
    assert len(toll) == 1 and groups("13") == toll
    wounded = groups("more than 20") - {None}
    assert len(wounded) == 1 and groups("14", "The Valley Post") == wounded
    by_group = {r["group"]: r["group_status"] for r in figures}
    assert by_group[next(iter(wounded))] in ("differ", "conflict")
    # three civilians and nine border guards are counted apart
    assert not groups("three") & groups("nine") - {None}
