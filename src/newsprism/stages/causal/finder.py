"""Cues in one parsed sentence -> candidate causal relations (signal, cause, effect token ranges).

Each cue kind reads cause and effect off the dependency parse around the signal:

    verb        X fuels Y / Y was caused by X / Y, sparked by X / X ..., sparking Y
    phrasal     X led to Y, X resulted in Y            reverse   Y resulted from X
    participle  X, leaving Y dead (result)             Y, demanding X (motive: the demand is the cause)
    connective  Y because (of) X, Y due to X, Following X, Y; If X, Y; Y over X (after grievance words)
    adverb      X, so Y / X. As a result, Y  (the cause is the conjunct or the sentence before)
    purpose     Y in order to X / Y to X (an infinitive adverbial clause): the purpose is the cause

Nothing is dropped here for being weak; ``Found.score`` carries the cue's weight, lowered when an argument
could not be found, and the caller decides what to keep.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from . import spans
from .lexicon import ADVERB, CONNECTIVE, MOTIVE, PHRASAL, PURPOSE, REVERSE, VERB, Cue, Lexicon
from .spans import Range

_SUBJ = ("nsubj", "csubj")
_OBJ = ("dobj", "ccomp", "xcomp", "attr", "oprd", "dative", "acomp", "pobj")
_HEAD_ARGS = frozenset({"nsubj", "nsubjpass", "dobj"})
_RELATIVE = frozenset({"that", "which", "who", "whom"})
_TEMPORAL_ENTS = frozenset({"DATE", "TIME"})
_MISPARSED_PARTICIPLE = frozenset({"amod", "compound"})  # "..., demanding free gas" parsed as a noun modifier
_QUALIFIERS = frozenset({"much", "far", "many", "long", "well", "called", "too", "to", "-"})


@dataclass(frozen=True)
class Found:
    cue: Cue
    signal: Range
    cause: Range | None
    effect: Range | None
    score: float
    previous: bool = False  # the cause is in the sentence before
    reason: str = ""


def _depth(token: Any) -> int:
    depth = 0
    while token.head.i != token.i and depth < 100:
        token = token.head
        depth += 1
    return depth


def _is_verb(token: Any) -> bool:
    return token.tag_.startswith("VB") or token.pos_ == "VERB"


def _passive(v: Any) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass", "agent") for c in v.children) or (
        v.tag_ == "VBN" and v.dep_ in ("acl", "advcl", "relcl") and any(c.dep_ == "agent" for c in v.children)
    )


def _left_noun(doc: Any, i: int, v: Any) -> Range | None:
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
            if c.dep_ in _SUBJ:
                if c.lower_ in _RELATIVE:
                    if t.dep_ == "relcl" and t.head.i < t.i:
                        return spans.clause(t.head, spans.subtree_ids(t))
                    return _left_noun(doc, c.i, t)
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


def _found(lex, doc, cue, signal, cause, effect, reason, previous=False, bonus=1.0, join=None) -> Found | None:
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


# ----------------------------------------------------------------------------------------- verb cues


def _has_state(v: Any, states: frozenset[str]) -> bool:
    """``v`` ("left") puts its object in one of ``states``: "left three dead", "left many people injured"."""
    objs = [c for c in v.children if c.dep_ == "dobj"]
    near = [c for c in v.children if c.dep_ in ("oprd", "ccomp", "xcomp", "acomp")]
    near += [c for o in objs for c in o.children if c.dep_ in ("acl", "amod") and c.i > o.i]
    return bool(objs) and any(c.lower_ in states for c in near)


def _verb(lex: Lexicon, v: Any, cue: Cue) -> Found | None:
    sig = (v.i, v.i + 1)
    doc = v.doc
    if cue.states and not _has_state(v, cue.states):
        return None
    if cue.objects and not any(c.dep_ in ("dobj", "nsubjpass") and c.lower_ in cue.objects for c in v.children):
        return None  # "claimed two lives", not "claimed that ..."
    if _passive(v):
        agents = [c for c in v.children if c.dep_ == "agent"]
        objs = [g for a in agents for g in a.children if g.dep_ in ("pobj", "pcomp")]
        cause = spans.phrase(objs[0]) if objs else None
        subj = [c for c in v.children if c.dep_ == "nsubjpass"]
        if subj:
            effect = _left_noun(doc, subj[0].i, v) if subj[0].lower_ in _RELATIVE else spans.phrase(subj[0])
        elif v.dep_ in ("acl", "relcl", "amod") and v.head.i != v.i:
            effect = spans.clause(v.head, spans.subtree_ids(v))
        else:
            effect = None
        if cause is None and effect is None:
            return None
        return _found(lex, doc, cue, sig, cause, effect, f"passive '{v.text}' with its agent")
    if (
        v.tag_ == "VBG"
        and v.dep_ in ("advcl", "acl", "xcomp", "conj")
        and not any(c.dep_ in _SUBJ for c in v.children)
    ):
        effect = objects(v)
        if effect is None:
            return None
        head = v.head
        while head.dep_ in ("conj",) and head.head.i != head.i:
            head = head.head
        cause = spans.main_clause(head, spans.subtree_ids(v)) if v.dep_ != "acl" else spans.clause(
            v.head, spans.subtree_ids(v))  # fmt: skip
        return _found(lex, doc, cue, sig, cause, effect, f"'{v.text}' after the clause that causes",
                      join=lex.verb_participle_signal_in)  # fmt: skip
    effect = objects(v)
    if effect is None and v.dep_ == "amod" and v.head.i > v.i:  # "that has fueled murders" misparsed
        effect = spans.clause(v.head, spans.subtree_ids(v) - {v.head.i} | {t.i for t in v.head.lefts})
    if effect is None:
        return None  # "the fire stopped": no object, no claim
    return _found(lex, doc, cue, sig, subject(v), effect, f"'{v.text}': subject causes object")


def _phrasal(lex: Lexicon, v: Any, cue: Cue, used: set[int]) -> Found | None:
    doc = v.doc
    near = 6 if cue.polarity == "prevent" else 2
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
    if target:
        other = spans.phrase(target[0])
    else:
        other = objects(v, {p.i})
    if other is None:
        return None
    if (
        v.tag_ == "VBG"
        and v.dep_ in ("advcl", "acl", "xcomp")
        and not any(c.dep_ in _SUBJ for c in v.children)
    ):
        first = spans.main_clause(v.head, spans.subtree_ids(v))
    else:
        first = subject(v)
    if cue.kind == REVERSE:
        return _found(lex, doc, cue, sig, other, first, f"'{v.text} {p.text}': the object causes the subject")
    return _found(lex, doc, cue, sig, first, other, f"'{v.text} {p.text}': subject causes object")


def _clause_verb(noun: Any, deps: frozenset[str]) -> Any:
    """The verb whose object (``deps``: dobj, or pobj through its preposition) ``noun`` is, else ``noun``:
    a purpose or motive parsed as modifying the object ("staged a protest demanding ...") is the clause's."""
    t = noun
    for _ in range(4):
        if t.dep_ not in deps or t.head.i > t.i:
            break
        t = t.head
        if t.dep_ == "prep" and t.head.i < t.i:
            t = t.head
        if _is_verb(t):
            return t
        if t.pos_ not in ("NOUN", "PROPN"):
            break
    return noun


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
    verb = _clause_verb(noun, lex.purpose_climb)
    if verb.i == noun.i:
        return None
    own = spans.trim(doc, (v.i + 1, noun.right_edge.i + 1))
    main = spans.main_clause(verb, set(range(v.i, noun.right_edge.i + 1)))
    if own is None or main is None:
        return None
    return _found(lex, doc, cue, (v.i, v.i + 1), own, main, f"'{v.text}' gives the motive of the clause")


