"""The linker's index: every name form with what its mentions say, the blocking index, and the links.

``FormIndex`` knows nothing of entities. It turns documents' mentions into forms (``names.parse``), keeps
per-form aggregates current as documents come and go, indexes each form under its blocking keys, and
compares a form only with the forms that share a key with it (``names.compare``), storing each link on
both forms. ``comparisons`` counts those rule applications. ``ingest`` reports which forms changed, so the
resolver (``entities.Linker``) can redo only what they touch.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from newsprism.link.names import (
    TYPES,
    Form,
    Link,
    NameRules,
    clean_surface,
    compare,
    is_acronym_surface,
    keys,
    parse,
    query_keys,
)
from newsprism.records import Mention
from newsprism.stages.entities import is_seat


@dataclass
class FormState:
    """A form and what its mentions say about it (kept up to date on add and remove)."""

    form: Form
    docs: dict[str, list[str]] = field(default_factory=dict)  # document -> mention ids
    surfaces: Counter = field(default_factory=Counter)
    roles: Counter = field(default_factory=Counter)
    outlets: Counter = field(default_factory=Counter)
    nicknames: Counter = field(default_factory=Counter)  # nickname form key -> mentions
    nickname_surfaces: Counter = field(default_factory=Counter)
    written: Counter = field(default_factory=Counter)  # other ways the name was written ("AMLO", "Trump")
    written_notes: Counter = field(default_factory=Counter)  # how each was read as the name, in its article
    links: dict[str, Link] = field(default_factory=dict)  # other form id -> link
    strong: set[str] = field(default_factory=set)  # the other ends of its strong links
    parents: int = 0  # links where it is the child
    keys: frozenset[str] = frozenset()
    count: int = 0
    acronyms: int = 0  # distinct surfaces written as an acronym
    leaf: bool = False  # one word: never a parent of another name, so resolved after the others

    def __post_init__(self) -> None:
        self.leaf = len(self.form.words) == 1

    @property
    def acronym(self) -> bool:
        return self.acronyms > 0

    def properties(self) -> tuple[bool, frozenset[str]]:
        """What the rules read beyond the key; a change means the form must be compared again."""
        return self.acronym, frozenset(self.nicknames)

    @property
    def display(self) -> str:
        return best_surface(self.surfaces)


def best_surface(surfaces: Counter) -> str:
    """Most frequent; ties: accented over plain, mixed case over all caps/lower, then alphabetical."""

    def rank(s: str):
        return (-surfaces[s], s.isascii(), s.isupper() or s.islower(), s)

    return min(surfaces, key=rank) if surfaces else ""


@dataclass
class DocState:
    outlet: str | None
    # id -> (form id, surface, role, nickname, written form or None, note on the written form or None)
    mentions: dict[str, tuple[str, str, str | None, str | None, str | None, str | None]]
    # what state() stores: [id, type, name, role, nickname, text as written, how the article resolved it]
    raw: list[list[Any]]


_RESOLVED = re.compile(r"resolved: ([^;]+)")


def mention_from_raw(document: str, raw: list[Any]) -> Mention:
    mention_id, type_, name, role, nickname, *rest = raw
    text = rest[0] if rest and rest[0] else name
    reason = f"resolved: {rest[1]}" if len(rest) > 1 and rest[1] else ""
    return Mention(document, mention_id, 0, 0, text, type_, name, role=role, nickname=nickname, reason=reason)


def resolved_how(reason: str) -> str | None:
    """How the entities stage resolved a mention to its article's fuller name ("surname", "acronym")."""
    found = _RESOLVED.search(reason or "")
    return found.group(1).strip() if found else None


_QUOTED = re.compile(r"\s*[\"“”‘’][^\"“”‘’]+[\"“”‘’]\s*")


def written_alias(text: str, surface: str, type_: str) -> str | None:
    """The mention's own words when they name the entity otherwise than its resolved name ("AMLO",
    "Trump" for "Donald Trump"); None for the same words or a lower-case description ("the undersecretary")."""
    written = clean_surface(_QUOTED.sub(" ", text), type_)  # a nickname inside it is an alias of its own
    if not written or written == surface or not written[0].isupper():
        return None
    return written


