"""Candidate name spans: the model's entities, cut and trimmed, plus names it missed.

A candidate is a token range ``[i, j)`` of the spaCy Doc. The model's spans are split where a name cannot
continue (commas, brackets, blank lines, an inner possessive between two long names), trimmed of markup,
quotes, a leading "the" and a trailing "'s", and merged when a quoted nickname sits inside a name
(Joaquin "El Chapo" Guzman). ``extra`` then adds the names the model missed: words after a title, words
of a name already found (a surname on its own), countries and demonyms from the lexicon, and longer
capitalised runs headed by an organisation word.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from ...nlp import doc_text, token_starts, token_texts
from .lexicon import Lexicon
from .text import clean_name, fold, key

OPEN_QUOTES = {"“", '"', "‘", "'", "``", "«", "„"}
CLOSE_QUOTES = {"”", '"', "’", "'", "''", "»"}
_OPEN_QUOTE_START = re.compile("|".join(re.escape(q) for q in sorted(OPEN_QUOTES, key=len, reverse=True)))
SEPARATORS = {",", ";", ":", "(", ")", "[", "]", "{", "}", "|", "/", "—", "–", "•", "·", "…", "...", "?", "!"}
POSSESSIVES = {"'s", "’s", "'", "’", "s'"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
TRAILING_LINKS = {"of", "for", "and", "the", "on", "&", "de", "del", "da", "van", "von", "in", "at", "to"}
_ABBREV = re.compile(r"^(?:[A-Za-z]\.)+$")


_LAST: tuple[Any, str] = (None, "")


def text_of(doc: Any) -> str:
    """``doc.text``, computed once per Doc (``newsprism.nlp.doc_text``); the Doc seen last is kept at hand,
    as the stage asks for its text many thousand times."""
    global _LAST
    if _LAST[0] is doc:
        return _LAST[1]
    text = doc_text(doc)
    _LAST = (doc, text)
    return text


@dataclass
class Cand:
    """One candidate mention; filled in stage by stage (roles, evidence, type, cluster)."""

    i: int
    j: int
    label: str  # the model's label, or the rule's: PERSON (title), PROPN, LEXICON, DESC, ...
    source: str  # model | nickname | title | part | lexicon | cue | expansion | description
    start: int = 0
    end: int = 0
    nick: tuple[int, int] | None = None  # token range inside the nickname's quotes
    role: str | None = None
    role_head: str | None = None
    role_quals: frozenset[str] = frozenset()
    evidence: list[tuple[str, float, str]] = field(default_factory=list)  # (type, weight, why)
    type: str = "other"
    confidence: float = 1.0
    metonymy: bool = False
    group_name: str | None = None  # normalised demonym/group name
    notes: list[str] = field(default_factory=list)  # reason fragments decided per occurrence
    cluster: Any = None
    resolved_by: str = ""  # how it was joined to its cluster
    link_confidence: float = 1.0
    fixed: tuple[int, int] | None = None  # character span inside a token the tokenizer did not split
    # name_text's last answer, with what it was computed from (body, start, end, nick): asked for many times
    _name: tuple[Any, ...] | None = field(default=None, repr=False, compare=False)

    def text(self, body: str) -> str:
        return body[self.start : self.end]

    def add(self, type_: str, weight: float, why: str) -> None:
        self.evidence.append((type_, weight, why))


def is_cap(tok: Any) -> bool:
    t = tok.text
    return bool(t) and t[0].isupper()


def is_word(tok: Any) -> bool:
    return any(c.isalpha() for c in tok.text)


def cap_word(text: str) -> bool:
    """``is_cap`` and ``is_word`` of a token, read off its text (for loops over ``token_texts``)."""
    return bool(text) and text[0].isupper() and any(c.isalpha() for c in text)


def name_token(tok: Any, lex: Lexicon) -> bool:
    """A token that can be part of a proper name: capitalised word or a linking particle."""
    if tok.is_space or tok.is_punct and tok.text not in ("-", "&", "."):
        return False
    return cap_word(tok.text) or fold(tok.text) in lex.name_links


# Capitalised function words that open a sentence and never sit inside a name after an initial or an
# abbreviation ("George W. Bush", "U.S. Steel" go on; "X. The Taliban" does not).
SENTENCE_OPENERS = frozenset({"The", "A", "An", "This", "That", "These", "Those", "It", "He", "She", "They",
                              "We", "I", "But", "In", "On", "At", "His", "Her", "Their", "Its"})


def _is_separator(doc: Any, k: int) -> bool:
    tok = doc[k]
    if tok.text in SEPARATORS:
        return True
    if tok.text == "-" and (tok.whitespace_ or (k > 0 and doc[k - 1].whitespace_)):
        return True
    return bool(tok.is_space and tok.text.count("\n") >= 2)


def _is_quote(tok: Any) -> bool:
    return tok.text in OPEN_QUOTES or tok.text in CLOSE_QUOTES


def split(doc: Any, i: int, j: int, keep_quotes: bool = False, at_and: bool = False) -> list[tuple[int, int]]:
    """Cut ``[i, j)`` where a name cannot continue (and at "and" between two names when ``at_and``)."""
    parts: list[tuple[int, int]] = []
    a = i
    for k in range(i, j):
        tok = doc[k]
        cut = _is_separator(doc, k) or (not keep_quotes and _is_quote(tok) and tok.text not in POSSESSIVES)
        cut = cut or (at_and and tok.lower_ in ("and", "&") and k > a and k + 1 < j and is_cap(doc[k + 1]))
        if k > a and tok.text in SENTENCE_OPENERS and doc[k - 1].text.endswith(".") and doc[k - 1].whitespace_:
            parts.append((a, k))  # "on X. The Taliban threatened": a sentence the parser ran on; the period
            a = k  # stays with the name before it ("X."), the opener starts the next one
            continue
        if tok.tag_ == "POS" or tok.text in POSSESSIVES:
            # an inner possessive between two longer names: "University of Utah's Hinkley Institute"
            cut = cut or (k - a >= 2 and j - k - 1 >= 2)
            if cut:
                parts.append((a, k))
                a = k + 1
                continue
        if cut:
            parts.append((a, k))
            a = k + 1
    parts.append((a, j))
    return [(x, y) for x, y in parts if y > x]


def trim(doc: Any, i: int, j: int, lex: Lexicon) -> tuple[int, int] | None:
    """Drop leading determiners, punctuation and markup, trailing possessives and punctuation."""
    while i < j:
        tok = doc[i]
        low = tok.lower_
        if (
            tok.is_space
            or tok.is_punct
            or not tok.text.strip(lex.edge_chars)  # nothing but edge characters
            or low in ("and", "or", "but", "&", "nor")
        ):
            i += 1
        elif low in DETERMINERS:
            if tok.text == "The" and key(doc[i + 1 : j].text) in lex.with_the:
                break
            i += 1
        elif (
            low in ("photo", "image", "credit", "source", "file", "via")
            and i + 1 < j
            and doc[i + 1].text == ":"
        ):
            i += 2
        else:
            break
    while j > i:
        tok = doc[j - 1]
        if (
            tok.is_space
            or tok.tag_ == "POS"
            or tok.text in POSSESSIVES
            or tok.lower_ in TRAILING_LINKS
            or (tok.is_punct or not tok.text.strip(lex.edge_chars))
            and tok.text != "."
            or tok.text == "."
            and not (j - 2 >= i and fold(doc[j - 2].text + ".") in lex.keep_final_period)
        ):
            j -= 1
        else:
            break
    return (i, j) if j > i else None


def char_span(doc: Any, c: Cand, lex: Lexicon) -> bool:
    """Set ``c.start``/``c.end`` from its tokens, stripping markup characters off the edges."""
    body = text_of(doc)
    if c.fixed:
        c.start, c.end = c.fixed
        return True
    starts, texts = token_starts(doc), token_texts(doc)
    last = texts[c.j - 1]
    start = starts[c.i]
    end = starts[c.j - 1] + len(last)
    keep_period = bool(_ABBREV.match(last)) or fold(last) in lex.keep_final_period
    while start < end and body[start] in lex.edge_chars:
        start += 1
    while end > start and body[end - 1] in lex.edge_chars and not (keep_period and body[end - 1] == "."):
        end -= 1
    # a trailing possessive written inside the token ("Westphal’s" tokenised as one word)
    for pos in ("'s", "’s"):
        if body[start:end].endswith(pos) and end - start > len(pos) + 1:
            end -= len(pos)
    if end <= start or not any(ch.isalpha() for ch in body[start:end]):
        return False
    c.start, c.end = start, end
    return True


def nickname_spans(doc: Any, lex: Lexicon) -> list[Cand]:
    """Name “Nickname” Name patterns: the whole span is one person, the quoted part its nickname."""
    out: list[Cand] = []
    n = len(doc)
    starts = token_starts(doc)
    resume = 1
    for found in _OPEN_QUOTE_START.finditer(text_of(doc)):  # only tokens that begin with a quote mark
        k = bisect.bisect_left(starts, found.start())
        if k < resume or k >= n - 2 or starts[k] != found.start():
            continue
        tok = doc[k]
        if tok.text in OPEN_QUOTES and name_token(doc[k - 1], lex) and is_cap(doc[k - 1]):
            m = k + 1
            while m < min(n, k + 6) and doc[m].text not in CLOSE_QUOTES:
                m += 1
            inner = doc[k + 1 : m]
            if (
                m < n - 1
                and len(inner) >= 1
                and all(is_cap(t) and is_word(t) or fold(t.text) in lex.name_links for t in inner)
                and is_cap(doc[m + 1])
                and is_word(doc[m + 1])
                and fold(doc[m + 1].text) not in lex.not_names
            ):
                a = k - 1
                while a - 1 >= 0 and k - a < 3 and name_token(doc[a - 1], lex) and is_cap(doc[a - 1]):
                    a -= 1
                b = m + 2
                while b < n and b - m < 4 and is_cap(doc[b]) and is_word(doc[b]) and not doc[b].is_punct:
                    b += 1
                out.append(Cand(a, b, "PERSON", "nickname", nick=(k + 1, m)))
                resume = b
    return out


def model_spans(doc: Any, lex: Lexicon) -> list[Cand]:
    """The model's entities with a type we keep, merged across a single line break inside a name."""
    ents = [e for e in doc.ents if e.label_ in lex.label_types]
    out: list[Cand] = []
    for e in ents:
        if out and out[-1].label == e.label_ and out[-1].j < e.start:
            gap = doc[out[-1].j : e.start]
            if all(t.is_space and t.text.count("\n") == 1 for t in gap) and len(gap) == 1:
                out[-1].j = e.end
                continue
        if (
            out
            and out[-1].label == "ORG"
            and e.label_ in ("ORG", "GPE", "LOC")
            and e.start == out[-1].j + 1
            and fold(doc[out[-1].j].text) in lex.org_joiners
            and fold(doc[out[-1].j - 1].text) in lex.org_cues
        ):
            out[-1].j = e.end  # "Washington Office" on "Latin America": one organisation
            continue
        out.append(Cand(e.start, e.end, e.label_, "model"))
    return out


