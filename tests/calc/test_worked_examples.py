"""The amount dev sets, graded as the bench grades them: every hand-derived case must hold.

bench/data/calc_amounts.jsonl records each case's arithmetic and articles; the shared
../shared/eval/calc_dev.jsonl (written outside this package) is graded when present.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bench.calc import SETS, grade, run_case

CASES = [
    json.loads(line)
    for line in SETS["calc_amounts"].read_text(encoding="utf-8").splitlines()
    if line
]


def test_the_dev_set_is_big_enough_and_explained() -> None:
    assert len(CASES) >= 30
    assert len({case["id"] for case in CASES}) == len(CASES)
    assert all(case["why"] for case in CASES)


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_dev_case(case: dict[str, Any]) -> None:
    code, body, err = run_case(case["args"])
    assert grade(case["expect"], code, body, err) == []


def test_shared_dev_set() -> None:
    path: Path = SETS["shared_calc_dev"]
    if not path.exists():
        pytest.skip(f"{path} not found")
    for line in path.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        code, body, err = run_case(case["args"])
        assert grade(case["expect"], code, body, err) == [], case["id"]


def test_the_grader_catches_wrong_answers() -> None:
    code, body, err = run_case(["aguinaldo", "--salario", "300 diario", "--inicio", "2020-01-01"])
    assert grade({"item": "aguinaldo", "monto": [1, 2]}, code, body, err)
    assert grade({"item": "propinas"}, code, body, err)
    assert grade({"no_item": "aguinaldo"}, code, body, err)
    assert grade({"total": [1, 2]}, code, body, err)
    assert grade({"vence": "2026-01-01"}, code, body, err)
    assert grade({"error": True}, code, body, err)
    bad = run_case(["aguinaldo", "--salario", "mucho"])
    assert grade({"total": [0, 1]}, *bad)
