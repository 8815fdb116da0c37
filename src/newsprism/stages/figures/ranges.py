"""Two amounts that are one: ranges ("15 to 22 miles", "between 5% and 6%", "from $75 to $45.88") and numbers
in words that add up ("one hundred and fifty"). Works on the amounts :func:`.scan.scan` found, in order."""

from __future__ import annotations

import re
from dataclasses import replace

from .amount import Amount
from .lexicon import Lexicon

_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to|and|or|-to-)\s*$", re.IGNORECASE)
_FROM = re.compile(r"\bfrom\s+$", re.IGNORECASE)
_BY = re.compile(r"\bby\s+$", re.IGNORECASE)
_TO_END = re.compile(r"\sto\s+$", re.IGNORECASE)
_YEAR_LIKE = re.compile(r"(?:1[5-9]|20)\d\d")
_WORD_JOIN = re.compile(r"\s+(?:and\s+)?", re.IGNORECASE)
_BETWEEN = re.compile(r"\b(?:between|from)\s+$", re.IGNORECASE)


def _year_like(text: str, a: Amount) -> bool:
    """A bare four-digit number that reads as a year ("from 2008 to 29 mpg" is no range)."""
    return a.unit is None and a.kind == "digits" and bool(_YEAR_LIKE.fullmatch(text[a.num_start : a.end]))


def _low(text: str, a: Amount, b: Amount) -> float:
    """The low end of a range of ``a`` and ``b``: "1 to 2 thousand", "$3 to $5 billion" scale the low end
    as the high one when it is written smaller ("900 to 1.2 million" does not)."""
    if not a.scaled and b.scaled and abs(a.value) <= abs(_unscaled(text, b)):
        return a.value * (b.value / _unscaled(text, b))
    return a.value


def _range(text: str, a: Amount, b: Amount, start: int) -> Amount:
    return replace(
        a, start=start, end=b.end, text=text[start : b.end], value=_low(text, a, b), high=b.value,
        unit=a.unit if a.family == "rate" and b.family != "rate" else b.unit or a.unit,
        family=(a.family if a.family == "rate" and b.family != "rate" else b.family or a.family),
        currency=a.currency or b.currency, qualifier=a.qualifier or b.qualifier,
        bound=a.bound if a.qualifier else b.bound, scaled=a.scaled or b.scaled,
        reason=f"range ({a.reason}; {b.reason})",
    )  # fmt: skip


def _rate_of(rate: str | None, unit: str | None) -> bool:
    """ "penny per litre" is a rate of "penny": "from 20p to 25p per litre" is one range."""
    return bool(rate and unit and rate.startswith(f"{unit} per "))


def _from_to(text: str, found: list[Amount], i: int) -> int | None:
    """ "from 18 miles per gallon in 2010 to 31 mpg", "from $82 U.S. per barrel to $51.30": the index of the
    amount closing a range opened by "from" a few words before "to", or None. Years between are skipped."""
    a = found[i]
    if a.high is not None or not _FROM.search(text[max(0, a.start - 6) : a.start]):
        return None
    for j in range(i + 1, min(i + 3, len(found))):
        b = found[j]
        gap = text[a.end : b.start]
        if len(gap) > 30 or re.search(r"[,;:()\[\]]", gap):
            return None
        if _year_like(text, b):
            continue
        if not _TO_END.search(gap):
            return None
        if b.high is None and b.kind not in ("weak", "vague"):
            same = b.unit is None or b.unit == a.unit or _rate_of(a.unit, b.unit) or _rate_of(b.unit, a.unit)
            return j if same and not _year_like(text, a) else None
    return None


