"""Stage ``figures``: amounts on hand-written sentences (every form), and the numbers of the seed articles."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsprism
from newsprism import nlp
from newsprism.records import Article, Figure
from newsprism.stages import entities, figures, times
from newsprism.stages.figures.scan import scan
from newsprism.stages.figures import nouns
from newsprism.stages.figures.lexicon import get
from newsprism.stages.registry import StageContext

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"


def one(text: str):
    found = scan(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "unit", "bound"),
    [
        ("over $1.4 billion", 1.4e9, "USD", "lower"),
        ("some 35,000", 35000, None, "approx"),
        ("a quarter-billion dollars", 2.5e8, "USD", "exact"),
        ("tens of thousands", 10000, None, "lower"),
        ("1.6bn euros", 1.6e9, "EUR", "exact"),
        ("€3.5m", 3.5e6, "EUR", "exact"),
        ("nearly 60%", 60, "percent", "upper"),
        ("60 per cent", 60, "percent", "exact"),
        ("twenty-five", 25, None, "exact"),
        ("up to 400", 400, None, "upper"),
        ("2 million pesos", 2e6, "MXN", "exact"),
        ("US$5", 5, "USD", "exact"),
        ("half a million", 5e5, None, "exact"),
        ("12 miles", 12, "mile", "exact"),
        ("155mph", 155, "mile per hour", "exact"),
        ("minus-130 degrees Fahrenheit", -130, "fahrenheit", "exact"),
        ("200 or more", 200, None, "lower"),
    ],
)
def test_amount_forms(text, value, unit, bound):
    a = one(text)
    assert a.value == pytest.approx(value) and a.unit == unit and a.bound == bound
    assert a.text == text


def test_ranges_share_unit_and_scale():
    a = one("between 20 and 30 troops")
    assert (a.value, a.high) == (20, 30)
    b = one("1 to 2 thousand")
    assert (b.value, b.high) == (1000, 2000)
    c = one("from $200,000 to $414 million")
    assert (c.value, c.high, c.unit) == (200000, 4.14e8, "USD")
    d = one("15 to 22 miles per hour")
    assert (d.value, d.high, d.unit) == (15, 22, "mile per hour")


def test_ages_rates_and_labels_in_the_scanner():
    age = one("a 35-year-old man")
    assert (age.value, age.unit, age.family) == (35, "year", "age")
    rate = one("$2.11 per gallon")
    assert rate.unit == "USD per gallon" and rate.family == "rate"
    assert scan("COVID-19 and the G20") == []


def _run(text: str, published: str | None = "2011-02-10") -> list[Figure]:
    article = Article(id="a1", source="test", reader="text", body=text, published=published)
    doc = nlp.parse_one(text)
    ctx = StageContext(results={
        "entities": entities.run(article, doc, StageContext()),
        "times": times.run(article, None, StageContext()),
    })  # fmt: skip
    found = figures.run(article, doc, StageContext(results={**ctx.results, "quotes": []}))
    for f in found:
        assert text[f.start : f.end] == f.text and f.stage == figures.STAGE
        for span in (f.counted, f.source, f.sentence):
            assert span is None or text[span.start : span.end] == span.text
    return found


def test_counted_nouns_and_families():
    found = _run(
        "Police said 12 soldiers and more than 250,000 homicides were recorded, while 40 people were killed."
    )
    by_text = {f.text: f for f in found}
    assert by_text["12"].unit == "soldier" and by_text["12"].unit_family == "troops"
    assert (
        by_text["more than 250,000"].unit == "homicide"
        and by_text["more than 250,000"].unit_family == "deaths"
    )
    assert by_text["40"].unit == "death"  # "40 people were killed": a death toll


def test_non_figures_are_left_out():
    text = (
        "On March 3, 2010 at 10:30 a.m. the first of the 1990s reforms, Article 5, took effect; "
        "one of them said Boeing 737 jets were grounded in 2019."
    )
    assert [f.text for f in _run(text)] == []


def test_source_and_scope():
    text = "Congress gave at least $310 million to the navy since 2007, according to the Budget Office."
    (f,) = _run(text)
    assert f.value == 3.1e8 and f.bound == "lower" and f.qualifier == "at least"
    assert f.source is not None and f.source.text == "the Budget Office"
    assert f.scope and f.counted is not None and "navy" in f.counted.text


@pytest.mark.shared
@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/corpus/seeds is absent")
def test_seed_articles(tmp_path):
    with newsprism.open(tmp_path / "s.db") as corpus:
        report = corpus.ingest([str(SEEDS)])
        assert not report.analysis.failed  # every span was checked against the body on the way in
        figs = [Figure.from_dict(r) for _, recs in corpus.store.stage_records("figures") for r in recs]
        mentions = {
            r["id"] + r["document"]: r for _, recs in corpus.store.stage_records("entities") for r in recs
        }
        times_by = {
            r["id"] + r["document"]: r for _, recs in corpus.store.stage_records("times") for r in recs
        }
    by_text = {f.text: f for f in figs}
    over = by_text["over $1.4 billion"]
    assert over.value == 1.4e9 and over.unit == "USD" and over.bound == "lower"
    assert "armed forces" in over.counted.text
    merida = by_text["$1.6 billion"]
    assert merida.value == 1.6e9 and merida.counted.text == "Merida Initiative"
    assert any("Merida" in mentions[m + merida.document]["text"] for m in merida.about)
    assert any("Washington Office" in (f.source.text if f.source else "") for f in figs if f.value == 3.1e8)
    deaths = by_text["some 35,000"]
    assert deaths.bound == "approx" and deaths.unit_family == "deaths" and deaths.counted.text == "Mexicans"
    assert any("2006" in times_by[t + deaths.document]["text"] for t in deaths.scope)
    homicides = by_text["more than 250,000"]
    assert homicides.unit == "homicide" and homicides.bound == "lower" and homicides.quote
    troops = by_text["roughly 5,000"]
    assert troops.unit == "soldier" and troops.unit_family == "troops" and "border" in troops.counted.text
    assert by_text["more than 50,000"].unit == "troop"
    assert by_text["60 percent"].value == 60 and by_text["60 percent"].unit == "percent"
    assert not any(f.value in (2006, 2007, 2008, 2009, 2010, 1913, 1973) and f.unit is None for f in figs)


def test_currency_symbols_glued_to_the_number():
    us, au = scan("The villa sold for $US4,250,000 ($A6,390,000) last spring.")
    assert (us.value, us.unit, au.value, au.unit) == (4250000, "USD", 6390000, "AUD")
    # "£" and "¥" as ASCII transliteration writes them, only when glued to the number
    pounds, yen = scan("The bid was worth PS3.2bn while the shares closed at Y=1,420.")
    assert (pounds.value, pounds.unit, yen.value, yen.unit) == (3.2e9, "GBP", 1420, "JPY")
    assert scan("The PS 4 console")[0].unit is None
    assert scan("UPS5 is a parcel code") == []


def test_long_numbers_are_not_dates():
    found = _run("The county recorded 1384210 votes in 2020, against 1250377 four years earlier.")
    assert {f.value for f in found} >= {1384210, 1250377}


def test_ranges_with_or_and_from_to():
    a = one("two or three weeks")
    assert (a.value, a.high, a.unit) == (2, 3, "week")
    b = one("5 or 6 per cent")
    assert (b.value, b.high, b.unit) == (5, 6, "percent")
    # "from ... to" spans a few words and a year between
    c = scan("Output rose from 40 barrels in 2019 to 65 barrels last year.")
    assert [(x.value, x.high, x.unit) for x in c] == [(40, 65, "barrel")]
    d = scan("Prices fell from 12 euros a kilo to 9 in the spring.")
    assert (d[0].value, d[0].high, d[0].unit) == (12, 9, "EUR per kilogram")


def test_not_ranges_change_and_level_or_year_and_amount():
    by = scan("Exports grew by $2.5 billion to $310 billion.")
    assert [(x.value, x.high) for x in by] == [(2.5e9, None), (3.1e11, None)]
    years = scan("Sales went from 20 units in 2015 to 2016 forecasts")
    assert (years[0].value, years[0].high) == (20, None)
    assert [x.high for x in scan("The count moved from 2008 to 29 tonnes.")] == [None, None]


def test_vague_plurals_of_a_power_of_ten_are_ranges():
    a = one("thousands of dollars")
    assert (a.value, a.high, a.unit, a.bound) == (1000, 10000, "USD", "lower")
    b = one("tens of thousands")
    assert (b.value, b.high) == (10000, 100000)
    assert one("dozens").high is None


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("a dose of 2.5×10−6 grams", 2.5e-6, "gram"),
        ("roughly 7.8 x 10^9 people", 7.8e9, None),
        ("a speed of 3×10⁸ metres", 3e8, "metre"),
    ],
)
def test_scientific_notation_is_one_amount(text, value, unit):
    a = one(text)
    assert a.value == pytest.approx(value) and a.unit == unit


def test_measures_per_unit_of_time():
    glacier = one("the glacier retreats 30 metres a year")
    assert (glacier.unit, glacier.family) == ("metre per year", "rate")
    assert one("sea levels rising 2 feet per century").unit == "foot per century"
    assert one("a 40 kilometres journey").unit == "kilometre"


def test_one_of_the_biggest_counts_one():
    (f,) = _run("The lender is one of the biggest banks in the region, analysts said.")
    assert (f.value, f.unit) == (1, "bank")
    assert _run("One of the cables snapped during the storm.") == []


def test_plural_proper_nouns_are_counted():
    (f,) = [x for x in _run("The club has played in four straight Super Bowls since 2015.") if x.value == 4]
    assert f.unit == "bowl"


def test_counted_nouns_per_unit_of_time_and_no_time_word_as_unit():
    (f,) = _run("The clinic now runs 400 scans per day across the city.")
    assert f.unit == "scan per day"
    g = [x for x in _run("Growth was 3.2 percent in 2017 and 2.8 last year.") if x.value == 2.8]
    assert g and g[0].unit == "percent"  # "last year" says when, not what is counted: 2.8 shares the percent


def test_a_number_range_in_an_address_is_not_a_figure():
    assert [f.text for f in _run("The shop at 12-14 Market Street closed for repairs.")] == []


def test_money_per_unit_of_time_but_not_a_year_earlier():
    assert one("a contract worth £150,000 a week").unit == "GBP per week"
    assert one("fees of $40 per month").unit == "USD per month"
    earlier = scan("Sales rose to $5.1 billion from $4.8 billion a year earlier.")
    assert [x.unit for x in earlier] == ["USD", "USD"]
    assert one("the ice shrank 12 metres a decade ago").unit == "metre"


def test_temperatures_glued_to_c_and_f():
    assert one("highs of 38C").unit == "celsius"
    assert one("a low of 14F").unit == "fahrenheit"


def test_glued_m_before_a_plural_noun_is_million():
    found = _run("The clip drew 12m views and 3m people shared it, on a 50m wall.")
    assert [(f.value, f.unit) for f in found] == [(12e6, "view"), (3e6, "person"), (50, "metre")]
    assert one("the 110m hurdles").unit == "metre"


def test_no_number_inside_a_clock_time():
    assert [a.text for a in scan("She finished in 2:08:31 at the marathon")] == ["2"]


def test_a_bare_number_shares_the_unit_next_to_it():
    found = _run("The FTSE gained 1.5 percent but the CAC lost 0.4 on Friday.")
    assert [(f.value, f.unit) for f in found] == [(1.5, "percent"), (0.4, "percent")]
    raised = _run("The club has raised 40 million of the 90 million euros it needs.")
    assert [(f.value, f.unit) for f in raised] == [(4e7, "EUR"), (9e7, "EUR")]
    level = _run("The index rose 0.8% to 15,320 on Tuesday.")
    assert [(f.value, f.unit) for f in level] == [(0.8, "percent"), (15320, None)]


def test_a_change_then_the_level_is_two_amounts():
    assert [(a.value, a.high, a.unit) for a in scan("Shares rose 4% to 212 after the results.")] == [
        (4, None, "percent"), (212, None, None)
    ]
    assert (one("$3 to 5 billion").value, one("$3 to 5 billion").high) == (3e9, 5e9)
    assert one("from 5% to 6").high == 6


def test_scaled_pounds_are_sterling():
    assert one("a 350 million pounds takeover").unit == "GBP"
    assert one("a 300 pounds weight").unit == "pound-mass"


def test_counted_nouns_after_a_name_and_numbers_inside_them():
    found = _run("The army received 14 Leopard tanks and 40 Bradley vehicles.")
    assert [(f.value, f.unit) for f in found] == [(14, "tank"), (40, "vehicle")]
    (jets,) = _run("The carrier is grounding three new 787 Dreamliner jets.")
    assert (jets.value, jets.unit) == (3, "jet")


def test_a_bare_number_after_from_shares_the_unit():
    found = _run("Sales climbed to 4.2 million cars from 3.9 million.")
    assert [(f.value, f.unit) for f in found] == [(4.2e6, "car"), (3.9e6, "car")]


def test_plus_or_minus_is_a_margin_and_rates_range_with_their_unit():
    assert one("plus or minus 2.5 percentage points").value == 2.5
    fuel = one("from 140p to 150p per litre")
    assert (fuel.value, fuel.high, fuel.unit) == (140, 150, "penny per litre")


def test_a_share_of_a_counted_whole():
    found = _run("Four of the nine judges dissented.")
    assert [(f.value, f.unit) for f in found] == [(4, "judge"), (9, "judge")]


def test_dozen_multiplies():
    assert one("half a dozen ministers").value == 6
    assert one("two dozen eggs").value == 24
    assert one("dozens").value == 12


def test_after_a_change_word_two_amounts_with_their_units_are_change_and_level():
    oil = scan("Oil rose $1.20 to $65.40 a barrel.")
    assert [(a.value, a.high, a.unit) for a in oil] == [(1.2, None, "USD"), (65.4, None, "USD per barrel")]
    assert one("Prices rose 2 to 3 percent").high == 3  # the low end writes no unit: still a range
    assert one("a penalty of $2 billion to $4 billion").high == 4e9  # no change word


def test_a_falling_to_pair_is_a_tally_not_a_range():
    assert [(a.value, a.high) for a in scan("The vote was 52 to 48.")] == [(52, None), (48, None)]
    assert one("It dropped from $75 to $45.88").high == 45.88  # after "from" it is still a range


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [("3 1/2 hours", 3.5, "hour"), ("2½ miles", 2.5, "mile"), ("1/2 mile", 0.5, "mile"), ("3-1/2 inches", 3.5, "inch")],
)
def test_written_fractions_add_to_the_whole_number(text, value, unit):
    a = one(text)
    assert (a.value, a.unit, a.text) == (pytest.approx(value), unit, text)


def test_a_slash_fraction_glued_to_a_whole_number_is_not_one():
    assert [a.value for a in scan("rose 31/2 times")] != [3.5]


@pytest.mark.parametrize(
    ("text", "value"),
    [("one hundred and fifty", 150), ("three hundred twenty", 320), ("a hundred and ten", 110),
     ("five hundred and sixty-two", 562), ("two thousand five hundred", 2500)],
)  # fmt: skip
def test_numbers_in_words_compose(text, value):
    a = one(text)
    assert (a.value, a.text) == (value, text)


def test_numbers_in_words_do_not_compose_across_a_comma_or_upwards():
    assert [a.value for a in scan("one thousand, five hundred")] == [1000, 500]
    assert [a.value for a in scan("a hundred or two hundred")][:1] == [100]


def test_a_number_spacy_calls_a_date_still_counts_the_plural_noun_after_it():
    doc = nlp.parse_one("Two thousand five hundred people attended.")
    art = Article(id="d", source="t", reader="text", body=doc.text)
    found = figures.run(art, doc, StageContext())
    assert [(f.value, f.unit) for f in found] == [(2500, "person")]


@pytest.mark.parametrize(
    ("text", "unit"),
    [("35 psi", "pound per square inch"), ("36 gigatonnes", "gigatonne"), ("5 yrs", "year"), ("400 ha", "hectare"),
     ("17 km/s", "kilometre per second"), ("1,500cc", "millilitre"), ("950 hPa", "hectopascal"),
     ("40 degrees C", "celsius"), ("400kV", "kilovolt"), ("12 per-cent", "percent"), ("2 amps", "ampere"),
     ("0.5 percentage-point", "percentage point"), ("2 tablespoons", "tablespoon"), ("1,000 nits", "candela per square metre")],
)  # fmt: skip
def test_more_units_and_abbreviations(text, unit):
    a = one(text)
    assert (a.unit, a.text) == (unit, text)


def test_abbreviations_that_are_also_capitalised_words_are_case_sensitive():
    assert one("300 HR").unit is None  # human resources, not hours
    assert one("3 SEC").unit is None


@pytest.mark.parametrize(
    ("text", "unit"),
    [("NT$30 billion", "TWD"), ("2 trillion baht", "THB"), ("10 billion zlotys", "PLN"), ("KRW 5 billion", "KRW"),
     ("₺50 billion", "TRY"), ("RM5 million", "MYR"), ("100 million hryvnias", "UAH"), ("Rp 10 trillion", "IDR"),
     ("400 billion riyals", "SAR"), ("3 billion Brazilian reais", "BRL"), ("5 bitcoins", "BTC")],
)  # fmt: skip
def test_more_currencies_by_symbol_code_and_name(text, unit):
    a = one(text)
    assert (a.unit, a.family, a.text) == (unit, "currency", text)


def test_a_share_of_the_last_few_counts_them():
    assert [(f.value, f.unit) for f in _run("The team has won five of its last six games.")] == [
        (5, "game"), (6, "game")
    ]
    assert [(f.value, f.unit) for f in _run("Three of the top 10 firms left.")] == [(3, "firm"), (10, "firm")]


def test_a_bare_number_after_aged_or_age_is_an_age():
    assert [(f.value, f.unit, f.unit_family) for f in _run("The victim, aged 35, was taken to hospital.")] == [
        (35, "year", "age")
    ]
    assert [(f.value, f.unit_family) for f in _run("He became chief executive at age 40.")] == [(40, "age")]
    a = one("aged 18-24")
    assert (a.value, a.high, a.family) == (18, 24, "age")


def test_an_age_before_a_possessive_is_kept():
    assert [(f.value, f.unit_family) for f in _run("The 35-year-old's lawyer spoke.")] == [(35, "age")]
    assert _run("It was big in the 1990's.") == []


def test_a_list_of_bare_numbers_before_a_unit_shares_it():
    assert [(f.value, f.unit) for f in _run("Rates of 2, 3 and 4 percent were offered.")] == [
        (2, "percent"), (3, "percent"), (4, "percent")
    ]
    assert [f.unit for f in _run("Support was 45 percent in 2019 and 52 in 2020.")] == ["percent", "percent"]


def test_a_number_glued_to_a_word_is_a_name_and_ps_before_one_digit_a_console():
    assert _run("The 49ers won in 3D on a 5G network.") == []
    assert _run("The PS5 console sold out.") == []
    assert [(f.value, f.unit) for f in _run("Profits reached PS8.1bn.")] == [(8.1e9, "GBP")]


def test_a_hyphenated_rate_is_a_rate():
    assert (one("£1.2bn-a-year").unit, one("£1.2bn-a-year").family) == ("GBP per year", "rate")
    assert one("$15-an-hour").unit == "USD per hour"


def test_a_nationality_after_a_dollar_amount_names_the_dollar():
    assert (one("$1.2 billion Canadian").unit, one("$1.2 billion Canadian").text) == ("CAD", "$1.2 billion Canadian")
    a = one("from $82 U.S. per barrel to $51.30")
    assert (a.value, a.high, a.unit) == (82, 51.3, "USD per barrel")


def test_a_rate_after_a_conversion_in_brackets_is_the_amount_s_rate():
    found = scan("a 9 billion shekels ($2.4 billion) a year industry")
    assert [(a.value, a.unit) for a in found] == [(9e9, "ILS per year"), (2.4e9, "USD")]
    assert found[0].text == "9 billion shekels"


def test_a_number_after_a_hyphenated_adverb_is_no_label():
    assert [(f.value, f.unit, f.unit_family) for f in _run("The mother of his now-14 month-old son testified.")] == [
        (14, "month", "age")
    ]
    assert _run("The F-16 and the SARS-CoV-2 virus.") == []
    assert [f.value for f in _run("He joined the under-21 team after a top-10 finish.")] == []


def test_barrels_of_oil_and_no_rate_per_a_record():
    assert one("1 million barrels of oil").unit == "barrel of oil"
    assert one("$5 a record").unit == "USD"


@pytest.mark.parametrize(
    ("text", "unit"),
    [("48MP", "megapixel"), ("60fps", "frame per second"), ("249g", "gram"), ("6.7in", "inch"), ("1ms", "millisecond"),
     ("400Nm", "newton metre"), ("5nm", "nanometre")],
)  # fmt: skip
def test_tech_spec_symbols(text, unit):
    assert one(text).unit == unit


def test_symbols_that_are_units_only_glued():
    assert "inch" not in [a.unit for a in scan("one in 5 in 10 homes")]
    assert one("3 g").unit is None


def test_names_joined_before_a_plural_noun_qualify_it():
    found = _run("The garage fixed dozens of Ford and Toyota vans last month.")
    assert [(f.value, f.unit) for f in found] == [(12, "van")]


def test_a_bare_number_after_turned_is_an_age():
    assert [(f.value, f.unit_family) for f in _run("She turned 40 last week.")] == [(40, "age")]


def test_hyphen_ranges_after_a_unit_and_written_to():
    a = one("$20-25")
    assert (a.value, a.high, a.unit) == (20, 25, "USD")
    b = one("a 3-to-5 percent rise")
    assert (b.value, b.high, b.unit) == (3, 5, "percent")
    assert [(x.value, x.high) for x in scan("Shares rose 4% to 212.")] == [(4, None), (212, None)]


def test_slash_dates_ratios_and_written_fractions_of_a_whole():
    assert _run("The 9/11 attacks and a 24/7 service.") == []
    found = _run("About ¾ of the budget went to defence.")
    assert [(f.value, f.unit, f.counted.text) for f in found] == [(0.75, "fraction", "budget")]


@pytest.mark.parametrize(
    ("text", "value"),
    [("Three were injured in the blast.", 3), ("Police arrested eight.", 8), ("The toll rose to seven.", 7)],
)
def test_a_number_word_alone_as_subject_or_object_is_an_amount(text, value):
    assert [f.value for f in _run(text)] == [value]


def test_a_number_word_as_a_pronoun_or_one_alone_is_none():
    assert _run("The two said they would meet.") == []
    assert _run("Only one survived.") == []


@pytest.mark.parametrize(
    ("text", "unit"),
    [("25 points per game", "point per game"), ("30 points a game", "point per game"),
     ("5 tonnes per hectare", "tonne per hectare"), ("300 miles per charge", "mile per charge"),
     ("$50,000 per annum", "USD per year"), ("5 per cent", "percent"), ("5 points a record", "point")],
)  # fmt: skip
def test_measures_per_any_noun_after_per(text, unit):
    assert one(text).unit == unit


def test_counted_nouns_per_a_noun_or_a_unit():
    assert [f.unit for f in _run("He grabbed 10 rebounds per game.")] == ["rebound per game"]
    assert [f.unit for f in _run("The region has 250 people per square kilometre.")] == ["person per square kilometre"]


def test_a_tie_is_one_number():
    a = one("drew 2-2")
    assert (a.value, a.high, a.text) == (2, None, "2-2")
    assert [x.value for x in scan("won 3-1")] == [3, 1]


def test_a_count_before_names_and_a_plural_noun_counts_the_noun():
    assert [(f.value, f.unit) for f in _run("Federer has won 20 Grand Slam titles.")] == [(20, "title")]


def test_a_score_or_a_vote_tally_is_no_figure():
    assert _run("The striker scored in the 3-0 win.") == []
    assert _run("The chamber voted 301-12 to pass the measure.") == []
    assert _run("The justices split in a 5-4 ruling.") == []
    assert _run("The teams were level at 71-71 at the break.") == []
    # a rising pair is a range, and a pair before a unit is measured
    assert [(f.value, f.high, f.unit) for f in _run("Prices rose 10-15 percent.")] == [(10, 15, "percent")]
    assert [(f.value, f.unit) for f in _run("Between 1,500-3,000 fighters remain.")] == [(1500, "fighter")]


def test_a_straight_quote_closing_a_quotation_is_no_inch():
    found = _run('The chief said they had "wounded 300" rebels.')
    assert [(f.value, f.unit) for f in found] == [(300, "injury")]
    assert [(f.value, f.unit) for f in _run('The set has a 65" screen.')] == [(65, "inch")]


def test_a_number_in_a_set_phrase_is_no_figure():
    assert _run("The minister at one point threatened to resign.") == []
    assert [(f.value, f.unit) for f in _run("At one point 300 people were inside.")] == [(300, "person")]


def test_turned_before_of_is_no_age():
    assert [f.unit_family for f in _run("The ministry turned 25 of the detainees over to the police.")] != ["age"]
    assert [f.unit_family for f in _run("She turned 60 in May.")] == ["age"]


def test_counted_phrase_through_compound_modifiers_and_possessives():
    assert [f.unit for f in _run("The four army-backed parties won seats.")] == ["party"]
    assert [f.unit for f in _run("Police ran 900 tip-based raids.")] == ["raid"]
    assert [(f.unit, f.counted.text) for f in _run("The two nations' talks stalled.")] == [("nation", "nations")]
    found = _run("Police held 70 people for suspected links to the gang.")
    assert found[0].counted.text == "people for suspected links to the gang"


def test_singular_of_plurals_in_zes_and_aches_and_compounds_in_s():
    lex = get()
    assert [nouns.singular(w, lex) for w in ("blazes", "prizes", "buzzes", "headaches", "beaches", "quizzes", "coronavirus")] == [
        "blaze", "prize", "buzz", "headache", "beach", "quiz", "coronavirus"
    ]


def test_a_glued_k_before_a_plural_noun_is_thousand():
    assert [(f.value, f.unit) for f in _run("The video has 500k views.")] == [(500000, "view")]
    assert _run("He ran a 10K race.") == []


@pytest.mark.parametrize(
    ("text", "unit"),
    [("25bp", "basis point"), ("5 pts", "point"), ("200kmh", "kilometre per hour"), ("20 bucks", "USD"),
     ("50 quid", "GBP")],
)  # fmt: skip
def test_informal_and_short_unit_names(text, unit):
    assert one(text).unit == unit


def test_a_ratio_keeps_both_numbers():
    assert [f.value for f in _run("Seven in 10 voters disapprove.")] == [7, 10]
    assert _run("One in the crowd shouted.") == []


def test_a_hyphenated_duration_before_a_noun_names_a_kind_of_thing():
    assert _run("The 10-year Treasury yield rose.") == []
    assert _run("He signed a two-month contract.") == []
    assert [f.value for f in _run("After a five-year, 1.8 billion-mile journey it arrived.")] == [5, 1.8e9]
    assert [f.unit_family for f in _run("A 12-month-old baby cried.")] == ["age"]


def test_mm_is_million_next_to_money_and_millimetres_alone():
    assert (one("$3.2MM").value, one("$3.2MM").unit) == (3.2e6, "USD")
    assert one("3mm").unit == "millimetre"


def test_times_after_a_number_is_what_it_counts():
    assert [(f.value, f.unit) for f in _run("The shares trade at 12 times earnings.")] == [(12, "time")]


@pytest.mark.parametrize(
    ("text", "unit"),
    [("KSh 5 billion", "KES"), ("R2.5 billion", "ZAR"), ("Dh500", "AED"), ("300 zł", "PLN"), ("20 TL", "TRY"),
     ("4 million pulas", "BWP"), ("2 billion Iraqi dinars", "IQD"), ("900 birr", "ETB"), ("GH₵40 million", "GHS"),
     ("15 billion CFA francs", "XOF"), ("UGX 3 billion", "UGX")],
)  # fmt: skip
def test_the_world_s_currencies_by_code_symbol_and_name(text, unit):
    a = one(text)
    assert (a.unit, a.family, a.text) == (unit, "currency", text)


def test_a_glued_r_is_the_rand_but_not_before_one_digit():
    assert all(a.unit != "ZAR" for a in scan("The R2 rating and the CR7 brand"))
    assert one("R500 million").unit == "ZAR"


@pytest.mark.parametrize(
    ("text", "unit"),
    [("500,000 sq. feet", "square foot"), ("3,000 square-feet", "square foot"), ("80 sq m", "square metre"),
     ("2.5 million-square-kilometre", "square kilometre"), ("40 sq kilometres", "square kilometre"),
     ("35 ºC", "celsius"), ("20 mSv", "millisievert"), ("4 TWh", "terawatt hour"), ("3 megatonnes", "megatonne"),
     ("24h", "hour"), ("2 kilotons", "kiloton"), ("50 acre-feet", "acre foot")],
)  # fmt: skip
def test_units_of_several_words_with_hyphens_and_sq_and_more_symbols(text, unit):
    a = one(text)
    assert (a.unit, a.text) == (unit, text)


def test_words_that_look_like_units_but_count_things_stay_counts():
    assert one("20 bars").unit is None
    assert one("5 pm").unit is None


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [("two and a half years", 2.5, "year"), ("one and a half million", 1.5e6, None), ("3 and a half hours", 3.5, "hour"),
     ("half a percentage point", 0.5, "percentage point"), ("half an hour", 0.5, "hour"),
     ("half-a-million", 5e5, None), ("six and three-quarters miles", 6.75, "mile")],
)  # fmt: skip
def test_and_a_half_and_half_a_unit(text, value, unit):
    a = one(text)
    assert (a.value, a.unit, a.text) == (pytest.approx(value), unit, text)


def test_fractions_of_any_ordinal_and_hyphenated_ones_need_no_of():
    assert [(f.value, f.unit) for f in _run("The drug cut infections by one-fifth.")] == [(0.2, "fraction")]
    assert [round(f.value, 3) for f in _run("About two-fifths of the land and an eighth of the crop.")] == [0.4, 0.125]
    assert _run("The firm hired a third-party auditor for a fifth straight year.") == []
    assert [(f.value, f.unit) for f in _run("Growth slowed for two quarters of the year.")] == [(2, "quarter")]


def test_a_spaced_dash_before_a_hedged_smaller_amount_is_no_range():
    assert [f.value for f in _run("It raised $90 million – some $60 million less than it sought.")] == [9e7, 6e7]


def test_thousands_parted_by_a_no_break_space():
    assert one("12\u00a0500").value == 12500


@pytest.mark.parametrize(
    "text",
    ["For help call (202) 555-0199 or 202-555-0147.", "Call +1 202 555 0199 today.", "Phone 020 7946 0958 now.",
     "Read it at https://example.com/news/2019/11/07/story-12345 today.", "It was ranked #1 in the poll.",
     "Readers rated it 4 / 5 on the site."],
)  # fmt: skip
def test_telephone_numbers_web_addresses_ranks_and_spaced_ratios_are_no_figures(text):
    assert _run(text) == []


def test_a_range_of_counts_is_no_telephone_number():
    assert [(f.value, f.high) for f in _run("Between 300-1200 people came.")] == [(300, 1200)]


def test_a_noun_glued_by_a_hyphen_to_digits_is_counted():
    assert [(f.value, f.unit) for f in _run("The 30-nation alliance met a 12-member panel.")] == [(30, "nation"), (12, "member")]
    assert _run("A three-judge bench and a one-off fee.") == []


def test_the_sides_of_a_measure_share_its_unit():
    assert [f.unit for f in _run("It weighs 2 kg and measures 30 x 20 cm.")] == ["kilogram", "centimetre", "centimetre"]
    assert [f.unit for f in _run("The room is 10 by 12 feet.")] == ["foot", "foot"]


def test_a_hanging_hyphen_shares_the_next_unit():
    assert [(f.value, f.unit, f.unit_family) for f in _run("It hurt 6- and 9-year-old girls.")] == [
        (6, "year", "age"), (9, "year", "age")]
    assert [(f.value, f.high, f.unit) for f in _run("Expect 2- to 3-metre waves.")] == [(2, 3, "metre")]


def test_counted_phrases_across_inner_hyphens_and_quotation_marks():
    found = _run("Police held 23 “high-risk foreign nationals” and 40 pro-government bloggers.")
    assert [(f.value, f.unit) for f in found] == [(23, "national"), (40, "blogger")]


def test_killed_before_an_amount_of_people_makes_a_death_toll():
    assert [(f.value, f.unit) for f in _run("Gunmen killed at least 30 villagers and injured 12.")] == [
        (30, "death"), (12, "injury")]
    assert [f.unit for f in _run("He was killed 2 days later.")] == ["day"]


def test_a_unit_and_a_half_and_fractions_after_by():
    assert [(f.value, f.unit) for f in _run("The talks lasted an hour and a half.")] == [(1.5, "hour")]
    assert _run("It took a year.") == []
    assert [round(f.value, 3) for f in _run("Rents rose by a fifth and costs fell by nearly half.")] == [0.2, 0.5]
    assert _run("In this half the team scored twice.") == []


def test_cents_sign_international_units_and_sizes():
    assert (one("99¢").value, one("99¢").unit) == (99, "cent")
    assert one("2,000 IU").unit == "international unit"
    assert _run("She wears size 40 shoes.") == []


def test_a_bare_age_between_commas_after_a_common_noun_is_no_figure():
    assert _run("The girl, 7, and her brother, 9, survived.") == []


def test_wire_service_dlrs_is_us_dollars_before_or_after_the_number():
    found = _run("Clinton requested dlrs 50 million in aid, or 20 million dlrs less than asked.")
    assert [(f.text, f.value, f.unit) for f in found] == [
        ("dlrs 50 million", 5e7, "USD"), ("20 million dlrs", 2e7, "USD")]


@pytest.mark.parametrize(
    ("text", "value", "high", "unit"),
    [
        ("A few hundred ethnic Albanians marched.", 200, 500, "person"),
        ("Several hundred protesters gathered.", 300, 900, "protester"),
        ("The damage is put at several million dollars.", 3e6, 9e6, "USD"),
        ("A couple of thousand troops were sent.", 2000, None, "troop"),
    ],
)
def test_a_few_or_several_before_a_scale_word_is_a_range(text, value, high, unit):
    (f,) = _run(text)
    assert (f.value, f.high, f.unit) == (value, high, unit)
    assert f.bound == "approx"


def test_a_few_or_several_before_a_plain_noun_is_no_figure():
    assert _run("He spent several weeks there and a few days later left for a few dollars.") == []


def test_a_number_written_with_commas_before_a_name_counts_the_noun_after_it():
    found = _run("The group holds 525,546 Phoenix Technologies common shares and 31 Abrams main battle tanks.")
    assert [(f.value, f.unit) for f in found] == [(525546, "share"), (31, "tank")]
    assert _run("He lives at 1600 Pennsylvania Avenue.") == []


def test_numbers_a_thousandfold_apart_do_not_share_a_unit():
    found = _run("Jobs grew by 358,000 for the last four months and 381,000 over the last three months.")
    assert [(f.value, f.unit) for f in found] == [(358000, None), (4, "month"), (381000, None), (3, "month")]


def test_the_period_money_was_made_in_is_not_what_it_counts():
    found = _run("Net income was $6.6 million in the third quarter and $1.4 billion in aid came.")
    assert [f.counted.text if f.counted else None for f in found] == [None, "aid"]


def test_a_number_word_in_what_money_is_for_is_still_a_figure():
    found = _run("The US contributed $3.2 million in assistance to the two countries.")
    assert [(f.value, f.unit) for f in found] == [(3.2e6, "USD"), (2, "country")]


def test_a_change_then_the_level_reached_between_bare_numbers_is_no_range():
    found = _run("Kirschner Medical fell 4 to 15 and police arrested 15 to 20 people.")
    assert [(f.value, f.high) for f in found] == [(4, None), (15, None), (15, 20)]


def test_the_injured_are_a_toll_of_their_own():
    found = _run("The attack killed 31 people and injured 141. A blast left six dead and over 80 injured.")
    assert [(f.value, f.unit, f.unit_family) for f in found] == [
        (31, "death", "deaths"), (141, "injury", "injuries"), (6, "death", "deaths"), (80, "injury", "injuries")]
    assert [(f.value, f.unit) for f in _run("One killed, 17 others were seriously injured.")] == [
        (1, "death"), (17, "injury")]
    assert _run("One of them was hurt.") == []


def test_compounds_of_man_count_in_the_singular():
    found = _run("About two dozen policemen, 12 gunmen, three policewomen and 5 specimens.")
    assert [f.unit for f in found] == ["policeman", "gunman", "policewoman", "specimen"]


def test_an_ordinal_before_a_hyphen_is_no_fraction():
    assert _run("A third-year student and a fifth-grade teacher met.") == []
    assert [(f.value, f.unit) for f in _run("They met for a half-hour.")] == [(0.5, "hour")]


def test_a_decimal_spelt_out_with_point():
    found = _run("A one point six billion dollar plan; Seven-point-one million voted, twenty-three point five percent.")
    assert [(f.value, f.unit) for f in found] == [(1.6e9, "USD"), (7.1e6, None), (23.5, "percent")]
    assert _run("At one point in the talks they left.") == []


def test_a_hedge_after_the_number_and_the_unit_after_the_hedge():
    found = _run("He spent 30-odd years with some 40-plus countries and walked 20 or so miles.")
    assert [(f.value, f.unit, f.qualifier, f.bound) for f in found] == [
        (30, "year", "odd", "lower"), (40, "country", "some", "approx"), (20, "mile", "or so", "approx")]


def test_the_counted_phrase_stops_before_a_relative_clause_in_its_prepositional_phrase():
    found = _run("The party won 54 seats for the lower house of parliament for which results are out.")
    assert [f.counted.text for f in found] == ["seats for the lower house of parliament"]
    found = _run("Rebels attacked nearly 10 villages between the towns of Bocaranga and Bazoum.")
    assert [f.counted.text for f in found] == ["villages between the towns of Bocaranga and Bazoum"]


def test_a_fraction_of_a_scale_word_multiplies_it():
    found = _run("Students owe nearly a quarter of a trillion dollars; half of a million people and a third of the budget.")
    assert [(f.value, f.unit) for f in found] == [(2.5e11, "USD"), (5e5, "person"), (1 / 3, "fraction")]


def test_an_acronym_s_plural_counts_its_singular():
    found = _run("The motion carried the signatures of 55 MPs and police found 3 IEDs.")
    assert [(f.unit, f.unit_family) for f in found] == [("mp", "people"), ("ied", "weapons")]


def test_plurals_of_nouns_in_ie_and_a_north_american_toll_free_number():
    assert [f.unit for f in _run("Nine movies, 10 rookies and 5 cities.")] == ["movie", "rookie", "city"]
    assert _run("To take part, call 1-855-808-5160 before noon.") == []


def test_nouns_joined_by_and_before_a_plural_qualify_it():
    found = _run("Nine press freedom and rights groups and 1,000 oil and gas wells; police held 12 men and women.")
    assert [(f.value, f.unit) for f in found] == [(9, "group"), (1000, "well"), (12, "man")]


def test_a_counted_noun_at_the_end_of_the_text():
    assert [f.value for f in _run("They drilled 1,000 oil")] == [1000]  # (a bare singular: no counted noun)
    assert [(f.value, f.unit) for f in _run("They drilled 1,000 oil wells")] == [(1000, "well")]
    assert [f.value for f in _run("Nine press freedom and")] == [9]


def test_a_list_of_ages_shares_the_age_and_stops_the_counted_phrase():
    found = _run("Police arrested two teenagers aged 15 and 17; two girls age 6 and 8 looked on.")
    assert [(f.value, f.unit) for f in found] == [(2, "teenager"), (15, "year"), (17, "year"), (2, "girl"),
                                                   (6, "year"), (8, "year")]
    assert [(f.value, f.unit) for f in _run("A 35-year-old and 3 others were hurt.")][0] == (35, "year")
    assert [(f.value, f.unit_family) for f in _run("A man aged about 35 was held.")] == [(35, "age")]


def test_a_list_dash_a_bracketed_reference_and_a_hyphenated_participle():
    found = _run("Polls:\n-One poll shows Cruz 16 points ahead.\n-5 degrees is cold.")
    assert [(f.value, f.unit) for f in found] == [(1, "poll"), (16, "point"), (-5, "degree")]
    assert _run("Craig explains why Indiana is weird. [538]") == []
    assert [(f.value, f.unit) for f in _run("He spoke to his 40 laid-off employees.")] == [(40, "employee")]


def test_a_clause_repeating_the_verb_counts_the_same_thing():
    found = _run("Ted Cruz has 370 delegates, Marco Rubio has 163 and John Kasich has 63.")
    assert [(f.value, f.unit) for f in found] == [(370, "delegate"), (163, "delegate"), (63, "delegate")]
    found = _run("The company has 500 employees, and it has 3 offices; she spent $5 million, he spent 3.")
    assert [(f.value, f.unit) for f in found] == [(500, "employee"), (3, "office"), (5e6, "USD"), (3, None)]


def test_a_bare_number_after_a_toll_of_the_injured_does_not_share_it():
    found = _run("The blast injured 141 people and police arrested 20.")
    assert [(f.value, f.unit) for f in found] == [(141, "injury"), (20, None)]


def test_a_toll_shares_its_unit_with_a_number_whose_verb_is_left_out():
    found = _run("The bombings killed 247 people in Kenya and 10 in Tanzania. Clashes killed 5 on Monday and another 7.")
    assert [(f.value, f.unit) for f in found] == [(247, "death"), (10, "death"), (5, "death"), (7, "death")]
    found = _run("The attack killed 12 soldiers and wounded 30.")
    assert [(f.value, f.unit) for f in found] == [(12, "death"), (30, "injury")]


def test_each_figure_of_a_clause_is_about_the_places_after_it():
    text = "The bombings killed 247 people in Kenya and 10 in Tanzania."
    found = _run(text)
    article = Article(id="a1", source="test", reader="text", body=text)
    names = {m.id: m.text for m in entities.run(article, nlp.parse_one(text), StageContext())}
    assert [[names[m] for m in f.about] for f in found] == [["Kenya"], ["Tanzania"]]
    text = "The attacks in Nairobi and Dar es Salaam killed 257 people and injured 5,500."
    found = _run(text)
    names = {m.id: m.text for m in entities.run(Article(id="a1", source="test", reader="text", body=text),
                                                nlp.parse_one(text), StageContext())}  # fmt: skip
    assert sorted(names[m] for m in found[0].about) == ["Dar es Salaam", "Nairobi"]  # before the first: kept


def test_a_number_inside_a_name_before_the_counted_noun():
    found = _run("He has won 7 Formula 1 titles and 30 Formula One races.")
    assert [(f.value, f.unit, f.counted.text) for f in found] == [
        (7, "title", "Formula 1 titles"), (30, "race", "Formula One races")]


def test_a_count_of_a_people_the_tagger_reads_as_a_name():
    found = _run("They keep offers open for the eight Uyghurs Thailand still holds. Six Sikhs and 40 Democrats came.")
    assert [(f.value, f.unit, f.counted.text) for f in found] == [
        (8, "person", "Uyghurs"), (6, "person", "Sikhs"), (40, "person", "Democrats")]


def test_a_half_million_and_a_half_dozen():
    found = _run("About a half million people lost power in a half dozen states.")
    assert [(f.value, f.unit) for f in found] == [(5e5, "person"), (6, "state")]


def test_a_hash_before_a_scaled_number_is_the_ascii_pound():
    found = _run("Net income slipped to #89.7 million from #94.8 million. He was the #1 seed and #12 overall.")
    assert [(f.value, f.unit) for f in found] == [(8.97e7, "GBP"), (9.48e7, "GBP")]


def test_a_count_after_names_that_end_in_a_people():
    found = _run("The exodus of about 2 million Rwanda Hutus began. CVN has 20 million fully diluted shares.")
    assert [(f.value, f.unit, f.counted.text) for f in found] == [
        (2e6, "person", "Rwanda Hutus"), (2e7, "share", "fully diluted shares")]


def test_a_level_compared_with_the_figure_before_shares_its_unit():
    found = _run("Unemployment fell to 4.1 percent, down from 4.3. It has 13 facilities, up from seven a year ago. "
                 "The group launched 504 attacks in 2024, compared with 116 in 2023.")
    assert [(f.value, f.unit) for f in found] == [
        (4.1, "percent"), (4.3, "percent"), (13, "facility"), (7, "facility"), (504, "attack"), (116, "attack")]


def test_labels_names_and_coordinated_adjectives_do_not_hide_counts():
    found = _run("Heritage would issue between 1.8 million and 2.35 million preferred shares. Volume 170,330,000 "
                 "shares. It was 840.8 million shares, up from 443.6 million Thursday. NATO invited the three "
                 "central and eastern European countries. See issue 12 and Volume 3.")
    assert [(f.value, f.high, f.unit) for f in found] == [
        (1.8e6, 2.35e6, "share"), (170330000, None, "share"), (840.8e6, None, "share"), (443.6e6, None, "share"),
        (3, None, "country")]


def test_a_part_of_a_count_before_it_is_counted_in_its_unit():
    found = _run("Seventeen people have been indicted. Eight of them are in custody. More than 100 people died, "
                 "eight of them Americans. Police freed 354 passengers, 37 of whom were injured.")
    assert [(f.value, f.unit) for f in found] == [
        (17, "person"), (8, "person"), (100, "death"), (8, "death"), (354, "passenger"), (37, "passenger")]
    assert [f.value for f in _run("One of them was hurt.")] == []


def test_a_number_too_large_to_hold_is_no_figure():
    found = _run("Officials said " + "9" * 400 + " people and 12 soldiers were there.")
    assert [(f.value, f.unit) for f in found] == [(12, "soldier")]


@pytest.mark.parametrize("pair", [[0, 5], [5, 2], ["a", 3], [3]])
def test_a_bad_vague_multiple_in_the_lexicon_is_a_config_error(pair):
    from newsprism.errors import ConfigError
    from newsprism.stages.figures.lexicon import _multiples

    assert _multiples({"vague_multiples": {"several": [3, 9]}}) == {"several": (3.0, 9.0)}
    with pytest.raises(ConfigError, match="figures.yaml: vague_multiples 'a few'"):
        _multiples({"vague_multiples": {"a few": pair}})


def test_a_persons_age_after_be():
    found = _run("He will be 35 by the end of the year. Josefa Gonzalez left Cuba when she was 4. "
                 "The score was 3. She was 4 points ahead.")
    assert [(f.value, f.unit, f.unit_family) for f in found] == [
        (35, "year", "age"), (4, "year", "age"), (3, None, "count"), (4, "point", "points")]


def test_tallies_and_lone_numbers_spacy_misreads_as_dates():
    found = _run("Clinton has 503 delegates and Sanders has 70. Clinton would beat Trump 46 to 40 percent. "
                 "The chairman announced four votes for Trump, 31 for Senator Ted Cruz and two abstentions. "
                 "Univision caters to the estimated 55 million Latinos. Armando Sanjurjo, 73.")
    assert [(f.value, f.unit) for f in found] == [
        (503, "delegate"), (70, "delegate"), (46, "percent"), (40, "percent"), (4, "vote"), (31, None),
        (2, "abstention"), (55e6, "person")]


def test_numbers_spacy_calls_dates_without_a_calendar_word_are_figures():
    found = _run("Women vote during the last two mid-term elections. We work 15 extra minutes. Forty-eight "
                 "remain to be allocated. Sanders led among voters under 30. Children under 18 may not play. "
                 "It was posted February 6, 2016 at 4 in the morning.")
    assert [(f.value, f.unit, f.unit_family) for f in found] == [
        (2, "election", "count"), (15, "minute", "duration"), (48, None, "count"), (30, "year", "age"),
        (18, "year", "age")]


def test_a_selection_and_a_count_inside_a_counted_phrase():
    found = _run("In eight of nine states he won. That's 30 states with 309 electoral votes. It will redeem its "
                 "$150 million of 6.5% debentures. Boeing will deliver two new 737 Max jets.")
    assert [(f.value, f.unit) for f in found] == [
        (8, "state"), (9, "state"), (30, "state"), (309, "vote"), (1.5e8, "USD"), (6.5, "percent"), (2, "jet")]


def test_a_selection_out_of_a_whole():
    found = _run("The BJP rules 21 out of 29 Indian states. Nearly nine out of 10 Indians approve.")
    assert [(f.value, f.unit) for f in found] == [(21, "state"), (29, "state"), (9, "person"), (10, "person")]


def test_a_count_after_a_weekday_a_possessive_or_a_hyphened_adverb():
    found = _run("On Thursday 30 passengers tested positive. The Red Cross told VOA five people died. Two "
                 "well-respected elders were killed. Cases were reported in nine of Sudan's 18 states.")
    assert [(f.value, f.counted.text) for f in found] == [
        (30, "passengers"), (5, "people"), (2, "well-respected elders"), (9, "Sudan's 18 states"), (18, "states")]


def test_a_model_name_the_tagger_calls_a_number_qualifies_the_noun():
    found = _run("The warship confiscated 14 AK-47 rifles and 31 magazines. Less than 20 million chickens were sold.")
    assert [(f.value, f.unit, f.counted.text if f.counted else None) for f in found] == [
        (14, "rifle", "AK-47 rifles"), (31, "magazine", "magazines"), (2e7, "chicken", "chickens")]


def test_a_plural_the_tagger_reads_as_a_verb_after_a_modifier():
    found = _run("It sends power to three northern U.S. states that border Canada. King won 12 Grand Slam singles "
                 "titles. One proposal asks the board to stop.")
    assert [(f.value, f.unit) for f in found] == [(3, "state"), (12, "title"), (1, "proposal")]


def test_a_singular_noun_after_a_count_above_one_is_a_misread_verb():
    found = _run("About 10,000 march on Sunday. Jobs rose by 358,000, above the 235,000 forecast by economists. "
                 "The ship had 200 crew on board and took 30 hostage. Police sent 15 police.")
    assert [(f.value, f.unit, f.counted.text if f.counted else None) for f in found] == [
        (1e4, None, None), (358000, None, None), (235000, None, None), (200, "crew", "crew on board"),
        (30, "hostage", "hostage"), (15, "police", "police")]


def test_a_number_between_a_determiner_and_a_singular_noun_names_a_model():
    found = _run("Flaws were found in Intel's 80486 chip, experts say. It converts a 80386 machine. "
                 "It sold 1,200 Ford trucks and the 15 police cars.")
    assert [(f.value, f.unit) for f in found] == [(1200, "truck"), (15, "car")]


def test_an_age_at_a_life_event_and_after_a_name_before_and():
    found = _run("He died at 77 in Boston. She retired in 2010 at 65. George Floyd, 46 and unarmed, died. "
                 "The office is at 77 Main Street. The ship docked at 77.")
    assert [(f.value, f.unit, f.unit_family) for f in found] == [
        (77, "year", "age"), (65, "year", "age"), (77, None, "count")]


def test_pre_euro_currencies_and_the_philippine_peso():
    found = _run("Sales were 200 million markkaa, or 5 billion lire and 8 million guilders. It will cost "
                 "P5 million. The P5 nations met.")
    assert [(f.value, f.unit) for f in found] == [(2e8, "FIM"), (5e9, "ITL"), (8e6, "NLG"), (5e6, "PHP")]


def test_a_number_in_a_title_is_no_figure():
    found = _run("Bin Laden is on the FBI's 10 Most Wanted List. Troops killed 12 Kenyan Army soldiers. She won seven "
                 "Golden Globes. It sold 9.5 million Series H preferred shares.")
    assert [(f.value, f.unit) for f in found] == [(12, "death"), (7, "globe"), (9.5e6, "share")]


def test_a_singular_noun_before_a_quotation_mark_is_still_a_noun():
    found = _run("Forbes tracks an additional 500 billionaire 'family fortunes.' About 10,000 march.")
    assert [(f.value, f.unit) for f in found] == [(500, "billionaire"), (1e4, None)]


def test_names_joined_by_a_hyphen_qualify_the_noun_after_them():
    found = _run("Four different Sanders-linked accounts were suspended. They killed nine dual US-Mexico "
                 "citizens. They closed 12 US-Canada crossings. Hundreds of Cuban-Americans marched.")
    assert [(f.value, f.unit, f.counted.text) for f in found] == [
        (4, "account", "different Sanders-linked accounts"), (9, "death", "dual US-Mexico citizens"),
        (12, "crossing", "US-Canada crossings"), (100, "person", "Cuban-Americans")]


def test_a_main_verb_the_parse_hung_on_its_subject_still_scopes_the_figure():
    text = "Al-Shabab often uses suicide attacks. The single biggest attack, in 2009, killed at least 25 people."
    article = Article(id="t", source="t", reader="text", body=text)
    found_times = times.run(article, None, StageContext())
    found = figures.run(article, nlp.parse_one(text),
                        StageContext(results={"entities": [], "times": found_times, "quotes": []}))
    (toll,) = [f for f in found if f.value == 25]
    assert [t.text for t in found_times if t.id in toll.scope] == ["2009"]


def test_one_part_of_and_one_on_one_are_set_phrases():
    assert _run("It is one part of our overall efforts with Mexico. They held one-on-one talks.") == []
    assert [(f.value, f.unit) for f in _run("Three parts of the plan failed.")] == [(3, "part")]
