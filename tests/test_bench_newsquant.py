"""The NewsQuant benchmark (bench/newsquant.py): its scoring on tiny inputs, and its floors on the gold set."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench" / "newsquant.py"


def _bench():
    spec = importlib.util.spec_from_file_location("bench_newsquant", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = _bench()


def test_gold_values_and_ranges_parse():
    assert bench.parse_value("800000000.0") == 8e8
    assert bench.parse_value("252.0-287.0") == (252.0, 287.0)
    assert bench.parse_value("-50.8") == -50.8
    assert bench.parse_value("1.99E-29") == 1.99e-29


def test_units_map_to_cqe_names():
    assert bench.cqe_unit("USD", "currency") == "dollar"
    assert bench.cqe_unit("USD per barrel", "rate") == "dollar per barrel"
    assert bench.cqe_unit("percent", "percent") == "percentage"
    assert bench.cqe_unit("year", "age") == "year of age"
    assert bench.cqe_unit(None, "count") == "-"
    assert bench.cqe_unit("KRW", "currency") == "south korean won"
    assert bench.cqe_unit("BRL per barrel", "rate") == "brazilian real per barrel"
    assert bench.cqe_unit("BWP", "currency") == "botswana pula"
    assert bench.cqe_unit("nautical mile", "length") == "mile"
    assert bench.units_match("malawian kwach", bench.Unit([bench.cqe_unit("MWK", "currency")]))
    assert not bench.units_match("dollar", "euro")


def test_every_currency_the_lexicon_emits_has_a_cqe_name():
    from newsprism.stages.figures.lexicon import get

    lex = get()
    codes = set(lex.symbols.values()) | set(lex.currency_names.values())
    assert codes - set(bench.CURRENCY_NAMES) == set()


def test_synonyms_of_one_unit_match_on_both_sides_of_per():
    assert bench.units_match("united states dollar per barrel", bench.Unit(["dollar per barrel"]))
    assert bench.units_match("metric ton", bench.Unit(["tonne"]))
    assert not bench.units_match("metric ton", bench.Unit(["ton"]))
    assert bench.units_match("count", bench.Unit(["time"], counted=True))  # "three times": CQE's "count"


def test_counted_nouns_match_any_word_of_the_gold_phrase_measurement_units_only_exactly():
    counted = bench.Unit(["product"], counted=True)
    assert bench.units_match("new product", counted)
    assert bench.units_match("lap old track", bench.Unit(["lap"], counted=True))
    assert not bench.units_match("new product", "product")  # a plain name is a measurement unit
    assert not bench.units_match("square mile", bench.Unit(["mile"]))
    assert not bench.units_match("dollar per share", bench.Unit(["share"], counted=True))


def test_the_written_counted_noun_is_a_second_name_for_the_unit():
    assert bench.counted_head("Americans") == "american"
    assert bench.counted_head("laps of the old track") == "lap"
    assert bench.counted_head("people") == "people"
    assert bench.counted_head("people protested") == "people"
    assert bench.counted_head("wounded civilians") == "civilian"

    class F:  # a figure as the stage gives it: a demonym counted as person
        value, high, unit, unit_family = 3e6, None, "person", "people"
        counted = type("S", (), {"text": "Britons"})()

    (value, unit), = bench.system_quantities([F()])
    assert unit.counted and bench.units_match("Britons", unit) and bench.units_match("people", unit)


def test_matching_is_one_to_one_and_prefers_the_unit():
    gold = [(5.0, "percentage"), (5.0, "dollar")]
    assert bench.match_sentence(gold, [(5.0, "dollar")]) == (1, 1)
    assert bench.match_sentence(gold, [(5.0, "dollar"), (5.0, "percentage")]) == (2, 2)
    assert bench.match_sentence([((1.0, 2.0), "people")], [(1.0, "people")]) == (0, 0)
    result = bench.score([(gold, [(5.0, "euro"), (7.0, "dollar")])])
    assert result["value_precision"] == 0.5 and result["value_unit_f1"] == 0.0


def test_check_lists_metrics_below_their_floor():
    assert bench.check({"value_f1": 0.5}, {"value_f1": 0.6}) == ["value_f1 0.500 is below the floor 0.600"]


@pytest.mark.shared
@pytest.mark.skipif(not bench.GOLD.exists(), reason="../shared/eval/newsquant is absent")
def test_figures_hold_their_floors_on_newsquant():
    floors = bench.load_floors()
    assert set(floors) == set(bench.METRICS)
    report = bench.evaluate()
    assert report["all"]["sentences"] == 295
    assert bench.check(report["all"], floors) == [], report["all"]


def test_a_fraction_matches_by_what_it_is_a_fraction_of():
    class F:
        value, high, unit, unit_family = 1 / 3, None, "fraction", "fraction"
        counted = type("S", (), {"text": "the population"})()

    (value, unit), = bench.system_quantities([F()])
    assert bench.units_match("% britain population", unit) and bench.units_match("fraction", unit)


def test_an_ambiguous_symbol_in_the_gold_matches_any_of_its_readings():
    gold = bench.GoldUnit("point", "p")
    assert bench.units_match(gold, bench.Unit(["penny"])) and bench.units_match(gold, bench.Unit(["point"]))
    assert not bench.units_match(bench.GoldUnit("point", "points"), bench.Unit(["penny"]))
    assert not bench.units_match(gold, bench.Unit(["percentage"]))


def test_a_death_toll_read_from_the_verb_alone_has_no_written_unit():
    class F:
        value, high, unit, unit_family, counted = 15.0, None, "death", "deaths", None

    (value, unit), = bench.system_quantities([F()])
    assert bench.units_match("-", unit) and bench.units_match("death", unit)
