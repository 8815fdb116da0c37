"""Titles and roles: "US Undersecretary of the Army Joseph Westphal", "Gen. X", "X, the defense secretary,".

A role is found to the left of a name (a title word, with the words that complete it, "of the Army", and
the capitalised words that qualify it, "US", "Homeland Security"), inside a span the model glued to the
name, or in an appositive after it. Each role gives the name person evidence. ``descriptions`` finds
"the undersecretary", "the Army undersecretary", "the US president": title words with no name after them,
which ``resolve`` links to the one person who held that title earlier in the article.
"""

from __future__ import annotations

import bisect
from typing import Any

from ...nlp import token_indexes
from .lexicon import Lexicon
from .spans import DETERMINERS, SEPARATORS, Cand, is_cap, is_word, text_of, trim
from .text import clean_name, fold, key

NON_NAME_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}


def _span_fold(doc: Any, a: int, b: int) -> str:
    last = doc[b - 1]
    return fold(text_of(doc)[doc[a].idx : last.idx + len(last)])


def _title_ok(doc: Any, a: int, text: str, lex: Lexicon, lower_ok: bool) -> bool:
    first = doc[a]
    if not is_word(first):
        return False
    if not is_cap(first):
        if (
            not lower_ok
            or text.endswith(".")
            or fold(first.text) in lex.capital_only
            or text in lex.capital_only
        ):
            return False
        if first.tag_ in ("NNS", "NNPS"):
            return False
    return True


def title_ending(doc: Any, end: int, lex: Lexicon, lower_ok: bool = True) -> tuple[int, str] | None:
    """The longest title occupying ``[start, end)``: (start, canonical head)."""
    if end < 1 or fold(doc[end - 1].text) not in lex.title_suffixes:
        return None
    for n in range(min(lex.title_words, end), 0, -1):
        if doc[end - n].is_space or doc[end - 1].is_space:
            continue
        text = _span_fold(doc, end - n, end)
        head = lex.titles.get(text)
        if head and _title_ok(doc, end - n, text, lex, lower_ok):
            return end - n, head
    return None


def title_starting(doc: Any, start: int, lex: Lexicon, lower_ok: bool = False) -> tuple[int, str] | None:
    """The longest title occupying ``[start, end)``: (end, canonical head)."""
    if start >= len(doc) or fold(doc[start].text) not in lex.title_prefixes:
        return None
    for n in range(min(lex.title_words, len(doc) - start), 0, -1):
        if doc[start].is_space or doc[start + n - 1].is_space:
            continue
        text = _span_fold(doc, start, start + n)
        head = lex.titles.get(text)
        if head and _title_ok(doc, start, text, lex, lower_ok):
            return start + n, head
    return None


def portfolio_end(doc: Any, start: int, limit: int, lex: Lexicon) -> int | None:
    """End of a portfolio ("State", "the Army", "Homeland Security") starting at ``start``."""
    if start >= limit:
        return None
    for words in lex.portfolio_first.get(fold(doc[start].text), ()):
        end = start + len(words)
        if end <= limit and all(fold(doc[start + n].text) == w for n, w in enumerate(words)):
            return end
    return None


def complement_end(doc: Any, start: int, limit: int, lex: Lexicon, person_starts: set[int]) -> int:
    """End of a title's complement that starts at ``start`` ("of" already consumed)."""
    end = portfolio_end(doc, start, limit, lex)
    if end is not None:
        return end
    for k in range(start + 1, limit):
        if k in person_starts:
            return k
    k = start
    if k < limit and doc[k].lower_ == "the":
        k += 1
    k += 1  # one capitalised word
    while k + 1 < limit and doc[k].lower_ in ("and", "&") and is_cap(doc[k + 1]):
        k += 2
    return min(k, limit)


def modifiers_start(doc: Any, title_start: int, name_start: int, lower_title: bool) -> int:
    """Leftmost capitalised word qualifying a title ("US" in "US Undersecretary", "Homeland Security")."""
    s = title_start
    while s - 1 >= 0 and name_start - s < 12:
        tok = doc[s - 1]
        if tok.is_space or tok.ent_type_ in NON_NAME_ENTS or tok.ent_type_ == "PERSON":
            break
        if (
            is_cap(tok)
            and is_word(tok)
            and tok.text not in SEPARATORS
            and tok.pos_ in ("PROPN", "ADJ", "NOUN")
        ):
            s -= 1
            continue
        if tok.text == "-" and not tok.whitespace_ and s - 2 >= 0 and not doc[s - 2].whitespace_:
            s -= 1
            continue
        if not lower_title and tok.lower_ == "of" and s - 2 >= 0 and is_cap(doc[s - 2]) and s < title_start:
            s -= 1
            continue
        break
    while s < title_start and (doc[s].lower_ in DETERMINERS or doc[s].lower_ == "of"):
        s += 1
    return s


