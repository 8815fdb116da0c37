"""The TimeML benchmark scores the TempEval-3 way and holds its floors (bench/baseline.json)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench" / "timeml.py"


def _bench():
    spec = importlib.util.spec_from_file_location("bench_timeml", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = _bench()
T = bench.Timex

TML = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>
Stocks fell <TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3> &amp; <EVENT eid="e1">rose</EVENT> for <TIMEX3 tid="t2" type="DURATION" value="P2D">two days</TIMEX3>.<TIMEX3 tid="t3" type="DATE" value="1998" beginPoint="t1"/>
</TEXT>
</TimeML>"""


def test_parse_tml_strips_tags_and_keeps_offsets():
    doc = bench.parse_tml(TML, "x")
    assert doc.dct == "1998-01-08"
    assert doc.text == "\nStocks fell yesterday & rose for two days.\n"
    assert [(doc.text[t.start : t.end], t.type, t.value) for t in doc.gold] == [
        ("yesterday", "DATE", "1998-01-07"),
        ("two days", "DURATION", "P2D"),
    ]  # the creation time and the empty TIMEX3 are not in the text


def test_scoring_matches_the_te3_definitions():
    gold = [T(0, 10, "DATE", "2019"), T(20, 30, "DURATION", "P2D"), T(40, 45, "DATE", "2019-W01")]
    system = [
        T(0, 10, "DATE", "2019"),  # exact span, right type and value
        T(22, 30, "DATE", "P2D"),  # overlapping span: relaxed match, wrong type, right value
        T(50, 55, "DATE", "2020"),  # spurious
        T(41, 44, "DATE", "2019-W02"),  # overlapping, wrong value
    ]
    matched, strict = bench.match(gold, system)
    assert matched == [(0, 0), (1, 1), (2, 3)] and strict == 1
    r = bench.score([(gold, system)])
    assert r["relaxed_precision"] == pytest.approx(3 / 4) and r["relaxed_recall"] == 1.0
    assert r["relaxed_f1"] == pytest.approx(2 * 0.75 / 1.75)
    assert r["strict_precision"] == pytest.approx(1 / 4) and r["strict_recall"] == pytest.approx(1 / 3)
    assert r["type_accuracy"] == pytest.approx(2 / 3) and r["value_accuracy"] == pytest.approx(2 / 3)
    assert r["value_f1"] == pytest.approx(r["relaxed_f1"] * 2 / 3)
    assert r["type_f1"] == pytest.approx(r["relaxed_f1"] * 2 / 3)
    # one system expression covering two gold ones matches only one of them
    matched, _ = bench.match([T(0, 5, "DATE", "a"), T(6, 10, "DATE", "b")], [T(0, 10, "DATE", "a")])
    assert len(matched) == 1
    empty = bench.score([([], [])])
    assert empty["relaxed_f1"] == 0.0 and empty["value_f1"] == 0.0


def test_check_reports_metrics_below_their_floors():
    assert bench.check({"value_f1": 0.7, "relaxed_f1": 0.95}, {"value_f1": 0.75, "relaxed_f1": 0.9}) == [
        "value_f1 0.700 is below the floor 0.750"
    ]
    assert bench.is_held_out(4) and bench.is_held_out(9) and not bench.is_held_out(0)


@pytest.mark.shared
@pytest.mark.skipif(not bench.gold_files(), reason="../shared/eval/timeml is absent")
def test_timeml_holds_its_floors():
    floors = bench.load_floors()
    assert set(floors) == {"relaxed_f1", "strict_f1", "value_f1", "type_accuracy"}
    report = bench.evaluate()
    assert report["all"]["documents"] == 256 and report["all"]["gold"] > 1800
    assert report["held_out"]["documents"] == 51
    assert bench.check(report["all"], floors) == [], report["all"]
