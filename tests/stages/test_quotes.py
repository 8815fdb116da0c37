"""The ``quotes`` stage: direct, indirect, mixed and posted quotes, their cues and speakers.

Hand-written sentences check each form; the seed articles (../shared/corpus/seeds, marked ``shared``)
check that the rules hold on real, messy text. The expected values were read off the articles by a person;
the lexicon holds no name or fact from them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import newsprism
from newsprism import nlp
from newsprism.records import Article, Comment, Quote
from newsprism.stages import entities, quotes
from newsprism.stages.quotes import marks
from newsprism.stages.quotes.lexicon import get
from newsprism.stages.registry import StageContext

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seeds"


def analyse(article: Article) -> list[Quote]:
    doc = nlp.parse_one(article.body)
    mentions = entities.run(article, doc, StageContext())
    return quotes.run(article, doc, StageContext(results={"entities": mentions}))


def run(text: str, comments: tuple[Comment, ...] = ()) -> list[Quote]:
    found = analyse(Article(id="t", source="test", reader="text", body=text, comments=comments))
    for q in found:
        check_offsets(text, comments, q)
    return found


def check_offsets(body: str, comments, q: Quote) -> None:
    text = body if q.comment is None else comments[q.comment - 1].text
    assert text[q.start : q.end] == q.text
    if q.cue is not None:
        assert text[q.cue.start : q.cue.end] == q.cue.text
    if q.speaker is not None and q.speaker.start is not None:
        assert text[q.speaker.start : q.speaker.end] == q.speaker.text


def containing(found: list[Quote], words: str) -> Quote:
    hits = [q for q in found if words in q.text]
    assert hits, f"no quote with {words!r} in {[q.text for q in found]}"
    return hits[0]


# ---------------------------------------------------------------------------------------------- marks


def test_marks_pair_curly_and_straight_and_keep_nested_quotes_inside():
    text = 'He said “a ‘quoted’ word” and "another one" here.'
    qs = marks.find(text)
    assert [text[q.inner_start : q.inner_end] for q in qs] == ["a ‘quoted’ word", "another one"]


def test_marks_join_a_quote_running_over_paragraphs():
    text = "“First paragraph.\n\n“Second paragraph.\n\n“Third and last.” Then prose."
    (q,) = marks.find(text)
    assert q.paragraphs == 3
    assert text[q.inner_start : q.inner_end].endswith("Third and last.")


def test_an_unclosed_mark_stops_at_the_paragraph_end():
    text = "He asked \"is it true?'\n\nShe said no."
    (q,) = marks.find(text)
    assert not q.closed and text[q.inner_start : q.inner_end] == "is it true?'"


def test_inch_marks_are_not_quotes():
    assert marks.find("He is 5'10\" tall and weighs a lot.") == []


def test_lexicon_expands_inflected_forms():
    lex = get()
    assert lex.verbs["said"][0] == "say" and lex.verbs["adding"][0] == "add"
    assert lex.verbs["tweeted"][1] == "post" and lex.verbs["denies"][0] == "deny"
    assert "point" in lex.phrasal["pointed"] or "out" in lex.phrasal["pointed"]


# ---------------------------------------------------------------------------------------------- forms


def test_empty_body_and_no_doc():
    assert quotes.run(Article(id="t", source="t", reader="text", body=""), None, StageContext()) == []


def test_post_posed_cue_with_appositive_role_and_a_continuation():
    found = run('"We will win this fight," said Maria Lopez, the interior minister. "There is no doubt."')
    first = containing(found, "win this fight")
    assert first.kind == "direct" and first.cue.text == "said"
    assert first.speaker.name == "Maria Lopez" and first.speaker.role == "the interior minister"
    second = containing(found, "There is no doubt")
    assert second.speaker.name == "Maria Lopez" and second.speaker.start is None
    assert second.speaker.resolution == f"continues {first.id}"


def test_pronoun_resolves_to_the_previous_speaker():
    found = run('Maria Lopez spoke in Lima on Monday.\n\n"We are ready for anything," she added.')
    q = containing(found, "ready for anything")
    assert q.speaker.text == "she" and q.speaker.name == "Maria Lopez"
    assert q.speaker.resolution.startswith("pronoun 'she'")
    assert q.confidence < 0.95


def test_reported_speech_with_that_clause():
    found = run("Peter Novak said that the border would stay closed until March.")
    q = containing(found, "border would stay closed")
    assert q.kind == "indirect" and q.cue.text == "said" and q.speaker.name == "Peter Novak"
    assert not q.speaker.anonymous


def test_according_to():
    found = run("According to the Interior Ministry, three people were arrested in the raid.")
    q = containing(found, "three people were arrested")
    assert q.cue.text == "According to" and "Interior Ministry" in q.speaker.text
    assert "According" not in q.text


def test_mixed_quote_keeps_the_quoted_words_inside_the_reported_clause():
    found = run('The ministry said in a statement that it "categorically rejects" the report.')
    q = containing(found, "categorically rejects")
    assert q.kind == "mixed" and q.text.startswith("that it")


def test_tweet_and_wrote_on_a_platform_are_posts():
    found = run(
        '"The vote is rigged," Donald Trump tweeted on Monday.\n\nJohn Smith wrote on Facebook: "Nobody listens to us."'
    )
    assert containing(found, "vote is rigged").kind == "post"
    post = containing(found, "Nobody listens")
    assert post.kind == "post" and post.speaker.name == "John Smith"


def test_anonymous_sources_keep_their_description():
    found = run(
        "A senior official who spoke on condition of anonymity said the talks had failed.\n\n"
        "Analysts say the economy will shrink this year."
    )
    first = containing(found, "talks had failed")
    assert first.speaker.anonymous and "condition of anonymity" in first.speaker.description
    second = containing(found, "economy will shrink")
    assert second.speaker.anonymous and second.speaker.description == "Analysts"


def test_named_source_is_not_anonymous():
    found = run("Senator Ann Reyes said the bill would pass.")
    assert not containing(found, "bill would pass").speaker.anonymous


def test_nickname_in_a_name_and_a_quoted_title_are_not_quotes():
    found = run(
        'Joaquin "El Chapo" Guzman was moved to a new prison.\n\n'
        'The paper ran a column titled "Why the border matters so much to everyone".'
    )
    assert not [q for q in found if "El Chapo" in q.text or "border matters" in q.text]


def test_a_scare_quote_without_a_cue_is_dropped():
    found = run('The so-called reforms were a "disaster" for the town.')
    assert found == []


def test_colon_introduction_and_following_cue_sentence():
    found = run(
        'Ana Ortiz\'s response:\n\n"Yes. We are working on it every day."\n\n'
        '"Nothing will change," Ortiz said.'
    )
    q = containing(found, "working on it")
    assert q.speaker.name == "Ana Ortiz" and q.reason == "colon introduction"
    assert containing(found, "Nothing will change").speaker.name == "Ana Ortiz"


def test_multi_paragraph_quote_is_one_quote():
    text = 'Ana Ortiz said:\n\n"The first part of a long quote.\n\n"The second part of it."'
    found = run(text)
    (q,) = [q for q in found if "first part" in q.text]
    assert "second part" in q.text and q.speaker.name == "Ana Ortiz"


def test_quote_in_a_reader_comment_is_marked_with_its_comment():
    comment = Comment(
        position=2, text='As Lopez said, "nobody wins a war like this one," and she is right.', author="x"
    )
    found = run(
        "The article body says nothing quoted.", comments=(Comment(position=1, text="First."), comment)
    )
    (q,) = [q for q in found if q.comment is not None]
    assert q.comment == 2 and q.text == "nobody wins a war like this one"
    assert q.speaker is not None and q.speaker.text == "Lopez" and q.cue.text == "said"


def test_every_quote_has_its_stage_tag_and_ordered_ids():
    found = run('"One thing," said Ann Reyes. "Another," said Bo Li.\n\nPeter Novak said the vote was fair.')
    assert [q.id for q in found] == [f"q{n}" for n in range(1, len(found) + 1)]
    assert all(q.stage == quotes.STAGE == "quotes@5" and 0 < q.confidence <= 1 for q in found)


# ---------------------------------------------------------------------------------------------- seeds


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    with newsprism.open(db) as corpus:
        corpus.ingest([str(SEEDS)])
        docs = {_seed_name(a): a for a in corpus.documents()}
    return {name: (article, analyse(article)) for name, article in docs.items()}


def _seed_name(article: Article) -> str:
    """A short key per seed article, from its outlet and year (the file names carry no meaning)."""
    outlet = (article.outlet or "").upper()
    if "WORLD SOCIALIST" in outlet:
        return "WSWS" + (article.published or "")[:4]
    return outlet.replace(" ", "")


def speaker_of(found: list[Quote], words: str) -> str | None:
    q = containing(found, words)
    return q.speaker.name if q.speaker is not None else None


@pytest.mark.shared
@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/corpus/seeds is not beside the repository")
class TestSeeds:
    def test_offsets_slice(self, seeds):
        for article, found in seeds.values():
            assert found
            for q in found:
                check_offsets(article.body, article.comments, q)

    def test_npr_interview(self, seeds):
        _, found = seeds["NPR"]
        first = containing(found, "Our military, in certain limited ways")
        assert first.speaker.name == "Janet Napolitano" and first.cue.text == "told"
        assert first.speaker.role == "Homeland Security Secretary"
        assert speaker_of(found, "you can deduce from that") == "Janet Napolitano"
        assert speaker_of(found, "Just to be clear") == "Robert Siegel"  # resolved by entities (7b431a1)
        assert speaker_of(found, "Are you saying that") == "Robert Siegel"  # continues after "Robert continued."
        response = containing(found, "Let me be very, very clear")
        assert response.speaker.name == "Janet Napolitano" and response.kind == "direct"
        assert speaker_of(found, "people actually engaged in operations") == "Robert Siegel"
        assert speaker_of(found, "All I'm saying in this interview") == "Janet Napolitano"

    def test_talkleft_anonymous_official_and_cables(self, seeds):
        _article, found = seeds["TALKLEFT"]
        anon = containing(found, "They are working almost exclusively on our intel")
        assert anon.kind == "direct" and anon.speaker.anonymous
        assert "condition of anonymity" in anon.speaker.description
        later = containing(found, "light armored infantry training")
        assert later.speaker.anonymous
        assert speaker_of(found, "our ties with the military") == "John Feeley"
        assert containing(found, "extensively trained").speaker.name == "Carlos Pascual"

    def test_talkleft_comment_quote_carries_its_comment(self, seeds):
        _article, found = seeds["TALKLEFT"]
        in_comments = [q for q in found if q.comment is not None]
        assert in_comments and all(q.comment == 4 for q in in_comments)
        assert [q.text for q in in_comments] == ["victory"]
        assert all(q.confidence < 0.5 for q in in_comments)
        body_texts = {q.text for q in found if q.comment is None}
        assert "victory" not in body_texts

    def test_wsws_undersecretary_and_statement(self, seeds):
        _, found = seeds["WSWS2011"]
        statement = containing(found, "It is regrettable that this official")
        assert statement.speaker.text == "the statement" and statement.speaker.name == "Interior Department"
        assert speaker_of(found, "categorically rejects") == "Interior Department"
        he = containing(found, "there is a form of insurgency in Mexico")
        assert he.speaker.text == "he" and he.speaker.name == "Joseph Westphal"
        assert speaker_of(found, "This isn’t just about drugs") == "Joseph Westphal"
        mixed = containing(found, "armed and fighting")
        assert mixed.kind == "mixed" and mixed.speaker.name == "Joseph Westphal"
        assert speaker_of(found, "We face an increasing threat") == "Hillary Clinton"
        assert speaker_of(found, "It’s looking more and more like Colombia") == "Hillary Clinton"

    def test_wsws_2019_tweets_are_posts(self, seeds):
        _, found = seeds["WSWS2019"]
        tweet = containing(found, "This is the time for Mexico")
        assert tweet.kind == "post" and tweet.speaker.name == "Donald Trump"
        amlo = containing(found, "would not permit another coup")
        assert amlo.kind == "post" and amlo.speaker.name == "Andrés Manuel López Obrador"
        assert containing(found, "Here there is not the least opportunity").kind == "post"
        relative = containing(found, "he should work to decrease drug consumption")
        assert relative.kind == "post" and relative.speaker.anonymous
        assert speaker_of(found, "We are worried about the Mexico of today") == "Carlos Gaytán Ochoa"
        assert speaker_of(found, "politically polarized society") == "Carlos Gaytán Ochoa"
        assert not [q for q in found if q.text == "El Chapo"]

    def test_sputnik_tweet_and_interview(self, seeds):
        _, found = seeds["SPUTNIK"]
        tweet = containing(found, "If Mexico needs or requests help")
        assert tweet.kind == "post" and tweet.speaker.name == "Donald Trump"
        assert speaker_of(found, "This is a model that was imposed") == "Laura Carlsen"
        assert speaker_of(found, "It’s time for a change") == "Laura Carlsen"
        assert speaker_of(found, "It’s a farce of a war") == "Laura Carlsen"
        assert speaker_of(found, "The whole narrative that the problem") == "Laura Carlsen"
        # its own paragraph after the tweet's: a blank line ends the sentence, so "said" gets this quotation
        # and not the "El Sol del Centro reported" clause after it
        assert speaker_of(found, "The objective of the amnesty") == "Alfonso Durazo"

    @pytest.mark.xfail(strict=True, reason="known miss: the parse hangs this clause where no rule looks")
    def test_known_misses(self, seeds):
        _, talkleft = seeds["TALKLEFT"]
        officials = containing(talkleft, "U.S. military is conducting urban-combat")
        assert officials.speaker.anonymous and officials.speaker.text == "U.S. officials"


def test_a_quoted_word_or_a_common_noun_is_never_the_source_of_a_participle_cue():
    found = run(
        "The ministry rejected the report.\n\nThe ministry disputed the description of the unrest in the north as "
        "an “uprising,” stressing, “Smuggling gangs are seeking to increase their profits through extortion "
        "and kidnapping.”"
    )
    q = containing(found, "Smuggling gangs are seeking")
    assert q.speaker is not None and "uprising" not in (q.speaker.text or "")


# ---------------------------------------------------------------------------------------------- labels


def test_a_headline_speaker_label_attributes_the_rest_of_the_line():
    text = (
        "Warren: Tax Plan Would Leave Families Worse Off.\n\n"
        "Senator Elizabeth Warren criticised the proposal on Tuesday in a speech in Boston."
    )
    q = containing(run(text), "Tax Plan Would Leave Families Worse Off")
    assert q.text == "Tax Plan Would Leave Families Worse Off"
    assert q.speaker is not None and q.speaker.text == "Warren"
    assert q.cue is not None and q.cue.text == ":"
    assert q.reason == "speaker label (headline)"


def test_a_transcript_label_and_an_addressee_after_to():
    text = (
        "Mayor to Council: We Will Not Raise Fares This Year.\n\n"
        "The interview was broadcast on Sunday.\n\n"
        "HOLT: Will you run again next year, Mr. Mayor?\n\n"
        "The mayor laughed. Asked later, he told Lester Holt nothing more."
    )
    found = run(text)
    q = containing(found, "We Will Not Raise Fares")
    assert q.speaker is not None and q.speaker.text == "Mayor"
    t = containing(found, "Will you run again next year")
    assert t.speaker is not None and t.speaker.text == "HOLT" and t.reason == "speaker label"


def test_section_labels_times_and_places_are_not_speakers():
    text = (
        "The Latest: Storm closes schools across the region.\n\n"
        "11:40 a.m.: Officials reopened the bridge.\n\n"
        "Update: This story has been corrected.\n\n"
        "Editor's note: An earlier version misspelled a name.\n\n"
        "Texas: Flooding continues near Houston."
    )
    found = run(text)
    assert not [q for q in found if q.cue is not None and q.cue.text == ":"]


# ---------------------------------------------------------------------------------------------- cue forms


def test_call_for_and_call_on_take_what_the_preposition_introduces():
    found = run(
        "The senator is calling for the state to delay the vote by a month. "
        "The mayor called on residents to stay indoors during the storm."
    )
    q = containing(found, "delay the vote")
    assert q.cue is not None and q.cue.text == "calling for"
    assert q.speaker is not None and q.speaker.text == "The senator"
    r = containing(found, "stay indoors")
    assert r.cue is not None and r.cue.text == "called on" and r.speaker.text == "The mayor"


def test_find_and_learn_attribute_a_clause_but_not_an_object():
    found = run(
        "A university poll found that most voters oppose the new tax. "
        "Police found a car abandoned near the bridge on Sunday."
    )
    q = containing(found, "most voters oppose the new tax")
    assert q.cue is not None and q.cue.text == "found" and q.speaker.text == "A university poll"
    assert not [x for x in found if "abandoned" in x.text]


def test_citing_and_referring_to_share_the_subject_of_the_cue_before_them():
    found = run(
        "“People are angry,” the governor said, citing slow growth and rising rents. "
        "The coach said the matter “should be settled by Friday,” referring to the league hearing."
    )
    q = containing(found, "slow growth and rising rents")
    assert q.cue is not None and q.cue.text == "citing" and q.speaker.text == "the governor"
    r = [x for x in found if x.cue is not None and x.cue.text == "referring to"]
    assert [(x.text, x.speaker.text) for x in r] == [("the league hearing", "The coach")]


def test_a_quotation_after_the_addressee_of_a_participle_cue():
    found = run(
        "The senator did not seem worried about the polls, telling supporters, “We have been behind before.”"
    )
    q = containing(found, "We have been behind before")
    assert q.cue is not None and q.cue.text == "telling"
    assert q.speaker is not None and q.speaker.text == "The senator"


def test_a_that_clause_the_parse_hung_on_a_noun_is_still_the_content():
    found = run(
        "Trump praised the decision, telling reporters during a visit to Scotland on Friday "
        "that he thinks the result is good for both countries."
    )
    q = containing(found, "the result is good for both countries")
    assert q.cue is not None and q.cue.text == "telling" and q.speaker.text == "Trump"


def test_markup_left_in_the_text_is_not_a_cue_verb():
    found = run(
        "Candidates offered condolences after the shooting.\n\n"
        '<tweet pic="" author="GovSmith" timestamp="1449075600" tweet_id="672151859491016704">'
        "Praying for the victims and the first responders.</tweet>."
    )
    assert not [q for q in found if q.cue is not None and q.cue.text.lower() == "tweet"]


def test_the_agent_of_a_verb_that_is_no_cue_is_not_the_source_of_a_participle_on_it():
    found = run(
        "The minister did not seem moved by the protests on Monday, telling reporters, "
        "“We will not change course because of a few loud voices.”"
    )
    q = containing(found, "We will not change course")
    assert q.speaker is None or q.speaker.text != "the protests"


def test_an_interpolated_reporting_clause_attributes_the_sentence_around_it():
    found = run(
        "Turnout was low on Tuesday. In rural counties, the election board said, "
        "several polling stations opened more than an hour late."
    )
    q = containing(found, "several polling stations opened")
    assert q.cue is not None and q.cue.text == "said"
    assert q.speaker is not None and q.speaker.text == "the election board"
    assert q.reason == "interpolated cue" and "said" not in q.text


def test_two_apostrophes_are_a_double_quotation_mark():
    text = "''We expect the talks to resume next week,'' the envoy said on Friday. He didn't say more."
    qs = marks.find(text)
    assert [text[q.inner_start : q.inner_end] for q in qs] == ["We expect the talks to resume next week"]
    q = containing(run(text), "We expect the talks")
    assert q.kind == "direct" and q.speaker is not None and q.speaker.text == "the envoy"


def test_a_cue_after_a_quotation_closed_by_two_apostrophes():
    q = containing(run("''It looked ashen,'' Mr. Arad said, from ''the direct body blow.''"), "It looked ashen")
    assert q.cue is not None and q.cue.text == "said" and q.reason == "post-posed cue"
    assert q.speaker is not None and q.speaker.text == "Mr. Arad"


def test_accuse_and_thank_take_their_object_with_the_grounds():
    found = run("Critics accused the council of ignoring the flood warnings. The coach thanked fans for their patience.")
    q = containing(found, "ignoring the flood warnings")
    assert q.text == "the council of ignoring the flood warnings" and q.speaker.text == "Critics"
    r = containing(found, "their patience")
    assert r.text == "fans for their patience" and r.cue.text == "thanked"


def test_a_source_with_an_age_after_a_quotation_is_still_the_source():
    q = containing(
        run("“Nobody listened to us from the start,” Ramos, 58, told reporters in Madrid on Monday."),
        "Nobody listened",
    )
    assert q.speaker is not None and q.speaker.text == "Ramos, 58"


def test_agentless_passives_and_raising_verbs_give_no_source():
    found = run(
        "The central bank is widely expected to hold rates steady next week. "
        "It was reported that the talks had collapsed overnight. "
        "The new schedule seems to suit most commuters. "
        "The minister appeared on television on Sunday."
    )
    q = containing(found, "to hold rates steady")
    assert q.cue is not None and q.cue.text == "is widely expected" and q.speaker is None
    assert q.reason == "no source: passive"
    r = containing(found, "the talks had collapsed")
    assert r.cue.text == "was reported" and r.speaker is None
    s = containing(found, "to suit most commuters")
    assert s.cue.text == "seems" and s.speaker is None and s.reason == "no source: raising verb"
    assert not [x for x in found if "television" in x.text]


def nested_allowed():
    """The quotes lexicon with attributions inside another one's content kept (``max_nesting`` 1)."""
    from dataclasses import replace

    lex = get()
    return replace(lex, limits={**lex.limits, "max_nesting": 1})


