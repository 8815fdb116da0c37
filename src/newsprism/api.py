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


def _register_record_exports() -> None:
    from .views import records as record_views

    for kind, (rows, columns) in record_views.EXPORTS.items():
        EXPORTS[kind] = rows
        EXPORT_COLUMNS[kind] = columns


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
        report = Ingest(self.store, self.settings, listener).run([str(n) for n in names])
        if self.settings.get("analyse", True) and report.ok:
            report.analysis = self.analyse(listener=listener)
        return report

    def analyse(
        self, stages: Iterable[str] | None = None, *, force: bool = False, listener=None, link: bool = True
    ):
        """Run the analysis stages on every document behind on them, then link entities across documents.
        Returns an ``AnalysisReport``. ``stages`` picks some (with the stages they read); ``force`` re-runs
        them on every document."""
        from .analysis import Analysis

        names = list(stages) if stages is not None else None
        return Analysis(self.store, self.settings, names, force=force, listener=listener).run(link=link)

    def relink(self) -> tuple[int | None, str]:
        """Link every stored mention again from scratch, replaying the user's corrections."""
        from .link.apply import link_entities

        linked = link_entities(self.store, self.settings, changed=None)
        self._realign_after_linking()
        return linked

    def _realign_after_linking(self) -> None:
        """Figure groups rest on entity ids (what a figure is about, the countries of its article): when the
        entities change, the figures are aligned again."""
        from .link.figures import realign_figures

        realign_figures(self.store)

    # -- corrections -----------------------------------------------------------------------------------

    def merge(self, *names_or_ids: str) -> dict:
        """Merge entities (by id or name) into one; kept as a correction that survives re-runs."""
        from .link.apply import add_correction

        result = add_correction(self, "merge", list(names_or_ids))
        self._realign_after_linking()
        return result

    def split(self, entity: str, *names: str) -> dict:
        """Split the given surface names out of ``entity`` into an entity of their own; kept as a correction."""
        from .link.apply import add_correction

        result = add_correction(self, "split", [entity, *names])
        self._realign_after_linking()
        return result

    def corrections(self, include_undone: bool = False) -> list[dict]:
        return self.store.corrections(include_undone)

    def undo(self, correction_id: int) -> dict:
        """Undo a correction (it is kept, marked undone) and relink."""
        self.store.undo_correction(correction_id)
        entities, how = self.relink()
        return {"undone": correction_id, "entities": entities, "linked": how}

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

    # -- analysis records --------------------------------------------------------------------------------

    def times(self, doc_id: str | None = None) -> list:
        """TimeRef records of one document (id or prefix), or of every document."""
        return self._records("times", doc_id)

    def mentions(self, doc_id: str | None = None) -> list:
        """Mention records of one document, or of every document."""
        return self._records("entities", doc_id)

    def places(self, doc_id: str | None = None) -> list:
        """Place records (resolved place mentions) of one document, or of every document."""
        return self._records("places", doc_id)

    def _records(self, stage: str, doc_id: str | None) -> list:
        from .records import STAGE_RECORDS

        cls = STAGE_RECORDS[stage]
        ids = [self.document(doc_id).id] if doc_id is not None else None
        return [cls.from_dict(r) for _, rows in self.store.stage_records(stage, ids) for r in rows]

    def entities(self, type: str | None = None, outlet: str | None = None, limit: int | None = None) -> list:
        """Entities across the corpus, most mentioned first; ``outlet`` keeps those that outlet mentions."""
        from .records import Entity

        rows = self.store.entities(type=type)
        if outlet is not None:
            rows = [r for r in rows if outlet in (r.get("outlets") or {})]
        if limit is not None:
            rows = rows[:limit]
        return [Entity.from_dict(r) for r in rows]

    def entity(self, name_or_id: str) -> dict:
        """One entity with its mentions per outlet (each with its sentence) and the entities co-mentioned.
        ``name_or_id`` is an entity id, or a name matched against canonical names and aliases."""
        from .views.entities import entity_detail

        return entity_detail(self, name_or_id)

    def quotes(
        self,
        speaker: str | None = None,
        outlet: str | None = None,
        anonymous: bool | None = None,
        kind: str | None = None,
        doc_id: str | None = None,
    ) -> list[dict]:
        """Statements with their cue, speaker (entity id and canonical name when linked), outlet and group,
        as export rows. ``speaker`` matches names, aliases and the source's words; ``anonymous`` True keeps
        unnamed sources only, False named ones."""
        from .views.quotes import quote_rows

        docs = [self.document(doc_id).id] if doc_id is not None else None
        return list(quote_rows(self, outlet=outlet, speaker=speaker, anonymous=anonymous, kind=kind, documents=docs))

    def speakers(self, outlet: str | None = None, anonymous: bool | None = None) -> list[dict]:
        """Who is quoted, how often, by which outlets, named or anonymous; most quoted first."""
        from .views.quotes import speaker_rows

        return speaker_rows(self, outlet=outlet, anonymous=anonymous)

    def figures(
        self, about: str | None = None, conflicts: bool = False, outlet: str | None = None, doc_id: str | None = None
    ) -> list[dict]:
        """Figures (value, unit, qualifier, what is counted, time scope, speaker) with the group they were
        aligned into across documents and its status (agree, differ, conflict, single), as export rows.
        ``about`` matches entity names, aliases and the counted phrase; ``conflicts`` keeps the groups whose
        figures do not agree."""
        from .views.figures import figure_rows

        docs = [self.document(doc_id).id] if doc_id is not None else None
        return list(figure_rows(self, outlet=outlet, about=about, conflicts=conflicts, documents=docs))

    def claims(self, speaker: str | None = None, outlet: str | None = None, doc_id: str | None = None) -> list[dict]:
        """Causal claims (cause, effect, signal, the speaker when inside a quote) with their group."""
        from .views.figures import claim_rows

        docs = [self.document(doc_id).id] if doc_id is not None else None
        return list(claim_rows(self, outlet=outlet, speaker=speaker, documents=docs))

    def regroup(self) -> dict[str, int]:
        """Recompute every cross-document grouping (quotes, figures, claims); returns grouped records by kind."""
        from .analysis import REGROUPS

        return {stage: regroup(self.store) for stage, regroup in REGROUPS.items()}

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
        from .report_sections import corpus_sections

        runs = self.runs(50)
        html = render_report(
            list(self.documents()), title=title, runs=runs, skips=self.skips(), sections=corpus_sections(self)
        )
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


_register_record_exports()


def open_corpus(db: str | Path | None = None, **overrides: Any) -> Corpus:
    """Open (creating if needed) the corpus at ``db``: a SQLite path or a postgresql:// URL.
    Other keyword arguments override settings (see ``newsprism.settings.TABLE``)."""
    from .store import open_store

    values = settings_mod.load({"db": str(db) if db is not None else None, **overrides})
    return Corpus(open_store(values["db"]), values)