def role_left(doc: Any, i: int, lex: Lexicon, lower_ok: bool) -> tuple[int, str] | None:
    """A role ending right before token ``i``: (role start, canonical head)."""
    found = title_ending(doc, i, lex, lower_ok=lower_ok)
    if found:
        start, head = found
        return modifiers_start(doc, start, i, not is_cap(doc[start])), head
    # a complement between the title and the name: "Secretary of State | Clinton"
    m = i - 1
    steps = 0
    while m >= 1 and steps < 6:
        tok = doc[m]
        if fold(tok.text) in lex.title_links and steps > 0:
            found = title_ending(doc, m, lex, lower_ok=False)
            if not found:
                return None
            start, head = found
            return modifiers_start(doc, start, i, False), head
        if (is_cap(tok) and is_word(tok)) or tok.lower_ in ("the", "and", "&"):
            m -= 1
            steps += 1
            continue
        return None
    return None


def _set_role(doc: Any, c: Cand, a: int, b: int, head: str, lex: Lexicon, why: str) -> None:
    t = trim(doc, a, b, lex)
    if not t:
        return
    text = clean_name(text_of(doc)[doc[t[0]].idx : doc[t[1] - 1].idx + len(doc[t[1] - 1].text)])
    c.role = text
    c.role_head = head
    c.role_quals = qualifiers(text, head, lex)
    c.add("person", lex.weights["title_before"], f"{why} '{text}'")


def qualifiers(role: str, head: str, lex: Lexicon) -> frozenset[str]:
    """The words that qualify a role, countries normalised: "US Undersecretary of the Army" ->
    {"united states", "army"}."""
    words = key(role).split()
    head_words = set(head.split()) | {w for t in lex.titles if lex.titles[t] == head for w in key(t).split()}
    out = set()
    k = 0
    while k < len(words):
        for n in (3, 2, 1):
            chunk = " ".join(words[k : k + n])
            country = lex.countries.get(chunk) or lex.demonyms.get(chunk)
            if country:
                out.add(key(country))
                k += n
                break
        else:
            w = words[k]
            if (
                w not in head_words
                and w not in lex.title_links
                and w not in DETERMINERS
                and w not in ("and", "&")
            ):
                out.add(w)
            k += 1
    return frozenset(out)


def _person_name(doc: Any, a: int, b: int, lex: Lexicon) -> bool:
    """``doc[a:b]`` reads as a person's name: two to four capitalised words, no organisation word."""
    words = doc[a:b]
    return 2 <= len(words) <= 4 and all(is_cap(t) and t.is_alpha for t in words) \
        and not any(fold(t.text) in lex.org_cues for t in words)  # fmt: skip