def test_a_passive_cue_does_not_borrow_the_subject_of_an_earlier_cue():
    text = "Analysts said on Monday that the company is expected to cut jobs this year."
    doc = nlp.parse_one(text)
    found = quotes.find(doc, [], nested_allowed())
    q = [f for f in found if f.cue is not None and text[f.cue[0] : f.cue[1]] == "is expected"]
    assert q and q[0].source is None


def test_an_attribution_inside_another_ones_content_is_part_of_it():
    text = "The senator said on Monday that her rival wants to raise taxes and believes the plan will pass."
    cues = [q.cue.text for q in run(text) if q.cue is not None]
    assert cues == ["said"]
    doc = nlp.parse_one(text)
    kept = [text[f.cue[0] : f.cue[1]] for f in quotes.find(doc, [], nested_allowed()) if f.cue is not None]
    assert "said" in kept and len(kept) > 1


def test_a_participle_after_the_content_is_the_speakers_own_act():
    found = run("The mayor said the budget was balanced, pointing to the new figures.")
    q = containing(found, "the budget was balanced")
    assert q.cue.text == "said" and "pointing" not in q.text
    r = containing(found, "the new figures")
    assert r.cue.text == "pointing to" and r.speaker.text == "The mayor"


def test_add_and_continue_with_an_object_are_not_cues():
    found = run(
        "The governor says she would continue the current policies if re-elected. "
        "The win could add another title to his long resume. "
        "She added that the budget talks would resume in March."
    )
    assert not [q for q in found if q.cue is not None and q.cue.text in ("continue", "add")]
    q = containing(found, "the budget talks would resume")
    assert q.cue.text == "added" and q.speaker.text == "She"


