"""What a resolver sees and returns: the document context and the resolved TIMEX3 attributes.

:class:`Ctx` holds the text, the document creation time (a ``date`` or None), the expressions resolved so
far (for anaphora: "the next day", "a year earlier") and small helpers shared by the resolvers: the
lexicon tables, number words, modifiers, tense. :class:`Resolved` is a resolver's answer; the tagger turns
it into a :class:`~newsprism.records.TimeRef`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .grammar import GRAMMAR, norm
from .tense import tense, tense_cue
from .timecalc import Point, parse_value

T = GRAMMAR.tables  # the lexicon tables, keys normalised (lower case, hyphens as spaces)
MONTHS = {norm(k): v for k, v in GRAMMAR.calendar["months"].items()}
WEEKDAYS = {norm(k): i + 1 for i, k in enumerate(GRAMMAR.calendar["weekdays"])}
WEEKDAYS.update({"mon": 1, "tue": 2, "tues": 2, "wed": 3, "thu": 4, "thur": 4, "thurs": 4, "fri": 5,
                 "sat": 6, "sun": 7})  # fmt: skip
_PLACEHOLDER = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "quarter": "XXXX-QX",
                "half": "XXXX-HX", "season": "XXXX-XX", "year": "XXXX", "decade": "XXX", "century": "XX"}  # fmt: skip


@dataclass
class Resolved:
    """The TIMEX3 attributes of one expression. ``anchor``: ``none`` (absolute), ``document`` (from the
    article date) or ``reference`` (from the earlier expression at index ``ref``)."""

    type: str
    value: str
    mod: str | None = None
    granularity: str | None = None
    anchor: str = "none"
    ref: int | None = None
    confidence: float = 1.0
    reason: str = ""
    referable: bool = True  # may later expressions count from this one ("a year earlier")?


@dataclass
class Found:
    """An accepted expression: span and resolution."""

    start: int
    end: int
    resolved: Resolved


@dataclass
class Ctx:
    text: str
    dct: date | None
    found: list[Found] = field(default_factory=list)

    def tense(self, start: int, end: int) -> str | None:
        return tense(self.text, start, end)

    def tense_cue(self, start: int, end: int) -> tuple[str | None, int]:
        return tense_cue(self.text, start, end)

    def point(self, gran: str) -> Point | None:
        """The period of granularity ``gran`` holding the article date (None without a date)."""
        return Point.of(gran, self.dct) if self.dct else None

    def earlier_points(self, before: int, window: int | None = None):
        """(index, Point) of each expression with a calendar value that others may count from, starting
        before ``before``, latest first, as far back as ``window`` characters."""
        for i in range(len(self.found) - 1, -1, -1):
            f = self.found[i]
            if f.start >= before:
                continue
            if window is not None and before - f.start > window:
                return
            if f.resolved.type not in ("DATE", "TIME") or not f.resolved.referable:
                continue
            point = parse_value(f.resolved.value)
            if point is not None:
                yield i, point

    def reference(self, before: int, finer_than: str | None = None, window: int | None = None):
        """(index, Point) of the latest earlier expression with a calendar value, optionally only one at
        least as fine as ``finer_than`` and starting within ``window`` characters."""
        order = ("century", "decade", "year", "half", "quarter", "season", "month", "week", "day")
        for i, point in self.earlier_points(before, window):
            if finer_than and order.index(point.gran) < order.index(finer_than):
                continue
            return i, point
        return None


def placeholder(gran: str) -> str:
    return _PLACEHOLDER.get(gran, "XXXX-XX-XX")


def group(m: re.Match[str], name: str) -> str | None:
    try:
        return m.group(name)
    except IndexError:
        return None


def modifier(phrase: str | None) -> str | None:
    """The TIMEX3 mod of a modifier phrase ("early" -> START, "more than" -> MORE_THAN)."""
    if not phrase:
        return None
    key = norm(phrase)
    if key in T["modifiers"]:
        return T["modifiers"][key]
    first = key.split(" ")[0] if key else ""
    return T["modifiers"].get(first)


def number(text: str | None) -> int | str | None:
    """An integer from digits or English number words ("twenty-four", "a couple of"), "X" for vague
    quantities ("several"), None when unreadable."""
    if text is None:
        return None
    key = norm(text)
    if key in T["quantities"]:
        return T["quantities"][key]
    digits = key.replace(",", "")
    if re.fullmatch(r"\d+", digits):
        return int(digits)
    if re.fullmatch(r"\d+\.\d+", digits):
        return float(digits)  # type: ignore[return-value]
    total, current = 0, 0
    for word in key.replace(" and ", " ").split():
        if word in T["ones"]:
            current += T["ones"][word]
        elif word in T["teens"]:
            current += T["teens"][word]
        elif word in T["tens"]:
            current += T["tens"][word]
        elif word in T["scales"]:
            scale = T["scales"][word]
            current = max(current, 1) * scale
            if scale >= 1000:
                total, current = total + current, 0
        elif word in ("a", "an"):
            current += 1
        else:
            return None
    return total + current


def month_number(text: str) -> int | None:
    return MONTHS.get(norm(text).rstrip("."))


def weekday_number(text: str) -> int | None:
    return WEEKDAYS.get(norm(text).rstrip("."))


def unit_spec(text: str) -> tuple[str, dict] | None:
    """(singular unit, spec) for a unit word or its plural ("centuries" -> century)."""
    key = norm(text)
    units = T["units"]
    if key in units:
        return key, units[key]
    for unit, spec in units.items():
        if spec.get("plural") == key:
            return unit, spec
    for suffix in ("es", "s"):
        if key.endswith(suffix) and key[: -len(suffix)] in units:
            return key[: -len(suffix)], units[key[: -len(suffix)]]
    return None


def word_before(text: str, start: int) -> str:
    found = re.search(r"([\w'’.,]+)\s*$", text[max(0, start - 40) : start])
    return found.group(1).lower() if found else ""
