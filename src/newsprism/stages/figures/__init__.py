"""Stage ``figures``: numeric claims in news text ("over $1.4 billion", "some 35,000 Mexicans", "60
percent"), each with its value, normalised unit and unit family, hedge and bound, what is counted, the
entities and time expressions of its clause, the quote holding it and a named source.

The word lists are data (``lexicons/figures.yaml``); :mod:`.scan` finds amounts in the text, :mod:`.nouns`
reads the counted noun from the parse, :mod:`.ages` and :mod:`.calendar` read ages and spaCy's dates around a
bare number, :mod:`.sharing` gives a bare number the unit of a figure next to it and each figure of a row its
own places, :mod:`.context` joins the other stages' records. Conventions:

* money: ISO 4217 code (``$`` alone is ``USD``); cents and pence stay ``cent``/``penny`` as written;
  prices per unit are ``"USD per barrel"`` in family ``rate``.
* percentages ``percent``; fractions ("half", "a third") value 0..1, unit ``fraction``, family ``fraction``,
  unless a scale follows ("half a million" -> 500000).
* vague plurals ("tens of thousands", "dozens") give the least they can mean with bound ``lower``; those of
  a power of ten are ranges up to ten times it ("thousands": 1,000 to 10,000); "a few", "several" or "a
  couple" before a scale word is a range of that scale ("several hundred": 300 to 900), bound ``approx``.
* counts: the counted noun's singular ("homicides" -> ``homicide``); nationalities count ``person``; a
  count of people or a bare number that the text says were killed is ``death`` (family ``deaths``), one
  it says were injured or wounded ``injury`` (family ``injuries``).
* durations ("20 years") are figures in family ``duration``; ages ("a 35-year-old", "aged 35", "died at
  77") family ``age``.
* a bare number shares the unit of a figure next to it ("2, 3 and 4 percent", "45 percent in 2019 and 52"),
  or of one before it in a clause repeating its verb ("Cruz has 370 delegates, Kasich has 129"), when the
  two are within a thousandfold of each other; a toll shares it only with a number whose verb is left out
  ("killed 247 people in Kenya and 10 in Tanzania", not "injured 141 and police arrested 20").
* ``about``: the entities of the figure's clause; of figures of one unit side by side in a clause, each
  keeps the places written after it and before the next (Kenya is the 247's, Tanzania the 10's).
* not figures: dates and years, clock times, ordinals, hyphenated durations naming a kind of thing
  ("the 10-year Treasury note", "a two-month contract"), numbers inside names and labels ("Game 7",
  "COVID-19", "Boeing 737", "49ers", "24/7"), models and titles ("Intel's 80486 chip", "the FBI's 10 Most
  Wanted List"), list numbering, bare appositive ages ("Smith, 25,"), number
  words with nothing counted ("one of them", "the two said"; but "Three were injured" is a figure).
"""

from __future__ import annotations

import math
import re
from typing import Any

from ...records import Article, Figure, Span
from ..registry import StageContext
from . import context, nouns
from .lexicon import Lexicon, get
from .amount import Amount
from .ages import age_of_people, copula_age, life_event_age
from .calendar import calendar_entity, calendar_words
from .scan import scan, unit_at
from .sharing import COMPARED, OF_THEM, carry_units, own_places

__all__ = ["STAGE", "run", "scan"]

STAGE = "figures@8"
_YEAR = re.compile(r"(?:1[5-9]|20)\d\d")
_CLOCK = re.compile(r"\d[:.]\d\d\s*(?:[ap]\.?m\.?)?$", re.IGNORECASE)
_EXCLUDE_ENTS = {"DATE", "TIME", "ORDINAL"}
# "a third-year student": an ordinal before a hyphen, no fraction (not "a half-hour", "a quarter-hour")
_ORDINAL_MODIFIER = re.compile(r"(?:an?|one)\s+(?!half\b|quarter\b)[a-z]+-[a-z]", re.IGNORECASE)
# the ages before a bare number that goes on their list ("aged 15 and 17", "ages 9, 8 and 4"): spaCy calls it
# a date
_AGE_LIST = re.compile(r"\bage[sd]?\s+\d{1,3}(?:\s*,\s*\d{1,3})*\s*(?:,\s*)?(?:and|or|to|-)?\s*$", re.IGNORECASE)
_TALLY_AFTER = re.compile(r"\s+to\s+\d")  # "Trump 46 to 40 percent": a tally after a name
_GROUPED = re.compile(r"\d,\d{3}")  # "1,200 Ford trucks": no house or route number is written with commas
# five to seven digits, or thousands separators: too long for a date or time, whatever spaCy's tag says
_LONG_NUMBER = re.compile(r"\d{5,7}(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?")


