"""Evidence for a candidate's type, and the vote that gives one type per surface form per article.

Each candidate collects ``(type, weight, why)`` items: the model's label (weighted by how reliable that
label is), title and appositive roles (added by ``roles``), organisation and place cue words in the name,
place cues around it ("the state of X", "in X, Y"), the lexicon (countries, capitals, demonyms, groups), the
gazetteer when one is installed. ``vote`` sums the evidence of every occurrence of a form, lets a person's
full name vouch for its parts ("Trump" after "Donald Trump") and an acronym's expansion for the acronym
("AMLO"), and gives each candidate the winning type with a confidence that drops when the model's label
was all there was and the labels disagreed. ``per_occurrence`` then applies what depends on the sentence:
a capital standing for its government, a country name used as a modifier, demonyms.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from ...nlp import token_texts
from .lexicon import Lexicon
from .spans import Cand, is_cap, name_text, name_words
from .text import acronym_letters, fold, initials, is_acronym, key, subsequence

TYPES = ("person", "org", "place", "group", "other")
LOCATIVE = {"in", "at", "to", "into", "inside", "outside", "near", "from", "across"}


@lru_cache(maxsize=1)
def gazetteer() -> Callable[[str], bool] | None:
    """A test "is this a known place name, with little doubt?" from newsprism.geo (GeoNames: countries,
    first-level regions, cities of 100k people...), or None when that package or its data is missing."""
    try:
        from ...geo.gazetteer import gazetteer as load  # type: ignore[import-not-found]
        from ...geo.mentions import strong_place  # type: ignore[import-not-found]

        gaz = load()
    except Exception:  # noqa: BLE001 - another package's optional data: without it, no gazetteer evidence
        return None
    @lru_cache(maxsize=1 << 14)  # the same names come up in article after article
    def known(text: str) -> bool:
        return bool(strong_place(text, gaz))

    return known


def form_key(doc: Any, c: Cand, lex: Lexicon) -> str:
    """The key a candidate votes under: its name's key, countries under the country's name."""
    k = key(name_text(doc, c))
    return key(lex.countries[k]) if k in lex.countries else k


def _head_word(words: list[str], lex: Lexicon) -> tuple[str, int]:
    """The head of a name: the last word before the first "of"/"for"/"on" ("University of Utah")."""
    cut = len(words)
    for n, w in enumerate(words):
        if n > 0 and w in ("of", "for", "on", "de", "del"):
            cut = n
            break
    return (words[cut - 1], cut - 1) if cut else ("", -1)


def _short_alias_ok(text: str, k: str) -> bool:
    """Short lexicon aliases ("US", "UK") only count when written in capitals."""
    return len(k) > 3 or text.replace(".", "").isupper()


@lru_cache(maxsize=8)
def _phrase_index(phrases: tuple[tuple[str, ...], ...]) -> tuple[frozenset, tuple[int, ...]]:
    return frozenset(phrases), tuple(sorted({len(p) for p in phrases}, reverse=True))


def _phrase_ending(words: list[str], phrases: tuple[tuple[str, ...], ...]) -> tuple[str, ...] | None:
    """The longest of ``phrases`` that ``words`` end with, or None."""
    known, lengths = _phrase_index(phrases)
    for n in lengths:
        if n <= len(words) and tuple(words[len(words) - n :]) in known:
            return tuple(words[len(words) - n :])
    return None


def _modifies_product(doc: Any, c: Cand, nxt: Any, lex: Lexicon) -> bool:
    """ "Black Hawk helicopters", "Kalibr missiles": the name's last word is a compound modifier of a machine
    or weapon noun. A one-word name the model calls an organisation is left alone: it is as often the maker
    ("Boeing jets", "Apple phones")."""
    if c.j - c.i == 1 and c.label == "ORG":
        return False
    last = doc[c.j - 1]
    noun = fold(nxt.text)  # the pipeline runs without a lemmatizer: plurals are folded here
    if noun not in lex.product_nouns and not (noun.endswith("s") and noun[:-1] in lex.product_nouns):
        return False
    return nxt.pos_ == "NOUN" and not is_cap(nxt) and last.dep_ == "compound" and last.head.i == nxt.i


def collect(doc: Any, cands: list[Cand], lex: Lexicon) -> None:
    """Add the model, cue, context and lexicon evidence to each candidate."""
    w = lex.weights
    gaz = gazetteer()
    starts = {c.i: c for c in cands}
    for c in cands:
        text = name_text(doc, c)
        k = key(text)
        words = [fold(x).strip(".") for x in text.split()]
        single = len(words) == 1 and not is_acronym(text)
        # the model
        if c.source in ("model", "nickname") and c.label in lex.model_weights:
            discount = lex.single_token_discount if single and c.label != "PERSON" else 1.0
            weight = lex.model_weights[c.label] * discount
            c.add(lex.label_types[c.label], weight, "")
        if c.source == "plural":
            c.add("org", 1.5, "a plural name after 'the' (a team, band or party)")
        if c.source == "nickname":
            c.add("person", w["title_before"], "a quoted nickname inside the name")
        if is_acronym(text) and k not in lex.countries:
            c.add("org", 0.5, "")
        # cue words in the name
        head, pos = _head_word(words, lex)
        complemented = pos < len(words) - 1
        studies = head in lex.org_when_complemented and pos > 0 and words[pos - 1] in lex.institute_before
        if studies:
            c.add("org", w["org_cue_head"], f"'{words[pos - 1]} {head}' (an institute)")
        elif (
            head in lex.facility_cues
            and len(words) > 1
            and not (complemented and head in lex.org_when_complemented)
        ):
            c.add("place", w["place_cue_name"], f"'{head}' heads the name (a facility)")
        elif len(words) > 1 or head in lex.org_cues:
            if head in lex.org_cues:
                c.add("org", w["org_cue_head"], f"'{head}' heads the name")
            elif head in lex.place_name_cues or words[0] in lex.place_name_cues and len(words) > 1:
                c.add("place", w["place_cue_name"], f"'{head}' in the name")
            elif any(x in lex.org_cues for x in words):
                c.add("org", w["org_cue_other"], "")
        if single and len(k) > 6 and k.endswith(lex.place_suffixes) and c.label != "PERSON":
            c.add("place", w["place_context"], "a place-name ending")
        # the lexicon
        if _short_alias_ok(text, k):
            if k in lex.seats:
                c.add("org", w["lexicon_country"], f"seat of government ({lex.seats[k]})")
            elif lex.is_place_name(k):
                c.add("place", w["lexicon_country"], "known country, capital or region")
            elif lex.demonym(k) or k in lex.groups:
                c.add("group", w["lexicon_group"], "demonym" if k not in lex.groups else "known group")
            elif gaz is not None and len(words) <= 4 and c.label != "PERSON" and gaz(text):
                c.add("place", w["gazetteer"], "in the gazetteer")
        # context: "the state of X", "northern X", "X state", "in X", "in X, Y"
        before = [fold(w) for w in token_texts(doc)[max(0, c.i - 3) : c.i]]
        phrase = _phrase_ending(before, lex.place_before)
        if phrase:
            c.add("place", w["place_context"], f"after '{' '.join(phrase)}'")
        if c.j < len(doc):
            nxt = doc[c.j]
            if fold(nxt.text) in lex.place_after and not is_cap(nxt):
                c.add("place", w["place_context"], f"before '{nxt.text}'")
            elif _modifies_product(doc, c, nxt, lex):
                c.add("other", w["product_noun_after"], f"modifies '{nxt.text}' (a model or product)")
        if c.i >= 2 and fold(doc[c.i - 1].text) in lex.inverted_speech_verbs and not is_acronym(text) \
                and doc[c.i - 2].text in (",", '"', "”", "’", "'") \
                and (c.j >= len(doc) or doc[c.j].is_punct):  # fmt: skip
            c.add("person", w["inverted_speaker"], f"after ', {doc[c.i - 1].text}'")
        possessive = c.j < len(doc) and doc[c.j].tag_ == "POS"
        if c.i > 0 and not possessive:
            prev = fold(doc[c.i - 1].text)
            if prev in lex.place_prepositions_strong:
                c.add("place", w["place_preposition_strong"], f"after '{prev}'")
            elif prev in lex.place_prepositions:
                c.add("place", w["place_preposition"], "")
        # "X, Y" where one is a known place or both follow a locative preposition: "in Culiacan, Sonora,"
        if c.j + 1 < len(doc) and doc[c.j].text == "," and (c.j + 1) in starts:
            other = starts[c.j + 1]
            after = doc[other.j] if other.j < len(doc) else None
            if after is None or after.text in (",", ".", ";", ")") or after.is_space:
                ok = fold(doc[c.i - 1].text) in LOCATIVE if c.i > 0 else False
                ok_known = lex.is_place_name(key(name_text(doc, other)))
                if ok or ok_known:
                    why = "place pair 'X, Y'"
                    c.add("place", w["place_pair"] * (2 if ok_known else 1), why)
                    if ok:
                        other.add("place", w["place_pair"], why)


def _scores(cands: list[Cand]) -> dict[str, float]:
    s: dict[str, float] = defaultdict(float)
    for c in cands:
        for t, weight, _ in c.evidence:
            s[t] += weight
    return s


def _strong_other(cands: list[Cand], not_type: str) -> bool:
    """Rule evidence (not the model's label) of weight >= 3 for a type other than ``not_type``."""
    return any(t != not_type and weight >= 3 and why for c in cands for t, weight, why in c.evidence)


def vote(doc: Any, cands: list[Cand], lex: Lexicon, aliases: dict[str, str]) -> dict[str, str]:
    """One type per form; person parts and acronyms get their full form's type. Returns the aliases
    (acronym key -> full form key) found by initials, added to ``aliases``."""
    w = lex.weights
    by_key: dict[str, list[Cand]] = defaultdict(list)
    for c in cands:
        by_key[form_key(doc, c, lex)].append(c)
    # a name of two or three words whose last word also stands alone in the article, as surnames do
    # ("the Colts" is a team: a word used with "the" is no surname)
    singles = {
        k
        for k, v in by_key.items()
        if len(k.split()) == 1 and not any(c.i and doc[c.i - 1].lower_ == "the" for c in v)
    }
    for k, group in by_key.items():
        words = k.split()
        if not 2 <= len(words) <= 3 or words[-1] not in singles or _strong_other(group, "person"):
            continue
        if any(x in lex.org_cues or x in lex.place_name_cues or x in lex.facility_cues for x in words):
            continue
        if (
            any(doc[c.j - 1].tag_ == "NNPS" for c in group)
            or lex.is_place_name(k)
            or lex.is_place_name(words[-1])
        ):
            continue
        for c in group:
            c.add("person", w["surname_alone"], f"'{words[-1]}' is also used alone")
    winners = {k: _winner(_scores(v)) for k, v in by_key.items()}
    # full person names vouch for their parts ("Trump", "Beltran Leyva", "El Chapo")
    persons = {k: k.split() for k, v in by_key.items() if winners[k] == "person" and len(k.split()) >= 2}
    nicks = {}
    for c in cands:
        if c.nick:
            a, b = c.nick
            nicks[key(doc[a:b].text)] = form_key(doc, c, lex)
    for k, group in by_key.items():
        if k in persons and winners[k] == "person":
            continue
        words = k.split()
        if k in nicks:
            for c in group:
                c.add("person", w["person_part"], "the nickname of a person named here")
            continue
        if _strong_other(group, "person"):
            continue
        if not any(is_cap(doc[c.i]) for c in group):
            continue
        full = [p for p, pw in persons.items() if p != k and len(pw) > len(words) and subsequence(words, pw)]
        if full:
            shown = max(full, key=len)
            for c in group:
                c.add("person", w["person_part"], f"part of the name '{_display(by_key[shown][0], doc)}'")
    # acronyms: defined in brackets (already in ``aliases``) or matching the initials of a name given here
    long_forms = {k: k.split() for k in by_key if len(k.split()) >= 2}
    for k, group in by_key.items():
        text = name_text(doc, group[0])
        if not is_acronym(text) or k in lex.countries:
            continue
        target = aliases.get(k)
        if target is None:
            letters = acronym_letters(text)
            matches = [
                lf
                for lf, lw in long_forms.items()
                if initials(lw, lex.name_links) == letters or initials(lw) == letters
            ]
            if len(matches) == 1:
                target = matches[0]
                aliases[k] = target
        if target and target in by_key:
            t = _winner(_scores(by_key[target]))
            for c in group:
                c.add(t, w["acronym_of"], f"acronym of '{_display(by_key[target][0], doc)}'")
    # winners and confidence
    for k, group in by_key.items():
        scores = _scores(group)
        t = _winner(scores)
        total = sum(scores.values()) or 1.0
        share = scores[t] / total
        rules = sum(weight for c in group for tt, weight, why in c.evidence if tt == t and why)
        if rules > 0:
            conf = 0.6 + 0.39 * share
        elif share < 1.0:
            conf = 0.3 + 0.4 * share
        else:
            conf = 0.8
        for c in group:
            c.type = t
            c.confidence = round(conf, 2)
    return aliases


def _display(c: Cand, doc: Any) -> str:
    return " ".join(name_words(doc, c))


def _winner(scores: dict[str, float]) -> str:
    if not scores:
        return "other"
    return max(TYPES, key=lambda t: (scores.get(t, 0.0), -TYPES.index(t)))


def per_occurrence(doc: Any, cands: list[Cand], lex: Lexicon) -> None:
    """Metonymy, country names used as modifiers, demonym names: decided at each occurrence."""
    for c in cands:
        text = name_text(doc, c)
        k = key(text)
        span = doc[c.i : c.j]
        root = span.root
        outside_head = root.head if not (c.i <= root.head.i < c.j) else None
        if k in lex.capitals or k in lex.seats:
            if root.dep_ in lex.metonymy_deps:
                country = lex.seats.get(k) or lex.capitals.get(k)
                c.type = "org"
                c.metonymy = True
                kind = "seat" if k in lex.seats else "capital"
                c.notes.append(f"{kind} standing for the government of {country} ({root.dep_})")
                continue
            if k in lex.seats:
                prev = fold(doc[c.i - 1].text) if c.i > 0 else ""
                prev2 = fold(doc[c.i - 2].text) if c.i > 1 else ""
                if prev in LOCATIVE or (prev == "the" and prev2 in LOCATIVE):
                    c.type = "place"
                    c.notes.append("the building")
                continue
        if (
            c.type == "place"
            and k in lex.countries
            and k not in lex.capitals
            and (
                root.dep_ in ("compound", "amod", "nmod")
                and outside_head is not None
                and outside_head.i > root.i
                and outside_head.pos_ in ("NOUN", "PROPN", "ADJ")
                and not (c.j < len(doc) and doc[c.j].tag_ == "POS")
                # (not a title's complement the parser hung on the name after it: "ambassador to Ukraine
                # Bridget Brink")
                and not (outside_head.pos_ == "PROPN" and c.i > 1
                         and fold(doc[c.i - 1].text) in lex.title_links
                         and fold(doc[c.i - 2].text) in lex.titles)
            )
        ):
            # "US troops" is the same group as "American troops": one entity per nationality
            country = lex.countries[k]
            c.type = "group"
            c.group_name = lex.country_demonyms.get(country) or text.replace(".", "")
            c.notes.append(f"country name used as a modifier ({country})")
            continue
        if c.type == "group":
            dem = lex.demonym(k)
            if dem:
                c.group_name = dem[1] if dem[1] != k else text.rstrip("s")
                c.notes.append(f"demonym of {dem[0]}")
            elif k in lex.groups:
                c.group_name = lex.groups[k]
            else:
                c.group_name = text
