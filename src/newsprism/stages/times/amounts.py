"""Resolvers for amounts of time and frequencies: TIMEX3 DURATION and SET.

"20 years" -> P20Y, "two-day" -> P2D, "half an hour" -> PT30M, "2 1/2 years" -> P2Y6M, "a decade" ->
P10Y, "several months" / "for years" -> PXM / PXY; "every year" -> P1Y, "each Thursday" -> XXXX-WXX-4,
"daily" -> P1D. "a year" right after an amount ("$5 a year", "twice a year") is a frequency, not a length.
"""

from __future__ import annotations

import re

from .context import Ctx, Resolved, T, group, modifier, month_number, number, unit_spec, weekday_number
from .grammar import norm

# the next smaller unit, to write fractions: (its code, how many in one, is it a time unit)
_SMALLER = {("Y", False): ("M", 12, False), ("M", False): ("D", 30, False), ("W", False): ("D", 7, False),
            ("D", False): ("H", 24, True), ("H", True): ("M", 60, True), ("M", True): ("S", 60, True)}  # fmt: skip
_RATE_BEFORE = re.compile(
    r"(?:[0-9%]|\b(?:cents?|dollars?|pounds?|euros?|yen|times|twice|thrice|once|percent|million|billion|"
    r"apiece|each|barrels|tons|units|points|hours|miles|visitors|people|vehicles|flights|trips|shipments|"
    r"gallons|rounds|shows|games|meetings|issues|sessions|installments|payments|fee|salary|rent|income|"
    r"wage|wages|interest|premium|dues|subscription))\s*$",
    re.IGNORECASE,
)
_FRACTIONS = {
    "half": 0.5,
    "1/2": 0.5,
    "½": 0.5,
    "¼": 0.25,
    "¾": 0.75,
    "quarter": 0.25,
    "three quarters": 0.75,
}


def _fraction(text: str | None) -> float:
    if not text:
        return 0.0
    key = norm(text).replace("and ", "").replace("a ", "").strip()
    return _FRACTIONS.get(key, 0.0)


def duration_value(count: float | str, code: str, time: bool) -> str:
    """A TIMEX3 duration: P3Y, PT5H, P2Y6M for 2.5 years, PXY for an unknown count."""
    prefix = "PT" if time else "P"
    if count == "X":
        return f"{prefix}X{code}"
    whole = int(count)
    rest = float(count) - whole
    if rest and (code, time) in _SMALLER:
        small, per, small_time = _SMALLER[(code, time)]
        parts = round(rest * per)
        if small_time and not time:
            return f"P{whole}{code}T{parts}{small}" if whole else f"PT{parts}{small}"
        return f"{prefix}{whole}{code}{parts}{small}" if whole else f"{prefix}{parts}{small}"
    if rest:
        return f"{prefix}{float(count):g}{code}"
    return f"{prefix}{whole}{code}"


def duration(m, ctx: Ctx, rule) -> Resolved | None:
    found = unit_spec(m.group("unit"))
    if found is None:
        return None
    unit, spec = found
    num_text = group(m, "num")
    mod = modifier(group(m, "mod"))
    if unit == "quarter" and (re.match(r"\s+of\b", ctx.text[m.end() : m.end() + 4]) or "-" in m.group(0)):
        return None  # "a quarter of the market", "three-quarters": a fraction
    if m.group("unit")[0].isupper() and num_text and num_text[0].isdigit():
        return None  # "60 Minutes": a title
    if group(m, "half"):
        count: float | str = 0.5
    else:
        n = number(num_text) if num_text is not None else "X"
        if n is None:
            return None
        count = n
        if unit == "second" and norm(num_text or "") in ("a", "an", "one"):
            return None  # "a second time", "one second"
        frac = _fraction(group(m, "frac")) or _fraction(group(m, "frac2"))
        if frac and count != "X":
            count = float(count) + frac
    rate_unit = unit in ("year", "month", "week", "day", "hour", "night", "quarter")
    if (
        rate_unit
        and num_text is not None
        and norm(num_text) in ("a", "an", "per")
        and _RATE_BEFORE.search(ctx.text[max(0, m.start() - 40) : m.start()])
    ):
        time = bool(spec.get("time"))
        return Resolved(
            "SET", duration_value(1, spec["code"], time), None, unit, reason="a rate: so much a unit"
        )
    code = spec["code"]
    time = bool(spec.get("time"))
    if unit == "weekend":
        code, factor = "D", 2
    elif unit == "night":
        factor = 1
    else:
        factor = spec.get("factor", 1)
    if count == "X":
        vague = spec.get("vague")
        value = f"PX{vague}" if vague else duration_value("X", code, time)
    else:
        value = duration_value(float(count) * factor if factor != 1 else count, code, time)
    if count != "X" and isinstance(count, (int, float)) and count > 5000:
        return None
    return Resolved("DURATION", value, mod, spec.get("gran", unit), reason="amount of time")


def set_every(m, ctx: Ctx, rule) -> Resolved | None:
    n_text = group(m, "num")
    n = 2 if n_text and norm(n_text) == "other" else (number(n_text) if n_text else 1)
    if n is None:
        return None
    part = group(m, "part")
    part_code = T["parts_of_day"].get(norm(part)) if part else None
    if group(m, "wd"):
        wd = weekday_number(group(m, "wd"))
        return Resolved("SET", f"XXXX-WXX-{wd}" + (f"T{part_code}" if part_code else ""), None, "day",
                        reason="every such weekday")  # fmt: skip
    if group(m, "mon"):
        if not group(m, "mon")[0].isupper():
            return None
        return Resolved(
            "SET", f"XXXX-{month_number(group(m, 'mon')):02d}", None, "month", reason="every month"
        )
    if group(m, "season"):
        return Resolved("SET", f"XXXX-{T['seasons'][norm(group(m, 'season'))]}", None, "season",
                        reason="every such season")  # fmt: skip
    if part_code:
        return Resolved("SET", f"XXXX-XX-XXT{part_code}", None, "time", reason="every such part of the day")
    found = unit_spec(m.group("unit"))
    if found is None:
        return None
    unit, spec = found
    if n == "X":
        n = 1
    count = int(n) * spec.get("factor", 1)
    code = spec["code"] if unit != "weekend" else "WE"
    if unit == "weekend":
        return Resolved("SET", "XXXX-WXX-WE", None, "week", reason="every weekend")
    return Resolved("SET", duration_value(count, code, bool(spec.get("time"))), None, unit,
                    reason="every so often")  # fmt: skip


def set_word(m, ctx: Ctx, rule) -> Resolved | None:
    word = norm(m.group("word"))
    value = T["frequencies"].get(word)
    if value is None:
        return None
    return Resolved("SET", value, None, None, reason="frequency word")
