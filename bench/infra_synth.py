"""Wall and CPU time of ``python infra/app.py`` (a full, offline CDK synth of all stacks).

Run ``python -m bench.infra_synth [RUNS]``; each run is a fresh interpreter (jsii starts a node
process per interpreter, which is most of the cost). Results go to bench/results/infra_synth.json.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results" / "infra_synth.json"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once() -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as outdir:
        env = dict(os.environ, CDK_OUTDIR=outdir)
        cpu = _children_cpu()
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, str(REPO / "infra" / "app.py")],
            env=env,
            check=True,
            capture_output=True,
        )
        return time.perf_counter() - start, _children_cpu() - cpu


def main(runs: int = 3) -> dict[str, object]:
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = run_once()
        walls.append(wall)
        cpus.append(cpu)
        print(f"synth: {wall:.1f} s wall, {cpu:.1f} s CPU (python + node)")
    result: dict[str, object] = {
        "runs": runs,
        "wall_s_median": round(statistics.median(walls), 1),
        "wall_s": [round(w, 1) for w in walls],
        "cpu_s_median": round(statistics.median(cpus), 1),
        "load_average_1m": round(os.getloadavg()[0], 1),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "node": subprocess.run(
            ["node", "--version"], capture_output=True, text=True, check=False
        ).stdout.strip(),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
