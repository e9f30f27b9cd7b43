"""Time and peak memory of parsing the LFT: the lexmx Markdown, and the official PDF.

Run ``python -m bench.parse``; each case runs in a fresh interpreter so peak RSS is its own.
Results go to ``bench/results/parse.json``.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data" / "lft"
MD = SHARED / "lft_2026-05-01_lexmx.md"
PDF = SHARED / "lft_2025-02-21_diputados.pdf"
RESULTS = REPO / "bench" / "results" / "parse.json"


def _peak_rss_mb() -> float:
    # ru_maxrss is in KiB on Linux.
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def case_markdown(runs: int = 5) -> dict[str, object]:
    from ingest.chunk import chunk_law
    from ingest.parse import parse_law

    text = MD.read_text(encoding="utf-8")
    times, cpu_times = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        law = parse_law(text)
        times.append(time.perf_counter() - start)
        cpu_times.append(time.process_time() - cpu)
    start = time.perf_counter()
    chunks = chunk_law(law)
    chunk_s = time.perf_counter() - start
    tracemalloc.start()
    parse_law(text)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "case": "markdown parse",
        "source": MD.name,
        "runs": runs,
        "parse_s_median": round(sorted(times)[runs // 2], 3),
        "parse_s_min": round(min(times), 3),
        "parse_cpu_s_median": round(sorted(cpu_times)[runs // 2], 3),
        "chunk_s": round(chunk_s, 3),
        "articles": len(law.articles),
        "transitorios": len(law.transitorios),
        "chunks": len(chunks),
        "python_peak_mb": round(traced_peak / 2**20, 1),
        "peak_rss_mb": _peak_rss_mb(),
    }


def case_pdf() -> dict[str, object]:
    from pypdf import PdfReader

    from ingest.parse import parse_law
    from ingest.pdf import pdf_to_text

    data = PDF.read_bytes()
    pages = len(PdfReader(PDF).pages)
    start, cpu = time.perf_counter(), time.process_time()
    text = pdf_to_text(data)
    extract_s, extract_cpu = time.perf_counter() - start, time.process_time() - cpu
    start, cpu = time.perf_counter(), time.process_time()
    law = parse_law(text)
    parse_s, parse_cpu = time.perf_counter() - start, time.process_time() - cpu
    return {
        "case": "pdf extract+parse",
        "source": PDF.name,
        "pages": pages,
        "extract_s": round(extract_s, 2),
        "extract_cpu_s": round(extract_cpu, 2),
        "parse_s": round(parse_s, 3),
        "parse_cpu_s": round(parse_cpu, 3),
        "total_s": round(extract_s + parse_s, 2),
        "articles": len(law.articles),
        "peak_rss_mb": _peak_rss_mb(),
    }


CASES = {"markdown": case_markdown, "pdf": case_pdf}


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--case":
        print(json.dumps(CASES[sys.argv[2]]()))
        return 0
    for path in (MD, PDF):
        if not path.exists():
            print(f"{path} not found: the law is read from ../shared", file=sys.stderr)
            return 1
    results = []
    for name in CASES:
        done = subprocess.run(
            [sys.executable, "-m", "bench.parse", "--case", name],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        )
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    report = {
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}",
        "note": "wall times on a shared 2-core machine are noisy; *_cpu_s is this process's CPU",
        "date": time.strftime("%Y-%m-%d"),
        "results": results,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    for row in results:
        print(", ".join(f"{k}={v}" for k, v in row.items()))
    print(f"written to {RESULTS.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
