"""Evaluation metrics: recall@k when ANY gold article is in the top k, MRR@10, percentiles."""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from rag.evaluation import (
    EvalFileError,
    EvalItem,
    evaluate,
    first_hit,
    load_items,
    percentile,
)

RANKINGS: dict[str, list[str]] = {
    "q1": ["76", "80", "81"],  # gold 76 at rank 1
    "q2": ["1", "2", "3", "87", "5"],  # gold 87 at rank 4
    "q3": ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"],  # gold absent
    "q4": ["9", "66", "67"],  # gold {67, 66}: first hit at rank 2
}
ITEMS = [
    EvalItem("a", "q1", ("76",)),
    EvalItem("b", "q2", ("87",)),
    EvalItem("c", "q3", ("132",)),
    EvalItem("d", "q4", ("67", "66")),
]


def rank(question: str, k: int) -> Sequence[str]:
    return RANKINGS[question][:k]


def fake_clock(step: float) -> itertools.count[float]:
    return itertools.count(0.0, step)


def test_first_hit() -> None:
    assert first_hit(["1", "2", "3"], ["3", "2"]) == 2
    assert first_hit(["1"], ["4"]) is None
    assert first_hit([], ["4"]) is None


def test_recall_and_mrr() -> None:
    clock = fake_clock(0.05)
    report = evaluate(ITEMS, rank, k=10, clock=lambda: next(clock))
    assert report.n == 4
    assert report.recall == {1: 0.25, 5: 0.75, 10: 0.75}
    assert report.mrr == pytest.approx((1 + 1 / 4 + 0 + 1 / 2) / 4)
    assert [r.first_hit for r in report.results] == [1, 4, None, 2]
    # every call took exactly one 50 ms clock step
    assert report.latency_ms == pytest.approx({"p50": 50.0, "p95": 50.0, "p99": 50.0})


def test_ranking_is_cut_at_k() -> None:
    def long(question: str, k: int) -> list[str]:
        return ["x"] * 20 + ["76"]  # ignores k: the evaluator cuts it

    report = evaluate([EvalItem("a", "q", ("76",))], long, k=10)
    assert report.recall[10] == 0.0
    assert len(report.results[0].ranked) == 10


def test_percentile_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == 50.0
    assert percentile(values, 95) == 95.0
    assert percentile(values, 99) == 99.0
    assert percentile([3.0], 99) == 3.0
    assert percentile([], 50) == 0.0


def test_summary_and_rows_are_json() -> None:
    report = evaluate(ITEMS, rank, k=10)
    summary = report.summary()
    assert summary["recall@1"] == 0.25
    assert summary["mrr@10"] == round((1 + 1 / 4 + 1 / 2) / 4, 4)
    assert set(summary) >= {"latency_p50_ms", "latency_p95_ms", "latency_p99_ms"}
    rows = json.loads(json.dumps(report.rows()))
    assert rows[1]["id"] == "b"
    assert rows[1]["first_hit"] == 4


def test_empty_set() -> None:
    report = evaluate([], rank)
    assert report.n == 0
    assert report.mrr == 0.0
    assert report.recall[5] == 0.0


def test_load_items(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(
        '{"id": "x1", "question": "¿vacaciones?", "articles": ["76"]}\n\n'
        '{"id": 2, "question": "aguinaldo", "articles": ["87", "88"]}\n',
        encoding="utf-8",
    )
    assert load_items(path) == [
        EvalItem("x1", "¿vacaciones?", ("76",)),
        EvalItem("2", "aguinaldo", ("87", "88")),
    ]


def test_load_items_rejects_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "x1", "question": "ok", "articles": []}\n{"id": "x2"}\n')
    with pytest.raises(EvalFileError, match=r"bad\.jsonl:2"):
        load_items(path)
    path.write_text("not json\n")
    with pytest.raises(EvalFileError, match=":1"):
        load_items(path)


def test_shared_gold_sets_parse(dev_eval: Path) -> None:
    held_out = Path(__file__).resolve().parents[2] / "bench" / "data" / "colloquial.jsonl"
    for path in (dev_eval, held_out):
        items = load_items(path)
        assert len(items) >= 60
        assert all(item.articles for item in items)
        assert len({item.id for item in items}) == len(items)
