"""Resolvers for points in time: calendar dates, months, years, decades, quarters, seasons, holidays.

Each resolver takes the rule's match and the :class:`~.context.Ctx` and returns a
:class:`~.context.Resolved` or None (the match is not a time expression after all, e.g. "May" the verb).
Written dates resolve as written; a missing year comes from the article date (the nearest such date, unless
it is far off or a tense cue right beside it says otherwise: "dated Jan. 29"), and without an article date
the unknown parts stay ``X``.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .context import (
    Ctx,
    Resolved,
    T,
    group,
    modifier,
    month_number,
    number,
    weekday_number,
    word_before,
)
from .grammar import norm
from .timecalc import Point, easter, nth_weekday

_CAP = re.compile(r"[A-Z]")
FAR_DAYS = 90  # a date without a year this near the article date is taken as the nearest, ...
NEAR_CUE = 0  # ... unless a tense cue this many words from it (or nearer) says otherwise ("dated Jan. 29")


def _pick_year(ctx: Ctx, start: int, end: int, make, sign: int = 0) -> Point:
    """Of the candidates made for the years around the article date: with ``sign`` -1 (+1) the latest
    before (first after) it; otherwise the nearest, unless it lies more than :data:`FAR_DAYS` away on the
    side the sentence's tense rules out."""
    dct = ctx.dct
    assert dct is not None
    candidates = []
    for year in (dct.year - 1, dct.year, dct.year + 1):
        try:
            candidates.append(make(year))
        except ValueError:
            continue

    def distance(p: Point) -> int:
        if p.start <= dct <= p.end:
            return 0
        return min(abs((p.start - dct).days), abs((p.end - dct).days))

    candidates.sort(key=distance)
    best = candidates[0]
    if sign < 0:
        return max((c for c in candidates if c.end < dct), key=_start, default=best)
    if sign > 0:
        return min((c for c in candidates if c.start > dct), key=_start, default=best)
    tense, words_away = ctx.tense_cue(start, end)
    if distance(best) <= FAR_DAYS and words_away > NEAR_CUE:
        return best
    if tense == "past" and best.start > dct:
        best = max((c for c in candidates if c.end <= dct), key=_start, default=best)
    elif tense == "future" and best.end < dct:
        best = min((c for c in candidates if c.start >= dct), key=_start, default=best)
    return best


def _month_alone_ok(ctx: Ctx, m) -> bool:
    """A month name alone must be capitalised; one that is also a common word (May, March) needs a cue
    word before it."""
    word = m.group("mon")
    if not _CAP.match(word):
        return False
    if group(m, "mod") or group(m, "rel"):
        return True
    if norm(word).rstrip(".") in T["ambiguous_months"]:
        before = word_before(ctx.text, m.start("mon")).rstrip(",")
        return (
            before in T["month_cues"] or ctx.text[max(0, m.start("mon") - 2) : m.start("mon")].strip() == ","
        )
    return True


def calendar(m, ctx: Ctx, rule) -> Resolved | None:
    mon_text, day_text, year_text = group(m, "mon"), group(m, "day"), group(m, "year")
    ordinal = group(m, "ord")
    mod = modifier(group(m, "mod"))
    mon = month_number(mon_text) if mon_text else None
    if mon_text and mon is None:
        return None
    if mon_text and not _CAP.match(mon_text) and norm(mon_text).rstrip(".") in T["ambiguous_months"]:
        return None  # "children under 18 may not play", "10 march on the capital": a verb, not May or March
    day = int(day_text) if day_text else None
    if ordinal:
        day = T["ordinals"].get(norm(ordinal))
        if not day or day < 1:
            return None
    year = int(year_text) if year_text else None
    wd = weekday_number(group(m, "wd")) if group(m, "wd") else None

    if year is not None and mon is None:  # a year alone (maybe with a season)
        return _year(m, ctx, year, mod)
    if mon is not None and day is None and year is None:
        if not _month_alone_ok(ctx, m):
            return None
        rel = group(m, "rel")
        if rel:
            return _relative_month(m, ctx, mon, rel)
    if mon is None:
        return None
    if day is not None:
        if year is not None:
            try:
                return Resolved("DATE", date(year, mon, day).isoformat(), mod, "day", reason="written date")
            except ValueError:
                return None
        if ctx.dct is None:
            return Resolved("DATE", f"XXXX-{mon:02d}-{day:02d}", mod, "day", "document", reason="no year")
        if wd is not None:  # the year in which the weekday fits, nearest first
            for year_try in (ctx.dct.year, ctx.dct.year - 1, ctx.dct.year + 1):
                try:
                    if date(year_try, mon, day).isoweekday() == wd:
                        return Resolved("DATE", date(year_try, mon, day).isoformat(), mod, "day",
                                        "document", reason="year from the weekday")  # fmt: skip
                except ValueError:
                    pass
        sign = T["relative"].get(norm(group(m, "rel") or ""), 0) if group(m, "rel") else 0
        try:
            point = _pick_year(ctx, m.start(), m.end(), lambda y: Point("day", date(y, mon, day)), sign)
        except IndexError:
            return None
        return Resolved("DATE", point.value(), mod, "day", "document", reason="year from the article date")
    if year is not None:
        return Resolved("DATE", f"{year:04d}-{mon:02d}", mod, "month", reason="written month")
    if ctx.dct is None:
        return Resolved("DATE", f"XXXX-{mon:02d}", mod, "month", "document", confidence=0.8, reason="no year")
    point = _pick_year(ctx, m.start(), m.end(), lambda y: Point("month", date(y, mon, 1)))
    return Resolved("DATE", point.value(), mod, "month", "document", confidence=0.9,
                    reason="month, year from the article date")  # fmt: skip