# a telephone number: groups of digits parted by hyphens, dots or spaces, with a country code or an area code
# in brackets for the spaced form ("+1 202 555 0199", "(202) 555-0199", "202-555-0199", "020 7946 0958"
# after a cue word)
_PHONE = re.compile(
    r"(?:\+\d{1,3}[\s.-]?(?:\(\d{1,4}\)\s?)?\d{1,4}[\s.-]\d{2,4}(?:[\s.-]\d{2,4}){0,2}"
    r"|\(\d{2,5}\)\s?\d{3,4}[\s.-]\d{3,4}"
    r"|\b(?:1[.-])?\d{3}[.-]\d{3}[.-]\d{4})(?!\d)"  # (with the North American "1-": "1-855-808-5160")
)
_CUED_PHONE = re.compile(  # "call 555-1234", "phone 020 7946 0958"
    r"\b(?:call|calling|phone|telephone|tel|fax|hotline|helpline|dial|text|whatsapp|mobile|cell)\b[\s.:#]*"
    r"(?:(?:on|at|us)\s+)?(?P<n>\d{2,5}(?:[\s.-]\d{3,4}){1,2})(?!\d)",
    re.IGNORECASE,
)
# Bare whole numbers joined by hyphens or dashes, none after it larger than the one before ("won 3-0",
# "voted 368-7", "a 5-4 ruling", "tied at 89-89", "a 4-4-2"): a score or a vote tally, not a range, which
# news writes rising ("10-15 percent"); with no unit or percent sign after it.
_TALLY = re.compile(r"(?<![\d.,/:–-])\d{1,4}(?:[-–]\d{1,4})+(?![\d.,]\d|[-–/:]?\d|\s*(?:%|per\s?cent))")
_WEB = re.compile(r"://|www\.|@|\.(?:com|org|net|gov|edu|html?|php|aspx?)\b", re.IGNORECASE)


def _phone_or_web(body: str, a: Amount) -> bool:
    """A telephone number, or a number inside a web address or an e-mail address."""
    lo = max(0, a.num_start - 24)
    for m in _PHONE.finditer(body, lo, min(len(body), a.end + 24)):
        if m.start() <= a.num_start < m.end():
            return True
    for m in _CUED_PHONE.finditer(body, max(0, a.num_start - 40), min(len(body), a.end + 16)):
        if m.start("n") <= a.num_start < m.end("n"):
            return True
    left = max(body.rfind(" ", 0, a.num_start), body.rfind("\n", 0, a.num_start)) + 1
    right = len(body)
    for stop in (" ", "\n"):
        k = body.find(stop, a.end)
        right = min(right, k) if k >= 0 else right
    return bool(_WEB.search(body, left, right))


def _tally(body: str, a: Amount, lex: Lexicon) -> bool:
    for m in _TALLY.finditer(body, max(0, a.num_start - 10), min(len(body), a.end + 10)):
        gap = re.match(r"\s*", body[m.end() : m.end() + 3]).end()
        if m.start() <= a.num_start < m.end() and not unit_at(body, m.end() + gap, lex):
            numbers = [int(n) for n in re.split("[-–]", m.group())]
            return all(x >= y for x, y in zip(numbers, numbers[1:]))
    return False


