"""Cross-document entity resolution: per-article mentions in, corpus-wide ``Entity`` records out.

Pure and store-free. The store (or a benchmark) feeds a ``Linker`` one document at a time, or all at once
through ``resolve``; the linker can hand its state back as JSON (``state()`` / ``from_state()``).

How mentions become entities
----------------------------
1. Each mention's ``name`` is folded into a *form* (``names.parse``): accents, case, punctuation, honorifics
   and company suffixes go, so "López" and "LOPEZ" are one form. Mentions never split below a form.
2. A new form is compared only with the forms sharing a blocking key with it (``forms.FormIndex``); each
   pair the rules link gets a ``names.Link``: *strong* (given name, word order, spelling variant, org/place
   confusion) or *dependent*, from the less specific name to the more specific one (surname, given name,
   short form, initials, acronym, nickname). A parent always has several words.
3. Resolution runs in two passes, and only over what a change touches, so the result depends on which
   documents are in, never on the order they came in:
   a. names of several words, in *components* (forms joined by links): forms joined by strong links make a
      group; a group with parents joins its parents' entity when they all belong to one entity, else it is
      its own entity and *ambiguous* (a dependent name never bridges two entities);
   b. names of one word ("Guzmán", "DEA", "Lakers"), each group against the stored result of pass a: the
      same rule, so "Guzmán" cannot join Joaquín and Ovidio Guzmán. One-word names are never parents, so
      they cannot glue the corpus into one huge component;
   c. a name with more than ``max_parents`` parents is not linked at all;
   d. each mention of an ambiguous name goes to the one candidate entity that shares its document, else its
      role, else its outlet (judged by the candidates' names of several words); with no single such
      candidate it stays with the ambiguous entity;
   e. the user's corrections apply after the automatic links, each time (``corrections.py``).

Entity ids
----------
``"e-" + sha1(canonical form)[:12]``, the canonical form being that of the entity's canonical name, written
like ``"person:andres manuel lopez obrador"``. The canonical name is the longest frequent full name among
the entity's names that depend on no other of its names: most words among those with at least a quarter of
the best count, ties by count. The id is a function of the documents in the linker, not of their order or
of the run; it changes when the canonical name does (a longer frequent name arrives, a correction splits
it off). Corrections are keyed by names, so they survive that.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from newsprism.errors import ConfigError
from newsprism.link.corrections import (
    aliases_corrections,
    check_correction,
    load_aliases,
    merge,
    rename,
    split,
)
from newsprism.link.forms import FormIndex, FormState, mention_from_raw
from newsprism.link.names import TYPES, NameRules, clean_surface, fold, parse, rules_fingerprint
from newsprism.records import Entity, Mention

__all__ = [
    "LinkOptions",
    "Linker",
    "Resolution",
    "aliases_corrections",
    "load_aliases",
    "merge",
    "rename",
    "resolve",
    "split",
]

STATE_FORMAT = "newsprism.link.entities/1"
MentionKey = tuple[str, str]  # (document id, mention id)
GuestKey = tuple[str, str, str]  # (form id, document id, mention id)


@dataclass(frozen=True)
class LinkOptions:
    """Options of the linker (one object rather than many keyword arguments)."""

    names: NameRules = field(default_factory=NameRules)
    max_parents: int = 25  # a dependent name fitting more entities than this is not linked at all
    frequent: float = 0.25  # a canonical name needs at least this share of the best name's mentions
    max_evidence: int = 12


@dataclass
class _Built:
    """One resolved entity; its ``Entity`` record is built when first asked for."""

    id: str
    canonical: str  # form id
    core: list[str]  # member forms of several words (resolved together in pass a)
    leaves: dict[str, set[str]]  # member forms of one word -> evidence
    guests: dict[GuestKey, str]  # mentions routed here from ambiguous names -> evidence
    evidence: set[str]
    record: Entity | None = None


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        parent = self.parent
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(x, x) != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: str, b: str) -> str:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:  # the smaller id wins, so the result does not depend on the order of unions
            ra, rb = min(ra, rb), max(ra, rb)
            self.parent[rb] = ra
        return ra


def _stable_id(form_id: str) -> str:
    return "e-" + hashlib.sha1(form_id.encode("utf-8")).hexdigest()[:12]


def _words_of(text: str) -> frozenset[str]:
    return frozenset(fold(text).split())


def _tiebreak(candidates, document: str, role: str | None, outlet: str | None) -> tuple[str, str] | None:
    """The one candidate that shares the mention's document, else its role, else its outlet, and why.
    ``candidates`` are (candidate, (documents, outlet counts, role word sets))."""
    words = _words_of(role) if role else frozenset()
    tests = (
        ("the same document", lambda s: document in s[0]),
        ("the same role", lambda s: bool(words) and any(words <= r or r <= words for r in s[2] if r)),
        ("the same outlet", lambda s: bool(outlet) and s[1].get(outlet, 0) > 0),
    )
    for why, test in tests:
        fitting = [c for c, stats in candidates if test(stats)]
        if len(fitting) == 1:
            return fitting[0], why
    return None


class Linker:
    """Incremental cross-document entity linker.

        linker = Linker(corrections=stored_corrections, aliases=load_aliases("aliases.yaml"))
        linker.add("doc1", "El Universal", mentions)   # -> {("doc1", "m1"): "e-…", ...}
        linker.entities(); linker.assignments()
        linker.merge("AMLO", "Andrés Manuel López Obrador")  # -> the correction dict to persist
        state = linker.state(); Linker.from_state(state)      # JSON-ready

    ``comparisons`` counts the candidate pairs the rules were applied to (blocking keeps it far below
    all pairs).
    """

    def __init__(
        self,
        options: LinkOptions | None = None,
        corrections: Iterable[Mapping[str, Any]] = (),
        aliases: Iterable[Mapping[str, Any]] = (),
    ) -> None:
        self.options = options or LinkOptions()
        self._index = FormIndex(self.options.names)
        self._forms = self._index.forms
        self._aliases = [check_correction(c) for c in aliases]
        self._corrections = [check_correction(c) for c in corrections]
        self._named: dict[str, set[int]] = {}  # form id -> indexes into _ops() naming it
        self._cluster: dict[str, str] = {}  # form id -> entity id of its (remaining) mentions
        self._override: dict[str, dict[MentionKey, str]] = {}  # ambiguous form -> mention -> entity id
        self._entities: dict[str, _Built] = {}
        self._renamed: dict[str, str] = {}
        self._pending: set[str] = set()  # entity ids that lost a form
        self._changed: set[str] = set()
        self._index_corrections()

    # ---------------------------------------------------------------------------------- public API

    @property
    def comparisons(self) -> int:
        return self._index.comparisons

    def add(self, document: str, outlet: str | None, mentions: Iterable[Mention]) -> dict[MentionKey, str]:
        """Add (or replace) one document's mentions; returns its mentions' entity ids (a mention whose
        name folds to nothing, such as "--", is left out). Earlier mentions may move too (a bare surname
        whose namesake arrived); ``changes()`` lists the entities touched."""
        self._update([(document, outlet, list(mentions))])
        return self.document_assignments(document)

    def add_many(self, documents: Iterable[tuple[str, str | None, Iterable[Mention]]]) -> None:
        """Add many documents, resolving once at the end (the same result as adding them one by one)."""
        self._update([(d, o, list(ms)) for d, o, ms in documents])

    def remove(self, document: str) -> None:
        """Forget one document's mentions."""
        if document in self._index.docs:
            self._update([], drop=[document])

    def entities(self) -> list[Entity]:
        """Every entity, by id."""
        return [self._record(built) for _, built in sorted(self._entities.items())]

    def entity(self, entity_id: str) -> Entity | None:
        built = self._entities.get(entity_id)
        return self._record(built) if built else None

    def assignments(self) -> dict[MentionKey, str]:
        """(document, mention id) -> entity id, for every linked mention."""
        out: dict[MentionKey, str] = {}
        for document in self._index.docs:
            out.update(self.document_assignments(document))
        return out

    def document_assignments(self, document: str) -> dict[MentionKey, str]:
        doc = self._index.docs.get(document)
        if doc is None:
            return {}
        out = {}
        for mention_id, (form_id, *_rest) in doc.mentions.items():
            key = (document, mention_id)
            out[key] = self._override.get(form_id, {}).get(key) or self._cluster[form_id]
        return out

    def changes(self) -> set[str]:
        """Entity ids created, changed or gone since the last call (for a store to update)."""
        changed, self._changed = self._changed, set()
        return changed

    @property
    def corrections(self) -> list[dict[str, Any]]:
        """The user's corrections, in order (aliases-file entries are not included)."""
        return [dict(c) for c in self._corrections]

    def correct(self, correction: Mapping[str, Any]) -> dict[str, Any]:
        """Apply one correction (see ``corrections.py``) and keep it; returns it for the store."""
        correction = check_correction(correction)
        self._corrections.append(correction)
        self._index_corrections()
        self._resolve(set(self._forms_named(correction)))
        return correction

    def set_corrections(self, corrections: Iterable[Mapping[str, Any]]) -> None:
        """Replace every correction (to undo one, set the list without it) and resolve everything again."""
        self._corrections = [check_correction(c) for c in corrections]
        self._index_corrections()
        self._resolve(set(self._forms))

    def merge(self, *names: str, type: str | None = None) -> dict[str, Any]:
        return self.correct(merge(*names, type=type))

    def split(self, entity_name: str, *names: str, type: str | None = None) -> dict[str, Any]:
        return self.correct(split(entity_name, *names, type=type))

    def rename(self, entity_name: str, name: str, type: str | None = None) -> dict[str, Any]:
        return self.correct(rename(entity_name, name, type=type))

    def state(self) -> dict[str, Any]:
        """Everything needed to rebuild this linker, JSON-ready."""
        return {
            "format": STATE_FORMAT,
            "fingerprint": rules_fingerprint(self.options.names),
            "options": asdict(self.options),
            "corrections": self.corrections,
            "aliases": [dict(c) for c in self._aliases],
            "documents": [[d, doc.outlet, doc.raw] for d, doc in self._index.docs.items()],
            "links": self._index.links(),
        }

    @classmethod
    def from_state(cls, state: Mapping[str, Any], options: LinkOptions | None = None) -> Linker:
        """Rebuild a linker from ``state()``. Stored links are reused when the rules (lexicon, options)
        are unchanged; otherwise they are recomputed."""
        if state.get("format") != STATE_FORMAT:
            raise ConfigError(f"not a linker state ({state.get('format')!r}); rebuild it from the mentions")
        if options is None:
            stored = dict(state.get("options") or {})
            names = NameRules(**(stored.pop("names", None) or {}))
            options = LinkOptions(names=names, **stored)
        linker = cls(options, state.get("corrections") or (), state.get("aliases") or ())
        documents = [
            (d, outlet, [mention_from_raw(d, raw) for raw in mentions])
            for d, outlet, mentions in state.get("documents") or ()
        ]
        reuse = state.get("fingerprint") == rules_fingerprint(linker.options.names)
        changed, _ = linker._index.ingest(documents, compare_now=not reuse)
        if reuse:
            linker._index.install_links(state.get("links") or ())
        linker._resolve(changed)
        linker._changed.clear()
        return linker

    def relink_all(self) -> None:
        """Compare every form again (after the lexicon changed under a running linker)."""
        for form_id in sorted(self._forms):
            self._index.relink(form_id)
        self._resolve(set(self._forms))

    # ---------------------------------------------------------------------------------- corrections

    def _ops(self) -> list[dict[str, Any]]:
        return self._aliases + self._corrections

    def _index_corrections(self) -> None:
        self._named = {}
        for i, op in enumerate(self._ops()):
            for name in self._op_names(op):
                for form_id in self._name_forms(name, op.get("type")):
                    self._named.setdefault(form_id, set()).add(i)

    @staticmethod
    def _op_names(op: Mapping[str, Any]) -> list[str]:
        return ([op["entity_name"]] if op.get("entity_name") else []) + list(op.get("names") or [])

    @staticmethod
    def _name_forms(name: str, type_: str | None) -> list[str]:
        out = []
        for t in [type_] if type_ else TYPES:
            form = parse(clean_surface(name, t), t)
            if form.key:
                out.append(form.id)
        return out

    def _forms_named(self, op: Mapping[str, Any], names: Iterable[str] | None = None) -> list[str]:
        names = self._op_names(op) if names is None else names
        return [f for n in names for f in self._name_forms(n, op.get("type")) if f in self._forms]

    def _merge_partners(self, form_id: str) -> set[str]:
        ops = self._ops()
        merges = [ops[i] for i in self._named.get(form_id, ()) if ops[i]["op"] == "merge"]
        return {f for op in merges for f in self._forms_named(op)} - {form_id}

    def _merge_evidence(self, op: Mapping[str, Any]) -> str:
        return "user alias" if op.get("source") == "aliases" else "user merge"

    # ---------------------------------------------------------------------------------- resolving

    def _update(self, documents, drop: Iterable[str] = ()) -> None:
        changed, deleted = self._index.ingest(documents, drop)
        for form_id in deleted:
            entity_id = self._cluster.pop(form_id, None)
            if entity_id:
                self._pending.add(entity_id)
            self._pending.update(self._override.pop(form_id, {}).values())
        self._resolve(changed)

    def _parents_of(self, form_id: str) -> list[str]:
        """The forms ``form_id`` depends on (never one-word forms: they are never parents)."""
        forms = self._forms
        return [o for o, link in forms[form_id].links.items() if link.child == form_id and not forms[o].leaf]

    def _crowded(self, form_id: str) -> int:
        """The number of parents when above ``max_parents`` (the name is then not linked), else 0."""
        n = self._forms[form_id].parents
        return n if n > self.options.max_parents else 0

    def _core_neighbours(self, form_id: str) -> set[str]:
        forms = self._forms
        out = set()
        for other, link in forms[form_id].links.items():
            if forms[other].leaf:
                continue
            if link.child is not None and self._crowded(link.child):
                continue
            out.add(other)
        out |= {f for f in self._merge_partners(form_id) if not forms[f].leaf}
        return out

    def _component(self, seeds: Iterable[str]) -> set[str]:
        seen: set[str] = set()
        stack = list(seeds)
        while stack:
            form_id = stack.pop()
            if form_id not in seen:
                seen.add(form_id)
                stack.extend(n for n in self._core_neighbours(form_id) if n not in seen)
        return seen

    def _resolve(self, seeds: Iterable[str]) -> None:
        """Redo what ``seeds`` (changed forms) touch: their components, then the one-word names."""
        seeds = {s for s in seeds if s in self._forms}
        leaves = {s for s in seeds if self._forms[s].leaf}
        core_seeds = seeds - leaves
        stale, self._pending = self._pending, set()
        if core_seeds or stale:
            component: set[str] = set()
            while True:  # grow to whole entities: an old entity may now span several components
                component |= self._component(core_seeds - component)
                stale |= {self._cluster[f] for f in component if f in self._cluster}
                stale |= {e for f in component for e in self._override.get(f, {}).values()}
                more = {m for e in stale if e in self._entities for m in self._entities[e].core}
                more = {m for m in more if m in self._forms} - component
                if not more:
                    break
                core_seeds |= more
            for entity_id in stale:
                built = self._entities.pop(entity_id, None)
                if built is not None:
                    leaves |= set(built.leaves) | {g[0] for g in built.guests}
                self._changed.add(entity_id)
            for form_id in component:
                links = self._forms[form_id].links.items()
                leaves |= {o for o, link in links if link.child == o and self._forms[o].leaf}
            self._resolve_core(component)
        self._resolve_leaves({f for f in leaves if f in self._forms and self._forms[f].leaf})
        self._apply_renames()

    # pass a: names of several words

    def _resolve_core(self, forms: set[str]) -> None:
        for form_id in forms:
            self._cluster.pop(form_id, None)
            self._override.pop(form_id, None)
        if not forms:
            return
        clusters, evidence, ambiguous = self._cluster_core(forms)
        members: dict[str, list[str]] = {}
        for form_id in sorted(forms):
            members.setdefault(clusters[form_id], []).append(form_id)
        plain = {rep: [m for m in ms if m not in ambiguous] for rep, ms in members.items()}
        routed = self._route(ambiguous, lambda rep: plain.get(rep, []))
        ids: dict[str, str] = {}
        for rep, member_ids in members.items():
            remaining = {m: self._forms[m].count - len(self._override.get(m, {})) for m in member_ids}
            live = [m for m in member_ids if remaining[m] > 0]
            if not live:  # an ambiguous name whose every mention found its entity
                continue
            dependent = {m for m in live for p in self._parents_of(m) if clusters.get(p) == rep}
            canonical = self._canonical([m for m in live if m not in dependent] or live, remaining)
            entity_id = ids[rep] = _stable_id(canonical)
            self._entities[entity_id] = _Built(entity_id, canonical, live, {}, {}, evidence.get(rep, set()))
            self._cluster.update((m, entity_id) for m in live)
            self._changed.add(entity_id)
        for (form_id, document, mention_id), (rep, why) in routed.items():
            target = ids[rep]
            self._override[form_id][(document, mention_id)] = target
            self._entities[target].guests[(form_id, document, mention_id)] = why

    def _cluster_core(self, forms: set[str]):
        """Form id -> cluster representative, evidence per representative, and the ambiguous forms with
        their candidate representatives."""
        strong = _UnionFind()
        for form_id in sorted(forms):
            for other, link in self._forms[form_id].links.items():
                if link.child is None and other in forms:
                    strong.union(form_id, other)
        group = {f: strong.find(f) for f in forms}
        parents: dict[str, set[str]] = {}
        for form_id in sorted(forms):
            if not self._crowded(form_id):
                for p in self._parents_of(form_id):
                    if p in forms and group[p] != group[form_id]:
                        parents.setdefault(group[form_id], set()).add(group[p])
        cluster: dict[str, str] = {}
        busy: set[str] = set()
        candidates: dict[str, set[str]] = {}

        def visit(g: str) -> str | None:
            if g in cluster:
                return cluster[g]
            if g in busy:
                return None
            busy.add(g)
            found = {visit(p) for p in sorted(parents.get(g, ()))} - {None}
            cluster[g] = next(iter(found)) if len(found) == 1 else g  # type: ignore[assignment]
            if len(found) > 1:
                candidates[g] = found  # type: ignore[assignment]
            return cluster[g]

        for g in sorted(set(group.values())):
            visit(g)
        final = _UnionFind()
        evidence: dict[str, set[str]] = {}
        ops = self._ops()
        op_ids = sorted({i for f in forms for i in self._named.get(f, ())})
        for i in op_ids:
            if ops[i]["op"] == "merge":
                named = [f for f in self._forms_named(ops[i]) if f in forms]
                for f in named[1:]:
                    final.union(cluster[group[named[0]]], cluster[group[f]])
                if len(named) > 1:
                    evidence.setdefault(cluster[group[named[0]]], set()).add(self._merge_evidence(ops[i]))
        for g in sorted(candidates):  # a merge may decide an ambiguous name, or leave it one candidate
            left = {final.find(c) for c in candidates[g]}
            if final.find(g) in left:
                del candidates[g]
            elif len(left) == 1:
                final.union(g, left.pop())
                del candidates[g]
        for rep in list(evidence):  # move merge evidence to the merged representative
            evidence.setdefault(final.find(rep), set()).update(evidence.pop(rep))
        clusters = {f: final.find(cluster[group[f]]) for f in forms}
        for i in op_ids:
            op = ops[i]
            if op["op"] == "split":
                heads = [f for f in self._forms_named(op, [op["entity_name"]]) if f in forms]
                if heads:
                    moved = [
                        f
                        for f in self._forms_named(op, op["names"])
                        if f in forms and f not in heads and clusters[f] == clusters[heads[0]]
                    ]
                    for f in moved:
                        clusters[f] = "split:" + min(moved)
                        evidence.setdefault(clusters[f], set()).add("user split")
        for form_id in sorted(forms):
            f = self._forms[form_id]
            notes = evidence.setdefault(clusters[form_id], set())
            notes |= self._folding_evidence(f)
            for other, link in f.links.items():
                if other in forms and clusters[other] == clusters[form_id]:
                    if (link.child is None and form_id < other) or link.child == form_id:
                        notes.add(link.evidence.format(a=f.display, b=self._forms[other].display))
            if self._crowded(form_id):
                notes.add(f"ambiguous: {f.display} fits {self._crowded(form_id)} entities (not linked)")
        ambiguous = {}
        for form_id in forms:
            if group[form_id] in candidates:
                cands = sorted({final.find(c) for c in candidates[group[form_id]]} - {clusters[form_id]})
                if len(cands) > 1:
                    ambiguous[form_id] = cands
                    evidence.setdefault(clusters[form_id], set()).add(
                        f"ambiguous: {self._forms[form_id].display} fits {len(cands)} entities"
                    )
        return clusters, evidence, ambiguous

    @staticmethod
    def _folding_evidence(f: FormState) -> set[str]:
        if len(f.surfaces) < 2:
            return set()
        top = sorted(f.surfaces, key=lambda s: (-f.surfaces[s], s))[:2]
        return {f"accent/case folding: {top[0]} = {top[1]}"}

    def _route(self, ambiguous: Mapping[str, list[str]], members_of) -> dict[GuestKey, tuple[str, str]]:
        """Each mention of an ambiguous form -> (the one candidate that fits it, why), where one does.
        ``members_of(candidate)`` gives the forms whose mentions describe a candidate."""
        stats: dict[str, tuple[set[str], Counter, list[frozenset[str]]]] = {}

        def stats_of(candidate: str):
            if candidate not in stats:
                docs: set[str] = set()
                outlets: Counter = Counter()
                roles: list[frozenset[str]] = []
                for m in members_of(candidate):
                    f = self._forms[m]
                    docs.update(f.docs)
                    outlets.update(f.outlets)
                    roles.extend(_words_of(r) for r in f.roles)
                stats[candidate] = (docs, outlets, roles)
            return stats[candidate]

        out: dict[GuestKey, tuple[str, str]] = {}
        for form_id in sorted(ambiguous):
            f = self._forms[form_id]
            candidates = [(c, stats_of(c)) for c in ambiguous[form_id]]
            for document, mention_ids in sorted(f.docs.items()):
                doc = self._index.docs[document]
                for mention_id in mention_ids:
                    found = _tiebreak(candidates, document, doc.mentions[mention_id][2], doc.outlet)
                    if found is not None:
                        target, why = found
                        note = f"{f.display}: the only candidate in {why}"
                        out[(form_id, document, mention_id)] = (target, note)
                        self._override.setdefault(form_id, {})[(document, mention_id)] = target
        return out

    # pass b: names of one word

    def _resolve_leaves(self, todo: set[str]) -> None:
        forms = self._forms
        frontier = list(todo)
        while frontier:  # whole groups: strong links, merges, and the entity a leaf headed before
            form_id = frontier.pop()
            more = {o for o in forms[form_id].strong if forms[o].leaf}
            more |= {o for o in self._merge_partners(form_id) if forms[o].leaf}
            old = self._entities.get(self._cluster.get(form_id, ""))
            if old is not None and not old.core:
                more |= {o for o in old.leaves if o in forms}
            for o in more - todo:
                todo.add(o)
                frontier.append(o)
        for form_id in todo:
            entity_id = self._cluster.pop(form_id, None)
            built = self._entities.get(entity_id or "")
            if built is not None:
                self._changed.add(built.id)
                built.record = None
                built.leaves.pop(form_id, None)
                if not built.core:
                    del self._entities[built.id]
            for (document, mention_id), target in self._override.pop(form_id, {}).items():
                if target in self._entities:
                    self._entities[target].guests.pop((form_id, document, mention_id), None)
                    self._entities[target].record = None
                    self._changed.add(target)
        groups = _UnionFind()
        for form_id in sorted(todo):
            for other in forms[form_id].strong & todo:
                groups.union(form_id, other)
            for other in self._merge_partners(form_id):
                if other in todo:
                    groups.union(form_id, other)
        members: dict[str, list[str]] = {}
        for form_id in sorted(todo):
            members.setdefault(groups.find(form_id), []).append(form_id)
        for _, group in sorted(members.items()):
            self._resolve_leaf_group(group)

    def _resolve_leaf_group(self, group: list[str]) -> None:
        forms, ops = self._forms, self._ops()
        candidates: dict[str, set[str]] = {}  # entity id -> evidence
        forced: dict[str, set[str]] = {}
        excluded: set[str] = set()
        notes: set[str] = set()
        for form_id in group:
            f = forms[form_id]
            crowded = self._crowded(form_id)
            if crowded:
                notes.add(f"ambiguous: {f.display} fits {crowded} entities (not linked)")
            for parent in [] if crowded else self._parents_of(form_id):
                if parent in self._cluster:
                    link = f.links[parent]
                    text = link.evidence.format(a=f.display, b=forms[parent].display)
                    candidates.setdefault(self._cluster[parent], set()).add(text)
            for i in sorted(self._named.get(form_id, ())):
                op = ops[i]
                if op["op"] == "merge":
                    if len(self._forms_named(op)) > 1:
                        notes.add(self._merge_evidence(op))
                    for other in self._forms_named(op):
                        if other in self._cluster and not forms[other].leaf:
                            forced.setdefault(self._cluster[other], set()).add(self._merge_evidence(op))
                elif op["op"] == "split" and form_id in self._forms_named(op, op["names"]):
                    heads = [h for h in self._forms_named(op, [op["entity_name"]]) if h in self._cluster]
                    excluded |= {self._cluster[h] for h in heads if h not in group}
        if forced:
            candidates = forced
        if excluded & set(candidates):
            notes.add("user split")
        candidates = {e: ev for e, ev in candidates.items() if e not in excluded}
        if len(candidates) == 1:
            ((entity_id, evidence),) = candidates.items()
            built = self._entities[entity_id]
            for form_id in group:
                self._cluster[form_id] = entity_id
                built.leaves[form_id] = evidence | self._folding_evidence(forms[form_id])
            built.record = None
            self._changed.add(entity_id)
            return
        routed: dict[GuestKey, tuple[str, str]] = {}
        if len(candidates) > 1:
            cands = sorted(candidates)
            notes.add(f"ambiguous: {forms[group[0]].display} fits {len(cands)} entities")
            routed = self._route(
                {f: cands for f in group}, lambda e: self._entities[e].core if e in self._entities else []
            )
        for (form_id, document, mention_id), (target, why) in routed.items():
            self._entities[target].guests[(form_id, document, mention_id)] = why
            self._entities[target].record = None
            self._changed.add(target)
        remaining = {m: forms[m].count - len(self._override.get(m, {})) for m in group}
        live = [m for m in group if remaining[m] > 0]
        if not live:
            return
        canonical = self._canonical(live, remaining)
        entity_id = _stable_id(canonical)
        for m in live:
            notes |= self._folding_evidence(forms[m])
            self._cluster[m] = entity_id
        self._entities[entity_id] = _Built(entity_id, canonical, [], {m: set() for m in live}, {}, notes)
        self._changed.add(entity_id)

    # naming

    def _canonical(self, member_ids: list[str], remaining: dict[str, int]) -> str:
        """The form of the longest frequent full name among ``member_ids``."""

        def full(form_id: str) -> bool:
            f = self._forms[form_id]
            return not f.leaf if f.form.type == "person" else not (f.acronym and f.leaf)

        pool = [m for m in member_ids if full(m)] or member_ids
        best = max(remaining[m] for m in pool)
        frequent = [m for m in pool if remaining[m] >= self.options.frequent * best]
        return min(frequent, key=lambda m: (-len(self._forms[m].form.words), -remaining[m], m))

    def _apply_renames(self) -> None:
        renamed: dict[str, str] = {}
        for op in self._ops():
            if op["op"] == "rename":  # the entity of entity_name, else of the first of "names" found
                heads = [f for f in self._forms_named(op) if f in self._cluster]
                if heads:
                    renamed[self._cluster[heads[0]]] = op["name"]
        for entity_id, _ in set(renamed.items()) ^ set(self._renamed.items()):
            built = self._entities.get(entity_id)
            if built is not None:
                built.record = None
                self._changed.add(built.id)
        self._renamed = renamed

    # ---------------------------------------------------------------------------------- records

    def _record(self, built: _Built) -> Entity:
        if built.record is not None:
            return built.record
        surfaces: Counter = Counter()
        roles: Counter = Counter()
        outlets: Counter = Counter()
        types: Counter = Counter()
        documents: set[str] = set()
        in_article: set[str] = set()  # merges the entities stage made inside one article
        mentions = 0
        for form_id in built.core + sorted(built.leaves):
            f = self._forms[form_id]
            skipped = self._override.get(form_id, {})
            if not skipped:
                surfaces.update(f.surfaces)
                surfaces.update(f.nickname_surfaces)
                surfaces.update(f.written)
                in_article.update(f.written_notes)
                roles.update(f.roles)
                outlets.update(f.outlets)
                documents.update(f.docs)
                types[f.form.type] += f.count
                mentions += f.count
                continue
            for document, ids in f.docs.items():
                for mention_id in ids:
                    if (document, mention_id) not in skipped:
                        self._tally(form_id, document, mention_id, surfaces, roles, outlets, types, in_article)
                        documents.add(document)
                        mentions += 1
        for form_id, document, mention_id in built.guests:
            self._tally(form_id, document, mention_id, surfaces, roles, outlets, types, in_article)
            documents.add(document)
            mentions += 1
        name = self._renamed.get(built.id) or self._forms[built.canonical].display
        evidence = set(built.evidence) | set(built.guests.values())
        for notes in built.leaves.values():
            evidence |= notes
        built.record = Entity(
            id=built.id,
            name=name,
            type=min(types, key=lambda t: (-types[t], TYPES.index(t))) if types else "other",
            aliases=tuple(sorted((s for s in surfaces if s != name), key=lambda s: (-surfaces[s], s))),
            roles=tuple(f"{r} ({n})" for r, n in sorted(roles.items(), key=lambda x: (-x[1], x[0]))),
            mentions=mentions,
            outlets=dict(sorted(outlets.items())),
            documents=len(documents),
            # merges across articles first, then those made inside one ("surname: Trump = Donald Trump")
            evidence=tuple([*sorted(evidence), *sorted(in_article - evidence)][: self.options.max_evidence]),
        )
        return built.record

    def _tally(self, form_id, document, mention_id, surfaces, roles, outlets, types, notes) -> None:
        doc = self._index.docs[document]
        _, surface, role, nickname, written, note = doc.mentions[mention_id]
        if note:
            notes.add(note)
        surfaces[surface] += 1
        for other in (nickname, written):
            if other:
                surfaces[other] += 1
        if role:
            roles[role] += 1
        if doc.outlet:
            outlets[doc.outlet] += 1
        types[self._forms[form_id].form.type] += 1


@dataclass(frozen=True)
class Resolution:
    entities: list[Entity]
    assignments: dict[MentionKey, str]
    corrections: list[dict[str, Any]]


def resolve(
    documents: Iterable[tuple[str, str | None, Iterable[Mention]]],
    corrections: Iterable[Mapping[str, Any]] = (),
    aliases: Iterable[Mapping[str, Any]] = (),
    options: LinkOptions | None = None,
) -> Resolution:
    """Link a whole corpus at once: ``documents`` are (document id, outlet, mentions); the corrections
    (and aliases) apply after automatic linking."""
    linker = Linker(options, corrections, aliases)
    linker.add_many(documents)
    return Resolution(linker.entities(), linker.assignments(), linker.corrections)
