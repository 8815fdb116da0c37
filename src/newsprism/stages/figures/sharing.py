"""What neighbouring figures share: a bare number takes the unit of a figure next to it ("2, 3 and 4 percent",
"4.1 percent, down from 4.3", "Seventeen people were indicted. Eight of them ..."), and figures of one unit
side by side in a clause each keep the places written after them ("247 in Kenya and 10 in Tanzania")."""

from __future__ import annotations

import re
from dataclasses import replace

from ...records import Figure

_JOINED = re.compile(r"\b(?:and|or|but|while|whereas|against)\b|,", re.IGNORECASE)


def own_places(body: str, figures: list[Figure], mentions) -> list[Figure]:
    """Of figures counting the same thing side by side in one clause, joined by "and", "while" or a comma,
    each is about the places written after it and before the next ("killed 247 people in Kenya and 10 in
    Tanzania": Kenya is the 247's, Tanzania the 10's); a place before the first stays with all of them
    ("the bombings in Kenya and Tanzania killed 257 and 10"), and one inside a figure's counted phrase stays
    with it. Figures of different units keep their whole clause's places ("50% of Syria's nearly 24 million
    people", "$1 billion for 8.7 million children in Sudan")."""

    def side_by_side(a: Figure, b: Figure) -> bool:
        return a.sentence == b.sentence and (a.unit, a.unit_family) == (b.unit, b.unit_family) \
            and bool(_JOINED.search(body[a.end : b.start]))  # fmt: skip

    places = {m.id: m for m in mentions if m.type == "place"}
    out = list(figures)
    for k, f in enumerate(figures):
        prev = figures[k - 1] if k > 0 and side_by_side(figures[k - 1], f) else None
        nxt = figures[k + 1] if k + 1 < len(figures) and side_by_side(f, figures[k + 1]) else None
        if prev is None and nxt is None:
            continue
        keep = []
        for mid in f.about:
            m = places.get(mid)
            inside = f.counted is not None and f.counted.start <= (m.start if m else -1) < f.counted.end
            theirs = m is not None and not inside and (
                (nxt is not None and m.start >= nxt.start and mid in nxt.about)
                or (prev is not None and prev.end <= m.start and m.end <= f.start and mid in prev.about)
            )
            if not theirs:
                keep.append(mid)
        if len(keep) != len(f.about):
            out[k] = replace(f, about=tuple(keep))
    return out


# "Seventeen people were indicted. Eight of them are in custody": a part of the count before it
OF_THEM = re.compile(r"\s+of\s+(?:them|those|whom)\b", re.IGNORECASE)
# a bare number compared with the figure before it, across a comma: "4.1 percent, down from 4.3", "300
# people, compared with 250", "13 facilities in operation, up from seven"
COMPARED = re.compile(
    r"(?:\b(?:up|down|rising|falling|rose|fell|increased|decreased)\s+from|\bcompared\s+(?:with|to)|"
    r"\bagainst|\bversus|\bvs\.?|\bfrom)\s+$",
    re.IGNORECASE,
)
# the words between a figure with a unit and a bare number sharing it: "and (the Nasdaq)", "but", "to"
_CARRY_JOIN = re.compile(
    r"(?:\b(?:and|but|or|while|versus|vs\.?|against)\b(?:\s+[A-Za-z]+){0,3}|\bto|\bfrom)\s+$", re.IGNORECASE
)


_DIMENSION_GAP = re.compile(r"\s*[x×]\s*|\s+by\s+")
_DIMENSION_FAMILIES = {"length", "area"}
_YEAR_IN = re.compile(r"\b(?:1[5-9]|20)\d\d\b")  # "45 percent in 2019 and 52 in 2020": a year in the gap
# a bare number before a figure with a unit that shares it: a list ("2, 3 and 4 percent") or a tally that is
# no range ("beat Trump 46 to 40 percent")
_LIST_GAP = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or|to)\s+", re.IGNORECASE)


