"""A figure's surroundings from the other stages: its sentence and clause, the mentions it is about, the
time expressions scoping it, the quote holding it and a named source ("according to WOLA")."""

from __future__ import annotations

import re

from ...records import Span
from .lexicon import Lexicon

_CLAUSE_DEPS = {"ROOT", "ccomp", "advcl", "relcl", "conj", "xcomp", "acl", "parataxis"}


def trimmed_span(body: str, start: int, end: int) -> Span:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return Span(start, end, body[start:end])


def clause(doc, token) -> tuple[int, int]:
    """Character bounds of the clause governing ``token``: the subtree of its nearest verb ancestor that
    heads a clause (the sentence when there is none)."""
    t = token
    while t.head.i != t.i and not (t.pos_ in ("VERB", "AUX") and t.dep_ in _CLAUSE_DEPS):
        t = t.head
    sent = token.sent
    if t.dep_ == "ROOT" or t.head.i == t.i:
        return sent.start_char, sent.end_char
    if t.dep_ == "acl" and t.head.dep_ == "ROOT" and t.head.pos_ in ("NOUN", "PROPN") \
            and any(c.dep_ == "dobj" for c in t.children):  # fmt: skip
        return sent.start_char, sent.end_char  # "The biggest attack, in 2009, killed 25 people": the parse
        # made the subject the root and the main verb a modifier of it
    left, right = t.left_edge, t.right_edge
    return max(left.idx, sent.start_char), min(right.idx + len(right.text), sent.end_char)


def about(mentions, lo: int, hi: int, counted: Span | None) -> tuple[str, ...]:
    ids = []
    for m in mentions:
        if getattr(m, "in_comment", False):
            continue
        inside_counted = counted is not None and counted.start <= m.start and m.end <= counted.end
        if inside_counted or (lo <= m.start and m.end <= hi):
            ids.append(m.id)
    return tuple(ids)


def scope(times, lo: int, hi: int, fig_start: int, fig_end: int) -> tuple[str, ...]:
    return tuple(
        t.id for t in times
        if t.type in ("DATE", "DURATION") and lo <= t.start and t.end <= hi
        and (t.end <= fig_start or t.start >= fig_end)
    )  # fmt: skip


def quote_of(quotes, start: int, end: int) -> str | None:
    for q in quotes:
        if getattr(q, "comment", None) is None and q.start <= start and end <= q.end:
            return q.id
    return None


def source(body: str, lo: int, hi: int, mentions, lex: Lexicon) -> tuple[Span | None, str | None]:
    """The words after a source cue in the sentence ("according to [the Washington Office on Latin
    America]"), up to the next comma or the sentence's end, and the mention they start with."""
    text = body[lo:hi]
    m = lex.source_re.search(text)
    if not m:
        return None, None
    start = lo + m.end()
    stop = re.search(r"[,;.:)\]]|\s[-–—]\s", body[start:hi])
    end = start + stop.start() if stop else hi
    span = trimmed_span(body, start, end)
    if not span.text:
        return None, None
    mention = next((x.id for x in mentions if span.start <= x.start < span.end), None)
    return span, mention