def clean(doc: Any, cands: list[Cand], lex: Lexicon) -> list[Cand]:
    """Split, trim and filter candidates; nickname spans replace the model spans they overlap."""
    nicks = nickname_spans(doc, lex)
    taken = set()
    for c in nicks:
        taken.update(range(c.i, c.j))
    out: list[Cand] = list(nicks)
    for c in cands:
        if taken.intersection(range(c.i, c.j)):
            # keep the parts of the model span outside the nickname span
            pieces = [(c.i, min(c.j, min(t for t in taken if c.i <= t < c.j)))]
            pieces.append((max(t for t in taken if c.i <= t < c.j) + 1, c.j))
        else:
            pieces = [(c.i, c.j)]
        for a, b in pieces:
            for x, y in split(doc, a, b, at_and=_split_at_and(doc, a, b, c.label, lex)):
                t = trim(doc, x, y, lex)
                if t:
                    out.extend(split_demonym(doc, Cand(t[0], t[1], c.label, c.source), lex))
    kept = []
    for c in out:
        if not char_span(doc, c, lex):
            continue
        text = text_of(doc)[c.start : c.end]
        k = key(text)
        if k in lex.never or not_name(text, lex) or not any(ch.isupper() for ch in text):
            continue
        kept.extend(split_seat(doc, c, lex))
    return extend_places(doc, extend_persons(doc, dedupe(kept), lex), lex)


