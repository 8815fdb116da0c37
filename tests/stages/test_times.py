"""Stage ``times``: TIMEX3 time expressions in news sentences, normalised against the article date."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsprism.records import Article, TimeRef
from newsprism.stages.times import NO_DATE_CONFIDENCE, infer_date, run, tag

DCT = "2019-11-05T14:00:00"  # a Tuesday, ISO week 45
SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"


def one(sentence: str, dct: str | None = DCT) -> TimeRef:
    refs = tag(sentence, dct)
    assert len(refs) == 1, [(r.text, r.value) for r in refs]
    return refs[0]


def found(sentence: str, dct: str | None = DCT) -> list[tuple[str, str, str]]:
    return [(r.text, r.type, r.value) for r in tag(sentence, dct)]


@pytest.mark.parametrize(
    "sentence, text, value, anchor",
    [
        ("The cable was sent in December 2009.", "December 2009", "2009-12", "none"),
        ("The attack came on Sept. 11, 1973, at dawn.", "Sept. 11, 1973", "1973-09-11", "none"),
        ("The memo is dated Jan. 29.", "Jan. 29", "2019-01-29", "document_date"),
        ("Ministers met on 29 January to agree the plan.", "29 January", "2019-01-29", "document_date"),
        ("Dividends will be paid Dec. 14.", "Dec. 14", "2019-12-14", "document_date"),
        ("Prices rose sharply in 2010.", "2010", "2010", "none"),
        ("More than 15,000 were killed in 2010 alone.", "2010", "2010", "none"),
        ("The revenue fell in fiscal 1998.", "fiscal 1998", "1998", "none"),
        ("Crime fell throughout the 1990s.", "the 1990s", "199X", "none"),
        ("The wars of the 20th century scarred the region.", "the 20th century", "19", "none"),
        ("Growth stalled in the second half.", "the second half", "2019-H2", "document_date"),
        ("Profit rose in the first quarter.", "the first quarter", "2019-Q1", "document_date"),
        ("Third-quarter profit fell.", "Third-quarter", "2019-Q3", "document_date"),
        ("Sales collapsed in the third quarter of 1990.", "the third quarter of 1990", "1990-Q3", "none"),
        ("It was agreed in the 1998-99 budget talks.", "1998-99", "1998", "none"),
        ("The dam was finished at Christmas 2004.", "Christmas 2004", "2004-12-25", "none"),
        ("Shops will close on Thanksgiving.", "Thanksgiving", "2019-11-28", "document_date"),
        ("Shops closed on Thanksgiving.", "Thanksgiving", "2018-11-22", "document_date"),
    ],
)
def test_written_dates_resolve_as_written(sentence, text, value, anchor):
    ref = one(sentence)
    assert (ref.text, ref.type, ref.value, ref.anchor) == (text, "DATE", value, anchor)


@pytest.mark.parametrize(
    "sentence, text, value, mod",
    [
        ("Talks stalled in mid-2009.", "mid-2009", "2009", "MID"),
        ("The boom began in the early 1990s.", "the early 1990s", "199X", "START"),
        ("Some 35,000 people died since the end of 2006.", "the end of 2006", "2006", "END"),
        ("The plant opens early next year.", "early next year", "2020", "START"),
        ("The deal was signed in late September.", "late September", "2019-09", "END"),
    ],
)
def test_modifiers_are_kept_in_the_span_and_the_mod(sentence, text, value, mod):
    ref = one(sentence)
    assert (ref.text, ref.value, ref.mod) == (text, value, mod)


@pytest.mark.parametrize(
    "sentence, text, type_, value, granularity",
    [
        ("Sales fell last year.", "last year", "DATE", "2018", "year"),
        ("Sales will rise this year.", "this year", "DATE", "2019", "year"),
        ("The vote is due next month.", "next month", "DATE", "2019-12", "month"),
        ("Protests began last month.", "last month", "DATE", "2019-10", "month"),
        ("The past week was the hardest.", "The past week", "DATE", "2019-W44", "week"),
        ("He is in Paris this week.", "this week", "DATE", "2019-W45", "week"),
        ("Yesterday the army withdrew.", "Yesterday", "DATE", "2019-11-04", "day"),
        ("The army withdrew today.", "today", "DATE", "2019-11-05", "day"),
        ("The summit opens tonight.", "tonight", "TIME", "2019-11-05TNI", "day"),
        ("She told reporters this morning that it was over.", "this morning", "TIME", "2019-11-05TMO", "day"),
        ("He spoke this afternoon.", "this afternoon", "TIME", "2019-11-05TAF", "day"),
        ("Two years ago, the plant closed.", "Two years ago", "DATE", "2017", "year"),
        ("The crops failed last summer.", "last summer", "DATE", "2019-SU", "season"),
    ],
)
def test_relative_expressions_count_from_the_article_date(sentence, text, type_, value, granularity):
    ref = one(sentence)
    assert (ref.text, ref.type, ref.value, ref.granularity) == (text, type_, value, granularity)
    assert ref.anchor == "document_date"


@pytest.mark.parametrize(
    "sentence, text, value",
    [
        ("Now the talks are over.", "Now", "PRESENT_REF"),
        ("Currently, the army holds the city.", "Currently", "PRESENT_REF"),
        ("The group recently split.", "recently", "PAST_REF"),
        ("Nobody knows what the future holds.", "the future", "FUTURE_REF"),
    ],
)
def test_reference_values(sentence, text, value):
    ref = one(sentence)
    assert (ref.text, ref.type, ref.value) == (text, "DATE", value)


def test_weekday_direction_follows_the_tense():
    assert one("Officials met Monday in the capital.").value == "2019-11-04"
    assert one("Officials will meet on Monday in the capital.").value == "2019-11-11"
    assert one("The minister said Tuesday that it will go ahead.").value == "2019-11-05"  # the article's day
    assert one("Last Friday, the border closed.").value == "2019-11-01"
    assert one("Next Friday the border reopens.").value == "2019-11-08"
    assert one("Monday's vote was close.").value == "2019-11-04"


@pytest.mark.parametrize(
    "sentence, text, value, mod",
    [
        ("He served 20 years in prison.", "20 years", "P20Y", None),
        ("The repairs took three months.", "three months", "P3M", None),
        ("They have fought for years.", "years", "PXY", None),
        ("The war lasted a decade.", "a decade", "P10Y", None),
        ("A two-day strike began.", "two-day", "P2D", None),
        ("Over the past three years, crime fell.", "the past three years", "P3Y", None),
        ("The siege lasted more than a week.", "more than a week", "P1W", "MORE_THAN"),
        ("He waited half an hour.", "half an hour", "PT30M", None),
        ("The trial took 2 1/2 years.", "2 1/2 years", "P2Y6M", None),
        ("They talked for five hours.", "five hours", "PT5H", None),
    ],
)
def test_durations(sentence, text, value, mod):
    ref = one(sentence)
    assert (ref.text, ref.type, ref.value, ref.mod) == (text, "DURATION", value, mod)


@pytest.mark.parametrize(
    "sentence, text, value",
    [
        ("The bomb went off at 3 p.m.", "3 p.m.", "2019-11-05T15:00"),
        ("They met at noon.", "noon", "2019-11-05T12:00"),
        ("The curfew starts at midnight.", "midnight", "2019-11-05T24:00"),
        ("Troops arrived Tuesday night.", "Tuesday night", "2019-11-05TNI"),
        ("The offer expires at 5 p.m. EST, Nov. 6.", "5 p.m. EST, Nov. 6", "2019-11-06T17:00"),
        ("The polls close at 8:30 p.m. tomorrow.", "8:30 p.m. tomorrow", "2019-11-06T20:30"),
    ],
)
def test_clock_times(sentence, text, value):
    ref = one(sentence)
    assert (ref.text, ref.type, ref.value) == (text, "TIME", value)


@pytest.mark.parametrize(
    "sentence, text, value",
    [
        ("Elections are held every year.", "every year", "P1Y"),
        ("The report is published annually.", "annually", "P1Y"),
        ("The paper appears daily.", "daily", "P1D"),
        ("The board meets each month.", "each month", "P1M"),
        ("The magazine appears weekly.", "weekly", "P1W"),
        ("The council meets each Thursday.", "each Thursday", "XXXX-WXX-4"),
        ("The licence costs $150 a year.", "a year", "P1Y"),
    ],
)
def test_sets(sentence, text, value):
    ref = one(sentence)
    assert (ref.text, ref.type, ref.value) == (text, "SET", value)


def test_spans_leave_out_prepositions_and_keep_determiners():
    assert found("It happened on Friday in the third quarter since 2007.") == [
        ("Friday", "DATE", "2019-11-01"),
        ("the third quarter", "DATE", "2019-Q3"),
        ("2007", "DATE", "2007"),
    ]


def test_non_times_are_left_alone():
    assert tag("Theresa May said Smith may resign. He scored 1,995 points and 2000 troops left.", DCT) == []
    assert tag("A 6-year-old girl and her 30-year-old mother were hurt.", DCT) == []
    assert tag("Good Friday is near; Black Monday was bad.", DCT)[0].text == "Good Friday"


def test_ids_follow_body_order_and_offsets_slice_the_text():
    text = "On Monday, two years after the war, troops left. The next day they returned; now they stay."
    refs = tag(text, DCT, document="doc-1")
    assert [r.id for r in refs] == [f"t{i}" for i in range(1, len(refs) + 1)]
    assert [r.start for r in refs] == sorted(r.start for r in refs)
    for r in refs:
        assert text[r.start : r.end] == r.text
        assert r.document == "doc-1" and r.stage == "times@3"
        assert r.type in ("DATE", "TIME", "DURATION", "SET")


def test_anchor_names_the_expression_counted_from():
    refs = tag("The decision came on March 3, 2019. The next day, protests began.", DCT)
    assert [(r.id, r.value, r.anchor) for r in refs] == [
        ("t1", "2019-03-03", "none"),
        ("t2", "2019-03-04", "t1"),
    ]
    refs = tag("The war ended in 1945. Two years later, a treaty was signed.", DCT)
    assert (refs[1].value, refs[1].anchor) == ("1947", "t1")
    refs = tag("Deaths rose in 2010, a 60 percent increase over the previous year.", DCT)
    assert [(r.text, r.value, r.anchor) for r in refs] == [
        ("2010", "2010", "none"),
        ("the previous year", "2009", "t1"),
    ]


def test_without_an_article_date_relative_values_keep_placeholders():
    refs = tag("Yesterday, on Monday, last week and in March 2010, prices fell; now they rise.", None)
    values = {r.text: (r.value, r.anchor, r.confidence) for r in refs}
    assert values["Yesterday"][0] == "XXXX-XX-XX"
    assert values["Monday"][0] == "XXXX-WXX-1"
    assert values["last week"][0] == "XXXX-WXX"
    assert values["March 2010"] == ("2010-03", "none", values["March 2010"][2])
    assert values["now"][0] == "PRESENT_REF"
    assert values["Yesterday"][2] <= NO_DATE_CONFIDENCE < values["March 2010"][2]


def test_confidence_rests_on_the_article_date():
    text = "Officials met yesterday to review the December 2009 cable."
    sure = {r.text: r.confidence for r in tag(text, DCT)}
    unsure = {r.text: r.confidence for r in tag(text, DCT, dct_confidence=0.5)}
    assert unsure["yesterday"] == pytest.approx(sure["yesterday"] * 0.5, abs=1e-3)
    assert unsure["December 2009"] == sure["December 2009"]  # absolute: does not rest on the date


def test_run_reads_the_article():
    article = Article(id="a1", source="x.txt", reader="text", body="Troops left last week.",
                      published="2011-02-10", published_confidence=0.8)  # fmt: skip
    (ref,) = run(article, None, None)
    assert (ref.document, ref.value, ref.anchor) == ("a1", "2011-W05", "document_date")
    assert ref.confidence == pytest.approx(0.9 * 0.8, abs=1e-3)
    undated = Article(id="a2", source="y.txt", reader="text", body="Troops left last week.")
    (ref,) = run(undated, None, None)
    assert ref.value == "XXXX-WXX"


def test_infer_date_proposes_the_latest_written_day():
    guess = infer_date(
        "Officials said on Jan. 29, 2019 that talks failed. Yesterday they met. A vote will be held on March 3, 2020."
    )
    assert guess is not None and guess[0] == "2019-01-29" and 0 < guess[1] < 1 and "Jan. 29, 2019" in guess[2]
    assert infer_date("Nothing dated here, only yesterday.") is None


_WORDS = ["the", "last", "next", "week", "Monday", "Jan.", "29", "2019", "1990s", "years", "ago", "a",
          "three", "-", "day", "p.m.", "5", "every", "year", "early", "mid", "now", ",", ".", "'", "’s",
          "of", "quarter", "third", "fiscal", "1998-99", "half", "an", "hour", "noon", "Friday", "night",
          "since", "end", "more", "than", "twenty", "four", "hours", "\n", "$", "%", "May"]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.one_of(st.sampled_from(_WORDS), st.text(max_size=6)), max_size=30),
    st.sampled_from([None, DCT, "1998-02-06", "2000-01-01T00:00:00"]),
)
def test_offsets_always_slice_to_the_text(words, dct):
    text = " ".join(words)
    refs = tag(text, dct)
    previous_end = 0
    for i, r in enumerate(refs, 1):
        assert text[r.start : r.end] == r.text and r.text
        assert r.start >= previous_end  # no overlaps, body order
        previous_end = r.end
        assert r.id == f"t{i}"
        assert 0.0 <= r.confidence <= 1.0
        assert r.anchor == "none" or r.anchor == "document_date" or r.anchor in {f"t{j}" for j in range(1, i)}


# ------------------------------------------------------------------------------------------ the seeds


def _seed_articles(tmp_path) -> dict[str, Article]:
    import newsprism

    with newsprism.open(tmp_path / "t.db", analyse=False) as corpus:
        corpus.ingest(str(SEEDS))
        return {Path(a.source.split("#")[0]).name[:3]: a for a in corpus.documents()}


def _values(article: Article) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in tag(article.body, article.published):
        out.setdefault(r.text.lower(), []).append(r.value)
    return out


@pytest.mark.shared
@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/corpus/seeds is absent")
def test_seed_articles_resolve_against_their_own_dates(tmp_path):
    articles = _seed_articles(tmp_path)
    # WSWS, 10 February 2011 (a Thursday)
    wsws_2011 = articles["000"]
    assert wsws_2011.published.startswith("2011-02-10")
    v = _values(wsws_2011)
    assert v["monday"] == ["2011-02-07"]
    assert v["last month"] == ["2011-01"]
    assert v["tuesday"] == ["2011-02-08", "2011-02-08"]
    assert v["the end of 2006"] == ["2006"] and v["2010"] == ["2010"]
    assert v["the previous year"] == [
        "2009"
    ]  # "killed in 2010 alone, a 60 percent increase over the previous year"
    # WSWS, 6 November 2019 (a Wednesday)
    wsws_2019 = articles["001"]
    assert wsws_2019.published.startswith("2019-11-06")
    v = _values(wsws_2019)
    assert v["yesterday"] == ["2019-11-05", "2019-11-05"]
    assert v["monday"] == ["2019-11-04"]
    assert v["last week"] == ["2019-W44"]
    assert v["last month"] == ["2019-10"]
    assert v["saturday"] == ["2019-11-02"]
    assert v["september 11, 1973"] == ["1973-09-11"]
    # Sputnik, 2019-11-07 01:42 UTC (a Thursday): the events it reports are Monday to Wednesday
    sputnik = articles["003"]
    v = _values(sputnik)
    assert set(v["monday"]) == {"2019-11-04"}  # "Monday" and "Monday's"
    assert v["tuesday"] == ["2019-11-05"]
    assert v["wednesday"] == ["2019-11-06"]
    assert v["april 2018"] == ["2018-04"]
    # TalkLeft, undated in the text: written dates resolve as written, "Jan. 29" in the article's year
    talkleft = articles["002"]
    v = _values(talkleft)
    assert v["december 2009"] == ["2009-12"]
    year = int(talkleft.published[:4]) if talkleft.published else None
    refs = {r.text: r for r in tag(talkleft.body, talkleft.published)}
    assert refs["Jan. 29"].value[4:] == "-01-29"
    if year is not None:
        assert refs["Jan. 29"].value[:4] == str(year)
        assert refs["Jan. 29"].anchor == "document_date"
    # NPR: "this morning" and "yesterday" follow whatever date the article got
    npr = articles["004"]
    refs = {r.text: r for r in tag(npr.body, npr.published)}
    if npr.published:
        day = npr.published[:10]
        assert refs["this morning"].value == day + "TMO"
    for article in articles.values():
        for r in tag(article.body, article.published):
            assert article.body[r.start : r.end] == r.text


VOA = SHARED / "corpus" / "voa" / "voa_stories.jsonl"


@pytest.mark.shared
@pytest.mark.skipif(not VOA.is_file(), reason="../shared/corpus/voa is absent")
def test_trigger_words_miss_no_match_on_real_news():
    """The finder tries only words that can begin an expression; trying every character finds the same."""
    import json

    from newsprism.stages.times import finder

    texts = [
        json.loads(line)["text"] for line in VOA.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    for text in texts:
        everywhere = [(s, [(r.name, m.end()) for r, m in o]) for s, o in finder.scan(text, everywhere=True)]
        triggered = [(s, [(r.name, m.end()) for r, m in o]) for s, o in finder.scan(text)]
        assert triggered == everywhere


def test_an_undated_article_is_tagged_against_the_date_its_text_proposes():
    from newsprism.records import Article
    from newsprism.stages.times import run

    body = "The mayor resigned on March 3, 2021. Protesters gathered yesterday outside city hall."
    refs = run(Article(id="d", source="s", reader="text", body=body), None, None)
    yesterday = next(r for r in refs if r.text == "yesterday")
    assert yesterday.value == "2021-03-02" and yesterday.anchor == "document_date"
    assert "inferred from the text" in yesterday.reason and yesterday.confidence < 0.6


def test_a_plan_told_in_the_past_perfect_points_back():
    # "had been due to" is a plan that belonged to the past: the Friday already gone
    assert one("The strike had been due to end Friday.").value == "2019-11-01"
    assert one("The strike is due to end Friday.").value == "2019-11-08"
    assert one("Talks had originally been scheduled to resume Monday.").value == "2019-11-04"
    # the "had" is the cue, not the verb beside the date: a near date keeps its year
    assert one("The bid had been set to expire Nov. 20.").value == "2019-11-20"


def test_putting_off_until_a_day_points_forward():
    assert one("The judge postponed until Thursday any ruling on bail.").value == "2019-11-07"
    assert one("The council delayed until Monday a vote on the budget.").value == "2019-11-11"
    assert one("The council delayed the vote on Monday.").value == "2019-11-04"


def test_a_clock_time_takes_the_day_written_after_a_bracketed_aside():
    refs = found("The quake struck at 4:10 p.m. (0910 GMT) Sunday, toppling homes.")
    assert refs == [("4:10 p.m.", "TIME", "2019-11-03T16:10"), ("Sunday", "DATE", "2019-11-03")]


def test_the_previous_weekday_counts_from_the_day_mentioned_before():
    text = "Shares fell on Oct. 30. The index was down 3% from the previous Friday."
    assert found(text)[-1] == ("the previous Friday", "DATE", "2019-10-25")
    text = "The ceasefire began on Oct. 30. Fighting resumed the following Sunday."
    assert found(text)[-1] == ("the following Sunday", "DATE", "2019-11-03")
    assert one("The index was down 3% from the previous Friday.").value == "2019-11-01"  # the article date's


def test_the_week_of_a_day_is_that_week():
    assert found("The trial opens the week of Nov. 18.") == [("the week of Nov. 18", "DATE", "2019-W47")]
    refs = found("Hearings ran the week of 4 March 2019.")
    assert refs == [("the week of 4 March 2019", "DATE", "2019-W10")]


def test_a_part_of_the_day_alone_falls_on_the_day_mentioned_before():
    text = "Rebels attacked the town on Monday. By mid afternoon, troops had retaken it."
    assert found(text) == [("Monday", "DATE", "2019-11-04"), ("mid afternoon", "TIME", "2019-11-04TAF")]
    assert found("Voting was brisk in the morning.") == [("the morning", "TIME", "2019-11-05TMO")]
    assert found("The story ran in the morning papers.") == []


def test_programme_titles_and_idioms_are_not_times():
    assert found('The senator, speaking on ABC\'s "This Week," denied the report.') == []
    assert found("For the party, high noon comes next month.") == [("next month", "DATE", "2019-12")]
    assert found("This Week, the senator denied the report.")[0][0] == "This Week"  # a sentence's start
    assert found("The vote is at noon.") == [("noon", "TIME", "2019-11-05T12:00")]


def test_soon_is_a_future_reference_only_beside_a_word_pointing_ahead():
    assert found("The ministry may soon lift the ban.") == [("soon", "DATE", "FUTURE_REF")]
    assert found("The firm soon will open a plant.") == [("soon", "DATE", "FUTURE_REF")]
    assert found("He was soon released from hospital.") == []
    assert found("Aid will arrive as soon as roads reopen.") == []


def test_one_day_after_a_modal_is_some_future_time():
    assert found("Analysts say the city could one day host the games.") == [("one day", "DATE", "FUTURE_REF")]
    assert found("The strike lasted one day.") == [("one day", "DURATION", "P1D")]


def test_then_current_points_to_a_past_time():
    assert found("Shares were issued at the then-current price.") == [("then-current", "DATE", "PAST_REF")]
    assert found("Shares are issued at the current price.") == [("current", "DATE", "PRESENT_REF")]


def test_the_quarter_a_year_ago_is_one_expression():
    text = "For the quarter a year ago, the bank earned $12 million."
    assert found(text) == [("the quarter a year ago", "DATE", "2018-Q3")]


def test_a_month_before_a_possessive_is_still_the_month():
    assert found("The agency revised October's jobs figures.") == [("October", "DATE", "2019-10")]


def test_the_first_months_and_their_year_are_two_expressions():
    refs = found("Output fell in the first nine months of 2018.")
    assert refs == [("the first nine months", "DURATION", "P9M"), ("2018", "DATE", "2018")]


def test_coming_quarters_and_the_latest_fiscal_year():
    assert found("Margins may narrow in coming quarters.") == [("coming quarters", "DURATION", "PXQ")]
    assert found("Sales reached $2 billion in the latest fiscal year.") == [
        ("the latest fiscal year", "DATE", "2018")
    ]


def test_a_year_earlier_looks_past_the_closing_day_to_the_reported_quarter():
    text = "Profit rose in the quarter ended Sept. 30 to $5 million from $4 million a year earlier."
    assert found(text)[-1] == ("a year earlier", "DATE", "2018-Q3")
    text = "Profit rose in the quarter. In 2017, it fell sharply, from $4 million a year earlier."
    assert found(text)[-1] == ("a year earlier", "DATE", "2018")  # a year in between: not the quarter


def test_a_month_with_a_named_year_is_one_expression():
    assert found("The plant closed in March last year.") == [("March last year", "DATE", "2018-03")]
    assert found("The treaty takes effect in April next year.") == [("April next year", "DATE", "2020-04")]
    refs = found("The deal was signed on Dec. 5 of last year.")
    assert refs == [("Dec. 5 of last year", "DATE", "2018-12-05")]


def test_calendar_arithmetic_out_of_range_falls_back_to_the_amount():
    assert found("The rocks formed 2019 years ago.") == [("2019 years", "DURATION", "P2019Y")]


def test_a_day_before_a_lower_case_may_or_march_is_no_date():
    assert found("Children under 18 may not play.") == []
    assert found("About 10,000 march on the capital.") == []
    assert [v for _, _, v in found("The law passed on 18 May.")] == ["2019-05-18"]
