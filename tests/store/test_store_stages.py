"""What the analysis writes: stage records per document, stage versions, entities and links, corrections."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsprism.errors import NotFound
from newsprism.records import Entity, Mention, TimeRef


def _time(doc: str, i: int, start: int, text: str, value: str) -> dict:
    return TimeRef(doc, f"t{i}", start, start + len(text), text, "DATE", value, anchor="document_date").as_dict()


def test_stage_records_replace_and_versions(store, make_article):
    a, b = make_article("a" * 16), make_article("b" * 16)
    store.write_document(a, raw=b"a")
    store.write_document(b, raw=b"b")
    assert set(store.documents_behind("times", 1, "")) == {a.id, b.id}

    store.write_stage_records(a.id, "times", 1, "", [_time(a.id, 1, 22, "Tuesday", "2024-05-07")])
    assert store.documents_behind("times", 1, "") == [b.id]
    assert set(store.documents_behind("times", 2, "")) == {a.id, b.id}  # a version bump re-runs everything
    assert store.stage_runs(a.id)["times"]["records"] == 1

    # re-running replaces, never appends
    store.write_stage_records(a.id, "times", 1, "", [])
    assert list(store.stage_records("times", [a.id])) == []
    assert store.stage_runs(a.id)["times"]["records"] == 0
    assert store.documents_behind("times", 1, "") == [b.id]

    rows = [_time(b.id, 1, 0, "Harbor", "X"), _time(b.id, 2, 22, "Tuesday", "2024-05-07")]
    store.write_stage_records(b.id, "times", 1, "", rows)
    assert list(store.stage_records("times")) == [(b.id, rows)]
    assert store.count_stage_records("times") == 2
    # model changes count as behind for stages that use one
    store.write_stage_records(b.id, "entities", 1, "sm-3.8", [])
    assert b.id not in store.documents_behind("entities", 1, "sm-3.8")
    assert b.id in store.documents_behind("entities", 1, "md-3.8")


def test_several_documents_written_in_one_batch(store, make_article):
    a, b, c = (make_article(ch * 16) for ch in "abc")
    for art in (a, b, c):
        store.write_document(art, raw=art.id.encode())
    store.write_document_stages(c.id, [("times", 1, "", [_time(c.id, 1, 22, "Tuesday", "2024-05-07")])])
    old = [_time(a.id, 1, 0, "Monday", "2024-05-06")]
    store.write_documents_stages([(a.id, [("times", 1, "", old), ("entities", 1, "sm", [])])])
    new = [_time(a.id, 1, 22, "Tuesday", "2024-05-07"), _time(a.id, 2, 40, "Friday", "2024-05-10")]
    mention = Mention(b.id, "m1", 0, 6, "Harbor", "org", "Harbor").as_dict()
    # a re-runs times only (its entities stay), b runs entities only; documents with no stages are skipped
    store.write_documents_stages(
        [(a.id, [("times", 2, "", new)]), (b.id, [("entities", 1, "sm", [mention])]), (c.id, [])]
    )
    assert dict(store.stage_records("times")) == {a.id: new, c.id: [_time(c.id, 1, 22, "Tuesday", "2024-05-07")]}
    assert dict(store.stage_records("entities")) == {b.id: [mention]}
    assert store.stage_runs(a.id)["times"]["version"] == 2 and store.stage_runs(a.id)["entities"]["records"] == 0
    assert store.documents_behind("times", 2, "") == [b.id, c.id]
    store.write_documents_stages([])  # nothing to write is no error


def test_stage_records_stream_in_batches(store, make_article):
    ids = [f"{i:016x}" for i in range(7)]
    for doc_id in ids:
        store.write_document(make_article(doc_id), raw=doc_id.encode())
        store.write_stage_records(doc_id, "times", 1, "", [_time(doc_id, 1, 22, "Tuesday", "2024-05-07")])
    assert [d for d, _ in store.stage_records("times", batch=3)] == sorted(ids)
    assert [d for d, _ in store.stage_records("times", ids[2:4])] == ids[2:4]


def test_links_replace_atomically_and_read_back(store, make_article):
    a = make_article()
    store.write_document(a, raw=b"x")
    mention = Mention(a.id, "m1", 0, 6, "Harbor", "org", "Harbor")
    store.write_stage_records(a.id, "entities", 1, "sm", [mention.as_dict()])
    e1 = Entity("e1", "Harbor Authority", "org", aliases=("Harbor",), mentions=1, outlets={"Harbor Chronicle": 1})
    store.write_links([e1.as_dict()], [(a.id, "m1", "e1")], {"version": 1, "keys": {"harbor": ["e1"]}})
    assert store.entities() == [e1.as_dict()]
    assert store.entity("e1")["name"] == "Harbor Authority"
    assert store.find_entities("harbor") == [e1.as_dict()]
    assert store.entity_links("e1") == [(a.id, "m1", "e1")]
    assert store.link_state() == {"version": 1, "keys": {"harbor": ["e1"]}}
    with pytest.raises(NotFound):
        store.entity("e2")

    e2 = Entity("e2", "Harbor", "place", mentions=1)
    store.write_links([e2.as_dict()], [(a.id, "m1", "e2")], None)
    assert [e["id"] for e in store.entities()] == ["e2"]
    assert store.entities(type="org") == []
    assert store.entity_links(doc_ids=[a.id]) == [(a.id, "m1", "e2")]
    assert store.link_state() is None


def test_corrections_are_kept_and_undone_not_deleted(store, make_article):
    first = store.add_correction("merge", {"names": ["AMLO", "Andrés Manuel López Obrador"]})
    second = store.add_correction("split", {"entity": "Guzmán", "names": ["Ovidio Guzmán"]})
    assert [c["id"] for c in store.corrections()] == [first, second]
    store.undo_correction(first)
    assert [c["id"] for c in store.corrections()] == [second]
    everything = store.corrections(include_undone=True)
    assert everything[0]["undone"] and everything[0]["data"]["names"][1] == "Andrés Manuel López Obrador"
    with pytest.raises(NotFound):
        store.undo_correction(first)


_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(records=st.lists(st.tuples(_text, _text, st.floats(0, 1), st.sampled_from(["DATE", "DURATION"])), max_size=6))
def test_time_records_round_trip_unchanged(store, make_article, records):
    doc = make_article()
    if not store.existing_ids([doc.id]):
        store.write_document(doc, raw=b"x")
    refs = [
        TimeRef(doc.id, f"t{i}", i, i + len(text), text, kind, value, confidence=conf, reason="r")
        for i, (text, value, conf, kind) in enumerate(records)
    ]
    store.write_stage_records(doc.id, "times", 1, "", [r.as_dict() for r in refs])
    stored = [TimeRef.from_dict(r) for _, rows in store.stage_records("times", [doc.id]) for r in rows]
    assert stored == refs


def test_record_groups_replace_per_kind(store, make_article):
    a, b = make_article("c" * 16), make_article("d" * 16)
    store.write_document(a, raw=b"a")
    store.write_document(b, raw=b"b")
    members = [
        (a.id, "q1", "g-1", "same", {"members": 2, "reference": {"document": a.id, "record": "q1"}}),
        (b.id, "q4", "g-1", "cut", {"members": 2, "missing": ["très", "armed"]}),
    ]
    assert store.write_groups("quotes", members) == 2
    store.write_groups("figures", [(a.id, "f1", "g-9", "agree", {})])
    got = store.groups("quotes")
    assert got[(b.id, "q4")] == {"group": "g-1", "status": "cut", "members": 2, "missing": ["très", "armed"]}
    assert set(store.groups("quotes", [a.id])) == {(a.id, "q1")}
    assert set(store.groups("quotes", group="g-1")) == {(a.id, "q1"), (b.id, "q4")}
    # replacing one kind leaves the others
    store.write_groups("quotes", [])
    assert store.groups("quotes") == {}
    assert set(store.groups("figures")) == {(a.id, "f1")}
