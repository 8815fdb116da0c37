"""The entities benchmark (bench/entities.py): its scoring on tiny inputs, and its floors on ECB+."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench" / "entities.py"


def _bench():
    spec = importlib.util.spec_from_file_location("bench_entities", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = _bench()


def test_detokenise_puts_spaces_where_english_does():
    tokens = [
        (1, 0, "``"),
        (2, 0, "Hi"),
        (3, 0, ","),
        (4, 0, "''"),
        (5, 0, "Reid"),
        (6, 0, "'s"),
        (7, 0, "rep"),
    ]
    tokens += [(8, 1, "She"), (9, 1, "left"), (10, 1, ".")]
    text, offsets, sentences = bench.detokenise(tokens)
    assert text == "“Hi,” Reid's rep\nShe left."
    assert text[slice(*offsets[5])] == "Reid" and text[slice(*offsets[6])] == "'s"
    assert text[slice(*sentences[1])] == "She left."


def test_named_gold_mentions_are_judged_by_their_head():
    mid = {"reid", "promises"}
    assert bench._is_named(["Tara", "Reid"], [False, False], mid)
    assert bench._is_named(["in", "Wellington"], [False, False], mid)
    assert not bench._is_named(["his", "hotel", "room", "in", "Biloxi"], [False] * 5, mid)
    assert not bench._is_named(["the", "actress"], [False, False], mid)
    assert not bench._is_named(["She"], [True], mid)
    assert not bench._is_named(["Police"], [True], mid)  # sentence-initial and never capitalised elsewhere
    assert bench._is_named(["Promises"], [True], mid)
    assert not bench._is_named(["Driver"], [False], mid, headline=True)


def test_b_cubed_and_pairwise():
    perfect = [("a", "x"), ("a", "x"), ("b", "y")]
    assert bench.b_cubed(perfect) == (1.0, 1.0)
    assert bench.pairwise(perfect) == (1, 1, 1)
    merged = [("a", "x"), ("a", "x"), ("b", "x")]
    p, r = bench.b_cubed(merged)
    assert r == 1.0 and abs(p - (2 / 3 + 2 / 3 + 1 / 3) / 3) < 1e-9
    assert bench.pairwise(merged) == (1, 3, 1)
    assert bench.b_cubed([]) == (0.0, 0.0)


def _gold():
    doc = bench.GoldDoc(
        name="1_1ecb", topic=1, text="Tara Reid went to Promises in Malibu. Reid left.\nNot scored."
    )
    doc.regions = [(0, 48)]
    G = bench.GoldMention
    doc.mentions = [
        G(0, 9, "HUMAN_PART_PER", "reid", True, True),
        G(18, 26, "LOC_FAC", "promises", True, True),
        G(38, 42, "HUMAN_PART_PER", "reid", True, True),
        G(27, 36, "LOC_GEO", "malibu", False, False),  # "in Malibu" judged not named: left out
    ]
    return doc


def test_score_document_counts_overlaps_types_and_clusters():
    P = bench.Pred
    preds = [
        P("m1", 0, 9, "person", "m1", "Tara Reid"),
        P("m2", 18, 26, "org", "m2", "Promises"),  # found, wrong type
        P("m3", 30, 36, "place", "m3", "Malibu"),  # overlaps only an unscored gold mention: ignored
        P("m4", 38, 42, "person", "m1", "Reid"),
        P("m5", 49, 52, "person", "m5", "Not"),  # outside the annotated sentences: ignored
        P("m6", 10, 14, "group", "m6", "went"),  # groups are not scored
    ]
    counts = bench.score_document(_gold(), preds)
    assert counts["pred"] == 3 and counts["pred_correct"] == 3
    assert counts["gold"] == 3 and counts["gold_found"] == 3 and counts["typed"] == 2
    result = bench.aggregate([counts])
    assert result["mention_precision"] == 1.0 and result["mention_recall"] == 1.0
    assert abs(result["type_accuracy"] - 2 / 3) < 1e-9
    assert result["resolution_b3_f1"] == 1.0 and result["resolution_pair_f1"] == 1.0
    # the same-string baseline cannot link "Tara Reid" and "Reid"
    assert bench.aggregate([counts], same_string=True)["resolution_pair_f1"] == 0.0


def test_a_missed_and_a_spurious_mention():
    P = bench.Pred
    counts = bench.score_document(
        _gold(), [P("m1", 0, 4, "person", "m1", "Tara"), P("m2", 5, 9, "org", "m2", "x")]
    )
    counts2 = bench.score_document(_gold(), [P("m1", 10, 14, "person", "m1", "went")])
    result = bench.aggregate([counts, counts2])
    assert result["predicted_mentions"] == 3 and result["gold_mentions"] == 6
    assert abs(result["mention_precision"] - 2 / 3) < 1e-9
    assert abs(result["mention_recall"] - 1 / 6) < 1e-9


def test_check_lists_metrics_below_their_floor():
    assert bench.check(
        {"mention_f1": 0.5, "type_accuracy": 0.9}, {"mention_f1": 0.6, "type_accuracy": 0.8}
    ) == ["mention_f1 0.500 is below the floor 0.600"]


@pytest.mark.shared
@pytest.mark.skipif(
    not (bench.GOLD / "ECBplus_coreference_sentences.csv").exists(), reason="../shared/eval/ecbplus is absent"
)
def test_entities_hold_their_floors_on_ecbplus():
    floors = bench.load_floors()
    assert set(floors) == set(bench.METRICS)
    report = bench.evaluate()
    assert report["speed"]["documents"] > 700
    assert bench.check(report["newsprism"], floors) == [], report["newsprism"]
