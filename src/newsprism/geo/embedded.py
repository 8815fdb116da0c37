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
import weakref
from collections.abc import Iterable

from .gazetteer import Gazetteer, strong_match, strong_min_population

_WORD = re.compile(r"[^\W\d_][\w.'’]*|\S")


def _strong(text: str, gaz: Gazetteer) -> bool:
    if not text[:1].isupper():
        return False
    floor = strong_min_population(gaz)
    return any(strong_match(match, floor, demonyms=True) for match in gaz.candidates(text))


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


_CACHE_LIMIT = 100_000  # texts kept per gazetteer (an outlet names the same organisations day after day)


class _Inside:
    """The ``inside_names`` lexicon, read once per gazetteer, and the answers given so far by text."""

    def __init__(self, gaz: Gazetteer):
        spec = gaz.lexicon.get("inside_names") or {}
        self.skip = frozenset(w.casefold() for w in spec.get("skip", ()))
        self.connectors = frozenset(w.casefold() for w in spec.get("connectors", ()))
        self.represented = frozenset(w.casefold() for w in spec.get("represented", ()))
        self.found: dict[str, tuple[int, int] | None] = {}
        self.strong: dict[str, bool] = {}  # _strong by name, for the parts (and wholes) seen so far


_INSIDE: weakref.WeakKeyDictionary[Gazetteer, _Inside] = weakref.WeakKeyDictionary()


def place_inside(text: str, gaz: Gazetteer) -> tuple[int, int] | None:
    """Where a place is written inside an organisation's name ("Toronto" in "Toronto Police Service",
    "Zimbabwe" in "Reserve Bank of Zimbabwe"): (start, end) offsets into ``text``, or None.

    Candidates are runs of capitalised words (joined by single spaces, or by a connector of
    ``inside_names.connectors``: "Republic of Korea"), longest first, then leftmost; a run neither begins nor
    ends with a connector, is never a lone word of ``inside_names.skip`` ("Central", "Delta"), is a strict
    part of the name (a name that is itself a place's is left alone) and must name a place with little
    doubt, as for ``embedded_place``. Outside an all-capitals headline, a word in capitals of four letters
    or more is taken for an acronym and a shorter one counts only for a country or region ("US", "EU",
    "BC"). In the name of an embassy or consulate (``inside_names.represented``) no country is taken: it
    stands elsewhere. The answer is kept per text."""
    return places_inside((text,), gaz)[text]


def places_inside(texts: Iterable[str], gaz: Gazetteer) -> dict[str, tuple[int, int] | None]:
    """``place_inside`` for several names at once (an article's organisations): the cities their parts may
    name are looked up in one query of the index."""
    inside = _INSIDE.get(gaz)
    if inside is None:
        inside = _INSIDE[gaz] = _Inside(gaz)
    texts = list(dict.fromkeys(texts))
    new = {t: _parts(t, inside.skip, inside.connectors) for t in texts if t not in inside.found}
    if new:
        floor = strong_min_population(gaz)
        known = inside.strong
        if len(known) > _CACHE_LIMIT:
            known.clear()
        names = {name for parts in new.values() for _, name, _ in parts}
        names.update(t.strip() for t, parts in new.items() if parts)  # the wholes, checked in the same query
        names = {n for n in names if n not in known}
        doubt = []
        for n in names:
            known[n] = n[:1].isupper() and any(strong_match(m, floor, demonyms=True) for m in gaz.table_candidates(n))
            if not known[n] and n[:1].isupper():
                doubt.append(n)
        for n in gaz.big_cities(sorted(doubt), floor) if doubt else ():
            known[n] = True
        if len(inside.found) + len(new) > _CACHE_LIMIT:
            inside.found.clear()
        for text, parts in new.items():
            folded = text.casefold()  # a quick look for the words first
            embassy = any(w in folded for w in inside.represented)
            if embassy and not inside.represented.isdisjoint(_words(text)):
                parts = [p for p in parts if not _a_country(p[1], gaz)]
            inside.found[text] = _first_place(text, parts, known, gaz)
    return {t: inside.found[t] for t in texts}


def _words(text: str) -> set[str]:
    return {m.group().casefold() for m in _INSIDE_WORD.finditer(text)}


def _a_country(name: str, gaz: Gazetteer) -> bool:
    """True when ``name`` may be a country or a country's adjective ("Armenia", "British")."""
    return any(m.entry.feature == "country" for m in gaz.table_candidates(name))


def _parts(text: str, skip: frozenset[str], connectors: frozenset[str]) -> list[tuple[int, str, int]]:
    """The parts of a name that may be a place, (start, name, words) in the order they are tried."""
    whole = text.strip()
    if not whole or (_INSIDE_WORD.fullmatch(whole) and not whole.endswith((".", "'", "’", "'s", "’s"))):
        return []  # one word: no strict part of it is a name
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
    # per word of each run: (start, end without a possessive, a connector?, full stops before it and in it)
    words = []
    for run in runs:
        row, dots = [], 0
        for m in run:
            word = m.group()
            cut = _POSSESSIVE.search(word)
            end = m.end() - (len(cut.group()) if cut else 0)
            row.append((m.start(), end, word.casefold() in connectors, dots))
            dots += word.count(".")
        words.append((row, dots))
    parts: list[tuple[int, str, int]] = []
    longest = max(map(len, runs))
    for size in range(longest, 0, -1):
        for row, total in words:
            for i in range(len(row) - size + 1):
                first, last = row[i], row[i + size - 1]
                if first[2] or last[2]:
                    continue
                start = first[0]
                name = text[start : last[1]]
                after = row[i + size][3] if i + size < len(row) else total
                if name.endswith(".") and after - first[3] == 1:  # a full stop, not an abbreviation's
                    name = name[:-1]
                if size == 1 and name.casefold() in skip:
                    continue
                if len(name) < len(whole):
                    parts.append((start, name, size))
    return parts


def _first_place(
    text: str, parts: list[tuple[int, str, int]], strong: dict[str, bool], gaz: Gazetteer
) -> tuple[int, int] | None:
    """The first of ``parts`` that ``strong`` says is a place's name with little doubt, unless it says so
    of the whole name."""
    whole = text.strip()
    shouting = whole.isupper()
    for start, name, size in parts:
        if not strong.get(name):
            continue
        capitals = name.replace(".", "").isupper()
        if size == 1 and capitals and not shouting and not _abbreviation(name, gaz):
            continue
        if strong.get(whole):  # named exactly like a place: the entities stage called it an org
            return None
        return start, start + len(name)
    return None


_POSSESSIVE = re.compile(r"['’]s?$")


def _abbreviation(text: str, gaz: Gazetteer) -> bool:
    """True when a short word in capitals names a country or a region ("US", "EU", "BC"), not a town."""
    return any(m.entry.feature != "city" and m.how != "demonym" for m in gaz.table_candidates(text))
