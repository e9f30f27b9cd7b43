"""How fast is a Telegram Stars pre-checkout answered? Telegram cancels the checkout after 10 s.

Run ``python -m bench.stars [--mysql-url mysql+pymysql://…/NAME] [--n 300]``. It builds the real
app (``create_app`` with ``StarsPayments``) on a migrated database, stores one waiting payment,
and times ``POST /webhooks/telegram`` with a ``pre_checkout_query`` from request to the answer
that rides on the response (the payment lookup included), in process (no network), sequentially;
then the same with a successful_payment (``payment_events`` + ``advance`` + notice, one
transaction, then a replay). Writes ``bench/results/stars.json`` (``--out``).
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results" / "stars.json"
SECRET = "bench-secret"  # noqa: S105  # the bench app's own webhook secret


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 2),
        "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1] * 1000, 2),
        "max_ms": round(ordered[-1] * 1000, 2),
    }


def run(url: str, n: int) -> dict[str, Any]:
    from fastapi.testclient import TestClient
    from pydantic import SecretStr

    from abogado.container import Container
    from abogado.purchases import build_stars
    from db import payments, plans
    from db.identities import ensure_linked_user
    from services.settings import (
        DatabaseSettings,
        PaymentsSettings,
        Product,
        Settings,
        TelegramSettings,
    )
    from tests.fakes.stars import paid_update, pre_checkout_update
    from webhooks.app import Services, create_app

    settings = Settings(
        database=DatabaseSettings(url=url),
        telegram=TelegramSettings(bot_token=SecretStr("1:bench"), webhook_secret=SecretStr(SECRET)),
        payments=PaymentsSettings(products=[Product(code="mensual", title="Plan", stars=150)]),
    )
    container = Container(settings)
    container.migrate()
    storage = container.storage
    now = datetime.now(UTC)
    with storage.sessions() as session, session.begin():
        user_id = ensure_linked_user(
            session, channel="telegram", chat_id="555", sub="s", username="u", now=now
        )
        found = plans.identity(session, channel="telegram", chat_id="555")
        assert found is not None
        identity = found[0]
        for i in range(n):
            payments.create(
                session,
                user_id=user_id,
                identity_id=identity,
                product="mensual",
                provider="stars",
                provider_ref=f"bench-{i}",
                amount=150,
                currency="XTR",
                now=now,
            )
    services = Services(
        inbox=storage.inbox,
        outbound=storage.outbound,
        enqueue=lambda _item: None,
        stars=build_stars(settings, sessions=storage.sessions),
    )
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Type": "application/json"}
    checkout: list[float] = []
    paid: list[float] = []
    replay: list[float] = []
    with TestClient(create_app(settings, services)) as client:
        for i in range(n):
            body = json.dumps(pre_checkout_update(user_id=555, payload=f"bench-{i}", total=150))
            start = time.perf_counter()
            answer = client.post("/webhooks/telegram", content=body, headers=headers)
            checkout.append(time.perf_counter() - start)
            assert answer.json()["ok"] is True
        for i in range(n):
            update = paid_update(user_id=555, payload=f"bench-{i}", total=150, charge_id=f"c{i}")
            body = json.dumps(update)
            start = time.perf_counter()
            assert client.post("/webhooks/telegram", content=body, headers=headers).is_success
            paid.append(time.perf_counter() - start)
            start = time.perf_counter()
            assert client.post("/webhooks/telegram", content=body, headers=headers).is_success
            replay.append(time.perf_counter() - start)
    storage.engine.dispose()
    return {
        "database": url.split(":", 1)[0],
        "requests": n,
        "pre_checkout": _percentiles(checkout),
        "successful_payment": _percentiles(paid),
        "replayed_successful_payment": _percentiles(replay),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mysql-url", default=None)
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        results.append(run(f"sqlite:///{tmp}/bench.db", args.n))
    if args.mysql_url:
        results.append(run(args.mysql_url, args.n))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