def test_a_quotation_right_after_a_cue_with_no_complement_is_what_it_says():
    q = containing(run("When the mayor thanked the city, a man yelled “Stay there!”"), "Stay there!")
    assert q.kind == "direct" and q.cue is not None and q.cue.text == "yelled"
    assert q.reason == "quotation after cue"


def test_positions_taken_in_public_are_attributions():
    found = run(
        "The union sought a new contract for its members. "
        "The mayor echoed the call for calm after the vote. "
        "She wondered whether the council would meet again."
    )
    assert containing(found, "a new contract").cue.text == "sought"
    assert containing(found, "the call for calm").speaker.text == "The mayor"
    assert containing(found, "the council would meet again").cue.text == "wondered"


def test_a_cue_after_a_preposition_takes_the_subject_of_the_verb_it_hangs_on():
    found = run("The senator opened the hearing by criticizing the new budget.")
    q = containing(found, "the new budget")
    assert q.cue.text == "criticizing" and q.speaker.text == "The senator"


def test_a_question_asked_is_the_content_of_the_question_verb():
    found = run(
        "The reporter asked the mayor about the new stadium. "
        "Asked whether the plan would pass, the governor smiled."
    )
    q = containing(found, "the new stadium")
    assert q.cue.text == "asked" and q.speaker.text == "The reporter" and "mayor" not in q.text
    r = containing(found, "whether the plan would pass")
    assert r.cue.text == "Asked" and r.speaker is None


