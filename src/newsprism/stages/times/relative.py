"""Resolvers for expressions relative to the article date or to an earlier expression.

"last week", "this month", "next year", "last Friday" (:func:`relative`); financial periods such as "the
latest quarter" (:func:`period`); "the next day", "that year" (:func:`anaphora`, from the latest time
mentioned before); "two years ago", "a week later" (:func:`offset`); bare weekdays, whose direction comes
from the tense of their sentence (:func:`weekday`); "the previous Friday" (:func:`weekday_anaphora`); "the
week of March 6" (:func:`week_of`); "yesterday", "now", "recently", "will soon" (:func:`deictic`); clock
times and parts of days (:func:`clock`, :func:`day_part`, and "by mid afternoon": :func:`part_alone`).
"""

from __future__ import annotations

import re
from datetime import timedelta

from .context import (
    Ctx,
    Resolved,
    T,
    group,
    modifier,
    number,
    placeholder,
    unit_spec,
    weekday_number,
    word_before,
)
from .grammar import norm
from .timecalc import Point, parse_value, weekday_near

_PART_CODES = T["parts_of_day"]
# a clock time whose day follows a bracketed aside: "10:35 a.m. (0735 GMT) Friday"
_ASIDE_THEN_DAY = re.compile(
    r"\s*\([^()\n]{1,30}\)\s*,?\s*(?:on\s+)?"
    r"(?P<date>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|yesterday|today)\b"
)


def _shift_mod(rel: str) -> str | None:
    first = rel.split(" ")[0]
    return modifier(first) if first in ("early", "late", "earlier", "later") else None


def _doc_shift(ctx: Ctx, gran: str, unit: str, n: int) -> tuple[str, str]:
    """(value, anchor) of the article date's period of ``gran`` moved by n units."""
    point = ctx.point(gran)
    if point is None:
        return placeholder(gran), "document"
    return point.shift(unit, n).value(), "document"


def relative(m, ctx: Ctx, rule) -> Resolved | None:
    rel = norm(m.group("rel"))
    sign = T["relative"].get(rel)
    if sign is None:
        return None
    mod_text = norm(group(m, "mod") or "")
    mod = modifier(mod_text) or _shift_mod(rel)
    wd_text = group(m, "wd")
    if wd_text:
        wd = weekday_number(wd_text)
        if ctx.dct is None:
            return Resolved("DATE", f"XXXX-WXX-{wd}", mod, "day", "document", reason=f"{rel} weekday")
        if sign < 0:
            day = weekday_near(ctx.dct, wd, -2)
        elif sign > 0:
            day = weekday_near(ctx.dct, wd, 2)
        else:
            direction = 1 if ctx.tense(m.start(), m.end()) == "future" else -1
            day = weekday_near(ctx.dct, wd, direction)
        return Resolved("DATE", day.isoformat(), mod, "day", "document", reason=f"{rel} weekday")
    if _title_cased(ctx, m, m.group("unit")):
        return None  # ABC's "This Week": a programme's name
    unit = norm(m.group("unit"))
    if unit == "weekend":
        point = ctx.point("week")
        if point is None:
            return Resolved("DATE", "XXXX-WXX-WE", mod, "week", "document", reason=f"{rel} weekend")
        if sign == 0 and ctx.dct and ctx.dct.isoweekday() == 1 and ctx.tense(m.start(), m.end()) == "past":
            sign = -1  # "this weekend" said on a Monday in the past tense: the one just gone
        return Resolved("DATE", point.shift("week", sign).value() + "-WE", mod, "week", "document",
                        reason=f"{rel} weekend")  # fmt: skip
    if unit == "decade" and rel in ("past", "the past", "the last", "this past"):
        return Resolved("DURATION", "P10Y", mod, "decade", reason="the past decade: ten years")
    if mod_text.endswith("half of") and unit == "year":
        half = 1 if "first" in mod_text else 2
        value, anchor = _doc_shift(ctx, "year", "year", sign)
        return Resolved("DATE", f"{value}-H{half}", None, "half", anchor, reason=f"half of {rel} year")
    if unit == "quarter" and sign == 0 and rel in ("this", "the current", "current"):
        value, anchor = _doc_shift(ctx, "quarter", "quarter", 0)
    else:
        value, anchor = _doc_shift(ctx, unit, unit, sign)
    if unit == "decade" and value[-1:] != "X":
        value += "X"
    return Resolved("DATE", value, mod, unit, anchor, reason=f"{rel} {unit}")


