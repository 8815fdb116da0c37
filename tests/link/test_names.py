"""Name folding, pair rules and blocking keys of the entity linker (newsprism.link.names)."""

from __future__ import annotations

import pytest

from newsprism.link.names import compare, fold, is_acronym_surface, keys, parse, query_keys


def person(name):
    return parse(name, "person")


def org(name):
    return parse(name, "org")


def link(a, b, acronym=(False, False), nicknames=(frozenset(), frozenset())):
    return compare(a, b, acronym=acronym, nicknames=nicknames)


def test_fold_drops_accents_case_punctuation_and_possessives():
    assert fold("López-Obrador's") == "lopez obrador"
    assert fold("LÓPEZ") == fold("Lopez") == "lopez"
    assert fold("Ñúñez & Hijos") == "nunez and hijos"
    assert fold("O’Brien") == "obrien"


def test_parse_strips_honorifics_suffixes_and_company_forms():
    assert person("Gen. Salvador Cienfuegos").key == "salvador cienfuegos"
    assert person("Mr . LaRue").key == "larue"
    assert person("Martin Luther King Jr.").key == "martin luther king"
    assert person("General").key == "general"  # never the last word
    assert person("Oscar de la Hoya").words == ("oscar", "de", "la", "hoya")
    assert person("Ben Smith").key == "ben smith"
    assert org("Apple Inc.").key == org("Apple").key
    assert org("U.S.").key == org("US").key == "us"
    assert parse("the Netherlands", "place").key == "netherlands"
    assert org("Federal Bureau of Investigation").initials == "fbi"


def test_acronym_surfaces():
    assert is_acronym_surface("DEA") and is_acronym_surface("U.S.") and is_acronym_surface("NATO")
    assert not is_acronym_surface("Dea") and not is_acronym_surface("A") and not is_acronym_surface("ABCDEFG")


def test_spelling_variants_are_strong_links():
    found = link(person("Arturo Beltran Lleyva"), person("Arturo Beltrán Leyva"))
    assert found.kind == "fuzzy" and found.child is None and found.score > 0.9
    assert link(person("Beltran Lleyva"), person("Beltrán Leyva")).kind == "fuzzy"
    assert link(person("Duncan Rait"), person("Duncan Raite")).kind == "fuzzy"


@pytest.mark.parametrize(
    "a, b",
    [
        ("Ovidio Guzmán", "Joaquín Guzmán"),
        ("Ovidio Guzmán", "Joaquín Guzmán Loera"),
        ("Carlos Pascual", "Carlos Gaytán"),
        ("Mark Jones", "Mary Jones"),
        ("Carla Rossi", "Carlo Rossi"),
        ("J. Robert Smith", "John R. Smith"),
    ],
)
def test_different_people_do_not_link(a, b):
    assert link(person(a), person(b)) is None


def test_dependent_links_point_from_the_less_specific_name():
    amlo = person("Andrés Manuel López Obrador")
    short = link(person("López Obrador"), amlo)
    assert (short.kind, short.child, short.parent) == ("short form", person("López Obrador").id, amlo.id)
    assert link(person("Joaquín Guzmán"), person("Joaquín Guzmán Loera")).kind == "short form"
    surname = link(person("Guzmán"), person("Joaquín Guzmán Loera"))
    assert surname.kind == "surname" and surname.child == "person:guzman"
    assert link(person("Kathina"), person("Kathina Thomas")).kind == "given name"
    assert link(person("de la Hoya"), person("Oscar de la Hoya")).kind == "short form"
    assert link(person("Hoya"), person("Oscar de la Hoya")).kind == "surname"
    assert link(person("La"), person("Oscar de la Hoya")) is None
    initials = link(person("J. Smith"), person("John Smith"))
    assert initials.kind == "initials" and initials.child == person("J. Smith").id


