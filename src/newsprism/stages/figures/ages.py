"""Ages the words around a bare number give it: "He will be 35 by the end of the year" (after "be" with a
person as subject), "voters under 30" (a bound on the age of the people named before it), "died at 77"
(after a verb of a life's events)."""

from __future__ import annotations

import re

from . import nouns
from .amount import Amount
from .lexicon import Lexicon

_PEOPLE_BEFORE = re.compile(r"\b([A-Za-z]+)\s+$")


def _age_value(a: Amount) -> bool:
    """A whole number from 1 to 120: a person's age can be it."""
    return float(a.value).is_integer() and 0 < a.value <= 120


def age_of_people(body: str, a: Amount, lex: Lexicon) -> bool:
    """ "voters under 30", "children under 18", "those over 65": a bound on the age of the people named
    right before it."""
    if a.qualifier is None or a.qualifier.lower() not in ("under", "over", "younger than", "older than"):
        return False
    if not _age_value(a):
        return False
    m = _PEOPLE_BEFORE.search(body, max(0, a.start - 30), a.start)
    if not m:
        return False
    word = m.group(1)
    if word.lower() in lex.people_words:
        return True
    return nouns.family_of(nouns.singular(word, lex), lex) == "people"


def life_event_age(body: str, a: Amount, doc, lex: Lexicon) -> bool:
    """ "died at 77", "retired in 2010 at 65", "married at 17": a whole number from 1 to 120 after "at" that
    closes a verb of a life's events (within four words of it), with no noun after it ("died at 77 Main
    Street" is an address)."""
    if a.kind not in ("digits", "word") or a.qualifier is not None:
        return False
    if not _age_value(a):
        return False
    m = _AT_BEFORE.search(body, max(0, a.start - 60), a.start)
    if not m or not any(v in lex.life_event_verbs for v in _verbs_in(m.group(1).lower())):
        return False
    if doc is not None:
        j = nouns.token_at(doc, a.end)
        if j < len(doc) and doc[j].pos_ in ("NOUN", "PROPN", "NUM"):
            return False
    return True


# "at" right before the number, and up to five words before it, none across a clause's punctuation
_AT_BEFORE = re.compile(r"((?:[\w'’]+\s+){1,5})at\s+$")


def _verbs_in(words: str) -> list[str]:
    """The words of ``words`` and each pair of words in a row ("passed away")."""
    w = words.split()
    return w + [f"{x} {y}" for x, y in zip(w, w[1:])]


def copula_age(doc, a: Amount, people: set[int], lex: Lexicon) -> bool:
    """A whole number from 1 to 120 that is the complement of "be" with a person as subject, nothing after
    it but a clause or phrase of its own: an age ("He will be 35 by the end of the year", "Gee was 17 when
    he arrived"); not "the score was 3" nor "she was 4 points ahead"."""
    if doc is None or a.kind not in ("digits", "word"):
        return False
    if not _age_value(a):
        return False
    i = nouns.token_at(doc, a.num_start)
    if i >= len(doc) or doc[i].dep_ not in ("attr", "acomp") or doc[i].head.lower_ not in lex.copula_forms:
        return False
    j = nouns.token_at(doc, a.end)
    if j < len(doc) and doc[j].pos_ in ("NOUN", "PROPN", "ADJ", "NUM", "SYM"):
        return False
    subjects = [c for c in doc[i].head.children if c.dep_ == "nsubj"]
    return any(c.lower_ in lex.person_pronouns or c.idx in people or c.ent_type_ == "PERSON" for c in subjects)
