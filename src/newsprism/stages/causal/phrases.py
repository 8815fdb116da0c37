"""Phrase cues in one parsed sentence: connectives and purpose words that introduce the cause ("because of",
"due to", "to" + a purpose), and result adverbs that put the cause before them ("as a result", "so").
"""

from __future__ import annotations

from typing import Any

from . import spans
from .args import (
    HEAD_ARGS,
    RELATIVE,
    SUBJ,
    TEMPORAL_ENTS,
    Found,
    clause_verb,
    is_verb,
    make_found,
    parse_depth,
    sentence_words,
    subject,
)
from .lexicon import CONNECTIVE, PURPOSE, Cue, Lexicon
from .spans import Range

# "so" before these is a degree ("so much", "so-called"), not a result
_QUALIFIERS = frozenset({"much", "far", "many", "long", "well", "called", "too", "to", "-"})


def _previous_sentence(lex: Lexicon, doc: Any, sent: Any) -> Range | None:
    """The sentence before, as a cause; of a report ("X told reporters that Y", "Y, she said") only what is
    reported: the speaker and the saying are no part of what causes."""
    if sent.start == 0:
        return None
    prev = doc[sent.start - 1].sent
    root = prev.root
    if root.lower_ in lex.saying_verbs:
        said = [c for c in root.children if c.dep_ == "ccomp"]
        if said:
            ids = {t.i for t in said[0].subtree
                   if not (t.head.i == said[0].i and t.dep_ == "mark" and t.lower_ == "that")}
            lo, hi = min(ids), max(ids) + 1
            before = doc[lo - 1] if lo > prev.start else None
            # what is said follows "that" or the verb, or comes first ("Y, she said"); not a parse that
            # cuts into a phrase ("noted that, despite the Kremlin's expectations, ...")
            if len(ids) == hi - lo and (hi <= root.i or before is None or before.lower_ == "that"
                                        or before.i == root.i or before.text in (":", ",")):
                reported = spans.strip_marks(doc, lo, hi)
                if reported is not None:
                    return reported
    return spans.trim(doc, (prev.start, prev.end))


