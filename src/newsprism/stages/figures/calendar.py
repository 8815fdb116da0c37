"""Whether spaCy's date or time names the calendar or the clock: only then is a number inside it no figure."""

from __future__ import annotations

import re
from functools import cache

from ... import lexicons

_CALENDAR_FORM = re.compile(r"\d{4}s?|'\d\ds?|\d0s|\d{1,2}(?:st|nd|rd|th)|\d{1,2}[:.]\d{2}")


@cache
def calendar_words() -> frozenset[str]:
    data = lexicons.load("calendar")
    words = {*(data.get("months") or ()), *(data.get("weekdays") or ()), *(data.get("weekday_abbrevs") or ()),
             *(data.get("clock_words") or ())}  # fmt: skip
    return frozenset(words)


def calendar_entity(doc, i: int) -> bool:
    """spaCy's date or time around token ``i`` names the calendar or the clock ("February 6, 2016", "the
    1990s", "two years ago", "4 p.m."): the times stage missed a date. A number alone that spaCy calls a
    date ("Sanders has 70", "voters under 30", "the last two mid-term elections", "15 extra minutes") is
    read as a figure."""
    lo, hi = i, i + 1
    while lo > 0 and doc[lo].ent_iob_ == "I":
        lo -= 1
    while hi < len(doc) and doc[hi].ent_iob_ == "I":
        hi += 1
    words = calendar_words()
    return any(t.lower_.strip(".,") in words or t.lower_ in words or _CALENDAR_FORM.fullmatch(t.text)
               for t in doc[lo:hi])  # fmt: skip
