"""Finding amounts in plain text: a number (digits, words, fractions, vague plurals), its scale, currency,
unit and hedge; :mod:`.ranges` then joins two amounts that are one. No parse is needed here; :mod:`.nouns`
adds what is counted.

    >>> [(a.text, a.value, a.unit, a.bound) for a in scan("Over $1.4 billion and 60 percent.")]
    [('Over $1.4 billion', 1400000000.0, 'USD', 'lower'), ('60 percent', 60.0, 'percent', 'exact')]
"""

from __future__ import annotations

import re

from .amount import Amount
from .lexicon import Lexicon, get, unit_key
from .ranges import compose_words, merge_ranges, suspended_hyphens

_HYPHEN_WORD = re.compile(r"([A-Za-z][\w-]*)-$")  # "COVID-19", "F-16": a label, not an amount
_PAREN = re.compile(r"\s*\([^()]{1,40}\)")
_TIMES_TEN = re.compile(
    r"\s?[x×*·]\s?10(?:\s?(?:\^|\*\*)\s?(?P<c>[-−–]?\d{1,3})|(?P<s>[⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})|(?P<m>[-−–]\d{1,3}))(?![\d.,])"
)
# "two and a half", "5 and three-quarters": a fraction added to the number before it
_AND_FRACTION = re.compile(
    r"[\s-]+and[\s-]+(?P<f>a[\s-]+half|a[\s-]+quarter|a[\s-]+third|three[\s-]+quarters|two[\s-]+thirds)\b",
    re.IGNORECASE,
)
_FRACTION_AFTER_AND = {"a half": 0.5, "a quarter": 0.25, "a third": 1 / 3, "three quarters": 0.75, "two thirds": 2 / 3}
_OF_A_SCALE = re.compile(r"\s+of\s+an?\s+(?P<s>[a-z]+)\b", re.IGNORECASE)
_ARTICLE = re.compile(r"\s+an?(?=\s)", re.IGNORECASE)
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
# the units of time a rate is "per" ("40 tonnes a day"); nouns.py reads the same list for counted nouns
PER_TIME_WORDS = ("second", "minute", "hour", "day", "week", "month", "year", "decade", "century")
_PER_TIME = re.compile(rf"\s*(?:per|an?|each|/)\s*(?P<d>{'|'.join(PER_TIME_WORDS)})\b", re.IGNORECASE)
_PER_NOUN = re.compile(r"\s*(?:(?P<per>per|an?|each)\s+)(?P<d>[A-Za-z][A-Za-z-]*)", re.IGNORECASE)
_NOT_RATE = re.compile(r"\s+(?:earlier|ago|before|later|after|previously|prior)\b", re.IGNORECASE)
_RATE = re.compile(r"(?:\s*(?:per|an?|each)\s+|-(?:an?|per)-|\s*/\s*)(?P<d>[A-Za-z][A-Za-z-]*(?:\s(?:m|ft|km|mile|metre|meter|foot)\b)?)",
                   re.IGNORECASE)  # fmt: skip


def _number(m: re.Match[str], lex: Lexicon) -> tuple[float, str] | None:
    g = m.lastgroup
    text = m.group(0).lower()
    if m.group("mixed"):  # "3 1/2", "2½", "¾"
        return float(m.group("whole") or 0) + lex.written_fractions[m.group("part")], "digits"
    if m.group("digits"):
        return float(re.sub(r"[,\u00a0\u202f\u2009]", "", text)), "digits"
    if m.group("a_scale"):
        frac = {"quarter": 0.25, "half": 0.5, "third": 1 / 3}.get((m.group("a_frac") or "").lower(), 1.0)
        return frac * lex.scales[m.group("a_word").lower()], "a_scale"
    if m.group("half_a"):
        return 0.5 * lex.scales[m.group("half_scale").lower()], "a_scale"
    if m.group("a_one"):
        return 1.0, "a_one"  # "an hour and a half": the half is added after the unit
    key = " ".join(text.split())
    if m.group("few"):  # "several hundred": the least it means (the most is set in _amount)
        return lex.vague_multiples[_few_words(m)][0] * lex.scales[m.group("few_scale").lower()], "vague"
    if m.group("vague"):
        return lex.vague[key], "vague"
    if m.group("fraction"):
        return (lex.fractions[key], "fraction") if key in lex.fractions else None
    if m.group("word"):
        if m.group("point"):  # "one point six": the whole number, then each digit word after "point"
            whole = " ".join(text[: m.start("point") - m.start()].split())
            digits = re.findall(r"[a-z]+", m.group("point").lower())[1:]
            decimals = "".join(str(int(lex.words[d])) for d in digits)
            return _word_value(whole, lex) + float(f"0.{decimals}"), "word"
        return _word_value(key, lex), ("weak" if key in lex.weak else "word")
    raise AssertionError(g)


