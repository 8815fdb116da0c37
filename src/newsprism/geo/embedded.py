"""The place named inside the name of an institution: "Bank of Japan" -> Japan, "Colorado State University"
-> Colorado, "European Central Bank" -> Europe, "Montreal-Trudeau International Airport" -> Montreal.

    embedded_place("Bank of Japan", gaz)     # "Japan"
    embedded_place("Royal Street", gaz)      # None: no institution word

A name the gazetteer lacks is searched only when one of its words is an ``institution_words`` word of
``lexicons/places.yaml`` (a bank, a university, an airport); embassies and consulates are not among them,
since they stand in another country's capital. The words left, longest run first and leftmost first, must
name a place with little doubt: a country, a first-level region, a continent or named region, a city of at
least ``maybe_place_min_population`` people by its own name, or the adjective of a country or region
("European", "British").
"""

from __future__ import annotations

import re

from .gazetteer import CURATED_FEATURES, Gazetteer

_WORD = re.compile(r"[^\W\d_][\w.'’]*|\S")
_STRONG = ("country", "admin1", *CURATED_FEATURES)
_CURATED = ("country", "continent", "region")


def _strong(text: str, gaz: Gazetteer) -> bool:
    if not text[:1].isupper():
        return False
    floor = gaz.lexicon.get("maybe_place_min_population", 100000)
    for match in gaz.candidates(text):
        entry, how = match.entry, match.how
        if how == "demonym" and entry.feature in ("country", "admin1", *_CURATED):
            return True
        if how == "alias" and entry.feature in _CURATED:
            return True
        if how in ("name", "abbreviation") and (
            entry.feature in _STRONG or (entry.feature == "city" and (entry.population or 0) >= floor)
        ):
            return True
    return False


def embedded_place(text: str, gaz: Gazetteer) -> str | None:
    """The place name written inside an institution's name, or None (see the module docstring)."""
    spec = gaz.lexicon.get("institution_words") or {}
    heads = {w.casefold() for w in spec.get("heads", ())}
    glue = {w.casefold() for w in spec.get("glue", ())}
    words = [m.group() for m in _WORD.finditer(text.replace("-", " "))]
    if not any(w.casefold() in heads for w in words):
        return None
    # runs of words that are neither institution words nor glue ("of", "the", "State")
    runs, run = [], []
    for word in words:
        if word.casefold() in heads or word.casefold() in glue or not word[:1].isalpha():
            if run:
                runs.append(run)
            run = []
        else:
            run.append(word)
    if run:
        runs.append(run)
    for size in range(max((len(r) for r in runs), default=0), 0, -1):
        for r in runs:
            for i in range(len(r) - size + 1):
                name = " ".join(r[i : i + size])
                if _strong(name, gaz):
                    return name
    return None
