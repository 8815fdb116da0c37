"""A guess at the date of an undated article, from the full dates written in it.

News reports recent events: the latest full date written out ("on Jan. 29, 2019") in a sentence that is
not in the future tense is usually a day or two before publication. :func:`infer_date` proposes that day,
with a modest confidence that grows when the text also uses words that only make sense relative to a
publication date ("yesterday", "last week", a bare weekday), and the phrase it rests on as evidence.
"""

from __future__ import annotations

import re

_FULL_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_RELATIVE_WORDS = ("deictic:", "weekday:", "relative:", "day_part:")


def infer_date(text: str) -> tuple[str, float, str] | None:
    """(ISO date, confidence, evidence) proposed as the article's date, or None when the text writes no
    full date outside future-tense sentences."""
    from . import tag
    from .tense import tense

    refs = tag(text, None)
    written = [
        r for r in refs
        if r.anchor == "none" and r.type == "DATE" and _FULL_DAY.match(r.value)
        and tense(text, r.start, r.end) != "future"
    ]  # fmt: skip
    if not written:
        return None
    latest = max(written, key=lambda r: (r.value, r.start))
    relative = sum(1 for r in refs if r.reason.startswith(_RELATIVE_WORDS))
    confidence = 0.3 + min(0.2, 0.05 * relative)
    return latest.value, round(confidence, 2), f"latest written date: {latest.text!r}"
