"""Stage ``places``: hand-made mentions in, Place records out; and the seeds, end to end with spaCy."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.geo.mentions import place_mentions_from_doc
from newsprism.records import Article, Mention, Place
from newsprism.stages import places
from newsprism.stages.registry import StageContext, stage

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"

BODY = (
    "Soldiers patrolled Culiacan, Sonora, last month. Mexican officials flew from Mexico City to Juarez, "
    "then to Xyzzyville. Washington said nothing."
)


def mention(i: int, text: str, type_: str = "place", **kw) -> Mention:
    start = kw.pop("start", BODY.index(text))
    return Mention(
        document="d1",
        id=f"m{i}",
        start=start,
        end=start + len(text),
        text=text,
        type=type_,
        name=kw.pop("name", text),
        **kw,
    )


def run(mentions: list[Mention], body: str = BODY) -> list[Place]:
    article = Article(id="d1", source="test", reader="text", body=body)
    return places.run(article, None, StageContext(results={"entities": mentions}))


def test_places_from_hand_made_mentions():
    mentions = [
        mention(1, "Culiacan"),
        mention(2, "Sonora", label="ORG"),
        mention(3, "Mexican", "group"),
        mention(4, "Mexico City"),
        mention(5, "Juarez"),
        mention(6, "Xyzzyville"),
        mention(7, "Washington", metonymy=True),
    ]
    out = run(mentions)
    by_mention = {p.mention: p for p in out}
    assert set(by_mention) == {"m1", "m2", "m3", "m4", "m5", "m7"}  # no Place for the unknown name
    for p in out:
        assert BODY[p.start : p.end] == p.text
        assert p.stage == "places@6" and p.document == "d1" and p.reason and 0 < p.confidence <= 1
    culiacan = by_mention["m1"]
    assert (culiacan.name, culiacan.country, culiacan.admin1, culiacan.feature) == (
        "Culiacán",
        "MX",
        "Sinaloa",
        "city",
    )
    assert culiacan.geonames_id == 4012176 and culiacan.lat and culiacan.lon
    assert culiacan.notes == ("written with Sonora, but Culiacán is in Sinaloa (MX)",)
    assert (by_mention["m2"].feature, by_mention["m2"].admin1) == ("admin1", "Sonora")
    assert by_mention["m4"].admin1 == "Ciudad de México"
    assert (by_mention["m5"].name, by_mention["m5"].admin1) == ("Ciudad Juárez", "Chihuahua")
    assert by_mention["m7"].admin1 == "District of Columbia"
    mexican = by_mention["m3"]  # a nationality adjective stands for its country, with less confidence
    assert (mexican.text, mexican.feature, mexican.country) == ("Mexican", "country", "MX")
    assert mexican.reason.startswith("nationality adjective") and mexican.confidence <= 0.5


def test_mentions_in_comments_and_other_types_are_skipped():
    out = run([mention(1, "Culiacan", in_comment=True), mention(2, "Mexico City", "org")])
    assert out == []


def test_mentions_whose_span_does_not_match_the_body_are_skipped():
    bad = Mention(document="d1", id="m1", start=0, end=8, text="Culiacan", type="place", name="Culiacan")
    assert run([bad]) == []


def test_the_fuller_name_is_looked_up_first():
    out = run([mention(1, "Juarez", name="Ciudad Juarez")])
    assert out[0].name == "Ciudad Juárez" and out[0].text == "Juarez"


def test_a_place_the_gazetteer_lacks_is_placed_at_the_town_beside_it():
    body = "Police closed Calle Benito Juarez Norte in Culiacan on Sunday after a shooting."
    m_street = Mention(document="d1", id="m1", start=14, end=39, text="Calle Benito Juarez Norte", type="place",
                       name="Calle Benito Juarez Norte")
    m_town = Mention(document="d1", id="m2", start=43, end=51, text="Culiacan", type="place", name="Culiacan")
    assert body[m_street.start : m_street.end] == m_street.text and body[m_town.start : m_town.end] == m_town.text
    street, town = run([m_street, m_town], body)
    assert (town.name, town.feature) == ("Culiacán", "city")
    assert (street.feature, street.name, street.geonames_id) == ("local", "Calle Benito Juarez Norte", None)
    assert (street.lat, street.lon, street.admin1) == (town.lat, town.lon, "Sinaloa")
    assert street.confidence < town.confidence and street.notes == ("approximate: placed at Culiacán, Sinaloa",)


def test_confidence_includes_the_mention_confidence():
    full = run([mention(1, "Culiacan")])[0].confidence
    half = run([mention(1, "Culiacan", confidence=0.5)])[0].confidence
    assert half == pytest.approx(full * 0.5, abs=0.002)


def test_nothing_in_nothing_out():
    assert run([]) == []
    article = Article(id="d1", source="test", reader="text", body=BODY)
    assert places.run(article, None, StageContext()) == []


def test_registered_stage_runs_this_module():
    s = stage("places")
    assert s.runner() is places.run and s.after == ("entities",) and not s.needs_nlp


def test_place_mentions_from_a_hand_built_doc():
    from spacy.tokens import Doc, Span
    from spacy.vocab import Vocab

    words = [
        "Raids",
        "in",
        "Culiacan",
        ",",
        "Sonora",
        "and",
        "Paris",
        "angered",
        "Mexican",
        "officials",
        "and",
        "Jordan",
        "Smith",
        ".",
    ]
    spaces = [True, True, False, True, True, True, True, True, True, True, True, True, False, False]
    doc = Doc(Vocab(), words=words, spaces=spaces)
    doc.ents = [
        Span(doc, 2, 3, label="NORP"),  # the small model's label for "Culiacan"
        Span(doc, 4, 5, label="ORG"),  # ... and for "Sonora"
        Span(doc, 6, 7, label="GPE"),
        Span(doc, 8, 9, label="NORP"),
        Span(doc, 11, 13, label="PERSON"),
    ]
    found = place_mentions_from_doc(doc, "d1")
    assert [(m.id, m.text, m.type, m.label) for m in found] == [
        ("m1", "Culiacan", "place", "NORP"),
        ("m2", "Sonora", "place", "ORG"),
        ("m3", "Paris", "place", "GPE"),
        ("m4", "Mexican", "group", "NORP"),
    ]
    assert all(doc.text[m.start : m.end] == m.text for m in found)


def test_organisations_become_org_mentions_and_places_in_their_names_place_mentions():
    from spacy.tokens import Doc, Span
    from spacy.vocab import Vocab

    words = ["The", "Toronto", "Police", "Service", "said", "so", "."]
    doc = Doc(Vocab(), words=words, spaces=[True, True, True, True, True, False, False])
    doc.ents = [Span(doc, 1, 4, label="ORG")]
    toronto, org = place_mentions_from_doc(doc, "d1")  # body order: the shorter span first
    assert (org.text, org.type, org.label) == ("Toronto Police Service", "org", "ORG")
    # the place written in the organisation's name is a place mention of its own
    assert (toronto.text, toronto.type, toronto.start) == ("Toronto", "place", org.start)
    assert "written in the name" in toronto.reason
    (place,) = run([toronto], doc.text)
    assert (place.text, place.country) == ("Toronto", "CA")


@pytest.mark.shared
@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/corpus/seeds is absent")
def test_seeds_end_to_end(tmp_path):
    import newsprism
    from newsprism.nlp import parse_one

    with newsprism.open(tmp_path / "t.db", analyse=False) as corpus:
        corpus.ingest(str(SEEDS))
        articles = list(corpus.documents())
    assert len(articles) == 5
    found: list[Place] = []
    for article in articles:
        mentions = place_mentions_from_doc(parse_one(article.body), article.id)
        out = places.run(article, None, StageContext(results={"entities": mentions}))
        for p in out:
            assert article.body[p.start : p.end] == p.text
        found.extend(out)
    by_text: dict[str, set] = {}
    for p in found:
        by_text.setdefault(p.text, set()).add((p.name, p.country, p.admin1, p.feature))
    assert by_text["Mexico"] == {("Mexico", "MX", None, "country")}
    assert by_text["Culiacan"] == {("Culiacán", "MX", "Sinaloa", "city")}
    assert by_text["Sonora"] == {("Sonora", "MX", "Sonora", "admin1")}
    assert by_text["Mexico City"] == {("Mexico City", "MX", "Ciudad de México", "city")}
    assert by_text["Cuernavaca"] == {("Cuernavaca", "MX", "Morelos", "city")}
    assert {c for _, c, _, _ in by_text["Chihuahua"]} == {"MX"}
    assert by_text["Bogotá"] == {("Bogotá", "CO", "Distrito Capital de Bogotá", "city")}
    notes = [n for p in found for n in p.notes if not n.startswith("approximate")]
    assert notes == ["written with Sonora, but Culiacán is in Sinaloa (MX)"]


def test_a_surname_of_someone_named_in_full_is_no_place():
    from spacy.tokens import Doc, Span
    from spacy.vocab import Vocab

    words = ["Mike", "Paterson", "spoke", ".", "Paterson", "said", "Paterson", "was", "quiet", "."]
    doc = Doc(Vocab(), words=words, spaces=[True, False, True, True, True, True, True, True, False, False])
    doc.ents = [
        Span(doc, 0, 2, label="PERSON"),
        Span(doc, 4, 5, label="PERSON"),
        Span(doc, 6, 7, label="GPE"),
    ]
    found = place_mentions_from_doc(doc, "d1")
    # the lone "Paterson" labelled a person is the surname; the one labelled a place stays a place
    assert [(m.text, m.label, m.start) for m in found] == [("Paterson", "GPE", doc[6].idx)]


def test_a_one_word_mention_the_gazetteer_lacks_gets_no_place():
    body = "The fire spread from Xyzzyton to the edge of Culiacan on Friday."
    unknown = Mention(
        document="d1", id="m1", start=21, end=29, text="Xyzzyton", type="place", name="Xyzzyton"
    )
    town = Mention(document="d1", id="m2", start=45, end=53, text="Culiacan", type="place", name="Culiacan")
    assert [p.mention for p in run([unknown, town], body)] == ["m2"]


# --------------------------------------------------------------------------- places the entities stage names otherwise


def _at(body: str, i: int, text: str, type_: str, **kw) -> Mention:
    start = body.index(text)
    return Mention(document="d1", id=f"m{i}", start=start, end=start + len(text), text=text, type=type_,
                   name=kw.pop("name", text), **kw)  # fmt: skip


def test_a_place_written_in_an_organisations_name_is_a_place_of_its_own():
    body = "Officers of the Toronto Police Service searched a flat on Tuesday."
    org = _at(body, 1, "Toronto Police Service", "org", label="ORG")
    (place,) = run([org], body)
    assert (place.text, place.start, place.end) == ("Toronto", org.start, org.start + len("Toronto"))
    assert (place.country, place.feature) == ("CA", "city") and body[place.start : place.end] == place.text
    # the Place names no mention: linking never gives the organisation's entity Toronto's point
    assert place.mention is None
    assert place.reason.startswith("written in the name 'Toronto Police Service'")


def test_an_organisation_named_like_a_place_or_holding_none_gets_no_place():
    body = "Analysts at Quantum Holdings and at Mexico praised the deal."
    out = run([_at(body, 1, "Quantum Holdings", "org", label="ORG"), _at(body, 2, "Mexico", "org", label="ORG")], body)
    assert out == []


def test_a_place_inside_an_org_the_entities_stage_already_found_is_not_doubled():
    body = "The Toronto Police Service said so."
    org = _at(body, 1, "Toronto Police Service", "org", label="ORG")
    toronto = Mention(document="d1", id="m2", start=org.start, end=org.start + 7, text="Toronto", type="place",
                      name="Toronto")  # fmt: skip
    out = run([org, toronto], body)
    assert [(p.mention, p.text) for p in out] == [("m2", "Toronto")]


def test_an_org_labelled_name_the_entities_stage_took_for_a_person_may_hold_a_place():
    body = "A spokesman for Air Zimbabwe Holdings declined to comment."
    name = _at(body, 1, "Air Zimbabwe Holdings", "person", label="ORG")
    (place,) = run([name], body)
    assert (place.text, place.country, place.mention) == ("Zimbabwe", "ZW", None)
    assert run([_at(body, 1, "Air Zimbabwe Holdings", "person", label="PERSON")], body) == []


def test_a_capital_standing_for_its_government_is_placed_without_moving_the_org():
    body = "Moscow said on Monday that the talks would go on."
    org = _at(body, 1, "Moscow", "org", label="GPE", metonymy=True)
    (place,) = run([org], body)
    assert (place.text, place.name, place.country, place.mention) == ("Moscow", "Moscow", "RU", None)
    assert place.reason.startswith("standing for its government")
    # an organisation that is no metonymy is not placed as a whole
    assert run([_at(body, 1, "Moscow", "org", label="GPE")], body) == []


def test_a_country_name_used_as_a_modifier_stands_for_its_country():
    body = "US troops left the base near Kandahar at dawn."
    group = _at(body, 1, "US", "group", label="GPE", name="American")
    out = run([group, _at(body, 2, "Kandahar", "place", label="GPE")], body)
    us = next(p for p in out if p.text == "US")
    # as a nationality adjective does, the group's mention carries its country
    assert (us.feature, us.country, us.mention) == ("country", "US", "m1")
    assert us.reason.startswith("a place's name used as a modifier")
    # a group that is no place's name gets none
    assert run([_at("Pro-Xyzzy activists marched.", 1, "Pro-Xyzzy", "group")], "Pro-Xyzzy activists marched.") == []


@pytest.mark.parametrize(
    ("body", "text", "region"),
    [
        ("Floods hit Frankfort, Ky. on Sunday.", "Ky", "Kentucky"),
        ("The plant in Joplin, Mo. closed.", "Mo", "Missouri"),  # "Mo" alone is also a town
        ("She lives near Portland, Ore.", "Ore", "Oregon"),
    ],
)
def test_a_region_abbreviation_is_read_with_its_full_stop(body, text, region):
    m = _at(body, 1, text, "place", label="GPE")
    (place,) = [p for p in run([m], body) if p.mention == "m1"]
    assert (place.feature, place.name, place.text) == ("admin1", region, text)


def test_linking_gives_no_entity_the_point_of_a_place_without_its_mention():
    from newsprism.link.apply import _with_places
    from newsprism.records import Entity

    body = "Officers of the Toronto Police Service met Moscow officials. Toronto is cold."
    org = _at(body, 1, "Toronto Police Service", "org", label="ORG")
    city = Mention(document="d1", id="m2", start=body.rindex("Toronto"), end=body.rindex("Toronto") + 7,
                   text="Toronto", type="place", name="Toronto")  # fmt: skip
    out = run([org, city], body)
    assert sorted((p.mention or "", p.start) for p in out) == [("", org.start), ("m2", city.start)]

    class Store:
        def stage_records(self, stage):
            assert stage == "places"
            yield "d1", [p.as_dict() for p in out]

    entities = [Entity(id="e-org", name="Toronto Police Service", type="org"),
                Entity(id="e-city", name="Toronto", type="place")]  # fmt: skip
    linked = {e.id: e for e in _with_places(Store(), entities, {("d1", "m1"): "e-org", ("d1", "m2"): "e-city"})}
    assert linked["e-org"].lat is None and linked["e-org"].geonames_id is None
    assert linked["e-city"].country == "CA" and linked["e-city"].lat is not None


def test_a_seat_standing_for_its_government_is_no_place_but_a_capital_that_is_one_is():
    body = "The Kremlin said nothing, and Brussels said little."
    kremlin = _at(body, 1, "Kremlin", "org", label="ORG", metonymy=True)
    brussels = _at(body, 2, "Brussels", "org", label="GPE", metonymy=True)  # a seat that is also a city
    assert [(p.text, p.country, p.mention) for p in run([kremlin, brussels], body)] == [("Brussels", "BE", None)]


def test_no_country_is_taken_from_an_embassys_name():
    body = "Staff of the British Embassy Tokyo and of the Chilean Embassy left early."
    out = run([_at(body, 1, "British Embassy Tokyo", "org", label="ORG"),
               _at(body, 2, "Chilean Embassy", "org", label="ORG")], body)  # fmt: skip
    assert [(p.text, p.country) for p in out] == [("Tokyo", "JP")]


def test_an_acronym_is_looked_up_by_the_fuller_name_only_when_it_spells_it():
    body = "Flooding in NJ closed roads; AP reported it first."
    nj = _at(body, 1, "NJ", "place", label="GPE", name="New Jersey")
    ap = _at(body, 2, "AP", "place", label="ORG", name="Los Angeles")  # a name given by mistake
    out = {p.text: p for p in run([nj, ap], body)}
    assert out["NJ"].name == "New Jersey" and "AP" not in out