def split_title(doc: Any, c: Cand, lex: Lexicon, person_starts: set[int]) -> list[Cand]:
    """Cut a title (and its complement) off the front of a candidate, attaching it as the role.

    Returns the candidates that replace ``c``: the name with its role and, when the complement is a name
    in its own right ("the Army"), that too. A candidate that is only a portfolio ("State" in "Secretary of
    State") is dropped.
    """
    out: list[Cand] = []
    # (a) the candidate starts inside a title's complement: "Undersecretary of the | Army Joseph Westphal"
    p = c.i - 1
    if p >= 1 and doc[p].lower_ == "the":
        p -= 1
    if p >= 1 and fold(doc[p].text) in lex.title_links:
        comp = complement_end(doc, c.i, c.j, lex, person_starts)
        country = key(doc[c.i : comp].text) in lex.countries
        # (a lower-case title too when its complement is a country and a person's name follows: "the UN
        # envoy for Syria Geir Pedersen"; not "a director of Malawi's Department of ...")
        found = title_ending(doc, p, lex, lower_ok=False) or (
            country and _person_name(doc, comp, c.j, lex) and title_ending(doc, p, lex, lower_ok=True))
        if found:
            is_portfolio = portfolio_end(doc, c.i, c.j, lex) == comp
            complement_cand = None
            if not (is_portfolio and not any(fold(t.text) in lex.org_cues for t in doc[c.i : comp])):
                complement_cand = Cand(c.i, comp, "GPE" if country else c.label, c.source)
            if comp >= c.j:
                return [complement_cand] if complement_cand else []
            if complement_cand:
                out.append(complement_cand)
            name = Cand(comp, c.j, c.label, c.source, nick=c.nick)
            if c.label != "PERSON" and any(fold(t.text) in lex.org_cues for t in doc[comp : c.j]):
                return out + [name]  # "Director of the U.S. | Federal Bureau of Investigation": the
                # organisation the title is of, not a person holding it
            start = modifiers_start(doc, found[0], comp, False)
            _set_role(doc, name, start, comp, found[1], lex, "title")
            return out + [name]
    # (b) a title inside the candidate: "President Trump", "the Army Joseph Westphal" glued as one span
    for t in range(c.i, c.j - 1):
        found = title_starting(doc, t, lex)
        if not found or (t > c.i and c.label != "PERSON"):
            continue
        end, head = found
        name_start = end
        if end < c.j and fold(doc[end].text) in lex.title_links:
            name_start = complement_end(doc, end + 1, c.j, lex, person_starts)
        if name_start >= c.j:
            continue
        rest = doc[name_start : c.j]
        if not all(is_cap(x) and is_word(x) or fold(x.text) in lex.name_links or x.is_space for x in rest):
            continue
        if any(fold(x.text) in lex.org_cues for x in rest) or key(rest.text) in lex.countries:
            continue
        name = Cand(name_start, c.j, c.label, c.source, nick=c.nick)
        start = modifiers_start(doc, t, name_start, False) if t == c.i else c.i
        _set_role(doc, name, start, name_start, head, lex, "title")
        return [name]
    # (c) a title right before the candidate
    lower_ok = c.label == "PERSON" or c.source == "nickname"
    found = role_left(doc, c.i, lex, lower_ok)
    if found:
        _set_role(doc, c, found[0], c.i, found[1], lex, "title")
    return [c]


def portfolio_of_title(doc: Any, c: Cand, lex: Lexicon) -> bool:
    """ "Defense" in "Defense Secretary X", "State" in "the secretary of State": a portfolio that is part of
    a title, not a mention of its own."""
    if portfolio_end(doc, c.i, c.j, lex) != c.j:
        k = c.i + 1 if doc[c.i].lower_ == "the" else c.i
        if portfolio_end(doc, k, c.j, lex) != c.j:
            return False
    if any(fold(t.text) in lex.org_cues for t in doc[c.i : c.j]):
        return False
    if c.j < len(doc) and title_starting(doc, c.j, lex, lower_ok=True):
        return True
    p = c.i - 1
    if p >= 1 and doc[p].lower_ == "the":
        p -= 1
    return p >= 1 and fold(doc[p].text) in lex.title_links and title_ending(doc, p, lex) is not None


def title_only(doc: Any, c: Cand, lex: Lexicon) -> bool:
    """ "General Manager", "Deputy City Attorney": a title with no name after it is not a name."""
    if c.nick or c.source == "nickname":
        return False
    found = title_ending(doc, c.j, lex, lower_ok=False)
    if found is None or key(doc[c.i : c.j].text) in lex.countries:
        return False
    if c.label != "PERSON" or c.source == "title":
        return True
    # a person's name may end in a title word ("Billy King"): drop only a run of titles ("General Manager")
    k = found[0]
    while k > c.i:
        before = title_ending(doc, k, lex, lower_ok=False)
        if before is None:
            return False
        k = before[0]
    return True


def appositive(doc: Any, c: Cand, lex: Lexicon) -> None:
    """Roles and person evidence after the name: "X, the defense secretary," / "X, son of Y"."""
    n = len(doc)
    k = c.j
    if k + 2 >= n or doc[k].text != ",":
        return
    a = k + 1
    if doc[a].lower_ in ("the", "a", "an", "his", "her", "its", "their", "our", "then"):
        a += 1
    b = a
    while b < n and b - a < 14:
        tok = doc[b]
        if tok.text in SEPARATORS or tok.text in (".", '"', "“", "”") or tok.is_space:
            break
        if tok.pos_ in ("VERB", "AUX") and tok.tag_ not in ("VBN", "VBG"):
            return
        b += 1
    closed = b < n and (doc[b].text in (",", ".", ")", ";", "—", ":") or doc[b].is_space)
    if b == a or not closed:
        return
    words = [fold(t.text) for t in doc[a:b]]
    if words and words[0] in lex.kinship and len(words) > 1 and words[1] == "of":
        c.add("person", lex.weights["kinship"], f"kinship '{words[0]} of'")
        return
    for h in range(a, min(b, a + 5)):
        found = title_starting(doc, h, lex, lower_ok=True)
        occupation = fold(doc[h].text) in lex.occupations
        if found or occupation:
            head = found[1] if found else fold(doc[h].text)
            if c.role is None:
                t = trim(doc, a, b, lex)
                if t:
                    text = clean_name(
                        text_of(doc)[doc[t[0]].idx : doc[t[1] - 1].idx + len(doc[t[1] - 1].text)]
                    )
                    c.role, c.role_head = text, head
                    c.role_quals = qualifiers(text, head, lex)
            c.add("person", lex.weights["appositive_role"], f"appositive '{doc[h].text}'")
            return
        if doc[h].pos_ not in ("ADJ", "NOUN", "PROPN", "ADV", "PUNCT", "NUM") and doc[h].text != "-":
            return


