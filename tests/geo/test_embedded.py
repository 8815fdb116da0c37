"""The place named inside an institution's name."""

from __future__ import annotations

import pytest

from newsprism.geo import resolve_name, resolve_spans
from newsprism.geo.embedded import embedded_place
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
        "University of Perpetual Help",  # nothing in it is a place
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
    (r,) = resolve_spans(body, [(start, start + len("Reserve Bank of Australia"), "Reserve Bank of Australia")])
    assert r.country == "AU"
