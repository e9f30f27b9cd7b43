"""Does the receiver's group commit (and SQLite's write gate) earn its complexity? Measured here.

Run ``python -m bench.group_commit [--mysql-url mysql+pymysql://…/NAME]``. It serves the
receiver alone (``create_app``, enqueue a no-op) under uvicorn once per configuration, group commit
or a thread per request, write gate on or off (``make_engine(write_gate=)``), each
on a database of its own, and loads ``POST /webhooks/telegram`` with ``wrk`` at 1, 10 and 50
connections, the configurations interleaved run by run so a change in the machine's load falls on
all alike; the load average is recorded beside every run. ``worker`` configurations add a stand-in
for the local worker in the same process: a thread that claims the stored updates and writes
their progress and end through ``SqlInbox``, as a turn's bookkeeping does. "no_gc" (``ThreadStore``)
is the receiver before the group commit. Then the Lambda case: the same app
behind Mangum, one request at a time in one process, where a batch is always one update: group
commit, ``group_commit=False`` (stored on the event loop) and a thread per request. Writes
``bench/results/group_commit.json`` (``--out``); docs/capacity.md reads it.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.webhooks import REPO, SECRET, free_port, load_wrk, wait_healthy

if TYPE_CHECKING:
    from db.receiving import NewUpdate
    from webhooks.errors import StoreUnavailable
    from webhooks.receive import Receiver

RESULTS = REPO / "bench" / "results" / "group_commit.json"

# The receiver alone, configured by one JSON argument: url, group_commit, gate, worker, port.
SERVER = """
import json, sys, threading, time
from datetime import UTC, datetime, timedelta
import uvicorn
from db import migrate
from db.engine import make_engine, make_sessionmaker
from db.inbound import SqlInbox
from services.settings import load_settings
from bench.group_commit import ThreadStore
from webhooks.app import Services, create_app
from webhooks.receive import Receiver
cfg = json.loads(sys.argv[1])
migrate.upgrade(cfg["url"])
inbox = SqlInbox(make_sessionmaker(make_engine(cfg["url"], write_gate=cfg["gate"])))

def worker() -> None:  # a turn's queue bookkeeping: claim, two progress writes, done
    while True:
        now = datetime.now(UTC)
        items = inbox.claim(now=now, lease=timedelta(minutes=5), limit=8)
        for item in items:
            inbox.progress(item.id, replies_sent=1, parts_sent=0, now=now)
            inbox.progress(item.id, replies_sent=1, parts_sent=1, now=now)
            inbox.done(item.id, now=now)
        if not items:
            time.sleep(0.05)

if cfg["worker"]:
    threading.Thread(target=worker, daemon=True).start()
services = Services(inbox=inbox, enqueue=lambda item: None)
if not cfg["group_commit"]:
    receiver = Receiver(inbox=inbox, enqueue=lambda item: None, now=lambda: datetime.now(UTC))
    services.commits = ThreadStore(receiver)
uvicorn.run(create_app(load_settings(), services), host="127.0.0.1", port=cfg["port"],
            log_level="warning", access_log=False)
"""


class ThreadStore:
    """The receiver without group commit on a server: each request stores its own update in a
    thread of the pool, first at the write gate (the receiver before the group commit)."""

    def __init__(self, receiver: Receiver) -> None:
        self._receiver = receiver

    def _store(self, update: NewUpdate) -> StoreUnavailable | None:
        from db.engine import urgent_writes

        with urgent_writes():
            return self._receiver.store([update])[0]

    async def submit(self, update: NewUpdate) -> None:
        from starlette.concurrency import run_in_threadpool

        outcome = await run_in_threadpool(self._store, update)
        if outcome is not None:
            raise outcome


def configs(mysql: bool) -> dict[str, dict[str, Any]]:
    """The configurations compared: group commit (gc) or a thread per request, gate, worker."""
    if mysql:
        return {
            f"mysql_{'gc' if gc else 'no_gc'}": {"group_commit": gc, "gate": True, "worker": False}
            for gc in (True, False)
        }
    return {
        f"sqlite_{'gc' if gc else 'no_gc'}_{'gate' if gate else 'nogate'}{'_worker' * worker}": {
            "group_commit": gc,
            "gate": gate,
            "worker": worker,
        }
        for worker, gc, gate in itertools.product((False, True), (True, False), (True, False))
    }


def loadavg() -> float:
    return round(os.getloadavg()[0], 2)


def summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Median of the runs, and every run's rps, p99 and load average."""
    return {
        "rps_median": round(statistics.median(r["rps"] for r in runs), 1),
        "p50_ms_median": round(statistics.median(r["p50_ms"] for r in runs), 2),
        "p99_ms_median": round(statistics.median(r["p99_ms"] for r in runs), 2),
        "errors": sum(r["errors"] for r in runs),
        "runs": [
            {k: r[k] for k in ("rps", "p50_ms", "p99_ms", "load_before", "load_after")}
            for r in runs
        ],
    }


