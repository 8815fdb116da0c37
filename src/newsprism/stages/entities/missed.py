"""Names the model missed, and acronyms defined next to their expansion.

``extra`` looks at the capitalised runs no candidate covers and adds: a name after a title ("President
Felipe"), a country, capital, demonym or group from the lexicon, a word or words of a name already found
("Ketsoyan" after "Jack Ketsoyan"), another occurrence of a form already found, and a run headed by an
organisation or place cue word ("Interior Department"). ``acronyms`` pairs "Drug Enforcement Administration
(DEA)", "ATF [Bureau of Alcohol, Tobacco, Firearms and Explosives]" and "QRF - Quick Reaction Force", and
drops an acronym explained in lower case ("CT [counter-terrorism]").
"""

from __future__ import annotations

import re
from typing import Any

from ...nlp import token_indexes
from . import roles
from .lexicon import Lexicon
from .spans import Cand, covered, dedupe, is_cap, is_word, name_text, not_name, runs, text_of, trim
from .text import acronym_letters, fold, initials, is_acronym, key, subsequence


def _sub_spans(a: int, b: int):
    for n in range(b - a, 0, -1):
        for s in range(a, b - n + 1):
            yield s, s + n


def extra(doc: Any, cands: list[Cand], lex: Lexicon) -> list[Cand]:
    mask = covered(cands, len(doc))
    known = {key(name_text(doc, c)): c for c in cands}
    person_words = [
        key(name_text(doc, c)).split()
        for c in cands
        if (c.label == "PERSON" or c.role) and len(name_text(doc, c).split()) >= 2
    ]
    person_starts = {c.i for c in cands if c.label == "PERSON"}
    added: list[Cand] = []
    for a, b in runs(doc, lex, mask):
        # a title at the front of the run: the rest is a person's name
        found = roles.title_starting(doc, a, lex)
        if found and found[0] < b:
            probe = Cand(a, b, "PERSON", "title")
            parts = roles.split_title(doc, probe, lex, person_starts)
            named = [p for p in parts if p.role]
            if named:
                added.extend(named)
                continue
        taken: set[int] = set()
        for s, e in _sub_spans(a, b):
            if taken.intersection(range(s, e)):
                continue
            t = trim(doc, s, e, lex)
            if not t or t != (s, e):
                continue
            text = doc[s:e].text
            k = key(text)
            if not k or not_name(text, lex) or k in lex.never:
                continue
            label = None
            source = ""
            if (
                (len(k) > 3 or text.replace(".", "").isupper())
                and (lex.is_place_name(k) or k in lex.seats)
                or k in lex.demonyms
                or k in lex.region_demonyms
                or k in lex.groups
            ):
                label, source = "LEXICON", "lexicon"
            elif k in known and (e - s > 1 or doc[s].pos_ == "PROPN" or not doc[s].is_sent_start):
                label, source = known[k].label, "repeat"
            elif doc[s].pos_ == "PROPN" and any(subsequence(k.split(), pw) for pw in person_words):
                label, source = "PROPN", "part"
            elif e - s >= 2 and fold(doc[e - 1].text) in lex.org_cues and not doc[s].is_sent_start:
                label, source = "ORG", "cue"
            elif (
                s > 0
                and doc[s - 1].lower_ == "the"
                and doc[e - 1].tag_ == "NNPS"
                and doc[e - 1].text.endswith("s")
            ):
                label, source = "ORG", "plural"
            elif e - s == 1 and is_acronym(text) and len(acronym_letters(text)) >= 2:
                letters = acronym_letters(text)
                if any(initials(key(name_text(doc, c)).split(), lex.name_links) == letters for c in cands):
                    label, source = "ACRONYM", "acronym"
            if label:
                c = Cand(s, e, label, source)
                if source in ("part", "repeat") and roles.role_left(doc, s, lex, lower_ok=False):
                    parts = roles.split_title(doc, c, lex, person_starts)
                    if not parts:
                        continue
                    c = parts[-1]
                added.append(c)
                taken.update(range(s, e))
    return added


def _bracket_end(doc: Any, k: int, close: str, limit: int = 20) -> int | None:
    for m in range(k + 1, min(len(doc), k + limit)):
        if doc[m].text == close:
            return m
        if doc[m].text in ("(", "[") or doc[m].is_space and "\n" in doc[m].text:
            return None
    return None


_OPENERS = ("(", "[", "-", "—", "–")


