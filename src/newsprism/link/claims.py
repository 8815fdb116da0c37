"""Causal claims with the same cause and effect, across documents, grouped.

    realign_claims(store)     # every stored claim; groups written to record_groups (kind "claims")

Two claims are the same when the content words of their causes overlap at least ``min_claim_overlap``
(Jaccard, ``lexicons/alignment.yaml``) and so do those of their effects, and their polarities agree (a claim
that X prevents Y is not the claim that X causes Y). Candidates come from an inverted index on the effects'
content words (frequent words are not used as keys), groups are the connected components of the links, and
only groups spanning at least two documents are kept. Every member's status is ``same``.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from .. import lexicons
from ..records import Claim
from .figures import content_words
from .quotes import Member, UnionFind
from .stored import records_by_document

KIND = "claims"
MAX_POSTING = 200


@dataclass(frozen=True)
class ClaimItem:
    document: str
    id: str
    cause: frozenset[str]
    effect: frozenset[str]
    polarity: str = "cause"


def item_of(document: str, claim: Claim) -> ClaimItem:
    return ClaimItem(
        document,
        claim.id,
        content_words(claim.cause.text if claim.cause else ""),
        content_words(claim.effect.text if claim.effect else ""),
        claim.polarity,
    )


def _jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def group_claims(items: list[ClaimItem]) -> list[Member]:
    threshold = float(lexicons.load("alignment").get("min_claim_overlap", 0.5))
    index: dict[str, list[int]] = defaultdict(list)
    for i, it in enumerate(items):
        for w in it.effect:
            index[w].append(i)
    uf = UnionFind(len(items))
    seen: set[tuple[int, int]] = set()
    for posting in index.values():
        if len(posting) < 2 or len(posting) > MAX_POSTING:
            continue
        for x, a in enumerate(posting):
            for b in posting[x + 1 :]:
                if (a, b) in seen:
                    continue
                seen.add((a, b))
                ia, ib = items[a], items[b]
                if (
                    ia.polarity == ib.polarity
                    and _jaccard(ia.cause, ib.cause) >= threshold
                    and _jaccard(ia.effect, ib.effect) >= threshold
                ):
                    uf.union(a, b)
    components: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        components[uf.find(i)].append(i)
    out: list[Member] = []
    for idx in components.values():
        docs = sorted({items[i].document for i in idx})
        if len(docs) < 2:
            continue
        first = min(idx, key=lambda i: (items[i].document, items[i].id))
        gid = "g-" + hashlib.sha1(f"{KIND}|{items[first].document}|{items[first].id}".encode()).hexdigest()[:12]
        for i in sorted(idx, key=lambda i: (items[i].document, items[i].id)):
            out.append(Member(items[i].document, items[i].id, gid, "same", {"members": len(idx), "documents": len(docs)}))
    return out


def realign_claims(store, fresh: Mapping[str, list[Claim]] | None = None) -> int:
    """Group every stored claim and replace the stored claim groups; ``fresh``: documents' claims as just
    stored (not read back)."""
    duplicates = {row["id"] for row in store.summaries() if row.get("duplicate_of")}
    items = [
        item_of(doc_id, c)
        for doc_id, records in records_by_document(store, "causal", Claim, fresh=fresh)
        if doc_id not in duplicates
        for c in records
    ]
    return store.write_groups(KIND, [m.row() for m in group_claims(items)])
