"""Resolving names: population priors, bounded context, qualifiers and the notes on contradictions."""

from __future__ import annotations

import re

import pytest

from newsprism.geo import resolve_name, resolve_spans
from newsprism.geo.gazetteer import Entry, Match, gazetteer
from newsprism.geo.resolve import Context, Qualifier, _score, prior, qualifier_after


@pytest.fixture(scope="module")
def gaz():
    return gazetteer()


def spans_of(body: str, *names: str) -> list[tuple[int, int, str]]:
    pattern = "|".join(re.escape(n) for n in names)
    return [(m.start(), m.end(), m.group()) for m in re.finditer(pattern, body)]


# ---------------------------------------------------------------------------------------------- one name


def test_the_biggest_namesake_wins_without_context():
    paris = resolve_name("Paris")
    assert (paris.country, paris.feature) == ("FR", "city")
    assert paris.geonames_id == 2988507
    assert "largest of" in paris.reason


def test_a_famous_city_survives_a_context_pointing_at_a_small_namesake():
    # an article about New Jersey still means Bogotá when it writes "Bogota" on its own
    bogota = resolve_name("Bogota", context_countries=["US"], context_admin1=["N.J."])
    assert bogota.country == "CO"


def test_a_written_qualifier_beats_size():
    bogota = resolve_name("Bogota, N.J.")
    assert (bogota.country, bogota.admin1) == ("US", "New Jersey")
    assert bogota.confidence > 0.9
    paris = resolve_name("Paris, Texas")
    assert (paris.country, paris.admin1) == ("US", "Texas")


def test_context_lifts_a_namesake_a_few_hundred_times_smaller():
    assert resolve_name("London").country == "GB"
    london = resolve_name("London", context_countries=["Canada"], context_admin1=["Ontario"])
    assert (london.country, london.admin1) == ("CA", "Ontario")
    assert "context Ontario" in london.reason


def test_context_boost_is_capped(gaz):
    weights = gaz.lexicon["weights"]
    small = Entry(
        key="gn:1",
        name="X",
        feature="city",
        country="US",
        admin1_code="US.NJ",
        admin1="New Jersey",
        population=1000,
    )
    ctx = Context()
    ctx.countries["US"] += 5
    ctx.admin1["US.NJ"] += 5
    score, why = _score(Match(small, "name"), ctx, None, weights, None, 0.0)
    assert score == pytest.approx(prior(small, weights) + weights["max_context_boost"])
    assert why == ["context US", "context New Jersey"]


def test_accents_case_and_alternate_names():
    assert resolve_name("CULIACAN").name == "Culiacán"
    juarez = resolve_name("Juarez", context_countries=["MX"])
    assert (juarez.name, juarez.admin1) == ("Ciudad Juárez", "Chihuahua")
    assert "alias" in juarez.reason


def test_generic_words_around_a_name():
    state = resolve_name("Sinaloa state")
    assert (state.feature, state.name) == ("admin1", "Sinaloa")
    assert resolve_name("Republic of Armenia").country == "AM"


def test_countries_regions_and_landmarks():
    us = resolve_name("U.S.")
    assert (us.feature, us.country, us.geonames_id) == ("country", "US", 6252001)
    assert us.lat is not None and us.lon is not None
    latin = resolve_name("Latin America")
    assert latin.feature == "region" and latin.geonames_id is None
    assert resolve_name("the Middle East").feature == "region"
    white_house = resolve_name("White House")
    assert (white_house.feature, white_house.country) == ("landmark", "US")


def test_unknown_names_resolve_to_nothing():
    assert resolve_name("Xyzzyville") is None
    assert resolve_name("") is None


def test_resolutions_carry_their_evidence():
    r = resolve_name("Cuernavaca")
    assert 0 < r.confidence <= 1 and r.reason and r.population and r.feature == "city"
    assert r.admin1 == "Morelos" and r.country == "MX"


# ---------------------------------------------------------------------------------------------- qualifiers


def test_qualifier_after_a_comma(gaz):
    body = "a raid in Culiacan, Sonora, last month"
    q = qualifier_after(body, body.index(","), gaz)
    assert isinstance(q, Qualifier) and q.text == "Sonora"
    assert [e.admin1_code for e in q.entries] == ["MX.26"]


@pytest.mark.parametrize(
    "body",
    [
        "governors of Sonora, Sinaloa and Chihuahua met",  # a list, not a qualifier
        "killed in Cuernavaca, U.S. Ambassador Carlos Pascual said",  # the next clause
        "Mexico, Guatemala, Honduras",
    ],
)
def test_no_qualifier_in_lists_and_clauses(gaz, body):
    assert qualifier_after(body, body.index(","), gaz) is None


# ---------------------------------------------------------------------------------------------- articles