def _title_cased(ctx: Ctx, m, unit: str) -> bool:
    """ "This Week" with both words capitalised in mid-sentence is a title, not a time."""
    if not (unit[:1].isupper() and m.group("rel")[:1].isupper()):
        return False
    before = ctx.text[: m.start()].rstrip(" \t\"'“‘`(")
    return bool(before) and before[-1] not in ".!?:\n"


def weekend(m, ctx: Ctx, rule) -> Resolved | None:
    """ "the weekend": the one just gone in a past-tense sentence (or when the article is dated on a
    weekend), else the coming one."""
    rel = norm(m.group("rel"))
    if ctx.dct is None:
        return Resolved("DATE", "XXXX-WXX-WE", None, "week", "document", reason="weekend, no date")
    week = Point.of("week", ctx.dct)
    on_weekend = ctx.dct.isoweekday() >= 6
    if rel == "this past" or (rel == "the" and ctx.tense(m.start(), m.end()) != "future"):
        point = week if on_weekend else week.shift("week", -1)
    else:
        point = week.shift("week", 1) if ctx.dct.isoweekday() == 7 else week
    return Resolved("DATE", point.value() + "-WE", None, "week", "document", None, 0.9, f"{rel} weekend")


def the_unit(m, ctx: Ctx, rule) -> Resolved | None:
    """ "the year", "the fiscal year", "the week": the article's own year (week, month) in news and
    reports; a whole one when a closing date follows ("for the year ended Sept. 30")."""
    unit = norm(m.group("unit"))
    code = {"year": "Y", "month": "M", "week": "W"}[unit]
    if group(m, "ended") and norm(m.group("ended")) != "to date":
        return Resolved("DURATION", f"P1{code}", None, unit, reason=f"a {unit} up to a date")
    value, anchor = _doc_shift(ctx, unit, unit, 0)
    return Resolved("DATE", value, None, unit, anchor, None, 1.0, f"the {unit} of the article")


def _from_spec(ctx: Ctx, m, spec: dict, from_reference: bool) -> Resolved | None:
    """A period shifted as a periods/anaphora table entry says: {year: -1}, {day: 1, part: MO}, ..."""
    unit = next(
        (u for u in ("day", "week", "month", "quarter", "year", "decade", "century") if u in spec), None
    )
    mod = spec.get("mod")
    if modifier(group(m, "mod")):
        mod = modifier(group(m, "mod"))
    conf = spec.get("conf", 1.0)
    part = spec.get("part")
    kind = "TIME" if part else "DATE"
    if unit is None:
        return None
    n = spec[unit]
    if from_reference:
        found = ctx.reference(m.start(), finer_than=unit)
        if found:
            i, point = found
            shifted = (
                Point.of(unit, point.start).shift(unit, n) if point.gran != unit else point.shift(unit, n)
            )
            value = shifted.value() + (f"T{part}" if part else "")
            return Resolved(kind, value, mod, unit, "reference", i, conf, "from the time mentioned before",
                            referable=False)  # fmt: skip
        conf *= 0.6  # nothing earlier to count from: the article date is a guess
    value, anchor = _doc_shift(ctx, unit, unit, n)
    return Resolved(kind, value + (f"T{part}" if part else ""), mod, unit, anchor, None, conf,
                    "from the article date")  # fmt: skip


def period(m, ctx: Ctx, rule) -> Resolved | None:
    spec = T["periods"].get(norm(m.group("word")))
    if spec is None:
        return None
    mod = modifier(group(m, "mod")) or spec.get("mod")
    which = spec.get("quarter")
    if which:
        if ctx.dct is None:
            return Resolved("DATE", "XXXX-QX", mod, "quarter", "document", reason=f"{which} quarter")
        current = Point.of("quarter", ctx.dct)
        point = {
            "latest": current.shift("quarter", -1),
            "current": current,
            "previous": current.shift("quarter", -2),
            "next": current.shift("quarter", 1),
            "year_ago": current.shift("quarter", -1).shift("year", -1),
        }[which]
        return Resolved("DATE", point.value(), mod, "quarter", "document", reason=f"{which} quarter",
                        referable=which != "year_ago")  # fmt: skip
    return _from_spec(ctx, m, spec, spec.get("from") == "reference")


