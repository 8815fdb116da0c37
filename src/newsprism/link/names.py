"""Names, folded and compared: the rules the entity linker applies to one pair of name forms.

A *form* is one name as the linker keys it: a type (person, org, place, group, other) and a folded key.
Folding transliterates to ASCII (anyascii), case-folds, drops dots, apostrophes and a trailing possessive,
and per type drops what does not tell names apart (``lexicons/names.yaml``): leading honorifics and trailing
"Jr." for people, a leading "the" and company suffixes ("Inc.") for organisations. "López", "Lopez" and
"Mr. LOPEZ" are one form; everything the linker merges beyond that is a *link* between two forms:

    strong links (the two forms are one name)            dependent links (child -> parent)
    ---------------------------------------              ---------------------------------------------
    given name    Bill Clinton = William Clinton         surname       Guzmán -> Joaquín Guzmán Loera
    token order   Justice Department =                   given name    Kathina -> Kathina Thomas
                  Department of Justice                  short form    López Obrador -> Andrés Manuel
    fuzzy         Beltran Lleyva ~ Beltrán Leyva                       López Obrador; Lakers -> Los
    type          Washington (org) = Washington (place)                Angeles Lakers; Betty Ford ->
                                                                       Betty Ford Center
                                                         initials      J. Smith -> John Smith
                                                         acronym       DEA -> Drug Enforcement Admin.
                                                         nickname      El Chapo -> Joaquín Guzmán (a
                                                                       mention's ``nickname``)

A child is the less specific name; a parent always has several words. The linker (``entities.py``)
attaches a child to its parents' entity only when they all belong to one entity, so "Guzmán" can never join
Joaquín and Ovidio Guzmán into one.

Candidates are found by *blocking keys* (``keys``): two forms are compared only when one's ``query_keys``
meet the other's keys (asymmetric namespaces map to their partners: a bare "guzman" looks up the people
with a later word "guzman"). Keys are specific: first name + a later word, word suffixes and prefixes,
initials, sorted words, all words but one (for spelling variants); never a kind word alone.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz.fuzz import ratio

from newsprism.lexicons import load

TYPES = ("person", "org", "place", "group", "other")


@dataclass(frozen=True)
class NameRules:
    """Thresholds for the pairwise rules (the word lists live in lexicons/names.yaml)."""

    fuzzy: float = 0.90  # rapidfuzz ratio (0-1) on folded names for a spelling variant
    fuzzy_min_length: int = 10  # folded names shorter than this are never matched fuzzily
    fuzzy_word: float = 0.85  # each differing word must be at least this similar ...
    fuzzy_word_length: int = 4  # ... and this long
    fuzzy_first_word: float = 0.85  # a differing given name needs this and length >= 6


# ----------------------------------------------------------------------------------------- the lexicon


@dataclass(frozen=True)
class Lexicon:
    honorifics: frozenset[str]
    name_suffixes: frozenset[str]
    particles: frozenset[str]
    given: dict[str, frozenset[str]]  # folded given name or short form -> the given names it can stand for
    org_suffixes: frozenset[str]
    stop_words: frozenset[str]
    org_generic: frozenset[str]
    place_generic: frozenset[str]
    spellings: dict[str, str]
    fingerprint: str


def _words(values) -> frozenset[str]:
    return frozenset(fold(str(v)) for v in values or ())


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = load("names")
    given: dict[str, set[str]] = {}
    for name, shorts in (data.get("nicknames") or {}).items():
        canonical = fold(str(name))
        given.setdefault(canonical, set()).add(canonical)
        for short in shorts or ():
            given.setdefault(fold(str(short)), set()).add(canonical)
    fingerprint = hashlib.sha1(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()[:12]
    return Lexicon(
        honorifics=_words(data.get("honorifics")),
        name_suffixes=_words(data.get("name_suffixes")),
        particles=_words(data.get("particles")),
        given={k: frozenset(v) for k, v in given.items()},
        org_suffixes=_words(data.get("org_suffixes")),
        stop_words=_words(data.get("stop_words")),
        org_generic=_words(data.get("org_generic")),
        place_generic=_words(data.get("place_generic")),
        spellings={fold(str(k)): fold(str(v)) for k, v in (data.get("spellings") or {}).items()},
        fingerprint=fingerprint,
    )


# ----------------------------------------------------------------------------------------- folding

_POSSESSIVE = re.compile(r"['’`´]s?\s*$", re.IGNORECASE)
_APOSTROPHE = re.compile(r"['’`´ʼ]")
_NON_WORD = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=1 << 16)  # a pure function of the text; names repeat across mentions
def fold(text: str) -> str:
    """ASCII, case-folded, punctuation to single spaces: "López-Obrador's" -> "lopez obrador"."""
    text = _POSSESSIVE.sub("", text.strip())
    text = anyascii(text).casefold().replace("&", " and ")
    text = _APOSTROPHE.sub("", text)
    return " ".join(_NON_WORD.sub(" ", text).split())


def _join_letters(words: list[str]) -> list[str]:
    """Runs of single letters become one word: "u s justice" -> "us justice" (so U.S. = US)."""
    out: list[str] = []
    run: list[str] = []
    for w in words + [""]:
        if len(w) == 1 and w.isalpha():
            run.append(w)
            continue
        if run:
            out.append("".join(run)) if len(run) > 1 else out.extend(run)
            run = []
        if w:
            out.append(w)
    return out


@lru_cache(maxsize=1 << 16)  # a pure function of the text; names repeat across mentions
def clean_surface(name: str, type: str) -> str:
    """The name as written, minus what folding drops at the edges: leading honorifics for people ("Gen.
    Salvador Cienfuegos" -> "Salvador Cienfuegos"), a trailing possessive, surrounding punctuation."""
    name = " ".join(name.split())
    name = _POSSESSIVE.sub("", name).strip(" ,;:-\"'“”‘’()[]")
    if type == "person":
        lex = lexicon()
        words = name.split(" ")
        while len(words) > 1 and fold(words[0]).replace(" ", "") in lex.honorifics:
            words.pop(0)
        name = " ".join(words)
    return name


def is_acronym_surface(name: str) -> bool:
    """Written as an acronym: 2-6 capital letters, with or without dots ("DEA", "U.S.", "NATO")."""
    letters = re.sub(r"[.\s]", "", name.strip())
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper() and letters.isascii()


# ----------------------------------------------------------------------------------------- forms


@dataclass(frozen=True)
class Form:
    """One folded name of one type, with the word lists the rules compare.

    ``words`` are the words compared: for people without particles ("de la Hoya" -> hoya), for other types
    without stop words. ``key`` is the form's identity inside its type.
    """

    type: str
    key: str
    words: tuple[str, ...]
    initials: str = ""  # org/place: first letters of ``words`` (for acronyms)

    @property
    def id(self) -> str:
        return f"{self.type}:{self.key}"

    @property
    def bare(self) -> bool:
        """A person named by one word that is not an initial (a surname, or a nickname)."""
        return self.type == "person" and len(self.words) == 1 and len(self.words[0]) > 1


def form_id(type: str, key: str) -> str:
    return f"{type}:{key}"


@lru_cache(maxsize=1 << 16)  # a pure function of the text; names repeat across mentions
def parse(name: str, type: str) -> Form:
    """The form of ``name`` read as a ``type`` name."""
    if type not in TYPES:
        type = "other"
    lex = lexicon()
    words = fold(name).split()
    if type == "person":
        while len(words) > 1 and words[0] in lex.honorifics:
            words.pop(0)
        while len(words) > 1 and words[-1] in lex.name_suffixes:
            words.pop()
        if words and all(len(w) == 1 for w in words):
            words = ["".join(words)]
        return Form(type, " ".join(words), tuple(words))
    words = _join_letters(words)
    if type in ("org", "place"):
        words = [lex.spellings.get(w, w) for w in words]
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    if type == "org":
        while len(words) > 1 and words[-1] in lex.org_suffixes:
            words.pop()
    content = [w for w in words if w not in lex.stop_words] or words
    initials = "".join(w[0] for w in content) if len(content) > 1 else ""
    return Form(type, " ".join(words), tuple(content), initials)


# ----------------------------------------------------------------------------------------- blocking keys

# Asymmetric key namespaces: a form indexed under "A:x" is found by forms querying "B:x".
_PARTNERS = {
    "sur": ("bare",),  # person with a later word x  <->  person named by the one word x
    "giv": ("bare",),  # person whose first word is x  <->  person named by the one word x
    "bare": ("sur", "giv"),
    "nick": ("nick?",),  # person carrying nickname x  <->  person named x
    "nick?": ("nick",),
    "ini": ("acr",),  # org/place with initials x  <->  acronym x
    "acr": ("ini",),
}


def keys(
    form: Form,
    acronym: bool = False,
    nicknames: frozenset[str] = frozenset(),
    rules: NameRules = NameRules(),
) -> set[str]:
    """Every blocking key ``form`` is indexed under. ``acronym``: some surface of it was written as one;
    ``nicknames``: folded nicknames its mentions carry."""
    # org, place and untyped ("other") forms meet by their folded name: one tagger's confusion
    out: set[str] = {f"x:{form.key}"} if form.type in ("org", "place", "other") else set()
    w = form.words
    n = len(w)
    t = form.type[0]
    if form.type == "person":
        out.add(f"nick?:{form.key}")
        out.update(f"nick:{k}" for k in nicknames)
        if n == 1:
            if form.bare:
                out.add(f"bare:{w[0]}")
            return out
        if len(w[0]) > 1 and w[0] not in lexicon().particles:
            out.add(f"giv:{w[0]}")
        firsts = set(given_names(w[0])) | {w[0][0]}
        for later in w[1:]:
            out.update(f"pfl:{f} {later}" for f in firsts)
            if len(later) > 1 and later not in lexicon().particles:
                out.add(f"sur:{later}")
        out.update(f"psx:{' '.join(w[i:])}" for i in range(n - 1))
        out.add(f"pso:{' '.join(sorted(w))}")
    elif form.type in ("org", "place"):
        if acronym and n == 1:
            out.add(f"acr:{w[0]}")
        if form.initials:
            out.add(f"ini:{form.initials}")
        generic = _generic_words(form.type)  # a short form made only of kind words links to nothing
        kind = [x in generic for x in w]
        first_name_word = next((i for i, g in enumerate(kind) if not g), n)  # w[:i] is all kind words below it
        last_name_word = max((i for i, g in enumerate(kind) if not g), default=-1)  # w[i:] is, above it
        out.update(f"{t}sx:{' '.join(w[i:])}" for i in range(min(n, last_name_word + 1)))
        out.update(f"{t}px:{' '.join(w[:i])}" for i in range(first_name_word + 1, n + 1))
        if n > 1:
            out.add(f"{t}so:{' '.join(sorted(w))}")
    else:
        return out
    if n > 1 and form.type != "place" and len(form.key) >= rules.fuzzy_min_length:
        initials = "".join(x[0] for x in w)  # a spelling variant differs in one word: key on the others
        out.update(f"{t}z:{initials}:{' '.join(w[:i] + w[i + 1 :])}" for i in range(n))
    return out


def query_keys(index_keys: set[str]) -> set[str]:
    """The keys to look up to find every form a form with ``index_keys`` may link to."""
    out = set()
    for k in index_keys:
        ns, _, value = k.partition(":")
        partners = _PARTNERS.get(ns)
        out.update(f"{p}:{value}" for p in partners) if partners else out.add(k)
    return out


# ----------------------------------------------------------------------------------------- pair rules


@dataclass(frozen=True)
class Link:
    """A rule's verdict on two forms: ``child`` is None for a strong link, else the less specific form's
    id (its ``parent`` the other). ``kind`` names the rule; ``evidence`` is a short template with {a} and
    {b} for the child's (or first) and parent's (or second) display names."""

    kind: str
    evidence: str
    child: str | None = None
    parent: str | None = None
    score: float = 1.0


@lru_cache(maxsize=65536)
def given_names(word: str) -> frozenset[str]:
    """The given names a word can stand for ("bill" -> {bill, william})."""
    return lexicon().given.get(word, frozenset()) | {word}


def _word_match(a: str, b: str, first: bool) -> str | None:
    """How two words match: "eq", "nick" (given names, first words only), "a<" (a is b's initial),
    "b<" (b is a's initial), or None."""
    if a == b:
        return "eq"
    if len(a) == 1 and b.startswith(a):
        return "a<"
    if len(b) == 1 and a.startswith(b):
        return "b<"
    if first and given_names(a) & given_names(b):
        return "nick"
    return None


def _subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    i = 0
    for j, word in enumerate(long):
        if i < len(short) and _word_match(short[i], word, first=(i == 0 and j == 0)) is not None:
            i += 1
    return i == len(short)


def _fuzzy(a: Form, b: Form, rules: NameRules, person: bool) -> Link | None:
    if len(a.words) != len(b.words) or len(a.words) < 2:
        return None
    if min(len(a.key), len(b.key)) < rules.fuzzy_min_length:
        return None
    if any(x[0] != y[0] for x, y in zip(a.words, b.words)):
        return None
    differing = 0
    for i, (x, y) in enumerate(zip(a.words, b.words)):
        if x == y or (person and i == 0 and given_names(x) & given_names(y)):
            continue
        differing += 1
        score = ratio(x, y) / 100
        if min(len(x), len(y)) < rules.fuzzy_word_length or score < rules.fuzzy_word:
            return None
        if person and i == 0 and (min(len(x), len(y)) < 6 or score < rules.fuzzy_first_word):
            return None
    if differing != 1:
        return None
    score = ratio(a.key, b.key) / 100
    if score < rules.fuzzy:
        return None
    return Link("fuzzy", f"fuzzy {score:.2f}: {{a}} ~ {{b}}", score=score)


def _person(a: Form, b: Form, rules: NameRules) -> Link | None:
    wa, wb = a.words, b.words
    if len(wa) == len(wb):
        matches = [_word_match(x, y, first=(i == 0)) for i, (x, y) in enumerate(zip(wa, wb))]
        if all(matches):
            a_initials, b_initials = matches.count("a<"), matches.count("b<")
            if a_initials and b_initials:
                return None  # "J. Robert Smith" / "John R. Smith": neither is the more specific
            if (a_initials or b_initials) and len(wa) > 1:
                child, parent = (a, b) if a_initials else (b, a)
                return Link("initials", "initials: {a} ~ {b}", child.id, parent.id)
            if "nick" in matches:
                return Link("given name", "given name: {a} = {b}")
        if len(wa) > 1 and sorted(wa) == sorted(wb):
            return Link("token order", "word order: {a} = {b}")
        return _fuzzy(a, b, rules, person=True)
    short, long = (a, b) if len(wa) < len(wb) else (b, a)
    ws, wl = short.words, long.words
    if len(ws) == 1:
        if not short.bare or ws[0] in lexicon().particles:
            return None
        if ws[0] in wl[1:]:
            return Link("surname", "surname of {b}", short.id, long.id)
        if ws[0] == wl[0]:
            return Link("given name", "given name of {b}", short.id, long.id)
        return None
    if wl[-len(ws) :] == ws or (_word_match(ws[0], wl[0], first=True) and _subsequence(ws, wl)):
        return Link("short form", "short form of {b}", short.id, long.id)
    return None


def _generic(words: tuple[str, ...], generic: frozenset[str]) -> bool:
    return all(w in generic for w in words)


def _generic_words(type: str) -> frozenset[str]:
    return lexicon().org_generic if type == "org" else lexicon().place_generic


def _org_place(a: Form, b: Form, rules: NameRules, acronym: tuple[bool, bool]) -> Link | None:
    if a.type != b.type:  # org <-> place only as the same folded name (a tagger's confusion)
        if a.key == b.key:
            return Link("type", "same name as org and place: {a}")
        return None
    for (x, x_acr), y in (((a, acronym[0]), b), ((b, acronym[1]), a)):
        if x_acr and len(x.words) == 1 and y.initials and x.words[0] == y.initials:
            return Link("acronym", "acronym {a}", x.id, y.id)
    wa, wb = a.words, b.words
    if wa == wb:  # differ only by stop words ("Los Zetas" / "Zetas")
        return Link("token order", "same words: {a} = {b}")
    generic = _generic_words(a.type)
    if len(wa) == len(wb):
        if len(wa) > 1 and sorted(wa) == sorted(wb):
            return Link("token order", "word order: {a} = {b}")
        return _fuzzy(a, b, rules, person=False) if a.type == "org" else None
    short, long = (a, b) if len(wa) < len(wb) else (b, a)
    ws, wl = short.words, long.words
    if _generic(ws, generic):
        return None
    if a.type == "org" and wl[-len(ws) :] == ws:
        return Link("short form", "short form of {b}", short.id, long.id)
    if wl[: len(ws)] == ws and _generic(wl[len(ws) :], generic) and (a.type == "org" or len(ws) > 1):
        return Link("short form", "short form of {b}", short.id, long.id)
    return None


def compare(
    a: Form,
    b: Form,
    rules: NameRules = NameRules(),
    acronym: tuple[bool, bool] = (False, False),
    nicknames: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
) -> Link | None:
    """The link between two different forms, or None. ``acronym`` and ``nicknames`` are the forms'
    properties that come from their mentions (see ``keys``)."""
    if a.id == b.id:
        return None
    if a.type == "person" and b.type == "person":
        for x, y, y_nicks in ((a, b, nicknames[1]), (b, a, nicknames[0])):
            if x.key in y_nicks and len(y.words) > 1:
                return Link("nickname", "nickname {a}", x.id, y.id)
        return _person(a, b, rules)
    if a.type in ("org", "place") and b.type in ("org", "place"):
        return _org_place(a, b, rules, acronym)
    if "other" in (a.type, b.type) and {a.type, b.type} <= {"other", "org", "place"} and a.key == b.key:
        return Link("type", "same name, untyped in one article: {a}")
    return None


# Bump when the code of the rules above changes what they link (stored links are then recomputed).
RULES_VERSION = 4


def rules_fingerprint(rules: NameRules) -> str:
    """Changes when the rules' code, the lexicon or a threshold changes (stored links are then
    recomputed)."""
    payload = json.dumps([RULES_VERSION, lexicon().fingerprint, asdict(rules)], sort_keys=True)
    return hashlib.sha1(payload.encode()).hexdigest()[:12]
