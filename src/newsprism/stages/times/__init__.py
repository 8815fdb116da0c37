"""Stage ``times``: TimeML TIMEX3 time expressions in English news, normalised against the article date.

    >>> [(r.text, r.type, r.value) for r in tag("Talks ended Monday, two years after they began.", "2019-11-06")]
    [('Monday', 'DATE', '2019-11-04'), ('two years', 'DURATION', 'P2Y')]

Pure Python: the rules are data in ``lexicons/times.yaml`` (compiled by :mod:`.grammar`), found by
:mod:`.finder` (leftmost-longest), resolved by :mod:`.points` (written dates, months, years, quarters,
seasons, holidays), :mod:`.relative` (last week, yesterday, two years ago, weekdays by tense, clock times)
and :mod:`.amounts` (durations and frequencies), with calendar arithmetic in :mod:`.timecalc` and tense
cues in :mod:`.tense`.

Every :class:`~newsprism.records.TimeRef` has ``anchor`` ``none`` (absolute: "December 2009"),
``document_date`` (computed from the article date) or the id of the earlier TimeRef it was counted from
("the next day"). Its confidence is the rule's times that of the date it rests on: the article date's
confidence, the earlier expression's, or :data:`NO_DATE_CONFIDENCE` when there is no article date and the
value keeps ``X`` placeholders (``XXXX-XX-XX``, ``XXXX-WXX-1``).
"""

from __future__ import annotations

from dataclasses import replace

from ...records import Article, TimeRef
from . import amounts, points, relative
from .context import Ctx, Found, Resolved
from .finder import offers_at, scan
from .timecalc import parse_dct

__all__ = ["NO_DATE_CONFIDENCE", "STAGE", "infer_date", "run", "tag"]

STAGE = "times@3"
NO_DATE_CONFIDENCE = 0.3  # how far to trust a relative expression's value when the article date is unknown

RESOLVERS = {
    "calendar": points.calendar,
    "month_rel_year": points.month_rel_year,
    "numeric_date": points.numeric_date,
    "year_range": points.year_range,
    "year_word": points.year_word,
    "decade": points.decade,
    "century": points.century,
    "quarter": points.quarter,
    "first_months": points.first_months,
    "season": points.season,
    "holiday": points.holiday,
    "relative": relative.relative,
    "period": relative.period,
    "anaphora": relative.anaphora,
    "weekend": relative.weekend,
    "the_unit": relative.the_unit,
    "year_period": points.year_period,
    "offset": relative.offset,
    "weekday": relative.weekday,
    "weekday_anaphora": relative.weekday_anaphora,
    "week_of": relative.week_of,
    "deictic": relative.deictic,
    "clock": relative.clock,
    "day_part": relative.day_part,
    "part_alone": relative.part_alone,
    "duration": amounts.duration,
    "set_every": amounts.set_every,
    "set_word": amounts.set_word,
}


def _resolve(ctx: Ctx, rule, m) -> Resolved | None:
    try:
        resolved = RESOLVERS[rule.resolve](m, ctx, rule)
    except (ValueError, OverflowError):  # calendar arithmetic out of range: "2019 years ago"
        return None
    if resolved is None:
        return None
    resolved.confidence *= rule.confidence
    resolved.reason = f"{rule.name}: {resolved.reason}" if resolved.reason else rule.name
    return resolved


def _resolve_at(ctx: Ctx, start: int, end: int) -> Resolved | None:
    """The expression written exactly at text[start:end] (a date after a clock time), not recorded."""
    for rule, m in offers_at(ctx.text, start, end, skip=("clock", "day_part")):
        if m.end() != end:
            continue
        resolved = _resolve(ctx, rule, m)
        if resolved is not None:
            return resolved
    return None


def tag(text: str, dct: str | None, *, dct_confidence: float = 1.0, document: str = "") -> list[TimeRef]:
    """The time expressions in ``text``, normalised against the article date ``dct`` (an ISO date or
    datetime, or None), in body order with ids t1, t2, ..."""
    ctx = Ctx(text, parse_dct(dct))
    scanner = scan(text)
    resume = None
    while True:
        try:
            _, offers = scanner.send(resume) if resume is not None else next(scanner)
        except StopIteration:
            break
        resume = None
        for rule, m in offers:
            resolved = _resolve(ctx, rule, m)
            if resolved is not None:
                ctx.found.append(Found(m.start(), m.end(), resolved))
                resume = m.end()
                break
    refs: list[TimeRef] = []
    for i, found in enumerate(ctx.found):
        r = found.resolved
        confidence = r.confidence
        if r.anchor == "document":
            anchor = "document_date"
            confidence *= dct_confidence if ctx.dct is not None else NO_DATE_CONFIDENCE
        elif r.anchor == "reference" and r.ref is not None and r.ref < i:
            anchor = f"t{r.ref + 1}"
            confidence *= refs[r.ref].confidence
        else:
            anchor = "none"
        refs.append(
            TimeRef(
                document=document,
                id=f"t{i + 1}",
                start=found.start,
                end=found.end,
                text=text[found.start : found.end],
                type=r.type,
                value=r.value,
                mod=r.mod,
                granularity=r.granularity,
                anchor=anchor,
                confidence=round(max(0.0, min(1.0, confidence)), 4),
                reason=r.reason,
                stage=STAGE,
            )
        )
    return refs


def run(article: Article, doc, ctx) -> list[TimeRef]:
    """The stage entry point: tag the article body against its publication date. An article with no
    date at all is tagged against the date ``infer_date`` proposes from its own text, at that proposal's
    low confidence, and each value resting on it says so in its ``reason``."""
    if article.published is not None:
        confidence = article.published_confidence if article.published_confidence is not None else 1.0
        return tag(article.body, article.published, dct_confidence=confidence, document=article.id)
    proposal = infer_date(article.body)
    if proposal is None:
        return tag(article.body, None, dct_confidence=0.0, document=article.id)
    date, confidence, evidence = proposal
    refs = tag(article.body, date, dct_confidence=confidence, document=article.id)
    note = f"; article date {date} inferred from the text ({evidence})"
    return [replace(r, reason=r.reason + note) if r.anchor == "document_date" else r for r in refs]


from .infer import infer_date
