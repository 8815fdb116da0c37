"""Figure and claim views: export rows joined with entities, speakers, time scopes and cross-document groups.

A figure row resolves what the ``figures`` stage points at by id: its ``about`` mentions to entity ids, its
scope expressions to a ``{start, end}`` of TIMEX values, the quote holding it to that quote's speaker
entity (or its "according to" source to that source's entity), and adds the group it was aligned into.
A claim row does the same for the ``causal`` stage. Columns are documented in docs/export-format.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..link.scopes import figure_scope
from ..textfold import search_key

FIGURE_COLUMNS = (
    "document", "id", "outlet", "published", "start", "end", "text", "value", "high", "unit", "unit_family",
    "qualifier", "bound", "counted", "about", "scope", "speaker", "speaker_name", "quote", "source", "group",
    "group_status", "group_reason", "confidence", "reason", "stage",
)
CLAIM_COLUMNS = (
    "document", "id", "outlet", "published", "start", "end", "text", "kind", "cause", "effect", "signal",
    "polarity", "speaker", "speaker_name", "quote", "group", "confidence", "reason", "stage",
)


class _DocContext:
    """What the rows of one document need: entity of each mention, speaker of each quote, time values."""

    def __init__(self, store, doc_id: str, entities: dict[str, dict[str, Any]]):
        self.entity_of = {m: e for _, m, e in store.entity_links(doc_ids=[doc_id])}
        self.entities = entities
        self.quote_speaker: dict[str, str | None] = {}
        for _, rows in store.stage_records("quotes", [doc_id]):
            for q in rows:
                mention = (q.get("speaker") or {}).get("mention")
                self.quote_speaker[q["id"]] = self.entity_of.get(mention) if mention else None
        self.times: dict[str, dict[str, Any]] = {}
        for _, rows in store.stage_records("times", [doc_id]):
            self.times = {t["id"]: t for t in rows}

    def name(self, entity: str | None) -> str | None:
        return self.entities[entity]["name"] if entity in self.entities else None

    def speaker(self, quote: str | None, source_mention: str | None) -> str | None:
        if quote and self.quote_speaker.get(quote):
            return self.quote_speaker[quote]
        return self.entity_of.get(source_mention) if source_mention else None

    def scope(self, ids: list[str], sentence: dict[str, Any] | None) -> dict[str, str | None] | None:
        """{start, end} as TIMEX values: "since X" starts it, "until X" ends it, "in X" is both."""
        rows = [self.times[t] for t in ids if t in self.times]
        bounds = figure_scope(rows, (sentence["start"], sentence["text"]) if sentence is not None else None)
        return None if bounds is None else {"start": bounds[0], "end": bounds[1]}


def _documents(corpus, outlet: str | None, documents: list[str] | None) -> tuple[list[str], dict[str, dict]]:
    summaries = corpus.store.summaries(outlet=outlet)
    info = {row["id"]: row for row in summaries}
    ids = [row["id"] for row in summaries]
    if documents is not None:
        wanted = set(documents)
        ids = [i for i in ids if i in wanted]
    return ids, info


def figure_rows(
    corpus,
    outlet: str | None = None,
    about: str | None = None,
    conflicts: bool = False,
    documents: list[str] | None = None,
) -> Iterator[dict[str, Any]]:
    """Figure rows in document order. ``about`` keeps figures whose entities, counted phrase or text
    contain it (accents and case ignored); ``conflicts`` keeps figures in groups that do not agree."""
    store = corpus.store
    ids, info = _documents(corpus, outlet, documents)
    if not ids:
        return
    entities = {e["id"]: e for e in store.entities()}
    wanted = search_key(about)
    for doc_id, records in store.stage_records("figures", ids):
        ctx = _DocContext(store, doc_id, entities)
        groups = store.groups("figures", [doc_id])
        for rec in records:
            about_ids = sorted({e for m in rec.get("about") or () if (e := ctx.entity_of.get(m))})
            group = groups.get((doc_id, rec["id"]))
            status = group["status"] if group else "single"
            if conflicts and status not in ("differ", "conflict"):
                continue
            if wanted:
                names = [rec.get("text"), (rec.get("counted") or {}).get("text")]
                for e in about_ids:
                    names += [entities[e]["name"], *entities[e].get("aliases", ())] if e in entities else []
                if not any(wanted in search_key(n) for n in names if n):
                    continue
            speaker = ctx.speaker(rec.get("quote"), rec.get("source_mention"))
            yield {
                "document": doc_id,
                "id": rec["id"],
                "outlet": info[doc_id].get("outlet"),
                "published": info[doc_id].get("published"),
                "start": rec["start"],
                "end": rec["end"],
                "text": rec["text"],
                "value": rec.get("value"),
                "high": rec.get("high"),
                "unit": rec.get("unit"),
                "unit_family": rec.get("unit_family"),
                "qualifier": rec.get("qualifier"),
                "bound": rec.get("bound"),
                "counted": rec.get("counted"),
                "about": about_ids,
                "scope": ctx.scope(list(rec.get("scope") or ()), rec.get("sentence")),
                "speaker": speaker,
                "speaker_name": ctx.name(speaker),
                "quote": rec.get("quote"),
                "source": rec.get("source"),
                "group": group["group"] if group else None,
                "group_status": status,
                "group_reason": group.get("reason") if group else None,
                "confidence": rec.get("confidence"),
                "reason": rec.get("reason", ""),
                "stage": rec.get("stage"),
            }


def claim_rows(
    corpus,
    outlet: str | None = None,
    speaker: str | None = None,
    documents: list[str] | None = None,
) -> Iterator[dict[str, Any]]:
    """Causal claim rows in document order; ``speaker`` keeps claims made inside that speaker's quotes."""
    store = corpus.store
    ids, info = _documents(corpus, outlet, documents)
    if not ids:
        return
    entities = {e["id"]: e for e in store.entities()}
    wanted = search_key(speaker)
    for doc_id, records in store.stage_records("causal", ids):
        ctx = _DocContext(store, doc_id, entities)
        groups = store.groups("claims", [doc_id])
        for rec in records:
            who = ctx.speaker(rec.get("quote"), None)
            name = ctx.name(who)
            if wanted:
                names = [name, *(entities[who].get("aliases", ()) if who in entities else ())]
                if not any(wanted in search_key(n) for n in names if n):
                    continue
            group = groups.get((doc_id, rec["id"]))
            yield {
                "document": doc_id,
                "id": rec["id"],
                "outlet": info[doc_id].get("outlet"),
                "published": info[doc_id].get("published"),
                "start": rec["start"],
                "end": rec["end"],
                "text": rec["text"],
                "kind": rec.get("kind", "causal"),
                "cause": rec.get("cause"),
                "effect": rec.get("effect"),
                "signal": rec.get("signal"),
                "polarity": rec.get("polarity", "cause"),
                "speaker": who,
                "speaker_name": name,
                "quote": rec.get("quote"),
                "group": group["group"] if group else None,
                "confidence": rec.get("confidence"),
                "reason": rec.get("reason", ""),
                "stage": rec.get("stage"),
            }


