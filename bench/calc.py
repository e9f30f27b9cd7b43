"""Grade the calculators on the amount dev sets: ``python -m bench.calc``.

Runs each case's ``abogado calc`` arguments in-process (JSON output) and checks the expected
line, total, deadline or error. Sets: bench/data/calc_amounts.jsonl and, when present,
../shared/eval/calc_dev.jsonl. Results go to bench/results/calc.json.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import statistics
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any

from abogado.commands import calc as calc_command
from abogado.container import Container
from services.errors import AbogadoError
from services.settings import load_settings

REPO = Path(__file__).resolve().parents[1]
SETS = {
    "calc_amounts": REPO / "bench" / "data" / "calc_amounts.jsonl",
    "shared_calc_dev": REPO.parent / "shared" / "eval" / "calc_dev.jsonl",
}
RESULTS = REPO / "bench" / "results" / "calc.json"


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def run_case(args: list[str]) -> tuple[int, dict[str, Any] | None, str]:
    """Exit code, parsed JSON (on success) and stderr of ``abogado calc ARGS --format json``."""
    parser = argparse.ArgumentParser(prog="abogado")
    calc_command.register(parser.add_subparsers(dest="command", required=True))
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            parsed = parser.parse_args(["calc", *args, "--format", "json"])
            code: int = parsed.func(parsed, Container(load=load_settings))
        except AbogadoError as exc:
            print(f"abogado: error: {exc}", file=sys.stderr)
            code = exc.exit_code
        except SystemExit as exc:
            code = int(exc.code or 0)
    body = json.loads(out.getvalue()) if code == 0 else None
    return code, body, err.getvalue()


def _within(value: float | None, bounds: list[float]) -> bool:
    return value is not None and bounds[0] - 0.005 <= value <= bounds[1] + 0.005


def grade(expect: dict[str, Any], code: int, body: dict[str, Any] | None, err: str) -> list[str]:
    """Problems found (empty: the case is right)."""
    if expect.get("error"):
        one_line = err.strip().count("\n") == 0 and err.strip() != ""
        return (
            [] if code == 2 and one_line else [f"expected a one-line error and exit 2, got {code}"]
        )
    if body is None:
        return [f"exit {code}: {err.strip()}"]
    problems = []
    items = body["items"]
    if "item" in expect:
        match = next((i for i in items if fold(expect["item"]) in fold(i["concepto"])), None)
        if match is None:
            problems.append(f"no line matching {expect['item']!r}")
        else:
            for key in ("dias", "monto"):
                if key in expect and not _within(match[key], expect[key]):
                    problems.append(f"{key} {match[key]} not in {expect[key]}")
    if "no_item" in expect and any(fold(expect["no_item"]) in fold(i["concepto"]) for i in items):
        problems.append(f"unexpected line matching {expect['no_item']!r}")
    if "total" in expect and not _within(body["total"], expect["total"]):
        problems.append(f"total {body['total']} not in {expect['total']}")
    if "vence" in expect and body["vence"] != expect["vence"]:
        problems.append(f"vence {body['vence']} != {expect['vence']}")
    return problems


def grade_file(path: Path) -> dict[str, Any]:
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    failures, times = [], []
    for case in cases:
        started = time.perf_counter()
        code, body, err = run_case(case["args"])
        times.append(time.perf_counter() - started)
        problems = grade(case["expect"], code, body, err)
        if problems:
            failures.append({"id": case["id"], "problems": problems})
    return {
        "file": os.path.relpath(path, REPO),
        "cases": len(cases),
        "right": len(cases) - len(failures),
        "failures": failures,
        "ms_per_case_median": round(statistics.median(times) * 1000, 2),
    }


def main() -> int:
    report: dict[str, Any] = {}
    for name, path in SETS.items():
        if not path.exists():
            print(f"{name}: {path} absent, skipped")
            continue
        report[name] = grade_file(path)
        summary = report[name]
        print(f"{name}: {summary['right']}/{summary['cases']} right")
        for failure in summary["failures"]:
            print(f"  {failure['id']}: {'; '.join(failure['problems'])}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
