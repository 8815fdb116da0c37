"""Grouping the same statement across documents: same, cut, changed; what is never grouped."""

from __future__ import annotations

from newsprism.link.quotes import MAX_POSTING, group_quotes, words
from newsprism.records import Quote


def _q(doc: str, qid: str, text: str, comment: int | None = None, start: int = 0) -> tuple[str, Quote]:
    return doc, Quote(doc, qid, start, start + len(text), text, "direct", comment=comment)


FULL = "We will not send troops into a sovereign country without being asked by its government first"


def test_same_cut_and_changed_versions_form_one_group():
    quotes = [
        _q("a", "q1", FULL),
        _q("b", "q2", "We will not send troops into a sovereign country"),  # cut at the end
        _q("c", "q7", "We won't send soldiers into a sovereign country without being asked by its government first"),
        _q("d", "q3", FULL.replace("We", "we")),  # case does not matter
        _q("d", "q4", "Inflation has nothing to do with any of this and never had anything to do with it"),
    ]
    members = {(m.document, m.record): m for m in group_quotes(quotes)}
    assert set(members) == {("a", "q1"), ("b", "q2"), ("c", "q7"), ("d", "q3")}
    assert len({m.group for m in members.values()}) == 1
    assert members[("a", "q1")].status == "same"  # the fullest version; ties go to the earlier date
    assert members[("d", "q3")].status == "same"
    assert members[("b", "q2")].status == "cut"
    assert members[("b", "q2")].data["missing"][:3] == ["without", "being", "asked"]
    changed = members[("c", "q7")]
    assert changed.status == "changed"
    assert "soldiers" in changed.data["added"] and "troops" in changed.data["missing"]
    assert changed.data["documents"] == 4 and changed.data["members"] == 4


def test_reference_is_the_earliest_of_equally_long_versions():
    quotes = [_q("late", "q1", FULL), _q("early", "q9", FULL)]
    members = group_quotes(quotes, dates={"late": "2019-11-06", "early": "2011-02-10"})
    assert {m.data["reference"]["document"] for m in members} == {"early"}


def test_not_grouped_comments_single_documents_and_short_quotes():
    quotes = [
        _q("a", "q1", FULL),
        _q("a", "q2", FULL, start=500),  # repeated inside one document only
        _q("b", "q1", FULL, comment=2),  # a reader quoting it: not an outlet's
        _q("c", "q1", "armed and fighting"),
        _q("d", "q1", "armed and fighting"),  # short, but identical: grouped
        _q("e", "q1", "armed and dangerous"),  # short and different: not grouped
    ]
    members = group_quotes(quotes)
    assert {(m.document, m.record) for m in members} == {("c", "q1"), ("d", "q1")}


def test_different_statements_sharing_a_stock_phrase_stay_apart():
    stock = "declined to comment on the matter"
    quotes = [_q(f"d{i}", "q1", f"{stock} when asked about item number {i} of the budget plan") for i in range(MAX_POSTING + 5)]
    quotes += [
        _q("x", "q1", "The border wall will be paid for by the other side one way or another"),
        _q("y", "q1", "Our security cooperation with the United States is stronger than ever before"),
    ]
    assert group_quotes(quotes) == []


def test_words_fold_accents_and_apostrophes():
    assert words("López’s “plan” isn't") == ["lopez's", "plan", "isn't"]