def test_a_topic_a_few_words_after_its_verb_is_the_content():
    q = containing(run("Her former colleagues spoke warmly on Tuesday about her record."), "her record")
    assert q.cue.text == "spoke" and q.speaker.text == "Her former colleagues"


def test_the_subject_of_a_passive_with_an_agent_is_the_content():
    q = containing(run("The new budget was praised by the mayor on Friday."), "The new budget")
    assert q.cue.text == "praised" and q.speaker.text == "the mayor"


def test_a_reporting_clause_the_parse_joins_as_a_conj_reports_the_clause_before_it():
    from spacy.tokens import Doc

    from newsprism.stages.quotes import cues

    # the small model sometimes parses "X includes Y, the secretary told a panel" with "told" as a conj
    # of "includes"; the parse is written out here so that the rule is tested whatever the model does
    words = ["This", "includes", "a", "new", "force", ",", "the", "secretary", "told", "a", "panel", "."]
    heads = [1, 1, 4, 4, 1, 1, 7, 8, 1, 10, 8, 1]
    deps = ["nsubj", "ROOT", "det", "amod", "dobj", "punct", "det", "nsubj", "conj", "det", "dobj", "punct"]
    tags = ["DT", "VBZ", "DT", "JJ", "NN", ",", "DT", "NN", "VBD", "DT", "NN", "."]
    pos = ["PRON", "VERB", "DET", "ADJ", "NOUN", "PUNCT", "DET", "NOUN", "VERB", "DET", "NOUN", "PUNCT"]
    spaces = [True] * 4 + [False, True] + [True] * 4 + [False, False]
    doc = Doc(nlp.load().vocab, words=words, spaces=spaces, heads=heads, deps=deps, tags=tags, pos=pos)
    found = [f for f in cues.find(doc, [], get()) if f.cue and doc.text[f.cue[0] : f.cue[1]] == "told"]
    assert [(doc.text[f.start : f.end], doc.text[f.source[0] : f.source[1]]) for f in found] == [
        ("This includes a new force", "the secretary")
    ]


