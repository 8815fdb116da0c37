"""Where a figure happened, for alignment: the countries of the resolved places its own clause names, less
a place that only qualifies a noun ("U.S. embassies in Kenya and Tanzania" happened in Kenya and Tanzania),
and whether two figures are placed apart."""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..records import Figure

_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")


def located(f: Figure, doc_id: str, entity_of: Mapping, places: Mapping[str, str],
            spans: Mapping[tuple[str, str], tuple[int, int]], modifies: frozenset[str]) -> frozenset[str]:
    """The country codes of the resolved places that locate a figure: those its clause names (``about``;
    ``entity_of`` maps (document, mention) to an entity, ``places`` a place entity to its country code,
    ``spans`` a place mention to its offsets), but not one written right before a noun of ``modifies``, which
    it only qualifies ("U.S. embassies in Kenya and Tanzania" is Kenya and Tanzania)."""
    out = set()
    for m in f.about:
        code = places.get(entity_of.get((doc_id, m), ""))
        if not code:
            continue
        span = spans.get((doc_id, m))
        if span is not None and f.sentence is not None and f.sentence.start <= span[1] <= f.sentence.end:
            nxt = _NEXT_WORD.match(f.sentence.text, span[1] - f.sentence.start)
            if nxt and nxt.group(1).lower() in modifies:
                continue
        out.add(code)
    return frozenset(out)


def places_apart(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two figures placed (country codes) apart, or one in only some of the other's: "247 killed in Kenya"
    and "10 in Tanzania", "168 killed in Oklahoma City" and "257 in Nairobi and Dar es Salaam" count different
    things, and so do "253 killed at the U.S. embassy in Nairobi" and "bombings in Kenya and Tanzania killed
    257": one country's part of a whole placed in it and others (but two lists of the countries around a
    sea, one of them shorter, place one thing). Unplaced figures are never apart."""
    if not (a and b) or a == b:
        return False
    small, large = sorted((a, b), key=len)
    return not small & large or (len(small) == 1 and small < large)
