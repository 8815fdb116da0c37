"""Token sets of a spaCy parse -> trimmed, contiguous token ranges (cause and effect spans)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ...nlp import doc_cache

# tokens never kept at the edge of a cause or effect span
_EDGE_DEPS = frozenset({"punct", "cc", "mark", "prep", "aux", "auxpass", "case", "preconj"})
_EDGE_WORDS = frozenset({"that", "which", "who", "and", "or", "but", "then", "also", "only", "even", "when"})
_TRAIL_WORDS = frozenset({"that", "which", "who", "and", "or", "but", "when"})

Range = tuple[int, int]  # token indexes [start, end) into the Doc


_SUBTREES = "newsprism.causal.subtrees"
_QUOTE_COUNTS = "newsprism.causal.quote_counts"


def subtree_ids(token: Any) -> frozenset[int]:
    """The indexes of ``token``'s subtree (computed once per token of a Doc)."""
    cache = doc_cache(token.doc, _SUBTREES)
    ids = cache.get(token.i)
    if ids is None:
        ids = cache[token.i] = frozenset(t.i for t in token.subtree)
    return ids


def run_around(ids: set[int], anchor: int) -> Range | None:
    """The longest stretch of consecutive indexes in ``ids`` holding ``anchor`` (None if it is not in)."""
    if anchor not in ids:
        return None
    start = anchor
    while start - 1 in ids:
        start -= 1
    end = anchor + 1
    while end in ids:
        end += 1
    return start, end


def clause(head: Any, exclude: Iterable[int] = ()) -> Range | None:
    """The stretch of ``head``'s subtree around it, without the tokens in ``exclude``, trimmed."""
    ids = subtree_ids(head) - set(exclude)
    found = run_around(ids, head.i)
    if found is None:
        return None
    doc = head.doc
    colons = [k for k in range(found[0], head.i) if doc[k].text in _BREAKS]
    if colons:  # "... 09:53 AM SALEM : A priest was injured": the clause starts after the dateline
        found = (colons[-1] + 1, found[1])
    return trim(doc, found)


_BREAKS = frozenset({":", "|"})


def main_clause(head: Any, exclude: Iterable[int] = ()) -> Range | None:
    """Like ``clause``, but a clause with a subject starts at it: what comes before the subject ("On Monday
    ,", "According to police ,", "Defying the ban ,") is a frame of the clause, not part of the event."""
    found = clause(head, exclude)
    if found is None:
        return None
    subj = [c for c in head.children if c.dep_ in _SUBJECTS and found[0] <= c.left_edge.i < head.i]
    if subj and subj[0].left_edge.i > found[0]:
        return trim(head.doc, (subj[0].left_edge.i, found[1])) or found
    return found


_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})


def phrase(token: Any, exclude: Iterable[int] = ()) -> Range | None:
    """``token``'s whole subtree without ``exclude``, as its longest stretch around ``token``, trimmed."""
    return clause(token, exclude)


def strip_marks(doc: Any, start: int, end: int) -> Range | None:
    """Drop punctuation, quote marks and spaces at either edge, and nothing else (no word is an edge here:
    "despite" in "that, despite X, Y" is part of what is said)."""
    while start < end and _is_mark(doc[start]):
        start += 1
    while end > start and _is_mark(doc[end - 1]):
        end -= 1
    return (start, end) if end > start else None


def _is_mark(token: Any) -> bool:
    return token.is_punct or token.is_quote or token.is_space or token.tag_ in ("``", "''")


def trim(doc: Any, found: Range | None) -> Range | None:
    """Drop punctuation, conjunctions, markers and dangling prepositions at either edge."""
    if found is None:
        return None
    start, end = found
    while start < end and (
        doc[start].dep_ in _EDGE_DEPS or doc[start].is_punct or doc[start].lower_ in _EDGE_WORDS
    ):
        start += 1
    while end > start and (
        doc[end - 1].dep_ in _EDGE_DEPS
        or doc[end - 1].is_punct
        or doc[end - 1].lower_ in _TRAIL_WORDS
        or doc[end - 1].is_space
    ):
        end -= 1
    if end <= start:
        return None
    return _balance_quotes(doc, start, end)


_QUOTES = frozenset({'"', "“", "”", "‘", "’", "'", "``", "''"})


def _quotes_before(doc: Any) -> list[int]:
    """For each token index k (and len(doc)), how many quote-mark tokens come before it; once per Doc."""
    cache = doc_cache(doc, _QUOTE_COUNTS)
    counts = cache.get("before")
    if counts is None or len(counts) != len(doc) + 1:
        counts = [0]
        for t in doc:
            counts.append(counts[-1] + (t.text in _QUOTES))
        cache["before"] = counts
    return counts


def _balance_quotes(doc: Any, start: int, end: int) -> Range:
    """Take back the quote mark trimmed off an edge when the span holds its other half (“ rioting ”)."""
    before = _quotes_before(doc)
    inside = before[end] - before[start]
    if inside % 2 == 0:
        if 0 < start and end < len(doc) and doc[start - 1].text in _QUOTES and doc[end].text in _QUOTES:
            return start - 1, end + 1  # the whole span is quoted
        return start, end
    if end < len(doc) and doc[end].text in _QUOTES:
        return start, end + 1
    if start > 0 and doc[start - 1].text in _QUOTES:
        return start - 1, end
    return start, end


def chars(doc: Any, found: Range) -> tuple[int, int]:
    """Character offsets of a token range in the Doc's text."""
    first, last = doc[found[0]], doc[found[1] - 1]
    return first.idx, last.idx + len(last.text)
