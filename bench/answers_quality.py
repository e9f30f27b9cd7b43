"""Benchmark what answers say: key fact stated and leading, grounding, irrelevant quotes, length.

Runs ``rag.answer_eval`` over the answer sets (the dev sample in ../shared and the blind set in
bench/data) with the extractive answerer on the real law index, warm, one process per answerer.
``--baseline SRC`` also runs an older version of the code first, under the same load (a folder
holding its ``rag/`` and ``abogado/``: ``git archive <commit> rag abogado | tar -x -C SRC``).

    python -m bench.answers_quality [--data-dir DIR] [--baseline SRC] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
ANSWER_SETS = {
    "dev": REPO.parent / "shared" / "eval" / "answers_dev.jsonl",
    "blind": REPO / "bench" / "data" / "answers_blind.jsonl",
    "blind2": REPO / "bench" / "data" / "answers_blind2.jsonl",
    "blind3": REPO / "bench" / "data" / "answers_blind3.jsonl",
    "blind4": REPO / "bench" / "data" / "answers_blind4.jsonl",
    "blind5": REPO / "bench" / "data" / "answers_blind5.jsonl",
    "blind6": REPO / "bench" / "data" / "answers_blind6.jsonl",
    "blind7": REPO / "bench" / "data" / "answers_blind7.jsonl",
    "blind8": REPO / "bench" / "data" / "answers_blind8.jsonl",
    "blind9": REPO / "bench" / "data" / "answers_blind9.jsonl",
    "blind10": REPO / "bench" / "data" / "answers_blind10.jsonl",
    "blind11": REPO / "bench" / "data" / "answers_blind11.jsonl",
    "blind12": REPO / "bench" / "data" / "answers_blind12.jsonl",
    "blind13": REPO / "bench" / "data" / "answers_blind13.jsonl",
    "blind14": REPO / "bench" / "data" / "answers_blind14.jsonl",
    "blind15": REPO / "bench" / "data" / "answers_blind15.jsonl",
    "blind16": REPO / "bench" / "data" / "answers_blind16.jsonl",
    "blind17": REPO / "bench" / "data" / "answers_blind17.jsonl",
    "blind18": REPO / "bench" / "data" / "answers_blind18.jsonl",
    "blind19": REPO / "bench" / "data" / "answers_blind19.jsonl",
    "blind20": REPO / "bench" / "data" / "answers_blind20.jsonl",
    "blind21": REPO / "bench" / "data" / "answers_blind21.jsonl",
    "blind22": REPO / "bench" / "data" / "answers_blind22.jsonl",
    "blind23": REPO / "bench" / "data" / "answers_blind23.jsonl",
    "blind24": REPO / "bench" / "data" / "answers_blind24.jsonl",
    "blind25": REPO / "bench" / "data" / "answers_blind25.jsonl",
    "blind26": REPO / "bench" / "data" / "answers_blind26.jsonl",
    "blind27": REPO / "bench" / "data" / "answers_blind27.jsonl",
    "blind28": REPO / "bench" / "data" / "answers_blind28.jsonl",
    "blind29": REPO / "bench" / "data" / "answers_blind29.jsonl",
    "blind30": REPO / "bench" / "data" / "answers_blind30.jsonl",
    "blind31": REPO / "bench" / "data" / "answers_blind31.jsonl",
    "blind32": REPO / "bench" / "data" / "answers_blind32.jsonl",
    "blind33": REPO / "bench" / "data" / "answers_blind33.jsonl",
    "blind34": REPO / "bench" / "data" / "answers_blind34.jsonl",
    "blind35": REPO / "bench" / "data" / "answers_blind35.jsonl",
    "blind36": REPO / "bench" / "data" / "answers_blind36.jsonl",
    "blind37": REPO / "bench" / "data" / "answers_blind37.jsonl",
    "blind38": REPO / "bench" / "data" / "answers_blind38.jsonl",
    "blind39": REPO / "bench" / "data" / "answers_blind39.jsonl",
    "blind40": REPO / "bench" / "data" / "answers_blind40.jsonl",
    "blind41": REPO / "bench" / "data" / "answers_blind41.jsonl",
    "blind42": REPO / "bench" / "data" / "answers_blind42.jsonl",
    "blind43": REPO / "bench" / "data" / "answers_blind43.jsonl",
    "blind44": REPO / "bench" / "data" / "answers_blind44.jsonl",
    "blind45": REPO / "bench" / "data" / "answers_blind45.jsonl",
    "blind46": REPO / "bench" / "data" / "answers_blind46.jsonl",
    "blind47": REPO / "bench" / "data" / "answers_blind47.jsonl",
    "blind48": REPO / "bench" / "data" / "answers_blind48.jsonl",
    "blind49": REPO / "bench" / "data" / "answers_blind49.jsonl",
    "blind50": REPO / "bench" / "data" / "answers_blind50.jsonl",
    "blind51": REPO / "bench" / "data" / "answers_blind51.jsonl",
    "blind52": REPO / "bench" / "data" / "answers_blind52.jsonl",
    "blind53": REPO / "bench" / "data" / "answers_blind53.jsonl",
    "blind54": REPO / "bench" / "data" / "answers_blind54.jsonl",
    "blind55": REPO / "bench" / "data" / "answers_blind55.jsonl",
    "blind56": REPO / "bench" / "data" / "answers_blind56.jsonl",
    "blind57": REPO / "bench" / "data" / "answers_blind57.jsonl",
    "blind58": REPO / "bench" / "data" / "answers_blind58.jsonl",
    "blind59": REPO / "bench" / "data" / "answers_blind59.jsonl",
    "blind60": REPO / "bench" / "data" / "answers_blind60.jsonl",
    "blind61": REPO / "bench" / "data" / "answers_blind61.jsonl",
    "blind62": REPO / "bench" / "data" / "answers_blind62.jsonl",
    "blind63": REPO / "bench" / "data" / "answers_blind63.jsonl",
    "blind64": REPO / "bench" / "data" / "answers_blind64.jsonl",
    "blind65": REPO / "bench" / "data" / "answers_blind65.jsonl",
    "blind66": REPO / "bench" / "data" / "answers_blind66.jsonl",
    "blind67": REPO / "bench" / "data" / "answers_blind67.jsonl",
    "blind68": REPO / "bench" / "data" / "answers_blind68.jsonl",
    "blind69": REPO / "bench" / "data" / "answers_blind69.jsonl",
    "blind70": REPO / "bench" / "data" / "answers_blind70.jsonl",
    "blind71": REPO / "bench" / "data" / "answers_blind71.jsonl",
    "blind72": REPO / "bench" / "data" / "answers_blind72.jsonl",
    "blind73": REPO / "bench" / "data" / "answers_blind73.jsonl",
    "blind74": REPO / "bench" / "data" / "answers_blind74.jsonl",
    "blind75": REPO / "bench" / "data" / "answers_blind75.jsonl",
    "blind76": REPO / "bench" / "data" / "answers_blind76.jsonl",
    "blind77": REPO / "bench" / "data" / "answers_blind77.jsonl",
    "blind78": REPO / "bench" / "data" / "answers_blind78.jsonl",
    "blind79": REPO / "bench" / "data" / "answers_blind79.jsonl",
    "blind80": REPO / "bench" / "data" / "answers_blind80.jsonl",
    "blind81": REPO / "bench" / "data" / "answers_blind81.jsonl",
    "blind82": REPO / "bench" / "data" / "answers_blind82.jsonl",
    "blind83": REPO / "bench" / "data" / "answers_blind83.jsonl",
    "blind84": REPO / "bench" / "data" / "answers_blind84.jsonl",
    "blind85": REPO / "bench" / "data" / "answers_blind85.jsonl",
    "blind86": REPO / "bench" / "data" / "answers_blind86.jsonl",
    "blind87": REPO / "bench" / "data" / "answers_blind87.jsonl",
    "blind88": REPO / "bench" / "data" / "answers_blind88.jsonl",
    "blind89": REPO / "bench" / "data" / "answers_blind89.jsonl",
    "blind90": REPO / "bench" / "data" / "answers_blind90.jsonl",
    "blind91": REPO / "bench" / "data" / "answers_blind91.jsonl",
    "blind92": REPO / "bench" / "data" / "answers_blind92.jsonl",
    "blind93": REPO / "bench" / "data" / "answers_blind93.jsonl",
}


def run_sets(data_dir: Path, report_dir: Path | None) -> dict[str, Any]:
    """Every answer set through one warm pipeline; the summaries by set."""
    from abogado.answers import open_answer_pipeline
    from rag.answer_eval import AnswerItem, evaluate_answers, load_answer_items
    from rag.types import Answer
    from services.settings import AnswerSettings, Settings

    settings = Settings(data_dir=data_dir, answer=AnswerSettings(backend="extractive"))
    out: dict[str, Any] = {}
    with open_answer_pipeline(settings) as pipeline:
        pipeline.answer("cuantos dias de vacaciones me tocan")  # loads the models

        def answer(item: AnswerItem) -> Answer:
            return pipeline.answer(item.question, context=dict(item.context) or None)

        for name, path in ANSWER_SETS.items():
            if not path.exists():
                print(f"skipping {name}: {path} not found", file=sys.stderr)
                continue
            items = load_answer_items(path, year=pipeline.today.year)
            report = evaluate_answers(items, answer)
            out[name] = report.summary()
            if report_dir is not None:
                rows = [json.dumps(r, ensure_ascii=False) for r in report.rows()]
                (report_dir / f"{name}.jsonl").write_text("\n".join(rows) + "\n", "utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--data-dir", type=Path, default=REPO / ".abogado")
    parser.add_argument("--baseline", type=Path, help="folder with an older rag/ and abogado/")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "answers.json")
    parser.add_argument("--reports", type=Path, help="write per-question JSONL reports here")
    parser.add_argument("--only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.only:  # a child process: print this code's summaries as JSON
        # Run as a script, bench/ leads sys.path and bench/calc.py would shadow the calc package.
        here = Path(__file__).resolve().parent
        sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != here]
        print(json.dumps(run_sets(args.data_dir, args.reports)))
        return 0
    results: dict[str, Any] = {"measured_at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    results["load_average"] = round(os.getloadavg()[0], 2)
    runs = [("now", REPO)]
    if args.baseline is not None:
        runs.insert(0, ("baseline", args.baseline.resolve()))
    for label, source in runs:
        reports = None
        if args.reports is not None:
            reports = args.reports / label
            reports.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "PYTHONPATH": f"{source}{os.pathsep}{REPO}"}
        # Run as a script: sys.path starts with bench/, then ``source`` wins over the repo.
        command = [sys.executable, str(Path(__file__).resolve()), "--only"]
        command += ["--data-dir", str(args.data_dir)]
        command += ["--reports", str(reports)] if reports is not None else []
        done = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
        results[label] = json.loads(done.stdout.strip().splitlines()[-1])
        print(label, json.dumps(results[label], indent=1))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