def _participle(lex: Lexicon, v: Any, cue: Cue) -> Found | None:
    if v.tag_ == "VBG" and v.dep_ in _MISPARSED_PARTICIPLE:
        return _misparsed_participle(lex, v, cue)
    if v.tag_ != "VBG" or v.dep_ not in ("advcl", "xcomp", "acl", "conj", "pcomp") or v.head.i == v.i:
        return None
    doc = v.doc
    sig = (v.i, v.i + 1)
    own = spans.trim(v.doc, (v.i + 1, v.right_edge.i + 1)) if v.right_edge.i > v.i else None
    head = _clause_verb(v.head, lex.purpose_climb) if v.dep_ == "acl" else v.head
    main = spans.main_clause(head, spans.subtree_ids(v))
    if v.dep_ == "pcomp" and head.dep_ == "prep" and head.head.i < head.i and own is not None:
        # "The strike began, with the union demanding a raise": the motive is the whole "with" phrase
        main = spans.main_clause(head.head, spans.subtree_ids(head))
        own = (head.i, own[1]) if cue.kind == MOTIVE else own
    if own is None or main is None:
        return None
    if cue.kind == MOTIVE:
        return _found(lex, doc, cue, sig, own, main, f"'{v.text}' gives the motive of the clause")
    return _found(lex, doc, cue, sig, main, own, f"'{v.text}' gives the result of the clause")


# ----------------------------------------------------------------------------------------- phrase cues


def _words_at(doc: Any, i: int, end: int, words: tuple[str, ...]) -> bool:
    return i + len(words) <= end and all(doc[i + k].lower_ == w for k, w in enumerate(words))


def _match(doc: Any, i: int, end: int, cue: Cue) -> bool:
    return _words_at(doc, i, end, cue.words)