def test_contradiction_becomes_a_note():
    body = "Gunmen attacked a convoy in Culiacan, Sonora, last month, officials in Mexico said."
    spans = spans_of(body, "Culiacan", "Sonora", "Mexico")
    culiacan, sonora, mexico = resolve_spans(body, spans)
    assert (culiacan.name, culiacan.admin1, culiacan.country) == ("Culiacán", "Sinaloa", "MX")
    assert culiacan.notes == ("written with Sonora, but Culiacán is in Sinaloa (MX)",)
    assert (sonora.feature, sonora.country) == ("admin1", "MX")
    assert (mexico.feature, mexico.country) == ("country", "MX")
    assert sonora.notes == () and mexico.notes == ()


def test_no_note_when_the_qualifier_agrees():
    body = "Protesters marched in Culiacan, Sinaloa."
    (culiacan,) = resolve_spans(body, spans_of(body, "Culiacan"))
    assert culiacan.admin1 == "Sinaloa" and culiacan.notes == ()


def test_a_qualifier_inside_one_mention():
    body = "He lives in Bogota, N.J. now."
    (bogota,) = resolve_spans(body, [(12, 24, "Bogota, N.J.")])
    assert bogota.admin1 == "New Jersey"


def test_article_context_is_shared_but_one_name_gets_one_reading():
    body = (
        "Ontario officials said London police were called. In Toronto, Ontario, the premier spoke. "
        "London police later said the case was closed."
    )
    results = resolve_spans(body, spans_of(body, "Ontario", "London", "Toronto"))
    londons = [
        r
        for (_, _, text), r in zip(spans_of(body, "Ontario", "London", "Toronto"), results)
        if text == "London"
    ]
    assert len(londons) == 2 and all(r.country == "CA" and r.admin1 == "Ontario" for r in londons)


def test_context_countries_given_from_outside():
    body = "Troops arrived in Juarez."
    (plain,) = resolve_spans(body, spans_of(body, "Juarez"))
    (with_mx,) = resolve_spans(body, spans_of(body, "Juarez"), context_countries={"MX": 1})
    assert plain.country == with_mx.country == "MX"
    assert with_mx.score > plain.score


def test_one_result_per_span_and_none_for_unknowns():
    body = "From Xyzzyville to France."
    results = resolve_spans(body, spans_of(body, "Xyzzyville", "France"))
    assert results[0] is None and results[1].country == "FR"


def test_a_street_the_gazetteer_lacks_is_placed_at_the_nearest_town_named():
    body = (
        "Firefighters were called to a house on Maple Grove Avenue in Toledo, Ohio, late Friday. "
        "Two hours later a second fire broke out near Lincoln Elementary, across town. "
        "The mayor of Cleveland offered help."
    )
    avenue, toledo, ohio, school, cleveland = resolve_spans(
        body, spans_of(body, "Maple Grove Avenue", "Toledo", "Ohio", "Lincoln Elementary", "Cleveland")
    )
    assert toledo.feature == "city" and cleveland.feature == "city"
    assert (avenue.feature, avenue.name, avenue.geonames_id) == ("local", "Maple Grove Avenue", None)
    assert (avenue.lat, avenue.lon, avenue.country) == (toledo.lat, toledo.lon, "US")
    assert avenue.confidence < toledo.confidence and "Toledo" in avenue.notes[0]
    # the nearest town wins: the school sits between Toledo (before it) and Cleveland (after it)
    nearest = min((toledo, body.index("Toledo")), (cleveland, body.index("Cleveland")),
                  key=lambda t: abs(t[1] - body.index("Lincoln")))[0]  # fmt: skip
    assert (school.lat, school.lon) == (nearest.lat, nearest.lon)


def test_a_sea_an_island_group_or_a_region_is_never_placed_at_a_town():
    body = (
        "Officials in Toledo, Ohio, said the ship had crossed the Verran Strait and sailed past the Tolkes "
        "Islands before reaching the Ostmark Republic. A fire broke out on Maple Grove Avenue."
    )
    toledo, strait, islands, republic, avenue = resolve_spans(
        body, spans_of(body, "Toledo", "Verran Strait", "Tolkes Islands", "Ostmark Republic", "Maple Grove Avenue")
    )
    assert toledo is not None and toledo.feature == "city"
    assert strait is None and islands is None and republic is None
    assert avenue is not None and avenue.feature == "local"  # a street still is


def test_country_names_and_seas_in_their_usual_written_forms():
    body = "Aid reached the Democratic Republic of Congo by way of the Indian Ocean and the Mediterranean Sea."
    congo, ocean, sea = resolve_spans(body, spans_of(body, "Democratic Republic of Congo", "Indian Ocean", "Mediterranean Sea"))
    assert congo.country == "CD" and congo.feature == "country"
    assert ocean is not None and sea is not None and ocean.lat < 0 < sea.lat


