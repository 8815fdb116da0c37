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
    assert bench.units_match("different product", "product")
    assert not bench.units_match("dollar", "euro")


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