def adverb(lex: Lexicon, doc: Any, sent: Any, i: int, cue: Cue) -> Found | None:
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
        cause = spans.trim(doc, (sent.start, i)) if i > sent.start else _previous_sentence(lex, doc, sent)
        effect = spans.trim(doc, (i + n, sent.end))
        reason = f"'{doc[i : i + n].text}'"
        return make_found(lex, doc, cue, sig, cause, effect, reason, previous=i == sent.start)
    matched = set(range(i, i + n))
    top = min((doc[k] for k in matched), key=parse_depth)
    head = top.head
    if first.dep_ == "cc":  # "X, so Y": Y is the conjunct after "so"
        later = [c for c in head.children if c.dep_ == "conj" and c.i > i]
        if not later:
            return None
        effect = spans.main_clause(later[0], matched)
        cause = spans.main_clause(head, spans.subtree_ids(later[0]) | matched)
        return make_found(lex, doc, cue, sig, cause, effect, f"'{first.text}' between two clauses")
    if head.i in matched or head.i == top.i:
        return None
    skip = {t.i for k in matched for t in doc[k].subtree}
    effect = spans.clause(head, skip)
    if head.dep_ in ("conj", "advcl") and head.head.i < i:  # "..., and thus Y", "..., thereby causing Y"
        cause = spans.main_clause(head.head, spans.subtree_ids(head))
        return make_found(
            lex, doc, cue, sig, cause, effect, f"'{doc[i : i + n].text}' after the clause that causes"
        )
    cause = _previous_sentence(lex, doc, sent) if effect and i <= effect[0] + 1 else None
    return make_found(lex, doc, cue, sig, cause, effect, f"'{doc[i:i + n].text}': the sentence before causes",
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


_QUANTITY_PREPS = frozenset({"over", "about", "around", "under", "at"})  # "over 5,000", "at 77"


def _objects_in(prep: Any, words: frozenset[str]) -> bool:
    """The object of ``prep`` (a noun or a gerund) is one of ``words``, directly, through "of" ("in one of
    the blasts", "on hearing the news") or as the word after it that says what became of it ("with four
    dead")."""
    for obj in (c for c in prep.children if c.dep_ in ("pobj", "pcomp")):
        if obj.lower_ in words:
            return True
        if any(c.dep_ == "amod" and c.i > obj.i and c.lower_ in words for c in obj.children):
            return True
        of = [p for p in obj.children if p.dep_ == "prep" and p.lower_ == "of"]
        inner = [g for p in of for g in p.children if g.dep_ == "pobj"]
        if any(g.lower_ in words for g in inner):
            return True
    return False


def _named_cause(head: Any) -> Range | None:
    """What a connective that introduces the effect names as the cause: the subject ("the group was behind
    the attack"), or what "the cause of X" is equated with ("a leak was the cause of the blast", "the cause
    of the blast was a leak")."""
    found = subject(head)
    if found is not None or head.pos_ not in ("NOUN", "PROPN") or head.head.i == head.i:
        return found
    verb = head.head
    if head.dep_ == "attr":
        return subject(verb)
    if head.dep_ == "nsubj":
        attrs = [c for c in verb.children if c.dep_ == "attr" and c.i > head.i]
        return spans.phrase(attrs[0]) if attrs else None
    return None


def introducer(lex: Lexicon, doc: Any, sent: Any, i: int, cue: Cue) -> Found | None:
    """Connectives and purpose words that introduce the cause: the effect is what they attach to."""
    n = len(cue.words)
    matched = list(range(i, i + n))
    first, last = doc[i], doc[i + n - 1]
    if cue.as_marker and (not _marks_clause(lex, first) or first.head.lower_ in lex.saying_verbs):
        return None
    if cue.as_marker and first.head.dep_ == "ccomp" and first.head.head.lower_ in lex.saying_verbs:
        return None  # "wants to know if the bridge will reopen": "if" as "whether", a question
    aim = False
    if cue.kind == PURPOSE and cue.words == ("to",):
        v = first.head
        if first.tag_ != "TO" or first.dep_ != "aux" or not is_verb(v) or v.i < i:
            return None
        h = v.head
        complement = v.dep_ in ("xcomp", "acl") and h.i < v.i and h.pos_ != "ADJ"
        # "met for the second time to demand a recount" parsed as a relative clause on "time": a
        # real one has its object gapped ("a role to play"), a purpose keeps its own
        misparsed = v.dep_ == "relcl" and h.i < v.i and any(c.dep_ == "dobj" for c in v.children)
        # "the aim of the march is to ...", "the boycott is to protest ...": a purpose after "be"
        aim = any(c.dep_ == "nsubj" and c.lower_ in lex.be_purpose_subjects for c in h.children)
        if v.dep_ != "advcl" and not misparsed and not (
            complement
            and (h.lower_ not in lex.not_purpose_heads or aim or (
                h.lower_ in lex.passive_purpose_heads
                and any(c.dep_ == "auxpass" or (c.dep_ == "dobj" and c.i < v.i) for c in h.children)))
        ):
            return None
    if first.dep_ == "prt" or (first.head.tag_ == "CD" and first.head.i > i):
        return None  # "took over the building" (a particle), "over 80 people", "about 200" (a count)
    if cue.means and not any(c.dep_ == "pcomp" and c.tag_ == "VBG" for c in first.children):
        return None
    if first.ent_type_ in lex.name_entities:
        return None  # "India Against Corruption": part of a name
    if first.lower_ in lex.place_connectives and any(
        c.ent_type_ in lex.place_entities or c.pos_ == "PROPN" for c in last.children if c.dep_ == "pobj"
    ):
        return None  # "staged a protest at Jantar Mantar" (a name, most often a place's): not a cause
    if first.lower_ in lex.temporal_connectives and any(
        c.ent_type_ in TEMPORAL_ENTS for c in last.children if c.dep_ == "pobj"
    ):
        return None  # "after 2010", "since Monday", "for more than a decade": time, not cause
    if first.lower_ in lex.interval_connectives and i > sent.start and doc[i - 1].lower_ in lex.interval_nouns:
        return None  # "a day after the blasts", "20 minutes after the clash": one event dated by another
    if cue.kind == CONNECTIVE and last.lower_ == "to" and i + n < sent.end and doc[i + n].tag_ == "VB":
        return None  # "the ministers are due to meet": an infinitive, not "due to the rain"
    # two tests of the cue's own words, made before the parse is walked (each returns None, as below would)
    if cue.objects and not _objects_in(last, cue.objects):
        return None
    if cue.kind == CONNECTIVE and last.lower_ in _QUANTITY_PREPS and any(
            c.dep_ == "pobj" and c.tag_ == "CD" and not any(g.pos_ in ("VERB", "AUX") for g in c.children)
            for c in last.children):  # fmt: skip
        return None  # "wounded over 5,000": a quantity, not a cause
    if cue.not_objects and any(c.dep_ in ("pobj", "pcomp") and c.lower_ in cue.not_objects
                               for c in last.children):  # fmt: skip
        return None  # "wanted for questioning", "held for trial", "reached for comment": a purpose
    gerund = cue.gerund and any(c.dep_ == "pcomp" and c.tag_ == "VBG" for c in last.children)
    if cue.heads and not gerund and not cue.heads & sentence_words(doc, sent):
        return None  # the heads test at the end reads only words of this sentence
    tokens = [doc[k] for k in matched]
    tokens += [t.head for t in tokens
               if (t.dep_ in ("mark", "aux") or _marks_clause(lex, t)) and t.head.i >= i + n]  # fmt: skip
    top = min(tokens, key=parse_depth)
    region = spans.subtree_ids(top) | set(matched)
    right = max(region)
    cause = spans.trim(doc, (i + n, right + 1)) if right >= i + n else None
    head = anchor = top.head  # anchor: what the cue hangs on, before climbing to its clause
    if cue.kind == PURPOSE and top.dep_ in ("acl", "relcl"):
        head = clause_verb(head, lex.purpose_climb)  # "launched a campaign to educate ...": the launching's
    if (
        cue.kind == CONNECTIVE
        and head.dep_ in lex.connective_climb
        and (head.tag_ == "VBN" or (head.dep_ == "conj" and is_verb(head.head)))
        and head.head.i < head.i
    ):
        head = head.head  # "four men arrested by police for ...": the men with their arrest
    if cue.kind == CONNECTIVE and head.pos_ in ("NOUN", "PROPN") and head.dep_ in lex.connective_object_climb:
        head = clause_verb(head, lex.connective_object_climb)  # "claimed responsibility for ...": the claim
    while cue.kind in lex.complement_climb and head.dep_ == "xcomp" and head.head.i < head.i and is_verb(head.head):
        head = head.head  # "they failed to persuade them as ...": the failing, with its subject
    if cue.unless_perfect and (
        (i > sent.start and doc[i - 1].lower_ == "ever")
        or any(c.dep_ == "aux" and c.lower_ in lex.signal_auxiliaries for c in head.children)
    ):
        return None  # "have arrested 40 since the riots began", "ever since": time, not a reason
    effect = spans.main_clause(head, region) if head.i != top.i and head.i not in region else None
    if cause is None and head.dep_ == "relcl" and head.head.i < i and any(
        c.dep_ == "pobj" and c.lower_ in RELATIVE for c in last.children
    ):  # "a clash in which two were injured": the noun the relative clause is on
        cause = spans.clause(head.head, spans.subtree_ids(head))
    subj = [c for c in head.children if c.dep_ in SUBJ and c.i < head.i]
    if subj and (top.dep_ == "attr" or (cue.kind == PURPOSE and head.pos_ == "AUX" and aim)):
        # "the delays were the result of X", "the boycott is to protest X": the subject is the effect
        effect = spans.phrase(subj[0])
    if cue.heads and not gerund:
        before = {doc[k].lower_ for k in range(max(sent.start, i - 3), i)}
        verb = clause_verb(head, lex.purpose_climb)  # "Protesters blocked the road over ...": the verb's args
        args = {verb.lower_} | {c.lower_ for h in {head, verb} for c in h.children if c.dep_ in HEAD_ARGS}
        if not (head.lower_ in cue.heads or before & cue.heads or args & cue.heads):
            return None
    if (
        cue.kind == CONNECTIVE and cue.introduces == "cause" and not cue.objects
        and i + n < sent.end and doc[i + n].lower_ == "which" and i > sent.start
    ):  # "..., due to which buses stayed off the roads": what comes before is the cause, the rest its effect
        before = spans.trim(doc, (sent.start, i))
        after = spans.trim(doc, (i + n + 1, cause[1] if cause else sent.end))
        if before is not None and after is not None:
            cause, effect = before, after
    if cue.introduces == "effect":  # "the group was behind the attack": the subject causes the object
        reason = f"'{doc[i : i + n].text}' introduces the effect"
        # on a full verb ("the clash ended with four dead") the cause is that verb's clause
        named = effect if anchor.pos_ == "VERB" else _named_cause(anchor)
        return make_found(lex, doc, cue, (i, i + n), named, cause, reason)
    reason = f"'{doc[i : i + n].text}' introduces the cause"
    return make_found(lex, doc, cue, (i, i + n), cause, effect, reason)
