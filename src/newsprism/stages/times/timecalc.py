"""Calendar arithmetic for TIMEX3 values: points in time at a granularity, shifted and written out.

A :class:`Point` is a period of the calendar (a day, an ISO week, a month, a quarter, a half year, a
season, a year, a decade, a century) held as its first day and its granularity. ``shift`` moves it by a
number of units keeping its granularity; ``value`` writes it as TIMEX3 does (``2011-02-07``, ``2019-W45``,
``2010-09``, ``2019-Q1``, ``2009-H2``, ``2018-SU``, ``2010``, ``199``, ``19``). :func:`parse_value` reads
such a value back, so an expression can be anchored on an earlier one.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

GRANULARITIES = ("century", "decade", "year", "half", "quarter", "season", "month", "week", "day")
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_SEASON_OF_MONTH = {1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU", 9: "FA",
                    10: "FA", 11: "FA", 12: "WI"}  # fmt: skip
_MONTHS_IN = {"year": 12, "half": 6, "quarter": 3, "season": 3, "month": 1, "decade": 120, "century": 1200}


def add_months(d: date, months: int) -> date:
    total = d.year * 12 + d.month - 1 + months
    year, month = divmod(total, 12)
    if not 1 <= year <= 9999:
        raise ValueError("year out of range")
    return date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def parse_dct(dct: str | None) -> date | None:
    """The date part of an ISO date or datetime ("2011-02-08", "2019-11-05T14:00:00", "19980108")."""
    if not dct:
        return None
    text = dct.strip()
    found = re.match(r"(\d{4})-?(\d{2})-?(\d{2})", text)
    if not found:
        try:
            return datetime.fromisoformat(text).date()
        except ValueError:
            return None
    try:
        return date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    except ValueError:
        return None


def season_of(d: date) -> tuple[int, str]:
    """(year, code) of the season holding d; December belongs to the winter of its own year."""
    code = _SEASON_OF_MONTH[d.month]
    year = d.year - 1 if code == "WI" and d.month < 12 else d.year
    return year, code


@dataclass(frozen=True)
class Point:
    gran: str
    start: date  # first day of the period (Monday of an ISO week)

    @classmethod
    def of(cls, gran: str, d: date) -> Point:
        """The period of granularity ``gran`` holding the day d."""
        if gran == "day":
            return cls(gran, d)
        if gran == "week":
            return cls(gran, d - timedelta(days=d.weekday()))
        if gran == "month":
            return cls(gran, d.replace(day=1))
        if gran == "quarter":
            return cls(gran, date(d.year, 3 * ((d.month - 1) // 3) + 1, 1))
        if gran == "half":
            return cls(gran, date(d.year, 1 if d.month <= 6 else 7, 1))
        if gran == "season":
            year, code = season_of(d)
            return cls(gran, date(year, _SEASON_START[code], 1))
        if gran == "year":
            return cls(gran, date(d.year, 1, 1))
        if gran == "decade":
            return cls(gran, date(d.year - d.year % 10, 1, 1))
        if gran == "century":
            return cls(gran, date(max(1, d.year - d.year % 100), 1, 1))
        raise ValueError(f"unknown granularity {gran!r}")

    def shift(self, unit: str, n: int) -> Point:
        """Moved by n units (day, week, month, quarter, half, season, year, decade, century), keeping its
        granularity."""
        if unit == "day":
            moved = self.start + timedelta(days=n)
        elif unit == "week":
            moved = self.start + timedelta(weeks=n)
        else:
            moved = add_months(self.start, n * _MONTHS_IN[unit])
        return Point.of(self.gran, moved)

    @property
    def end(self) -> date:
        """The last day of the period."""
        if self.gran == "day":
            return self.start
        if self.gran == "week":
            return self.start + timedelta(days=6)
        return add_months(self.start, _MONTHS_IN[self.gran]) - timedelta(days=1)

    def value(self) -> str:
        d = self.start
        if self.gran == "day":
            return d.isoformat()
        if self.gran == "week":
            year, week, _ = d.isocalendar()
            return f"{year:04d}-W{week:02d}"
        if self.gran == "month":
            return f"{d.year:04d}-{d.month:02d}"
        if self.gran == "quarter":
            return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
        if self.gran == "half":
            return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
        if self.gran == "season":
            return f"{d.year:04d}-{_SEASON_OF_MONTH[d.month]}"
        if self.gran == "year":
            return f"{d.year:04d}"
        if self.gran == "decade":
            return f"{d.year // 10:03d}"
        if self.gran == "century":
            return f"{d.year // 100:02d}"
        raise ValueError(self.gran)


_VALUE_FORMS = (
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})"), "day"),
    (re.compile(r"^(\d{4})-W(\d{1,2})$"), "week"),
    (re.compile(r"^(\d{4})-(\d{2})$"), "month"),
    (re.compile(r"^(\d{4})-Q([1-4])$"), "quarter"),
    (re.compile(r"^(\d{4})-H([12])$"), "half"),
    (re.compile(r"^(\d{4})-(SP|SU|FA|WI)$"), "season"),
    (re.compile(r"^(\d{4})$"), "year"),
    (re.compile(r"^(\d{3})$"), "decade"),
)


def parse_value(value: str) -> Point | None:
    """The Point a TIMEX3 date value names, or None (durations, X placeholders, references)."""
    for pattern, gran in _VALUE_FORMS:
        found = pattern.match(value)
        if not found:
            continue
        g = found.groups()
        try:
            if gran == "day":
                return Point("day", date(int(g[0]), int(g[1]), int(g[2])))
            if gran == "week":
                return Point("week", date.fromisocalendar(int(g[0]), int(g[1]), 1))
            if gran == "month":
                return Point("month", date(int(g[0]), int(g[1]), 1))
            if gran == "quarter":
                return Point("quarter", date(int(g[0]), 3 * int(g[1]) - 2, 1))
            if gran == "half":
                return Point("half", date(int(g[0]), 1 if g[1] == "1" else 7, 1))
            if gran == "season":
                return Point("season", date(int(g[0]), _SEASON_START[g[1]], 1))
            if gran == "year":
                return Point("year", date(int(g[0]), 1, 1))
            if gran == "decade":
                return Point("decade", date(int(g[0]) * 10, 1, 1))
        except ValueError:
            return None
    return None


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The nth (1-based; -1 = last) ISO weekday (1 = Monday) of a month."""
    if nth > 0:
        first = date(year, month, 1)
        offset = (weekday - first.isoweekday()) % 7
        return first + timedelta(days=offset + 7 * (nth - 1))
    last = date(year, month, calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)


def easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def weekday_near(dct: date, weekday: int, direction: int) -> date:
    """The ISO weekday (1 = Monday) nearest dct: direction -1 the latest on or before dct, +1 the first on
    or after it, -2 strictly before, +2 strictly after."""
    diff = weekday - dct.isoweekday()
    if direction == -1:
        return dct + timedelta(days=diff if diff <= 0 else diff - 7)
    if direction == -2:
        return dct + timedelta(days=diff if diff < 0 else diff - 7)
    if direction == 1:
        return dct + timedelta(days=diff if diff >= 0 else diff + 7)
    return dct + timedelta(days=diff if diff > 0 else diff + 7)