def _word_value(key: str, lex: Lexicon) -> float:
    """A number word's value: a listed one ("twelve", "a dozen") or tens and ones ("twenty-three")."""
    if key in lex.words:
        return lex.words[key]
    parts = re.split(r"[- ]", key)
    return lex.words[parts[0]] + lex.words[parts[-1]]


def _few_words(m: re.Match[str]) -> str:
    """The lexicon key of the words before the scale in "several hundred", "a couple of thousand"."""
    return " ".join(m.group("few_words").lower().split())


def _scales(text: str, pos: int, currency: bool, lex: Lexicon) -> tuple[float, int]:
    factor = 1.0
    while True:
        m = lex.scale_re.match(text, pos)
        if m:
            factor *= lex.scales[m.group("s").lower()]
            pos = m.end()
            continue
        if currency:
            m = lex.money_scale_re.match(text, pos)
            if m and (m.start() == pos or text[pos] == " "):
                factor *= lex.money_scales[m.group("s").lower()]
                pos = m.end()
        return factor, pos


def unit_at(text: str, pos: int, lex: Lexicon) -> tuple[str, str, int] | None:
    m = lex.unit_symbol_re.match(text, pos)
    best = None
    if m:  # "u": a symbol, after a space or glued; "g": one that is a unit only glued ("6.7in", "249g")
        best = (*lex.unit_symbols[m.group("u") or m.group("g")], m.end())
    m = lex.unit_re.match(text, pos)
    if m and (best is None or m.end() > best[2]):
        best = (*lex.units[unit_key(m.group("u"))], m.end())
    return best


def _closes_quote(text: str, pos: int) -> bool:
    """A straight double quote at ``pos`` closes a quotation opened earlier in its paragraph."""
    line = text[text.rfind("\n", 0, pos) + 1 : pos]
    return line.count('"') % 2 == 1 or line.count("“") > line.count("”")


def _million_of(text: str, pos: int, lex: Lexicon) -> bool:
    """After a glued "m": a plural noun that is no unit ("15m views", "2m people") makes it "million"."""
    w = re.match(r"\s([a-z]+)\b", text[pos : pos + 30])
    if not w:
        return False
    word = w.group(1)
    plural = word in lex.irregular and lex.irregular[word] != word or (
        word.endswith("s") and not word.endswith("ss") and word not in lex.singular_s
    )
    return plural and word not in lex.units and word not in lex.metre_plurals


def _money_after(text: str, pos: int, lex: Lexicon) -> tuple[str, int] | None:
    m = lex.currency_name_re.match(text, pos)
    if m:
        return lex.currency_names[" ".join(m.group("c").lower().split())], m.end()
    m = lex.symbol_after_re.match(text, pos)
    if m and m.group("c") != "$":
        return lex.symbols[m.group("c")], m.end()
    return None


def _singular_word(word: str) -> str:
    """ "games" -> "game", "hectares" -> "hectare" (a rate's denominator; "glass", "bus" stay)."""
    return word[:-1] if word.endswith("s") and not word.endswith(("ss", "us")) else word


def _hyphen_label(before: str, lex: Lexicon) -> bool:
    """A number after a hyphenated word is a label ("COVID-19", "F-16", "under-21", "top-10") unless the
    word is an adverb the lexicon lists ("the now-14 month-old", "the then-45-year-old", "minus-130")."""
    m = _HYPHEN_WORD.search(before)
    return bool(m) and m.group(1).lower() not in lex.hyphen_adverbs


def _rate_name(text: str, rate: re.Match[str], lex: Lexicon) -> tuple[str, int] | None:
    """What a currency amount is per ("$30 per person", "$65.40 a barrel"), and where it ends."""
    denom = rate.group("d")
    found = unit_at(text, rate.start("d"), lex)
    name = found[0] if found else denom.lower().rstrip("s") if not denom.lower().endswith("ss") else denom
    name = lex.per_names.get(name, name)  # "per annum": per year
    if text[rate.start() : rate.start("d")].strip(" -").lower() in ("a", "an") and name in lex.not_per:
        return None  # "a lot", "a record"
    return name, (found[2] if found else rate.end("d"))


