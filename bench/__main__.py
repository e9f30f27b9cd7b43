"""Run every benchmark, one process each, in dependency order: ``python -m bench [NAME ...]``.

Each writes its numbers to bench/results/<name>.json; docs/benchmarks.md collects them.
"""

from __future__ import annotations

import subprocess
import sys
import time

ORDER = (
    "parse",
    "ingest",
    "retrieval",
    "answer",
    "answers_quality",
    "turns",
    "webhooks",
    "stripe_webhook",
    "stars",
    "broadcast",
    "voice",
    "groups",
    "inbox",
    "infra_synth",
    "calc",
    "facts",
    "conversations",
    "capacity",
)


def main(argv: list[str]) -> int:
    names = argv or list(ORDER)
    unknown = sorted(set(names) - set(ORDER))
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; choose from {', '.join(ORDER)}")
        return 2
    failed = []
    for name in names:
        print(f"== bench.{name}", flush=True)
        started = time.monotonic()
        code = subprocess.call([sys.executable, "-m", f"bench.{name}"])
        print(f"== bench.{name}: exit {code} after {time.monotonic() - started:.0f} s", flush=True)
        if code != 0:
            failed.append(name)
    if failed:
        print(f"failed: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
