"""Cues in one parsed sentence -> candidate causal relations (signal, cause, effect token ranges).

Each cue kind reads cause and effect off the dependency parse around the signal:

    verb        X fuels Y / Y was caused by X / Y, sparked by X / X ..., sparking Y / X made Y quit
    phrasal     X led to Y, X resulted in Y            reverse   Y resulted from X / Y followed X
    participle  X, leaving Y dead (result)             Y, demanding X (motive: the demand is the cause)
    connective  Y because (of) X, Y due to X, Following X, Y; If X, Y; Y over X (after grievance words);
                X, due to which Y
    adverb      X, so Y / X. As a result, Y  (the cause is the conjunct or the sentence before)
    purpose     Y in order to X / Y to X (an infinitive adverbial clause): the purpose is the cause

Nothing is dropped here for being weak; ``Found.score`` carries the cue's weight, lowered when an argument
could not be found, and the caller decides what to keep. The verb cues are here, the phrase cues in
phrases.py, what both share in args.py.
"""

from __future__ import annotations

import bisect
from dataclasses import replace
from typing import Any

from ...nlp import doc_cache, is_verb_tag, token_indexes
from . import spans
from .args import (
    MISPARSED_PARTICIPLE,
    RELATIVE,
    SUBJ,
    Found,
    clause_verb,
    is_verb,
    left_noun,
    lower_words,
    make_found,
    objects,
    sentence_words,
    subject,
)
from .lexicon import ADVERB, CONNECTIVE, MOTIVE, PHRASAL, PURPOSE, RESULT_PARTICIPLE, REVERSE, VERB, Cue, Lexicon
from .phrases import adverb, introducer


# ----------------------------------------------------------------------------------------- verb cues


def _passive(v: Any) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass", "agent") for c in v.children) or (
        v.tag_ == "VBN" and v.dep_ in ("acl", "advcl", "relcl") and any(c.dep_ == "agent" for c in v.children)
    )


def _has_state(v: Any, states: frozenset[str]) -> bool:
    """``v`` ("left") puts its object in one of ``states``: "left three dead", "left many people injured"."""
    objs = [c for c in v.children if c.dep_ == "dobj"]
    near = [c for c in v.children if c.dep_ in ("oprd", "ccomp", "xcomp", "acomp")]
    near += [c for o in objs for c in o.children if c.dep_ in ("acl", "amod") and c.i > o.i]
    return bool(objs) and any(c.lower_ in states for c in near)


def _has_small_clause(v: Any, not_objects: frozenset[str]) -> bool:
    """``v`` ("made") governs a clause with its own subject: "made them angry", "made her quit"."""
    return any(
        c.dep_ in ("ccomp", "xcomp", "oprd") and c.lower_ not in not_objects
        and any(g.dep_ == "nsubj" and g.i < c.i for g in c.children)
        for c in v.children if c.i > v.i
    )  # fmt: skip


def _verb(lex: Lexicon, v: Any, cue: Cue) -> Found | None:
    found = _verb_args(lex, v, cue)
    if found is not None and cue.kind == REVERSE:  # "the arrests followed the protests": the object causes
        return replace(found, cause=found.effect, effect=found.cause)
    return found


