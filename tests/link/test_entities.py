"""Cross-document entity resolution (newsprism.link.entities) on hand-built mentions."""

from __future__ import annotations

import hashlib
import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.errors import ConfigError
from newsprism.link.entities import (
    Linker,
    LinkOptions,
    aliases_corrections,
    load_aliases,
    merge,
    resolve,
    split,
)
from newsprism.records import Mention


def mention(doc, i, name, type="person", **kw):
    return Mention(doc, f"m{i}", 0, len(name), name, type, name, **kw)


def docs_of(*specs):
    """[(doc id, outlet, [name | (name, type) | (name, type, extra)...]), ...] -> add() arguments."""
    out = []
    for doc, outlet, names in specs:
        mentions = []
        for i, spec in enumerate(names, 1):
            spec = (spec,) if isinstance(spec, str) else spec
            type_ = spec[1] if len(spec) > 1 else "person"
            extra = spec[2] if len(spec) > 2 else {}
            mentions.append(mention(doc, i, spec[0], type_, **extra))
        out.append((doc, outlet, mentions))
    return out


def grouped(result_or_linker, docs):
    """The names each entity groups, as a set of frozensets (independent of ids)."""
    assignments = (
        result_or_linker.assignments()
        if isinstance(result_or_linker, Linker)
        else result_or_linker.assignments
    )
    names = {(m.document, m.id): m.name for _, _, ms in docs for m in ms}
    groups: dict[str, set[str]] = {}
    for key, entity in assignments.items():
        groups.setdefault(entity, set()).add(names[key])
    return {frozenset(g) for g in groups.values()}


def together(result, docs, *names):
    return any(set(names) <= g for g in grouped(result, docs))


def entity_named(result, name):
    return next(e for e in result.entities if e.name == name)


# -------------------------------------------------------------------------------------- the rules


def test_accent_and_case_folding_merge():
    docs = docs_of(("d1", "A", ["Obrador López"]), ("d2", "B", ["OBRADOR LOPEZ", "Obrador Lopez"]))
    result = resolve(docs)
    assert len(result.entities) == 1
    entity = result.entities[0]
    assert entity.name == "Obrador López"  # accented wins a tie of counts; all caps never leads
    assert entity.mentions == 3 and entity.documents == 2 and entity.outlets == {"A": 1, "B": 2}
    assert any(e.startswith("accent/case folding") for e in entity.evidence)


def test_spelling_variants_merge():
    docs = docs_of(("d1", "A", ["Beltrán Leyva"]), ("d2", "B", ["Beltran Lleyva"]))
    result = resolve(docs)
    assert len(result.entities) == 1
    assert any(e.startswith("fuzzy 0.9") and "~" in e for e in result.entities[0].evidence)


def test_short_form_joins_the_full_name():
    docs = docs_of(
        ("d1", "A", [("Andrés Manuel López Obrador", "person", {"role": "President"})]),
        ("d2", "B", [("López Obrador", "person", {"role": "President"}), "Obrador"]),
    )
    result = resolve(docs)
    assert len(result.entities) == 1
    entity = result.entities[0]
    assert entity.name == "Andrés Manuel López Obrador"
    assert entity.roles == ("President (2)",)
    assert "short form of Andrés Manuel López Obrador" in entity.evidence
    assert "surname of Andrés Manuel López Obrador" in entity.evidence


def test_different_given_names_stay_apart():
    docs = docs_of(
        ("d1", "A", ["Ovidio Guzmán", "Carlos Pascual"]),
        ("d2", "B", ["Joaquín Guzmán", "Carlos Gaytán"]),
    )
    assert len(resolve(docs).entities) == 4


def test_bare_surname_with_one_candidate_links_and_with_two_stays_apart():
    one = docs_of(("d1", "A", ["Joaquín Guzmán Loera"]), ("d2", "B", ["Guzmán"]))
    assert len(resolve(one).entities) == 1
    two = docs_of(
        ("d1", "A", ["Joaquín Guzmán Loera"]), ("d2", "B", ["Ovidio Guzmán"]), ("d3", "C", ["Guzmán"])
    )
    result = resolve(two)
    assert len(result.entities) == 3  # the surname never bridges the two full names
    alone = entity_named(result, "Guzmán")
    assert any(e.startswith("ambiguous: Guzmán fits 2") for e in alone.evidence)


