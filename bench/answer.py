"""Benchmark ``abogado ask`` with the extractive answerer on the real law index.

Warm: one process, the pipeline built once, every question of the dev set and the held-out
colloquial set answered in turn (p50/p95 per answer, and how much of it is retrieval). Cold: a
few ``abogado ask`` processes end to end. Also checks every answer: citations among the
retrieved articles, the disclaimer last, and whether the lead article is a gold one.

    python -m bench.answer [--data-dir DIR] [--cold 3] [--out bench/results/answer.json]

Needs a built index (``abogado ingest``) in the data dir.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
QUESTION_SETS = {
    "dev": REPO.parent / "shared" / "eval" / "dev.jsonl",
    "colloquial": REPO / "bench" / "data" / "colloquial.jsonl",
    "colloquial2": REPO / "bench" / "data" / "colloquial2.jsonl",
    "colloquial3": REPO / "bench" / "data" / "colloquial3.jsonl",
}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def load_questions() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for name, path in QUESTION_SETS.items():
        if not path.exists():
            print(f"skipping {name}: {path} not found", file=sys.stderr)
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append({**json.loads(line), "set": name})
    return rows


def warm_run(data_dir: Path, questions: list[dict[str, Any]]) -> dict[str, Any]:
    from abogado.answers import open_answer_pipeline
    from rag.extractive import compose
    from rag.prompts import DISCLAIMER
    from services.settings import AnswerSettings, Settings

    settings = Settings(data_dir=data_dir, answer=AnswerSettings(backend="extractive"))
    started = time.perf_counter()
    with open_answer_pipeline(settings) as pipeline:
        pipeline.answer("cuantos dias de vacaciones me tocan")  # loads the models
        warmup = time.perf_counter() - started
        totals: list[float] = []
        composes: list[float] = []
        rows = []
        for row in questions:
            t0 = time.perf_counter()
            answer = pipeline.answer(row["question"])
            totals.append(time.perf_counter() - t0)
            articles = [p for p in answer.passages if p.kind == "article"]
            t0 = time.perf_counter()
            compose(row["question"], articles, today=pipeline.today)
            composes.append(time.perf_counter() - t0)
            retrieved = {p.article_id for p in answer.passages}
            cited = [c.article_id for c in answer.citations]
            gold = set(row.get("articles", []))
            rows.append(
                {
                    "id": row["id"],
                    "set": row["set"],
                    "in_scope": answer.in_scope,
                    "grounded": set(cited) <= retrieved,
                    "disclaimer_last": answer.text.endswith(DISCLAIMER),
                    "retrieved_first_is_gold": bool(articles) and articles[0].article_id in gold,
                    "lead_is_gold": bool(cited) and cited[0] in gold,
                    "gold_cited": bool(set(cited) & gold),
                    "articles_quoted": len([c for c in cited if c != "518"]),
                    "chars": len(answer.text),
                    "seconds": totals[-1],
                }
            )
    answered = [r for r in rows if r["in_scope"]]

    def share(key: str, subset: list[dict[str, Any]]) -> float:
        return round(sum(1 for r in subset if r[key]) / max(len(subset), 1), 3)

    by_set = {
        name: {
            "questions": len([r for r in answered if r["set"] == name]),
            "retrieved_first_is_gold": share(
                "retrieved_first_is_gold", [r for r in answered if r["set"] == name]
            ),
            "lead_is_gold": share("lead_is_gold", [r for r in answered if r["set"] == name]),
            "gold_cited": share("gold_cited", [r for r in answered if r["set"] == name]),
        }
        for name in QUESTION_SETS
    }
    return {
        "questions": len(rows),
        "refused": len(rows) - len(answered),
        "warmup_seconds": round(warmup, 2),
        "answer_p50_ms": round(statistics.median(totals) * 1000, 1),
        "answer_p95_ms": round(percentile(totals, 95) * 1000, 1),
        "answer_max_ms": round(max(totals) * 1000, 1),
        "compose_p50_ms": round(statistics.median(composes) * 1000, 2),
        "compose_p95_ms": round(percentile(composes, 95) * 1000, 2),
        "mean_articles_quoted": round(statistics.mean(r["articles_quoted"] for r in answered), 2),
        "grounded": share("grounded", answered),
        "disclaimer_last": share("disclaimer_last", answered),
        "mean_chars": round(statistics.mean(r["chars"] for r in answered), 0),
        "max_chars": max(r["chars"] for r in answered),
        "by_set": by_set,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def cold_runs(data_dir: Path, runs: int) -> dict[str, Any]:
    env = {**os.environ, "ABOGADO_DATA_DIR": str(data_dir), "ABOGADO_ANSWER__BACKEND": "extractive"}
    seconds = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "abogado", "ask", "me corrieron sin carta, es legal?"],
            check=True,
            env=env,
            capture_output=True,
        )
        seconds.append(time.perf_counter() - t0)
    return {
        "runs": runs,
        "p50_s": round(statistics.median(seconds), 2) if seconds else None,
        "max_s": round(max(seconds), 2) if seconds else None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--cold", type=int, default=3, help="cold `abogado ask` processes")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "answer.json")
    args = parser.parse_args(argv)
    from services.settings import load_settings

    data_dir = args.data_dir or load_settings().data_dir
    questions = load_questions()
    load = os.getloadavg()[0]
    result = {
        "machine": f"{os.cpu_count()} CPU cores, load average {load:.1f} at start",
        "answerer": "extractive",
        "warm": warm_run(data_dir, questions),
        "cold_cli": cold_runs(data_dir, args.cold),
        "target": "warm answer p50 < 1000 ms",
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
