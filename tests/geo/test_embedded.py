"""The place named inside an institution's name."""

from __future__ import annotations

import pytest

from newsprism.geo import resolve_name, resolve_spans
from newsprism.geo.embedded import embedded_place, place_inside, places_inside
from newsprism.geo.gazetteer import gazetteer


@pytest.fixture(scope="module")
def gaz():
    return gazetteer()


@pytest.mark.parametrize(
    ("name", "inner"),
    [
        ("Bank of Japan", "Japan"),
        ("Reserve Bank of Australia", "Australia"),
        ("Ohio State University", "Ohio"),
        ("European Central Bank", "European"),
        ("Toronto Pearson International Airport", "Toronto"),
        ("Texas Department of Public Safety", "Texas"),
    ],
)
def test_the_place_inside_an_institution(gaz, name, inner):
    assert embedded_place(name, gaz) == inner


@pytest.mark.parametrize(
    "name",
    [
        "Maple Grove Avenue",  # no institution word: a street
        "British Embassy",  # embassies stand in another country's capital
        "Academy of Good Counsel",  # nothing in it is a place
        "Vanderbilt University",
    ],
)
def test_no_place_inside(gaz, name):
    assert embedded_place(name, gaz) is None


def test_an_institution_resolves_to_its_place():
    bank = resolve_name("Bank of Japan")
    assert (bank.feature, bank.country) == ("country", "JP")
    assert "named in 'Bank of Japan'" in bank.reason
    body = "Economists at the Reserve Bank of Australia expect a cut."
    start = body.index("Reserve")
    name = "Reserve Bank of Australia"
    (r,) = resolve_spans(body, [(start, start + len(name), name)])
    assert r.country == "AU"


@pytest.mark.parametrize(
    ("org", "place"),
    [
        ("Toronto Police Service", "Toronto"),
        ("the Reserve Bank of Zimbabwe", "Zimbabwe"),
        ("The New York Times", "New York"),
        ("Kansas City Chiefs", "Kansas City"),
        ("US Federal Reserve", "US"),
        ("the U.S. Senate", "U.S."),  # an abbreviation keeps its full stops
        ("Toronto's Police Service", "Toronto"),
        ("the Democratic People's Republic of Korea Navy", "Democratic People's Republic of Korea"),
        ("North American Aerospace Defense Command", "North American"),
        ("Wells Fargo", None),  # a place's name as the last word of a firm's: left alone ("Fargo" is skipped)
        ("Delta Air Lines", None),  # a common word that is also a town
        ("NASA Ames", None),  # an acronym
        ("Mexico City", None),  # an organisation named exactly like a place is the entities stage's call
    ],
)
def test_a_place_inside_an_organisations_name(gaz, org, place):
    found = place_inside(org, gaz)
    assert (org[found[0] : found[1]] if found else None) == place


def test_places_inside_several_names_at_once_answers_as_one_by_one(gaz):
    names = ["Toronto Police Service", "Quantum Holdings of Ohio", "Delta Air Lines", "Mexico City",
             "Harbour Authority of Xyzzyport", "Kansas City Chiefs", "Toronto Police Service"]  # fmt: skip
    together = places_inside(names, gaz)
    assert set(together) == set(names)
    for name in names:
        assert together[name] == place_inside(name, gaz)
    assert together["Quantum Holdings of Ohio"] is not None
    assert together["Harbour Authority of Xyzzyport"] is None
    assert places_inside([], gaz) == {}


def test_the_tables_and_the_big_cities_make_up_what_candidates_find(gaz):
    # countries, regions and demonyms are in memory; cities need the index file
    assert {m.entry.feature for m in gaz.table_candidates("Ohio")} >= {"admin1"}
    assert all(m.entry.feature != "city" for m in gaz.table_candidates("Toronto"))
    found = gaz.big_cities(["Toronto", "Ohio", "Xyzzyport", "TORONTO", "Wells"], 100_000)
    assert found == {"Toronto", "TORONTO"}
    assert gaz.big_cities([], 100_000) == set()


@pytest.mark.parametrize(
    ("org", "place"),
    [
        ("Embassy of the Republic of Xyzzy", None),
        ("Embassy of Peru", None),  # the country it represents, not where it stands
        ("the Canadian Consulate", None),
        ("Consulate General of Peru in Chicago", "Chicago"),  # a city may be where it stands
        ("Bank of Peru", "Peru"),
    ],
)
def test_no_country_inside_an_embassys_name(gaz, org, place):
    found = place_inside(org, gaz)
    assert (org[found[0] : found[1]] if found else None) == place
