"""The place-resolution benchmark: its scoring on tiny inputs, and its floors (bench/baseline.json, "geo")."""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench" / "geo.py"


def _bench():
    spec = importlib.util.spec_from_file_location("bench_geo", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


bench = _bench()
GOLD_PRESENT = all((bench.GOLD / f).exists() for _, f in bench.SETS.values())


def test_distance():
    assert bench.distance_km(0, 0, 0, 0) == 0
    # one degree of latitude is about 111 km; Paris-London about 344 km
    assert bench.distance_km(0, 0, 1, 0) == pytest.approx(111.2, abs=0.5)
    assert bench.distance_km(48.8566, 2.3522, 51.5074, -0.1278) == pytest.approx(344, abs=5)


def test_resolution_scores():
    result = bench.resolution_scores([0.0, 100.0, 500.0, None], [True, True, False, None])
    assert result["toponyms"] == 4 and result["resolved"] == 0.75
    assert result["acc161"] == 0.5  # the unresolved one is a miss
    assert result["mean_km"] == pytest.approx(200.0) and result["median_km"] == 100.0
    assert result["id_accuracy"] == pytest.approx(2 / 3)
    expected_auc = (0 + math.log1p(100) + math.log1p(500) + math.log1p(20039)) / 4 / math.log1p(20039)
    assert result["auc"] == pytest.approx(expected_auc)
    assert bench.resolution_scores([])["acc161"] == 0.0


def test_match_spans_is_one_to_one_by_overlap():
    gold = [(0, 5), (10, 20), (30, 35)]
    predicted = [(0, 3), (12, 18), (11, 20), (40, 45)]
    assert bench.match_spans(gold, predicted) == [(0, 0), (1, 2)]


def test_end_to_end_scores():
    result = bench.end_to_end_scores(tp=3, fp=1, fn=1, matched_errors=[10.0, 200.0, None], gold_total=4)
    assert result["precision"] == 0.75 and result["recall"] == 0.75 and result["f1"] == 0.75
    assert result["acc161"] == pytest.approx(1 / 3) and result["found_within161"] == 0.25


def test_offsets_are_repaired_to_the_nearest_occurrence():
    text = "Edmonton is cold. EDMONTON, Ky. is not."
    assert bench._repair(text, 0, 8, "Edmonton") == (0, 8)
    assert bench._repair(text, 17, 25, "EDMONTON") == (18, 26)
    assert bench._repair(text, 3, 9, "Calgary") == (3, 9)


def test_e2e_outcome_ignores_predictions_on_unlocated_gold():
    from newsprism.records import Place

    doc = bench.GoldDoc(
        "1",
        "Paris and Notre Dame and Rome",
        (bench.Toponym(0, 5, "Paris", 48.85, 2.35), bench.Toponym(10, 20, "Notre Dame")),
    )

    def place(start, end, lat, lon):
        return Place(
            document="1",
            mention="m",
            start=start,
            end=end,
            text=doc.text[start:end],
            name="x",
            lat=lat,
            lon=lon,
        )

    tp, fp, fn, errors = bench.e2e_outcome(
        doc, [place(0, 5, 48.85, 2.35), place(10, 20, 0, 0), place(25, 29, 41.9, 12.5)]
    )
    assert (tp, fp, fn) == (1, 1, 0) and errors == [pytest.approx(0.0)]


def test_check():
    assert bench.check(
        {"gwn_e2e_f1": 0.5, "tr_gold_acc161": 0.9}, {"gwn_e2e_f1": 0.6, "tr_gold_acc161": 0.8}
    ) == ["gwn_e2e_f1 0.500 is below the floor 0.600"]


@pytest.mark.shared
@pytest.mark.skipif(not GOLD_PRESENT, reason="../shared/eval/geo is absent")
def test_resolution_given_gold_spans_holds_its_floors():
    floors = bench.load_floors()
    assert {"gwn_gold_acc161", "tr_gold_acc161", "gwn_e2e_f1", "tr_e2e_f1"} <= set(floors)
    report = bench.evaluate(e2e=False)
    assert report["gwn"]["articles"] == 200 and report["tr"]["articles"] == 118
    assert report["gwn"]["gold"]["all"]["toponyms"] == 2601
    gold_floors = {k: v for k, v in floors.items() if "_gold_" in k}
    assert bench.check(report["metrics"], gold_floors) == [], report["metrics"]


@pytest.mark.shared
@pytest.mark.skipif(not GOLD_PRESENT, reason="../shared/eval/geo is absent")
def test_end_to_end_on_a_subset():
    # the full end-to-end run (spaCy over 318 articles) is bench/run_all.py's job; here 30 articles per set
    report = bench.evaluate(limit=30, e2e=True)
    for name in ("gwn", "tr"):
        e2e = report[name]["e2e"]["all"]
        assert e2e["precision"] >= 0.85, (name, e2e)
        assert e2e["acc161"] >= 0.85, (name, e2e)
        assert e2e["recall"] >= 0.45, (name, e2e)