def _excluded(body: str, a: Amount, doc, times, lex: Lexicon, age: bool = False) -> str | None:
    """Why an amount is not a figure, or None. ``age``: the amount is a person's age after "be" (spaCy
    often calls it a date: "Gee was 17 when he arrived")."""
    if not math.isfinite(a.value) or (a.high is not None and not math.isfinite(a.high)):
        return "a number too large to hold"  # 400 digits in a row: no quantity, and no JSON can carry it
    number = body[a.num_start : a.end]
    after = body[a.end : a.end + 6]
    word_after = re.match(r"\s?([A-Za-z'’.]+)", after)
    bare = a.unit is None
    if bare and word_after and word_after.group(1).lower().rstrip(".") in lex.not_after | {"a.m", "p.m"}:
        return "time of day or ordinal"
    if re.match(r"(?:st|nd|rd|th|s)\b|:\d", after) or (bare and re.match(r"['’]s\b", after)) \
            or re.match(r"\d[.,]?\d*:", number):  # "the 35-year-old's lawyer" is an age, "the 1990's" not
        return "ordinal, decade or clock"
    if bare and a.kind == "digits" and (re.match(r" ?/ ?\d", after) or re.search(r"\d ?/ ?$", body[max(0, a.start - 4) : a.start])):
        return "a date, ratio or label written with a slash"  # "9/11", "24/7", "a 50/50 split", "rated 4 / 5"
    if bare and a.kind == "digits" and re.match(r"[A-Za-z]", after):
        return "a number glued to a word"  # "49ers", "3D", "5G", "a 10K race"
    if bare and a.kind == "digits" and a.num_start > 0 and body[a.num_start - 1] == "#":
        return "a rank or label after '#'"  # "#1", "#MeToo"
    if bare and a.kind == "digits" and a.num_start > 0 and body[a.num_start - 1] == "[" and after[:1] == "]":
        return "a reference in square brackets"  # "... is weird. [538]", "[1]"
    for m in lex.idiom_re.finditer(body, max(0, a.start - 12), min(len(body), a.end + 24)):
        if m.start() <= a.num_start < m.end():
            return "a set phrase"  # "at one point", "one by one"
    if bare and a.kind == "digits" and _tally(body, a, lex):
        return "a score or a vote tally"
    if bare and a.kind == "digits" and _phone_or_web(body, a):
        return "a telephone number or a web address"
    if bare and a.kind == "digits" and _YEAR.fullmatch(number.strip()) and a.high is None:
        return "a year"
    if bare and _CLOCK.search(body[a.num_start : a.end + 5]) and ":" in body[a.num_start : a.end + 1]:
        return "clock time"
    if a.family == "duration" and a.high is None and re.fullmatch(r"[\w.,]+-[a-z]+", a.text) \
            and re.match(r" [A-Za-z$£€]", body[a.end : a.end + 2]):  # fmt: skip
        return "a duration naming a kind of thing"  # "the 10-year Treasury note", "a two-month contract"
    if a.family not in ("duration", "age"):
        for t in times:
            if t.start <= a.num_start < t.end and t.type in ("DATE", "TIME", "SET") and bare:
                return f"inside time expression {t.id}"
    before = body[max(0, a.start - 25) : a.start]
    label = re.search(r"([A-Za-z][\w.-]*)[\s#]*$", before)
    if label and bare and label.group(1).lower() in lex.label_before and a.qualifier is None \
            and not a.scaled and not _GROUPED.search(number):  # fmt: skip
        return "a label or index"  # "Category 3-5"; not "issue between 1.8 million and 2.35 million",
        # nor "Volume 170,330,000"
    line_start = body.rfind("\n", 0, a.start) + 1
    if bare and not body[line_start : a.start].strip() and re.match(r"[.)]\s", after):
        return "list numbering"
    if doc is not None and bare:
        i = nouns.token_at(doc, a.num_start)
        j = nouns.token_at(doc, a.end)
        counts = j < len(doc) and doc[j].tag_ == "NNS" and doc[j].pos_ == "NOUN"  # "five hundred people"
        if i < len(doc) and doc[i].ent_type_ in _EXCLUDE_ENTS and a.family is None and not age \
                and not _LONG_NUMBER.fullmatch(number.strip()) and not counts \
                and not _AGE_LIST.search(body, max(0, a.start - 30), a.start) \
                and not COMPARED.search(body[max(0, a.start - 30) : a.start]) \
                and (doc[i].ent_type_ == "ORDINAL" or calendar_entity(doc, i)):  # fmt: skip
            return f"spaCy {doc[i].ent_type_}"  # (but "up from seven a year ago": a level, its time after it)
        if i < len(doc) and i > 0:
            prev = doc[i - 1]
            k = nouns.token_at(doc, a.end)  # the token after the amount (after "18" in "16-18 High Street")
            nxt = doc[k] if k < len(doc) else None
            after = None  # the first word after the names ("titles" in "20 Grand Slam titles")
            if nxt is not None:
                m = nxt.i + 1
                while m < min(nxt.i + 3, len(doc) - 1) and not nouns.is_demonym(doc[m], lex) and (
                    (doc[m].pos_ == "PROPN" and doc[m].text[:1].isupper())
                    or (doc[m].like_num and doc[m - 1].pos_ == "PROPN")  # "7 Formula 1 titles", "Apollo 11"
                    or (doc[m].text == "-" and not doc[m - 1].whitespace_ and doc[m - 1].pos_ == "PROPN")
                ):  # (names joined by a hyphen: "12 US-Canada crossings")
                    m += 1  # (a people ends the names: "2 million Rwanda Hutus" counts Hutus)
                m = nouns.past_modifiers(doc, m, len(doc) - 1, nxt.i + 5 - m)  # "525,546 Phoenix
                # Technologies common shares", "31 Abrams main battle tanks"
                after = doc[m] if m < len(doc) else None
            if nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper() and a.kind == "digits" \
                    and nxt.ent_type_ not in ("DATE", "TIME") \
                    and not _GROUPED.search(number) and nxt.tag_ != "NNPS" and nxt.ent_type_ != "NORP" \
                    and not nouns.is_demonym(nxt, lex) \
                    and not (after is not None and (after.tag_ == "NNS" and after.pos_ == "NOUN"
                                                    or nouns.is_demonym(after, lex)
                                                    or nouns.misread_plural(doc, nxt.i, after.i, len(doc)))) \
                    and not nouns.conjoined_names(doc, nxt.i + 1, nxt.sent.end):  # fmt: skip
                return "a number in a name or address"  # but "31 Abrams tanks", "20 Grand Slam titles" count
            if nxt is not None and a.kind == "digits" and a.qualifier is None and not a.scaled \
                    and not _GROUPED.search(number) and _title_after(doc, nxt, lex):  # fmt: skip
                return "a number in a title"  # "the FBI's 10 Most Wanted List"
            if _names_one(doc, i, k, number, a, lex):
                return "a number naming a model"  # "Intel's 80486 chip", "the 486 chip", "an 80386 machine"
            joined = prev.idx + len(prev.text) == a.start - 1
            if prev.pos_ == "PROPN" and not prev.text.islower() and joined and not a.qualifier \
                    and prev.ent_type_ != "PERSON" and prev.lower_ not in calendar_words() \
                    and not _TALLY_AFTER.match(body, a.end) \
                    and not (a.kind == "word" and counts):  # fmt: skip
                return "a number in a name"  # (not a person's tally: "beat Trump 46 to 40 percent"; not "on
                # Thursday 30 passengers", "told VOA five people")
            closed = i + 1 >= len(doc) or doc[i + 1].text in (",", ".", ";") \
                or (doc[i + 1].lower_ == "and" and i > 1 and doc[i - 2].ent_type_ == "PERSON")  # fmt: skip
            if prev.text == "," and closed and i > 1 and \
                    (doc[i - 2].pos_ == "PROPN" or doc[i - 2].pos_ == "NOUN" and a.kind == "digits"
                     and float(a.value).is_integer() and 0 < a.value < 120):  # fmt: skip
                return "an appositive age"  # "Smith, 34, said", "the girl, 7, and her brother, 9,",
                # "Supré, 56.", "George Floyd, 46 and unarmed," (after a person's name, "and" closes it too)
    return None