def _amount(text: str, m: re.Match[str], lex: Lexicon) -> Amount | None:
    parsed = _number(m, lex)
    if parsed is None:
        return None
    value, kind = parsed
    start, pos = m.start(), m.end()
    if kind == "digits" and _hyphen_label(text[max(0, start - 16) : start], lex):
        return None
    if kind in ("digits", "word", "weak") and not m.group("mixed"):
        more = _AND_FRACTION.match(text, pos)
        if more:  # "two and a half years", "one and a half million"
            value += _FRACTION_AFTER_AND[re.sub(r"[\s-]+", " ", more.group("f").lower())]
            pos, kind = more.end(), ("word" if kind == "weak" else kind)
    elif kind == "fraction" and (of_scale := _OF_A_SCALE.match(text, pos)) \
            and of_scale.group("s").lower() in lex.scales:  # fmt: skip
        value *= lex.scales[of_scale.group("s").lower()]  # "a quarter of a trillion dollars": 2.5e11
        pos, kind = of_scale.end(), "a_scale"
    elif kind == "fraction" and m.group(0).lower() == "half":
        art = _ARTICLE.match(text, pos)  # "half a percentage point", "half an hour", "half a mile"
        if art and (unit_at(text, art.end(), lex) or _money_after(text, art.end(), lex)):
            pos, kind = art.end(), "word"
    left = text[max(0, start - 40) : start]
    unit = family = None
    reasons = []
    sym = lex.symbol_before_re.search(left)
    if sym and sym.group("c") in lex.glued_symbols and sym.end("c") != len(left):
        sym = None
    negative = False
    if sym:
        unit, family = lex.symbols[sym.group("c")], "currency"
        start -= len(left) - sym.start("c")
        negative = bool(sym.group("neg"))
        reasons.append("currency symbol")
    else:
        sign = re.search(r"(?:\bminus[- ]|(?<![\w%)])\s?[-−])$", left, re.IGNORECASE)
        if sign and re.search(r"\bplus\s+or\s+minus[- ]$", left, re.IGNORECASE):
            sign = None  # "plus or minus 3.1 points": a margin, not a negative amount
        # "minus" always; a dash only before digits not glued to a word ("-One poll shows ...": a list dash)
        if sign and (sign.group(0).lower().startswith("minus")
                     or kind == "digits" and not re.search(r"[\w%)][-−]$", left)):
            negative = True
            start -= len(sign.group(0).lstrip())
    num_start = m.start()
    power = _TIMES_TEN.match(text, pos) if kind == "digits" else None
    if power:  # "1.99×10−30", "6.02 x 10^23", "3×10⁸"
        exponent = (power.group("c") or power.group("s") or power.group("m")).translate(_SUPERSCRIPT).replace("−", "-").replace("–", "-")
        value = float(f"{value!r}e{int(exponent)}")
        pos = power.end()
        reasons.append("scientific notation")
    factor, pos = _scales(text, pos, unit is not None, lex)
    if sym and sym.group("c") in lex.glued_symbols and factor == 1.0 and re.fullmatch(r"\d", m.group(0)):
        return None  # "PS5", "PS4": a console, not £5 (the ASCII "£" writes "PS8.1bn", "PS1,000")
    if sym and sym.group("c") in lex.scaled_symbols and factor == 1.0:
        return None  # "#12": a rank or a label; "#12 million" is money
    scaled = factor != 1.0 or kind in ("a_scale", "vague")
    value *= factor
    if kind in ("vague", "a_scale") and re.match(r"\s+of\s+", text[pos:]):
        pass  # "millions of dollars": the currency name comes after "of"
    if unit is None:
        money = _money_after(text, pos, lex)
        if money is None and kind in ("vague", "a_scale"):
            of = re.match(r"\s+of\s+", text[pos:])
            if of:
                money = _money_after(text, pos + of.end() - 1, lex)
        if money:
            unit, family = money[0], "currency"
            pos = money[1]
            reasons.append("currency name")
        else:
            minor = lex.minor_re.match(text, pos)
            if minor and not (minor.group("c").lower() == "p" and minor.start("c") != pos):
                unit, family, pos = lex.minor[minor.group("c").lower()], "currency", minor.end()
                reasons.append("minor currency")
    if unit is None:
        found = unit_at(text, pos, lex)
        if found and text[pos : found[2]] == "m" and _million_of(text, found[2], lex):
            value, scaled, pos, found = value * 1e6, True, found[2], None  # "15m views": 15 million
            reasons.append("m for million")
        elif not found and kind == "digits" and re.match(r"[kK](?![A-Za-z])", text[pos : pos + 2]) \
                and _million_of(text, pos + 1, lex):  # fmt: skip
            value, scaled, pos = value * 1e3, True, pos + 1  # "35k fans": 35 thousand
            reasons.append("k for thousand")
        if found and text[pos : found[2]] == '"' and _closes_quote(text, pos):
            found = None  # 'he said "about 1,000" were hurt': the mark closes a quotation, not inches
        if found and found[0] == "pound-mass" and factor >= 1e6:
            found = ("GBP", "currency", found[2])  # "480 million pounds": money, not weight
        if found:
            unit, family, pos = found
            reasons.append("unit")
            if unit in lex.age_units:
                old = re.match(r"(?:-|\s)old\b", text[pos:])
                if old:
                    family, pos = "age", pos + old.end()
    if kind == "a_one":
        half = _AND_FRACTION.match(text, pos)
        if unit is None or not half or half.group("f").lower() != "a half":
            return None
        value, pos, kind = 1.5, half.end(), "word"  # "a year and a half", "a mile and a half"
    if unit is None and kind in ("digits", "word", "composed") and lex.age_before_re.search(left) \
            and not re.match(r"\s+of\b", text[pos : pos + 4]):  # fmt: skip
        # ("turned 40 of them over" is no age)
        unit, family = "year", "age"  # "aged 35", "at age 40": an age in years
        reasons.append("age")
    if unit == "USD" and sym and sym.group("c") == "$":
        nation = lex.dollar_after_re.match(text, pos)
        if nation:  # "$82 U.S. per barrel", "$1.2 billion Canadian"
            unit, pos = lex.dollar_after[nation.group("q")], nation.end()
    if family in ("currency",) or (family and family not in ("duration", "age", "percent")):
        rate = _RATE.match(text, pos)
        if rate and _NOT_RATE.match(text, rate.end()):
            rate = None  # "$6.78 billion a year earlier": when, not per what
        per = _rate_name(text, rate, lex) if rate and family == "currency" else None
        if per:
            unit, family, pos = f"{unit} per {per[0]}", "rate", per[1]
        paren = _PAREN.match(text, pos) if family == "currency" else None
        rate = _RATE.match(text, paren.end()) if paren else None
        per = _rate_name(text, rate, lex) if rate and not _NOT_RATE.match(text, rate.end()) else None
        if per:  # "9 billion shekels ($2.4 billion) a year": the rate after the conversion is this one's too
            unit, family = f"{unit} per {per[0]}", "rate"
    if family and family not in ("duration", "age", "percent", "currency", "rate") and " per " not in unit:
        per = _PER_TIME.match(text, pos)
        if per and not _NOT_RATE.match(text, per.end()):  # "11 feet per century", "40 tonnes a day"
            unit, family, pos = f"{unit} per {per.group('d').lower()}", "rate", per.end()
        elif not per:
            per = _PER_NOUN.match(text, pos)
            found = unit_at(text, per.start("d"), lex) if per else None
            word = per.group("d").lower() if per else ""
            if per and (found or word in lex.per_nouns or per.group("per").lower() == "per") and word not in lex.not_per:
                name, end = (found[0], found[2]) if found else (_singular_word(word), per.end())
                unit, family, pos = f"{unit} per {name}", "rate", end  # "25 points per game", "5 tonnes per hectare"
    qualifier, bound = None, "exact"
    q = lex.qual_before_re.search(text[max(0, start - 30) : start])
    if q:
        qualifier = q.group("q")
        bound = lex.qual_before[qualifier.lower()]
        start -= len(text[max(0, start - 30) : start]) - q.start("q")
    qa = lex.qual_after_re.match(text, pos)
    if qa:  # "30-odd years", "some 40-plus countries": a hedge after the number (the one before wins)
        if qualifier is None:
            written = qa.group("q").strip()
            bound = lex.qual_after.get(written.lower(), "approx")
            qualifier = written.lstrip("-")
        pos = qa.end()
        found = unit_at(text, pos, lex) if unit is None else None
        if found:
            unit, family, pos = found  # "30-odd years", "20 or so miles": the unit after the hedge
    high = None
    if m.group("few"):  # "several hundred": 300 to 900; "a couple hundred": about 200
        least, most = lex.vague_multiples[_few_words(m)]
        high = value * most / least if most != least else None
        bound = "approx" if bound == "exact" else bound
    elif kind == "vague" and bound == "exact":
        bound = "lower"
    if kind == "vague" and " ".join(m.group(0).lower().split()) in lex.vague_tenfold:
        high = value * 10  # "thousands": from 1,000 up to 10,000
    if unit is None and (kind == "fraction" or m.group("mixed") and not m.group("whole") and re.match(r"\s+of\b", text[pos:])):
        unit, family = "fraction", "fraction"  # "a third", "¾ of the budget"
    if negative:
        value = -value
    return Amount(
        start, pos, text[start:pos], value, num_start, kind, high=high, unit=unit, family=family, qualifier=qualifier,
        bound=bound, scaled=scaled, currency=family in ("currency", "rate"), reason=", ".join(reasons) or kind,
    )  # fmt: skip


def scan(text: str, lex: Lexicon | None = None) -> list[Amount]:
    """Every amount in ``text``, ranges merged, in text order."""
    lex = lex or get()
    found: list[Amount] = []
    pos = 0
    for m in lex.core.finditer(text):
        if m.start() < pos:
            continue
        a = _amount(text, m, lex)
        if a is None:
            continue
        if found and a.start < found[-1].end:  # a qualifier or symbol reaching into the previous amount
            continue
        found.append(a)
        pos = a.end
    return suspended_hyphens(text, merge_ranges(text, compose_words(text, found, lex), lex))
