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


_INSIDE_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def place_inside(text: str, gaz: Gazetteer) -> tuple[int, int] | None:
    """Where a place is written inside an organisation's name ("Toronto" in "Toronto Police Service",
    "Zimbabwe" in "Reserve Bank of Zimbabwe"): (start, end) offsets into ``text``, or None.

    Candidates are runs of capitalised words (joined by single spaces, or by a connector of
    ``inside_names.connectors``: "Republic of Korea"), longest first, then leftmost; a run neither begins nor
    ends with a connector, is never a lone word of ``inside_names.skip`` ("Central", "Delta"), is a strict
    part of the name (a name that is itself a place's is left alone) and must name a place with little
    doubt, as for ``embedded_place``. Outside an all-capitals headline, a word in capitals of four letters
    or more is taken for an acronym and a shorter one counts only for a country or region ("US", "EU",
    "BC")."""
    spec = gaz.lexicon.get("inside_names") or {}
    skip = {w.casefold() for w in spec.get("skip", ())}
    connectors = {w.casefold() for w in spec.get("connectors", ())}
    whole = text.strip()
    if not whole or _strong(whole, gaz):  # named exactly like a place: the entities stage called it an org
        return None
    shouting = whole.isupper()
    runs: list[list[re.Match[str]]] = [[]]
    for m in _INSIDE_WORD.finditer(text):
        word = m.group()
        joined = bool(runs[-1]) and text[runs[-1][-1].end() : m.start()] == " "
        if word.casefold() in connectors and not word[:1].isupper() or word.casefold() in ("the",):
            if joined and word.casefold() in connectors:
                runs[-1].append(m)
            else:
                runs.append([])
            continue
        letters = word.replace(".", "")
        capitalised = word[:1].isupper() and (shouting or not (len(letters) > 3 and letters.isupper()))
        if not capitalised:
            runs.append([])
        elif joined:
            runs[-1].append(m)
        else:
            runs.append([m])
    for size in range(max(map(len, runs)), 0, -1):
        for run in runs:
            for i in range(len(run) - size + 1):
                part = run[i : i + size]
                if part[0].group().casefold() in connectors or part[-1].group().casefold() in connectors:
                    continue
                start, end = part[0].start(), part[-1].end()
                name = re.sub(r"['’]s?$", "", text[start:end])
                if name.endswith(".") and name.count(".") == 1:  # a full stop, not an abbreviation's
                    name = name[:-1]
                if size == 1 and name.casefold() in skip:
                    continue
                if len(name) >= len(whole) or not _strong(name, gaz):
                    continue
                capitals = name.replace(".", "").isupper()
                if size == 1 and capitals and not shouting and not _abbreviation(name, gaz):
                    continue
                return start, start + len(name)
    return None


def _abbreviation(text: str, gaz: Gazetteer) -> bool:
    """True when a short word in capitals names a country or a region ("US", "EU", "BC"), not a town."""
    return any(m.entry.feature != "city" and m.how != "demonym" for m in gaz.candidates(text))