def kinship_before(doc: Any, c: Cand, lex: Lexicon) -> None:
    """ "The son of Y, X": a kinship phrase opening the clause, then a comma, then the name."""
    if c.i < 4 or doc[c.i - 1].text != ",":
        return
    k = c.i - 2
    while k >= 0 and c.i - k < 16 and doc[k].text not in SEPARATORS and not doc[k].is_sent_start:
        k -= 1
    words = [fold(t.text) for t in doc[max(k, 0) : c.i - 1] if t.text not in SEPARATORS]
    if words and words[0] in DETERMINERS:
        words = words[1:]
    if len(words) > 2 and words[0] in lex.kinship and words[1] == "of":
        c.add("person", lex.weights["kinship"], f"kinship '{words[0]} of'")


def reflexive(doc: Any, c: Cand, lex: Lexicon) -> None:
    for k in range(c.j, min(len(doc), c.j + 3)):
        if fold(doc[k].text) in lex.reflexives:
            c.add("person", lex.weights["reflexive"], f"'{doc[k].text}'")
            return


def descriptions(doc: Any, cands: list[Cand], lex: Lexicon, inside_quote: list[bool]) -> list[Cand]:
    """Definite descriptions naming a title with no name after it: "the undersecretary", "the US
    president", "the secretary of state's". Returned as candidates with ``role_head`` set."""
    covered = set()
    for c in cands:
        covered.update(range(c.i, c.j))
    starts = {c.i for c in cands}
    out: list[Cand] = []
    n = len(doc)
    thes = token_indexes(doc, "LOWER", ("the",))  # where a description can start: the loop jumps between them
    k = 0
    while k < n:
        at = bisect.bisect_left(thes, k)
        if at == len(thes):
            break
        k = thes[at]
        if k + 1 >= n:
            k += 1
            continue
        # the [modifiers] title [of complement]
        m = k + 1
        while m < n and m - k <= 3:
            if title_starting(doc, m, lex, lower_ok=True):
                break
            w = doc[m]
            if not (is_cap(w) and is_word(w)) and key(w.text) not in lex.countries:
                m = n
                break
            m += 1
        if m >= n or m - k > 3 or m in covered and m not in starts:
            k += 1
            continue
        found = title_starting(doc, m, lex, lower_ok=True)
        if not found:
            k += 1
            continue
        end, head = found
        if (
            doc[end - 1].tag_ in ("NNS", "NNPS")
            or fold(doc[end - 1].text) in lex.occupations
            and head not in lex.titles.values()
        ):
            k = end
            continue
        if end < n and fold(doc[end].text) in lex.title_links and end + 1 < n:
            pe = portfolio_end(doc, end + 1, n, lex)
            if pe is None and end + 2 < n and doc[end + 1].lower_ == "the":
                pe = portfolio_end(doc, end + 2, n, lex)
            if pe is not None:
                end = pe
        nxt = doc[end] if end < n else None
        if nxt is not None and (end in starts or (is_cap(nxt) and is_word(nxt) and nxt.pos_ == "PROPN")):
            k = end  # a name follows: that is a role, not a description
            continue
        a = k + 1
        while a < m and a in covered:
            a += 1  # modifiers that are names of their own ("Army" in "the Army undersecretary") stay so
        d = Cand(a, end, "DESC", "description")
        d.start = doc[a].idx
        d.end = doc[end - 1].idx + len(doc[end - 1].text)
        text = clean_name(text_of(doc)[doc[k + 1].idx : d.end])
        d.role, d.role_head = text, head
        d.role_quals = qualifiers(text, head, lex)
        d.type = "person"
        if inside_quote[d.start]:
            d.notes.append("inside a quotation")
        out.append(d)
        k = end
    return out
