"""The Lambda receiver's case for ``bench.group_commit``: one request at a time through Mangum.

A Lambda environment serves one request at a time, so a group commit's batch is always one update;
this times the same app with group commit, without (stored on the event loop) and with a thread
per request.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from bench.group_commit import ThreadStore, loadavg
from bench.webhooks import SECRET, update

if TYPE_CHECKING:
    from webhooks.group_commit import GroupCommit

LAMBDA_CONFIGS = ("gc", "inline", "thread")


def lambda_event(update_id: int) -> dict[str, Any]:
    """One API Gateway REST (payload 1.0) request, as the receiver's front delivers it."""
    body = json.dumps(update(update_id, 20_000_000 + update_id % 5000, "/ayuda"))
    return {
        "resource": "/webhooks/telegram",
        "path": "/webhooks/telegram",
        "httpMethod": "POST",
        "headers": {
            "content-type": "application/json",
            "host": "abogado.example.mx",
            "x-forwarded-proto": "https",
            "x-telegram-bot-api-secret-token": SECRET,
        },
        "multiValueHeaders": {},
        "queryStringParameters": None,
        "multiValueQueryStringParameters": None,
        "requestContext": {
            "resourcePath": "/webhooks/telegram",
            "httpMethod": "POST",
            "path": "/prod/webhooks/telegram",
            "stage": "prod",
            "identity": {"sourceIp": "203.0.113.7"},
        },
        "body": body,
        "isBase64Encoded": False,
    }


def lambda_bench(url: str, *, mode: str, requests: int, start_id: int) -> dict[str, Any]:
    """One process, one request at a time through Mangum, as a Lambda environment runs them."""
    from mangum import Mangum

    from db import migrate
    from db.engine import make_engine, make_sessionmaker
    from db.inbound import SqlInbox
    from services.settings import load_settings
    from webhooks.app import Services, create_app

    migrate.upgrade(url)
    engine = make_engine(url)
    inbox = SqlInbox(make_sessionmaker(engine))
    services = Services(inbox=inbox, enqueue=lambda item: None, group_commit=mode == "gc")
    if mode == "thread":
        from webhooks.receive import Receiver

        receiver = Receiver(inbox=inbox, enqueue=lambda item: None, now=services.now)
        services.commits = cast("GroupCommit", ThreadStore(receiver))  # duck-typed: submit
    handler: Callable[[dict[str, Any], Any], dict[str, Any]] = Mangum(
        create_app(load_settings(), services), lifespan="off"
    )
    for i in range(20):  # warm: imports, the pool's first connection, cached statements
        handler(lambda_event(start_id + i), None)
    times = []
    cpu0 = time.process_time()
    for i in range(20, 20 + requests):
        t0 = time.perf_counter()
        response = handler(lambda_event(start_id + i), None)
        times.append(time.perf_counter() - t0)
        assert response["statusCode"] == 200, response
    cpu = time.process_time() - cpu0
    engine.dispose()
    times.sort()
    return {
        "requests": requests,
        "p50_ms": round(1000 * times[len(times) // 2], 3),
        "p90_ms": round(1000 * times[int(len(times) * 0.9)], 3),
        "mean_ms": round(1000 * statistics.fmean(times), 3),
        "cpu_ms_per_request": round(1000 * cpu / requests, 3),
    }


def lambda_runs(args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    urls = {"sqlite": f"sqlite:///{tmp / 'lambda.db'}"} if args.sqlite else {}
    if args.mysql_url:
        urls["mysql"] = args.mysql_url
    out: dict[str, Any] = {}
    start = 900_000_000
    for db, url in urls.items():
        for run in range(args.runs):
            for name in LAMBDA_CONFIGS:
                before = loadavg()
                stats = lambda_bench(url, mode=name, requests=args.lambda_requests, start_id=start)
                start += 1_000_000
                stats.update(load_before=before, load_after=loadavg())
                out.setdefault(f"{db}_{name}", []).append(stats)
                print("lambda", run, db, name, stats, flush=True)
    return out
