"""Natural features, regions, landmarks and airports from lexicons/features.yaml."""

from __future__ import annotations

import pytest

from newsprism import lexicons
from newsprism.geo import resolve_name
from newsprism.geo.gazetteer import CURATED_FEATURES, gazetteer


@pytest.fixture(scope="module")
def gaz():
    return gazetteer()


def test_every_feature_is_well_formed(gaz):
    table = lexicons.load("features")
    assert set(table) <= CURATED_FEATURES
    for kind, entries in table.items():
        for name, spec in entries.items():
            assert -90 <= spec["lat"] <= 90 and -180 <= spec["lon"] <= 180, name
            for iso in [spec.get("country"), *spec.get("countries", ())]:
                assert iso is None or gaz.country(iso) is not None, (name, iso)
            assert spec.get("admin1") is None or gaz.admin1(spec["admin1"]) is not None, name
            assert set(spec) <= {"lat", "lon", "country", "countries", "admin1", "aka"}, name


@pytest.mark.parametrize(
    ("name", "feature", "country"),
    [
        ("Black Sea", "sea", None),
        ("the Danube", "river", None),
        ("River Thames", "river", "GB"),
        ("the Himalayas", "mountains", None),
        ("Sahara Desert", "desert", None),
        ("Anatolia", "region", "TR"),
        ("Eiffel Tower", "landmark", "FR"),
        ("Heathrow", "airport", "GB"),  # over the small Florida town of that name
    ],
)
def test_features_resolve_by_their_written_forms(name, feature, country):
    r = resolve_name(name)
    assert (r.feature, r.country) == (feature, country)
    assert r.lat is not None and r.geonames_id is None


def test_words_left_out_on_purpose(gaz):
    # a company and a baseball team as often as a river and a range: never matched as features
    for text in ("Amazon", "Rockies"):
        assert not [m for m in gaz.candidates(text) if m.entry.feature in ("river", "mountains")]


def test_a_river_named_like_a_region_yields_to_it_in_an_article_about_its_country():
    from newsprism.geo import resolve_spans

    body = "Farmers in Limpopo, in the north of South Africa, said the drought was the worst in years."
    spans = [(body.index(name), body.index(name) + len(name), name) for name in ("Limpopo", "South Africa")]
    limpopo, south_africa = resolve_spans(body, spans)
    assert (limpopo.feature, limpopo.country) == ("admin1", "ZA") and south_africa.country == "ZA"
    assert resolve_name("the Limpopo River").feature == "river"
