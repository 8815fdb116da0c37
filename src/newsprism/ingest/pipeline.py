"""The ingest run: inputs ──► Drafts ──► cleaned Articles ──► store, in batches.

    for each batch of drafts:
        skip the ones already stored (ids are content hashes: re-ingest changes nothing)
        clean each draft and resolve its metadata
        cut short lines that repeat across documents of the same outlet (batch + store counts)
        link near-duplicates to their first copy (MinHash LSH, blocked by band keys in the store)
        write each document in its own transaction

A bad input becomes one ``Skip`` (source, reason, one-line message) and the run goes on. An interrupted run
leaves every finished document in place; a rerun skips them and completes the rest.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from ..errors import InputError, NewsprismError, StoreError
from ..records import Article, Removed
from . import meta
from .clean import Cleaned, clean
from .dedup import NearDuplicates
from .draft import Draft
from .sources import iter_inputs, read

REPEAT_MAX_WORDS = 25
REPEAT_MIN_WORDS = 3


@dataclass(frozen=True)
class Skip:
    source: str
    reason: str
    message: str

    def line(self) -> str:
        return f"{self.source}: {self.message}" if not self.message.startswith(self.source) else self.message


@dataclass
class IngestReport:
    run_id: int | None = None
    inputs: int = 0  # inputs read (files, URLs, records inside containers count as their container)
    ingested: int = 0  # new documents written, near-duplicates included
    duplicates: int = 0  # of the new documents, those linked to a first copy
    unchanged: int = 0  # already in the store
    skipped: list[Skip] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)  # ids of new documents, in order
    analysis: Any = None  # the AnalysisReport of the analysis run after ingest, if one ran

    @property
    def by_reason(self) -> dict[str, int]:
        return dict(Counter(s.reason for s in self.skipped))

    @property
    def ok(self) -> bool:
        return self.ingested + self.unchanged > 0

    def counts(self) -> dict[str, Any]:
        return {
            "inputs": self.inputs,
            "ingested": self.ingested,
            "duplicates": self.duplicates,
            "unchanged": self.unchanged,
            "skipped": len(self.skipped),
            "skipped_by_reason": self.by_reason,
        }


Listener = Callable[[str, Any], None]


@dataclass
class _Prepared:
    draft: Draft
    id: str
    cleaned: Cleaned
    fields: dict
    hashes: list[str | None]  # per paragraph: its line hash when short enough to count, else None


def doc_id(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()[:16]


def _line_hash(text: str) -> str | None:
    words = text.split()
    if not REPEAT_MIN_WORDS <= len(words) <= REPEAT_MAX_WORDS:
        return None
    key = re.sub(r"\W+", " ", text.lower()).strip()
    return hashlib.blake2b(key.encode("utf-8"), digest_size=10).hexdigest()


class Ingest:
    """One ingest run over a store. ``listener(event, payload)`` hears "input", "document" and "skip"."""

    def __init__(self, store, settings: dict, listener: Listener | None = None):
        self.store = store
        self.settings = settings
        self.listener = listener or (lambda event, payload: None)
        self.dups = NearDuplicates(
            store,
            threshold=settings["near_duplicate_threshold"],
            num_perm=settings["minhash_permutations"],
            shingle_words=settings["shingle_words"],
        )
        self.report = IngestReport()

    def run(self, names: Iterable[str]) -> IngestReport:
        names = list(names)
        self.report.run_id = self.store.start_run("ingest", {"inputs": names})
        batch: list[Draft] = []
        for item in iter_inputs(names, self.settings):
            self.report.inputs += 1
            if isinstance(item, InputError):
                self._skip(item)
                continue
            self.listener("input", item.source)
            found = 0
            try:
                for drafted in read(item):
                    found += 1
                    if isinstance(drafted, InputError):
                        self._skip(drafted)
                        continue
                    batch.append(drafted)
                    if len(batch) >= self.settings["batch_size"]:
                        self._process(batch)
                        batch = []
            except InputError as exc:
                self._skip(exc)
            except (ImportError, NewsprismError):  # our own bugs and store failures are not bad input
                raise
            except Exception as exc:  # a reader failing on odd input must not end the batch
                self._skip(InputError(item.source, "unsupported", f"could not be read ({type(exc).__name__}: {exc})"))
            else:
                if not found:  # a container with no records at all (a CSV header only, an empty JSON list)
                    self._skip(InputError(item.source, "no-text", "no article found in the input"))
        if batch:
            self._process(batch)
        self.store.finish_run(self.report.run_id, self.report.counts())
        return self.report

    # -- internals -------------------------------------------------------------------------------------

    def _skip(self, exc: InputError) -> None:
        skip = Skip(exc.source if exc.line is None else f"{exc.source}:{exc.line}", exc.reason, exc.message)
        self.report.skipped.append(skip)
        if self.report.run_id is not None:
            self.store.record_skip(self.report.run_id, skip.source, skip.reason, skip.message)
        self.listener("skip", skip)

    def _process(self, drafts: list[Draft]) -> None:
        ids = [doc_id(d.raw) for d in drafts]
        existing = self.store.existing_ids(ids)
        prepared: list[_Prepared] = []
        seen: set[str] = set()
        for draft, did in zip(drafts, ids):
            if did in existing or did in seen:
                self.report.unchanged += 1
                self.listener("unchanged", draft.source)
                continue
            seen.add(did)
            try:
                cleaned = clean(draft)
                body, _ = cleaned.assemble()
                fields = meta.resolve(draft, cleaned, body)
            except InputError as exc:
                self._skip(exc)
                continue
            except Exception as exc:
                self._skip(InputError(draft.source, "unsupported", f"could not be cleaned ({type(exc).__name__}: {exc})"))
                continue
            hashes = [_line_hash(p.text) for p in cleaned.paragraphs]
            prepared.append(_Prepared(draft, did, cleaned, fields, hashes))
        self._cut_repeated_lines(prepared)
        for p in prepared:
            self._write(p)

    def _cut_repeated_lines(self, prepared: list[_Prepared]) -> None:
        """Short lines found in many documents of one outlet are boilerplate of that outlet."""
        need = self.settings["repeat_line_documents"]
        by_outlet: dict[str, list[_Prepared]] = defaultdict(list)
        for p in prepared:
            outlet = p.fields.get("outlet")
            if outlet is not None:
                by_outlet[str(outlet.value)].append(p)
        for outlet, group in by_outlet.items():
            in_batch: Counter[str] = Counter()
            for p in group:
                in_batch.update({h for h in p.hashes if h})
            stored = self.store.line_document_counts(outlet, list(in_batch))
            repeated = {h for h, n in in_batch.items() if n + stored.get(h, 0) >= need}
            if not repeated:
                continue
            for p in group:
                keep, hashes = [], []
                for para, h in zip(p.cleaned.paragraphs, p.hashes):
                    if h in repeated:
                        detail = f"this line appears in {need} or more documents from {outlet}"
                        p.cleaned.removed.append(Removed(para.text, "repeated-line", detail))
                    else:
                        keep.append(para)
                        hashes.append(h)
                p.cleaned.paragraphs = keep

    def _write(self, p: _Prepared) -> None:
        body, links = p.cleaned.assemble()
        draft = p.draft
        if not body.strip():
            cut = len(p.cleaned.removed) + len(draft.removed)
            self._skip(InputError(draft.source, "no-text", f"no article text left after cleaning ({cut} blocks removed as boilerplate)"))
            return
        shingles = self.dups.shingles(body)
        sig = self.dups.signature(shingles)
        found = self.dups.find(shingles, sig)
        article = self._article(p, body, links, found)
        limit = int(self.settings["raw_store_mb"] * 1024 * 1024)
        raw = draft.raw if len(draft.raw) <= limit else None
        hashes = sorted({h for h in p.hashes if h})
        try:
            written = self.store.write_document(
                article,
                raw=raw,
                raw_location=None if raw is not None else draft.source,
                signature=sig.values,
                bands=sig.bands,
                line_hashes=hashes,
            )
        except StoreError as exc:  # e.g. a value the engine refuses; the run goes on with the next document
            self._skip(InputError(draft.source, "unsupported", f"could not be stored ({exc})"))
            return
        if not written:
            self.report.unchanged += 1
            self.listener("unchanged", draft.source)
            return
        self.report.ingested += 1
        self.report.ids.append(article.id)
        if article.duplicate_of:
            self.report.duplicates += 1
        self.listener("document", article)

    def _article(self, p: _Prepared, body: str, links, found) -> Article:
        f = p.fields

        def value(name: str) -> Any:
            return f[name].value if name in f else None

        authors = value("authors") or []
        if isinstance(authors, str):
            authors = [authors]
        published = f.get("published")
        metadata = dict(p.draft.metadata)
        if p.cleaned.normalised:
            metadata["normalised_characters"] = p.cleaned.normalised
        return Article(
            id=p.id,
            source=p.draft.source,
            reader=p.draft.reader,
            body=body,
            title=value("title"),
            authors=tuple(dict.fromkeys(str(a) for a in authors)),
            published=published.value if published else None,
            published_source=published.source if published else None,
            published_confidence=published.confidence if published else None,
            outlet=value("outlet"),
            url=value("url"),
            language=value("language"),
            fields=f,
            comments=tuple(
                replace(c, position=i) for i, c in enumerate([*p.draft.comments, *p.cleaned.comments], start=1)
            ),
            removed=tuple(p.draft.removed) + tuple(p.cleaned.removed),
            links=tuple(links),
            metadata=metadata,
            duplicate_of=found[0] if found else None,
            similarity=found[1] if found else None,
            raw_sha256=p.draft.raw_sha256,
            raw_size=len(p.draft.raw),
        )