def _title_after(doc, nxt, lex: Lexicon) -> bool:
    """Two or more capitalised words after the number, inside the sentence, the last one singular and no
    noun after them: the number is part of a title ("the FBI's 10 Most Wanted List"); not a count of
    what the words name ("12 Kenyan Army soldiers", "seven Golden Globes")."""
    if nxt.is_sent_start:
        return False
    m = nxt.i
    while m < nxt.sent.end and doc[m].text[:1].isupper() and doc[m].is_alpha:
        m += 1
    if m - nxt.i < 2:
        return False
    last = doc[m - 1]
    if last.tag_ in ("NNS", "NNPS") or nouns.is_demonym(last, lex):
        return False
    return m >= nxt.sent.end or doc[m].pos_ not in ("NOUN", "PROPN", "NUM", "ADJ", "VERB")


_DETERMINERS = {"the", "its", "their", "his", "her", "our", "this", "that", "a", "an"}


def _names_one(doc, i: int, k: int, number: str, a: Amount, lex: Lexicon) -> bool:
    """A number in digits between a determiner (or a possessive) and singular common nouns, the last of them
    ending the phrase: it names one thing, a model ("Intel's 80486 chip", "the 486 computer chip is"); not
    with thousands separators or a qualifier, nor before a noun a count takes unchanged ("the 15 police")."""
    if a.kind != "digits" or a.qualifier is not None or _GROUPED.search(number) or i < 1 or k >= len(doc):
        return False
    if not (doc[i - 1].lower_ in _DETERMINERS or doc[i - 1].tag_ == "POS"):
        return False
    m = k
    while m < len(doc) and nouns.bare_singular(doc[m]):
        m += 1
    if m == k or doc[m - 1].lower_ in lex.plural_as_singular:
        return False
    return m >= len(doc) or doc[m].pos_ not in ("NOUN", "PROPN", "ADJ", "NUM")


