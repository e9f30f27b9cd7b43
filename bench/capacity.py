"""Capacity of the worker path on MariaDB: 50, 100 and 200 chats at once, the model at 2–5 s.

Each chat is what one worker Lambda does for it: the receiver stores the update
(``SqlInbox.record``), then ``SqsWorker`` (the real Lambda handler) takes it and ``Processor``
runs the turn (``TurnRunner`` with the per-chat model budget), sends through a stub channel
(80 ms, a Bot API call) and marks it done. The answerer is a bench stub that sleeps 2–5 s and
returns a fixed cited answer: the measure is the database around the model, not the model.

Run ``python -m bench.capacity --mysql-url mysql+pymysql://USER:PW@HOST:PORT/NAME`` (the server
must let USER create ``NAME_cap``, dropped afterwards). Reports turns/s, p50/p95 message latency
(stored → answered and sent; SQS delivery not included), pool connections checked out at once
(what RDS Proxy must lend at that moment), connections the server saw for the database, and how
long a message holds a connection. Writes ``bench/results/capacity.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import platform
import random
import statistics
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from abogado.lambda_handlers import SqsWorker
from bot.messages import Inbound
from bot.ports import AnswerResult
from db.engine import make_engine, make_sessionmaker
from db.identities import ensure_linked_user
from db.inbound import SqlInbox
from db.migrate import upgrade
from db.outbound import SqlIdentityMarks, SqlOutbound
from db.unit_of_work import SqlTurnWorks
from services.answering import SystemClock
from services.turns import TurnRunner
from services.usage import ModelBudget, UsageLimits
from webhooks.broadcast.pacing import Pacer
from webhooks.broadcast.providers import Message, Result
from webhooks.channels import ChannelRegistry
from webhooks.outcomes import SendOutcome, Sent
from webhooks.parse import Parsed, parse_telegram
from webhooks.worker import Processor

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results" / "capacity.json"
# First contact, the form put aside, then four questions the model answers.
SCRIPT = (
    "hola",
    "/cancelar",
    "¿me pueden correr sin pagarme?",
    "¿cuánto me toca de aguinaldo?",
    "¿tengo derecho a vacaciones?",
    "¿qué pasa con mis horas extra?",
)
SEND_LATENCY_S = 0.08
# All three windows counted, none reached (the 1-chat level repeats its script within a minute).
BENCH_LIMITS = UsageLimits(per_minute=60, per_hour=600, per_month=1500)
_ids = itertools.count(1)


@dataclass
class SleepyModel:
    """The model stubbed: a fixed, cited answer after ``low``–``high`` seconds (no retrieval)."""

    low: float
    high: float
    rng: random.Random = field(default_factory=lambda: random.Random(7))
    lock: threading.Lock = field(default_factory=threading.Lock)
    calls: int = 0

    def answer(
        self,
        question: str,
        *,
        context: Mapping[str, str],
        history: Sequence[tuple[str, str]],
        facts: Sequence[str] = (),
        detail: bool = False,
    ) -> AnswerResult:
        with self.lock:
            delay = self.rng.uniform(self.low, self.high)
            self.calls += 1
        time.sleep(delay)
        return AnswerResult(
            "Si te despidieron sin causa justificada puedes pedir la reinstalación o una "
            "indemnización de tres meses de salario (Art. 48 LFT).",
            ("48",),
        )


class StubTelegram:
    """Telegram whose Bot API send takes ``SEND_LATENCY_S`` and always succeeds."""

    name = "telegram"

    def parse(self, payload: str, *, received_at: datetime) -> Parsed:
        return parse_telegram(payload.encode("utf-8"), received_at=received_at)

    async def send(
        self,
        chat_id: str,
        text: str,
        *,
        last_inbound_at: datetime | None = None,
        start_part: int = 0,
    ) -> SendOutcome:
        await asyncio.sleep(SEND_LATENCY_S)
        return Sent((f"t{next(_ids)}",))

    async def broadcast(
        self, chat_id: str, message: Message, *, last_inbound_at: datetime | None
    ) -> Result:
        raise NotImplementedError("the capacity bench sends no broadcasts")

    def pacer(self, rate: float | None = None) -> Pacer:
        raise NotImplementedError("the capacity bench sends no broadcasts")

    async def close(self) -> None:
        return None


class PoolWatch:
    """Connections checked out of the engine's pool: at once (high-water) and for how long."""

    def __init__(self, engine: Engine) -> None:
        self.lock = threading.Lock()
        self.out = 0
        self.high = 0
        self.opened = 0
        self.holds: list[float] = []
        event.listen(engine, "connect", self._connect)
        event.listen(engine, "checkout", self._checkout)
        event.listen(engine, "checkin", self._checkin)

    def _connect(self, _dbapi: Any, _record: Any) -> None:
        with self.lock:
            self.opened += 1

    def _checkout(self, _dbapi: Any, record: Any, _proxy: Any) -> None:
        record.info["bench_out"] = time.perf_counter()
        with self.lock:
            self.out += 1
            self.high = max(self.high, self.out)

    def _checkin(self, _dbapi: Any, record: Any) -> None:
        started = record.info.pop("bench_out", None)
        with self.lock:
            if started is not None:
                self.out -= 1
                self.holds.append(time.perf_counter() - started)