def _previous_sentence(doc: Any, sent: Any) -> Range | None:
    if sent.start == 0:
        return None
    prev = doc[sent.start - 1].sent
    return spans.trim(doc, (prev.start, prev.end))


def _adverb(lex: Lexicon, doc: Any, sent: Any, i: int, cue: Cue) -> Found | None:
    n = len(cue.words)
    sig = (i, i + n)
    first = doc[i]
    if cue.words == ("so",):
        if first.dep_ not in ("cc", "advmod", "mark") or (i + 1 < sent.end and (
            doc[i + 1].pos_ in ("ADJ", "ADV", "DET", "NUM") or doc[i + 1].lower_ in _QUALIFIERS)):  # fmt: skip
            return None
        if first.head.pos_ in ("ADJ", "ADV"):
            return None
    if cue.words[-1] == "why":
        cause = spans.trim(doc, (sent.start, i)) if i > sent.start else _previous_sentence(doc, sent)
        effect = spans.trim(doc, (i + n, sent.end))
        return _found(lex, doc, cue, sig, cause, effect, f"'{doc[i : i + n].text}'", previous=i == sent.start)
    matched = set(range(i, i + n))
    top = min((doc[k] for k in matched), key=_depth)
    head = top.head
    if first.dep_ == "cc":  # "X, so Y": Y is the conjunct after "so"
        later = [c for c in head.children if c.dep_ == "conj" and c.i > i]
        if not later:
            return None
        effect = spans.main_clause(later[0], matched)
        cause = spans.main_clause(head, spans.subtree_ids(later[0]) | matched)
        return _found(lex, doc, cue, sig, cause, effect, f"'{first.text}' between two clauses")
    if head.i in matched or head.i == top.i:
        return None
    skip = {t.i for k in matched for t in doc[k].subtree}
    effect = spans.clause(head, skip)
    if head.dep_ == "conj" and head.head.i < i:
        cause = spans.main_clause(head.head, spans.subtree_ids(head))
        return _found(
            lex, doc, cue, sig, cause, effect, f"'{doc[i : i + n].text}' after the clause that causes"
        )
    cause = _previous_sentence(doc, sent) if effect and i <= effect[0] + 1 else None
    return _found(lex, doc, cue, sig, cause, effect, f"'{doc[i:i + n].text}': the sentence before causes",
                  previous=cause is not None)  # fmt: skip


def _marks_clause(lex: Lexicon, token: Any) -> bool:
    """``token`` introduces a clause: a marker ("because he left"), or a word like "when" that the parser
    attaches as an adverb of the clause's verb ("injured when the roof fell": advmod of an advcl)."""
    if token.dep_ == "mark":
        return True
    return (
        token.lower_ in lex.advmod_markers
        and token.dep_ == "advmod"
        and token.head.dep_ == "advcl"
        and token.head.i > token.i
    )


