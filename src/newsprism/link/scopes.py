"""A figure's time scope: its scope expressions (times-stage rows) read as a (start, end) of TIMEX values
("since the end of 2006" starts it, "until 2012" ends it, "in 2010 alone" is both; words in
``lexicons/alignment.yaml``), and as the first and last day it covers, for alignment and the figure views;
and whether two figures' scopes count different periods."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from functools import cache
from typing import Any

from .. import lexicons
from ..stages.times.timecalc import parse_value

Bounds = tuple[str | None, str | None]  # (start, end) TIMEX values; None on an open side
Span = tuple[date | None, date | None]  # (first day, last day); None on an open side
STALE_DAYS = 2 * 365  # a scope that ended this long before an unscoped figure's report is another period (a
# report a year on may give the toll without its date: "the victims numbered 213")


@cache
def _scope_words() -> tuple[frozenset[str], frozenset[str]]:
    data = lexicons.load("alignment")
    return frozenset(data.get("scope_start") or ()), frozenset(data.get("scope_end") or ())


def scope_bounds(refs: Sequence[tuple[str, str]]) -> Bounds | None:
    """A figure's time scope as (start, end) TIMEX values, from its scope expressions in text order, each
    given as (the text just before it, its value): "since X" starts it, "until X" ends it, "in X" is both;
    a bare expression after an open start ends it ("since 2006 ... by 2010"); once the scope is closed a
    later bare one is a point of comparison, not the scope ("in 2010 alone, up 60 percent over the previous
    year"). None without expressions."""
    if not refs:
        return None
    starts, ends = _scope_words()
    start = end = None
    for before, value in refs:
        words = [w.lower() for w in re.findall(r"[A-Za-z]+", before)][-3:]
        if any(w in starts for w in words):
            start = value
        elif any(w in ends for w in words):
            end = value
        elif start is None and end is None:
            start = end = value
        elif end is None:
            end = value
    return start, end


def figure_scope(rows: Sequence[Mapping[str, Any]], sentence: tuple[int, str] | None) -> Bounds | None:
    """:func:`scope_bounds` of a figure's scope expressions (times-stage rows; durations are no scope), read
    in the figure's sentence, given as (its start offset, its text)."""
    refs = []
    dated = [r for r in rows if r.get("type") != "DURATION" and r.get("value")]
    for row in sorted(dated, key=lambda r: r["start"]):
        before = ""
        if sentence is not None:
            rel = row["start"] - sentence[0]
            before = sentence[1][max(0, rel - 25) : max(0, rel)]
        refs.append((before, row["value"]))
    return scope_bounds(refs)


def scope_span(bounds: Bounds | None) -> Span | None:
    """(first day, last day) of a scope's (start, end) values; a side that is open or not a date is None."""
    if bounds is None:
        return None
    first, last = (parse_value(v) if v else None for v in bounds)
    span = (first.start if first else None, last.end if last else None)
    if span[0] and span[1] and span[1] < span[0]:
        return None  # an end before its start ("the Index 2025 ... compared to 2023"): misread, unknown
    return None if span == (None, None) else span


def periods_apart(a: Span | None, b: Span | None, a_reported: str = "", b_reported: str = "") -> bool:
    """Two figures' scopes say they count different periods: both stated and not meeting ("in 1995", "on
    1998-08-07"), or one stated and ended over ``STALE_DAYS`` before the other, unscoped, was reported (ISO
    report dates): "the biggest attack, in 2009, killed at least 25" is not the toll a 2025 report gives for
    this week's attack."""
    if a is None and b is None:
        return False
    if a is None or b is None:
        end, reported = (a[1], _day(b_reported)) if a is not None else (b[1], _day(a_reported))
        return bool(end and reported and (reported - end).days > STALE_DAYS)
    (a0, a1), (b0, b1) = a, b
    return bool((a1 and b0 and a1 < b0) or (b1 and a0 and b1 < a0))


def _day(iso: str) -> date | None:
    try:
        return date.fromisoformat(iso[:10]) if iso else None
    except ValueError:
        return None
