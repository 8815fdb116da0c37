"""What the cue finders (finder.py, phrases.py) share: the Found record, argument readers on the dependency
parse, and scoring. Every name here without a leading underscore is for those modules.

    subject(v)        the subject of a verb, through xcomp/conj chains and relative clauses
    objects(v)        what a verb governs to its right, as one range
    left_noun, clause_verb, is_verb, parse_depth   smaller readers of the parse
    make_found(...)   a Found with its arguments joined to the signal and its score (weight, lowered when an
                      argument is missing)
    sentence_words    the lower-case words of a sentence, read once per Doc (lower_words: of the Doc)
    SUBJ, HEAD_ARGS, RELATIVE, TEMPORAL_ENTS, MISPARSED_PARTICIPLE   dependency labels and words they test
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...nlp import doc_cache, token_strings
from . import spans
from .lexicon import Cue, Lexicon
from .spans import Range

SUBJ = ("nsubj", "csubj")
_OBJ = ("dobj", "ccomp", "xcomp", "attr", "oprd", "dative", "acomp", "pobj")
HEAD_ARGS = frozenset({"nsubj", "nsubjpass", "dobj"})
RELATIVE = frozenset({"that", "which", "who", "whom"})
TEMPORAL_ENTS = frozenset({"DATE", "TIME"})
MISPARSED_PARTICIPLE = frozenset({"amod", "compound"})  # "..., demanding free gas" parsed as a noun modifier


@dataclass(frozen=True)
class Found:
    cue: Cue
    signal: Range
    cause: Range | None
    effect: Range | None
    score: float
    previous: bool = False  # the cause is in the sentence before
    reason: str = ""


def lower_words(doc: Any) -> list[str]:
    """The lower-case form of every token of ``doc`` (read once per Doc)."""
    return token_strings(doc, "LOWER")


def sentence_words(doc: Any, sent: Any) -> frozenset[str]:
    """The lower-case words of ``sent`` (once per sentence of a Doc)."""
    cache = doc_cache(doc, "newsprism.causal.sentence_words")
    words = cache.get(sent.start)
    if words is None:
        words = cache[sent.start] = frozenset(lower_words(doc)[sent.start : sent.end])
    return words


def parse_depth(token: Any) -> int:
    depth = 0
    while token.head.i != token.i and depth < 100:
        token = token.head
        depth += 1
    return depth


def is_verb(token: Any) -> bool:
    return token.tag_.startswith("VB") or token.pos_ == "VERB"


def left_noun(doc: Any, i: int, v: Any) -> Range | None:
    """The noun phrase a relative pronoun at ``i`` refers to (the noun before it), without ``v``'s clause."""
    j = i - 1
    while j >= 0 and doc[j].is_punct:
        j -= 1
    if j < 0 or doc[j].pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    noun = doc[j]
    while noun.dep_ in ("compound", "amod") and noun.head.i > noun.i:
        noun = noun.head
    return spans.clause(noun, spans.subtree_ids(v) | set(range(i, len(doc))))


def subject(v: Any) -> Range | None:
    """The subject of ``v``, looking through xcomp/conj chains and relative clauses."""
    doc = v.doc
    t = v
    for _ in range(5):
        for c in t.children:
            if c.dep_ in SUBJ:
                if c.lower_ in RELATIVE:
                    if t.dep_ == "relcl" and t.head.i < t.i:
                        return spans.clause(t.head, spans.subtree_ids(t))
                    return left_noun(doc, c.i, t)
                return spans.phrase(c)
        if t.dep_ == "relcl" and t.head.i < t.i:
            return spans.clause(t.head, spans.subtree_ids(t))
        if t.dep_ in ("xcomp", "conj", "ccomp") and t.head.i != t.i:
            t = t.head
            continue
        break
    return None


def objects(v: Any, skip: set[int] = frozenset()) -> Range | None:
    """What ``v`` governs to its right (object, complement, "from" phrase) as one range."""
    kids = [
        c
        for c in v.children
        if c.i > v.i and c.i not in skip
        and (c.dep_ in _OBJ or (c.dep_ == "prep" and c.lower_ in ("from", "into")))
    ]  # fmt: skip
    if not kids:
        return None
    start = min(c.left_edge.i for c in kids)
    end = max(c.right_edge.i for c in kids) + 1
    return spans.trim(v.doc, (start, end))


def _score(lex: Lexicon, cue: Cue, cause: Range | None, effect: Range | None, bonus: float = 1.0) -> float:
    factor = 1.0 if cause and effect else lex.missing_argument_factor
    return round(min(1.0, cue.weight * factor * bonus), 3)


def _join(signal: Range, arg: Range | None) -> Range | None:
    """``arg`` widened to start at ``signal`` when it follows it closely ("to" + "visit the site")."""
    if arg is None or not 0 <= arg[0] - signal[1] <= 2:
        return arg
    return signal[0], arg[1]


def make_found(
    lex, doc, cue, signal, cause, effect, reason, previous=False, bonus=1.0, join=None
) -> Found | None:
    if cause is None and effect is None:
        return None
    join = cue.signal_in if join is None else join
    if join == "cause":
        cause = _join(signal, cause)
    elif join == "effect":
        effect = _join(signal, effect)
    if cause and effect and max(cause[0], effect[0]) < min(cause[1], effect[1]):
        # overlapping arguments: keep the part of the effect outside the cause
        effect = (effect[0], cause[0]) if effect[0] < cause[0] else (cause[1], effect[1])
        effect = spans.trim(doc, effect) if effect[1] > effect[0] else None
    return Found(cue, signal, cause, effect, _score(lex, cue, cause, effect, bonus), previous, reason)


def clause_verb(noun: Any, deps: frozenset[str]) -> Any:
    """The verb whose object (``deps``: dobj, or pobj through its preposition) ``noun`` is, else ``noun``:
    a purpose or motive parsed as modifying the object ("staged a protest demanding ...") is the clause's."""
    t = noun
    for _ in range(4):
        if t.dep_ not in deps or t.head.i > t.i:
            break
        t = t.head
        if t.dep_ == "prep" and t.head.i < t.i:
            t = t.head
        if is_verb(t):
            return t
        if t.pos_ not in ("NOUN", "PROPN"):
            break
    return noun
