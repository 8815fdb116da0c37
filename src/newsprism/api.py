"""The Python API. The CLI (and later the JSON API and web pages) are thin layers over this.

    import newsprism

    with newsprism.open("news.db") as corpus:          # or "postgresql://user:pw@host/db"
        report = corpus.ingest(["articles/", "feed.xml"])
        print(report.ingested, report.duplicates, report.by_reason)
        for article in corpus.documents(outlet="NPR"):
            print(article.published, article.title, article.published_source)
        corpus.export("documents", "jsonl", "documents.jsonl")
        corpus.report("report.html")
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from . import settings as settings_mod
from .export import DOCUMENT_KEYS, document_row
from .records import Article

# Record kinds that `export` knows, each a function (corpus, **filters) -> iterable of rows.
# Later stages register theirs here ("entities", "mentions", "quotes", ...).
EXPORTS: dict[str, Callable[..., Iterable[dict]]] = {}


def _documents_rows(corpus: Corpus, outlet: str | None = None) -> Iterator[dict]:
    for article in corpus.documents(outlet=outlet):
        yield document_row(article)


EXPORTS["documents"] = _documents_rows

# The fixed columns of each kind (so that an empty export still has its header); registered with EXPORTS.
EXPORT_COLUMNS: dict[str, tuple[str, ...]] = {"documents": tuple(DOCUMENT_KEYS)}


class Corpus:
    """A store of ingested articles and everything extracted from them."""

    def __init__(self, store, settings: dict[str, Any]):
        self.store = store
        self.settings = settings

    # -- writing ---------------------------------------------------------------------------------------

    def ingest(self, inputs: str | Iterable[str], listener=None):
        """Ingest files, folders, globs, URLs or "-" (stdin). Returns an ``IngestReport``; bad inputs are
        skipped with a reason, never raised."""
        from .ingest.pipeline import Ingest

        names = [inputs] if isinstance(inputs, (str, Path)) else list(inputs)
        return Ingest(self.store, self.settings, listener).run([str(n) for n in names])

    # -- reading ---------------------------------------------------------------------------------------

    def documents(self, outlet: str | None = None, ids: Iterable[str] | None = None) -> Iterator[Article]:
        """Every stored Article (streamed), ordered by publication date."""
        return self.store.iter_documents(outlet=outlet, ids=ids)

    def document(self, doc_id: str) -> Article:
        """One Article by id or unique id prefix; raises ``NotFound``."""
        return self.store.get_document(doc_id)

    def summaries(self, outlet: str | None = None) -> list[dict]:
        """One light row per document: id, outlet, published, title, words, comments, duplicate_of, ..."""
        return self.store.summaries(outlet=outlet)

    def raw(self, doc_id: str) -> bytes | None:
        """The exact bytes the document was read from (None when only its hash and location were kept)."""
        return self.store.raw(self.document(doc_id).id)

    def runs(self, limit: int = 20) -> list[dict]:
        return self.store.runs(limit)

    def skips(self, run_id: int | None = None) -> list[dict]:
        return self.store.skips(run_id)

    def __len__(self) -> int:
        return self.store.count_documents()

    # -- output ----------------------------------------------------------------------------------------

    def export(self, what: str = "documents", fmt: str = "jsonl", out=None, **filters) -> int:
        """Write records of kind ``what`` as jsonl, csv or parquet to ``out`` (path, file or None for stdout)."""
        from .export import write_rows

        if what not in EXPORTS:
            raise ValueError(f"unknown export kind {what!r}; choose from {', '.join(EXPORTS)}")
        columns = EXPORT_COLUMNS.get(what)
        return write_rows(EXPORTS[what](self, **filters), fmt, out, columns=columns)

    def report(self, path: str | Path | None = None, title: str = "newsprism report") -> str:
        """Render the self-contained HTML report; write it to ``path`` when given. Returns the HTML."""
        from .report import render_report

        runs = self.runs(50)
        html = render_report(list(self.documents()), title=title, runs=runs, skips=self.skips())
        if path is not None:
            Path(path).write_text(html, encoding="utf-8")
        return html

    # -- lifecycle -------------------------------------------------------------------------------------

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_corpus(db: str | Path | None = None, **overrides: Any) -> Corpus:
    """Open (creating if needed) the corpus at ``db``: a SQLite path or a postgresql:// URL.
    Other keyword arguments override settings (see ``newsprism.settings.TABLE``)."""
    from .store import open_store

    values = settings_mod.load({"db": str(db) if db is not None else None, **overrides})
    return Corpus(open_store(values["db"]), values)