def aligned_groups(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Figure rows gathered by group (ordered by report date inside), the groups that do not agree first."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        if r["group"]:
            groups.setdefault(r["group"], []).append(r)
    order = {"conflict": 0, "differ": 1, "agree": 2}
    out = []
    for gid, members in groups.items():
        members.sort(key=lambda r: (r["published"] or "9999", r["document"], r["start"]))
        out.append({"group": gid, "status": members[0]["group_status"], "reason": members[0]["group_reason"], "rows": members})
    out.sort(key=lambda g: (order.get(g["status"], 3), -len(g["rows"])))
    return out


def format_value(row: dict) -> str:
    """A figure row's value for people: "more than 250,000 homicide", "1,400,000,000 USD"."""
    value = row.get("value")
    if value is None:
        return ""
    text = f"{value:,.0f}" if float(value).is_integer() or abs(value) >= 100 else f"{value:g}"
    if row.get("high") is not None:
        text += f"–{row['high']:,.0f}"
    unit = row.get("unit") or ""
    qualifier = row.get("qualifier") or ""
    written = (row.get("text") or "").lower()
    if qualifier and written and not written.startswith(qualifier.lower()):
        return f"{text} {qualifier} {unit}".strip()  # a hedge written after the number: "50 or more", "30-odd"
    return f"{qualifier} {text} {unit}".strip()


def format_scope(row: dict) -> str:
    """A figure row's time scope for people: "2010", "2006-12 → …"."""
    scope = row.get("scope") or {}
    start, end = scope.get("start"), scope.get("end")
    if start and start == end:
        return start
    return f"{start or '…'} → {end or '…'}" if (start or end) else ""