class FormIndex:
    """Forms, their blocking index and their links."""

    def __init__(self, rules: NameRules) -> None:
        self.rules = rules
        self.forms: dict[str, FormState] = {}
        self.docs: dict[str, DocState] = {}
        self.index: dict[str, set[str]] = {}
        self.comparisons = 0

    def ingest(
        self,
        documents: Iterable[tuple[str, str | None, list[Mention]]],
        drop: Iterable[str] = (),
        compare_now: bool = True,
    ) -> tuple[set[str], set[str]]:
        """Drop documents, add (or replace) documents; returns (changed forms, deleted forms). A changed
        form is new, lost or gained mentions, or sits at the other end of a link that appeared or went."""
        before: dict[str, tuple[bool, frozenset[str]] | None] = {}

        def remember(form_id: str) -> None:
            if form_id not in before:
                f = self.forms.get(form_id)
                before[form_id] = f.properties() if f else None

        def drop_document(document: str) -> None:
            doc = self.docs.pop(document, None)
            for mention_id, (form_id, surface, role, nickname, written, note) in (
                doc.mentions.items() if doc else ()
            ):
                remember(form_id)
                f = self.forms[form_id]
                self._count(f, document, mention_id, doc.outlet, surface, role, nickname, -1, written, note)

        for document in drop:
            drop_document(document)
        for document, outlet, mentions in documents:
            drop_document(document)
            doc = self.docs[document] = DocState(outlet, {}, [])
            for m in mentions:
                type_ = m.type if m.type in TYPES else "other"
                if m.metonymy and type_ == "org" and not is_seat(m.name or m.text):
                    # a capital standing for its government ("Washington said") is linked by its place
                    # name, never as the short form of an organisation named after it ("Washington Office");
                    # a seat standing for an institution ("the Pentagon said", "the Kremlin") stays an org
                    type_ = "place"
                surface = clean_surface(m.name or m.text, type_)
                form = parse(surface, type_)
                if not form.key or m.id in doc.mentions:
                    continue
                remember(form.id)
                f = self.forms.get(form.id)
                if f is None:
                    f = self.forms[form.id] = FormState(form)
                nickname = clean_surface(m.nickname, "person") if m.nickname and type_ == "person" else None
                written = written_alias(m.text, surface, type_)
                how = resolved_how(m.reason)
                # the evidence of a merge made inside one article: "surname: Trump = Donald Trump"
                note = f"{how}: {written} = {surface}" if written and how else None
                doc.mentions[m.id] = (form.id, surface, m.role, nickname, written, note)
                doc.raw.append([m.id, type_, m.name or m.text, m.role, m.nickname, m.text, how])
                self._count(f, document, m.id, outlet, surface, m.role, nickname, +1, written, note)
        changed: set[str] = set()
        deleted: set[str] = set()
        for form_id, props in sorted(before.items()):
            f = self.forms[form_id]
            changed.add(form_id)
            if f.count <= 0:
                changed |= self._unlink(form_id)
                self._set_keys(form_id, frozenset())
                del self.forms[form_id]
                deleted.add(form_id)
            elif props is None or props != f.properties():
                changed |= self.relink(form_id, compare_now)
        return changed - deleted, deleted

    def _count(
        self, f: FormState, document, mention_id, outlet, surface, role, nickname, sign: int, written=None, note=None
    ) -> None:
        f.count += sign
        if sign > 0:
            f.docs.setdefault(document, []).append(mention_id)
        else:
            ids = f.docs.get(document, [])
            if mention_id in ids:
                ids.remove(mention_id)
            if not ids:
                f.docs.pop(document, None)
        if is_acronym_surface(surface) and f.surfaces[surface] == (0 if sign > 0 else 1):
            f.acronyms += sign  # the surface appears or goes
        for counter, value in (
            (f.surfaces, surface),
            (f.roles, role),
            (f.outlets, outlet),
            (f.nicknames, parse(nickname, "person").key if nickname else None),
            (f.nickname_surfaces, nickname),
            (f.written, written),
            (f.written_notes, note),
        ):
            if value:
                counter[value] += sign
                if counter[value] <= 0:
                    del counter[value]

    def _set_keys(self, form_id: str, new: frozenset[str]) -> None:
        f = self.forms[form_id]
        for k in f.keys - new:
            bucket = self.index.get(k)
            if bucket is not None:
                bucket.discard(form_id)
                if not bucket:
                    del self.index[k]
        for k in new - f.keys:
            self.index.setdefault(k, set()).add(form_id)
        f.keys = new

    def _link(self, a: str, b: str, link: Link) -> None:
        for x, y in ((a, b), (b, a)):
            f = self.forms[x]
            f.links[y] = link
            if link.child is None:
                f.strong.add(y)
            elif link.child == x:
                f.parents += 1

    def _unlink(self, form_id: str) -> set[str]:
        f = self.forms[form_id]
        old = set(f.links)
        for other in old:
            o = self.forms[other]
            link = o.links.pop(form_id)
            o.strong.discard(form_id)
            o.parents -= link.child == other
        f.links, f.strong, f.parents = {}, set(), 0
        return old

    def relink(self, form_id: str, compare_now: bool = True) -> set[str]:
        """Re-key one form and compare it with its candidates; returns the forms whose links changed."""
        f = self.forms[form_id]
        changed = self._unlink(form_id)
        acronym, nicknames = f.properties()
        self._set_keys(form_id, frozenset(keys(f.form, acronym, nicknames, self.rules)))
        if not compare_now:
            return changed
        candidates: set[str] = set()
        for k in query_keys(set(f.keys)):
            candidates |= self.index.get(k, set())
        candidates.discard(form_id)
        for other_id in sorted(candidates):
            other = self.forms[other_id]
            self.comparisons += 1
            pair = ((acronym, other.acronym), (nicknames, frozenset(other.nicknames)))
            link = compare(f.form, other.form, self.rules, *pair)
            if link is not None:
                self._link(form_id, other_id, link)
                changed.add(other_id)
        return changed

    def links(self) -> list[list[Any]]:
        """Every link once, JSON-ready: [form a, form b, kind, evidence, child, parent, score]."""
        out = []
        for form_id, f in sorted(self.forms.items()):
            for other, link in sorted(f.links.items()):
                if form_id < other:
                    row = [form_id, other, link.kind, link.evidence, link.child, link.parent, link.score]
                    out.append(row)
        return out

    def install_links(self, rows: Iterable[list[Any]]) -> None:
        """Put back links saved by ``links()`` (between forms that exist)."""
        for a, b, kind, evidence, child, parent, score in rows:
            if a in self.forms and b in self.forms:
                self._link(a, b, Link(kind, evidence, child, parent, score))
