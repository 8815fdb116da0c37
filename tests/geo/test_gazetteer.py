"""The gazetteer: folding, the index build, and what each kind of name finds."""

from __future__ import annotations

import json

import pytest

import newsprism.geo.gazetteer as gz
from newsprism.geo.gazetteer import Entry, bare, build_index, fold, gazetteer, name_keys


@pytest.fixture(scope="module")
def gaz():
    return gazetteer()


def _features(matches, feature):
    return [m for m in matches if m.entry.feature == feature]


# ---------------------------------------------------------------------------------------------- folding


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Culiacán", "culiacan"),
        ("CULIACAN", "culiacan"),
        ("the Netherlands", "netherlands"),
        ("Côte d’Ivoire", "cote divoire"),
        ("Winston-Salem", "winston salem"),
        ("N. J.", "n.j."),
        ("Łódź", "lodz"),
        ("Düsseldorf", "dusseldorf"),
        ("  São   Paulo ", "sao paulo"),
    ],
)
def test_fold(text, key):
    assert fold(text) == key


def test_bare_drops_full_stops():
    assert bare("u.s.") == "us"
    assert bare("st. louis") == "st louis"
    assert bare("washington d.c.") == "washington dc"
    assert bare("paris") == "paris"


def test_name_keys_cover_saint_forms():
    keys = name_keys("Saint Louis")
    assert {"saint louis", "st louis", "st. louis"} <= keys
    assert "saint petersburg" in name_keys("St. Petersburg")


def test_usable_alias_keeps_latin_capitalised_names_only():
    assert gz.usable_alias("Ciudad Juárez")
    assert not gz.usable_alias("Сьюдад-Хуарес")  # Cyrillic
    assert not gz.usable_alias("lai sai si ka")  # a lower-case romanisation
    assert not gz.usable_alias("Route 66")


def test_centre_is_robust_and_crosses_the_antimeridian():
    lat, lon = gz._centre([(10.0, 20.0), (12.0, 22.0), (11.0, 21.0)])
    assert (lat, lon) == (11.0, 21.0)
    lat, lon = gz._centre([(60.0, 179.0), (60.0, -179.0), (61.0, 178.0), (61.0, -178.0)])
    assert abs(abs(lon) - 180.0) < 2.0, lon


# ---------------------------------------------------------------------------------------------- the index


def test_build_index_from_a_small_cities_file(tmp_path):
    cities = {
        "1": {
            "geonameid": 1,
            "name": "Ciudad Ejemplo",
            "latitude": 10.0,
            "longitude": -80.0,
            "countrycode": "MX",
            "population": 5000,
            "admin1code": "25",
            "alternatenames": ["Ejemplo City", "эксемпло", "lower name"],
        },
        "2": {
            "geonameid": 2,
            "name": "Mexico City",
            "latitude": 19.4,
            "longitude": -99.1,
            "countrycode": "MX",
            "population": 12000000,
            "admin1code": "09",
            "alternatenames": [],
        },
    }
    source = tmp_path / "cities.json"
    source.write_text(json.dumps(cities), encoding="utf-8")
    path = build_index(tmp_path / "index.sqlite", cities_file=source)
    import sqlite3

    db = sqlite3.connect(path)
    keys = {row[0]: row[1] for row in db.execute("SELECT key, alias FROM name WHERE id = 1")}
    assert keys == {"ciudad ejemplo": 0, "ejemplo city": 1}  # no Cyrillic, no lower-case alias
    assert db.execute("SELECT cap FROM city WHERE id = 2").fetchone() == (1,)  # Mexico's capital
    assert db.execute("SELECT pop, cities FROM area WHERE code = 'MX.25'").fetchone() == (5000, 1)
    assert not list(tmp_path.glob("*.tmp"))


def test_the_cache_file_is_named_after_its_inputs(tmp_path):
    path = gz.index_path(tmp_path)
    assert path.parent == tmp_path
    assert f"s{gz.SCHEMA}" in path.name and "gnc" in path.name and f"c{gz.CITIES}" in path.name


# ---------------------------------------------------------------------------------------------- lookups


def test_accents_and_case_do_not_matter(gaz):
    for written in ("Culiacan", "Culiacán", "CULIACAN"):
        cities = _features(gaz.candidates(written), "city")
        assert any(m.entry.name == "Culiacán" and m.entry.admin1 == "Sinaloa" for m in cities), written


