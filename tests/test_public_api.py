"""The public API is deliberate: this test locks what `import newsprism` exports."""

import newsprism


def test_exported_names_are_locked():
    assert sorted(newsprism.__all__) == sorted(
        [
            "Article", "Comment", "ConfigError", "Corpus", "InputError", "Link", "NewsprismError", "NotFound",
            "Provenance", "Removed", "SchemaError", "StoreError", "__version__", "open", "open_corpus",
        ]
    )
    for name in newsprism.__all__:
        assert hasattr(newsprism, name), name


def test_open_ingest_and_read(tmp_path):
    (tmp_path / "a.md").write_text(
        "# Bridge reopens\n\nBy Sara Okafor\n\n3 April 2023\n\n"
        "The old river bridge reopened to traffic on Monday after a two-year repair, the city said.",
        encoding="utf-8",
    )
    with newsprism.open(tmp_path / "t.db") as corpus:
        report = corpus.ingest(tmp_path / "a.md")
        (article,) = corpus.documents()
        assert report.ingested == 1 and len(corpus) == 1
        assert corpus.document(article.id[:8]) == article
    assert article.authors == ("Sara Okafor",) and article.fields["authors"].source == "byline"
    assert article.published == "2023-04-03"
    assert newsprism.Article.from_dict(article.as_dict()) == article
