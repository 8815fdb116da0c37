"""The place named inside an institution's name."""

from __future__ import annotations

import pytest

from newsprism.geo import resolve_name, resolve_spans
from newsprism.geo.embedded import embedded_place, place_inside
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