def test_alternate_names_find_cities(gaz):
    found = gaz.candidates("Juarez")
    juarez = [m for m in found if m.entry.name == "Ciudad Juárez"]
    assert juarez and juarez[0].how == "alias" and juarez[0].entry.country == "MX"


@pytest.mark.parametrize("written", ["U.S.", "US", "USA", "United States", "the United States", "America"])
def test_united_states_variants(gaz, written):
    countries = _features(gaz.candidates(written), "country")
    assert [m.entry.country for m in countries] == ["US"]


def test_countries_have_ids_points_and_populations(gaz):
    mexico = gaz.country("MX")
    assert mexico.geonames_id == 3996063 and mexico.population > 100_000_000
    assert 14 < mexico.lat < 33 and -118 < mexico.lon < -86
    assert gaz.find_country("Mexico") == mexico and gaz.find_country("MX") == mexico


def test_us_state_abbreviations(gaz):
    for written, code in (("N.J.", "US.NJ"), ("Tex.", "US.TX"), ("Calif.", "US.CA")):
        admin1 = _features(gaz.candidates(written), "admin1")
        assert [m.entry.admin1_code for m in admin1] == [code], written


def test_postal_codes_only_qualify(gaz):
    assert not _features(gaz.candidates("NJ"), "admin1")
    assert [e.admin1_code for e in gaz.qualifier("NJ")] == ["US.NJ"]
    assert [e.admin1_code for e in gaz.qualifier("N.J.")] == ["US.NJ"]


def test_mexican_states_have_names(gaz):
    for name, code in (
        ("Sinaloa", "MX.25"),
        ("Sonora", "MX.26"),
        ("Chihuahua", "MX.06"),
        ("Michoacán", "MX.16"),
    ):
        region = gaz.find_admin1(name)
        assert region is not None and region.admin1_code == code and region.country == "MX", name
    assert gaz.admin1("MX.25").name == "Sinaloa"


def test_cities_carry_their_admin1_name(gaz):
    cuernavaca = next(m.entry for m in gaz.candidates("Cuernavaca") if m.entry.country == "MX")
    assert cuernavaca.admin1 == "Morelos" and cuernavaca.admin1_code == "MX.17"


def test_regions_and_continents(gaz):
    latin = gaz.candidates("Latin America")
    assert [m.entry.feature for m in latin] == ["region"]
    assert "MX" in latin[0].entry.countries
    middle_east = {m.entry.feature for m in gaz.candidates("the Middle East")}
    assert "region" in middle_east
    assert [m.entry.feature for m in gaz.candidates("Africa") if m.how == "name"][:1] == ["continent"]


def test_demonyms_point_at_countries(gaz):
    turkish = gaz.candidates("Turkish")
    assert [(m.entry.country, m.how) for m in turkish] == [("TR", "demonym")]


def test_demonyms_of_regions_and_smaller_countries(gaz):
    def demonym(text):
        found = gaz.candidates(text)
        return [(m.entry.feature, m.entry.country, m.entry.name) for m in found if m.how == "demonym"]

    assert demonym("Korean") == [("country", "KR", "South Korea")]
    assert demonym("Maltese") == [("country", "MT", "Malta")]
    assert demonym("Sicilian") == [("admin1", "IT", "Sicilia")]
    assert demonym("Texans") == [("admin1", "US", "Texas")]
    assert demonym("Siberian")[0][0] == "region"
    assert demonym("Southeast Asian")[0][2] == "Southeast Asia"


def test_us_counties(gaz):
    counties = _features(gaz.candidates("Orange County"), "admin2")
    assert {m.entry.admin1_code for m in counties} >= {"US.CA", "US.FL", "US.NY"}
    assert _features(gaz.candidates("Orange Co."), "admin2")
    assert not _features(gaz.candidates("Orange"), "admin2")  # the bare name belongs to the towns


def test_words_that_are_never_places(gaz):
    assert gaz.candidates("Internet") == []
    assert gaz.candidates("the West") == []


def test_entry_contains():
    country = Entry(key="gn:1", name="Mexico", feature="country", country="MX")
    state = Entry(key="gn:2", name="Sinaloa", feature="admin1", country="MX", admin1_code="MX.25")
    city = Entry(key="gn:3", name="Culiacán", feature="city", country="MX", admin1_code="MX.25")
    other = Entry(key="gn:4", name="Hermosillo", feature="city", country="MX", admin1_code="MX.26")
    assert country.contains(city) and state.contains(city) and not state.contains(other)