def extend_places(doc: Any, cands: list[Cand], lex: Lexicon) -> list[Cand]:
    """A place span the model cut before its feature word ("Seddon | Gap", "Tana | River"): take in the
    capitalised place-name cue right after it."""
    mask = covered(cands, len(doc))
    for c in cands:
        j = c.j
        if c.label not in ("GPE", "LOC", "FAC") or c.source != "model" or j >= len(doc):
            continue
        t = doc[j]
        more = j + 1 < len(doc) and is_cap(doc[j + 1]) and doc[j + 1].pos_ == "PROPN"  # "Queens District Attorney"
        if not mask[j] and doc[j - 1].whitespace_ and is_cap(t) and not t.is_sent_start and not more \
                and fold(t.text) in lex.place_name_cues:  # fmt: skip
            c.j = j + 1
            c.end = t.idx + len(t.text)
            mask[j] = True
    return cands


def extend_persons(doc: Any, cands: list[Cand], lex: Lexicon) -> list[Cand]:
    """A person span the model cut short ("Andrés Manuel López | Obrador"): take in the capitalised
    proper nouns that follow it directly."""
    mask = covered(cands, len(doc))
    for c in cands:
        if c.label != "PERSON" or c.source != "model":
            continue
        j = c.j
        while (
            j < len(doc)
            and not mask[j]
            and doc[j - 1].whitespace_
            and doc[j].pos_ == "PROPN"
            and is_cap(doc[j])
            and is_word(doc[j])
            and not doc[j].is_sent_start
            and fold(doc[j].text) not in lex.not_names
            and doc[j].ent_type_ not in ("DATE", "TIME")  # "President Bill Clinton | Saturday vowed"
        ):
            mask[j] = True
            j += 1
        if j > c.j:
            c.j = j
            c.end = doc[j - 1].idx + len(doc[j - 1].text)
    return cands


