"""The entity-linking benchmark: its scorers on hand-computed examples, and its floors on ECB+."""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench" / "entity_links.py"


def _bench():
    spec = importlib.util.spec_from_file_location("bench_entity_links", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = _bench()

# key {a b c} {d e}; response {a b} {c d e}
KEY = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}
RESPONSE = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}


def close(result, recall, precision):
    return abs(result["recall"] - recall) < 1e-9 and abs(result["precision"] - precision) < 1e-9


def test_muc_counts_links():
    # recall: {a b c} is cut in 2 parts (3 - 2 = 1 of 2 links), {d e} whole (1 of 1): 2/3; precision alike
    assert close(bench.muc(KEY, RESPONSE), 2 / 3, 2 / 3)
    assert close(bench.muc(KEY, KEY), 1.0, 1.0)
    singletons = {m: m for m in KEY}
    assert close(bench.muc(KEY, singletons), 0.0, 0.0)  # no links found; singletons make no links


def test_b_cubed_averages_over_mentions():
    # recall: a, b 2/3; c 1/3; d, e 2/2 -> 11/15; precision: a, b 2/2; c 1/3; d, e 2/3 -> 11/15
    assert close(bench.b_cubed(KEY, RESPONSE), 11 / 15, 11 / 15)
    singletons = {m: m for m in KEY}
    assert close(bench.b_cubed(KEY, singletons), (1 / 3 * 3 + 1 / 2 * 2) / 5, 1.0)


def test_ceaf_e_aligns_entities_optimally():
    # phi4: {abc}-{ab} 0.8, {abc}-{cde} 1/3, {de}-{cde} 0.8; best alignment 1.6 over 2 and 2 entities
    assert close(bench.ceaf_e(KEY, RESPONSE), 0.8, 0.8)
    assert close(bench.ceaf_e(KEY, RESPONSE, use_scipy=False), 0.8, 0.8)
    # scipy and the small fallback find the same optimum
    key = {"a": 1, "b": 1, "c": 2, "d": 2, "e": 3}
    response = {"a": "x", "b": "y", "c": "y", "d": "z", "e": "z"}
    assert bench.ceaf_e(key, response)["f1"] == pytest.approx(bench.ceaf_e(key, response, False)["f1"])


def test_conll_is_the_mean_of_the_three_f1():
    scores = bench.conll(KEY, RESPONSE)
    assert scores["conll"] == pytest.approx((2 / 3 + 11 / 15 + 0.8) / 3)


def test_small_hungarian_matches_scipy():
    scipy = pytest.importorskip("scipy.optimize")
    rng = random.Random(1)
    for _ in range(50):
        rows, cols = rng.randint(1, 6), rng.randint(1, 6)
        weights = [[rng.choice([0, 0, rng.random()]) for _ in range(cols)] for _ in range(rows)]
        ours = sum(weights[r][c] for r, c in bench._hungarian(weights))
        r_ids, c_ids = scipy.linear_sum_assignment(weights, maximize=True)
        assert ours == pytest.approx(sum(weights[r][c] for r, c in zip(r_ids, c_ids)))


def test_named_mention_filter():
    common = {"police", "man"}
    assert bench.is_named(["in", "the", "Gulf", "of", "Aden"], common) == (True, ["Gulf", "of", "Aden"])
    assert bench.is_named(["Police"], common)[0] is False
    assert bench.is_named(["the", "man"], common)[0] is False
    assert bench.is_named(["Lohan", "'s"], common) == (True, ["Lohan"])
    assert bench.is_named(["vacation", "home", "in", "Key", "Biscayne"], common)[0] is False


def test_check_reports_metrics_below_their_floor():
    result = {"within_conll": 0.5, "corpus_conll": 0.9}
    floors = {"within_conll": 0.6, "corpus_conll": 0.8}
    assert bench.check(result, floors) == ["within_conll 0.500 is below the floor 0.600"]


@pytest.mark.shared
@pytest.mark.skipif(
    not (bench.GOLD / "ECBplus_coreference_sentences.csv").exists(), reason="../shared/eval/ecbplus is absent"
)
def test_entity_links_hold_their_floors():
    floors = bench.load_floors()
    assert {"within_conll", "corpus_conll"} <= set(floors)
    report = bench.evaluate()
    assert report["mentions"] > 1500
    assert bench.check(bench.summary(report), floors) == [], bench.summary(report)