def month_rel_year(m, ctx: Ctx, rule) -> Resolved | None:
    """ "February this year", "April next year", "Dec. 5 of last year": the month (day) in the year named
    relative to the article date."""
    mon = month_number(m.group("mon"))
    if mon is None or (not _CAP.match(m.group("mon"))):
        return None
    mod = modifier(group(m, "mod"))
    day = int(m.group("day")) if group(m, "day") else None
    shift = {"last": -1, "this": 0, "next": 1}[m.group("yrel").lower()]
    if ctx.dct is None:
        value = f"XXXX-{mon:02d}" + (f"-{day:02d}" if day else "")
        return Resolved("DATE", value, mod, "day" if day else "month", "document", reason="month, no year")
    year = ctx.dct.year + shift
    if day is None:
        return Resolved("DATE", f"{year:04d}-{mon:02d}", mod, "month", "document",
                        reason="month of a named year")  # fmt: skip
    try:
        value = date(year, mon, day).isoformat()
    except ValueError:
        return None
    return Resolved("DATE", value, mod, "day", "document", reason="day of a named year")


def _relative_month(m, ctx: Ctx, mon: int, rel: str) -> Resolved:
    key = norm(rel)
    mod = modifier(key.split(" ")[0]) if key.split(" ")[0] in ("early", "late", "earlier", "later") else None
    sign = T["relative"].get(key, 0)
    if ctx.dct is None:
        return Resolved("DATE", f"XXXX-{mon:02d}", mod, "month", "document", reason=f"{key} month")
    this = ctx.dct.replace(day=1)
    if sign < 0:  # the latest such month strictly before the current one
        year = ctx.dct.year if mon < ctx.dct.month else ctx.dct.year - 1
    elif sign > 0:
        year = ctx.dct.year if mon > ctx.dct.month else ctx.dct.year + 1
    else:
        year = this.year
    return Resolved("DATE", f"{year:04d}-{mon:02d}", mod, "month", "document", reason=f"{key} month")


def _year(m, ctx: Ctx, year: int, mod: str | None) -> Resolved | None:
    after_word = re.match(r"\s*([A-Za-z]+)", ctx.text[m.end() : m.end() + 20])
    if after_word and after_word.group(1).lower() in T["not_after_year"]:
        return None
    before = word_before(ctx.text, m.start())
    if before in ("no.", "number", "flight", "route", "room", "article", "resolution", "chapter", "section"):
        return None
    prefix = group(m, "mod")
    if prefix and norm(prefix) in ("pre", "post"):
        mod = "BEFORE" if norm(prefix) == "pre" else "AFTER"
    after = group(m, "after")
    if after:
        mod = "ON_OR_BEFORE" if "earlier" in after.lower() else "ON_OR_AFTER"
    season = group(m, "season")
    if season:
        code = T["seasons"][norm(season)]
        return Resolved("DATE", f"{year:04d}-{code}", mod, "season", reason="season and year")
    return Resolved("DATE", f"{year:04d}", mod, "year", reason="written year")


def numeric_date(m, ctx: Ctx, rule) -> Resolved | None:
    year_text = m.group("year")
    year = int(year_text)
    if len(year_text) == 2:
        pivot = (ctx.dct.year % 100 + 10) if ctx.dct else 30
        year += 2000 if year <= pivot else 1900
    try:
        value = date(year, int(m.group("mon")), int(m.group("day"))).isoformat()
    except ValueError:
        return None
    if group(m, "hour"):
        return Resolved("TIME", f"{value}T{m.group('hour')}:{m.group('minute')}", None, "time",
                        reason="numeric date and time")  # fmt: skip
    return Resolved("DATE", value, None, "day", reason="numeric date")


