"""Text keys for comparing names: accent folding, case, dots and quotes do not matter."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from ...textfold import strip_accents

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "`": "'", "´": "'"})
_SPACES = re.compile(r"\s+")
_ACRONYM = re.compile(r"^(?:[A-Z]\.){2,6}$|^[A-Z][A-Z&]{1,5}$|^[A-Z][A-Z0-9]{1,4}$|^[A-Z]{2,}[a-z]?[A-Z]+$")


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lowercase ASCII-ish form: accents dropped, curly quotes straightened, whitespace collapsed (kept per
    text: the stage folds the same words thousands of times)."""
    if not text.isascii():
        text = strip_accents(text.translate(_QUOTES))
    return _SPACES.sub(" ", text).strip().lower()


@lru_cache(maxsize=1 << 16)
def key(text: str) -> str:
    """The comparison key of a name: folded, without dots ("U.S." -> "us") or spaces around hyphens."""
    k = fold(text).replace(".", "")
    k = re.sub(r"\s*-\s*", "-", k)
    return _SPACES.sub(" ", k).strip()


def clean_name(text: str) -> str:
    """A name as written, with runs of whitespace (line breaks included) made single spaces."""
    return _SPACES.sub(" ", text).strip()


def is_acronym(text: str) -> bool:
    """AMLO, DEA, U.S., ATF (2-6 capitals, optionally dotted)."""
    return bool(_ACRONYM.match(text.strip()))


def acronym_letters(text: str) -> str:
    return "".join(c for c in fold(text) if c.isalpha())


def initials(words: list[str], skip: frozenset[str] = frozenset()) -> str:
    """First letters of ``words`` (folded), leaving out linking words in ``skip``; hyphenated words give
    one letter per part ("Jean-Pierre" -> "jp")."""
    out = []
    for w in words:
        fw = fold(w)
        if not fw or fw in skip:
            continue
        for part in fw.split("-"):
            if part and part[0].isalpha():
                out.append(part[0])
    return "".join(out)


@lru_cache(maxsize=1 << 16)
def same_word(a: str, b: str) -> bool:
    """Two folded name words are the same, allowing one typo in longer words ("Leyva"/"Lleyva")."""
    if a == b:
        return True
    if min(len(a), len(b)) < 5 or a[0] != b[0] and a[-1] != b[-1]:
        return False
    return SequenceMatcher(None, a, b).ratio() >= 0.85


def subsequence(short: list[str], long: list[str]) -> bool:
    """``short`` appears in ``long`` in order (gaps allowed), word by word with :func:`same_word`."""
    pos = 0
    for w in short:
        while pos < len(long) and not same_word(w, long[pos]):
            pos += 1
        if pos == len(long):
            return False
        pos += 1
    return True


def non_ascii(text: str) -> int:
    return sum(1 for c in text if ord(c) > 127)
