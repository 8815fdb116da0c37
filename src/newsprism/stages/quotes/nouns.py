"""Attributions carried by a noun: "Trump's criticism of the deal", "her decision to run", "the claim
that ...".

    find(doc, quotations, lex) -> list[Found]

A noun from the lexicon's ``noun_attributions`` is the cue (with the preposition that follows it); its
content is what it takes: a "that" clause, an infinitive ("decision to run") or the object of its
preposition ("support for the bill"); its source is the possessor ("Trump's", "her"), else the subject of
the verb that has the noun as object ("Trump made no mention of ..."), else none is given.
A noun with no content is no attribution.
"""

from __future__ import annotations

from typing import Any

from ...nlp import token_indexes
from .cues import Found, _span, _subtree, source_of
from .lexicon import Lexicon
from .marks import Quotation


def find(doc: Any, quotations: list[Quotation], lex: Lexicon) -> list[Found]:
    out: list[Found] = []
    if not lex.noun_attributions:
        return out
    spans = [(q.start, q.end) for q in quotations]
    for i in token_indexes(doc, "LOWER", lex.noun_attributions):
        tok = doc[i]
        if tok.pos_ != "NOUN":
            continue
        if any(a <= tok.idx < b for a, b in spans):
            continue
        found = _one(tok, lex)
        if found is not None:
            out.append(found)
    return out


def _one(tok: Any, lex: Lexicon) -> Found | None:
    cue_end = tok.idx + len(tok.text)
    words: list = []
    for c in tok.children:
        if c.i < tok.i:
            continue
        if c.dep_ in ("acl", "ccomp") and c.pos_ in ("VERB", "AUX"):  # "decision to run", "claim that ..."
            words = _subtree(c)
            break
        if c.dep_ == "prep" and c.lower_ in lex.noun_attribution_preps and c.i == tok.i + 1:
            words = [t for t in _subtree(c) if t.i != c.i]  # "support for the bill"
            cue_end = c.idx + len(c.text)
            break
    content = _span(words) if words else None
    if content is None or len(words) < 2:
        return None
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    source = None
    if owner is not None:
        source = _span([t for t in owner.subtree if not (t.dep_ == "case" and t.head.i == owner.i)])
    elif tok.dep_ == "dobj" and tok.head.pos_ in ("VERB", "AUX"):  # "made no mention of", "laid plans for"
        owner, words = source_of(tok.head, lex)
        source = _span(words) if words else None
    return Found(content[0], content[1], "indirect", (tok.idx, cue_end), source, owner, "belief",
                 "noun cue", [], tok.lower_)
