"""The seeds end to end: who is involved, resolved across the five articles and their spellings.

The variants were read off the articles by a person (a surname alone, accents dropped, a misspelt
surname, a nickname, an acronym, a country name used as a modifier); the distinct people who share a
surname or a given name must stay apart. Nothing in the lexicons names them."""

from __future__ import annotations

import io
import json
from collections import defaultdict
from pathlib import Path

import pytest

import newsprism

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seeds"

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/corpus/seeds is not beside the repository"),
]


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    with newsprism.open(tmp_path_factory.mktemp("seeds") / "seeds.db") as corpus:
        report = corpus.ingest([str(SEEDS)])
        assert not report.analysis.failed, report.analysis.failed
        entities = {e.id: e for e in corpus.entities()}
        by_text = defaultdict(set)  # mention text as written -> entity ids
        for row in _mentions(corpus):
            by_text[row["text"]].add(row["entity"])
        yield corpus, entities, by_text


def _mentions(corpus):
    """The mentions as a user exports them (each with its entity id)."""
    buffer = io.StringIO()
    corpus.export("mentions", "jsonl", buffer)
    return [json.loads(line) for line in buffer.getvalue().splitlines()]


def _one(by_text, *texts):
    """The single entity all these written forms resolve to."""
    ids = set().union(*(by_text[t] for t in texts))
    missing = [t for t in texts if not by_text[t]]
    assert not missing, f"no mention written {missing}"
    assert len(ids) == 1, f"{texts} resolve to {len(ids)} entities"
    return ids.pop()


def test_spellings_short_forms_and_acronyms_of_one_person_are_one_entity(seeds):
    _, entities, by_text = seeds
    amlo = _one(by_text, "Andrés Manuel López Obrador", "Andres Manuel Lopez Obrador", "AMLO")
    assert entities[amlo].type == "person" and entities[amlo].name == "Andrés Manuel López Obrador"
    beltran = _one(by_text, "Arturo Beltran Lleyva", "Beltran Leyva")  # misspelt once, in one article
    assert entities[beltran].type == "person"
    guzman = _one(by_text, "Joaquín \"El Chapo\" Guzmán", "Joaquin “El Chapo” Guzman", "El Chapo")
    assert entities[guzman].type == "person" and "El Chapo" in entities[guzman].aliases
    clinton = _one(by_text, "Hillary Rodham Clinton", "Hillary Clinton", "Clinton")
    assert set(entities[clinton].outlets) == {"NPR", "World Socialist Web Site"}
    napolitano = _one(by_text, "Janet Napolitano", "Napolitano")  # the model labels the surname ORG
    assert entities[napolitano].type == "person"
    trump = _one(by_text, "Trump", "Donald Trump")
    assert {"Sputnik", "World Socialist Web Site"} <= set(entities[trump].outlets)


def test_people_sharing_a_surname_or_a_given_name_stay_apart(seeds):
    _, entities, by_text = seeds
    assert _one(by_text, "Ovidio Guzman") != _one(by_text, "El Chapo")
    assert _one(by_text, "Carlos Pascual") != _one(by_text, "Carlos Gaytán Ochoa", "Gaytán")
    assert _one(by_text, "Robert Gates") != _one(by_text, "Robert Siegel")


def test_organisations_and_places_across_outlets(seeds):
    _, entities, by_text = seeds
    merida = _one(by_text, "Merida Initiative")
    assert entities[merida].type == "org" and len(entities[merida].outlets) == 2
    wikileaks = _one(by_text, "WikiLeaks", "Wikileaks")  # left untyped by one article's vote
    assert entities[wikileaks].type == "org"
    # "Mexico" is the place, or the nationality where the name is a modifier ("the Mexico policy")
    places = [e for e in by_text["Mexico"] if entities[e].type == "place"]
    assert len(places) == 1 and entities[places[0]].country == "MX"
    assert len(entities[places[0]].outlets) == 4
    assert by_text["Mexico"] - set(places) <= by_text["Mexican"]
    us = _one(by_text, "United States")
    assert entities[us].country == "US" and us in by_text["U.S."] and us in by_text["US"]
    culiacan = _one(by_text, "Culiacan")  # the model labels it NORP
    assert entities[culiacan].type == "place" and entities[culiacan].admin1 == "Sinaloa"


def test_nationalities_are_one_group_each_with_their_country(seeds):
    _, entities, by_text = seeds
    mexican = _one(by_text, "Mexican", "Mexicans")
    assert entities[mexican].type == "group" and entities[mexican].country == "MX"
    american = _one(by_text, "American")
    assert entities[american].country == "US"
    # "US troops": the country name as a modifier is the same group as "American troops"
    assert american in by_text["US"]
    assert not any(entities[e].type == "group" and entities[e].name == "US" for e in entities)
