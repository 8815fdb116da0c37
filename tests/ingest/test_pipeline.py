"""The ingest run: idempotent, near-duplicates linked, outlet boilerplate cut, bad input skipped with reasons."""

from __future__ import annotations

import json

import newsprism

STORY = (
    "The harbour authority said on Tuesday that three cargo ships had been held at the northern pier after "
    "inspectors found irregular manifests. Officials declined to name the shipping companies involved.\n\n"
    "Dock workers told reporters that the inspections began before dawn and lasted well into the afternoon, "
    "delaying the unloading of grain and fuel for the region.\n\n"
    "A spokesperson for the port union said members were worried about lost wages if the ships stayed in port "
    "for more than a week, and called on the authority to publish its findings."
)


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_reingest_changes_nothing(tmp_path):
    _write(tmp_path / "in" if False else tmp_path, "a.txt", "# Ships held at pier\n\n" + STORY)
    db = tmp_path / "t.db"
    with newsprism.open(db) as corpus:
        first = corpus.ingest([str(tmp_path / "a.txt")])
        before = [a.as_dict() for a in corpus.documents()]
        second = corpus.ingest([str(tmp_path / "a.txt")])
        after = [a.as_dict() for a in corpus.documents()]
    assert (first.ingested, second.ingested, second.unchanged) == (1, 0, 1)
    assert before == after and len(after) == 1


def test_near_duplicate_is_linked_to_first_copy_and_kept(tmp_path):
    reprint = "SYNDICATED — " + STORY.replace("three cargo ships", "three ships") + "\n\nThis report was updated."
    rows = [
        {"url": "https://wire.example/a", "title": "Ships held", "text": STORY, "outlet": "Wire One", "published": "2024-03-12"},
        {"url": "https://paper.example/b", "title": "Ships held at pier", "text": reprint, "outlet": "Paper Two", "published": "2024-03-13"},
        {"url": "https://other.example/c", "title": "Other", "text": "A different story about farming subsidies and the price of wheat in the spring markets this year, told at length. " * 3, "outlet": "Paper Three"},
    ]
    src = _write(tmp_path, "wire.jsonl", "\n".join(json.dumps(r) for r in rows) + "\n")
    with newsprism.open(tmp_path / "t.db") as corpus:
        report = corpus.ingest([str(src)])
        docs = {a.outlet: a for a in corpus.documents()}
    assert report.ingested == 3 and report.duplicates == 1
    assert docs["Paper Two"].duplicate_of == docs["Wire One"].id
    assert 0.8 <= docs["Paper Two"].similarity < 1.0
    assert docs["Wire One"].duplicate_of is None and docs["Paper Three"].duplicate_of is None


def test_lines_repeated_across_an_outlet_are_cut(tmp_path):
    tagline = "Read our coverage of the port dispute every weekday morning"
    for i in range(3):
        body = STORY.replace("three", ["two", "four", "five"][i]).replace("Tuesday", ["Monday", "Friday", "Sunday"][i])
        row = {"title": f"Story {i}", "text": f"Paragraph {i} opens with news of day {i}.\n\n{body}\n\n{tagline}", "outlet": "Harbour Gazette"}
        _write(tmp_path, f"{i}.json", json.dumps(row))
    with newsprism.open(tmp_path / "t.db", near_duplicate_threshold=0.99) as corpus:
        corpus.ingest([str(tmp_path)])
        docs = list(corpus.documents())
    assert len(docs) == 3
    for a in docs:
        assert tagline not in a.body
        assert any(r.reason == "repeated-line" and r.text == tagline for r in a.removed)
        assert "dock workers told reporters" in a.body.lower()


def test_nothing_is_lost_every_word_is_in_body_removed_or_comments(tmp_path):
    text = (
        "Council votes to close the old bridge\n\n**Ana Ruiz**\n\n4 June 2021\n\n" + STORY + "\n\n"
        "Photo: City archive\n\nShare this article\n\nNewer comment thread below\n\n"
        "Good call (5.00 / 1) (#1)\nby riverwatch on Fri Jun 04, 2021 at 09:12:00 AM EST\nAbout time they did this.\n"
    )
    src = _write(tmp_path, "bridge.md", text)
    with newsprism.open(tmp_path / "t.db") as corpus:
        corpus.ingest([str(src)])
        (a,) = corpus.documents()
        assert corpus.raw(a.id) == src.read_bytes()
    kept = " ".join([a.body] + [r.text for r in a.removed] + [f"{c.title} {c.author} {c.raw_posted} {c.text}" for c in a.comments])
    for word in set(text.replace("**", " ").split()) - {"(5.00", "/", "1)", "(#1)", "by", "on"}:
        assert word in kept, word


def test_a_date_in_the_url_path_dates_an_undated_row(tmp_path):
    rows = [
        {"url": "https://wire.example/2024/03/12/ships-held", "title": "Ships held", "text": STORY},
        {"url": "https://wire.example/news/20240314123456-ships", "title": "Ships freed", "text": STORY.replace("held", "freed")},
        {"url": "https://wire.example/2024/02/31/no-such-day", "title": "Ships gone", "text": STORY.replace("held", "gone")},
    ]
    src = _write(tmp_path, "wire.jsonl", "\n".join(json.dumps(r) for r in rows) + "\n")
    with newsprism.open(tmp_path / "t.db", analyse=False) as corpus:
        corpus.ingest([str(src)])
        docs = {a.title: a for a in corpus.documents()}
    assert docs["Ships held"].published == "2024-03-12"
    assert docs["Ships freed"].published == "2024-03-14"
    assert docs["Ships gone"].published is None
    held = docs["Ships held"].fields["published"]
    assert held.source == "url pattern" and "2024/03/12" in held.evidence


def test_a_malformed_url_field_costs_no_article(tmp_path):
    rows = [{"url": "http://[oops/2024/03/12/ships", "title": "Ships held", "text": STORY}]
    src = _write(tmp_path, "wire.jsonl", "\n".join(json.dumps(r) for r in rows) + "\n")
    with newsprism.open(tmp_path / "t.db", analyse=False) as corpus:
        report = corpus.ingest([str(src)])
        (doc,) = corpus.documents()
    assert report.ingested == 1 and doc.published is None
