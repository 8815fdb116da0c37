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
        assert p.stage == "places@3" and p.document == "d1" and p.reason and 0 < p.confidence <= 1
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