def _after_preposition(doc, a: Amount) -> bool:
    """The word before the number is a preposition: it starts a phrase of its own inside the counted phrase
    before it ("30 states with 309 electoral votes"), unlike a name in it ("two new 737 Max jets")."""
    if doc is None:
        return False
    i = nouns.token_at(doc, a.num_start)
    # ("nine of Sudan's 18 states": a possessive before it too)
    return 0 < i < len(doc) and (doc[i - 1].pos_ == "ADP" or doc[i - 1].tag_ == "POS")


def _word_number_alone(body: str, a: Amount, doc, lex: Lexicon) -> bool:
    """A number word with no noun after it that is still an amount: the subject or object of a verb, or
    the level after "to" ("Three were injured", "police arrested eight", "the toll rose to seven"); not
    "one", nor "the two" (a pronoun), nor a word before "of" or in a name."""
    capitalised_inside = a.text[:1].isupper() and a.start > 0 and body[a.start - 2 : a.start].strip() not in (
        "", ".", '"', "“"
    )  # "the Big Three": a name
    if doc is None or a.kind != "word" or a.value < 2 or capitalised_inside:
        return False
    first = nouns.token_at(doc, a.num_start)
    i = max(first, nouns.token_at(doc, a.end) - 1)  # the number's last word heads it
    if i >= len(doc) or doc[i].pos_ != "NUM" or doc[i].dep_ not in lex.alone_deps:  # ("Forty-eight")
        return False
    before = doc[first - 1].lower_ if first > 0 else ""
    k = nouns.token_at(doc, a.end)
    after = doc[k] if k < len(doc) else None
    return before not in lex.alone_not_after and not (after is not None and after.lower_ in lex.alone_not_before)


def _one_in(body: str, end: int, lex: Lexicon) -> bool:
    """ "one in five adults", "seven in 10 voters": a number before "in" and another number is a ratio."""
    m = re.match(r"\s+in\s+", body[end : end + 8])
    return bool(m) and bool(lex.core.match(body, end + m.end()))


def _one_of_the_most(doc, end: int) -> bool:
    """ "one of the largest dinosaurs", "one of its best players": a superlative after "of the"."""
    if doc is None:
        return False
    i = nouns.token_at(doc, end)
    return (
        i + 2 < len(doc) and doc[i].lower_ == "of" and doc[i + 1].lower_ in ("the", "its", "their", "his", "her", "our")
        and doc[i + 2].tag_ in ("JJS", "RBS")
    )  # fmt: skip


def _toll(body: str, a: Amount, end: int, words: tuple[str, ...], before_re: re.Pattern[str]) -> bool:
    """A toll word right after the amount (or what it counts) or right before it: "12 killed", "killed 12"."""
    before = body[max(0, a.start - 20) : a.start].lower()
    after = body[end : end + 30].lower().lstrip(" ,")
    return any(after.startswith(w) for w in words) or bool(before_re.search(before))