class ServerWatch(threading.Thread):
    """Samples the server every 100 ms: this database's connections, and all of the server's."""

    def __init__(self, url: str, database: str) -> None:
        super().__init__(daemon=True)
        self._engine = make_engine(url, poolclass=NullPool)
        self._database = database
        self._halt = threading.Event()
        self.db_high = 0
        self.db_busy_high = 0
        self.server_high = 0

    def run(self) -> None:
        with self._engine.connect() as conn:
            while not self._halt.is_set():
                rows = conn.execute(
                    text(
                        "SELECT COMMAND FROM information_schema.PROCESSLIST "
                        "WHERE DB = :db AND ID <> CONNECTION_ID()"
                    ),
                    {"db": self._database},
                ).all()
                busy = sum(1 for (command,) in rows if command != "Sleep")
                threads = conn.execute(text("SHOW GLOBAL STATUS LIKE 'Threads_connected'")).one()
                self.db_high = max(self.db_high, len(rows))
                self.db_busy_high = max(self.db_busy_high, busy)
                self.server_high = max(self.server_high, int(threads[1]))
                conn.rollback()
                self._halt.wait(0.1)

    def stop(self) -> None:
        self._halt.set()
        self.join()
        self._engine.dispose()


def _telegram_update(chat_id: int, body: str) -> tuple[int, str]:
    update_id = next(_ids)
    payload = {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"},
            "from": {"id": chat_id, "is_bot": False, "first_name": "Bench"},
            "text": body,
        },
    }
    return update_id, json.dumps(payload, ensure_ascii=False)


