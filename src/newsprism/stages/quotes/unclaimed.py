"""Quotations no cue verb claimed: titles and nicknames dropped, the rest attributed by position.

    keep(quotation, text, mentions, lex) -> bool          # not a nickname or a title
    attribute(quotation, doc, text, found, lex) -> Found | None

In order:

1. **colon introduction**: the sentence before ends with ":" and is short ("Napolitano's response:"); its
   first name (or its subject) is the source, its cue noun ("response", "statement") the cue;
2. **continuation**: an earlier quote ends at most ``max_continuation_gap`` paragraphs before and nothing
   but quotations (or nothing at all) stands between: the same speaker continues (``continues qN``);
3. **scare quote**: a quotation of a few words inside a sentence with no cue is dropped;
4. otherwise the quotation is kept as an unattributed direct quote, with a low confidence.
"""

from __future__ import annotations

from typing import Any

from ...records import Mention
from .cues import Found
from .lexicon import Lexicon
from .marks import Quotation


def keep(q: Quotation, text: str, mentions: list[Mention], lex: Lexicon) -> bool:
    """False for nicknames inside a person's name and for quoted titles and terms."""
    for m in mentions:
        if m.type == "person" and m.start < q.start and q.end <= m.end + 1:
            return False
        if m.nickname and m.start <= q.start <= m.end and m.text.find(text[q.inner_start : q.inner_end]) >= 0:
            return False
    before = text[max(0, q.start - 40) : q.start].lower().rstrip(" ,:")
    return not any(before.endswith(cue) for cue in lex.title_cues)


def _paragraph_gap(text: str, a: int, b: int) -> int:
    return text.count("\n\n", a, b) if "\n\n" in text else text.count("\n", a, b)


def attribute(q: Quotation, doc: Any, text: str, found: list[Found], lex: Lexicon) -> Found | None:
    intro = _colon_intro(q, doc, text, lex)
    if intro is not None:
        return intro
    # a statement with no source ("X is suspected of ...") does not interrupt a speaker's run of quotes
    prev = [f for f in found if f.end <= q.start and (f.source is not None or f.kind != "indirect")]
    if prev:
        last = max(prev, key=lambda f: f.end)
        between = text[last.end : q.start]
        for span in (last.cue, last.source):  # '"A," Robert continued. "B"': the cue between is no break
            if span is not None and last.end <= span[0] and span[1] <= q.start:
                a, b = span[0] - last.end, span[1] - last.end
                between = between[:a] + " " * (b - a) + between[b:]
        gap = _paragraph_gap(text, last.end, q.start)
        quiet = _only_quotes(between)
        starts_paragraph = q.start == 0 or text[: q.start].rstrip(" \t").endswith("\n")
        limit = lex.limits.get("max_continuation_gap", 2)
        same_paragraph = gap == 0 and "\n" not in between
        rest = text[q.end : text.find("\n", q.end) if "\n" in text[q.end :] else len(text)]
        whole_paragraph = starts_paragraph and rest.strip(" .,") == "" and last.source is not None
        if (
            (quiet and gap <= limit)
            or ((starts_paragraph or same_paragraph) and gap <= limit and _sentences(between) <= 1)
            or (whole_paragraph and gap <= limit)
        ):
            return Found(
                q.inner_start,
                q.inner_end,
                "direct",
                None,
                None,
                None,
                last.category,
                _continuation(last, gap),
                [q],
                last.base,
            )
    if q.words(text) <= lex.limits.get("short_quote_words", 4):
        return None
    return Found(q.inner_start, q.inner_end, "direct", None, None, None, "speech", "unattributed", [q], "")


def _continuation(last: Found, gap: int) -> str:
    """ "follows" for a quotation in a later paragraph than an indirect statement (a statement of its own
    by the same speaker), else "continues"."""
    return "follows" if last.kind == "indirect" and gap > 0 and last.reason != "follows" else "continues"


def _only_quotes(between: str) -> bool:
    """Nothing but marks, punctuation and space between an earlier quote's end and this quotation."""
    return between.strip(' \n\t.,;:”“"’‘\'') == ""


def _sentences(between: str) -> int:
    stripped = between.strip(' \n\t.,;:”“"')
    if not stripped:
        return 0
    return max(1, sum(stripped.count(c) for c in ".!?"))


def _colon_intro(q: Quotation, doc: Any, text: str, lex: Lexicon) -> Found | None:
    head = text[: q.start].rstrip()
    if not head.endswith(":"):
        return None
    colon = len(head) - 1
    line = max(head.rfind("\n", 0, colon), *(head.rfind(p, 0, colon) for p in (". ", "? ", "! "))) + 1
    span = doc.char_span(line, colon + 1, alignment_mode="expand")
    if span is None:
        return None
    words = [t for t in span if t.idx < colon and not t.is_space and not t.is_punct]
    if not words or len(words) > lex.limits.get("colon_intro_max_words", 14):
        return None
    if any(lex.verb(t) is not None and t.tag_.startswith("VB") for t in words):
        return None  # a cue verb introduces it: the cues module decides
    cue_tok = next((t for t in words if t.lower_ in lex.noun_cues), None)
    src = next(
        (t for t in words if t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or t.pos_ == "PROPN"), None
    )
    if src is None:
        src = next((t for t in words if t.dep_ in ("nsubj", "poss") or t.lower_ in lex.pronouns), None)
    if src is None:
        return None
    ent = next((e for e in doc.ents if e.start <= src.i < e.end), None)
    if ent is not None:
        s, e = ent.start_char, ent.end_char
        if text[s:e].lower().startswith("the "):
            s += 4
    else:
        s, e = src.idx, src.idx + len(src.text)
    while e > s and text[e - 1] in "'’s" and text[e - 2 : e] in ("'s", "’s"):
        e -= 2
    cue = (cue_tok.idx, cue_tok.idx + len(cue_tok.text)) if cue_tok is not None else (colon, colon + 1)
    return Found(
        q.inner_start, q.inner_end, "direct", cue, (s, e), src, "speech", "colon introduction", [q], ""
    )
