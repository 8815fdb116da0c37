"""Within-article name resolution: which mentions stand for the same actor, and its fullest name.

People are grouped longest name first: "Andrés Manuel López Obrador" takes in "Andres Manuel Lopez
Obrador" (accents folded), "López Obrador" (words in order), "Obrador" (a surname: any word after the
first), a quoted nickname, and an acronym of its initials (AMLO). A surname shared by two people goes to
the one mentioned last before it, with lower confidence; a first name shared by two people goes to the
one introduced as a journalist ("NPR's Robert Siegel", "host X"), else is left unresolved. Organisations
group by key, a shorter form of two words or more that begins a longer one ("Joint Chiefs" / "Joint
Chiefs of Staff") and acronyms; places by key with country aliases folded ("U.S."
= "United States"); groups by their normalised name. Definite descriptions ("the undersecretary") join
the one person who held a matching title earlier, or are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .lexicon import Lexicon
from .spans import Cand, name_text, nickname
from .text import key, non_ascii, same_word, subsequence


@dataclass
class Cluster:
    type: str
    members: list[Cand] = field(default_factory=list)
    words: list[str] = field(default_factory=list)  # keys of the fullest name's words
    name: str = ""
    rep: Cand | None = None
    aliases: set[str] = field(default_factory=set)

    def first(self) -> int:
        return min(c.start for c in self.members)

    def last_before(self, pos: int) -> int:
        return max((c.start for c in self.members if c.start < pos), default=-1)

    def add(self, c: Cand, how: str = "", confidence: float = 1.0) -> None:
        self.members.append(c)
        c.cluster = self
        c.resolved_by = how
        c.link_confidence = confidence


def _display(doc: Any, c: Cand) -> str:
    if c.type == "group" and c.group_name:
        return c.group_name
    return name_text(doc, c)


def _better(doc: Any, a: Cand, b: Cand) -> bool:
    """Is ``a`` a fuller name than ``b``? More words, then accents kept, then earlier."""
    wa, wb = len(name_text(doc, a).split()), len(name_text(doc, b).split())
    if wa != wb:
        return wa > wb
    na, nb = non_ascii(name_text(doc, a)), non_ascii(name_text(doc, b))
    if na != nb:
        return na > nb
    return a.start < b.start


def _finish(doc: Any, cl: Cluster) -> None:
    rep = cl.members[0]
    for c in cl.members[1:]:
        if c.source != "description" and _better(doc, c, rep):
            rep = c
    # the representative is the earliest mention written with the fullest name
    same = [c for c in cl.members if c.source != "description" and _display(doc, c) == _display(doc, rep)]
    cl.rep = min(same, key=lambda c: c.start) if same else rep
    cl.name = _display(doc, cl.rep)


def _person_match(words: list[str], cl: Cluster) -> str | None:
    """How a person's name words match a cluster's fullest name: "full", "surname", "first" or None."""
    if len(words) >= 2:
        if subsequence(words, cl.words) or subsequence(cl.words, words):
            return "full"
        return None
    if len(cl.words) < 2:
        return "full" if same_word(words[0], cl.words[0]) else None
    if any(same_word(words[0], w) for w in cl.words[1:]):
        return "surname"
    if same_word(words[0], cl.words[0]):
        return "first"
    return None


def resolve(
    doc: Any, cands: list[Cand], descs: list[Cand], lex: Lexicon, aliases: dict[str, str]
) -> list[Cluster]:
    clusters: list[Cluster] = []
    by_key: dict[tuple[str, str], Cluster] = {}

    def new(c: Cand, k: str) -> Cluster:
        cl = Cluster(c.type, words=k.split())
        cl.add(c)
        clusters.append(cl)
        by_key[(c.type, k)] = cl
        return cl

    people = [c for c in cands if c.type == "person"]
    people.sort(key=lambda c: (-len(key(name_text(doc, c)).split()), c.start))
    person_clusters: list[Cluster] = []
    pending_alias: list[tuple[Cand, str]] = []
    for c in people:
        k = key(name_text(doc, c))
        words = k.split()
        if k in aliases:
            pending_alias.append((c, k))
            continue
        nick_owner = next((cl for cl in person_clusters if k in cl.aliases), None)
        if nick_owner is not None:
            nick_owner.add(c, "nickname")
            continue
        matches = [(cl, how) for cl in person_clusters if (how := _person_match(words, cl))]
        if matches:
            kinds = {how for _, how in matches}
            best = "full" if "full" in kinds else "surname" if "surname" in kinds else "first"
            chosen = [cl for cl, how in matches if how == best]
            if len(chosen) == 1:
                chosen[0].add(c, best if best != "full" else "same name")
                _absorb_nick(doc, chosen[0], c)
                continue
            if best in ("surname", "full"):
                near = max(chosen, key=lambda cl: cl.last_before(c.start))
                if near.last_before(c.start) >= 0:
                    near.add(c, f"ambiguous {best}: nearest before", 0.6)
                    continue
            if best == "first":
                staff = [cl for cl in chosen if _works_for_the_outlet(doc, cl, lex)]
                if len(staff) == 1:
                    staff[0].add(c, "first name of the outlet's journalist", 0.7)
                    continue
            # a first name shared by two people, or nothing before it: leave it on its own
        cl = new(c, k)
        person_clusters.append(cl)
        _absorb_nick(doc, cl, c)

    others = [c for c in cands if c.type != "person"]
    for c in sorted(others, key=lambda c: (-len(key(name_text(doc, c)).split()), c.start)):
        k = key(name_text(doc, c)) if c.type != "group" else key(c.group_name or name_text(doc, c))
        if c.type == "place" and k in lex.countries:
            k = key(lex.countries[k])
        if k in aliases:
            pending_alias.append((c, k))
            continue
        if (c.type, k) in by_key:
            by_key[(c.type, k)].add(c, "same name")
            continue
        if c.type == "org" and k not in lex.seats:
            # "Joint Chiefs" / "Joint Chiefs of Staff"; "Chiefs" / "Kansas City Chiefs"; "Congress" / "U.S. Congress"
            longer = [
                cl
                for (t, kk), cl in by_key.items()
                if t == "org"
                and (
                    len(k.split()) >= 2
                    and kk.startswith(k + " ")
                    and kk.split()[len(k.split())] in lex.name_links
                    or kk.endswith(" " + k)
                    and not any(w in lex.name_links for w in kk.split())
                )
            ]
            if len(longer) == 1:
                longer[0].add(c, "shorter form")
                continue
        new(c, k)

    for c, k in pending_alias:
        target = aliases[k]
        owner = next(
            (cl for cl in clusters if any(key(name_text(doc, m)) == target for m in cl.members)), None
        )
        if owner is None:
            owner = next((cl for cl in person_clusters if _person_match(target.split(), cl) == "full"), None)
        if owner is None:
            owner = next((cl for cl in clusters if k in cl.aliases), None)
        if owner is not None:
            c.type = owner.type if not c.metonymy else c.type
            owner.add(c, "acronym")
            owner.aliases.add(k)
        else:
            new(c, k)

    for cl in clusters:
        _finish(doc, cl)

    for d in descs:
        found = _description_owner(d, person_clusters)
        if found is not None:
            found.add(d, f"the only person titled '{d.role_head}' before", 0.7 if d.role_quals else 0.6)
    return clusters


def _works_for_the_outlet(doc: Any, cl: Cluster, lex: Lexicon) -> bool:
    """Introduced as a journalist: a newsroom title as its role ("host X", "X, a correspondent"), or the
    name written right after an organisation's possessive ("NPR's Robert Siegel")."""
    for m in cl.members:
        if m.role_head and key(m.role_head) in lex.journalist_titles:
            return True
        before = doc[m.i - 1] if m.i >= 1 else None
        if before is not None and key(before.text) in lex.journalist_titles:  # "host Robert Siegel"
            return True
        if m.i >= 2 and before.tag_ == "POS" and doc[m.i - 2].ent_type_ == "ORG":  # "NPR's Robert Siegel"
            return True
    return False


def _absorb_nick(doc: Any, cl: Cluster, c: Cand) -> None:
    nick = nickname(doc, c)
    if nick:
        cl.aliases.add(key(nick))
    if len(key(name_text(doc, c)).split()) > len(cl.words):
        cl.words = key(name_text(doc, c)).split()


def _compatible(desc: frozenset[str], role: frozenset[str], countries: set[str]) -> bool:
    for q in desc:
        if q in role:
            continue
        if q in countries and not (role & countries):
            continue  # "the US president" vs a role that names no country
        return False
    return True


def _description_owner(d: Cand, people: list[Cluster]) -> Cluster | None:
    if "inside a quotation" in d.notes and not d.role_quals:
        return None
    from .lexicon import get

    lex = get()
    countries = {key(v) for v in lex.countries.values()}
    owners = []
    for cl in people:
        roles = [
            c
            for c in cl.members
            if c.role_head == d.role_head and c.start < d.start and c.source != "description"
        ]
        if roles and any(_compatible(d.role_quals, c.role_quals, countries) for c in roles):
            owners.append(cl)
    return owners[0] if len(owners) == 1 else None