def http_bench(args: argparse.Namespace, env: dict[str, str], tmp: Path) -> dict[str, Any]:
    procs: dict[str, tuple[subprocess.Popen[bytes], int]] = {}
    chosen = configs(mysql=False) if args.sqlite else {}
    if args.mysql_url:
        chosen.update(configs(mysql=True))
    if args.only:
        chosen = {k: v for k, v in chosen.items() if k in args.only.split(",")}
    results: dict[str, dict[str, list[dict[str, Any]]]] = {name: {} for name in chosen}
    try:
        for name, cfg in chosen.items():
            port = free_port()
            url = args.mysql_url if name.startswith("mysql") else f"sqlite:///{tmp / name}.db"
            argument = json.dumps({**cfg, "url": url, "port": port})
            log = (tmp / f"{name}.log").open("wb")  # closed with the process
            proc = subprocess.Popen(
                [sys.executable, "-c", SERVER, argument], env=env, cwd=REPO, stderr=log, stdout=log
            )
            procs[name] = (proc, port)
            wait_healthy(f"http://127.0.0.1:{port}/healthz", proc)
        next_id = 1
        for run in range(args.runs):
            for level in args.levels:
                for name, (_, port) in procs.items():
                    before = loadavg()
                    stats = load_wrk(
                        f"http://127.0.0.1:{port}/webhooks/telegram",
                        concurrency=level,
                        seconds=args.seconds,
                        start_id=next_id,
                        signed=True,
                        folder=tmp,
                    )
                    stats.update(load_before=before, load_after=loadavg())
                    next_id += 10_000_000
                    results[name].setdefault(str(level), []).append(stats)
                    print(run, level, name, stats, flush=True)
    finally:
        for proc, _ in procs.values():
            proc.terminate()
            proc.wait(timeout=30)
        for name in procs:  # a failed request leaves its reason here
            errors = (tmp / f"{name}.log").read_text(errors="replace").count("Traceback")
            print(name, "tracebacks in its log:", errors, flush=True)
    return {
        name: {level: summary(runs) for level, runs in by_level.items()}
        for name, by_level in results.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mysql-url", help="a MariaDB/MySQL server URL (NAME_cap is used)")
    parser.add_argument("--no-sqlite", dest="sqlite", action="store_false")
    parser.add_argument("--levels", default="1,10,50", help="wrk connections")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=8, help="seconds per wrk run")
    parser.add_argument("--lambda-requests", type=int, default=400)
    parser.add_argument("--only", help="comma-separated configuration names")
    parser.add_argument("--no-http", dest="http", action="store_false")
    parser.add_argument("--no-lambda", dest="lambda_", action="store_false")
    parser.add_argument("--out", type=Path, default=RESULTS, help="results file (merged into)")
    args = parser.parse_args()
    args.levels = [int(x) for x in args.levels.split(",")]
    with tempfile.TemporaryDirectory(prefix="abogado-gc-") as folder:
        tmp = Path(folder)
        env = {
            **os.environ,
            "ABOGADO_DATA_DIR": str(tmp),
            "ABOGADO_PUBLIC_URL": "https://bench.abogado.example",
            "ABOGADO_TELEGRAM__WEBHOOK_SECRET": SECRET,
        }
        os.environ.update(env)
        results: dict[str, Any] = {
            "machine": f"{os.cpu_count()} CPUs",
            "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "wrk_seconds": args.seconds,
        }
        if args.mysql_url:
            from bench.capacity import bench_database

            with bench_database(args.mysql_url) as (url, _name):
                args.mysql_url = url
                results.update(run_all(args, env, tmp))
        else:
            results.update(run_all(args, env, tmp))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    previous = json.loads(args.out.read_text()) if args.out.exists() else {}
    for key in ("http", "lambda"):
        if key in previous and key in results:
            results[key] = {**previous[key], **results[key]}
    args.out.write_text(json.dumps({**previous, **results}, indent=2) + "\n")
    print(json.dumps(results, indent=2))


def run_all(args: argparse.Namespace, env: dict[str, str], tmp: Path) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if args.http:
        out["http"] = http_bench(args, env, tmp)
    if args.lambda_:
        from bench.group_commit_lambda import lambda_runs

        out["lambda"] = lambda_runs(args, tmp)
    return out


if __name__ == "__main__":
    main()