def run(article: Article, doc: Any, ctx: StageContext) -> list[Figure]:
    body = article.body
    if not body.strip():
        return []
    lex = get()
    results = ctx.results if ctx is not None else {}
    mentions = [m for m in results.get("entities", []) if not getattr(m, "in_comment", False)]
    times = results.get("times", [])
    quotes = results.get("quotes", [])
    figures: list[Figure] = []
    people = {m.start for m in mentions if m.type == "person"}
    for a in scan(body, lex):
        age = a.unit is None and copula_age(doc, a, people, lex)
        why = _excluded(body, a, doc, times, lex, age)
        if why:
            continue
        last = figures[-1].counted if figures else None
        if last is not None and last.start <= a.start < last.end and a.unit is None and a.kind == "digits" \
                and not _after_preposition(doc, a):  # fmt: skip
            continue  # "two new 737 Max jets": a number inside what the figure before counts is a name (not
            # "$3.2 million in assistance to the two countries")
        unit, family, counted, confidence = a.unit, a.family, None, 0.9
        sent_lo, sent_hi, clause_lo, clause_hi = 0, len(body), 0, len(body)
        if doc is not None:
            i = min(nouns.token_at(doc, a.num_start), len(doc) - 1)
            sent = doc[i].sent
            sent_lo, sent_hi = sent.start_char, sent.end_char
            clause_lo, clause_hi = context.clause(doc, doc[i])
            if unit is None or family in ("currency", "fraction") or (a.kind == "vague" and unit is None):
                c = nouns.counted(doc, a.end, sent_hi, family == "currency", lex, hyphen=a.kind == "digits",
                                 many=a.value > 1 and a.kind != "fraction")
                if c is not None:
                    counted = Span(c.start, c.end, body[c.start : c.end])
                    if unit is None:
                        unit, family = c.unit, c.family
        if unit is None and counted is None and (age or age_of_people(body, a, lex)
                                                 or life_event_age(body, a, doc, lex)):
            unit, family = "year", "age"  # "He will be 35 by the end of the year", "voters under 30", "died
            # at 77"
        if a.kind == "fraction" and a.unit not in (None, "fraction") and _ORDINAL_MODIFIER.match(a.text):
            continue  # "a third-year student", "a fifth-month lease": an ordinal before a hyphen, no fraction
        if a.kind == "fraction" and not re.match(r"\s+of\b", body[a.end :]) \
                and not re.search(r"[a-z]-[a-z]", a.text[a.num_start - a.start :].lower()) \
                and not re.search(r"\bby\s+$", body[max(0, a.start - 4) : a.start]):  # fmt: skip
            continue  # "a third-party", "this half": a fraction counts something only with "of", a
            # hyphen ("a two-thirds majority") or "by" before it ("cut by half", "rose by a third")
        if a.kind == "weak" and re.match(r"\s+of\b", body[a.end :]) and not _one_of_the_most(doc, a.end):
            continue  # "one of the cables": a selection; "one of the biggest banks" counts one bank
        toll = None
        if family in ("people", "troops", "count", None):
            end = counted.end if counted else a.end
            if _toll(body, a, end, lex.death_words, lex.death_before_re):
                toll = ("death", "deaths")
            elif _toll(body, a, end, lex.injury_words, lex.injury_before_re):
                toll = ("injury", "injuries")
        if unit is None and a.kind in ("weak", "word") and counted is None and not a.scaled and toll is None \
                and not _word_number_alone(body, a, doc, lex) and not _one_in(body, a.end, lex) \
                and not (a.kind == "word" and figures
                         and COMPARED.search(body[max(0, a.start - 30) : a.start])) \
                and not (a.kind == "word" and OF_THEM.match(body, a.end)):  # fmt: skip
            continue  # "one of them", "the two said"; but "Three were injured", "one in five adults",
            # "one dead", "13 facilities, up from seven" (its unit from the figure before), "Eight of them"
        if unit is None and a.kind == "weak":
            confidence = 0.6
        if toll is not None:
            unit, family = toll
        if unit is None:
            family = "count"
            confidence = 0.6
        sentence = context.trimmed_span(body, sent_lo, sent_hi)
        source, source_mention = context.source(body, sent_lo, sent_hi, mentions, lex)
        figures.append(
            Figure(
                document=article.id, id=f"f{len(figures) + 1}", start=a.start, end=a.end, text=a.text,
                value=a.value, unit=unit, unit_family=family, high=a.high, qualifier=a.qualifier,
                bound=a.bound, counted=counted,
                about=context.about(mentions, clause_lo, clause_hi, counted),
                scope=context.scope(times, clause_lo, clause_hi, a.start, a.end),
                quote=context.quote_of(quotes, a.start, a.end), source=source, source_mention=source_mention,
                sentence=sentence, confidence=confidence, reason=a.reason, stage=STAGE,
            )
        )  # fmt: skip
    return own_places(body, carry_units(body, figures), mentions)
