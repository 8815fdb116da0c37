"""Sentence bounds and tense cues around a time expression.

A bare weekday ("Monday") points back from the article date in a past-tense sentence and forward in a
future or present one ("the vote is Tuesday"); a month or day without a year far from the article date
follows the tense too. :func:`tense` looks at the words of the sentence holding the expression,
nearest first, and returns the tense of the first cue it meets (``past``, ``future``, ``present``) or None.
The cue words live in ``lexicons/times.yaml`` (``tense_future``, ``tense_past``, ``tense_present``); any
other word ending in -ed counts as past unless ``not_past`` lists it. A future cue reached from "had"
through words of intention only ("had been due to expire Friday", "had planned to meet Monday") is a
plan that belonged to the past, and counts as past (``tense_past_perfect_chain``).
"""

from __future__ import annotations

import re

from .grammar import GRAMMAR

_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")
# a sentence ends at . ! ? followed by space and a capital or quote, or at a blank line / line end
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"“'(]?[A-Z0-9])|\n")
_WINDOW = 12  # words looked at on each side


def _cues() -> tuple[dict[str, str], dict[tuple[str, ...], str], set[str]]:
    single: dict[str, str] = {}
    multi: dict[tuple[str, ...], str] = {}
    for tense in ("present", "past", "future"):  # later lists win a word listed twice
        for phrase in GRAMMAR.words[f"tense_{tense}"]:
            words = tuple(str(phrase).lower().replace("’", "'").split())
            if len(words) == 1:
                single[words[0]] = tense
            else:
                multi[words] = tense
    return single, multi, {str(w).lower() for w in GRAMMAR.words["not_past"]}


_SINGLE, _MULTI, _NOT_PAST = _cues()
_CHAIN = {str(w).lower() for w in GRAMMAR.words["tense_past_perfect_chain"]}
_LIGHT = {
    "on",
    "in",
    "at",
    "by",
    "since",
    "from",
    "until",
    "of",
    "the",
    "to",
    "for",
    "about",
    "around",
    "early",
    "late",
    "last",
    "this",
    "next",
    "as",
    "and",
    "a",
    "an",
}  # not counted in a cue's distance
_PASSIVE = {"be", "being", "been", "to", "will", "would", "'ll", "get"}


_ABBREVIATION = re.compile(
    r"(?:\b[A-Za-z]|\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Co|Inc|Corp|Ltd|No|Gen|Lt|Col|Sen|Rep|"
    r"Gov|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|U\.S|a\.m|p\.m))$"
)


def _boundaries(text: str, start: int, end: int):
    for found in _BOUNDARY.finditer(text, start, end):
        if found.group(0)[0] == "." and _ABBREVIATION.search(text, max(0, found.start() - 6), found.start()):
            continue  # "a.m. EST", "Jan. 29", "U.S. officials"
        yield found


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The [start, end) of the sentence around text[start:end] (cheap: punctuation and line breaks, not
    after common abbreviations)."""
    left = 0
    for found in _boundaries(text, max(0, start - 400), start):
        left = found.end()
    right_match = next(_boundaries(text, end, min(len(text), end + 400)), None)
    right = right_match.start() + 1 if right_match else min(len(text), end + 400)
    return left, right


def _word_tense(words: list[str], i: int) -> str | None:
    found = _cue_tense(words, i)
    if found == "future" and _had_before(words, i) is not None:
        return "past"
    return found


def _cue_tense(words: list[str], i: int) -> str | None:
    word = words[i]
    for phrase, tense in _MULTI.items():
        n = len(phrase)
        for k in range(n):
            if phrase[k] == word and words[i - k : i - k + n] == list(phrase):
                return tense
    if word in _SINGLE:
        found = _SINGLE[word]
    elif len(word) > 4 and word.endswith("ed") and word not in _NOT_PAST:
        found = "past"
    else:
        return None
    if found == "past" and i > 0 and words[i - 1] in _PASSIVE:  # "will be paid", "to be held"
        return None
    return found


def _had_before(words: list[str], i: int) -> int | None:
    """The index of the "had" that words[i] is reached from through intention words only ("had been
    scheduled to expire"), or None."""
    j = i - 1
    while j >= 0 and words[j] in _CHAIN:
        j -= 1
    return j if j >= 0 and words[j] in ("had", "hadn't") else None


def tense(text: str, start: int, end: int) -> str | None:
    """The tense of the nearest cue word to text[start:end] within its sentence, or None."""
    return tense_cue(text, start, end)[0]


def tense_cue(text: str, start: int, end: int) -> tuple[str | None, int]:
    """(tense, distance in words) of the nearest cue word to text[start:end] within its sentence;
    (None, 99) when there is none."""
    left, right = sentence_bounds(text, start, end)
    before = [w.lower().replace("’", "'") for w in _WORD.findall(text, left, start)][-_WINDOW:]
    after = [w.lower().replace("’", "'") for w in _WORD.findall(text, end, right)][:_WINDOW]
    words = before + after
    n_before = len(before)
    # nearest first, a word before the expression winning a tie (the verb usually comes first)
    order = sorted(
        range(len(words)), key=lambda i: (n_before - 1 - i if i < n_before else i - n_before, i >= n_before)
    )
    for i in order:
        found = _word_tense(words, i)
        if found:
            had = _had_before(words, i) if found == "past" and _cue_tense(words, i) == "future" else None
            if had is not None:
                i = had  # the plan's "had" is the cue, not the verb beside the date
            between = words[i + 1 : n_before] if i < n_before else words[n_before:i]
            return found, sum(1 for w in between if w not in _LIGHT) + (0 if i < n_before else 1)
    return None, 99