def anaphora(m, ctx: Ctx, rule) -> Resolved | None:
    spec = T["anaphora"].get(norm(m.group("word")))
    if spec is None:
        return None
    return _from_spec(ctx, m, spec, True)


def offset(m, ctx: Ctx, rule) -> Resolved | None:
    """An amount of time before or after the article date ("ago") or an earlier expression ("later")."""
    found_unit = unit_spec(m.group("unit"))
    if found_unit is None:
        return None
    unit, spec = found_unit
    gran = spec.get("gran", unit)
    if spec.get("time") or unit in ("weekend", "night", "trading day", "business day", "working day"):
        gran = "day" if unit != "weekend" else "week"
    if group(m, "num"):
        n = number(group(m, "num"))
    else:  # "years ago" is some time ago; "year-earlier results" one year before
        n = "X" if norm(m.group("unit")).endswith("s") else 1
    direction = T["directions"].get(norm(m.group("dir")))
    if n is None or direction is None:
        return None
    mod = modifier(group(m, "mod"))
    sign = direction["sign"]
    if n == "X":
        value = "PAST_REF" if sign < 0 else "FUTURE_REF"
        return Resolved("DATE", value, mod, None, "none", reason="some time ago")
    count = int(n) * spec.get("factor", 1)
    shift_unit = {"decade": "year", "century": "year", "millennium": "year", "hour": "day", "minute": "day",
                  "second": "day"}.get(unit, unit)  # fmt: skip
    if unit in ("decade", "century", "millennium"):
        gran = "year"
    if spec.get("time"):
        count = 0 if count < 24 and unit == "hour" or unit in ("minute", "second") else count // 24
    if unit in ("trading day", "business day", "working day", "night"):
        shift_unit = "day"
    if unit == "weekend":
        shift_unit = "week"
    if group(m, "so"):
        mod = "APPROX"
    # "a year earlier/ago" in a report on a quarter is that quarter a year before
    if unit == "year" and sign < 0:
        found = _latest_period(ctx, m.start(), 400)
        if found:
            i, point = found
            return Resolved("DATE", point.shift("year", -count).value(), mod, point.gran, "reference", i, 0.8,
                            "the reported period, a year before", referable=False)  # fmt: skip
    elif direction["from"] == "reference":
        found = ctx.reference(m.start(), finer_than=gran)
        if found:
            i, point = found
            shifted = point.shift(shift_unit, sign * count)
            if point.gran in ("day", "week") and gran not in ("day", "week"):
                shifted = Point.of(gran, shifted.start)
            return Resolved("DATE", shifted.value(), mod, shifted.gran, "reference", i, 0.8,
                            "counted from the time mentioned before", referable=False)  # fmt: skip
    point = ctx.point(gran)
    if point is None:
        return Resolved("DATE", placeholder(gran), mod, gran, "document", reason="no article date")
    shifted = point.shift(shift_unit, sign * count)
    conf = 1.0 if direction["from"] == "document" else 0.7
    return Resolved("DATE", shifted.value(), mod, gran, "document", None, conf, "counted from the article date",
                    referable=False)  # fmt: skip


def _latest_period(ctx: Ctx, before: int, window: int):
    """(index, Point) of the latest quarter or half mentioned within ``window`` characters before, looking
    past the days and months between ("the quarter ended Sept. 30, up from $5 million a year earlier")."""
    for i, point in ctx.earlier_points(before, window):
        if point.gran in ("quarter", "half"):
            return i, point
        if point.gran not in ("day", "month", "week"):
            return None  # a year or longer in between: the comparison is with that
    return None


def weekday(m, ctx: Ctx, rule) -> Resolved | None:
    wd = weekday_number(m.group("wd"))
    if wd is None:
        return None
    if word_before(ctx.text, m.start()) in T["weekday_stops_before"]:
        return None
    if not m.group("wd")[0].isupper():
        return None
    mod = modifier(group(m, "mod"))
    if ctx.dct is None:
        return Resolved("DATE", f"XXXX-WXX-{wd}", mod, "day", "document", reason="weekday, no date")
    tense = "past" if group(m, "poss") else ctx.tense(m.start(), m.end())  # "Friday's vote": it has been
    direction = 1 if tense in ("future", "present") else -1
    day = weekday_near(ctx.dct, wd, direction)
    return Resolved("DATE", day.isoformat(), mod, "day", "document", None, 1.0 if tense else 0.85,
                    f"weekday, {tense or 'no'} tense: {'next' if direction > 0 else 'latest'} one")  # fmt: skip