def acronyms(doc: Any, cands: list[Cand], lex: Lexicon) -> tuple[list[Cand], dict[str, str]]:
    """Acronyms defined in brackets or after a dash: (candidates, acronym key -> expansion key)."""
    aliases: dict[str, str] = {}
    by_start = {c.i: c for c in cands}
    by_end = {c.j: c for c in cands}
    drop: set[int] = set()
    new: list[Cand] = []
    n = len(doc)
    for k in token_indexes(doc, "ORTH", _OPENERS):  # only brackets and dashes open a definition
        if k >= n - 2:
            break
        tok = doc[k]
        close = {"(": ")", "[": "]"}.get(tok.text)
        left = by_end.get(k)
        if left is None and k > 0 and doc[k - 1].is_space:
            left = by_end.get(k - 1)
        if close and left is not None and _defined(doc, left, lex, aliases, by_start, new):
            continue
        # ACR [expansion] / ACR - Expansion
        if k == 0 or not is_acronym(doc[k - 1].text):
            continue
        acr = doc[k - 1]
        letters = acronym_letters(acr.text)
        if close:
            end = _bracket_end(doc, k, close)
            if end is None:
                continue
            inner_span = (k + 1, end)
        else:
            end = k + 1
            while (
                end < n
                and end - k <= len(letters) + 3
                and (is_cap(doc[end]) or fold(doc[end].text) in lex.name_links)
            ):
                end += 1
            inner_span = (k + 1, end)
        words = [t.text for t in doc[inner_span[0] : inner_span[1]] if is_word(t)]
        caps = [w for w in words if w[0].isupper()]
        if words and not caps:
            # "CT [counter-terrorism]": a common noun abbreviated, not a name
            drop.add(k - 1)
            continue
        if not caps:
            continue
        ini = initials(caps)
        if not _subseq(letters, ini) or not ini.endswith(letters[-1]) and not letters[-1] in ini[-3:]:
            continue
        t = trim(doc, inner_span[0], inner_span[1], lex)
        if not t:
            continue
        label = by_start[k - 1].label if (k - 1) in by_start and by_start[k - 1].label != "ACRONYM" else "ORG"
        exp = Cand(t[0], t[1], label if label in ("ORG", "PERSON") else "ORG", "expansion")
        new.append(exp)
        drop.update(range(t[0], t[1]))
        aliases[key(acr.text)] = key(doc[t[0] : t[1]].text)
        if (k - 1) not in by_start:
            new.append(Cand(k - 1, k, "ORG", "acronym"))
    kept = [c for c in cands if not drop.intersection(range(c.i, c.j)) or c.source == "expansion"]
    kept = [c for c in kept if not (c.j - c.i == 1 and c.i in drop)]
    merged = dedupe_expansions(kept, new)
    return merged, aliases


_DEFINED = re.compile(r"\s*\(\s*([A-Z][A-Za-z0-9.&\-]{0,15}[A-Za-z0-9.])\s*\)")


def _defined(doc: Any, left: Cand, lex: Lexicon, aliases: dict[str, str], by_start: dict, new: list) -> bool:
    """ "Name (ACR)": one capitalised word in brackets right after a name of two words or more."""
    left_text = name_text(doc, left)
    if len(left_text.split()) < 2:
        return False
    end = doc[left.j - 1].idx + len(doc[left.j - 1].text)
    m = _DEFINED.match(text_of(doc), end)
    if not m or key(m.group(1)) in lex.countries or m.group(1).isdigit():
        return False
    a, b = m.span(1)
    toks = [t.i for t in doc if t.idx < b and t.idx + len(t.text) > a]
    if not toks:
        return False
    aliases[key(m.group(1))] = key(left_text)
    if toks[0] not in by_start:
        c = Cand(toks[0], toks[-1] + 1, left.label, "acronym")
        if doc[toks[0]].idx != a or doc[toks[-1]].idx + len(doc[toks[-1]].text) != b:
            c.fixed = (a, b)
        new.append(c)
    return True


def _subseq(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def dedupe_expansions(kept: list[Cand], new: list[Cand]) -> list[Cand]:
    """Expansions replace the candidates inside them; other new candidates fill gaps only."""
    exp_tokens = set()
    for c in new:
        if c.source == "expansion":
            exp_tokens.update(range(c.i, c.j))
    out = [c for c in kept if not exp_tokens.intersection(range(c.i, c.j))]
    out.extend(new)
    return dedupe(out)
