"""The Causal News Corpus benchmark (bench/causal_news.py): its scoring on tiny inputs, and its floors."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench" / "causal_news.py"


def _bench():
    spec = importlib.util.spec_from_file_location("bench_causal_news", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = _bench()


def test_marked_text_gives_plain_text_and_spans():
    text, spans = bench.parse_marked("<ARG1>Roads closed</ARG1> <SIG0>because of</SIG0> <ARG0>snow</ARG0> .")
    assert text == "Roads closed because of snow ."
    assert [text[a:b] for a, b in spans["cause"]] == ["snow"]
    assert [text[a:b] for a, b in spans["effect"]] == ["Roads closed"]
    assert [text[a:b] for a, b in spans["signal"]] == ["because of"]
    nested, inner = bench.parse_marked("<ARG1>They met</ARG1> <ARG0><SIG0>to</SIG0> talk</ARG0> .")
    assert [nested[a:b] for a, b in inner["cause"]] == ["to talk"]


def test_detection_scores():
    r = bench.detection([1, 1, 0, 0], [True, False, True, False])
    assert r["precision"] == 0.5 and r["recall"] == 0.5 and r["accuracy"] == 0.5


def test_span_counts_pair_relations_and_count_tokens():
    text = "Roads closed because of heavy snow ."
    gold = [{"cause": [(24, 34)], "effect": [(0, 12)], "signal": [(13, 23)]}]
    exact = bench.SpanCounts()
    exact.add(text, gold, gold)
    assert exact.scores()["overall"]["token_f1"] == 1.0 and exact.scores()["overall"]["exact_f1"] == 1.0
    partial = bench.SpanCounts()
    partial.add(text, gold, [{"cause": [(30, 34)], "effect": [(0, 12)], "signal": [(13, 20)]}])
    s = partial.scores()
    assert s["cause"]["token_precision"] == 1.0 and s["cause"]["token_recall"] == 0.5
    assert s["cause"]["exact_f1"] == 0.0 and s["effect"]["exact_f1"] == 1.0
    missed = bench.SpanCounts()
    missed.add(text, gold, [])
    assert missed.scores()["overall"]["token_recall"] == 0.0


def test_learned_weights_are_smoothed_precisions_and_the_cutoff_maximises_f1():
    rows = [({"a": 1.0}, 1), ({"a": 1.0}, 1), ({"b": 1.0}, 0)]
    w = bench.learn_weights(rows, {"a": 0.5, "b": 0.5})
    assert w["a"] > 0.5 > w["b"]
    assert bench.best_cutoff([0.9, 0.8, 0.1], [1, 1, 0]) == 0.8


def test_folds_are_by_document():
    a = bench.Sentence("train_01_7_10", "x", 1)
    b = bench.Sentence("train_01_7_11", "y", 0)
    assert a.document == "train_01_7" and a.fold == b.fold


def test_check_lists_metrics_below_their_floor():
    assert bench.check({"cv_f1": 0.5, "rules_f1": 0.9}, {"cv_f1": 0.6, "rules_f1": 0.8}) == [
        "cv_f1 0.500 is below the floor 0.600"
    ]


# The whole training set (3,075 sentences) parses in about 25-30 s on one core: no --limit needed.
@pytest.mark.shared
@pytest.mark.skipif(
    not (bench.GOLD / "train_subtask1.csv").exists(), reason="../shared/eval/causal-news is absent"
)
def test_causal_holds_its_floors_on_the_causal_news_corpus():
    floors = bench.load_floors()
    assert set(floors) == set(bench.METRICS)
    report = bench.evaluate()
    assert report["sentences"] > 3000
    assert bench.check(report["summary"], floors) == [], report["summary"]