def test_bare_surname_picks_the_candidate_of_its_own_outlet():
    docs = docs_of(
        ("d1", "A", ["Joaquín Guzmán Loera"]),
        ("d2", "B", ["Ovidio Guzmán"]),
        ("d3", "B", ["Guzmán"]),
    )
    result = resolve(docs)
    assert len(result.entities) == 2
    ovidio = entity_named(result, "Ovidio Guzmán")
    assert ovidio.mentions == 2 and "Guzmán: the only candidate in the same outlet" in ovidio.evidence


def test_a_surname_never_bridges_two_full_names_through_a_chain():
    docs = docs_of(
        ("d1", "A", ["Joaquín Guzmán Loera"]),
        ("d2", "B", ["Guzmán Loera"]),
        ("d3", "C", ["Ovidio Guzmán López"]),
        ("d4", "D", ["Guzmán"]),
    )
    result = resolve(docs)
    assert together(result, docs, "Joaquín Guzmán Loera", "Guzmán Loera")
    assert not together(result, docs, "Joaquín Guzmán Loera", "Ovidio Guzmán López")


def test_acronym_and_expansion_merge():
    docs = docs_of(
        ("d1", "A", [("Drug Enforcement Administration", "org")]),
        ("d2", "B", [("DEA", "org"), ("Dea", "person")]),
    )
    result = resolve(docs)
    assert together(result, docs, "DEA", "Drug Enforcement Administration")
    assert "acronym DEA" in entity_named(result, "Drug Enforcement Administration").evidence
    assert len(result.entities) == 2


def test_nickname_joins_the_person_who_carries_it():
    docs = docs_of(
        ("d1", "A", [("Joaquín Guzmán", "person", {"nickname": "El Chapo"})]),
        ("d2", "B", ["El Chapo"]),
    )
    result = resolve(docs)
    assert len(result.entities) == 1
    assert "El Chapo" in result.entities[0].aliases


def test_places_and_groups_merge_by_folded_name_only():
    docs = docs_of(
        ("d1", "A", [("Culiacán", "place"), ("Mexicans", "group"), ("Los Angeles", "place")]),
        ("d2", "B", [("CULIACAN", "place"), ("mexicans", "group"), ("Los Angeles County", "place")]),
    )
    result = resolve(docs)
    assert {e.name for e in result.entities} == {"Culiacán", "Mexicans", "Los Angeles", "Los Angeles County"}


def test_org_and_place_merge_only_on_the_same_name():
    docs = docs_of(
        ("d1", "A", [("Washington", "place"), ("Sinaloa", "place")]),
        ("d2", "B", [("Washington", "org"), ("Sinaloa Cartel", "org")]),
    )
    result = resolve(docs)
    assert together(result, docs, "Washington")
    assert len(result.entities) == 3


# -------------------------------------------------------------------------------------- corrections


def test_aliases_file_forces_merges_and_names(tmp_path):
    path = tmp_path / "aliases.yaml"
    path.write_text(
        "Andrés Manuel López Obrador: [AMLO, El Peje]\n"
        "PEMEX:\n  type: org\n  aliases: [Petróleos Mexicanos]\n",
        encoding="utf-8",
    )
    aliases = load_aliases(path)
    assert aliases[0] == {
        "op": "merge",
        "names": ["Andrés Manuel López Obrador", "AMLO", "El Peje"],
        "source": "aliases",
    }
    docs = docs_of(
        ("d1", "A", ["AMLO", ("Petroleos Mexicanos", "org")]),
        ("d2", "B", ["El Peje", ("Pemex", "org")]),
    )
    result = resolve(docs, aliases=aliases)
    assert len(result.entities) == 2
    amlo = entity_named(result, "Andrés Manuel López Obrador")  # renamed although no mention says so
    assert "user alias" in amlo.evidence and amlo.mentions == 2
    assert entity_named(result, "PEMEX").type == "org"
    assert result.corrections == []  # aliases are not user corrections to persist


