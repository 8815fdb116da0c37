"""Quote views: export rows (one per statement), speakers (who is quoted, by whom), and who said what.

A quote row joins the ``quotes`` stage record with the store's cross-document data: the entity its speaker
mention was linked to (id and canonical name), the document's outlet, and the statement group it belongs to.
Columns are documented in docs/export-format.md.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any

from ..textfold import search_key

QUOTE_COLUMNS = (
    "document", "id", "outlet", "start", "end", "text", "kind", "cue", "speaker", "in_comment", "comment",
    "group", "group_status", "confidence", "reason", "stage",
)
SPEAKER_COLUMNS = (
    "speaker", "entity", "type", "anonymous", "quotes", "direct", "documents", "outlets", "roles",
)
UNATTRIBUTED = "(no speaker found)"


def quote_rows(
    corpus,
    outlet: str | None = None,
    speaker: str | None = None,
    anonymous: bool | None = None,
    kind: str | None = None,
    documents: list[str] | None = None,
) -> Iterator[dict[str, Any]]:
    """Quote rows in document order, filtered by outlet, speaker (name, alias or words of the source as
    written, accents and case ignored), anonymity and kind."""
    store = corpus.store
    summaries = store.summaries(outlet=outlet)
    outlet_of = {row["id"]: row.get("outlet") for row in summaries}
    ids = [row["id"] for row in summaries]
    if documents is not None:
        wanted_docs = set(documents)
        ids = [i for i in ids if i in wanted_docs]
    if not ids:
        return
    entities = {e["id"]: e for e in store.entities()}
    wanted = search_key(speaker)
    for doc_id, records in store.stage_records("quotes", ids):
        entity_of = {m: e for _, m, e in store.entity_links(doc_ids=[doc_id])}
        groups = store.groups("quotes", [doc_id])
        for rec in records:
            sp = dict(rec.get("speaker") or {})
            entity = entity_of.get(sp.get("mention")) if sp.get("mention") else None
            info = entities.get(entity) if entity else None
            out_speaker = None
            if sp:
                out_speaker = {
                    "start": sp.get("start"),
                    "end": sp.get("end"),
                    "text": sp.get("text"),
                    "entity": entity,
                    "name": info["name"] if info else sp.get("name"),
                    "role": sp.get("role"),
                    "anonymous": bool(sp.get("anonymous")),
                    "description": sp.get("description"),
                    "mention": sp.get("mention"),
                    "resolution": sp.get("resolution", ""),
                }
            if anonymous is not None and bool(out_speaker and out_speaker["anonymous"]) != anonymous:
                continue
            if kind is not None and rec.get("kind") != kind:
                continue
            if wanted and not _speaker_matches(wanted, out_speaker, info):
                continue
            group = groups.get((doc_id, rec["id"]))
            yield {
                "document": doc_id,
                "id": rec["id"],
                "outlet": outlet_of.get(doc_id),
                "start": rec["start"],
                "end": rec["end"],
                "text": rec["text"],
                "kind": rec.get("kind"),
                "cue": rec.get("cue"),
                "speaker": out_speaker,
                "in_comment": rec.get("comment") is not None,
                "comment": rec.get("comment"),
                "group": group["group"] if group else None,
                "group_status": group["status"] if group else "single",
                "confidence": rec.get("confidence"),
                "reason": rec.get("reason", ""),
                "stage": rec.get("stage"),
            }


def _speaker_matches(wanted: str, speaker: dict[str, Any] | None, entity: dict[str, Any] | None) -> bool:
    if not speaker:
        return False
    names = [speaker.get("name"), speaker.get("text"), speaker.get("description")]
    if entity:
        names += [entity.get("name"), *entity.get("aliases", ())]
    return any(wanted in search_key(n) for n in names if n)


def speaker_key(row: dict[str, Any]) -> tuple[str, str]:
    """(key, display name) of a quote row's speaker: the entity, else the folded name or description."""
    sp = row.get("speaker") or {}
    if sp.get("entity"):
        return sp["entity"], sp.get("name") or sp["entity"]
    label = sp.get("name") or sp.get("description") or sp.get("text")
    if not label:
        return "", UNATTRIBUTED
    return "~" + search_key(label), label


def speaker_rows(corpus, outlet: str | None = None, anonymous: bool | None = None) -> list[dict[str, Any]]:
    """Who is quoted: one row per speaker (entity, or anonymous description), most quoted first. Quotes in
    reader comments are left out: they are not the outlet's."""
    agg: dict[str, dict[str, Any]] = {}
    for row in quote_rows(corpus, outlet=outlet, anonymous=anonymous):
        if row["in_comment"]:
            continue
        key, name = speaker_key(row)
        sp = row.get("speaker") or {}
        a = agg.setdefault(
            key,
            {
                "speaker": name,
                "entity": sp.get("entity"),
                "type": None,
                "anonymous": bool(sp.get("anonymous")),
                "quotes": 0,
                "direct": 0,
                "documents": set(),
                "outlets": Counter(),
                "roles": Counter(),
            },
        )
        a["quotes"] += 1
        a["direct"] += row["kind"] in ("direct", "mixed", "post")
        a["documents"].add(row["document"])
        a["outlets"][row["outlet"] or "(unknown outlet)"] += 1
        if sp.get("role"):
            a["roles"][sp["role"]] += 1
    entities = {e["id"]: e for e in corpus.store.entities()} if agg else {}
    out = []
    for a in agg.values():
        if a["entity"] in entities:
            a["type"] = entities[a["entity"]].get("type")
        a["documents"] = len(a["documents"])
        a["outlets"] = dict(a["outlets"].most_common())
        a["roles"] = [r for r, _ in a["roles"].most_common()]
        out.append(a)
    out.sort(key=lambda a: (a["speaker"] == UNATTRIBUTED, -a["quotes"], search_key(a["speaker"])))
    return out


def who_said_what(corpus, speakers: int = 12, per_outlet: int = 4, rows: list[dict] | None = None) -> list[dict[str, Any]]:
    """For the report: the most quoted speakers, each with their statements by outlet (comments left out)."""
    by_speaker: dict[str, dict[str, Any]] = {}
    for row in rows if rows is not None else quote_rows(corpus):
        if row["in_comment"]:
            continue
        key, name = speaker_key(row)
        if not key:
            continue
        entry = by_speaker.setdefault(
            key,
            {"speaker": name, "anonymous": bool((row["speaker"] or {}).get("anonymous")), "count": 0,
             "outlets": defaultdict(list)},
        )
        entry["count"] += 1
        entry["outlets"][row["outlet"] or "(unknown outlet)"].append(row)
    ranked = sorted(by_speaker.values(), key=lambda e: (-e["count"], search_key(e["speaker"])))[:speakers]
    for entry in ranked:
        entry["outlets"] = {o: rows[:per_outlet] for o, rows in sorted(entry["outlets"].items())}
    return ranked