def week_of(m, ctx: Ctx, rule) -> Resolved | None:
    """ "the week of March 6": the (ISO) week holding that day."""
    day = _date_in(ctx, m.start("date"), m.end("date"))
    if day is None or day.type != "DATE":
        return None
    point = parse_value(day.value)
    if point is None or point.gran != "day":
        return Resolved("DATE", "XXXX-WXX", None, "week", day.anchor, day.ref, 0.5, "week of a day")
    return Resolved("DATE", Point.of("week", point.start).value(), None, "week", day.anchor, day.ref,
                    day.confidence, "the week holding the day written")  # fmt: skip


def weekday_anaphora(m, ctx: Ctx, rule) -> Resolved | None:
    """ "the previous Friday", "the following Monday": the weekday before (after) the day mentioned just
    before, or the article date when none was."""
    wd = weekday_number(m.group("wd"))
    if wd is None:
        return None
    sign = 1 if norm(m.group("rel")) == "following" else -1
    found = ctx.reference(m.start(), finer_than="day", window=1500)
    if found:
        i, point = found
        day = weekday_near(point.start, wd, 2 * sign)
        return Resolved("DATE", day.isoformat(), None, "day", "reference", i, 0.8,
                        f"{'next' if sign > 0 else 'latest'} such weekday from the day mentioned before",
                        referable=False)  # fmt: skip
    if ctx.dct is None:
        return Resolved("DATE", f"XXXX-WXX-{wd}", None, "day", "document", reason="weekday, no date")
    day = weekday_near(ctx.dct, wd, 2 * sign)
    return Resolved("DATE", day.isoformat(), None, "day", "document", None, 0.6,
                    "such weekday from the article date")  # fmt: skip


def deictic(m, ctx: Ctx, rule) -> Resolved | None:
    word = norm(m.group("word"))
    spec = T["deictic"].get(word)
    if spec is None:
        return None
    mod = modifier(group(m, "mod"))
    conf = spec.get("conf", 1.0)
    if "value" in spec:
        if word in ("current", "recent") and not _adjective_ok(ctx, m):
            return None
        if word == "soon" and not _soon_ahead(ctx, m):
            return None
        if word == "one day" and word_before(ctx.text, m.start()) not in T["one_day_before"]:
            return None  # "for one day": a duration
        if word == "future" and not re.match(r"\s+(?:quarters|years|months|weeks|generations|periods)\b|[.,;]",
                                             ctx.text[m.end() : m.end() + 15]):  # fmt: skip
            return None
        return Resolved("DATE", spec["value"], mod, None, "none", None, conf, "reference to a time")
    part = spec.get("part")
    kind = "TIME" if part else "DATE"
    if ctx.dct is None:
        return Resolved(kind, "XXXX-XX-XX" + (f"T{part}" if part else ""), mod, "day", "document", None, conf,
                        "no article date")  # fmt: skip
    day = ctx.dct + timedelta(days=spec["days"])
    value = day.isoformat() + (f"T{part}" if part else "")
    return Resolved(kind, value, mod, "day", "document", None, conf, f"{word}: from the article date")


def _soon_ahead(ctx: Ctx, m) -> bool:
    """ "will soon", "may soon", "soon will": "soon" beside a word pointing ahead ("was soon released" and
    "as soon as" are no times)."""
    after = re.match(r"\s+([a-z']+)", ctx.text[m.end() : m.end() + 15])
    if after and after.group(1) == "as":
        return False
    before = word_before(ctx.text, m.start())
    return before in T["soon_before"] or bool(after and after.group(1) in T["soon_after"])


def _adjective_ok(ctx: Ctx, m) -> bool:
    """ "current" and "recent" name a time only as adjectives before a noun ("current prices")."""
    after = re.match(r"\s+([a-z][a-z-]*)", ctx.text[m.end() : m.end() + 30])
    return bool(after) and after.group(1) not in ("and", "or", "to", "of", "in", "with", "is", "was", "are")