def _split_at_and(doc: Any, a: int, b: int, label: str, lex: Lexicon) -> bool:
    """ "Lopez and Carrasquillo" are two people; "Security and Civilian Protection" and "Bosnia and
    Herzegovina" are one name."""
    texts = token_texts(doc)
    words = [fold(w) for w in texts[a:b]]
    # the span's text as spaCy gives it: from the first token's start to the end of the last one
    text = text_of(doc)[token_starts(doc)[a] : token_starts(doc)[b - 1] + len(texts[b - 1])] if b > a else ""
    if key(text) in lex.countries or any(w in lex.org_cues or w in lex.place_name_cues for w in words):
        return False
    return label in ("PERSON", "GPE", "NORP")


def split_demonym(doc: Any, c: Cand, lex: Lexicon) -> list[Cand]:
    """ "American Hasim Rahman": a demonym in front of a person's name is a mention of its own. Names with
    an organisation word stay whole ("American Airlines", "Mexican Center for ...")."""
    if c.j - c.i < 2 or c.label not in ("PERSON", "ORG"):
        return [c]
    first = key(doc[c.i].text)
    if first not in lex.demonyms and first not in lex.region_demonyms:
        return [c]
    rest = doc[c.i + 1 : c.j]
    if any(fold(t.text) in lex.org_cues or fold(t.text) in lex.facility_cues for t in rest):
        return [c]
    if not all(t.pos_ == "PROPN" and is_cap(t) for t in rest):
        return [c]
    return [Cand(c.i, c.i + 1, "NORP", c.source), Cand(c.i + 1, c.j, c.label, c.source)]


def headline_sentences(doc: Any) -> list[tuple[int, int]]:
    """Token ranges of title-case or all-capitals lines ("Lohan Checks Into Court", "COLTS BEAT CHIEFS")."""
    out = []
    body = text_of(doc)
    pos = 0
    for line in body.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        words = [w for w in re.findall(r"[^\W\d_]{4,}", line)]
        if len(words) < 3 or sum(1 for w in words if w[0].isupper()) / len(words) < 0.75:
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            out.append((span.start, span.end))
    return out


def headline_filter(doc: Any, cands: list[Cand], lex: Lexicon) -> list[Cand]:
    """In a title-case line every word is capitalised, so a candidate there keeps only the words that the
    article writes capitalised elsewhere, or the lexicon knows ("Lindsay Lohan Checks Into Court" ->
    "Lindsay Lohan")."""
    heads = headline_sentences(doc)
    if not heads:
        return cands
    inside = [False] * len(doc)
    for a, b in heads:
        for k in range(a, b):
            inside[k] = True
    known: set[str] = set()
    for t in doc:
        if not inside[t.i] and is_cap(t) and is_word(t) and not t.is_sent_start:
            known.add(fold(t.text))
    for c in cands:
        if not inside[c.i]:
            for t in doc[c.i : c.j]:
                known.add(fold(t.text))

    def ok(t: Any) -> bool:
        k = key(t.text)
        return fold(t.text) in known or lex.is_place_name(k) or k in lex.demonyms or k in lex.groups

    out = []
    for c in cands:
        if not inside[c.i] or c.nick:
            out.append(c)
            continue
        pieces: list[tuple[int, int]] = []
        k = c.i
        while k < c.j:
            if ok(doc[k]):
                e = k + 1
                while e < c.j and (
                    ok(doc[e]) or fold(doc[e].text) in lex.name_links and e + 1 < c.j and ok(doc[e + 1])
                ):
                    e += 1
                pieces.append((k, e))
                k = e
            else:
                k += 1
        if not pieces:
            if c.label == "PERSON" and c.j - c.i >= 2:
                out.append(c)  # the model's multi-word person names hold up in headlines too
            continue
        if pieces == [(c.i, c.j)]:
            out.append(c)
            continue
        for a, b in pieces:
            piece = Cand(a, b, c.label, c.source)
            if char_span(doc, piece, lex):
                out.append(piece)
    return out


