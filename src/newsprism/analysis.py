"""The analysis run: stored Articles ──► spaCy Docs ──► per-document stages ──► store ──► entity linking.

    for each batch of documents behind on some stage (never ran, or ran at another version or model):
        parse the bodies once with spaCy, if a stage that is behind needs the Doc
        run the stages in registry order; a stage reads the records of the stages before it
        write the records of all its stages, a few documents to a transaction (WRITE_BATCH)
    then link the mentions across documents (incremental when only new documents arrived)
    and regroup the stages' records across documents when they changed: the same statement quoted in several
    documents, figures about the same measured thing, the same causal claim
    (this run's new records of those stages are handed over from memory, up to FRESH_RECORDS, not read back)

Stages are pure; everything that touches the store is here. A stage that fails on one document is a bug on
our side, not bad input: the document is counted as failed with a one-line message, its old records are
kept, and the run goes on. A killed run resumes: a rerun picks up the documents still behind (at most the
last WRITE_BATCH documents' work is lost; each document is at the old versions or the new ones, never half).

While a run lasts, what is already loaded (the model, the lexicons, the gazetteer) is kept out of the way
of Python's cyclic garbage collector (``gc.freeze``, once before the run and again after the first
document, when the first stages have loaded their data); otherwise every full collection walks all of it
again. The collector is given it back when the run ends, unless the calling program had frozen objects
itself, in which case freezing stays its business.
"""

from __future__ import annotations

import gc
from collections import Counter
from contextlib import contextmanager
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from . import nlp
from .link.stored import records_by_document
from .records import STAGE_RECORDS, Article
from .stages.registry import Stage, StageContext, select

Listener = Callable[[str, Any], None]
WRITE_BATCH = 16  # documents whose records are written in one transaction
FRESH_RECORDS = 100_000  # records kept in memory for linking and regrouping after their documents are written
FRESH_STAGES = ("entities", "quotes", "figures", "causal")  # the stages linking and regrouping read back


@dataclass
class AnalysisReport:
    documents: int = 0  # documents that had at least one stage run
    records: Counter = field(default_factory=Counter)  # new records by stage
    failed: list[tuple[str, str, str]] = field(default_factory=list)  # (document, stage, message)
    entities: int | None = None  # entities after linking, None when linking did not run
    linked: str = ""  # "incremental", "rebuilt" or ""
    groups: dict[str, int] = field(default_factory=dict)  # stage -> records in cross-document groups, when regrouped

    def counts(self) -> dict[str, Any]:
        return {
            "analysed": self.documents,
            "records": dict(self.records),
            "failed": len(self.failed),
            "entities": self.entities,
            "linked": self.linked,
            "groups": dict(self.groups),
        }


