"""Finding time expressions: leftmost-longest matching of the grammar's rules.

Only words that can begin a time expression are tried: every word the patterns spell out, less the
lexicon's ``never_first`` list, plus any number. At each such word the combined pattern (every rule at
once) says whether anything matches; where it does, every rule is tried and the matches are offered
longest first (ties in the lexicon's rule order), so "the third quarter of 1990" wins over "the third
quarter" and over "1990". The tagger takes the first offer its resolver accepts and resumes after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .grammar import GRAMMAR, Rule

Offer = tuple[Rule, re.Match[str]]
_TOKEN = re.compile(r"[A-Za-z]+|[0-9]+|'(?=[0-9])")
_LITERAL = re.compile(r"(?<![\\?])[A-Za-z]{1,}")


def _triggers() -> frozenset[str]:
    words: set[str] = set()
    for spelt in GRAMMAR.spelt:
        source = re.sub(r"\(\?P<\w+>|\\[a-zA-Z]|\(\?[<!=:]+|\[\^?[^\]]*\]", " ", spelt)
        words.update(w.lower() for w in _LITERAL.findall(source))
    return frozenset(words - set(GRAMMAR.tables.get("never_first", [])))


TRIGGERS = _triggers()


def offers_at(text: str, start: int, end: int | None = None, skip: tuple[str, ...] = ()) -> list[Offer]:
    """Every rule's match starting exactly at ``start`` (ending by ``end``), longest first."""
    stop = len(text) if end is None else end
    found = []
    for order, rule in enumerate(GRAMMAR.rules):
        if rule.name in skip:
            continue
        m = rule.regex.match(text, start, stop)
        if m and m.end() > m.start():
            found.append((-(m.end() - m.start()), order, rule, m))
    found.sort(key=lambda f: (f[0], f[1]))
    return [(rule, m) for _, _, rule, m in found]


def starts(text: str) -> Iterator[int]:
    """Offsets of the words at which a time expression may begin."""
    triggers = TRIGGERS
    for token in _TOKEN.finditer(text):
        word = token.group()
        if word[0] in "0123456789'" or word.lower() in triggers:
            yield token.start()


def scan(text: str, everywhere: bool = False) -> Iterator[tuple[int, list[Offer]]]:
    """(start, offers) at each place a rule matches, left to right. Send the end of an accepted match
    back into the generator to resume after it. ``everywhere`` tries every character, not only the
    trigger words (slow; for checking the triggers)."""
    combined = GRAMMAR.combined
    resume = 0
    positions = range(len(text)) if everywhere else starts(text)
    for start in positions:
        if start < resume or not combined.match(text, start):
            continue
        offers = offers_at(text, start)
        sent = yield start, offers
        if sent is not None and sent > start:
            resume = sent