def merge_ranges(text: str, found: list[Amount], lex: Lexicon) -> list[Amount]:
    """ "15 to 22 miles", "$2 billion to $4 billion", "between 5% and 6%", "1 to 2 thousand", "three or four
    years", "from 24 mpg combined to 27": one amount with ``high``. The first takes the second's unit (and
    scale, when it had none and is the smaller). Not ranges: a change and the level it reached ("rose by
    $43.6 billion to $419.2 billion"), a year and an amount ("2010 to 31 mpg")."""
    out: list[Amount] = []
    i = 0
    while i < len(found):
        a = found[i]
        if i + 1 < len(found):
            b = found[i + 1]
            gap = text[a.end : b.start]
            between = _BETWEEN.search(text[max(0, a.start - 12) : a.start])
            join = _RANGE_JOIN.fullmatch(gap) if len(gap) <= 6 else None
            word = join.group(0).strip().lower() if join else ""
            word = "to" if word == "-to-" else word  # "a 3-to-5 percent rise"
            if join and word == "and" and not between:
                join = None
            if join and word == "or" and not b.value > a.value:
                join = None  # "one or two", "5 or 6": rising; "six or one" is two amounts
            if join and word == "to" and _BY.search(text[max(0, a.start - 4) : a.start]):
                join = None
            if join and word == "to" and (a.unit is None) == (b.unit is None) and not between \
                    and lex.change_re.search(text[max(0, a.start - 20) : a.start]):  # fmt: skip
                join = None  # "rose $1.20 to $65.40 a barrel", "fell 4 to 15": the change, then the level
            if join and word == "to" and not between and not b.value > _low(text, a, b):
                join = None  # "won 52 to 48", "voted 7 to 2": a tally; "from 75 to 45.88" is still a range
            if join and _year_like(text, a) != _year_like(text, b):
                join = None
            if join and a.unit is not None and b.unit is None and not between and not (b.scaled and not a.scaled) \
                    and a.family != "age" and word not in ("-", "–", "—"):  # fmt: skip
                join = None  # "rose 0.8% to 15,320": a change, then the level reached ("aged 18 to 24",
                # "$20-25" are ranges)
            compatible = a.unit is None or b.unit is None or a.unit == b.unit or _rate_of(b.unit, a.unit)
            if join and compatible and a.kind not in ("weak", "vague") and b.kind not in ("weak", "vague") \
                    or (join and word == "or" and compatible and a.kind == "weak" and b.kind == "word"):  # fmt: skip
                if word == "-" and a.value == b.value and a.unit is None and b.unit is None and not gap.strip(" -"):
                    out.append(replace(a, end=b.end, text=text[a.start : b.end], reason=f"{a.reason}; a tie"))
                    i += 2  # "tied at 2-2": one number, not a range from 2 to 2
                    continue
                if b.value > _low(text, a, b) or word not in ("-", "–", "—"):
                    start = a.start
                    if between:
                        start = a.start - len(text[max(0, a.start - 12) : a.start]) + between.start()
                    out.append(_range(text, a, b, start))
                    i += 2
                    continue
            j = _from_to(text, found, i)
            if j is not None:
                out.append(_range(text, a, found[j], a.start))
                i = j + 1
                continue
        out.append(a)
        i += 1
    return out


def _unscaled(text: str, a: Amount) -> float:
    m = re.match(r"[\d.,]+", text[a.num_start : a.end])
    if not m:
        return a.value
    try:
        raw = float(m.group(0).replace(",", "").rstrip("."))
    except ValueError:
        return a.value
    return raw if raw else a.value


def _last_scale(a: Amount, lex: Lexicon) -> float | None:
    """The factor of the last scale word of a number written in words ("two thousand" -> 1000)."""
    words = re.findall(r"[a-z]+", a.text.lower())
    return next((lex.scales[w] for w in reversed(words) if w in lex.scales), None)


def compose_words(text: str, found: list[Amount], lex: Lexicon) -> list[Amount]:
    """ "one hundred and fifty", "two thousand five hundred": a number in words after a scaled one, smaller
    than its last scale, adds to it (with "and" or a space between, no comma)."""
    out: list[Amount] = []
    for b in found:
        a = out[-1] if out else None
        scale = _last_scale(a, lex) if a is not None and a.kind in ("word", "weak", "a_scale") else None
        if (
            scale and a.unit is None and a.high is None and a.qualifier is None or a is not None
            and a.kind == "composed" and a.unit is None  # "two thousand five hundred and ten"
        ) and b.kind in ("word", "weak") and b.high is None and _WORD_JOIN.fullmatch(text[a.end : b.start]) \
                and b.value < (scale or _last_scale(a, lex) or 0):  # fmt: skip
            out[-1] = replace(
                b, start=a.start, text=text[a.start : b.end], value=a.value + b.value, num_start=a.num_start,
                kind="composed", scaled=True, qualifier=a.qualifier or b.qualifier,
                bound=a.bound if a.qualifier else b.bound, reason="number in words",
            )  # fmt: skip
            continue
        out.append(b)
    return out


_SUSPENDED = re.compile(r"-\s+(?P<w>and|or|to|&)\s+$", re.IGNORECASE)


def suspended_hyphens(text: str, found: list[Amount]) -> list[Amount]:
    """ "6- and 9-year-old girls", "2- to 3-metre waves": a number before a hyphen left hanging shares the
    unit written after the next one (with "to", the two are a range). Not for durations, which name a kind
    of thing there ("10- and 30-year bonds")."""
    out = list(found)
    for k in range(len(out) - 2, -1, -1):
        a, b = out[k], out[k + 1]
        m = _SUSPENDED.fullmatch(text, a.end, b.start) if a.end < len(text) and text[a.end] == "-" else None
        if m is None or a.unit is not None or b.unit is None or a.high is not None or b.high is not None \
                or b.family == "duration" or "-" not in text[b.num_start : b.end]:  # fmt: skip
            continue
        if m.group("w").lower() == "to" and b.value > a.value:
            out[k : k + 2] = [_range(text, a, b, a.start)]
        else:
            out[k] = replace(a, end=a.end + 1, text=text[a.start : a.end + 1], unit=b.unit, family=b.family,
                             reason=f"{a.reason}; unit of the next amount after a hanging hyphen")  # fmt: skip
    return out
