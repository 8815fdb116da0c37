"""lexicons/causal.yaml compiled: the cue words by kind, indexed for matching on spaCy tokens."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ... import lexicons

# the kinds of cue, each read from one section of causal.yaml; the kind decides how cause and effect are
# found in the parse (see finder.py)
VERB = "verb"  # X fuels Y
PHRASAL = "phrasal"  # X led to Y
REVERSE = "reverse"  # Y resulted from X; as a plain verb (``reverse: true``), Y followed X
RESULT_PARTICIPLE = "result_participle"  # X, leaving Y dead
MOTIVE = "motive"  # Y, demanding X
CONNECTIVE = "connective"  # Y because (of) X
ADVERB = "adverb"  # X. As a result, Y
PURPOSE = "purpose"  # Y (in order) to X


@dataclass(frozen=True)
class Cue:
    kind: str
    words: tuple[str, ...]  # lower-case tokens: ("because", "of"); for verbs one form
    weight: float
    polarity: str = "cause"
    particles: tuple[str, ...] = ()  # phrasal and reverse verbs
    heads: frozenset[str] = frozenset()  # connectives that count only after these words
    as_marker: bool = False  # the connective counts only as a clause marker ("as he left"), not "as a"
    means: bool = False  # "by" + a gerund: the means, i.e. the cause
    gerund: bool = False  # the ``heads`` restriction is lifted before a gerund ("blamed ... for doing")
    objects: frozenset[str] = frozenset()  # when given, the connective's (or verb's) object must be one of these
    states: frozenset[str] = frozenset()  # verbs that count only with one of these results ("left three dead")
    unless_perfect: bool = False  # not on a clause in the perfect ("have arrested 40 since the riots began")
    causative: bool = False  # the verb counts only before a small clause ("made them angry", "made her quit")
    # no cue before these: a causative verb's complement ("made it clear that"), a motive's object
    # ("citing sources")
    not_objects: frozenset[str] = frozenset()
    signal_in: str = ""  # "cause" or "effect": the argument span that starts with the signal words
    reading: str = ""  # names one reading of words listed more than once ("when" after casualty words)
    not_subjects: frozenset[str] = frozenset()  # phrasal verbs: no cue after these ("roads leading to")
    introduces: str = "cause"  # a connective's object: the cause ("because of X") or the effect ("behind X")

    @property
    def needs(self) -> frozenset[str]:
        """Words the sentence must hold for the cue to count (its objects, else its heads unless a gerund can
        stand in for them): the phrase finder drops the cue before reading the parse when none is there."""
        return self.objects or (frozenset() if self.gerund else self.heads)

    @property
    def key(self) -> str:
        """A stable name: kind, words and reading ("connective:because of", "connective:when@casualty")."""
        return f"{self.kind}:{' '.join(self.words)}" + (f"@{self.reading}" if self.reading else "")


@dataclass(frozen=True)
class Lexicon:
    threshold: float
    missing_argument_factor: float
    verbs: dict[str, Cue]  # form -> cue (plain verbs)
    phrasal: dict[str, tuple[Cue, ...]]  # form -> phrasal and reverse cues
    participles: dict[str, Cue]  # form -> result or motive participle cue
    phrases: dict[str, tuple[Cue, ...]]  # first word -> connective, adverb and purpose cues, longest first
    not_purpose_heads: frozenset[str]
    verb_participle_signal_in: str = ""  # "..., fuelling Y": the argument that starts with the participle
    signal_auxiliaries: frozenset[str] = frozenset()  # "had" in "had triggered": part of a verb's signal
    connective_climb: frozenset[str] = frozenset()  # "men arrested for X": a participle's head joins the effect
    passive_purpose_heads: frozenset[str] = frozenset()  # "tear gas was used to disperse": a purpose again
    complement_climb: frozenset[str] = frozenset()  # cue kinds whose effect on an xcomp verb is its governor's
    connective_object_climb: frozenset[str] = frozenset()  # "claimed responsibility for X": the verb's clause
    purpose_climb: frozenset[str] = frozenset()  # "launched a campaign to X": the noun's deps whose verb is the effect
    advmod_markers: frozenset[str] = frozenset()  # "when": parsed as advmod of the clause it introduces
    motive_preps: frozenset[str] = frozenset()  # "protesting against X": a motive participle's object
    be_purpose_subjects: frozenset[str] = frozenset()  # "the aim is to ...": "be to" as a purpose, not a plan
    place_connectives: frozenset[str] = frozenset()  # "at": no cue before a place ("a protest at the Hall")
    place_entities: frozenset[str] = frozenset()  # spaCy entity labels of places (GPE, LOC, FAC)
    name_entities: frozenset[str] = frozenset()  # entity labels of names a cue word may be part of (ORG)
    temporal_connectives: frozenset[str] = frozenset()  # "after", "for": no cue before a date or a duration
    interval_connectives: frozenset[str] = frozenset()  # "after": no cue after a span of time ("a day after")
    interval_nouns: frozenset[str] = frozenset()
    saying_verbs: frozenset[str] = frozenset()  # "as you know", "when asked": no cause from a marker on these
    report_verbs: frozenset[str] = frozenset()  # "he said", "Ohlberg added": no effect of their own
    # first word -> the fixed phrases it starts that are no cue: "after" -> (("after", "all"),)
    idioms: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    # first word -> second word -> the phrase cues that can start there, longest first, each with the words
    # it needs ("" -> the one-word cues): what the phrase finder tries at a token
    phrase_index: dict[str, dict[str, tuple[tuple[Cue, frozenset[str]], ...]]] = field(default_factory=dict)


def _forms(entry: dict) -> tuple[str, ...]:
    return tuple(str(f).lower() for f in entry["forms"])


def _cue(kind: str, entry: dict, words: tuple[str, ...], signal_in: str = "") -> Cue:
    return Cue(
        kind=kind,
        words=words,
        weight=float(entry["weight"]),
        polarity=str(entry.get("polarity", "cause")),
        particles=tuple(str(p).lower() for p in entry.get("particles", ())),
        heads=frozenset(str(h).lower() for h in entry.get("heads", ())),
        as_marker=bool(entry.get("as_marker", False)),
        means=bool(entry.get("means", False)),
        gerund=bool(entry.get("gerund", False)),
        objects=frozenset(str(o).lower() for o in entry.get("objects", ())),
        states=frozenset(str(o).lower() for o in entry.get("states", ())),
        causative=bool(entry.get("causative", False)),
        unless_perfect=bool(entry.get("unless_perfect", False)),
        not_objects=frozenset(str(o).lower() for o in entry.get("not_objects", ())),
        signal_in=str(entry.get("signal_in", signal_in)),
        reading=str(entry.get("reading", "")),
        introduces=str(entry.get("introduces", "cause")),
        not_subjects=frozenset(str(w).lower() for w in entry.get("not_subjects", ())),
    )


def _idioms(entries) -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for entry in entries:
        words = tuple(str(entry).lower().split())
        out.setdefault(words[0], []).append(words)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


PhraseIndex = dict[str, dict[str, tuple[tuple[Cue, frozenset[str]], ...]]]


def _index(phrases: dict[str, tuple[Cue, ...]]) -> PhraseIndex:
    out: PhraseIndex = {}
    for first, cues in phrases.items():
        single = [c for c in cues if len(c.words) == 1]
        seconds = {c.words[1] for c in cues if len(c.words) > 1}
        by_second = {w: [c for c in cues if len(c.words) > 1 and c.words[1] == w] + single for w in seconds}
        by_second[""] = single
        out[first] = {w: tuple((c, c.needs) for c in v) for w, v in by_second.items()}
    return out


def _no_bare_booleans(data, where: str = "causal.yaml") -> None:
    """YAML reads a bare on, off, yes or no as a boolean: in a list of words that is a typo to be quoted."""
    if isinstance(data, dict):
        for key, value in data.items():
            _no_bare_booleans(value, f"{where}: {key}")
    elif isinstance(data, list):
        for item in data:
            if isinstance(item, bool):
                raise ValueError(f"{where}: a word read as {item}; quote it (\"on\", \"off\")")
            _no_bare_booleans(item, where)


def build(data: dict) -> Lexicon:
    _no_bare_booleans(data)
    inside = {str(k): str(v) for k, v in (data.get("signal_in") or {}).items()}  # section -> argument
    verbs: dict[str, Cue] = {}
    for entry in data.get("verbs", ()):
        forms = _forms(entry)
        cue = _cue(REVERSE if entry.get("reverse") else VERB, entry, forms[:1])
        for form in forms:
            verbs[form] = cue
    phrasal: dict[str, list[Cue]] = {}
    for section, kind in (("phrasal_verbs", PHRASAL), ("reverse_verbs", REVERSE)):
        for entry in data.get(section, ()):
            forms = _forms(entry)
            cue = _cue(kind, entry, forms[:1])
            for form in forms:
                phrasal.setdefault(form, []).append(cue)
    participles: dict[str, Cue] = {}
    for section, kind in (("result_participles", RESULT_PARTICIPLE), ("motive_participles", MOTIVE)):
        for entry in data.get(section, ()):
            forms = _forms(entry)
            cue = _cue(kind, entry, forms[:1], inside.get(section, ""))
            for form in forms:
                participles[form] = cue
    phrases: dict[str, list[Cue]] = {}
    for section, kind in (("connectives", CONNECTIVE), ("result_adverbs", ADVERB), ("purpose", PURPOSE)):
        for entry in data.get(section, ()):
            words = tuple(str(entry["words"]).lower().split())
            phrases.setdefault(words[0], []).append(_cue(kind, entry, words, inside.get(section, "")))
    ordered = {k: tuple(sorted(v, key=lambda c: -len(c.words))) for k, v in phrases.items()}
    return Lexicon(
        threshold=float(data.get("threshold", 0.5)),
        missing_argument_factor=float(data.get("missing_argument_factor", 0.6)),
        verbs=verbs,
        phrasal={k: tuple(v) for k, v in phrasal.items()},
        participles=participles,
        phrases=ordered,
        phrase_index=_index(ordered),
        not_purpose_heads=frozenset(str(w).lower() for w in data.get("not_purpose_heads", ())),
        verb_participle_signal_in=inside.get("verb_participles", ""),
        signal_auxiliaries=frozenset(str(w).lower() for w in data.get("signal_auxiliaries", ())),
        connective_climb=frozenset(str(d) for d in data.get("connective_climb", ())),
        passive_purpose_heads=frozenset(str(w).lower() for w in data.get("passive_purpose_heads", ())),
        complement_climb=frozenset(str(k) for k in data.get("complement_climb", ())),
        connective_object_climb=frozenset(str(d) for d in data.get("connective_object_climb", ())),
        purpose_climb=frozenset(str(d) for d in data.get("purpose_climb", ())),
        advmod_markers=frozenset(str(w).lower() for w in data.get("advmod_markers", ())),
        saying_verbs=frozenset(str(w).lower() for w in data.get("saying_verbs", ())),
        report_verbs=frozenset(str(w).lower() for w in data.get("report_verbs", ())),
        motive_preps=frozenset(str(w).lower() for w in data.get("motive_preps", ())),
        be_purpose_subjects=frozenset(str(w).lower() for w in data.get("be_purpose_subjects", ())),
        place_connectives=frozenset(str(w).lower() for w in data.get("place_connectives", ())),
        place_entities=frozenset(str(w) for w in data.get("place_entities", ())),
        name_entities=frozenset(str(w) for w in data.get("name_entities", ())),
        temporal_connectives=frozenset(str(w).lower() for w in data.get("temporal_connectives", ())),
        interval_connectives=frozenset(str(w).lower() for w in data.get("interval_connectives", ())),
        interval_nouns=frozenset(str(w).lower() for w in data.get("interval_nouns", ())),
        idioms=_idioms(data.get("idioms", ())),
    )


@lru_cache(maxsize=1)
def get() -> Lexicon:
    return build(lexicons.load("causal"))
