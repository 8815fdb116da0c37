"""The figures lexicon (``lexicons/figures.yaml``) compiled once into lookup tables and regexes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ... import lexicons
from ...errors import ConfigError


def _alt(words, *, escape: bool = True) -> str:
    """A regex alternation of ``words``, longest first (so "per cent" wins over "per")."""
    forms = sorted({w for w in words}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) if escape else w for w in forms)


def _spaced(form: str) -> str:
    """A lexicon form as a regex where any run of spaces may be any whitespace."""
    return r"\s+".join(re.escape(part) for part in form.split(" "))


def _unit_form(form: str) -> str:
    """A unit of several words as a regex: the words parted by whitespace or a hyphen ("square-mile", "a
    2.5 million-square-kilometre basin"), "sq" with or without its full stop ("sq. km")."""
    parts = [r"sq\.?" if part == "sq" else re.escape(part) for part in form.split(" ")]
    return r"(?:\s+|-)".join(parts)


def unit_key(written: str) -> str:
    """The key of a unit as written in :attr:`Lexicon.units`: lower case, words parted by one space
    ("Square-Feet" and "square  feet" -> "square feet", "sq. km" -> "sq km")."""
    return re.sub(r"[\s-]+", " ", written.lower()).replace("sq.", "sq").strip()


def _unit_forms(units: dict) -> dict:
    """The written unit forms, with "sq" for each "square" one ("sq kilometres", "sq. miles")."""
    out = dict(units)
    for form, unit in units.items():
        if form.startswith("square "):
            out.setdefault("sq " + form[len("square ") :], unit)
    return out


@dataclass(frozen=True)
class Lexicon:
    words: dict[str, float]  # number words and their values
    weak: frozenset[str]
    scales: dict[str, float]
    money_scales: dict[str, float]
    fractions: dict[str, float]
    written_fractions: dict[str, float]
    vague: dict[str, float]
    vague_tenfold: frozenset[str]
    vague_multiples: dict[str, tuple[float, float]]
    qual_before: dict[str, str]
    qual_after: dict[str, str]
    symbols: dict[str, str]
    glued_symbols: frozenset[str]
    scaled_symbols: frozenset[str]  # a currency only before a scale word ("#4 billion")
    currency_names: dict[str, str]
    dollar_after: dict[str, str]
    minor: dict[str, str]
    units: dict[str, tuple[str, str]]
    unit_symbols: dict[str, tuple[str, str]]
    age_units: frozenset[str]
    metre_plurals: frozenset[str]
    irregular: dict[str, str]
    singular_s: frozenset[str]
    men_singulars: frozenset[str]
    singular_s_endings: tuple[str, ...]  # those of five letters or more, which also end compounds
    family_of: dict[str, str]
    death_words: tuple[str, ...]
    death_before_re: re.Pattern[str]
    injury_words: tuple[str, ...]
    injury_before_re: re.Pattern[str]
    demonym_endings: tuple[str, ...]
    group_plurals: frozenset[str]
    label_before: frozenset[str]
    not_after: frozenset[str]
    source_cues: tuple[str, ...]
    counted_stop: frozenset[str]
    selection_words: frozenset[str]
    not_per: frozenset[str]
    per_nouns: frozenset[str]
    per_names: dict[str, str]
    multiplier_nouns: frozenset[str]
    hyphen_adverbs: frozenset[str]
    hyphen_not_counted: frozenset[str]
    plural_as_singular: frozenset[str]  # nouns a count above one takes unchanged ("30 staff", "200 crew")
    life_event_verbs: frozenset[str]  # "died at 77", "retired at 65": "at" + a number after them is an age
    copula_forms: frozenset[str]  # "be" before an age: "Gee was 17"
    person_pronouns: frozenset[str]  # subjects that are persons: "he", "she"
    people_words: frozenset[str]  # "those under 30": people of any kind
    alone_deps: frozenset[str]
    alone_not_after: frozenset[str]
    alone_not_before: frozenset[str]
    # compiled
    idiom_re: re.Pattern[str]
    change_re: re.Pattern[str]
    dollar_after_re: re.Pattern[str]
    age_before_re: re.Pattern[str]
    core: re.Pattern[str]
    scale_re: re.Pattern[str]
    money_scale_re: re.Pattern[str]
    qual_before_re: re.Pattern[str]
    qual_after_re: re.Pattern[str]
    symbol_before_re: re.Pattern[str]
    symbol_after_re: re.Pattern[str]
    currency_name_re: re.Pattern[str]
    minor_re: re.Pattern[str]
    unit_re: re.Pattern[str]
    unit_symbol_re: re.Pattern[str]
    source_re: re.Pattern[str]


def _multiples(data: dict) -> dict[str, tuple[float, float]]:
    """vague_multiples as (least, most), each checked: a least of 0 would divide by zero later."""
    out = {}
    for words, pair in data.get("vague_multiples", {}).items():
        try:
            least, most = (float(v) for v in pair)
        except (TypeError, ValueError):
            least = most = float("nan")
        if not 0 < least <= most:
            raise ConfigError(f"figures.yaml: vague_multiples {words!r} must be [least, most] with "
                              f"0 < least <= most, not {pair!r}")
        out[str(words)] = (least, most)
    return out


def _fractions(data: dict) -> dict[str, float]:
    """The fraction words: the listed ones, and each numerator word with each ordinal ("one-fifth", "two
    fifths", "a tenth", "an eighth"), proper fractions only."""
    out = dict(data["fractions"])
    parts = data.get("fraction_parts", {})
    for den, d in parts.get("denominators", {}).items():
        plural = den + "s"
        out.setdefault(("an " if den[0] in "aeiou" else "a ") + den, 1 / d)
        for num, n in parts.get("numerators", {}).items():
            if n >= d:
                continue
            for sep in ("-", " "):
                out.setdefault(f"{num}{sep}{den if n == 1 else plural}", n / d)
    return out


def _core_pattern(data: dict) -> str:
    words = data["number_words"]
    tens = data["tens_words"]
    ones = [w for w, v in words.items() if isinstance(v, int) and 1 <= v <= 9 and " " not in w]
    compound = rf"(?:{_alt(tens)})[- ](?:{_alt(ones)})"
    # a decimal spelt out, as broadcast transcripts write it: "one point six billion", "seven-point-one"
    digit_words = [w for w, v in words.items() if isinstance(v, int) and 0 <= v <= 9 and " " not in w]
    point = rf"(?P<point>[\s-]+point(?:[\s-]+(?:{_alt(digit_words)})\b)+)"
    word = rf"(?:{compound}|{_alt([_spaced(w) for w in words], escape=False)}){point}?"
    scale = _alt(data["scales"])
    vague = _alt([_spaced(w) for w in data["vague"]], escape=False)
    few = _alt([_spaced(w) for w in data.get("vague_multiples", {})], escape=False) or r"(?!)"
    parts = data.get("fraction_parts", {})
    nums, dens = _alt(parts.get("numerators", {})), _alt(parts.get("denominators", {}))
    # the listed fractions, then the composed ones as one compact pattern (a form it matches that
    # _fractions did not make, "five-thirds", is no fraction: scan drops it)
    fractions = _alt([_spaced(w) for w in data["fractions"]], escape=False) + (
        rf"|(?:{nums}|an?)[\s-]+(?:{dens})s?" if nums and dens else ""
    )
    # thousands parted by commas, or by no-break or thin spaces ("10\u00a0000")
    digits = r"(?:\d{1,3}(?:(?:,\d{3})+|(?:[\u00a0\u202f\u2009]\d{3})+)(?!\d)|\d+)(?:\.\d+)?|\.\d+"
    slash = _alt([f for f in data["written_fractions"] if "/" in f])
    glyph = _alt([f for f in data["written_fractions"] if "/" not in f])
    # a cheap test before the alternatives: the first two characters of some number ("tw", "a ", "ha") or
    # a digit, a decimal point or a fraction glyph; most words fail it at once
    spelled = [*words, *tens, *data["vague"], *data.get("vague_multiples", {}), *data["fractions"],
               *parts.get("numerators", {}), "a ", "an ", "half"]
    firsts = sorted({w[:2].lower() for w in spelled})
    lead = "|".join(re.escape(f).replace(r"\ ", r"[\s-]") for f in firsts)
    return (  # a slash fraction after a whole number needs a space or hyphen ("3 1/2"; "31/2" is no 3½)
        rf"(?=[\d.{glyph.replace('|', '')}]|{lead})"
        rf"(?:(?P<mixed>(?:(?P<whole>\d+)(?:[\s-](?=\d)|-?(?=[{glyph.replace('|', '')}])))?"
        rf"(?P<part>{slash}|{glyph})(?![\d/]))"
        rf"|(?P<digits>{digits})"
        rf"|(?P<a_scale>(?:a|one)[\s-](?:(?P<a_frac>quarter|half|third)[\s-])?(?P<a_word>{scale}))\b"
        rf"|(?P<half_a>half[\s-]+an?[\s-]+(?P<half_scale>{scale}))\b"
        rf"|(?P<a_one>an?)(?=\s+(?:{_alt(data.get('and_a_half_units', []))})\s+and\s+a\s+half\b)"
        rf"|(?P<few>(?P<few_words>{few})[\s-]+(?P<few_scale>{scale}))\b"
        rf"|(?P<vague>{vague})\b"
        rf"|(?P<fraction>{fractions})\b"
        rf"|(?P<word>{word})\b)"
    )


def _number_start(symbols) -> str:
    """Where a number may start: not inside a word or another number (nor after "29:" in a clock time or
    a ratio), except right after a currency symbol that ends in a letter ("$US55,931,000", "RMB5")."""
    glued = sorted({s for s in symbols if re.match(r"[\w.,]", s[-1])}, key=lambda s: (-len(s), s))
    if not glued:
        return r"(?<!\d:)(?<![\w.,])"
    # cheap tests first: a digit must follow (only digits come glued to a symbol), the character before must
    # be the last of some symbol, and then only the symbols ending in it are tried ("$US" after "S")
    by_last: dict[str, list[str]] = {}
    for s in glued:
        by_last.setdefault(s[-1], []).append(s)
    after_symbol = "|".join(
        f"(?<={re.escape(last)})(?:" + "|".join(f"(?<=(?<![A-Za-z]){re.escape(s)})" for s in group) + ")"
        for last, group in sorted(by_last.items())
    )
    last = re.escape("".join(sorted(by_last)))
    return rf"(?<!\d:)(?:(?<![\w.,])|(?=\d)(?-i:(?<=[{last}])(?:{after_symbol})))"


def _before_re(words) -> re.Pattern[str]:
    """Any of ``words`` right before an amount (at the end of the text before it)."""
    return re.compile(rf"\b(?:{lexicons.phrases_pattern(words)})\s*$", re.IGNORECASE)


@lru_cache(maxsize=1)
def get() -> Lexicon:
    data = lexicons.load("figures")
    family_of: dict[str, str] = {}
    for family, nouns in data["families"].items():
        for noun in nouns or []:
            family_of.setdefault(noun, family)
    units = _unit_forms({k: tuple(v) for k, v in data["units"].items()})
    unit_symbols = {k: tuple(v) for k, v in data["unit_symbols"].items()}
    glued_units = {k: tuple(v) for k, v in data.get("unit_symbols_glued", {}).items()}
    symbols = data["currency_symbols"]
    symbol_forms = sorted(symbols, key=lambda s: (-len(s), s))
    glued = set(data.get("currency_symbols_glued", []))
    ci = re.IGNORECASE
    return Lexicon(
        words={k: float(v) for k, v in data["number_words"].items()},
        weak=frozenset(data["weak_words"]),
        scales={k: float(v) for k, v in data["scales"].items()},
        money_scales={k: float(v) for k, v in data["scales_money_only"].items()},
        fractions=_fractions(data),
        written_fractions={k: float(v) for k, v in data["written_fractions"].items()},
        vague={k: float(v) for k, v in data["vague"].items()},
        vague_tenfold=frozenset(data.get("vague_tenfold", [])),
        vague_multiples=_multiples(data),
        qual_before=dict(data["qualifiers_before"]),
        qual_after=dict(data["qualifiers_after"]),
        symbols=symbols,
        glued_symbols=frozenset(glued),
        scaled_symbols=frozenset(data.get("currency_symbols_scaled", [])),
        currency_names=dict(data["currency_names"]),
        dollar_after=dict(data["dollar_after"]),
        minor=dict(data["minor_currency"]),
        units={**{unit_key(k): v for k, v in units.items()}, **units},
        unit_symbols={**glued_units, **unit_symbols},
        age_units=frozenset(data["age_units"]),
        metre_plurals=frozenset(data.get("metre_plurals", [])),
        irregular=dict(data["irregular_plurals"]),
        singular_s=frozenset(data["singular_s"]),
        men_singulars=frozenset(data.get("men_singulars", [])),
        singular_s_endings=tuple(sorted(w for w in data["singular_s"] if len(w) >= 5)),
        family_of=family_of,
        death_words=tuple(data["death_words"]),
        death_before_re=_before_re(data["death_before"]),
        injury_words=tuple(data.get("injury_words", [])),
        injury_before_re=_before_re(data.get("injury_before", [])),
        demonym_endings=tuple(data["demonym_endings"]),
        # plural names of peoples, faiths and parties ("Uyghurs", "Sikhs", "Democrats") from the entities
        # lexicon's groups: a count of them counts people
        group_plurals=frozenset(
            str(k).lower() for k in (lexicons.load("entities").get("groups") or {}) if str(k).endswith("s")
        ),
        label_before=frozenset(data["label_before"]),
        not_after=frozenset(data["not_after"]),
        source_cues=tuple(data["source_cues"]),
        counted_stop=frozenset(data["counted_stop"]),
        selection_words=frozenset(data["selection_words"]),
        not_per=frozenset(data["not_per"]),
        per_nouns=frozenset(data["per_nouns"]),
        per_names=dict(data["per_names"]),
        multiplier_nouns=frozenset(data["multiplier_nouns"]),
        hyphen_adverbs=frozenset(data["hyphen_adverbs"]),
        hyphen_not_counted=frozenset(data.get("hyphen_not_counted", [])),
        plural_as_singular=frozenset(data.get("plural_as_singular", []))
        | {k for k, v in data["irregular_plurals"].items() if k == v},
        life_event_verbs=frozenset(data.get("life_event_verbs", [])),
        copula_forms=frozenset(data.get("copula_forms", [])),
        person_pronouns=frozenset(data.get("person_pronouns", [])),
        people_words=frozenset(data.get("people_words", [])),
        alone_deps=frozenset(data["word_number_alone"]["deps"]),
        alone_not_after=frozenset(data["word_number_alone"]["not_after"]),
        alone_not_before=frozenset(data["word_number_alone"]["not_before"]),
        idiom_re=re.compile(rf"\b(?:{_alt([_spaced(w) for w in data.get('idioms', [])], escape=False)})\b", ci),
        core=re.compile(rf"{_number_start(symbol_forms)}(?:{_core_pattern(data)})", ci),
        scale_re=re.compile(rf"[\s-]*(?P<s>{_alt(data['scales'])})(?![a-z])", ci),
        money_scale_re=re.compile(rf"(?P<s>{_alt(data['scales_money_only'])})(?![a-z])", ci),
        qual_before_re=re.compile(rf"(?:^|(?<=[^\w]))(?P<q>{_alt(data['qualifiers_before'])})\s+$", ci),
        qual_after_re=re.compile(rf"(?P<q>\s*(?:{_alt(data['qualifiers_after'])}))(?![a-z])", ci),
        symbol_before_re=re.compile(rf"(?:^|(?<=[^A-Za-z]))(?P<c>{_alt(symbol_forms)})\s?(?P<neg>[-−])?$"),
        symbol_after_re=re.compile(
            rf"\s?(?P<c>{_alt([s for s in symbol_forms if s[-1] != ' ' and s not in glued])})(?![A-Za-z])"
        ),
        currency_name_re=re.compile(
            rf"[\s-]*(?P<c>{_alt([_spaced(w) for w in data['currency_names']], escape=False)})(?![a-z])", ci
        ),
        minor_re=re.compile(rf"\s?(?P<c>{_alt(data['minor_currency'])})(?![a-z])", ci),
        unit_re=re.compile(
            rf"[\s-]?(?P<u>{_alt([_unit_form(u) for u in units], escape=False)})(?![a-z0-9])", ci
        ),
        unit_symbol_re=re.compile(
            rf"(?:\s?(?P<u>{_alt(unit_symbols)})|(?P<g>{_alt(glued_units)}))(?![A-Za-z0-9])"
        ),
        source_re=re.compile(rf"\b(?P<cue>{_alt(data['source_cues'])})\s+", ci),
        age_before_re=re.compile(  # also with a hedge between: "aged over 60", "aged about 35"
            rf"\b(?:{_alt(data['age_before'])})\s+(?:(?:{_alt(data['qualifiers_before'])})\s+)?$", ci
        ),
        dollar_after_re=re.compile(rf"\s+(?P<q>{_alt(data['dollar_after'])})(?![A-Za-z])(?:\s+dollars?\b)?"),
        change_re=re.compile(rf"\b(?:{_alt([_spaced(w) for w in data['change_words']], escape=False)})\s+$", ci),
    )