def test_bad_aliases_and_corrections_say_how_to_fix_them(tmp_path):
    assert aliases_corrections({"DEA": "Drug Enforcement Administration"})[0]["names"] == [
        "DEA",
        "Drug Enforcement Administration",
    ]
    with pytest.raises(ConfigError, match="should map to a list of aliases"):
        aliases_corrections({"DEA": {"type": "agency", "aliases": ["x"]}})
    bad = tmp_path / "aliases.yaml"
    bad.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="should be a mapping"):
        load_aliases(bad)
    bad.write_text("aliases:\n  - [on, off\n", encoding="utf-8")  # broken YAML: one line still says so
    with pytest.raises(ConfigError, match="cannot read the aliases file") as broken:
        load_aliases(bad)
    assert "\n" not in str(broken.value) and "fix the file" in str(broken.value)
    with pytest.raises(ConfigError, match="bad correction"):
        Linker(corrections=[{"op": "split", "names": ["x"]}])
    with pytest.raises(ConfigError, match="not a linker state"):
        Linker.from_state({"format": "something else"})


def test_corrections_survive_a_rerun_from_scratch():
    docs = docs_of(
        ("d1", "A", ["Joaquín Guzmán Loera", "Chapo Guzmán"]),
        ("d2", "B", ["Guzmán", "Zambada"]),
        ("d3", "C", ["Ismael Zambada García"]),
    )
    linker = Linker()
    linker.add_many(docs)
    assert not together(linker, docs, "Joaquín Guzmán Loera", "Guzmán")  # two candidates
    first = linker.merge("Joaquín Guzmán Loera", "Chapo Guzmán")
    assert first == {"op": "merge", "names": ["Joaquín Guzmán Loera", "Chapo Guzmán"]}
    assert together(linker, docs, "Joaquín Guzmán Loera", "Chapo Guzmán", "Guzmán")  # now one
    linker.split("Joaquín Guzmán Loera", "Guzmán")
    linker.rename("Ismael Zambada García", "El Mayo")
    stored = json.loads(json.dumps(linker.corrections))
    expected = {
        frozenset({"Joaquín Guzmán Loera", "Chapo Guzmán"}),
        frozenset({"Guzmán"}),
        frozenset({"Zambada", "Ismael Zambada García"}),
    }
    assert grouped(linker, docs) == expected
    rerun = resolve(docs, corrections=stored)
    assert grouped(rerun, docs) == expected
    assert "El Mayo" in {e.name for e in rerun.entities}
    assert sorted(rerun.assignments.items()) == sorted(linker.assignments().items())
    assert any("user split" in e.evidence for e in rerun.entities)
    assert any("user merge" in e.evidence for e in rerun.entities)


def test_merging_one_word_names():
    docs = docs_of(("d1", "A", [("Rotterdam", "place")]), ("d2", "B", [("Antwerp", "place"), "Guzmán"]))
    linker = Linker()
    linker.add_many(docs)
    linker.merge("Rotterdam", "Antwerp")
    assert together(linker, docs, "Rotterdam", "Antwerp") and len(linker.entities()) == 2
    linker.set_corrections([])
    assert len(linker.entities()) == 3


def test_corrections_apply_to_names_that_arrive_later_and_can_be_undone():
    linker = Linker(corrections=[merge("Lakers", "Los Angeles Lakers", type="org"), split("X", "Y")])
    docs = docs_of(("d1", "A", [("Lakers", "org")]), ("d2", "B", [("Los Angeles Lakers", "org")]))
    for document, outlet, mentions in docs:
        linker.add(document, outlet, mentions)
    assert len(linker.entities()) == 1
    assert "user merge" in linker.entities()[0].evidence
    linker.set_corrections([split("Los Angeles Lakers", "Lakers")])
    assert len(linker.entities()) == 2


# -------------------------------------------------------------------------------------- ids, state


CORPUS = docs_of(
    ("d1", "El Universal", [("Andrés Manuel López Obrador", "person", {"role": "President"}), "Guzmán"]),
    ("d2", "Reforma", ["López Obrador", ("Joaquín Guzmán Loera", "person", {"nickname": "El Chapo"})]),
    ("d3", "Reforma", ["Lopez Obrador", "El Chapo", ("DEA", "org"), ("Culiacán", "place")]),
    ("d4", "Milenio", [("Drug Enforcement Administration", "org"), "Ovidio Guzmán", "Guzmán"]),
    ("d5", "Milenio", ["Beltran Lleyva", "Arturo Beltrán Leyva", ("Culiacan", "place"), "Carlos Pascual"]),
    ("d6", "El Universal", ["Carlos Gaytán", "Beltrán Leyva", ("Sinaloa", "place"), ("Sinaloa", "org")]),
    ("d7", "AP", ["J. Guzmán", "Pascual", ("Mexicans", "group")]),
)