def test_a_name_far_from_any_town_named_stays_unresolved():
    body = "Residents gathered on Maple Grove Avenue. " + "Nothing else happened. " * 200 + "In Toledo, calm."
    avenue, toledo = resolve_spans(body, spans_of(body, "Maple Grove Avenue", "Toledo"))
    assert toledo is not None and avenue is None


def test_a_town_in_the_articles_region_anchors_before_a_nearer_namesake_elsewhere():
    body = (
        "Storms hit Baton Rouge, Louisiana, on Monday. "
        + "Crews worked through the night to clear the roads. " * 12
        + "Residents of Maple Grove Avenue near Chartres were told to stay home."
    )
    baton_rouge, louisiana, avenue, chartres = resolve_spans(  # in body order
        body, spans_of(body, "Maple Grove Avenue", "Baton Rouge", "Louisiana", "Chartres")
    )
    assert louisiana.feature == "admin1" and baton_rouge.admin1 == "Louisiana"
    assert chartres.country == "FR"  # the nearer town, outside the article's region
    assert avenue.feature == "local" and (avenue.lat, avenue.lon) == (baton_rouge.lat, baton_rouge.lon)


# ------------------------------------------------------------------------------------------ regions, cities


def test_a_region_named_like_its_main_city_means_the_city():
    city = resolve_name("New York")
    assert (city.feature, city.name, city.admin1) == ("city", "New York City", "New York")
    assert "main city" in city.reason
    assert resolve_name("Sao Paulo").feature == "city"


def test_the_region_when_the_text_asks_for_it():
    assert resolve_name("New York state").feature == "admin1"
    assert resolve_name("Quebec").feature == "admin1"  # Quebec City is a small share of the province


def test_country_and_region_context_add_up_in_full(gaz):
    # an article naming the region (and its country) lifts a town over a namesake elsewhere in the same
    # country: the boosts of country, dominant country and region are not cut by the cap
    weights = gaz.lexicon["weights"]
    town = Entry(key="gn:2", name="X", feature="city", country="US", admin1_code="US.MO", population=9000)
    ctx = Context()
    ctx.countries["US"] += 3
    ctx.admin1["US.MO"] += 2
    score, _ = _score(Match(town, "name"), ctx, None, weights, None, 0.0)
    full = weights["context_country"] + weights["context_dominant"] + weights["context_admin1"]
    assert score == pytest.approx(prior(town, weights) + full)


def test_a_town_near_another_town_the_article_names_gets_a_boost(gaz):
    weights = gaz.lexicon["weights"]
    town = Entry(key="gn:3", name="X", feature="city", country="AU", lat=-27.67, lon=153.12, population=9000)
    near, far = Context(), Context()
    near.points[(-27.47, 153.03)] += 1  # about 25 km away
    far.points[(-33.87, 151.21)] += 1  # about 700 km away
    with_near, why = _score(Match(town, "name"), near, None, weights, None, 0.0)
    with_far, _ = _score(Match(town, "name"), far, None, weights, None, 0.0)
    assert with_near == pytest.approx(with_far + weights["nearby"])
    assert with_far == pytest.approx(prior(town, weights))
    assert "km from another place" in why[-1]


def test_a_small_town_abroad_is_taken_for_a_local_name_when_a_town_is_near():
    body = "Chicago police said the shooting happened at Grand and State in Chicago, Illinois, on Friday."
    spans = spans_of(body, "Chicago", "Grand", "Illinois")
    chicago, grand, _chicago, _illinois = resolve_spans(body, spans)
    assert (grand.feature, grand.country, grand.geonames_id) == ("local", "US", None)
    assert (grand.lat, grand.lon) == (chicago.lat, chicago.lon)
    assert grand.reason.startswith("a small town abroad")


def test_a_small_town_abroad_stays_when_nothing_is_near():
    body = "The delegation flew on to Grand, a village in the west of the country."
    (grand,) = resolve_spans(body, spans_of(body, "Grand"))
    assert grand.feature == "city"


def test_an_abbreviation_read_only_when_the_article_names_its_country():
    assert resolve_name("SA") is None
    body = "South Africa is bracing for a strike. Across SA, unions said the stoppage would spread."
    _, sa = resolve_spans(body, spans_of(body, "South Africa", r"SA"))
    assert (sa.feature, sa.country) == ("country", "ZA")
    assert resolve_name("SA", context_countries=["Australia"]).admin1 == "South Australia"


def test_a_qualifier_before_a_dash(gaz):
    body = "HOLLIDAY, Mo. — A man was hurt."
    assert qualifier_after(body, body.index(","), gaz).text == "Mo."


def test_a_town_the_gazetteer_lacks_in_the_region_written_beside_it_is_placed_at_the_region():
    body = "A man from Xyzzyville, Missouri, was hurt on the highway."
    (town,) = resolve_spans(body, spans_of(body, "Xyzzyville"))
    assert (town.feature, town.admin1, town.geonames_id) == ("local", "Missouri", None)
    assert town.notes == ("approximate: placed at Missouri, written beside it",)