def _verb_args(lex: Lexicon, v: Any, cue: Cue) -> Found | None:
    sig = (v.i, v.i + 1)
    doc = v.doc
    if cue.states and not _has_state(v, cue.states):
        return None
    if cue.causative and not _has_small_clause(v, cue.not_objects):
        return None
    if cue.objects and not any(c.dep_ in ("dobj", "nsubjpass") and c.lower_ in cue.objects
                               for c in v.children):  # fmt: skip
        return None  # "claimed two lives", not "claimed that ..."
    if _passive(v):
        agents = [c for c in v.children if c.dep_ == "agent"]
        objs = [g for a in agents for g in a.children if g.dep_ in ("pobj", "pcomp")]
        cause = spans.phrase(objs[0]) if objs else None
        subj = [c for c in v.children if c.dep_ == "nsubjpass"]
        if subj:
            effect = left_noun(doc, subj[0].i, v) if subj[0].lower_ in RELATIVE else spans.phrase(subj[0])
        elif v.dep_ in ("acl", "relcl", "amod") and v.head.i != v.i:
            effect = spans.clause(v.head, spans.subtree_ids(v))
        else:
            effect = None
        if cause is None and effect is None:
            return None
        return make_found(lex, doc, cue, sig, cause, effect, f"passive '{v.text}' with its agent")
    if (
        v.tag_ == "VBG"
        and v.dep_ in ("advcl", "acl", "xcomp", "conj")
        and not any(c.dep_ in SUBJ for c in v.children)
    ):
        effect = objects(v)
        if effect is None:
            return None
        head = v.head
        while head.dep_ in ("conj",) and head.head.i != head.i:
            head = head.head
        cause = spans.main_clause(head, spans.subtree_ids(v)) if v.dep_ != "acl" else spans.clause(
            v.head, spans.subtree_ids(v))  # fmt: skip
        return make_found(lex, doc, cue, sig, cause, effect, f"'{v.text}' after the clause that causes",
                      join=lex.verb_participle_signal_in)  # fmt: skip
    effect = objects(v)
    if effect is None and v.dep_ == "amod" and v.head.i > v.i:  # "that has fueled murders" misparsed
        effect = spans.clause(v.head, spans.subtree_ids(v) - {v.head.i} | {t.i for t in v.head.lefts})
    if effect is None:
        return None  # "the fire stopped": no object, no claim
    return make_found(lex, doc, cue, sig, subject(v), effect, f"'{v.text}': subject causes object")


