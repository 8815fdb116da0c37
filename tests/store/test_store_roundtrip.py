"""Property: any Article goes into the store and comes back equal, on both engines."""

from __future__ import annotations

import dataclasses
import uuid

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsprism.records import Article, Comment, Link, Provenance, Removed

# Any Unicode scalar value (astral planes and control characters included) except NUL, which the store
# refuses, and lone surrogates, which are not text.
chars = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")
texts = st.text(chars, max_size=30)
optional_texts = st.none() | texts
int32 = st.integers(-(2**31), 2**31 - 1)
floats = st.floats(allow_nan=False)  # NaN is the one value not equal to itself
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | floats | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=10,
)

provenances = st.builds(Provenance, value=json_values, source=texts, confidence=floats, evidence=texts)
comments = st.builds(
    Comment,
    position=int32,
    text=texts,
    author=optional_texts,
    posted=optional_texts,
    title=optional_texts,
    raw_posted=optional_texts,
)
removed_blocks = st.builds(Removed, text=texts, reason=texts, detail=texts)
links = st.builds(Link, start=int32, end=int32, text=texts, url=texts)

articles = st.builds(
    Article,
    id=st.just("placeholder"),
    source=texts,
    reader=texts,
    body=st.text(chars, max_size=400),
    title=optional_texts,
    authors=st.lists(texts, max_size=4).map(tuple),
    published=optional_texts,
    published_source=optional_texts,
    published_confidence=st.none() | floats,
    outlet=optional_texts,
    url=optional_texts,
    language=optional_texts,
    fields=st.dictionaries(texts, provenances, max_size=4),
    comments=st.lists(comments, max_size=4).map(tuple),
    removed=st.lists(removed_blocks, max_size=4).map(tuple),
    links=st.lists(links, max_size=4).map(tuple),
    metadata=st.dictionaries(texts, json_values, max_size=4),
    duplicate_of=st.none() | st.just("parent"),
    similarity=st.none() | floats,
    raw_sha256=texts,
    raw_size=st.integers(0, 2**63 - 1),
)

TRICKY = Article(
    id="placeholder",
    source="file:///tmp/ü.md#line=3",
    reader="text",
    body="𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀 \u200b\u202e\x01\x1f\x7f\r\n\t end \U0010ffff",
    title="",
    authors=("",),
    published="",
    published_confidence=5e-324,
    fields={"": Provenance({"": [None, -0.0, 1e308, float("inf")]}, "inferred", -float("inf"))},
    comments=(Comment(0, ""),),
    metadata={"big": 2**100, "neg": -(2**70), "deep": [[[{"😀": True}]]]},
    duplicate_of="parent",
    similarity=1.0000000000000002,
    raw_size=2**63 - 1,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(article=articles)
@example(article=TRICKY)
def test_any_article_round_trips_unchanged(store, make_article, article):
    # One store serves every example, so each example gets fresh ids.
    parent = make_article(uuid.uuid4().hex)
    assert store.write_document(parent, raw=None)
    article = dataclasses.replace(
        article,
        id=uuid.uuid4().hex,
        duplicate_of=parent.id if article.duplicate_of is not None else None,
    )
    assert store.write_document(article, raw=None)
    assert store.get_document(article.id) == article
    assert list(store.iter_documents(ids=[article.id])) == [article]
    assert store.write_document(article, raw=None) is False