def snapshot(linker_or_result):
    if isinstance(linker_or_result, Linker):
        return (linker_or_result.entities(), sorted(linker_or_result.assignments().items()))
    return (linker_or_result.entities, sorted(linker_or_result.assignments.items()))


def test_ids_are_stable_across_runs_and_insertion_order():
    first = resolve(CORPUS)
    again = resolve(list(reversed(CORPUS)))
    assert snapshot(first) == snapshot(again)
    amlo = entity_named(first, "Andrés Manuel López Obrador")
    assert amlo.id == "e-" + hashlib.sha1(b"person:andres manuel lopez obrador").hexdigest()[:12]


def test_incremental_add_equals_batch():
    linker = Linker()
    returned = {}
    for document, outlet, mentions in CORPUS:
        returned.update(linker.add(document, outlet, mentions))
    assert snapshot(linker) == snapshot(resolve(CORPUS))
    assert set(returned) == set(linker.assignments())
    assert linker.changes() and not linker.changes()


def test_state_round_trips_through_json():
    linker = Linker(corrections=[merge("Carlos Pascual", "Carlos Gaytán")])
    linker.add_many(CORPUS)
    state = json.loads(json.dumps(linker.state()))
    rebuilt = Linker.from_state(state)
    assert snapshot(rebuilt) == snapshot(linker)
    assert rebuilt.comparisons == 0  # links were reused, not recomputed
    state["fingerprint"] = "stale"
    recomputed = Linker.from_state(state)
    assert snapshot(recomputed) == snapshot(linker) and recomputed.comparisons > 0
    more = docs_of(("d8", "AP", ["Andrés Manuel López Obrador"]))
    rebuilt.add(*more[0])
    linker.add(*more[0])
    assert snapshot(rebuilt) == snapshot(linker)


def test_removing_and_replacing_documents():
    linker = Linker()
    linker.add_many(CORPUS)
    before = snapshot(linker)
    linker.remove("d4")
    assert snapshot(linker) == snapshot(resolve([d for d in CORPUS if d[0] != "d4"]))
    linker.add(*CORPUS[3])
    assert snapshot(linker)[0] == before[0]
    replaced = docs_of(("d4", "Milenio", ["Ovidio Guzmán López"]))[0]
    linker.add(*replaced)
    expected = resolve([d for d in CORPUS if d[0] != "d4"] + [replaced])
    assert snapshot(linker) == snapshot(expected)


@settings(max_examples=40, deadline=None)
@given(st.permutations(range(len(CORPUS))), st.integers(min_value=1, max_value=len(CORPUS)))
def test_resolution_does_not_depend_on_the_order_documents_arrive(order, batch):
    """Property: any arrival order, one by one or in batches, gives the same entities and assignments."""
    linker = Linker()
    docs = [CORPUS[i] for i in order]
    for start in range(0, len(docs), batch):
        linker.add_many(docs[start : start + batch])
    assert snapshot(linker) == snapshot(resolve(CORPUS))


# -------------------------------------------------------------------------------------- blocking


def test_blocking_keeps_comparisons_far_below_all_pairs():
    """2,000 distinct people, organisations and places: count rule comparisons, not time."""
    rng = random.Random(7)
    syllables = ["ka", "lo", "mi", "ra", "te", "su", "no", "vi", "de", "zan", "bor", "gel", "tin", "quez"]

    def word():
        return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))).capitalize()

    names = set()
    firsts = [word() for _ in range(150)]
    while len(names) < 2000:
        kind = rng.random()
        if kind < 0.6:
            names.add((f"{rng.choice(firsts)} {word()}", "person"))
        elif kind < 0.85:
            names.add((f"{word()} {word()} {rng.choice(['Group', 'Party', 'Bank', 'Agency'])}", "org"))
        else:
            names.add((word(), "place"))
    docs = [
        (f"d{i}", f"outlet{i % 7}", [mention(f"d{i}", j, n, t) for j, (n, t) in enumerate(chunk)])
        for i, chunk in enumerate(zip(*[iter(sorted(names))] * 4))
    ]
    linker = Linker()
    for document, outlet, mentions in docs:
        linker.add(document, outlet, mentions)
    n = len(names)
    assert linker.comparisons < n * 3, linker.comparisons  # all pairs would be n * (n - 1) / 2 ~ 2,000,000
    assert len(linker.entities()) > 0.95 * n


