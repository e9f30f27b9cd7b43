"""What one Stripe event costs the receiver, and what a flood of forged ones costs.

Run ``python -m bench.stripe_webhook [--events N] [--db URL]``. It mounts ``POST
/webhooks/stripe`` (the real router, stripe-python's HMAC check) in an app driven in-process
through httpx's ASGI transport (no HTTP parsing, no network: the app's own work), on a migrated
SQLite file (or ``--db``, an empty database URL such as the CI MariaDB). It measures:

- verify + store: a ``checkout.session.completed`` for a card, each for its own payment (the
  signature, the event id stored, the payment paid, the entitlement and the notice written);
- a replay of each (verified, then found already seen);
- refusals: a forged signature of the right shape (HMAC computed, then refused), a stale one
  (refused before the HMAC), a badly shaped header, and a body declared over 64 KiB.

Wall time per request (p50/p90/p99) and the process's CPU time per request. Writes
``bench/results/stripe_webhook.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import platform
import statistics
import tempfile
import time
import timeit
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI

from db import payments
from db.engine import make_engine, make_sessionmaker
from db.migrate import upgrade
from db.models import ChatIdentity, User
from tests.fakes.stripe_api import WEBHOOK_SECRET, FakeStripeAPI, signature_header
from tests.webhooks.stripe_rig import stripe_settings
from webhooks.stripe_webhook import (
    STRIPE_PATH,
    StripeServices,
    build_stripe_router,
    signature_ok,
    signed_at,
)

RESULTS = Path(__file__).resolve().parent / "results" / "stripe_webhook.json"


def _stats(samples: list[float], cpu: float) -> dict[str, float]:
    ordered = sorted(samples)

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000

    return {
        "n": len(samples),
        "p50_ms": round(statistics.median(ordered) * 1000, 3),
        "p90_ms": round(pct(0.90), 3),
        "p99_ms": round(pct(0.99), 3),
        "cpu_ms_per_request": round(cpu / len(samples) * 1000, 3),
    }


async def _run(
    client: httpx.AsyncClient, requests: list[tuple[bytes, dict[str, str]]], expect: int
) -> dict[str, float]:
    samples = []
    cpu0 = time.process_time()
    for body, headers in requests:
        started = time.perf_counter()
        answer = await client.post(STRIPE_PATH, content=body, headers=headers)
        samples.append(time.perf_counter() - started)
        assert answer.status_code == expect, (answer.status_code, answer.text)
    return _stats(samples, time.process_time() - cpu0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=300)
    parser.add_argument("--flood", type=int, default=2000)
    parser.add_argument("--db", default="", help="an empty database URL (default: SQLite file)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        # The refusal lines (one a second per kind) go to a file, as they would to a log.
        logging.basicConfig(filename=Path(tmp) / "bench.log", level=logging.INFO)
        url = args.db or f"sqlite:///{Path(tmp) / 'bench.db'}"
        upgrade(url)
        engine = make_engine(url)
        sessions = make_sessionmaker(engine)
        fake = FakeStripeAPI().start()
        try:
            results = asyncio.run(_bench(args, sessions, fake))
        finally:
            fake.stop()
            engine.dispose()
    results["database"] = url.split(":", 1)[0]
    results["machine"] = {"python": platform.python_version(), "cpu": platform.processor()}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))
    return 0


async def _bench(args: argparse.Namespace, sessions: Any, fake: FakeStripeAPI) -> dict[str, Any]:
    now = datetime.now(UTC)
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)  # noqa: E731
    app = FastAPI()
    app.include_router(
        build_stripe_router(
            settings=stripe_settings(), services=StripeServices(sessions=sessions, now=clock)
        )
    )
    with sessions.begin() as session:
        user = User(cognito_sub="bench", email="bench@example.com", created_at=now)
        session.add(user)
        session.flush()
        chat = ChatIdentity(
            channel="whatsapp", external_id="bench", user_id=user.id, created_at=now
        )
        session.add(chat)
        session.flush()
        user_id, identity_id = user.id, chat.id
    bodies = []
    for _ in range(args.events):
        session_id = fake.open_session()
        with sessions.begin() as session:
            payments.create(
                session,
                user_id=user_id,
                identity_id=identity_id,
                product="revision",
                provider="stripe",
                provider_ref=session_id,
                amount=29_900,
                currency="MXN",
                now=now,
            )
        bodies.append(fake.completed(session_id))
    stamp = int(time.time())

    def signed(body: bytes, **kw: Any) -> dict[str, str]:
        return {
            "Stripe-Signature": signature_header(body, **kw),
            "Content-Type": "application/json",
        }

    sample = bodies[0]
    forged = signed(sample, secret="whsec_forged", at=stamp)  # noqa: S106  (a wrong secret)
    stale = signed(sample, at=stamp - 3600)
    shapeless = {"Stripe-Signature": "t=1,v1=zz", "Content-Type": "application/json"}
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        store = await _run(client, [(b, signed(b)) for b in bodies], 200)
        replay = await _run(client, [(b, signed(b)) for b in bodies], 200)
        flood = args.flood
        forged_r = await _run(client, [(sample, forged)] * flood, 400)
        stale_r = await _run(client, [(sample, stale)] * flood, 400)
        shape_r = await _run(client, [(sample, shapeless)] * flood, 400)
        big = {"Content-Length": str(10**7), **forged}
        over_r = await _run(client, [(b"", big)] * flood, 413)
    return {
        "checks_us": _checks(sample),
        "event_bytes": len(sample),
        "verify_and_store": store,
        "replayed_event": replay,
        "forged_signature": forged_r,
        "stale_timestamp": stale_r,
        "badly_shaped_header": shape_r,
        "declared_over_64KiB": over_r,
    }


def _checks(sample: bytes) -> dict[str, float]:
    """The two checks alone, in microseconds a call: the header's shape and age, the HMAC."""
    header = signature_header(sample)
    big = sample + b" " * (64 * 1024 - len(sample))
    big_header = signature_header(big)

    def per_call(call: Callable[[], object], n: int = 2000) -> float:
        return round(min(timeit.repeat(call, number=n, repeat=5)) / n * 1e6, 2)

    return {
        "header_shape": per_call(lambda: signed_at(header)),
        "hmac_event": per_call(lambda: signature_ok(sample, header, WEBHOOK_SECRET)),
        "hmac_64KiB": per_call(lambda: signature_ok(big, big_header, WEBHOOK_SECRET), 200),
    }


if __name__ == "__main__":
    raise SystemExit(main())