def test_a_quotation_in_the_paragraph_after_an_indirect_statement_is_a_statement_of_its_own():
    found = run(
        "The mayor said the budget was balanced.\n\n“We did it without raising taxes.”\n\n"
        "“It was hard,” she said.\n\n“We had to cut a lot.”"
    )
    q = containing(found, "without raising taxes")
    assert q.reason.startswith("follows") and q.speaker is not None and q.speaker.text is None
    root = containing(found, "the budget was balanced")
    assert q.speaker.resolution == f"follows {root.id}" and q.speaker.description == root.speaker.description
    assert containing(found, "cut a lot").reason.startswith("continues")


def test_an_indirect_statement_with_no_source_in_its_sentence_is_kept_without_a_speaker():
    q = containing(run("Tell your senator that the bill must pass this week."), "the bill must pass")
    assert q.cue.text == "Tell" and q.speaker is None and q.kind == "indirect"


def test_a_source_whose_description_quotes_someone_ends_before_the_quotation():
    found = run('"We will win," said Mark Cuban, who has warned of "a long fight" before. "It is close."')
    q = containing(found, "We will win")
    assert q.speaker is not None and q.speaker.text == "Mark Cuban, who has warned of"


def test_a_set_phrase_with_a_cue_verb_reports_no_one():
    found = run(
        "That said, a loss to her rival in this state would provide a sour and deflating end to the race. "
        "Having said that, the senator would likely lose the vote in the fall."
    )
    assert not [q for q in found if q.cue is not None and q.cue.text == "said"]


