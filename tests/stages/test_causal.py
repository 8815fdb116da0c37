"""Stage ``causal``: cause, effect and signal read off the parse, on hand-written sentences and the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism import nlp
from newsprism.records import Article, Quote, Span
from newsprism.stages import causal
from newsprism.stages.causal import candidates, run
from newsprism.stages.causal.lexicon import build, get
from newsprism.stages.registry import StageContext

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"


def claims(text: str, quotes: list[Quote] | None = None):
    article = Article(id="t", source="test", reader="text", body=text)
    out = run(article, nlp.parse_one(text), StageContext(results={"quotes": quotes or []}))
    for c in out:  # every span slices the body exactly
        for s in (c, c.cause, c.effect, c.signal):
            assert text[s.start : s.end] == s.text
    return out


def one(text: str):
    found = claims(text)
    assert len(found) == 1, [(c.signal.text, c.cause.text, c.effect.text) for c in found]
    c = found[0]
    return c.signal.text, c.cause.text, c.effect.text, c.polarity


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Militarisation fuels the killings of journalists.",
         ("fuels", "Militarisation", "the killings of journalists", "cause")),
        ("The fire was caused by a faulty cable.", ("caused", "a faulty cable", "The fire", "cause")),
        ("The protests led to the resignation of the minister.",
         ("led to", "The protests", "the resignation of the minister", "cause")),
        ("The flooding resulted from heavy rain.", ("resulted from", "heavy rain", "The flooding", "cause")),
        ("The match was delayed because of the rain.",
         ("because of", "the rain", "The match was delayed", "cause")),
        ("Because of the rain, the match was delayed.",
         ("Because of", "the rain", "the match was delayed", "cause")),
        ("The strike was called off because the company met their demands.",
         ("because", "the company met their demands", "The strike was called off", "cause")),
        ("He left early in order to catch the train.",
         ("in order to", "in order to catch the train", "He left early", "cause")),
        ("The new law will prevent companies from dumping waste.",
         ("prevent", "The new law", "companies from dumping waste", "prevent")),
        ("Hundreds blocked the highway demanding the arrest of the culprits.",
         ("demanding", "demanding the arrest of the culprits", "Hundreds blocked the highway", "cause")),
        ("Thousands took to the streets in protest against the new tax.",
         ("in protest against", "in protest against the new tax", "Thousands took to the streets", "cause")),
    ],
)  # fmt: skip
def test_each_form_finds_cause_effect_and_signal(text, expected):
    assert one(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Residents gathered outside the town hall to protest the closure of the clinic.",
         ("to", "to protest the closure of the clinic", "Residents gathered outside the town hall")),
        ("The storm brought down power lines across the county, leaving thousands without electricity.",
         ("leaving", "The storm brought down power lines across the county", "leaving thousands without electricity")),
        ("The minister resigned on Friday, fuelling speculation about an early election.",
         ("fuelling", "The minister resigned on Friday", "fuelling speculation about an early election")),
        ("The layoffs fuelled anger among the workers.", ("fuelled", "The layoffs", "anger among the workers")),
    ],
)  # fmt: skip
def test_purpose_and_participle_signals_belong_to_their_argument(text, expected):
    # as the Causal News Corpus marks them: the purpose (cause) and the result participle (effect) start
    # with their signal words; a finite verb stays outside both spans
    doc = nlp.parse_one(text)
    found = [tuple(doc[a:b].text for a, b in (f.signal, f.cause, f.effect))
             for _, f in candidates(doc) if f.cause and f.effect]  # fmt: skip
    assert expected in found, found


def _found(text: str) -> list[tuple[str, str, str]]:
    doc = nlp.parse_one(text)
    return [tuple(doc[a:b].text for a, b in (f.signal, f.cause, f.effect))
            for _, f in candidates(doc) if f.cause and f.effect]  # fmt: skip


def test_a_verb_signal_takes_its_perfect_auxiliary():
    found = _found("The ruling had triggered angry protests in the capital.")
    assert ("had triggered", "The ruling", "angry protests") in found, found


def test_a_purpose_after_an_object_is_the_purpose_of_the_whole_clause():
    found = _found("The government launched a campaign to reduce road deaths.")
    assert ("to", "to reduce road deaths", "The government launched a campaign") in found, found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Workers staged a protest outside the factory demanding higher wages.",
         ("demanding", "demanding higher wages", "Workers staged a protest outside the factory")),
        ("The villagers hoisted black flags on their houses to protest the eviction.",
         ("to", "to protest the eviction", "The villagers hoisted black flags on their houses")),
    ],
)  # fmt: skip
def test_a_motive_or_purpose_on_an_object_is_the_whole_clauses(text, expected):
    found = _found(text)
    assert expected in found, found


def test_be_to_is_a_plan_not_a_purpose():
    found = _found("The delegation is to visit the flooded villages on Friday.")
    assert not any(sig == "to" for sig, _, _ in found), found


def test_quote_marks_around_or_inside_a_span_stay_balanced():
    found = _found('Police charged the organisers with "rioting" after the march.')
    assert ("with", '"rioting"', "Police charged the organisers") in found, found


def test_an_effect_clause_starts_at_its_subject():
    found = _found("On Monday, residents gathered outside the police station to demand the release of the men.")
    assert ("to", "to demand the release of the men", "residents gathered outside the police station") in found, found


def test_to_after_a_control_verb_is_not_a_purpose():
    found = _found("The union threatened to strike over the pay offer.")
    assert not any(sig == "to" for sig, _, _ in found), found


def test_a_passive_control_verb_takes_no_purpose_but_passive_used_does():
    assert not any(sig == "to" for sig, _, _ in _found("The villagers were forced to flee their homes."))
    found = _found("Tear gas was used to disperse the crowd.")
    assert ("to", "to disperse the crowd", "Tear gas was used") in found, found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The unions decided to call off the strike as talks with the management made progress.",
         ("as", "talks with the management made progress", "The unions decided to call off the strike")),
        ("The residents tried to block the road to stop the trucks.",
         ("to", "to stop the trucks", "The residents tried to block the road")),
    ],
)  # fmt: skip
def test_a_cue_on_a_to_complement_has_the_governing_clause_as_effect(text, expected):
    found = _found(text)
    assert expected in found, found


def test_a_connective_on_an_object_noun_has_the_verbs_clause_as_effect():
    found = _found("A militant group claimed responsibility for the bombing.")
    assert ("for", "the bombing", "A militant group claimed responsibility") in found, found


def test_a_grievance_against_is_part_of_the_cause():
    found = _found("Hundreds of farmers marched in the capital against the new land law.")
    assert ("against", "against the new land law", "Hundreds of farmers marched in the capital") in found, found


def test_a_protest_against_something_is_a_claim_but_a_fight_or_charges_against_it_are_not():
    kept = [(c.signal.text, c.cause.text) for c in claims("Students protested against the fee hike on Monday.")]
    assert ("against", "against the fee hike") in kept, kept
    for text in ("Police filed charges against the driver.", "The war against drugs has cost billions.",
                 "The team won the battle against relegation."):  # fmt: skip
        assert not [c for c in claims(text) if c.signal.text == "against"], text


def test_a_result_or_motive_participle_is_a_claim():
    text = "A bomb exploded in the crowded market, leaving five people dead. Farmers blocked the road seeking a loan waiver."
    kept = {c.signal.text for c in claims(text)}
    assert {"leaving", "seeking"} <= kept, kept


def test_over_counts_when_the_verbs_subject_or_object_is_a_grievance_word():
    kept = [(c.signal.text, c.cause.text) for c in claims("Protesters blocked the main highway over the death of a boy.")]
    assert ("over", "the death of a boy") in kept, kept
    assert not claims("The children jumped over the fence.")


def test_left_counts_only_when_it_leaves_its_object_in_a_harmed_state():
    assert one("The earthquake left hundreds of families homeless.")[:3] == (
        "left", "The earthquake", "hundreds of families homeless")
    assert not claims("The minister left the meeting early.")
    assert not claims("She left her keys on the kitchen table.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Five youths detained by police for rioting were released on bail.",
         ("for", "rioting", "Five youths detained by police")),
        ("The former mayor was arrested in 2019 and convicted for fraud.",
         ("for", "fraud", "The former mayor was arrested in 2019 and convicted")),
    ],
)  # fmt: skip
def test_a_connective_on_a_participle_or_second_verb_takes_its_head_into_the_effect(text, expected):
    found = _found(text)
    assert expected in found, found


def test_a_clause_starts_after_the_headline_and_dateline_colon():
    # a dateline parsed into the subject: "MADURAI : A constable was injured"
    from spacy.tokens import Doc

    from newsprism.stages.causal import spans

    words = ["MADURAI", ":", "A", "constable", "was", "injured", "."]
    heads = [3, 3, 3, 5, 5, 5, 5]
    deps = ["compound", "punct", "det", "nsubjpass", "auxpass", "ROOT", "punct"]
    doc = Doc(nlp.load().vocab, words=words, heads=heads, deps=deps)
    found = spans.main_clause(doc[5])
    assert doc[found[0] : found[1]].text == "A constable was injured"


def test_a_relative_clause_subject_is_the_noun_it_modifies():
    found = claims("Mexico is moving away from the drug war model that has only fueled murders like these.")
    assert [(c.signal.text, c.cause.text, c.effect.text) for c in found] == [
        ("fueled", "the drug war model", "murders like these")
    ]


def test_as_a_result_takes_the_cause_from_the_sentence_before():
    text = "The army stayed in the streets. As a result, the killings continued."
    c = next(c for c in claims(text) if c.signal.text == "As a result")
    assert c.cause.text == "The army stayed in the streets"
    assert c.effect.text == "the killings continued"
    assert c.start == 0 and c.text == text


def test_of_a_report_before_only_what_is_reported_causes():
    text = ("A rights group told reporters on Monday that the army had stayed in the streets. "
            "As a result, the killings continued.")
    c = next(c for c in claims(text) if c.signal.text == "As a result")
    assert c.cause.text == "the army had stayed in the streets"


@pytest.mark.parametrize(
    "text",
    [
        "After the meeting, he went home.",  # temporal "after": found but too weak to claim
        "They fought for the cause of justice.",  # "cause" as a noun
        "The fuel truck stopped at the border.",  # no object: nothing is stopped
        "He said he wanted to leave the city.",  # "to" completing "wanted", not a purpose
        "As you know, the meeting starts at noon.",
        "Police said a so-called militia attacked the village.",
    ],
)
def test_negatives_give_no_claim(text):
    assert claims(text) == []


def test_the_claim_of_a_quote_is_linked_to_it():
    text = 'The minister said: "The drought caused the food shortage."'
    start = text.index("The drought")
    q = Quote(document="t", id="q1", start=start, end=len(text) - 1, text=text[start:-1], kind="direct",
              cue=Span(13, 17, "said"))  # fmt: skip
    (c,) = claims(text, [q])
    assert c.quote == "q1" and c.cause.text == "The drought" and c.effect.text == "the food shortage"
    (bare,) = claims(text)
    assert bare.quote is None


def test_claims_carry_stage_ids_reason_and_confidence():
    found = claims("The drought caused hunger. Because of the war, prices rose.")
    assert [c.id for c in found] == ["c1", "c2"]
    assert all(c.stage == causal.STAGE == "causal@7" and c.kind == "causal" and c.reason for c in found)
    assert all(get().threshold <= c.confidence <= 1 for c in found)


def test_lexicon_is_data_with_weights_and_polarities():
    lex = get()
    assert lex.verbs["fuelled"].weight > lex.verbs["blocked"].weight
    assert lex.verbs["prevented"].polarity == "prevent"
    assert {c.key for c in lex.phrases["because"]} >= {"connective:because", "connective:because of"}
    tiny = build({"verbs": [{"forms": ["zap", "zaps"], "weight": 0.7}]})
    assert tiny.verbs["zaps"].weight == 0.7 and tiny.threshold == 0.5


def test_no_doc_no_claims():
    assert (
        run(Article(id="t", source="x", reader="text", body="Rain caused floods."), None, StageContext())
        == []
    )


@pytest.mark.shared
@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/corpus/seeds is absent")
def test_seed_articles_through_ingest(tmp_path):
    import newsprism

    with newsprism.open(tmp_path / "s.db") as corpus:
        corpus.ingest([str(SEEDS)])
        records = [r for _, recs in corpus.store.stage_records("causal") for r in recs]
    triples = {(r["signal"]["text"], r["cause"]["text"], r["effect"]["text"]) for r in records}
    assert ("fueled", "the drug war model", "murders like these") in triples
    assert any(s == "due to" and c.startswith("AMLO’s fear") for s, c, _ in triples)
    assert any(s == "As a result" and e.startswith("massacres like Monday’s") for s, _, e in triples)
    assert any(s == "because" and c == "Trump is openly hostile to Mexican interests" for s, c, _ in triples)
    assert any(s == "resulted in" and e.startswith("Beltran Leyva's killing") for s, _, e in triples)
    assert any(s == "provoke" and e == "anger" for s, _, e in triples)
    # claims inside quotes name them; the others are the outlet's
    assert any(r["quote"] for r in records) and any(r["quote"] is None for r in records)


def _keys(text: str) -> dict[str, tuple[str, str | None, str | None]]:
    """cue key -> (signal, cause, effect) of every candidate, weak ones included."""
    doc = nlp.parse_one(text)
    span = lambda r: doc[r[0] : r[1]].text if r else None  # noqa: E731
    return {f.cue.key: (span(f.signal), span(f.cause), span(f.effect)) for _, f in candidates(doc)}


def test_a_casualtys_when_clause_is_its_cause_even_parsed_as_an_adverb():
    # spaCy attaches this "when" as advmod of the clause's verb, not as a marker
    text = "Two guards were injured when the prisoners threw stones."
    assert _keys(text)["connective:when@casualty"] == ("when", "the prisoners threw stones", "Two guards were injured")
    kept = [(c.signal.text, c.cause.text) for c in claims(text)]
    assert ("when", "the prisoners threw stones") in kept, kept
    # a "when" that is no casualty's is the weaker generic reading, found but not claimed
    other = "The crowd cheered when the band arrived."
    assert "connective:when" in _keys(other) and "connective:when@casualty" not in _keys(other)
    assert claims(other) == []


def test_a_cue_listed_twice_has_one_key_per_reading():
    lex = build({"connectives": [{"words": "over", "weight": 0.6, "heads": ["protest"]},
                                 {"words": "over", "weight": 0.4, "reading": "any"}]})  # fmt: skip
    assert [c.key for c in lex.phrases["over"]] == ["connective:over", "connective:over@any"]


def test_over_and_against_with_no_grievance_word_are_weak_readings():
    found = _keys("The residents are up in arms against the new tower.")
    assert found["connective:against@any"][:2] == ("against", "against the new tower")
    assert not [c for c in claims("The residents are up in arms against the new tower.") if c.signal.text == "against"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The bus strike hit commuters across the city.", ("hit", "The bus strike", "commuters across the city")),
        ("The two blasts claimed twelve lives.", ("claimed", "The two blasts", "twelve lives")),
    ],
)  # fmt: skip
def test_verbs_of_harm_are_found(text, expected):
    assert expected in [v for k, v in _keys(text).items() if k.startswith("verb:")]


def test_claim_is_a_cause_only_of_lives():
    assert not [k for k in _keys("The group claimed that the vote was rigged.") if k == "verb:claim"]


def test_the_result_of_after_a_copula_has_the_subject_as_effect():
    assert one("The long delays were the result of a strike by signal workers.")[:3] == (
        "the result of", "a strike by signal workers", "The long delays")


def test_a_casualty_in_an_incident_counts_through_one_of():
    found = _found("A guard was killed in one of the explosions.")
    assert ("in", "one of the explosions", "A guard was killed") in found, found


@pytest.mark.parametrize(
    "text",
    [
        "The minister is reported to be unwell.",
        "The bridge is bound to collapse one day.",
        "Volunteers helped the family to rebuild the house.",
        "The firm offered to pay the workers.",
    ],
)
def test_to_completing_a_report_or_offer_verb_is_not_a_purpose(text):
    assert not any(sig == "to" for sig, _, _ in _found(text)), text


def test_a_feeling_stirred_by_something_was_caused_by_it():
    found = _keys("Angered by the arrests, villagers blocked the road.")
    assert found["connective:by@feeling"][:2] == ("by", "the arrests")


def test_a_motive_participle_misparsed_as_a_noun_modifier_is_still_the_motive():
    # the small parser makes "demanding" an adjective of "connections"; an adjective after "the" stays one
    found = _found("Hundreds of women staged a dharna at the Collectorate demanding free gas connections.")
    assert ("demanding", "demanding free gas connections", "Hundreds of women staged a dharna at the Collectorate") in found, found
    assert not [f for f in _found("Police addressed the protesting students.") if f[0] == "protesting"]


def test_a_casualty_in_which_takes_the_noun_the_relative_clause_is_on_as_cause():
    found = _found("Rival fans brawled outside the stadium, a fight in which three stewards were injured.")
    assert ("in", "a fight", "three stewards were injured") in found, found


def test_a_purpose_misparsed_as_a_relative_clause_keeps_its_object():
    text = "Some sixty farmers met for the second time to demand a fair price from the mill."
    assert nlp.parse_one(text)[9].dep_ == "relcl"  # the parse this rule is for ("demand" on "time")
    found = _found(text)
    assert ("to", "to demand a fair price from the mill", "Some sixty farmers met for the second time") in found, found
    # a real relative infinitive has its object gapped: no purpose
    assert not any(sig == "to" for sig, _, _ in _found("Parents have a big role to play."))


def test_a_motive_after_with_is_the_whole_with_phrase():
    found = _found("The strike began on Monday, with the union demanding a bigger increase.")
    assert ("demanding", "with the union demanding a bigger increase", "The strike began on Monday") in found, found


def test_a_picket_is_a_protest_for_over_and_about():
    kept = [(c.signal.text, c.cause.text) for c in claims("Nurses picketed outside the clinic over the closure of the ward.")]
    assert ("over", "the closure of the ward") in kept, kept


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The rally was cancelled on the grounds that it posed a security risk.",
         ("on the grounds that", "it posed a security risk", "The rally was cancelled")),
        ("The firing spurred fresh protests in the city.", ("spurred", "The firing", "fresh protests in the city")),
        ("The army stayed in the streets. For this reason, the killings continued.",
         ("For this reason", "The army stayed in the streets", "the killings continued")),
        ("Three men were arrested on charges of rioting and arson.",
         ("on charges of", "rioting and arson", "Three men were arrested")),
    ],
)  # fmt: skip
def test_more_cues_of_news_prose(text, expected):
    assert expected in _found(text)


def test_when_asked_frames_what_is_said_and_gives_no_cause():
    found = _keys("When asked about the attacks, the minister said the police would act.")
    assert not [k for k in found if k.startswith("connective:when")], found
    assert "asked" in get().saying_verbs  # the list is lexicon data


@pytest.mark.parametrize(
    "text",
    [
        "After all, the talks went on for hours.",
        "As expected, the minister opened the bridge on Monday.",
        "He wanted to know if the guard stopped the car.",
    ],
)
def test_idioms_and_questions_give_no_connective(text):
    assert not [k for k in _keys(text) if k.split(":")[1].split("@")[0] in ("after", "as", "if")], _keys(text)


def test_idioms_are_lexicon_data():
    assert ("after", "all") in build({"idioms": ["after all"]}).idioms["after"]


def test_behind_after_be_puts_the_subject_as_cause_of_its_object():
    found = _found("Police said that a banned faction may be behind the attack.")
    assert ("behind", "a banned faction", "the attack") in found, found
    assert not [f for f in _found("The car behind the bus stopped.") if f[0] == "behind"]


@pytest.mark.parametrize(
    "text",
    [
        "The two ministers are due to meet on Friday.",  # "due to" + a verb: a schedule
        "The villagers have demanded a new road for more than a decade.",  # "for" + a duration
    ],
)
def test_a_schedule_or_a_duration_is_no_cause(text):
    assert not [k for k in _keys(text) if k in ("connective:due to", "connective:for")], _keys(text)


def test_be_to_after_an_aim_or_a_protest_is_a_purpose():
    found = _found("The boycott of meals is to protest the transfer of the officers.")
    assert ("to", "to protest the transfer of the officers", "The boycott of meals") in found, found


def test_a_road_leading_somewhere_is_a_path_not_a_cause():
    assert not [f for f in _found("Farmers blockaded the roads leading to the two towns.") if f[0] == "leading to"]
    assert ("led to", "The closure of the bridge", "angry protests in the town") in _found(
        "The closure of the bridge led to angry protests in the town.")


def test_over_or_during_a_span_of_time_is_no_cue():
    found = _keys("Protests have continued over the past few years.")
    assert not [k for k in found if k.startswith("connective:over")], found


@pytest.mark.parametrize(
    "text",
    [
        "Staging a protest at Bhajanpura, the party chief said the tariffs were too high.",  # a place
        "Day two of the dharna organised by India Against Corruption drew large crowds.",  # a name
    ],
)
def test_a_place_or_a_name_is_no_cause(text):
    assert not [k for k in _keys(text) if k.startswith(("connective:at", "connective:against"))], _keys(text)


def test_anger_at_something_is_still_a_cause():
    assert ("at", "the closure of the clinic", "Residents expressed anger") in _found(
        "Residents expressed anger at the closure of the clinic.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police said the cause of the blast was a gas leak.", ("of", "a gas leak", "the blast")),
        ("A faulty cable was the cause of the fire.", ("of", "A faulty cable", "the fire")),
        ("The reason for the delay was a strike by pilots.", ("for", "a strike by pilots", "the delay")),
    ],
)  # fmt: skip
def test_the_cause_of_or_the_reason_for_something_introduces_its_effect(text, expected):
    assert expected in _found(text)


def test_reasons_named_nowhere_give_no_cause():
    assert not [f for f in _found("He explained the reasons for the march.") if f[0] == "for"]


def test_a_motive_participle_needs_what_it_is_for():
    assert not [f for f in _found("The party was on Friday protesting outside the offices of the newspaper.")
                if f[0] == "protesting"]  # fmt: skip
    found = _found("Farmers blocked the road on Monday protesting against the fee hike.")
    assert ("protesting", "protesting against the fee hike", "Farmers blocked the road on Monday") in found, found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bowing to pressure from students, the college withdrew the fee hike.",
         ("reverse:bow", ("Bowing to", "pressure from students", "the college withdrew the fee hike"))),
        ("The rebels retaliated against the raid.",
         ("reverse:retaliate", ("retaliated against", "the raid", "The rebels"))),
        ("The union called off the strike, citing progress in the talks.",
         ("motive:citing", ("citing", "citing progress in the talks", "The union called off the strike"))),
        ("The move drew sharp criticism from the opposition.",
         ("verb:draw", ("drew", "The move", "sharp criticism from the opposition"))),
        ("The shops were looted out of desperation.",
         ("connective:out of", ("out of", "desperation", "The shops were looted"))),
        ("Under pressure from the unions, the board dropped the plan.",
         ("connective:under pressure from", ("Under pressure from", "the unions", "the board dropped the plan"))),
        ("Schools were shut as a precaution.", ("connective:as@measure", ("as", "a precaution", "Schools were shut"))),
        ("On hearing the news, residents gathered outside the station.",
         ("connective:on", ("On", "hearing the news", "residents gathered outside the station"))),
        ("Two men were arrested while trying to flee.",
         ("connective:while", ("while", "trying to flee", "Two men were arrested"))),
        ("The old man died of his wounds.", ("connective:of@death", ("of", "his wounds", "The old man died"))),
        ("They kept quiet for fear that the police would return.",
         ("connective:for fear that", ("for fear that", "the police would return", "They kept quiet"))),
    ],
)  # fmt: skip
def test_responses_reasons_and_casualty_connectives(text, expected):
    key, found = expected
    assert _keys(text).get(key) == found, _keys(text)


def test_the_toll_an_event_ended_with_is_its_effect():
    assert _keys("The clash ended with four dead.")["connective:with@casualty"] == (
        "with", "The clash ended", "four dead")  # fmt: skip


@pytest.mark.parametrize(
    "text", ["He insisted on holding the meeting.", "The death of the leader shocked the town."]
)
def test_on_before_any_gerund_and_of_after_death_are_no_cue(text):
    assert not {k for k in _keys(text) if k in ("connective:on", "connective:of@death")}


def test_a_causative_verb_needs_a_clause_after_it():
    assert _keys("The firing made the crowd run.")["verb:make"] == ("made", "The firing", "the crowd run")
    assert _keys("The floods rendered thousands homeless.")["verb:render"][1:] == ("The floods", "thousands homeless")
    assert "verb:make" not in _keys("He made it clear that the talks would go on.")
    assert "verb:make" not in _keys("They made a demand for higher wages.")


def test_a_reverse_verb_has_its_object_as_cause():
    assert _keys("The recall followed a warning from the regulator.")["reverse:follow"][1:] == (
        "a warning from the regulator", "The recall")  # fmt: skip
    assert _keys("The protest was followed by clashes.")["reverse:follow"][1:] == ("The protest", "clashes")


def test_citing_a_source_is_attribution_not_a_reason():
    assert "motive:citing" not in _keys("The paper reported the raid, citing officials.")
    assert _keys("He quit, citing poor health.")["motive:citing"][1:] == ("citing poor health", "He quit")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The verdict infuriated the residents.", ("verb:infuriate", ("infuriated", "The verdict", "the residents"))),
        ("The remark stirred up a row.", ("phrasal:stir", ("stirred up", "The remark", "a row"))),
        ("The attack raised fears of reprisals.", ("verb:raise", ("raised", "The attack", "fears of reprisals"))),
        ("The union blocked the road, thereby disrupting traffic for hours.",
         ("adverb:thereby", ("thereby", "The union blocked the road", "disrupting traffic for hours"))),
        ("The union blocked the road, thus disrupting traffic.",
         ("adverb:thus", ("thus", "The union blocked the road", "disrupting traffic"))),
        ("They staged a march aimed at highlighting their plight.",
         ("purpose:aimed at", ("aimed at", "aimed at highlighting their plight", "They staged a march"))),
    ],
)  # fmt: skip
def test_feelings_harm_and_result_adverbs_on_a_participle(text, expected):
    key, found = expected
    assert _keys(text).get(key) == found, _keys(text)


def test_the_raising_of_something_else_is_no_cue():
    assert "verb:raise" not in _keys("The workers raised slogans outside the office.")


@pytest.mark.parametrize(
    "text", ["Over 80 people were injured in the clash.", "The police took over the building during the strike."]
)
def test_over_before_a_count_or_as_a_particle_is_no_cue(text):
    assert not [k for k in _keys(text) if k.startswith("connective:over")]


def test_verbs_that_breed_or_forestall_something():
    assert _keys("The rumours fomented unrest in the town.")["verb:foment"][1:] == (
        "The rumours", "unrest in the town")  # fmt: skip
    assert _keys("The long neglect bred resentment.")["verb:breed"][1:] == ("The long neglect", "resentment")
    found = [f for _, f in candidates(nlp.parse_one("Quick talks forestalled a strike."))]
    assert [(f.cue.key, f.cue.polarity) for f in found] == [("verb:forestall", "prevent")]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("The villagers staged a gherao against the closure of the school.", "connective:against"),
        ("The strikers marched against the new labour law.", "connective:against"),
        ("Two officers were reprimanded for the delay in the inquiry.", "connective:for"),
    ],
)
def test_protest_and_sanction_words_of_news_prose_are_heads(text, key):
    assert key in _keys(text), _keys(text)


def test_more_casualty_and_incident_words():
    assert _keys("Three shops were torched in the riot.")["connective:in"][1:] == (
        "the riot", "Three shops were torched")  # fmt: skip
    assert "connective:during" in _keys("Two men were shot during the march.")


def test_a_complaint_or_a_feeling_over_or_at_something():
    assert _keys("The workers complained over the delay in wages.")["connective:over"][1] == "the delay in wages"
    assert _keys("Residents expressed shock at the killing.")["connective:at"][1] == "the killing"
    assert "connective:at" not in _keys("Protesters threw stones at the police.")


def test_used_with_an_object_takes_a_purpose():
    assert _keys("Police used tear gas to disperse the crowd.")["purpose:to"][1:] == (
        "to disperse the crowd", "Police used tear gas")  # fmt: skip
    assert "purpose:to" not in _keys("They used to protest every week.")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Since the work was slow, the locals began an agitation.", "connective:since@reason"),
        ("Police have arrested 40 people since the protests began.", "connective:since"),
        ("The town has been tense ever since the clash took place.", "connective:since"),
    ],
)
def test_since_is_a_reason_unless_its_clause_is_in_the_perfect(text, key):
    found = {k for k in _keys(text) if k.startswith("connective:since")}
    assert found == {key}, found


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        ("The union called a strike, due to which buses stayed off the roads.", "connective:due to",
         ("due to", "The union called a strike", "buses stayed off the roads")),
        ("The police fired in the air, after which the crowd dispersed.", "connective:after",
         ("after", "The police fired in the air", "the crowd dispersed")),
        ("They staged a dharna with the demand of regular jobs.", "connective:with the demand",
         ("with the demand", "with the demand of regular jobs", "They staged a dharna")),
        ("The reason behind the protest was the fee hike.", "connective:behind@reason",
         ("behind", "the fee hike", "the protest")),
    ],
)  # fmt: skip
def test_a_connective_before_which_and_demands_and_reasons(text, key, expected):
    assert _keys(text)[key] == expected


@pytest.mark.parametrize("text", ["The crowd ran as if the police had fired.", "When it comes to jobs, the union is firm."])
def test_as_if_and_when_it_comes_to_are_idioms(text):
    assert not [k for k in _keys(text) if k.startswith(("connective:as", "connective:when"))]


def test_a_negated_purpose():
    assert _keys("They left early so as not to miss the train.")["purpose:so as not to"][1:] == (
        "so as not to miss the train", "They left early")  # fmt: skip


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        ("Thousands fled the fighting in the north.", "reverse:flee",
         ("fled", "the fighting in the north", "Thousands")),
        ("The youth succumbed to his injuries on Monday.", "reverse:succumb",
         ("succumbed to", "his injuries", "The youth")),
        ("The man died from his injuries.", "connective:from", ("from", "his injuries", "The man died")),
        ("The minister faced flak for the remark.", "connective:for",
         ("for", "the remark", "The minister faced flak")),
    ],
)  # fmt: skip
def test_what_people_flee_or_succumb_to_and_what_draws_flak(text, key, expected):
    assert _keys(text)[key] == expected


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        ("The deaths were attributed to the cold wave.", "reverse:attribute",
         ("attributed to", "the cold wave", "The deaths")),
        ("Police blamed the violence on the rebels.", "reverse:blame", ("blamed", "the rebels", "the violence")),
        ("The violence was blamed on the rebels.", "reverse:blame", ("blamed on", "the rebels", "The violence")),
        ("The killing set off a wave of protests.", "phrasal:set",
         ("set off", "The killing", "a wave of protests")),
    ],
)  # fmt: skip
def test_what_a_loss_is_put_down_to_and_particles_yaml_could_misread(text, key, expected):
    assert _keys(text)[key] == expected


def test_a_bare_on_or_off_in_the_lexicon_is_an_error():
    with pytest.raises(ValueError, match="quote it"):
        build({"phrasal_verbs": [{"forms": ["set"], "particles": [False], "weight": 0.6}]})


def test_amid_a_tense_backdrop_is_its_own_reading():
    assert "connective:amid@tension" in _keys("Shops stayed shut amid fears of violence.")
    assert set(k for k in _keys("The rally was held amid tight security.") if "amid" in k) == {"connective:amid"}


def test_a_span_of_time_before_after_dates_one_event_by_another():
    assert not [f for f in _found("A day after the blasts, the ministry sent a team to the city.") if f[0] == "after"]
    assert not [f for f in _found("Police reached the spot 20 minutes after the clashes broke out.") if f[0] == "after"]
    assert [f for f in _found("Police arrested five students after they blocked the road.") if f[0] == "after"]


@pytest.mark.parametrize(
    "text",
    [
        "Their decision to continue the agitation surprised the government.",
        "The police appealed to the agitators to withdraw the strike.",
        "Trade unions oppose the move to introduce the insurance bill.",
    ],
)
def test_to_completing_a_request_or_a_noun_like_decision_is_no_purpose(text):
    assert not [f for f in _found(text) if f[0].lower() == "to"]


def test_to_after_a_clause_is_still_a_purpose():
    assert [f for f in _found("Workers blocked the highway to protest the closure of the mill.") if f[0] == "to"]


def test_leaving_a_place_or_a_statement_is_no_result():
    assert not _found("Albright said Monday, leaving Andrews Air Force Base for Nairobi.")
    assert not _found("The minister flew out, leaving Nairobi for Dar es Salaam.")
    assert [f for f in _found("The blast tore through the market, leaving three people dead.") if f[0] == "leaving"]


def test_a_credit_line_a_demand_and_a_purpose_of_custody_are_no_causal_claims():
    assert claims("Margaret Besheer contributed to this report.") == []
    assert claims("Rights groups called for his immediate release.") == []
    assert claims("The antiabortion activist is wanted for questioning in the shooting.") == []
    # the reasons for a sanction, and a cause that contributes, still are
    assert [c.signal.text for c in claims("He was arrested for taking photos of the police.")] == ["for"]
    assert [c.signal.text for c in claims("Heavy rain contributed to the collapse of the bridge.")] == \
        ["contributed to"]


def test_leaving_for_a_place_a_quantity_after_over_and_a_motive_not_pursued_are_no_claims():
    assert claims("The victims were mostly schoolgirls, leaving for home after classes.") == []
    assert claims("The bombings killed more than 200 people and wounded over 5,000.") == []
    assert claims("Bush can call up 200,000 reservists without seeking congressional approval.") == []
    # a result left behind, and anger over something, still are
    assert [c.signal.text for c in claims("The storm hit the coast, leaving three people dead.")] == ["leaving"]
    assert [c.signal.text for c in claims("There was anger over rising food prices.")] == ["over"]


def test_a_claim_needs_words_on_both_sides():
    from newsprism.stages.causal import _has_content

    doc = nlp.parse_one("It's because of a worldwide glut of oil.")
    assert not _has_content(doc, (1, 2))  # "'s"
    assert _has_content(doc, (0, 2))  # "It's"


def test_an_effect_that_is_only_who_spoke_is_no_claim():
    from newsprism.stages.causal import _only_saying

    lex = get()
    doc = nlp.parse_one("Ohlberg added that prices rose.")
    assert _only_saying(doc, (0, 2), lex)  # "Ohlberg added"
    assert not _only_saying(doc, (0, 5), lex)
    doc = nlp.parse_one("The storm destroyed homes.")
    assert not _only_saying(doc, (0, 3), lex)