def _date_in(ctx: Ctx, start: int, end: int) -> Resolved | None:
    """The date written at text[start:end] (after a clock time, before a part of the day)."""
    from . import _resolve_at  # the tagger's own loop, on a small span

    return _resolve_at(ctx, start, end)


def clock(m, ctx: Ctx, rule) -> Resolved | None:
    word = group(m, "word")
    if word:
        if word_before(ctx.text, m.start()) == "high":
            return None  # "high noon": the idiom
        hhmm = T["clock_words"][norm(word).replace(" ", "-") if norm(word) == "mid day" else norm(word)]
        hour, minute = (int(x) for x in hhmm.split(":"))
    else:
        hour_text = group(m, "hour") or group(m, "hour2") or group(m, "hour3")
        hour = int(hour_text)
        minute = int(group(m, "minute") or group(m, "minute3") or 0)
        ampm = (group(m, "ampm") or "").lower().replace(".", "").replace(" ", "")
        if ampm:
            if not 1 <= hour <= 12:
                return None
            if ampm.startswith("p") and hour != 12:
                hour += 12
            elif ampm.startswith("a") and hour == 12:
                hour = 0
    clock_text = f"T{hour:02d}:{minute:02d}"
    mod = modifier(group(m, "mod"))
    if group(m, "date"):
        day = _date_in(ctx, m.start("date"), m.end("date"))
        if day is not None:
            return Resolved("TIME", day.value.split("T")[0] + clock_text, mod, "time", day.anchor, day.ref,
                            day.confidence, "clock time on a written day")  # fmt: skip
    aside = _ASIDE_THEN_DAY.match(ctx.text, m.end())
    if aside:
        day = _date_in(ctx, aside.start("date"), aside.end("date"))
        if day is not None:
            return Resolved("TIME", day.value.split("T")[0] + clock_text, mod, "time", day.anchor, day.ref,
                            day.confidence, "clock time on the day written after an aside")  # fmt: skip
    found = ctx.reference(m.start(), finer_than="day", window=120)
    if found and ctx.found[found[0]].resolved.type == "DATE":
        i, point = found
        return Resolved("TIME", point.value() + clock_text, mod, "time", "reference", i, 0.8,
                        "clock time on the day mentioned just before")  # fmt: skip
    if ctx.dct is None:
        return Resolved("TIME", "XXXX-XX-XX" + clock_text, mod, "time", "document", reason="clock, no date")
    return Resolved("TIME", ctx.dct.isoformat() + clock_text, mod, "time", "document", None, 0.8,
                    "clock time on the article date")  # fmt: skip


def day_part(m, ctx: Ctx, rule) -> Resolved | None:
    part = _PART_CODES.get(norm(m.group("part")))
    rel = group(m, "rel")
    start = m.start("rel") if rel else m.start("date")
    day = _date_in(ctx, start, m.end("date"))
    if day is None or part is None:
        return None
    mod = modifier(group(m, "mod"))
    return Resolved("TIME", day.value + f"T{part}", mod, "time", day.anchor, day.ref, day.confidence,
                    "part of a day")  # fmt: skip


def part_alone(m, ctx: Ctx, rule) -> Resolved | None:
    """ "in the morning", "by mid afternoon": that part of the day mentioned just before, or of the
    article date."""
    part = _PART_CODES.get(norm(m.group("part")))
    if part is None:
        return None
    mod = modifier((group(m, "mod") or "").strip(" -"))
    found = ctx.reference(m.start(), finer_than="day", window=400)
    if found and ctx.found[found[0]].resolved.type == "DATE" and found[1].gran == "day":
        i, point = found
        return Resolved("TIME", point.value() + f"T{part}", mod, "time", "reference", i, 0.8,
                        "part of the day mentioned just before", referable=False)  # fmt: skip
    if ctx.dct is None:
        return Resolved("TIME", f"XXXX-XX-XXT{part}", mod, "time", "document",
                        reason="part of a day, no date")  # fmt: skip
    return Resolved("TIME", f"{ctx.dct.isoformat()}T{part}", mod, "time", "document", None, 0.7,
                    "part of the article's day")  # fmt: skip
