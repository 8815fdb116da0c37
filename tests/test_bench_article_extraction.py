"""The article-extraction benchmark holds its floors (bench/baseline.json) on the full gold set."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench" / "article_extraction.py"


def _bench():
    spec = importlib.util.spec_from_file_location("bench_article_extraction", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = _bench()


def test_scoring_matches_the_benchmark_definitions():
    # identical texts: a perfect page; nothing predicted: counted for recall only
    assert bench.page_counts("one two three four five", "one two three four five") == (1.0, 0.0, 0.0)
    assert bench.page_counts("one two three four five", "") == (0.0, 0.0, 1.0)
    # texts shorter than a shingle are one short shingle
    assert bench.shingles("just three words") == {("just", "three", "words"): 1}
    result = bench.score(["a b c d e", "a b c d e"], ["a b c d e", ""], bootstrap=0)
    assert result["precision"] == 1.0 and result["recall"] == 0.5 and result["accuracy"] == 0.5
    assert abs(result["f1"] - 2 / 3) < 1e-9
    assert bench.check({"f1": 0.5, "precision": 0.9}, {"f1": 0.6, "precision": 0.8}) == [
        "f1 0.500 is below the floor 0.600"
    ]


@pytest.mark.shared
@pytest.mark.skipif(
    not (bench.GOLD / "ground-truth.json").exists(), reason="../shared/eval/article-extraction is absent"
)
def test_article_extraction_holds_its_floors():
    floors = bench.load_floors()
    assert set(floors) == {"f1", "precision", "recall"}
    report = bench.evaluate(reference=False, bootstrap=0)
    ours = report["newsprism"]
    assert ours["pages"] == 181
    assert bench.check(ours, floors) == [], ours
