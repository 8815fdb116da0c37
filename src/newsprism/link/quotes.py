"""The same statement across documents: quotes grouped by their words, and how each version differs.

    groups = group_quotes(quotes)       # quotes: (document, Quote) pairs; returns one Member per grouped quote
    regroup_quotes(store)               # over every stored quote, written to the store's record_groups

Two quotes are the same statement when most of the shorter one's word shingles (runs of ``SHINGLE`` folded
words) appear in the longer one: ``overlap = |A ∩ B| / min(|A|, |B|) >= MIN_OVERLAP``. Candidates come
from an inverted index on the shingles, so only quotes sharing a run of words are ever compared (no
all-pairs pass); shingles shared by more than ``MAX_POSTING`` quotes (boilerplate such as "declined to
comment") are not used as blocking keys. Groups are the connected components of those links, and only
groups spanning at least two documents are kept. Quotes inside reader comments are never grouped (they are
not an outlet's), nor are those of documents stored as near-duplicates of another.

Each member gets a status against the group's fullest version (the longest; ties go to the earliest
document): ``same`` (the same words), ``cut`` (its words are a part of the fullest version's, in order),
or ``changed`` (words added, dropped or replaced), with the words that differ kept as evidence.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..records import Quote
from ..textfold import strip_accents
from .stored import records_by_document

SHINGLE = 3
MIN_OVERLAP = 0.6
MIN_WORDS = 4  # shorter quotes ("no", "armed and fighting") are grouped only when their words are identical
MAX_POSTING = 50
KIND = "quotes"

_WORD = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)


def words(text: str) -> list[str]:
    """Folded word tokens: accents dropped, lower case, curly apostrophes straightened."""
    return _WORD.findall(strip_accents(text).lower().replace("’", "'"))


@dataclass
class Member:
    document: str
    record: str
    group: str
    status: str  # same, cut, changed
    data: dict[str, Any] = field(default_factory=dict)

    def row(self) -> tuple[str, str, str, str, dict[str, Any]]:
        return self.document, self.record, self.group, self.status, self.data


def _shingles(ws: Sequence[str]) -> set[tuple[str, ...]]:
    if len(ws) < SHINGLE:
        return {tuple(ws)} if ws else set()
    return set(zip(*(ws[k:] for k in range(SHINGLE))))  # every run of SHINGLE words, as a tuple


def _is_sublist(short: Sequence[str], long: Sequence[str]) -> bool:
    n = len(short)
    if n == 0 or n > len(long):
        return n == 0
    first = short[0]
    return any(long[i] == first and list(long[i : i + n]) == list(short) for i in range(len(long) - n + 1))


class UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def group_quotes(quotes: Iterable[tuple[str, Quote]], dates: dict[str, str] | None = None) -> list[Member]:
    """Members of the cross-document groups among ``quotes``; ``dates`` (document -> ISO date) orders ties."""
    dates = dates or {}
    items = [(doc, q) for doc, q in quotes if q.comment is None]
    toks = [words(q.text) for _, q in items]
    shingles = [_shingles(t) for t in toks]
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, sh in enumerate(shingles):
        for s in sh:
            index[s].append(i)
    uf = UnionFind(len(items))
    compared: set[tuple[int, int]] = set()
    for posting in index.values():
        if len(posting) < 2 or len(posting) > MAX_POSTING:
            continue
        for a_pos, a in enumerate(posting):
            for b in posting[a_pos + 1 :]:
                if (a, b) in compared or items[a][0] == items[b][0] and items[a][1].id == items[b][1].id:
                    continue
                compared.add((a, b))
                if _same_statement(toks[a], toks[b], shingles[a], shingles[b]):
                    uf.union(a, b)
    components: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        components[uf.find(i)].append(i)
    members: list[Member] = []
    for idx in components.values():
        if len({items[i][0] for i in idx}) < 2:
            continue
        members.extend(_describe(idx, items, toks, dates))
    return members


def _same_statement(a: list[str], b: list[str], sa: set, sb: set) -> bool:
    if min(len(a), len(b)) < MIN_WORDS:
        return a == b and bool(a)
    shared = len(sa & sb)
    return shared / max(1, min(len(sa), len(sb))) >= MIN_OVERLAP


def _describe(idx: list[int], items: list[tuple[str, Quote]], toks: list[list[str]], dates: dict[str, str]) -> list[Member]:
    def order(i: int) -> tuple:
        doc, q = items[i]
        return (-len(toks[i]), dates.get(doc) or "9999", doc, q.start)

    idx = sorted(idx, key=order)
    ref = idx[0]
    ref_doc, ref_q = items[ref]
    gid = "g-" + hashlib.sha1(f"{KIND}|{ref_doc}|{ref_q.id}".encode()).hexdigest()[:12]
    documents = sorted({items[i][0] for i in idx})
    out = []
    for i in idx:
        doc, q = items[i]
        if toks[i] == toks[ref]:
            status, missing, added = "same", [], []
        elif _is_sublist(toks[i], toks[ref]):
            status, missing, added = "cut", _diff(toks[ref], toks[i]), []
        else:
            status, missing, added = "changed", _diff(toks[ref], toks[i]), _diff(toks[i], toks[ref])
        data: dict[str, Any] = {
            "reference": {"document": ref_doc, "record": ref_q.id},
            "members": len(idx),
            "documents": len(documents),
        }
        if missing:
            data["missing"] = missing[:12]
        if added:
            data["added"] = added[:12]
        out.append(Member(doc, q.id, gid, status, data))
    return out


def _diff(a: list[str], b: list[str]) -> list[str]:
    """Words of ``a`` not in ``b`` (as a multiset), in ``a``'s order."""
    left = defaultdict(int)
    for w in b:
        left[w] += 1
    out = []
    for w in a:
        if left[w]:
            left[w] -= 1
        else:
            out.append(w)
    return out


def regroup_quotes(store, fresh: Mapping[str, list[Quote]] | None = None) -> int:
    """Group every stored quote and replace the stored quote groups; returns the number of grouped quotes.
    ``fresh``: documents' quotes as just stored (an analysis run passes them so they are not read back)."""
    summaries = store.summaries()
    dates = {row["id"]: row.get("published") or "" for row in summaries}
    duplicates = {row["id"] for row in summaries if row.get("duplicate_of")}
    quotes: list[tuple[str, Quote]] = []
    for doc_id, records in records_by_document(store, KIND, Quote, fresh=fresh):
        if doc_id not in duplicates:  # a near-duplicate article repeats its original, not the story
            quotes.extend((doc_id, q) for q in records)
    members = group_quotes(quotes, dates)
    return store.write_groups(KIND, [m.row() for m in members])