def test_a_name_fitting_too_many_entities_is_not_linked():
    people = [f"{first} Smith" for first in ("Anna", "Ben", "Carl", "Dora", "Emil", "Fay")]
    docs = docs_of(*[(f"d{i}", "A", [p]) for i, p in enumerate(people)], ("dx", "A", ["Smith"]))
    result = resolve(docs, options=LinkOptions(max_parents=5))
    smith = entity_named(result, "Smith")
    assert smith.mentions == 1 and "ambiguous: Smith fits 6 entities (not linked)" in smith.evidence


def test_a_capital_standing_for_its_government_is_not_an_organisation_named_after_it():
    docs = docs_of(
        ("d1", "A", [("Marlow Office", "org")]),
        ("d2", "B", [("Marlow", "org", {"metonymy": True}), ("Marlow", "place")]),
    )
    result = resolve(docs)
    assert not together(result, docs, "Marlow Office", "Marlow")
    # the capital as an actor and the capital as a place are one name
    assert len([e for e in result.entities if e.name == "Marlow"]) == 1


def test_aliases_include_the_ways_articles_wrote_the_name():
    def written(doc, i, text, name, how=None):
        reason = f"PERSON by model; resolved: {how}" if how else "PERSON by model"
        return Mention(doc, f"m{i}", 0, len(text), text, "person", name, reason=reason)

    full = "Elena Ramos Vidal"
    docs = [
        ("d1", "A", [written("d1", 1, full, full), written("d1", 2, "Ramos", full, "surname")]),
        ("d2", "B", [written("d2", 1, "ERV", full, "acronym"), written("d2", 2, "the minister", full, "title")]),
        ("d3", "C", [written("d3", 1, 'Elena "La Jefa" Ramos Vidal', full)]),
    ]
    result = resolve(docs)
    (entity,) = result.entities
    assert entity.name == "Elena Ramos Vidal" and entity.mentions == 5
    # written forms become aliases; a lower-case description does not, a quoted nickname is cut out
    assert set(entity.aliases) == {"Ramos", "ERV"}
    # the merges the entities stage made inside an article are part of the entity's evidence
    assert {"surname: Ramos = Elena Ramos Vidal", "acronym: ERV = Elena Ramos Vidal"} <= set(entity.evidence)
    # the written forms and their evidence survive the linker's saved state
    linker = Linker()
    linker.add_many(docs)
    (restored,) = Linker.from_state(linker.state()).entities()
    assert set(restored.aliases) == {"Ramos", "ERV"} and restored.evidence == entity.evidence


def test_a_seat_standing_for_an_institution_stays_an_organisation():
    # "the Kremlin said" twice and "the Kremlin" once: a building standing for a government, not a place
    docs = docs_of(
        ("d1", "A", [("Kremlin", "org", {"metonymy": True})]),
        ("d2", "B", [("Kremlin", "org", {"metonymy": True}), ("Kremlin", "org")]),
    )
    result = resolve(docs)
    kremlin = entity_named(result, "Kremlin")
    assert kremlin.type == "org" and kremlin.mentions == 3


def test_an_untyped_name_joins_the_same_name_typed_elsewhere():
    # the per-article vote leaves "Wikileaks" untyped in one article; it is the organisation of another
    docs = docs_of(
        ("d1", "A", [("WikiLeaks", "org"), ("Plan Mexico", "other"), ("Sinaloa Cartel", "org")]),
        ("d2", "B", [("Wikileaks", "other"), ("Wikileaks", "person"), ("Plan", "other")]),
        ("d3", "C", [("Sinaloa Cartel", "other")]),
    )
    result = resolve(docs)
    org = entity_named(result, "WikiLeaks")
    assert org.type == "org" and org.mentions == 2
    cartel = entity_named(result, "Sinaloa Cartel")
    assert cartel.type == "org" and cartel.mentions == 2
    assert "same name, untyped in one article: Sinaloa Cartel" in cartel.evidence
    assert len(result.entities) == 5  # a person is never joined by name alone; other words stay apart