def carry_units(body: str, figures: list[Figure]) -> list[Figure]:
    """A bare number sharing the unit of a figure next to it in its sentence: "rose 2 percent and the
    Nasdaq 1", "from 14-18 mpg to 24", "4.1 percent, down from 4.3" (after a join word or a comparison:
    :func:`_joined_to`), "280 million of the 1.5 billion shekels" (before "of the"), "Seventeen people were
    indicted. Eight of them ..." (a part of a larger count of people just before), "Cruz has 370 delegates,
    Kasich has 129" (the verb repeated), "2, 3 and 4 percent", "beat Trump 46 to 40 percent" (a list or a
    tally before the unit), "30 x 20 cm" (the sides of a measure)."""
    out = list(figures)
    for k, f in enumerate(figures):
        if f.unit is not None or f.counted is not None or f.unit_family != "count":
            continue
        partner = part_of = None
        if k + 1 < len(figures) and figures[k + 1].unit_family in _DIMENSION_FAMILIES \
                and _DIMENSION_GAP.fullmatch(body[f.end : figures[k + 1].start]):  # fmt: skip
            partner = figures[k + 1]  # "30 x 20 cm", "10 by 12 feet": the sides share the unit after them
        if partner is None and k > 0 and _joined_to(body, figures[k - 1], f):
            partner = figures[k - 1]
        if partner is None and k + 1 < len(figures):
            n = figures[k + 1]
            if n.unit is not None and n.sentence == f.sentence \
                    and re.fullmatch(r"\s+of\s+the\s+", body[f.end : n.start]):  # fmt: skip
                partner = n
        if partner is None and k > 0 and OF_THEM.match(body, f.end):
            p = figures[k - 1]
            if p.unit is not None and p.unit_family in _PEOPLE_FAMILIES and (p.value or 0) > (f.value or 0) \
                    and body.count(".", p.end, f.start) <= 1 and f.start - p.end <= 200:  # fmt: skip
                partner = part_of = p  # "Seventeen people have been indicted. Eight of them": eight people
        if partner is None and k > 0 and _parallel(body, out[k - 1], f):
            partner = out[k - 1]  # "Ted Cruz has 370 delegates, Kasich has 129": the same verb, the same unit
        if partner is not None and (partner is part_of or _shares_unit(partner, _gap(body, partner, f))) \
                and _comparable(f, partner):  # fmt: skip
            out[k] = _with_unit_of(f, partner)
    for k in range(len(out) - 2, -1, -1):  # "rates of 2, 3 and 4 percent": a list before the unit shares it
        f, n = out[k], out[k + 1]
        if f.unit is None and f.counted is None and f.unit_family == "count" and n.unit is not None \
                and n.sentence == f.sentence and _shares_unit(n) and _comparable(f, n) \
                and _LIST_GAP.fullmatch(body[f.end : n.start]):  # fmt: skip
            out[k] = _with_unit_of(f, n)
    return out


def _joined_to(body: str, p: Figure, f: Figure) -> bool:
    """``f`` follows ``p`` (which has a unit) in its sentence, after a join word with no comma ("rose 2
    percent and the Nasdaq 1"; "to" only after "from": "rose 2% to 15,320" is a level, not 15,320 percent),
    or after a comparison, across one comma at most ("4.1 percent, down from 4.3"). No other number,
    colon or bracket between; a year does not part them ("45 percent in 2019 and 52 in 2020")."""
    if p.unit is None or p.sentence != f.sentence:
        return False
    gap = body[p.end : f.start]
    rest = _YEAR_IN.sub("", gap)
    if re.search(r"[;:()]|\d", rest):
        return False
    if len(gap) <= 40 and _CARRY_JOIN.search(gap) and "," not in rest and (
        not gap.rstrip().lower().endswith("to")
        or re.search(r"\bfrom\s+(?:\S+\s+)?$", body[max(0, p.start - 20) : p.start])
        or p.text.lower().startswith("from ")
    ):
        return True
    return len(gap) <= 50 and bool(COMPARED.search(gap)) and gap.count(",") <= 1


def _parallel(body: str, p: Figure, f: Figure) -> bool:
    """``f`` repeats the verb right before ``p`` in the same sentence, with only words between ("Cruz has 370
    delegates, Kasich has 129 and Rubio has 163", "she spent $5 million, he spent 3"): a clause of the same
    shape, counting the same thing."""
    if p.unit is None or p.sentence != f.sentence:
        return False
    verb = re.search(r"\b([a-z]{2,})\s+$", body[max(0, p.start - 20) : p.start])
    gap = body[p.end : f.start]
    return bool(verb) and len(gap) <= 60 and not re.search(r"\d|[;:()]", gap) \
        and bool(re.search(rf"\b{verb.group(1)}\s+$", gap))  # fmt: skip


def _gap(body: str, a: Figure, b: Figure) -> str:
    first, second = (a, b) if a.start <= b.start else (b, a)
    return body[first.end : second.start]


_ELLIPSIS = re.compile(r"\b(?:and|or|but|while)(?:\s+another)?\s+$", re.IGNORECASE)


_PEOPLE_FAMILIES = {"people", "deaths", "injuries", "troops"}


def _shares_unit(partner: Figure, gap: str = "") -> bool:
    """A toll (the dead or the injured, read from the verb) shares its unit only with a bare number that
    follows a join word with nothing else between, its verb left out ("killed 247 people in Kenya and 10 in
    Tanzania"), not with one of another clause ("injured 141 people and police arrested 20"); an age
    shares it only when read from "aged" or "age" before it ("girls age 6 and 8", "teenagers aged 15 and
    17"; not "a 35-year-old and 3")."""
    if partner.unit_family in ("deaths", "injuries"):
        return bool(_ELLIPSIS.search(gap))
    return partner.unit_family != "age" or "age" in partner.reason.split(", ")


def _comparable(f: Figure, partner: Figure) -> bool:
    """Numbers that share a unit are of a size: "358,000 ... for the last four months and 381,000" does not
    make 381,000 months (values more than a thousandfold apart do not share)."""
    a, b = abs(f.value or 0.0), abs(partner.value or 0.0)
    return not (a and b) or max(a, b) / min(a, b) <= 1000


def _with_unit_of(f: Figure, partner: Figure) -> Figure:
    return replace(
        f, unit=partner.unit, unit_family=partner.unit_family, confidence=0.6,
        reason=f"{f.reason}; unit of {partner.id}",
    )  # fmt: skip
