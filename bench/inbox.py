"""The lawyers' inbox queue page (GET /abogados/) and one case page with 1,000 handoff requests in
the table (600 waiting, 300 claimed by other lawyers, 100 by this one), through the real routes
and session check, on SQLite and (with ``--mysql URL``, an empty database) MariaDB.

Run ``python -m bench.inbox [--requests 1000] [--pages 200] [--mysql URL]``; writes
``bench/results/inbox.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from db import migrate
from db.engine import make_engine, make_sessionmaker
from tests.webhooks.admin.idp import User
from tests.webhooks.admin.rig import oidc_client
from tests.webhooks.lawyers.cases import add_request
from tests.webhooks.lawyers.conftest import BASE, make_inbox_app

RESULTS = Path(__file__).resolve().parent / "results" / "inbox.json"
ME = User("sub-bench", "bench@despacho.mx", ("abogados",))


def _ms(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "p50": round(statistics.median(ordered), 2),
        "p95": round(ordered[int(len(ordered) * 0.95) - 1], 2),
        "max": round(ordered[-1], 2),
    }


def run(url: str, *, requests: int, pages: int) -> dict[str, Any]:
    migrate.upgrade(url)
    engine = make_engine(url)
    sessions = make_sessionmaker(engine)
    started = time.perf_counter()
    mine = 0
    for n in range(requests):
        kind = n % 10
        if kind < 6:
            add_request(sessions)
        elif kind < 9:
            add_request(sessions, status="claimed", lawyer_sub=f"sub-other-{n % 7}")
        else:
            mine = add_request(sessions, status="claimed", lawyer_sub=ME.sub)
    seeded_s = time.perf_counter() - started
    rig = make_inbox_app(base_url=BASE, sessions=sessions, http=None)
    rig.services.oidc = oidc_client(rig.idp, TestClient(rig.app, base_url=BASE))
    browser = TestClient(rig.app, base_url=BASE)
    rig.idp.next_user = ME
    first = browser.get("/abogados/")
    assert first.status_code == 200, first.status_code
    rows = len(re.findall(r'data-request="\d+"', first.text))
    queue, case = [], []
    for _ in range(pages):
        t0 = time.perf_counter()
        assert browser.get("/abogados/").status_code == 200
        queue.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        assert browser.get(f"/abogados/casos/{mine}").status_code == 200
        case.append((time.perf_counter() - t0) * 1000)
    engine.dispose()
    return {
        "requests_in_table": requests,
        "rows_on_queue_page": rows,
        "queue_page_kb": round(len(first.content) / 1024, 1),
        "queue_ms": _ms(queue),
        "case_page_ms": _ms(case),
        "seed_s": round(seeded_s, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--mysql", default=os.environ.get("ABOGADO_BENCH_MYSQL_URL", ""))
    args = parser.parse_args()
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        sqlite = f"sqlite:///{Path(tmp) / 'abogado.db'}"
        results["sqlite"] = run(sqlite, requests=args.requests, pages=args.pages)
    if args.mysql:
        results["mariadb"] = run(args.mysql, requests=args.requests, pages=args.pages)
    results["machine"] = {"cpus": os.cpu_count(), "python": platform.python_version()}
    print(json.dumps(results, indent=2))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