def _phrasal(lex: Lexicon, v: Any, cue: Cue, used: set[int]) -> Found | None:
    doc = v.doc
    # "kept them from", "blamed the violence on", "attributed the deaths to": an object before the particle
    noun_objs = [c for c in v.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")]
    near = 6 if cue.polarity == "prevent" or (cue.kind == REVERSE and noun_objs) else 2
    parts = [
        c
        for c in list(v.children) + [t for c in v.children if c.dep_ == "dobj" for t in c.children]
        if c.lower_ in cue.particles and 0 < c.i - v.i <= near and c.i not in used
    ]
    if not parts:
        return None
    p = parts[0]
    sig = (v.i, p.i + 1) if p.i == v.i + 1 else (v.i, v.i + 1)
    target = [g for g in p.children if g.dep_ in ("pobj", "pcomp")]
    if not target:
        target = [
            g for c in p.children if c.dep_ == "prep" for g in c.children if g.dep_ in ("pobj", "pcomp")
        ]
    if target and target[0].lower_ in cue.not_objects and any(d.lower_ == "this" for d in target[0].lefts):
        return None  # "X contributed to this report": a credit line of the story itself
    if target:
        other = spans.phrase(target[0])
    else:
        other = objects(v, {p.i})
    if other is None:
        return None
    if (
        v.tag_ == "VBG"
        and v.dep_ in ("advcl", "acl", "xcomp")
        and not any(c.dep_ in SUBJ for c in v.children)
    ):
        first = spans.main_clause(v.head, spans.subtree_ids(v))
    else:
        first = subject(v)
    if cue.kind == REVERSE and any(o.i < p.i for o in noun_objs):
        # "blamed the violence on X": the object is the effect
        first = spans.phrase(next(o for o in noun_objs if o.i < p.i))
    elif first is None and any(c.dep_ == "nsubjpass" for c in v.children):  # "was attributed to X"
        first = spans.phrase(next(c for c in v.children if c.dep_ == "nsubjpass"))
    # "roads leading to", "a road that leads to": the noun the verb hangs on is its subject
    on_noun = v.dep_ == "relcl" or (v.dep_ == "acl" and v.tag_ == "VBG")
    heads = [v.head] if on_noun else [c for c in v.children if c.dep_ in SUBJ]
    if any(h.lower_ in cue.not_subjects for h in heads):
        return None  # "the roads leading to the town": a path
    if cue.kind == REVERSE:
        reason = f"'{v.text} {p.text}': the object causes the subject"
        return make_found(lex, doc, cue, sig, other, first, reason)
    return make_found(lex, doc, cue, sig, first, other, f"'{v.text} {p.text}': subject causes object")


def _misparsed_participle(lex: Lexicon, v: Any, cue: Cue) -> Found | None:
    """A motive participle parsed as modifying the noun after it ("staged a dharna demanding free
    connections": "demanding" an amod of "connections"); not "the protesting students" (a determiner or
    adjective before it makes it an adjective)."""
    doc = v.doc
    noun = v.head
    if cue.kind != MOTIVE or v.i == v.sent.start or not v.i < noun.i or noun.pos_ not in ("NOUN", "PROPN"):
        return None
    before = doc[v.i - 1]
    if before.dep_ in ("det", "poss", "amod", "nummod", "compound") or before.pos_ in ("DET", "ADJ", "PRON"):
        return None
    verb = clause_verb(noun, lex.purpose_climb)
    if verb.i == noun.i:
        return None
    own = spans.trim(doc, (v.i + 1, noun.right_edge.i + 1))
    main = spans.main_clause(verb, set(range(v.i, noun.right_edge.i + 1)))
    if own is None or main is None:
        return None
    return make_found(lex, doc, cue, (v.i, v.i + 1), own, main, f"'{v.text}' gives the motive of the clause")


def _departure(v: Any) -> bool:
    """ "leaving" a named place, for somewhere, home or behind: a departure, not a result."""
    return v.lower_ == "leaving" and any(
        (c.dep_ == "dobj" and c.pos_ == "PROPN") or c.lower_ in ("behind", "home")
        or (c.dep_ == "prep" and c.lower_ == "for") for c in v.children
    )  # fmt: skip


def _participle(lex: Lexicon, v: Any, cue: Cue) -> Found | None:
    if v.tag_ == "VBG" and v.dep_ in MISPARSED_PARTICIPLE:
        return _misparsed_participle(lex, v, cue)
    if v.tag_ != "VBG" or v.dep_ not in ("advcl", "xcomp", "acl", "conj", "pcomp") or v.head.i == v.i:
        return None
    if cue.kind == MOTIVE and not any(
        c.dep_ in ("dobj", "ccomp", "xcomp") or (c.dep_ == "prep" and c.lower_ in lex.motive_preps)
        for c in v.children
    ):
        return None  # "was protesting outside the offices": where, not what for
    if cue.not_objects and any(c.dep_ == "dobj" and c.lower_ in cue.not_objects for c in v.children):
        return None  # "..., citing officials": where the news came from, not why
    if cue.kind == RESULT_PARTICIPLE and (v.head.lower_ in lex.saying_verbs or any(
            (c.dep_ == "dobj" and c.ent_type_ in lex.place_entities) for c in v.children) or _departure(v)):
        return None  # "Albright said Monday, leaving Andrews Air Force Base", "..., leaving Nairobi",
        # "leaving for home", "leaving their life behind": she left, it did not result
    if v.dep_ == "pcomp" and v.head.lower_ == "without":
        return None  # "without seeking congressional approval": what was not done
    doc = v.doc
    sig = (v.i, v.i + 1)
    own = spans.trim(v.doc, (v.i + 1, v.right_edge.i + 1)) if v.right_edge.i > v.i else None
    head = clause_verb(v.head, lex.purpose_climb) if v.dep_ == "acl" else v.head
    main = spans.main_clause(head, spans.subtree_ids(v))
    if v.dep_ == "pcomp" and head.dep_ == "prep" and head.head.i < head.i and own is not None:
        # "The strike began, with the union demanding a raise": the motive is the whole "with" phrase
        main = spans.main_clause(head.head, spans.subtree_ids(head))
        own = (head.i, own[1]) if cue.kind == MOTIVE else own
    if own is None or main is None:
        return None
    if cue.kind == MOTIVE:
        return make_found(lex, doc, cue, sig, own, main, f"'{v.text}' gives the motive of the clause")
    return make_found(lex, doc, cue, sig, main, own, f"'{v.text}' gives the result of the clause")


# ----------------------------------------------------------------------------------------- entry


def _with_auxiliaries(lex: Lexicon, v: Any, found: Found) -> Found:
    """A verb signal takes the auxiliaries right before it ("had triggered", "has led to")."""
    if found.cue.kind not in (VERB, PHRASAL, REVERSE) or found.signal[0] != v.i:
        return found
    aux = {c.i for c in v.children if c.dep_ in ("aux", "auxpass") and c.lower_ in lex.signal_auxiliaries}
    start = v.i
    while start - 1 in aux:
        start -= 1
    taken = set(range(start, v.i))
    if start == v.i or any(r and taken & set(range(*r)) for r in (found.cause, found.effect)):
        return found
    return replace(found, signal=(start, found.signal[1]))


def _verb_candidates(doc: Any, lex: Lexicon, sent: Any) -> list[int]:
    """Indexes in ``sent`` of the tokens ``find`` reads as verb cues: verbs (by tag or part of speech) and
    the lexicon's participles; the Doc's arrays are read once per Doc (and lexicon)."""
    cache = doc_cache(doc, "newsprism.causal.verb_candidates")
    every = cache.get(id(lex))
    if every is None:
        every = cache[id(lex)] = sorted(
            {*token_indexes(doc, "TAG", is_verb_tag), *token_indexes(doc, "POS", ("VERB",)),
             *token_indexes(doc, "LOWER", lex.participles)}
        )  # fmt: skip
    return every[bisect.bisect_left(every, sent.start) : bisect.bisect_left(every, sent.end)]


def find(doc: Any, sent: Any, lex: Lexicon) -> list[Found]:
    """Every candidate causal relation in ``sent`` (a span of ``doc``), one per signal, in text order."""
    out: list[Found] = []
    used: set[int] = set()
    for k in _verb_candidates(doc, lex, sent):
        v = doc[k]
        low = v.lower_
        if not is_verb(v) and low not in lex.participles:
            continue
        found = None
        for cue in lex.phrasal.get(low, ()):
            found = _phrasal(lex, v, cue, used)
            if found:
                break
        if found is None and low in lex.verbs:
            found = _verb(lex, v, lex.verbs[low])
        if found is None and low in lex.participles:
            found = _participle(lex, v, lex.participles[low])
        if found:
            found = _with_auxiliaries(lex, v, found)
            out.append(found)
            used.update(range(*found.signal))
    words = tuple(lower_words(doc)[sent.start : sent.end])  # the sentence's words, lower-cased
    present = sentence_words(doc, sent)

    def at(i: int, phrase: tuple[str, ...]) -> bool:
        return words[i - sent.start : i - sent.start + len(phrase)] == phrase

    i = sent.start
    last = len(words) - 1
    while i < sent.end:
        k = i - sent.start
        first = words[k]
        by_next = lex.phrase_index.get(first)
        if by_next is None:
            i += 1
            continue
        idioms = lex.idioms.get(first)
        idiom = next((n for n in idioms if at(i, n)), None) if idioms else None
        if idiom:  # "after all", "as expected": fixed phrases that start with a cue word but are no cue
            i += len(idiom)
            continue
        taken = 1
        for cue, needs in by_next.get(words[k + 1], by_next[""]) if k < last else by_next[""]:
            if needs and not needs & present:
                continue  # the sentence has none of the words the cue needs
            if (len(cue.words) > 2 and not at(i, cue.words)) or used & set(range(i, i + len(cue.words))):
                continue
            if cue.kind == ADVERB:
                found = adverb(lex, doc, sent, i, cue)
            elif cue.kind in (CONNECTIVE, PURPOSE):
                found = introducer(lex, doc, sent, i, cue)
            else:
                found = None
            if found:
                out.append(found)
                used.update(range(*found.signal))
                taken = len(cue.words)
                break
            if len(cue.words) > 1:  # a longer phrase matched but did not fit: do not retry its shorter forms
                continue
        i += taken
    out.sort(key=lambda f: f.signal)
    return out


__all__ = ["Found", "find", "objects", "subject"]