class Analysis:
    """One analysis run over a store. ``force`` re-runs the stages on every document."""

    def __init__(
        self,
        store,
        settings: dict[str, Any],
        stages: list[str] | tuple[str, ...] | None = None,
        *,
        force: bool = False,
        listener: Listener | None = None,
    ):
        self.store = store
        self.settings = settings
        self.stages = select(stages)
        self.force = force
        self.listener = listener or (lambda event, value: None)
        self.model = settings.get("model", "sm")
        # this run's new records by stage and document, for linking and regrouping (None past FRESH_RECORDS)
        self._fresh: dict[str, dict[str, list]] | None = {}
        self._fresh_count = 0

    def _model_tag(self, stage: Stage) -> str:
        return nlp.model_version(self.model) if stage.needs_nlp else ""

    def behind(self) -> dict[str, set[str]]:
        """Document ids behind on each selected stage."""
        out: dict[str, set[str]] = {}
        for stage in self.stages:
            if self.force:
                out[stage.name] = set(self.store.documents_behind(stage.name, -1, "\0"))
            else:
                out[stage.name] = set(self.store.documents_behind(stage.name, stage.version, self._model_tag(stage)))
        return out

    def run(self, link: bool = True) -> AnalysisReport:
        with _loaded_data_frozen() as freeze:
            return self._run(link, freeze)

    def _run(self, link: bool, freeze: Callable[[], None]) -> AnalysisReport:
        report = AnalysisReport()
        behind = self.behind()
        todo = sorted(set().union(*behind.values())) if behind else []
        self.listener("total", len(todo))
        batch = max(1, int(self.settings.get("batch_size", 200)))
        changed: set[str] = set()
        pending: list[tuple[str, list]] = []
        self._fresh, self._fresh_count = {}, 0
        for start in range(0, len(todo), batch):
            ids = todo[start : start + batch]
            articles = list(self.store.iter_documents(ids=ids))
            for article, doc in self._with_docs(articles, behind):
                pending.append((article.id, self._analyse_one(article, doc, behind, report)))
                if not changed:
                    freeze()  # the first document loaded what the stages need (lexicons, gazetteer)
                changed.add(article.id)
                if len(pending) >= WRITE_BATCH:
                    self.store.write_documents_stages(pending)
                    pending = []
                self.listener("advance", 1)
            self.store.write_documents_stages(pending)
            pending = []
        report.documents = len(changed)
        linked_before = self.store.link_state() is not None
        if link and any(s.name in ("entities", "places") for s in self.stages) and (changed or not linked_before):
            from .link.apply import link_entities

            report.entities, report.linked = link_entities(
                self.store, self.settings, changed=changed, fresh=self._fresh_of("entities")
            )
        if link:
            for stage_name, regroup in REGROUPS.items():
                if changed & behind.get(stage_name, set()):
                    report.groups[stage_name] = regroup(self.store, self._fresh_of(stage_name))
        self._fresh, self._fresh_count = {}, 0
        return report

    def _with_docs(self, articles: list[Article], behind: dict[str, set[str]]) -> Iterator[tuple[Article, Any]]:
        """Each article with its spaCy Doc when a stage behind on it needs one. The bodies go to the model
        as one stream and each Doc is handed on as it comes, so only the model's own batch is held at once."""
        nlp_stages = [s.name for s in self.stages if s.needs_nlp]
        needs = [a for a in articles if any(a.id in behind.get(n, ()) for n in nlp_stages)]
        wanted = {a.id for a in needs}
        parsed = iter(
            nlp.parse(
                (a.body for a in needs),
                model=self.model,
                batch_size=int(self.settings.get("nlp_batch_size", 32)),
                processes=int(self.settings.get("processes", 1)),
            )
            if needs
            else ()
        )
        for article in articles:
            yield article, next(parsed) if article.id in wanted else None

    def _analyse_one(
        self, article: Article, doc: Any, behind: dict[str, set[str]], report: AnalysisReport
    ) -> list[tuple[str, int, str, list[dict]]]:
        """Run the stages behind on one document; returns what to store, (stage, version, model, records)."""
        results: dict[str, list] = {}
        done: list[tuple[str, int, str, list[dict]]] = []
        for stage in self.stages:
            if article.id not in behind.get(stage.name, ()):
                continue
            for dep in stage.after:
                if dep not in results:
                    results[dep] = self._stored(dep, article.id)
            ctx = StageContext(settings=self.settings, results=results)
            try:
                records = stage.runner()(article, doc if stage.needs_nlp else None, ctx)
                _check_offsets(article, records, stage)
            except Exception as exc:  # noqa: BLE001 - a stage bug must not stop the batch
                message = f"{article.id[:12]}: stage {stage.name} failed: {type(exc).__name__}: {exc}"
                report.failed.append((article.id, stage.name, message))
                self.listener("failed", message)
                continue
            results[stage.name] = records
            if stage.name in FRESH_STAGES:
                self._keep_fresh(stage.name, article.id, records)
            done.append((stage.name, stage.version, self._model_tag(stage), [r.as_dict() for r in records]))
            report.records[stage.name] += len(records)
        return done

    def _keep_fresh(self, stage: str, doc_id: str, records: list) -> None:
        """Keep a document's new records of a stage for linking and regrouping, up to FRESH_RECORDS in all;
        past that those steps read them all back from the store."""
        if self._fresh is None:
            return
        self._fresh.setdefault(stage, {})[doc_id] = records
        self._fresh_count += len(records)
        if self._fresh_count > FRESH_RECORDS:
            self._fresh = None

    def _fresh_of(self, stage: str) -> dict[str, list]:
        return (self._fresh or {}).get(stage, {})

    def _stored(self, stage: str, doc_id: str) -> list:
        for _, records in records_by_document(self.store, stage, STAGE_RECORDS[stage], [doc_id]):
            return records
        return []


@contextmanager
def _loaded_data_frozen() -> Iterator[Callable[[], None]]:
    """Freeze what the garbage collector tracks now, and again whenever the body calls the function it is
    given; unfreeze at the end. Does nothing when the program froze objects before (it manages that)."""
    if gc.get_freeze_count():
        yield lambda: None
        return
    gc.freeze()
    try:
        yield gc.freeze
    finally:
        gc.unfreeze()


def _regroup_quotes(store, fresh=None) -> int:
    from .link.quotes import regroup_quotes

    return regroup_quotes(store, fresh)


def _realign_figures(store, fresh=None) -> int:
    from .link.figures import realign_figures

    return realign_figures(store, fresh)


def _realign_claims(store, fresh=None) -> int:
    from .link.claims import realign_claims

    return realign_claims(store, fresh)


# stage -> the cross-document grouping re-run when some document's records of that stage changed; it gets
# the store and this run's new records of that stage (document id -> records, possibly empty)
REGROUPS: dict[str, Callable[[Any, dict[str, list]], int]] = {
    "quotes": _regroup_quotes,
    "figures": _realign_figures,
    "causal": _realign_claims,
}


def _check_offsets(article: Article, records: list, stage: Stage) -> None:
    """Every span a record carries (its own and its nested ones: a quote's cue and speaker, a figure's counted
    phrase) slices to its text, in the body or, for a record with a ``comment`` position, in that reader
    comment's text."""
    tag = stage.tag  # read once: the property looks the stage module up
    for r in records:
        comment = getattr(r, "comment", None)
        if comment is None:
            text = article.body
        elif 1 <= comment <= len(article.comments):
            text = article.comments[comment - 1].text
        else:
            raise ValueError(f"record {getattr(r, 'id', '')} names comment {comment}, which the article does not have")
        spans = [r, *(getattr(r, name) for name in getattr(type(r), "_single", {}))]
        for span in spans:
            if span is None or getattr(span, "start", None) is None:
                continue
            if text[span.start : span.end] != span.text:
                raise ValueError(
                    f"record {getattr(r, 'id', '')} offsets [{span.start}:{span.end}] do not slice to {span.text!r}"
                )
        if r.stage != tag:
            raise ValueError(f"record says stage {r.stage!r}, the registry {tag!r}")
