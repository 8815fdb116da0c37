"""The quotes lexicon (lexicons/quotes.yaml) compiled into lookup tables, once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ... import lexicons


def _forms(base: str, irregular: dict[str, list[str]]) -> list[str]:
    """Inflected forms of a (possibly multi-word) verb: "note" -> note, notes, noted, noting."""
    if base in irregular:
        return [str(f) for f in irregular[base]]
    words = base.split()
    verb, rest = words[0], words[1:]
    if verb.endswith("e"):
        forms = [verb, verb + "s", verb + "d", verb[:-1] + "ing"]
    elif verb.endswith(("s", "sh", "ch", "x", "z")):
        forms = [verb, verb + "es", verb + "ed", verb + "ing"]
    elif verb.endswith("y") and verb[-2:-1] not in "aeiou":
        forms = [verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"]
    else:
        forms = [verb, verb + "s", verb + "ed", verb + "ing"]
    return [" ".join([f, *rest]) for f in forms]


def _lower(values: Any) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values or ())


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, tuple[str, str]]  # single-word form -> (base, category: speech/belief/post)
    phrasal: dict[str, dict[str, tuple[str, str]]]  # verb form -> {particle: (base, category)}
    platforms: tuple[tuple[str, ...], ...]
    post_nouns: frozenset[str]
    pronouns: dict[str, str]  # pronoun -> person/plural/thing/relative
    person_descriptions: frozenset[str]
    org_descriptions: frozenset[str]
    org_heads: frozenset[str]
    anonymous_heads: frozenset[str]
    anonymity_markers: tuple[str, ...]
    vague_determiners: frozenset[str]
    noun_cues: frozenset[str]
    according_to: tuple[tuple[str, ...], ...]
    title_cues: tuple[str, ...]
    marks: dict[str, str]
    limits: dict[str, int]
    confidence: dict[str, float]
    label_rubrics: frozenset[str] = frozenset()  # "The Latest:", "Update:": section labels, not speakers
    label_rubric_starts: frozenset[str] = frozenset()  # first words of such labels ("the", "more")
    label_sources: frozenset[str] = frozenset()  # nouns that speak in a headline label ("Poll:")
    clause_only: frozenset[str] = frozenset()  # verbs that attribute only a clause ("a poll found that")
    raising_verbs: frozenset[str] = frozenset()  # "X seems to ...": no source, X is part of the content
    passive_verbs: frozenset[str] = frozenset()  # "X is expected to ...", "it was reported that ...": no source
    question_verbs: frozenset[str] = frozenset()  # verb forms whose topic is what they ask ("asked about")
    question_marks: frozenset[str] = frozenset()  # "if", "whether": a clause they open is a question
    idioms: frozenset[str] = frozenset()  # "that said": set phrases with a cue verb that report no one
    noun_attributions: frozenset[str] = frozenset()  # "criticism of", "decision to": nouns that attribute
    noun_attribution_preps: frozenset[str] = frozenset()  # the prepositions that give such a noun's content
    question_topics: frozenset[str] = frozenset()  # "about", "on": prepositions giving a question's topic

    def verb(self, token: Any) -> tuple[str, str, Any] | None:
        """(base, category, particle token or None) when ``token`` is a cue verb."""
        low = token.lower_
        particles = self.phrasal.get(low)
        if particles:
            for child in token.children:
                if child.dep_ in ("prt", "prep", "advmod") and child.lower_ in particles:
                    base, cat = particles[child.lower_]
                    return base, cat, child
            nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
            if (  # "calling for the US to act": "for" parsed as the mark of the clause it introduces
                nxt is not None
                and nxt.dep_ == "mark"
                and nxt.lower_ in particles
                and nxt.head.head.i == token.i
            ):
                base, cat = particles[nxt.lower_]
                return base, cat, nxt
        hit = self.verbs.get(low)
        if hit is None:
            return None
        return hit[0], hit[1], None


@lru_cache(maxsize=1)
def get() -> Lexicon:
    data = lexicons.load("quotes")
    irregular = {str(k): list(v) for k, v in (data.get("irregular") or {}).items()}
    verbs: dict[str, tuple[str, str]] = {}
    phrasal: dict[str, dict[str, tuple[str, str]]] = {}
    for category, key in (("post", "post_verbs"), ("speech", "speech_verbs"), ("belief", "belief_verbs")):
        for base in data.get(key) or ():
            base = str(base).lower()
            for form in _forms(base, irregular):
                words = form.split()
                if len(words) == 1:
                    verbs.setdefault(words[0], (base, category))
                else:
                    phrasal.setdefault(words[0], {}).setdefault(words[1], (base, category))
    pronouns = {str(p).lower(): kind for kind, ps in (data.get("pronouns") or {}).items() for p in ps}
    return Lexicon(
        verbs=verbs,
        phrasal=phrasal,
        platforms=tuple(
            sorted({tuple(str(p).lower().split()) for p in data["platforms"]}, key=len, reverse=True)
        ),
        post_nouns=_lower(data.get("post_nouns")),
        pronouns=pronouns,
        person_descriptions=_lower(data.get("person_descriptions")),
        org_descriptions=_lower(data.get("org_descriptions")),
        org_heads=_lower(data.get("org_heads")),
        anonymous_heads=_lower(data.get("anonymous_heads")),
        anonymity_markers=tuple(str(m).lower() for m in data.get("anonymity_markers") or ()),
        vague_determiners=_lower(data.get("vague_determiners")),
        noun_cues=_lower(data.get("noun_cues")),
        according_to=tuple(tuple(str(p).lower().split()) for p in data.get("according_to") or ()),
        title_cues=tuple(str(p).lower() for p in data.get("title_cues") or ()),
        marks={str(k): str(v) for k, v in data["marks"].items()},
        limits={str(k): int(v) for k, v in data["limits"].items()},
        confidence={str(k): float(v) for k, v in data["confidence"].items()},
        label_rubrics=_lower((data.get("speaker_labels") or {}).get("rubrics")),
        label_rubric_starts=_lower((data.get("speaker_labels") or {}).get("rubric_starts")),
        label_sources=_lower((data.get("speaker_labels") or {}).get("sources")),
        clause_only=_lower(data.get("clause_only_verbs")),
        raising_verbs=_lower((data.get("sourceless_verbs") or {}).get("raising")),
        passive_verbs=_lower((data.get("sourceless_verbs") or {}).get("passive")),
        question_verbs=frozenset(
            f
            for b in (data.get("questions") or {}).get("verbs") or ()
            for f in _forms(str(b).lower(), irregular)
        ),
        idioms=frozenset(" ".join(str(i).lower().split()) for i in data.get("idioms") or ()),
        noun_attributions=_lower((data.get("noun_attributions") or {}).get("nouns")),
        noun_attribution_preps=_lower((data.get("noun_attributions") or {}).get("prepositions")),
        question_marks=_lower((data.get("questions") or {}).get("marks")),
        question_topics=_lower((data.get("questions") or {}).get("topics")),
    )