def year_range(m, ctx: Ctx, rule) -> Resolved | None:
    first = int(m.group("year"))
    second_text = m.group("year2")
    second = int(second_text) if len(second_text) == 4 else first - first % 100 + int(second_text)
    if len(second_text) == 2 and second < first:
        second += 100
    if not first < second <= first + 10:
        return None
    if group(m, "fiscal"):  # a fiscal year is named by the year it ends in
        return Resolved("DATE", f"{second:04d}", None, "year", reason="fiscal year range")
    return Resolved("DATE", f"{first:04d}", None, "year", reason=f"year range {first}-{second}, its start")


def year_word(m, ctx: Ctx, rule) -> Resolved | None:
    if group(m, "c"):
        rest = number(m.group("y"))
        if not isinstance(rest, int) or not 10 <= rest < 100:
            return None
        year = (19 if norm(m.group("c")) == "nineteen" else 20) * 100 + rest
    else:
        if re.match(r"\s+[a-z]", ctx.text[m.end() : m.end() + 3]) and not m.group(0).lower().startswith(
            "the"
        ):
            return None  # "two thousand people"
        rest = number(group(m, "y2")) if group(m, "y2") else 0
        if not isinstance(rest, int) or rest >= 100:
            return None
        year = 2000 + rest
    return Resolved("DATE", f"{year:04d}", None, "year", reason="year in words")


def decade(m, ctx: Ctx, rule) -> Resolved | None:
    mod = modifier(group(m, "mod"))
    anchor = "none"
    if group(m, "decade"):
        first = int(m.group("decade"))
    else:
        digit = int(m.group("dec2")[0]) if group(m, "dec2") else T["decade_words"][norm(m.group("word"))]
        if ctx.dct is None:
            return Resolved("DATE", f"XX{digit}X", mod, "decade", "document", reason="decade, no century")
        century = ctx.dct.year // 100 * 100
        first = century + 10 * digit
        if first > ctx.dct.year:
            first -= 100
        anchor = "document"
    return Resolved("DATE", f"{first // 10:03d}X", mod, "decade", anchor, reason="decade")


def century(m, ctx: Ctx, rule) -> Resolved | None:
    ordinal = T["ordinals"].get(norm(m.group("ord")))
    if not ordinal or ordinal < 1:
        return None
    mod = modifier(group(m, "mod"))
    if mod is None and group(m, "mod") and "turn" in m.group("mod").lower():
        mod = "START"
    return Resolved("DATE", f"{ordinal - 1:02d}", mod, "century", reason="ordinal century")


def quarter(m, ctx: Ctx, rule) -> Resolved | None:
    ordinal = norm(m.group("ord"))
    n = 4 if ordinal in ("final", "last") else T["ordinals"].get(ordinal)
    unit = norm(m.group("unit"))
    if unit == "half":
        n = 2 if ordinal in ("final", "last") else n
        if n not in (1, 2):
            return None
    elif n not in (1, 2, 3, 4):
        return None
    letter = "H" if unit == "half" else "Q"
    gran = "half" if unit == "half" else "quarter"
    year_text = group(m, "year") or group(m, "year2")
    det = norm(group(m, "det") or "")
    rel = norm(group(m, "rel") or "") or (det.split(" ")[0] if det.endswith("year's") else "")
    if year_text:
        return Resolved("DATE", f"{year_text}-{letter}{n}", None, gran, reason="written quarter")
    if ctx.dct is None:
        return Resolved("DATE", f"XXXX-{letter}{n}", None, gran, "document", reason="quarter, no year")
    year = ctx.dct.year + T["relative"].get(rel, 0) if rel else ctx.dct.year
    if not rel:
        current = (ctx.dct.month - 1) // 3 + 1 if letter == "Q" else (1 if ctx.dct.month <= 6 else 2)
        if n > current and ctx.tense(m.start(), m.end()) != "future":
            year -= 1  # a finished quarter of last year, reported early in this one
    return Resolved("DATE", f"{year:04d}-{letter}{n}", None, gran, "document", reason="quarter of this year")


def first_months(m, ctx: Ctx, rule) -> Resolved | None:
    n = number(m.group("num"))
    if not isinstance(n, int):
        return None
    return Resolved("DURATION", f"P{n}M", None, "month", reason="months of a fiscal year")