def _percentile(ordered: list[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def run_level(
    url: str,
    database: str,
    *,
    chats: int,
    low: float,
    high: float,
    ramp_s: float = 0.0,
    rounds: int = 1,
) -> dict[str, Any]:
    """``chats`` chats at once, each sending ``SCRIPT`` in order (the next after the reply);
    each chat's first message comes at a random moment of the first ``ramp_s`` seconds."""
    engine = make_engine(url, pool_size=chats, max_overflow=0, pool_timeout=60)
    pool = PoolWatch(engine)
    sessions = make_sessionmaker(engine)
    clock = SystemClock()
    base = 10_000_000 * chats
    chat_ids = [base + i for i in range(chats)]
    with sessions() as session, session.begin():
        for chat in chat_ids:
            ensure_linked_user(
                session,
                channel="telegram",
                chat_id=str(chat),
                sub=f"bench-{chat}",
                username=str(chat),
                now=clock.now(),
            )
    model, free = SleepyModel(low, high), SleepyModel(0.0, 0.0)
    budget = ModelBudget(sessions=sessions, limits=BENCH_LIMITS, free=free, now=clock.now)
    runner = TurnRunner(work=SqlTurnWorks(sessions), answerer=model, clock=clock, budget=budget)
    inbox = SqlInbox(sessions)
    holds_before = len(pool.holds)
    pool.high = pool.out
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()

    def turns(inbound: Inbound) -> tuple[Any, ...]:
        return runner.handle(inbound).replies

    def chat_loop(chat: int, delay: float) -> None:
        time.sleep(delay)
        loop = asyncio.new_event_loop()
        processor = Processor(
            inbox=inbox,
            turns=turns,
            identities=SqlIdentityMarks(sessions),
            channels=ChannelRegistry.of(StubTelegram()),
            outbound=SqlOutbound(sessions),
        )
        worker = SqsWorker(processor, inbox, loop)
        mine: list[float] = []
        try:
            for body in SCRIPT * rounds:
                update_id, payload = _telegram_update(chat, body)
                start = time.perf_counter()
                recorded = inbox.record(
                    channel="telegram",
                    platform_id=str(update_id),
                    chat=str(chat),
                    content_type="text",
                    payload=payload,
                    now=datetime.now(UTC),
                )
                record = {
                    "messageId": f"m{update_id}",
                    "body": json.dumps({"id": recorded.id}),
                    "attributes": {"MessageGroupId": f"telegram:{chat}"},
                }
                result = worker({"Records": [record]}, None)
                mine.append(time.perf_counter() - start)
                if result["batchItemFailures"]:
                    with lock:
                        failures.append(body)
        finally:
            loop.close()
        with lock:
            latencies.extend(mine)

    watch = ServerWatch(url, database)
    watch.start()
    started, cpu = time.perf_counter(), time.process_time()
    arrivals = random.Random(chats)  # arrival jitter, not crypto
    threads = [
        threading.Thread(target=chat_loop, args=(c, arrivals.uniform(0, ramp_s))) for c in chat_ids
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    cpu_s = time.process_time() - cpu
    watch.stop()
    holds = pool.holds[holds_before:]
    counts = inbox.counts()
    engine.dispose()
    ordered = sorted(latencies)
    messages = len(latencies)
    return {
        "chats": chats,
        "rounds": rounds,
        "messages": messages,
        "model_answers": model.calls,
        "over_budget_answers": free.calls,
        "failed": len(failures),
        "inbound_status_so_far": counts,
        "wall_s": round(wall, 1),
        "turns_per_s": round(messages / wall, 2),
        "model_answers_per_s": round(model.calls / wall, 2),
        "ramp_s": ramp_s,
        "latency_p50_ms": round(statistics.median(ordered) * 1000),
        "latency_p95_ms": round(_percentile(ordered, 0.95) * 1000),
        "latency_max_ms": round(ordered[-1] * 1000),
        "pool_checked_out_high_water": pool.high,
        "pool_connections_opened": pool.opened,
        "server_connections_to_db_high": watch.db_high,
        "server_connections_busy_high": watch.db_busy_high,
        "server_threads_connected_high": watch.server_high,
        "checkouts_per_message": round(len(holds) / messages, 1),
        "connection_hold_ms_per_message": round(sum(holds) * 1000 / messages, 1),
        "connection_hold_ms_per_checkout_p50": round(statistics.median(holds) * 1000, 2),
        "connection_hold_ms_per_checkout_p95": round(_percentile(sorted(holds), 0.95) * 1000, 2),
        "client_cpu_ms_per_message": round(cpu_s * 1000 / messages, 1),
        # Little's law: connections held on average = messages/s x hold seconds per message.
        "connections_held_mean": round(sum(holds) / wall, 1),
    }


@contextmanager
def bench_database(server_url: str) -> Iterator[tuple[str, str]]:
    """A fresh database ``<name>_cap`` on the server, migrated; dropped afterwards."""
    parsed = make_url(server_url)
    name = f"{parsed.database or 'abogado'}_cap"
    admin = make_engine(server_url, poolclass=NullPool)
    with admin.begin() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS `{name}`"))
        conn.execute(text(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4"))
    url = parsed.set(database=name).render_as_string(hide_password=False)
    try:
        upgrade(url)
        yield url, name
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS `{name}`"))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mysql-url", required=True, help="a MariaDB/MySQL server URL")
    parser.add_argument("--chats", default="1,50,100,200", help="levels (default 1,50,100,200)")
    parser.add_argument(
        "--ramp", type=float, default=3.5, help="first messages spread over these seconds"
    )
    parser.add_argument("--index", type=Path, help="a built index folder: also measure prompts")
    parser.add_argument(
        "--questions", type=Path, default=REPO.parent / "shared" / "eval" / "dev.jsonl"
    )
    parser.add_argument("--latency", default="2,5", help="model seconds, low,high (default 2,5)")
    args = parser.parse_args()
    low, high = (float(x) for x in args.latency.split(","))
    levels = [int(x) for x in args.chats.split(",")]
    results: dict[str, Any] = {
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "load_average_at_start": [round(x, 1) for x in os.getloadavg()],
        },
        "path": "receiver record → SqsWorker → Processor → TurnRunner (+ model budget) → send",
        "script": list(SCRIPT),
        "model_latency_s": [low, high],
        "send_latency_s": SEND_LATENCY_S,
        "levels": [],
    }
    with bench_database(args.mysql_url) as (url, name):
        run_level(url, name, chats=2, low=0.0, high=0.0)  # warm-up: imports, first connections
        for chats in levels:
            # One chat alone is the per-message cost without CPU contention: more rounds of it.
            rounds = 5 if chats == 1 else 1
            numbers = run_level(
                url, name, chats=chats, low=low, high=high, ramp_s=args.ramp, rounds=rounds
            )
            results["levels"].append(numbers)
            print(json.dumps(numbers), flush=True)
    results["machine"]["load_average_at_end"] = [round(x, 1) for x in os.getloadavg()]
    if args.index is not None:
        from bench.capacity_prompt import measure

        results["prompt"] = measure(args.index, args.questions)
        print(json.dumps(results["prompt"]), flush=True)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(REPO)}")


if __name__ == "__main__":
    main()