def test_nicknames_given_names_and_word_order():
    assert link(person("Bill Clinton"), person("William Clinton")).kind == "given name"
    carrier = (frozenset(), frozenset({"el chapo"}))
    chapo = link(person("El Chapo"), person("Joaquín Guzmán"), nicknames=carrier)
    assert chapo.kind == "nickname" and chapo.child == person("El Chapo").id
    assert link(org("Justice Department"), org("Department of Justice")).kind == "token order"
    assert link(org("Los Zetas"), org("Zetas")).kind == "token order"


def test_organisations():
    dea, full = org("DEA"), org("Drug Enforcement Administration")
    assert link(dea, full) is None  # only a name written as an acronym is one
    acronym = link(dea, full, acronym=(True, False))
    assert acronym.kind == "acronym" and acronym.child == dea.id
    assert link(org("Lakers"), org("Los Angeles Lakers")).kind == "short form"
    assert link(org("Sinaloa"), org("Sinaloa Cartel")).kind == "short form"
    assert link(org("Apple"), org("Apple Records")) is None
    assert link(org("Police"), org("Los Angeles Police Department")) is None  # only kind words
    washington = link(org("Washington"), parse("Washington", "place"))
    assert washington.kind == "type" and washington.child is None
    assert link(org("Sinaloa Cartel"), parse("Sinaloa", "place")) is None


def test_places_link_by_folded_name_and_facility_words_only():
    place = lambda n: parse(n, "place")  # noqa: E731
    assert place("Culiacán").id == place("CULIACAN").id
    assert link(place("Betty Ford"), place("Betty Ford Center")).kind == "short form"
    assert link(place("Los Angeles"), place("Los Angeles County")) is None
    assert link(place("Jacksonville"), place("Jacksonville Stadium")) is None  # one word: could be the city
    assert link(place("Mt Cook"), place("Mount Cook")) is None  # same form already
    assert place("Mt Cook").id == place("Mount Cook").id


PAIRS = [
    (person("Arturo Beltran Lleyva"), person("Arturo Beltrán Leyva"), (False, False), ()),
    (person("Beltran Lleyva"), person("Beltran Leyva"), (False, False), ()),
    (person("López Obrador"), person("Andrés Manuel López Obrador"), (False, False), ()),
    (person("Manuel López Obrador"), person("Andrés Manuel López Obrador"), (False, False), ()),
    (person("Joaquín Guzmán"), person("Joaquín Archivaldo Guzmán Loera"), (False, False), ()),
    (person("Guzmán"), person("Joaquín Guzmán Loera"), (False, False), ()),
    (person("Kathina"), person("Kathina Thomas"), (False, False), ()),
    (person("J. Smith"), person("John Smith"), (False, False), ()),
    (person("Bill Clinton"), person("William Jefferson Clinton"), (False, False), ()),
    (person("El Chapo"), person("Joaquín Guzmán"), (False, False), ("el chapo",)),
    (person("Kim Jong Un"), person("Jong Un Kim"), (False, False), ()),
    (org("DEA"), org("Drug Enforcement Administration"), (True, False), ()),
    (org("Lakers"), org("Los Angeles Lakers"), (False, False), ()),
    (org("Sinaloa"), org("Sinaloa Cartel"), (False, False), ()),
    (org("Justice Department"), org("Department of Justice"), (False, False), ()),
    (org("Microsfot Corporation"), org("Microsoft Corporation"), (False, False), ()),
    (org("Washington"), parse("Washington", "place"), (False, False), ()),
    (parse("US", "place"), parse("United States", "place"), (True, False), ()),
]


@pytest.mark.parametrize("a, b, acronym, nick", PAIRS, ids=[f"{a.key}~{b.key}" for a, b, _, _ in PAIRS])
def test_every_linked_pair_shares_a_blocking_key(a, b, acronym, nick):
    nicknames = (frozenset(), frozenset(nick))
    assert link(a, b, acronym, nicknames) is not None
    keys_a = keys(a, acronym[0], nicknames[0])
    keys_b = keys(b, acronym[1], nicknames[1])
    assert query_keys(keys_a) & keys_b, "b is not found from a"
    assert query_keys(keys_b) & keys_a, "a is not found from b"


