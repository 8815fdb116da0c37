"""Reading the absolute dates that metadata carries: date lines, comment timestamps, dates in captions and
dates written into a URL path.

Relative time ("yesterday", "last month") is the time stage's work; here we only read dates written out in
full, and we only accept a line as a date line when the whole line is a date.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from urllib.parse import urlsplit

from .. import lexicons


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    cal = lexicons.load("calendar")
    months = "|".join(sorted(cal["months"], key=len, reverse=True))
    days = "|".join(sorted(cal["weekdays"] + cal["weekday_abbrevs"], key=len, reverse=True))
    zones = "|".join(sorted(cal["timezones"], key=len, reverse=True))
    weekday = rf"(?:(?:{days})\.?,?\s+)?"
    time = rf"(?:,?\s*(?:at\s+)?\d{{1,2}}[:.]\d{{2}}(?:[:.]\d{{2}})?\s*(?:[ap]\.?m\.?)?\s*(?:{zones})?)?"
    dmy = rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{months})\.?,?\s+\d{{4}}"
    mdy = rf"(?:{months})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    iso = r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    line = re.compile(rf"^\s*{weekday}(?:{dmy}|{mdy}|{iso}){time}\s*$", re.IGNORECASE)
    anywhere = re.compile(rf"\b(?:{dmy}|{mdy})\b", re.IGNORECASE)
    zone = re.compile(rf"\b({zones})\s*$")
    return line, anywhere, zone


def _tzinfos() -> dict[str, int]:
    return {name: int(hours * 3600) for name, hours in lexicons.load("calendar")["timezones"].items()}


def _parse(text: str) -> dt.datetime | None:
    from dateutil import parser

    cleaned = re.sub(r"\s+at\s+", " ", text.strip())
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", cleaned)
    try:
        return parser.parse(cleaned, tzinfos=_tzinfos(), default=dt.datetime(1900, 1, 1))
    except (ValueError, OverflowError, parser.ParserError):
        return None


def _iso(value: dt.datetime, has_time: bool) -> str:
    if not has_time:
        return value.date().isoformat()
    return value.isoformat()


def parse_date_line(line: str) -> str | None:
    """ISO 8601 for a line that is nothing but a date (with an optional weekday and time), else None."""
    line_re, _, _ = _patterns()
    if not line_re.match(line):
        return None
    return parse_datetime(line)


def parse_datetime(text: str) -> str | None:
    """ISO 8601 (date, or datetime with offset when a time is given) for a free-standing date string."""
    value = _parse(text)
    if value is None or value.year < 1800 or value.year > 2200:
        return None
    has_time = bool(re.search(r"\d{1,2}[:.]\d{2}", text)) and not re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", text)
    return _iso(value, has_time)


def dates_in_text(text: str) -> list[tuple[str, str]]:
    """(matched text, ISO date) for each full date written in running text ("March 23, 2010")."""
    _, anywhere, _ = _patterns()
    found = []
    for m in anywhere.finditer(text):
        iso = parse_datetime(m.group(0))
        if iso:
            found.append((m.group(0), iso[:10]))
    return found


def iso_from_any(value: object) -> str | None:
    """Normalise a date given by a user (string, number of seconds, datetime) to ISO 8601, or None."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = value / 1000 if value > 1e11 else value
        return dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc).isoformat()
    return parse_datetime(str(value))


@lru_cache(maxsize=1)
def _url_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in lexicons.load("input_fields")["url_date_patterns"])


def dates_in_url(url: str) -> list[tuple[str, str]]:
    """(matched text, ISO date) for each real calendar date written into a URL's path ("/2020/05/17/",
    "/2019-11-05-", "/20191105123456-story"), in the order they appear; patterns in
    lexicons/input_fields.yaml. A string that is no URL ("http://[oops") has none: it must not cost the
    article."""
    try:
        path = urlsplit(url).path
    except ValueError:
        return []
    found = []
    for pattern in _url_patterns():
        for m in pattern.finditer(path):
            try:
                day = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
            except ValueError:
                continue
            found.append((m.start(), m.group(0), day.isoformat()))
    return [(text, iso) for _, text, iso in sorted(found)]
