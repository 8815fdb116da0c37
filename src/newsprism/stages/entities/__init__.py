"""The ``entities`` stage: people, organisations, places and groups named in an article.

    run(article, doc, ctx) -> list[Mention]     # doc: the spaCy Doc of article.body
    demonym_country("Mexican") -> "Mexico"

The small English model finds most names but labels them noisily on news ("Trump" ORG, "Culiacan" NORP).
The stage keeps its spans as candidates and decides everything else from evidence, one step per module:

    spans      candidate spans: the model's entities split, trimmed of markup/"the"/"'s", nicknames merged
    missed     names the model missed (after titles, parts of names, lexicon words) and acronym definitions
    roles      titles and appositives attached as roles; "the undersecretary"-style descriptions
    evidence   typed evidence per candidate; one type per surface form; metonymy and demonyms per occurrence
    resolve    clusters within the article: the fullest name, and the head mention each one resolves to
    lexicon    lexicons/entities.yaml compiled (titles, cue words, countries, demonyms, capitals, seats)

Every mention satisfies ``article.body[start:end] == text``; ``name`` is the fullest form of the name in the
article; ``head`` is the id of the mention carrying that fullest name (None on that mention itself).
"""

from __future__ import annotations

import re
from typing import Any

from ...records import Article, Mention
from . import evidence, lexicon, missed, resolve, roles, spans
from .text import key

NAME = "entities"
VERSION = 7
STAGE = f"{NAME}@{VERSION}"


def demonym_country(name: str) -> str | None:
    """The country a demonym or a country's short name stands for: "Mexican" -> "Mexico", "U.S." ->
    "United States"; None for regional demonyms ("Latin American") and unknown words."""
    lex = lexicon.get()
    k = key(name)
    dem = lex.demonym(k)
    if dem and dem[0] not in lex.regions.values():
        return dem[0]
    return lex.countries.get(k)


def is_seat(name: str) -> bool:
    """Whether a name is a building or street standing for an institution ("Kremlin", "White House")
    rather than a place name (the ``seats`` of lexicons/entities.yaml)."""
    return key(name) in lexicon.get().seats


_QUOTE_EVENTS = re.compile(r'(?<=\n)\n|[“”"]')  # a blank line, an opening, closing or straight quote


def quote_mask(body: str) -> list[bool]:
    """For each character, whether it sits inside a quotation (quotes reset at blank lines)."""
    inside = False
    out = [False] * (len(body) + 1)
    pos = 0
    for m in _QUOTE_EVENTS.finditer(body):  # the state changes only there
        n = m.start()
        if inside:
            out[pos:n] = [True] * (n - pos)
        ch = body[n]
        if ch == "\n" or ch == "”":
            inside = False
        elif ch == "“":
            inside = True
        else:
            inside = not inside
        out[n] = inside
        pos = n + 1
    if inside:
        out[pos : len(body)] = [True] * (len(body) - pos)
    return out


def candidates(doc: Any) -> tuple[list[spans.Cand], dict[str, str]]:
    """The typed candidate mentions of one Doc, before resolution, and the acronym aliases found."""
    lex = lexicon.get()
    cands = spans.clean(doc, spans.model_spans(doc, lex), lex)
    cands, aliases = missed.acronyms(doc, cands, lex)
    person_starts = {c.i for c in cands if c.label == "PERSON"}
    titled: list[spans.Cand] = []
    for c in cands:
        titled.extend(roles.split_title(doc, c, lex, person_starts))
    cands = spans.dedupe(titled)
    cands = spans.dedupe(cands + missed.extra(doc, cands, lex))
    final = []
    for c in cands:
        t = spans.trim(doc, c.i, c.j, lex)
        if not t:
            continue
        c.i, c.j = t
        if c.nick and not (c.i < c.nick[0] and c.nick[1] < c.j):
            c.nick = None
        if roles.portfolio_of_title(doc, c, lex) or roles.title_only(doc, c, lex):
            continue
        if spans.char_span(doc, c, lex) and key(spans.name_text(doc, c)) not in lex.never:
            final.append(c)
    final = spans.headline_filter(doc, final, lex)
    for c in final:
        roles.appositive(doc, c, lex)
        roles.kinship_before(doc, c, lex)
        roles.reflexive(doc, c, lex)
    evidence.collect(doc, final, lex)
    aliases = evidence.vote(doc, final, lex, aliases)
    evidence.per_occurrence(doc, final, lex)
    return final, aliases


def _reason(c: spans.Cand) -> str:
    parts = []
    if c.source == "model":
        parts.append(f"{c.label} by model")
    elif c.source == "description":
        parts.append("definite description")
    else:
        parts.append(f"found by rule ({c.source})")
    seen = set()
    for t, _, why in sorted(c.evidence, key=lambda e: -e[1]):
        if why and t == c.type and why not in seen and len(seen) < 3:
            parts.append(f"{t}: {why}")
            seen.add(why)
    parts.extend(c.notes)
    if c.resolved_by and c.cluster is not None and c is not c.cluster.rep:
        parts.append(f"resolved: {c.resolved_by}")
    return "; ".join(parts)


def run(article: Article, doc: Any, ctx: Any = None) -> list[Mention]:
    """The mentions of people, organisations, places and groups in ``article.body``, in body order."""
    body = article.body
    if doc is None or not body.strip():
        return []
    lex = lexicon.get()
    cands, aliases = candidates(doc)
    descs = roles.descriptions(doc, cands, lex, quote_mask(body))
    descs = [d for d in descs if not _appositive_of(doc, d, cands)]
    resolve.resolve(doc, cands, descs, lex, aliases)
    kept = [c for c in cands if c.cluster is not None] + [d for d in descs if d.cluster is not None]
    for c in kept:  # whitespace never starts or ends a mention
        while c.end > c.start and body[c.end - 1].isspace():
            c.end -= 1
        while c.start < c.end and body[c.start].isspace():
            c.start += 1
    kept = [c for c in kept if c.end > c.start]
    kept.sort(key=lambda c: (c.start, c.end))
    ids = {id(c): f"m{n}" for n, c in enumerate(kept, 1)}
    out = []
    for c in kept:
        cl = c.cluster
        rep = cl.rep
        head = ids.get(id(rep)) if rep is not None and rep is not c else None
        confidence = round(c.confidence * (c.link_confidence if head else 1.0), 2)
        if c.source == "description":
            confidence = round(c.link_confidence, 2)
        out.append(
            Mention(
                document=article.id,
                id=ids[id(c)],
                start=c.start,
                end=c.end,
                text=body[c.start : c.end],
                type=c.type if c.source != "description" else "person",
                name=cl.name if not (c.type == "group" and c.group_name) else c.group_name,
                label=c.label,
                role=c.role if c.source != "description" else None,
                head=head,
                nickname=spans.nickname(doc, c),
                metonymy=c.metonymy,
                in_comment=False,
                confidence=confidence,
                reason=_reason(c),
                stage=STAGE,
            )
        )
    return out


def _appositive_of(doc: Any, d: spans.Cand, cands: list[spans.Cand]) -> bool:
    """ "John Feeley, the deputy chief of mission": the description renames the name before the comma."""
    k = d.i - 2  # the token before "the"
    ends = {c.j for c in cands}
    return k >= 1 and doc[k].text == "," and k in ends


__all__ = ["NAME", "STAGE", "VERSION", "candidates", "demonym_country", "is_seat", "run"]
