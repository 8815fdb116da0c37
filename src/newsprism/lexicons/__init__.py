"""Heuristics as data: each YAML file here is one lexicon, read once and cached.

    boilerplate.yaml  page furniture cut from bodies, each rule with its reason
    header.yaml       header lines of text exports (date, author and source lines)
    comments.yaml     reader comment thread formats
    calendar.yaml     month and weekday names, time zone abbreviations
    outlets.yaml      outlet names, domains, signatures and countries
    languages.yaml    function words for a cheap language guess
    paragraphs.yaml   words after which a paragraph cannot end (for joining broken paragraphs)
    times*.yaml       time expression patterns, holidays, number and unit words, tense cues (times stage)
    entities.yaml     titles and roles, organisation cue words, demonyms, capitals for metonymy (entities)
    names.yaml        honorifics, name particles, given-name equivalences, org suffixes (entity linking)
    places.yaml       country variants, region abbreviations, regions, resolution weights (places)
    features.yaml     seas, rivers, ranges, deserts, regions, landmarks the city gazetteer lacks (places)
    quotes.yaml       cue verbs and nouns, sources, speaker labels (quotes)
    figures.yaml      number words, scales, units, currencies, counted nouns (figures)
    causal.yaml       causal cue verbs, connectives, purpose words and their readings (causal)
    alignment.yaml    what makes two figures or claims the same, and how close is agreement (alignment)
    html_reader.yaml  elements that hold no visible text, charset labels (HTML reader)
    input_fields.yaml field names of JSON, JSON Lines and CSV inputs, dates in URLs (ingest)
    admin1.tsv        GeoNames first-level regions; admin2.tsv: US counties (see scripts/build_admin1.py)
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

# libyaml's loader when PyYAML was built with it (about ten times faster), else the pure-Python one
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BOOL = "tag:yaml.org,2002:bool"


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """The safe loader with YAML 1.2's booleans: only true and false. YAML 1.1 also reads yes, no, on and
    off as booleans, which turned words in lists ("sparked off", the preposition "on") into True/False."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _BOOL]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def yaml_load(text: str) -> Any:
    """Parse YAML text safely, with only true/false as booleans (lexicons and the user's aliases file)."""
    return yaml.load(text, Loader=_Loader)


@lru_cache(maxsize=None)
def load(name: str) -> Any:
    """The parsed contents of ``<name>.yaml`` in this folder."""
    text = resources.files(__name__).joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    return yaml_load(text)


def phrases_pattern(phrases) -> str:
    """A regex alternation of lexicon phrases, longest first, each word escaped and any run of whitespace
    between words allowed; ``(?!)`` (matches nothing) when there are none."""
    forms = sorted({r"\s+".join(re.escape(part) for part in str(p).split(" ")) for p in phrases or ()},
                   key=lambda f: (-len(f), f))  # fmt: skip
    return "|".join(forms) or "(?!)"


@lru_cache(maxsize=None)
def compiled(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


# Printable ASCII characters: ``re`` matches one of them ignoring case exactly where it appears in the text
# lower-cased, once the three letters ``re`` folds otherwise are folded first (İ and dotless ı as i, long ſ
# as s; checked over every Unicode character)
_PLAIN = frozenset(chr(c) for c in range(32, 127))


def fold_for_search(text: str) -> str:
    """``text`` as :func:`required_text` is looked for in it: İ, ı and ſ folded, then lower case."""
    if not text.isascii():
        text = text.replace("İ", "i").replace("ı", "i").replace("ſ", "s")
    return text.lower()


@lru_cache(maxsize=None)
def required_text(rx: re.Pattern[str]) -> str | None:
    """Plain text (lower case, three characters or more) that every match of the case-insensitive ``rx``
    contains, or None: its longest run of literal characters outside any group, class or repeat. Where it is
    missing from ``fold_for_search(text)``, ``rx.search(text)`` cannot match, so one substring test can
    stand in for a slow case-insensitive search over a long text."""
    import re._parser as sre

    if not rx.flags & re.IGNORECASE:
        return None
    try:
        items = list(sre.parse(rx.pattern, rx.flags))
    except re.error:
        return None
    best, run = "", []
    for op, arg in [*items, (None, None)]:
        if op is sre.LITERAL and chr(arg) in _PLAIN:
            run.append(chr(arg).lower())
            continue
        if len(run) > len(best):
            best = "".join(run)
        run = []
    return best if len(best) >= 3 else None