def season(m, ctx: Ctx, rule) -> Resolved | None:
    code = T["seasons"][norm(m.group("season"))]
    rel = norm(group(m, "rel") or "")
    mod = modifier(group(m, "mod"))
    if not rel and not mod and not _CAP.match(m.group("season")) and word_before(ctx.text, m.start()) not in (
        "in", "this", "last", "next", "during", "since", "until", "by", "early", "late", "the", "of", "over",
        "through", "that", "past",
    ):  # fmt: skip
        return None
    before = re.search(r"([A-Za-z]+)\s+$", ctx.text[max(0, m.start() - 30) : m.start()])
    named = before and _CAP.match(before.group(1)) and before.group(1).lower() not in T["month_cues"]
    if not rel and not mod and _CAP.match(m.group("season")) and named:
        return None  # "the Arab Spring", "Prague Spring": a name
    if ctx.dct is None:
        return Resolved("DATE", f"XXXX-{code}", mod, "season", "document", reason="season, no date")
    current = Point.of("season", ctx.dct)
    start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    options = [Point("season", date(y, start_month, 1)) for y in range(ctx.dct.year - 2, ctx.dct.year + 2)]
    sign = T["relative"].get(rel, 0) if rel and rel != "the" else None
    if sign is not None and sign < 0:
        point = max((p for p in options if p.start < current.start), key=_start)
    elif sign is not None and sign > 0:
        point = min((p for p in options if p.start > current.start), key=_start)
    elif options and any(p == current for p in options):
        point = current
    else:
        same_year = [p for p in options if p.start.year == ctx.dct.year]
        point = same_year[0]
        tense = ctx.tense(m.start(), m.end()) if rel in ("", "the") else None
        if tense == "past" and point.start > ctx.dct:
            point = max((p for p in options if p.start < current.start), key=_start)
        elif tense == "future" and point.end < ctx.dct:
            point = min((p for p in options if p.start > current.start), key=_start)
    return Resolved("DATE", point.value(), mod, "season", "document", reason=f"{rel or 'bare'} season")


def _start(p: Point) -> date:
    return p.start


def holiday_date(spec: dict, year: int) -> date:
    if "easter" in spec:
        return easter(year) + timedelta(days=spec["easter"])
    if "nth" in spec:
        day = nth_weekday(year, spec["month"], spec["weekday"], spec["nth"])
        return day + timedelta(days=spec.get("after_day", 0))
    return date(year, spec["month"], spec["day"])


def holiday(m, ctx: Ctx, rule) -> Resolved | None:
    spec = T["holidays"].get(norm(m.group("holiday")))
    if spec is None:
        return None
    if group(m, "year"):
        return Resolved("DATE", holiday_date(spec, int(m.group("year"))).isoformat(), None, "day",
                        reason="holiday and year")  # fmt: skip
    if ctx.dct is None:
        if "month" in spec and "day" in spec:
            return Resolved("DATE", f"XXXX-{spec['month']:02d}-{spec['day']:02d}", None, "day", "document",
                            reason="holiday, no year")  # fmt: skip
        return Resolved("DATE", "XXXX-XX-XX", None, "day", "document", reason="holiday, no year")
    rel = norm(group(m, "rel") or "")
    sign = T["relative"].get(rel, 0) if rel else 0
    dates = [holiday_date(spec, y) for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1)]
    if sign < 0:
        day = max(d for d in dates if d < ctx.dct)
    elif sign > 0:
        day = min(d for d in dates if d > ctx.dct)
    else:
        tense = ctx.tense(m.start(), m.end())
        if tense == "past":
            day = max(d for d in dates if d <= ctx.dct)
        elif tense == "future":
            day = min(d for d in dates if d >= ctx.dct)
        else:
            day = min(dates, key=lambda d: abs((d - ctx.dct).days))
    return Resolved("DATE", day.isoformat(), None, "day", "document", reason="holiday")


def year_period(m, ctx: Ctx, rule) -> Resolved | None:
    """ "the 1988 period/quarter": in a quarterly report, the reported quarter of that year."""
    year = int(m.group("year"))
    found = ctx.reference(m.start(), finer_than="quarter", window=1500)
    if found and found[1].gran == "quarter":
        q = (found[1].start.month - 1) // 3 + 1
        return Resolved("DATE", f"{year:04d}-Q{q}", None, "quarter", "reference", found[0], 0.9,
                        "the reported quarter, in that year", referable=False)  # fmt: skip
    if ctx.dct is None:
        return Resolved("DATE", f"{year:04d}-QX", None, "quarter", reason="a quarter of that year")
    q = (Point.of("quarter", ctx.dct).shift("quarter", -1).start.month - 1) // 3 + 1
    return Resolved("DATE", f"{year:04d}-Q{q}", None, "quarter", "document", None, 0.8,
                    "the latest quarter, in that year")  # fmt: skip
