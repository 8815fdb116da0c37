"""Fixtures for the store tests: an open ``store`` on each engine and a small Article factory."""

from __future__ import annotations

import pytest

from newsprism.records import Article, Comment, Link, Provenance, Removed
from newsprism.store import open_store


@pytest.fixture
def store(store_url):
    with open_store(store_url) as opened:
        yield opened


def build_article(doc_id: str = "a1b2c3d4e5f60718", **changes) -> Article:
    """A fully populated Article: every field set, nested records of every kind, non-ASCII text."""
    values = dict(
        id=doc_id,
        source=f"examples/{doc_id}.md",
        reader="text",
        body="Harbor officials said on Tuesday that the pier — closed since 2023 — will reopen 🚢\nLine two.",
        title="Pier to reopen",
        authors=("Ana Núñez", "Li Wei"),
        published="2024-05-07T09:30:00+02:00",
        published_source="metadata line",
        published_confidence=0.9,
        outlet="Harbor Chronicle",
        url="https://harbor.example/pier",
        language="en",
        fields={
            "title": Provenance("Pier to reopen", "title line", 0.95, "# Pier to reopen"),
            "published": Provenance("2024-05-07T09:30:00+02:00", "metadata line", 0.9, "Published at: 7 May"),
            "authors": Provenance(["Ana Núñez", "Li Wei"], "byline", 0.8),
        },
        comments=(
            Comment(1, "Finally!", author="reader1", posted="2024-05-07T10:00:00", raw_posted="10:00"),
            Comment(2, "Not convinced.", title="Hmm"),
        ),
        removed=(Removed("Subscribe now", "boilerplate", "pattern: subscribe"), Removed("Ad", "ad")),
        links=(Link(0, 6, "Harbor", "https://harbor.example/"),),
        metadata={"section": "Local", "tags": ["port", "city"], "score": 0.25, "nested": {"k": None}},
        raw_sha256="f" * 64,
        raw_size=1234,
    )
    values.update(changes)
    return Article(**values)


@pytest.fixture
def make_article():
    return build_article
