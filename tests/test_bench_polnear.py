"""The PolNeAR benchmark (bench/polnear.py): its scoring on tiny inputs, and its floors on the dev split."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from newsprism.records import Quote, Span, Speaker

BENCH = Path(__file__).resolve().parents[1] / "bench" / "polnear.py"


def _bench():
    spec = importlib.util.spec_from_file_location("bench_polnear", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = _bench()

TEXT = 'Smith said the plan "will fail" soon. It was late.\n\n"More," he added.'


def _gold_article():
    return {
        "text": TEXT,
        "quotes": [
            {
                "id": "E1",
                "cue": {"start": 6, "end": 10, "text": "said"},
                "sources": [{"start": 0, "end": 5, "text": "Smith"}],
                "contents": [{"start": 11, "end": 36, "text": 'the plan "will fail" soon'}],
            },
            {
                "id": "E2",
                "cue": {"start": 61, "end": 66, "text": "added"},
                "sources": [{"start": 58, "end": 60, "text": "he"}],
                "contents": [{"start": 52, "end": 58, "text": '"More,'}],
            },
        ],
    }


def test_gold_units_join_the_spans_of_one_attribution():
    article = {
        "text": "x" * 40,
        "quotes": [
            {
                "id": "E1",
                "cue": None,
                "sources": [],
                "contents": [{"start": 0, "end": 5}, {"start": 10, "end": 20}],
            }
        ],
    }
    units = bench.gold_units(article)
    assert units["source"] == [] and units["cue"] == []
    (u,) = units["content"]
    assert (u[0], u[1], len(u[2])) == (0, 20, 15)


def test_matching_is_one_to_one_by_largest_overlap():
    u = bench._unit
    pairs = bench.match([u(0, 10), u(5, 30)], [u(0, 20)])
    assert pairs == [(1, 0, 15)]


def test_scores_exact_overlap_and_tokens():
    gold = bench.gold_units(_gold_article())
    quotes = [
        Quote("d", "q1", 11, 36, TEXT[11:36], "mixed", Span(6, 10, "said"), Speaker(0, 5, "Smith")),
        Quote("d", "q2", 53, 57, "More", "direct", Span(61, 66, "added"), Speaker(58, 60, "he")),
        Quote("d", "q3", 38, 49, "It was late", "indirect"),  # spurious
    ]
    counts = bench.score_document(TEXT, bench.predicted_units(quotes), gold)
    assert counts["source"]["exact"] == 2 and counts["source"]["overlap"] == 2
    assert counts["content"]["pred"] == 3 and counts["content"]["overlap"] == 2
    assert counts["content"]["exact"] == 2  # quotation marks and commas are trimmed before comparing
    result = bench.aggregate([counts])
    assert abs(result["content_overlap_precision"] - 2 / 3) < 1e-9
    assert result["content_overlap_recall"] == 1.0 and result["cue_exact_f1"] == 1.0


def test_a_continuation_joins_the_quote_it_continues():
    quotes = [
        Quote("d", "q1", 0, 5, TEXT[0:5], "direct", None, Speaker(0, 5, "Smith")),
        Quote("d", "q2", 11, 15, TEXT[11:15], "direct", reason="continues q1"),
    ]
    units = bench.predicted_units(quotes)
    (u,) = units["content"]
    assert (u[0], u[1], len(u[2])) == (0, 15, 9)


def test_check_lists_metrics_below_their_floor():
    assert bench.check({"content_overlap_f1": 0.5}, {"content_overlap_f1": 0.6}) == [
        "content_overlap_f1 0.500 is below the floor 0.600"
    ]


@pytest.mark.shared
@pytest.mark.skipif(not bench.gold_path("dev").exists(), reason="../shared/eval/polnear is absent")
def test_quotes_hold_their_floors_on_polnear_dev():
    floors = bench.load_floors()
    assert set(floors) == set(bench.METRICS)
    report = bench.evaluate("dev")
    assert report["speed"]["documents"] == 84
    assert bench.check(report["newsprism"], floors) == [], report["newsprism"]