def test_an_as_clause_reports_the_clause_it_is_set_off_from():
    found = run(
        "As the local newspaper reported on Sunday, the mayor will not run for a third term. "
        "The old bridge will close for repairs in June, as the city council announced on Monday."
    )
    q = containing(found, "the mayor will not run for a third term")
    assert q.cue.text == "reported" and q.speaker.text == "the local newspaper"
    r = containing(found, "The old bridge will close for repairs in June")
    assert r.cue.text == "announced" and r.speaker.text == "the city council"


def test_a_noun_can_attribute_a_position_to_its_possessor():
    found = run(
        "The senator's criticism of the new budget surprised her colleagues. "
        "Her decision to leave the party came a week later."
    )
    q = containing(found, "the new budget")
    assert q.cue.text == "criticism of" and q.speaker.text == "The senator"
    r = containing(found, "to leave the party")
    assert r.cue.text == "decision" and r.speaker.text == "Her"


def test_a_noun_cue_that_is_an_object_takes_the_subject_of_its_verb():
    q = containing(run("The governor made no mention of the strike in her speech."), "the strike")
    assert q.cue.text == "mention of" and q.speaker.text == "The governor"


def test_a_cue_after_an_adjective_takes_the_subject_of_the_sentence():
    q = containing(run("Most voters are quick to say that the economy matters most."), "the economy matters most")
    assert q.cue.text == "say" and q.speaker.text == "Most voters"


def test_a_manner_of_speaking_is_a_cue():
    q = containing(run('"Go back to your seat," the senator barked at the reporter.'), "Go back to your seat")
    assert q.cue.text == "barked" and q.speaker.text == "the senator"


def test_an_infinitive_content_ends_before_a_past_time_the_parse_hung_on_it():
    found = run("Donald Trump threatened to deploy US soldiers to Mexico yesterday in the aftermath of an attack "
                "that left nine people dead.")
    assert [(q.cue.text, q.text) for q in found] == [("threatened", "to deploy US soldiers to Mexico")]
    assert [q.text for q in run("She vowed to fight the ruling in court.")] == ["to fight the ruling in court"]
