"""Who a source is: the Mention it resolves to, its role, whether it is anonymous.

    Resolver(article_body, mentions, lex).speaker(start, end, head_token, previous) -> Speaker

- a source overlapping a name Mention (its head word inside the mention) is that mention: "Napolitano",
  "Mexico's Interior Department", "the undersecretary" (the entities stage resolves descriptions);
- a pronoun resolves to the nearest compatible antecedent before it: the previous quote's speaker when it
  is near and of the right kind, else the person who is the subject of a recent sentence, else the nearest
  person mention ("he"/"she"/"I"); organisations and groups for "they"/"we"/"it";
- "who"/"which" resolve to the noun the relative clause hangs on;
- a description with an anonymous head and no name ("a senior U.S. official who spoke on the condition of
  anonymity", "sources", "analysts") is anonymous, with its words as ``description``; "the official"
  after an anonymous official is the same anonymous source;
- other descriptions ("the statement", "the president") take the nearest earlier speaker or mention of
  the same kind.

``resolution`` always says which rule decided.
"""

from __future__ import annotations

import bisect
from typing import Any

from ...nlp import token_indexes
from ...records import Mention, Speaker
from .lexicon import Lexicon

NAME_TYPES = ("person", "org")


class Resolver:
    def __init__(self, text: str, mentions: list[Mention], lex: Lexicon) -> None:
        self.text = text
        self.lex = lex
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self.by_id = {m.id: m for m in self.mentions}
        self.subjects: list[tuple[int, Mention]] = []  # (offset, person mention) of sentence subjects

    def note_subjects(self, doc: Any) -> None:
        proper = set(token_indexes(doc, "POS", ("PROPN",)))
        for i in token_indexes(doc, "DEP", ("nsubj", "nsubjpass")):
            if i in proper:
                tok = doc[i]
                m = self.at(tok.idx)
                if m is not None and m.type == "person":
                    self.subjects.append((tok.idx, m))

    def at(self, pos: int) -> Mention | None:
        k = bisect.bisect_right(self.starts, pos) - 1
        while k >= 0 and self.mentions[k].start > pos - 200:
            m = self.mentions[k]
            if m.start <= pos < m.end:
                return m
            k -= 1
        return None

    def within(self, start: int, end: int) -> list[Mention]:
        k = bisect.bisect_left(self.starts, start)
        out = []
        while k < len(self.mentions) and self.mentions[k].start < end:
            if self.mentions[k].end <= end:
                out.append(self.mentions[k])
            k += 1
        return out

    def role(self, m: Mention) -> str | None:
        if m.role:
            return m.role
        head = self.by_id.get(m.head or "")
        return head.role if head is not None else None

    def _named(self, m: Mention, text: str, start: int, end: int, resolution: str, **kw) -> Speaker:
        return Speaker(
            start=start,
            end=end,
            text=text,
            mention=m.id,
            name=m.name,
            type=m.type,
            role=kw.pop("role", None) or self.role(m),
            anonymous=False,
            resolution=resolution,
            **kw,
        )

    def before(self, pos: int, types: tuple[str, ...], window: int, test=None) -> Mention | None:
        k = bisect.bisect_left(self.starts, pos) - 1
        while k >= 0 and self.mentions[k].start >= pos - window:
            m = self.mentions[k]
            if (
                m.type in types
                and m.end <= pos
                and (not m.metonymy or "org" in types)
                and (test is None or test(m))
            ):
                return m
            k -= 1
        return None

    def speaker(self, start: int, end: int, head: Any, previous: Speaker | None, prev_end: int) -> Speaker:
        text = self.text[start:end]
        low = text.lower()
        lex = self.lex
        window = lex.limits.get("pronoun_window", 1500)
        hpos = head.idx if head is not None else start
        hword = head.lower_ if head is not None else low.split()[-1]
        m = self.at(hpos)
        if m is not None and m.type in NAME_TYPES + ("group", "place"):
            role = _appositive(head)
            return self._named(m, text, start, end, f"source words overlap {m.id}", role=role)
        kind = lex.pronouns.get(low)
        near_prev = previous is not None and bool(previous.mention) and start - prev_end < window
        near_anon = previous is not None and previous.anonymous and start - prev_end < window // 3
        if kind == "relative" and head is not None:
            noun = head.head.head if head.head.dep_ == "relcl" else None
            if noun is not None:
                m = self.at(noun.idx)
                if m is not None:
                    return self._named(
                        m, text, start, end, f"relative '{low}' -> {m.id}: the noun the clause modifies"
                    )
            return Speaker(start, end, text, resolution=f"relative '{low}': antecedent not a name")
        if kind in ("person", "plural") and near_anon and (previous.type == "person") == (kind == "person"):
            return Speaker(
                start,
                end,
                text,
                type=previous.type,
                anonymous=True,
                description=previous.description,
                resolution=f"pronoun '{low}' -> the previous anonymous source",
            )
        if kind == "person":
            if near_prev and previous.type == "person":
                m = self.by_id[previous.mention]
                return self._named(
                    m,
                    text,
                    start,
                    end,
                    f"pronoun '{low}' -> {m.id}: previous quote's speaker",
                    role=previous.role,
                )
            subj = [s for s in self.subjects if hpos - window < s[0] < hpos]
            cand = self.before(hpos, ("person",), window)
            if subj and (cand is None or subj[-1][0] >= cand.start - 300):
                m = subj[-1][1]
                return self._named(
                    m, text, start, end, f"pronoun '{low}' -> {m.id}: nearest person subject before"
                )
            if cand is not None:
                return self._named(
                    cand, text, start, end, f"pronoun '{low}' -> {cand.id}: nearest person mention before"
                )
            return Speaker(start, end, text, type="person", resolution=f"pronoun '{low}': no person before")
        if kind in ("plural", "thing"):
            if near_prev and previous.type in ("org", "group"):
                m = self.by_id[previous.mention]
                return self._named(
                    m, text, start, end, f"pronoun '{low}' -> {m.id}: previous quote's speaker"
                )
            types = ("org", "group") if kind == "plural" else ("org",)
            cand = self.before(hpos, types, window // 2)
            if cand is not None:
                return self._named(
                    cand, text, start, end, f"pronoun '{low}' -> {cand.id}: nearest {'/'.join(types)} before"
                )
            return Speaker(start, end, text, resolution=f"pronoun '{low}': no antecedent")
        names = [x for x in self.within(start, end) if x.type in NAME_TYPES]
        anonymous = _anonymous(low, hword, names, head, lex)
        if anonymous:
            if previous is not None and previous.anonymous and low.startswith(("the ", "that ", "this ")):
                return Speaker(
                    start,
                    end,
                    text,
                    type=previous.type,
                    anonymous=True,
                    description=previous.description,
                    resolution="definite description -> the previous anonymous source",
                )
            return Speaker(
                start,
                end,
                text,
                type="group" if hword.endswith("s") else "person",
                anonymous=True,
                description=text,
                resolution="anonymous: " + anonymous,
            )
        short = len(low.split()) <= 3 and not names
        if short and (hword in lex.person_descriptions or hword in lex.org_descriptions):
            types = ("person",) if hword in lex.person_descriptions else ("org", "person")
            document = hword in lex.org_descriptions and hword not in lex.org_heads

            def fits(m: Mention, role: str | None) -> bool:
                return document or hword in f"{m.name} {role or ''}".lower()

            if near_prev and previous.type in types and fits(self.by_id[previous.mention], previous.role):
                m = self.by_id[previous.mention]
                return self._named(
                    m, text, start, end, f"description '{text}' -> {m.id}: previous quote's speaker"
                )
            if low.startswith(("the ", "this ", "that ", "its ", "his ", "her ")):
                cand = self.before(hpos, types, window, lambda m: fits(m, self.role(m)))
                if cand is not None:
                    return self._named(
                        cand,
                        text,
                        start,
                        end,
                        f"description '{text}' -> {cand.id}: nearest {cand.type} before that fits",
                    )
            return Speaker(
                start, end, text, type=types[0], description=text, resolution="description, unresolved"
            )
        if m is None and names:
            n = names[-1]
            return self._named(n, text, start, end, f"source words contain {n.id}")
        return Speaker(start, end, text, description=text if not names else None, resolution="unresolved")


def _appositive(head: Any) -> str | None:
    if head is None:
        return None
    for c in head.children:
        if c.dep_ == "appos" and c.i > head.i:
            words = [t for t in c.subtree]
            return head.doc[words[0].i : words[-1].i + 1].text.strip(" ,")
    return None


def _anonymous(low: str, hword: str, names: list[Mention], head: Any, lex: Lexicon) -> str:
    """Why a source is anonymous, or ""."""
    if any(marker in low for marker in lex.anonymity_markers):
        return "says so"
    if hword not in lex.anonymous_heads:
        return ""
    if any(m.type == "person" for m in names):
        return ""
    first = low.split()[0] if low.split() else ""
    if (
        first in lex.vague_determiners
        or hword.endswith("s")
        or first in ("the", "that", "this")
        or first == hword
    ):
        return f"'{hword}' names no one"
    return ""