def _objects_in(prep: Any, words: frozenset[str]) -> bool:
    """The object of ``prep`` is one of ``words``, directly or through "of" ("in one of the blasts")."""
    for obj in (c for c in prep.children if c.dep_ == "pobj"):
        if obj.lower_ in words:
            return True
        inner = [g for p in obj.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
        if any(g.lower_ in words for g in inner):
            return True
    return False


def _introducer(lex: Lexicon, doc: Any, sent: Any, i: int, cue: Cue) -> Found | None:
    """Connectives and purpose words that introduce the cause: the effect is what they attach to."""
    n = len(cue.words)
    matched = list(range(i, i + n))
    first, last = doc[i], doc[i + n - 1]
    if cue.as_marker and (not _marks_clause(lex, first) or first.head.lower_ in lex.saying_verbs):
        return None
    if cue.as_marker and first.head.dep_ == "ccomp" and first.head.head.lower_ in lex.saying_verbs:
        return None  # "wanted to know if the attacker stopped": "if" as "whether", a question
    aim = False
    if cue.kind == PURPOSE and cue.words == ("to",):
        v = first.head
        if first.tag_ != "TO" or first.dep_ != "aux" or not _is_verb(v) or v.i < i:
            return None
        h = v.head
        complement = v.dep_ in ("xcomp", "acl") and h.i < v.i and h.pos_ != "ADJ"
        # "came together for the fourth time to demand answers" parsed as a relative clause on "time": a
        # real one has its object gapped ("a role to play"), a purpose keeps its own
        misparsed = v.dep_ == "relcl" and h.i < v.i and any(c.dep_ == "dobj" for c in v.children)
        # "the aim of the march is to ...", "the boycott is to protest ...": a purpose after "be"
        aim = any(c.dep_ == "nsubj" and c.lower_ in lex.be_purpose_subjects for c in h.children)
        if v.dep_ != "advcl" and not misparsed and not (
            complement
            and (h.lower_ not in lex.not_purpose_heads or aim or (
                h.lower_ in lex.passive_purpose_heads and any(c.dep_ == "auxpass" for c in h.children)))
        ):
            return None
    if cue.means and not any(c.dep_ == "pcomp" and c.tag_ == "VBG" for c in first.children):
        return None
    if first.lower_ in lex.temporal_connectives and any(
        c.ent_type_ in _TEMPORAL_ENTS for c in last.children if c.dep_ == "pobj"
    ):
        return None  # "after 2010", "since Monday", "for more than a decade": time, not cause
    if cue.kind == CONNECTIVE and last.lower_ == "to" and i + n < sent.end and doc[i + n].tag_ == "VB":
        return None  # "the ministers are due to meet": an infinitive, not "due to the rain"
    tokens = [doc[k] for k in matched]
    tokens += [t.head for t in tokens if (t.dep_ in ("mark", "aux") or _marks_clause(lex, t)) and t.head.i >= i + n]
    top = min(tokens, key=_depth)
    region = spans.subtree_ids(top) | set(matched)
    right = max(region)
    cause = spans.trim(doc, (i + n, right + 1)) if right >= i + n else None
    head = top.head
    if cue.kind == PURPOSE and top.dep_ in ("acl", "relcl"):
        head = _clause_verb(head, lex.purpose_climb)  # "launched a campaign to educate ...": the launching's
    if (
        cue.kind == CONNECTIVE
        and head.dep_ in lex.connective_climb
        and (head.tag_ == "VBN" or (head.dep_ == "conj" and _is_verb(head.head)))
        and head.head.i < head.i
    ):
        head = head.head  # "four men arrested by police for ...": the men with their arrest
    if cue.kind == CONNECTIVE and head.pos_ in ("NOUN", "PROPN") and head.dep_ in lex.connective_object_climb:
        head = _clause_verb(head, lex.connective_object_climb)  # "claimed responsibility for ...": the claim
    while cue.kind in lex.complement_climb and head.dep_ == "xcomp" and head.head.i < head.i and _is_verb(head.head):
        head = head.head  # "they failed to persuade them as ...": the failing, with its subject
    effect = spans.main_clause(head, region) if head.i != top.i and head.i not in region else None
    if cause is None and head.dep_ == "relcl" and head.head.i < i and any(
        c.dep_ == "pobj" and c.lower_ in _RELATIVE for c in last.children
    ):  # "a clash in which two were injured": the noun the relative clause is on
        cause = spans.clause(head.head, spans.subtree_ids(head))
    subj = [c for c in head.children if c.dep_ in _SUBJ and c.i < head.i]
    if subj and (top.dep_ == "attr" or (cue.kind == PURPOSE and head.pos_ == "AUX" and aim)):
        # "the delays were the result of X", "the boycott is to protest X": the subject is the effect
        effect = spans.phrase(subj[0])
    if cue.objects and not _objects_in(last, cue.objects):
        return None
    gerund = cue.gerund and any(c.dep_ == "pcomp" and c.tag_ == "VBG" for c in last.children)
    if cue.heads and not gerund:
        before = {doc[k].lower_ for k in range(max(sent.start, i - 3), i)}
        verb = _clause_verb(head, lex.purpose_climb)  # "Protesters blocked the road over ...": the verb's args
        args = {verb.lower_} | {c.lower_ for h in {head, verb} for c in h.children if c.dep_ in _HEAD_ARGS}
        if not (head.lower_ in cue.heads or before & cue.heads or args & cue.heads):
            return None
    if cue.introduces == "effect":  # "the group was behind the attack": the subject causes the object
        return _found(lex, doc, cue, (i, i + n), subject(head), cause, f"'{doc[i : i + n].text}' introduces the effect")
    return _found(lex, doc, cue, (i, i + n), cause, effect, f"'{doc[i : i + n].text}' introduces the cause")


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


def find(doc: Any, sent: Any, lex: Lexicon) -> list[Found]:
    """Every candidate causal relation in ``sent`` (a span of ``doc``), one per signal, in text order."""
    out: list[Found] = []
    used: set[int] = set()
    for v in sent:
        low = v.lower_
        if not _is_verb(v) and low not in lex.participles:
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
    i = sent.start
    while i < sent.end:
        idiom = next((n for n in lex.idioms.get(doc[i].lower_, ()) if _words_at(doc, i, sent.end, n)), None)
        if idiom:  # "after all", "as expected": fixed phrases that start with a cue word but are no cue
            i += len(idiom)
            continue
        cues = lex.phrases.get(doc[i].lower_, ())
        taken = 1
        for cue in cues:
            if not _match(doc, i, sent.end, cue) or used & set(range(i, i + len(cue.words))):
                continue
            if cue.kind == ADVERB:
                found = _adverb(lex, doc, sent, i, cue)
            elif cue.kind in (CONNECTIVE, PURPOSE):
                found = _introducer(lex, doc, sent, i, cue)
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