def test_a_small_namesake_elsewhere_gives_way_to_the_region_written_beside_it(gaz):
    # the gazetteer's only Holliday is a small town in Texas: "Holliday, Mo." is placed in Missouri
    assert {m.entry.admin1 for m in gaz.candidates("Holliday") if m.entry.feature == "city"} == {"Texas"}
    body = "HOLLIDAY, Mo. — A man was hurt when his car overturned."
    (town,) = resolve_spans(body, spans_of(body, "HOLLIDAY"))
    assert (town.feature, town.admin1) == ("local", "Missouri")
    # ... at a town the article names in that region when one is near
    body = "HOLLIDAY, Mo. — A man was hurt when his car overturned near Columbia, Missouri."
    town, _columbia, _missouri = resolve_spans(body, spans_of(body, "HOLLIDAY", "Columbia", "Missouri"))
    assert (town.feature, town.admin1) == ("local", "Missouri") and "Columbia" in town.reason


def test_a_name_written_once_with_its_region_keeps_that_reading():
    body = "A man from Paris, Missouri, was hurt. His brother, also of Paris, was not."
    first, second = resolve_spans(body, spans_of(body, "Paris"))
    assert first.admin1 == second.admin1 == "Missouri"
    assert "as written with its region elsewhere" in second.reason
    # a bare name of another kind stays: the state beside the city written "Washington, D.C."
    body = "The team is based in Washington. It flew to Washington, D.C., and on to Seattle, Washington."
    results = resolve_spans(body, spans_of(body, "Washington", "Seattle"))
    assert [r.feature for r in results] == ["admin1", "city", "city", "admin1"]


def test_a_one_word_name_the_gazetteer_lacks_is_placed_only_when_known_to_be_a_place():
    body = "The fire spread from Xyzzyton to the edge of Toledo, Ohio, on Friday."
    spans = spans_of(body, "Xyzzyton", "Toledo")
    known, toledo = resolve_spans(body, spans, known_places=True)
    assert (known.feature, known.lat, known.lon) == ("local", toledo.lat, toledo.lon)
    guessed, _ = resolve_spans(body, spans)  # by default a tagger's guess: maybe a person
    assert guessed is None


def test_a_word_that_is_never_a_place_is_not_placed_approximately():
    body = "Leaders in the West met in Toledo, Ohio, on Friday."
    west, toledo = resolve_spans(body, spans_of(body, "West", "Toledo"))
    assert west is None and toledo.feature == "city"


def test_the_nearest_point_within_reach():
    from newsprism.geo.resolve import Context, distance_km

    ctx = Context()
    ctx.points[(45.0, 10.0)] += 1  # about 78 km east of the point below
    ctx.points[(46.0, 9.0)] += 1  # about 111 km north
    ctx.points[(-30.0, 9.0)] += 1
    near = ctx.nearest_within(45.0, 9.0, 100)
    assert near == pytest.approx(distance_km(45.0, 9.0, 45.0, 10.0)) == ctx.nearest_km(45.0, 9.0)
    assert ctx.nearest_within(45.0, 9.0, 50) is None
    assert ctx.nearest_within(46.0, 9.0, 0.5) == 0.0
    assert Context().nearest_within(0.0, 0.0, 100) is None


@pytest.mark.parametrize(
    "name", ["Paris", "Culiacan", "Bank of Japan", "New York", "Xyzzyville", "SA", "Sinaloa state"]
)
def test_the_first_reading_is_what_choose_gives(gaz, name):
    from newsprism.geo.resolve import _first_reading, choose

    full = choose(name, gaz)
    light = _first_reading(name, gaz, None, None)
    assert (light is None) == (full is None)
    if full is not None:
        assert (light[0].key, light[1]) == (full.entry.key, full.confidence)


def test_an_acronym_inside_a_sentence_is_no_town_of_that_name():
    body = "Ukraine's bid to get into NATO stalled, officials in LA and NYC said."
    nato, la, nyc = resolve_spans(body, spans_of(body, "NATO", "LA", "NYC"))
    assert nato is None  # not Nato, a town in the Philippines
    assert (la.name, nyc.name) == ("Los Angeles", "New York City")  # alternate names still match


def test_a_dateline_in_capitals_is_still_a_place():
    body = "By Jill Colvin, Associated Press WASHINGTON (AP) — China vowed to fight. NAIROBI, Kenya (AP) — Later."
    washington, nairobi = resolve_spans(body, spans_of(body, "WASHINGTON", "NAIROBI"))
    assert (washington.name, round(washington.lat)) == ("Washington", 39)
    assert nairobi.name == "Nairobi"