def not_name(text: str, lex: Lexicon) -> bool:
    """Pronouns and function words; "US" in capitals is a country, not the pronoun."""
    k = key(text)
    return k in lex.not_names and not (len(text) > 1 and text.replace(".", "").isupper())


def split_seat(doc: Any, c: Cand, lex: Lexicon) -> list[Cand]:
    """ "Obama White House": a seat of government at the end of a longer span is a mention of its own."""
    for n in (3, 2, 1):
        if c.j - c.i > n and key(doc[c.j - n : c.j].text) in lex.seats:
            left = trim(doc, c.i, c.j - n, lex)
            out = [Cand(c.j - n, c.j, "ORG", c.source)]
            if left and any(is_cap(t) for t in doc[left[0] : left[1]]):
                out.insert(0, Cand(left[0], left[1], c.label, c.source))
            return [x for x in out if char_span(doc, x, lex)]
    return [c]


def dedupe(cands: list[Cand]) -> list[Cand]:
    """Drop candidates overlapping an earlier-kept one; nickname and longer spans win."""
    order = sorted(cands, key=lambda c: (c.source != "nickname", -(c.j - c.i), c.i))
    used: set[int] = set()
    kept = []
    for c in order:
        span = set(range(c.i, c.j))
        if span & used:
            continue
        used |= span
        kept.append(c)
    return sorted(kept, key=lambda c: c.i)


def covered(cands: list[Cand], n: int) -> list[bool]:
    mask = [False] * n
    for c in cands:
        for k in range(c.i, c.j):
            mask[k] = True
    return mask


def name_words(doc: Any, c: Cand) -> list[str]:
    """The words of the name this candidate writes (nickname left out), as written."""
    return name_text(doc, c).split()


def name_text(doc: Any, c: Cand) -> str:
    body = text_of(doc)
    known = c._name
    if known is not None and known[0] is body and known[1] == c.start and known[2] == c.end and known[3] == c.nick:
        return known[4]
    if c.nick:
        left = body[c.start : doc[c.nick[0] - 1].idx]
        close = doc[c.nick[1]]
        right = body[close.idx + len(close.text) : c.end]
        text = clean_name(left + " " + right)
    else:
        text = clean_name(body[c.start : c.end])
    c._name = (body, c.start, c.end, c.nick, text)
    return text


def nickname(doc: Any, c: Cand) -> str | None:
    if not c.nick:
        return None
    a, b = c.nick
    return clean_name(text_of(doc)[doc[a].idx : doc[b - 1].idx + len(doc[b - 1].text)])


def runs(doc: Any, lex: Lexicon, mask: list[bool], max_len: int = 6) -> list[tuple[int, int]]:
    """Maximal runs of capitalised words not covered by a candidate (links allowed inside)."""
    out = []
    texts = token_texts(doc)  # the test of is_cap and is_word on the words' texts: no Token per word
    n = len(texts)
    links = lex.name_links
    k = 0
    while k < n:
        if not mask[k] and cap_word(texts[k]) and fold(texts[k]) not in links:
            b = k + 1
            while b < n and not mask[b] and b - k < max_len:
                t = texts[b]
                if (
                    cap_word(t)
                    or fold(t) in links
                    and b + 1 < n
                    and is_cap(doc[b + 1])
                    and not mask[b + 1]
                    or t == "-"
                    and not doc[b].whitespace_
                    and not doc[b - 1].whitespace_
                ):
                    b += 1
                else:
                    break
            while b > k + 1 and fold(texts[b - 1]) in links:
                b -= 1
            out.append((k, b))
            k = b
        else:
            k += 1
    return out