NAMES = [
    ("person", n)
    for n in (
        "Andrés Manuel López Obrador", "López Obrador", "Lopez Obrador", "Manuel López", "López", "AMLO",
        "Joaquín Guzmán Loera", "Joaquín Archivaldo Guzmán Loera", "Joaquín Guzmán", "Ovidio Guzmán",
        "Ovidio Guzmán López", "Guzmán", "Guzman Loera", "El Chapo", "Chapo", "J. Guzmán",
        "Joaquin Guzman",
        "Arturo Beltrán Leyva", "Arturo Beltran Lleyva", "Beltrán Leyva", "Beltran Lleyva", "Leyva",
        "Carlos Pascual", "Carlos Gaytán", "Carlos", "Pascual", "Bill Clinton", "William Clinton",
        "William Jefferson Clinton", "Clinton", "Hillary Clinton", "Hilary Clinton", "Mr. Clinton",
        "Kim Jong Un", "Jong Un Kim", "Oscar de la Hoya", "De La Hoya", "Hoya", "Osama bin Laden",
        "bin Laden", "Lindsay Lohan", "Lohan", "Lindsay", "Mo Cheeks", "Maurice Cheeks", "Cheeks",
    )
] + [
    ("org", n)
    for n in (
        "DEA", "Drug Enforcement Administration", "U.S. Drug Enforcement Administration", "FBI",
        "Federal Bureau of Investigation", "Justice Department", "Department of Justice",
        "U.S. Justice Department", "Los Angeles Lakers", "Lakers", "Sinaloa Cartel", "Sinaloa", "Los Zetas",
        "Zetas", "Police", "Los Angeles Police Department", "LAPD", "Apple", "Apple Inc.", "Apple Records",
        "Microsoft", "Microsoft Corporation", "Microsfot Corporation", "Washington", "New York Times",
        "Times", "Los Angeles Times",
    )
] + [
    ("place", n)
    for n in (
        "Washington", "United States", "US", "U.S.", "Sinaloa", "Culiacán", "Culiacan", "Betty Ford",
        "Betty Ford Center", "Betty Ford Clinic", "Los Angeles", "Los Angeles County", "Mount Cook",
        "Mt Cook",
    )
]  # fmt: skip


def test_blocking_finds_every_pair_the_rules_link():
    """All pairs of a varied name list, compared directly: each linked pair must share a blocking key."""
    from newsprism.link.names import clean_surface

    forms = []
    for type_, name in NAMES:
        form = parse(clean_surface(name, type_), type_)
        acronym = is_acronym_surface(name)
        nicknames = frozenset({"el chapo"}) if name.startswith("Joaquín") else frozenset()
        forms.append((form, acronym, nicknames, keys(form, acronym, nicknames)))
    linked = 0
    for i, (a, acr_a, nick_a, keys_a) in enumerate(forms):
        for b, acr_b, nick_b, keys_b in forms[i + 1 :]:
            if compare(a, b, acronym=(acr_a, acr_b), nicknames=(nick_a, nick_b)) is None:
                continue
            linked += 1
            assert query_keys(keys_a) & keys_b, (a.id, b.id)
            assert query_keys(keys_b) & keys_a, (b.id, a.id)
    assert linked > 40


def test_org_prefix_and_suffix_keys_leave_out_runs_of_kind_words_only():
    ks = keys(org("National Police Foundation"))
    assert {"osx:national police foundation", "opx:national", "opx:national police"} <= ks
    assert "osx:foundation" not in ks and "osx:police foundation" not in ks  # kind words only
    ks = keys(org("Police Department of Sonora"))
    assert {"osx:sonora", "osx:department sonora", "opx:police department sonora"} <= ks
    assert "opx:police" not in ks and "opx:police department" not in ks
