"""How long one turn holds a pooled database connection: SQLite and MariaDB, one chat at a time.

Counts, per turn, every checkout of the engine's pool (SQLAlchemy ``checkout``/``checkin``
events) and the time until its checkin, for three kinds of turn: a question (the answerer sleeps
1 s, like a model call), a form answer and a first contact that mints a login link. The answer
must not be inside any hold (see ``services/turns.py``).

Run ``python -m bench.turn_connections [--mysql-url URL] [--questions N]``. Without
``--mysql-url`` it starts a throwaway MariaDB the way ``bench/turns.py`` does (skipped if
``mariadbd`` is absent). Results go to ``bench/results/turn_connections.json``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import statistics
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event

from bench.turns import FORM, mariadb
from bot.messages import Inbound
from bot.ports import AnswerResult
from db.engine import make_engine, make_sessionmaker
from db.identities import ensure_linked_user
from db.migrate import upgrade
from db.unit_of_work import SqlTurnWorks
from services.answering import SystemClock
from services.turns import TurnRunner

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results" / "turn_connections.json"
ANSWER_SECONDS = 1.0
_ids = itertools.count(1)


class SlowAnswerer:
    """Sleeps like a model call, then answers; the bench checks no connection is held then."""

    def __init__(self, watch: HoldWatch) -> None:
        self._watch = watch
        self.held_while_answering: list[int] = []

    def answer(
        self,
        question: str,
        *,
        context: Mapping[str, str],
        history: Sequence[tuple[str, str]],
        facts: Sequence[str] = (),
        detail: bool = False,
    ) -> AnswerResult:
        self.held_while_answering.append(self._watch.out)
        time.sleep(ANSWER_SECONDS)
        return AnswerResult("Respuesta de prueba (Art. 47 LFT).", ("47",))


@dataclass
class HoldWatch:
    """Every checkout's hold time, in order; a turn reads the ones made while it ran."""

    holds: list[float] = field(default_factory=list)
    out: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def watch(self, engine: Engine) -> None:
        event.listen(engine, "checkout", self._checkout)
        event.listen(engine, "checkin", self._checkin)

    def _checkout(self, _dbapi: Any, record: Any, _proxy: Any) -> None:
        record.info["bench_out"] = time.perf_counter()
        with self.lock:
            self.out += 1

    def _checkin(self, _dbapi: Any, record: Any) -> None:
        started = record.info.pop("bench_out", None)
        if started is not None:
            with self.lock:
                self.out -= 1
                self.holds.append(time.perf_counter() - started)


@dataclass
class Turns:
    """Per kind of turn: (total hold ms, checkouts, longest hold ms, wall ms) of each turn."""

    runner: TurnRunner
    watch: HoldWatch
    kinds: dict[str, list[tuple[float, int, float, float]]] = field(default_factory=dict)

    def send(self, kind: str, chat: str, body: str) -> None:
        inbound = Inbound.from_text(
            channel="telegram",
            chat_id=chat,
            message_id=f"c{next(_ids)}",
            text=body,
            received_at=datetime.now(UTC),
        )
        before = len(self.watch.holds)
        start = time.perf_counter()
        self.runner.handle(inbound)
        wall = (time.perf_counter() - start) * 1000
        holds = [h * 1000 for h in self.watch.holds[before:]]
        self.kinds.setdefault(kind, []).append((sum(holds), len(holds), max(holds), wall))


def _summary(rows: list[tuple[float, int, float, float]]) -> dict[str, float]:
    totals = [r[0] for r in rows]
    return {
        "turns": len(rows),
        "hold_ms_per_turn_p50": round(statistics.median(totals), 2),
        "hold_ms_per_turn_max": round(max(totals), 2),
        "checkouts_per_turn_max": max(r[1] for r in rows),
        "longest_single_hold_ms": round(max(r[2] for r in rows), 2),
        "turn_wall_ms_p50": round(statistics.median(r[3] for r in rows), 1),
    }


def run_backend(url: str, *, questions: int, rounds: int, label: str) -> dict[str, object]:
    upgrade(url)
    watch = HoldWatch()
    answerer = SlowAnswerer(watch)
    kinds: dict[str, list[tuple[float, int, float, float]]] = {}
    for n in range(rounds):
        measured = _round(url, watch, answerer, questions=questions, label=f"{label}{n}-")
        for kind, rows in measured.items():
            kinds.setdefault(kind, []).extend(rows)
    return {
        **{kind: _summary(rows) for kind, rows in kinds.items()},
        "connections_held_while_answering": sorted(set(answerer.held_while_answering)),
    }


def _round(
    url: str, watch: HoldWatch, answerer: SlowAnswerer, *, questions: int, label: str
) -> dict[str, list[tuple[float, int, float, float]]]:
    """One pass: a fresh engine, three form chats, one question chat, five first contacts."""
    engine = make_engine(url)
    sessions = make_sessionmaker(engine)
    clock = SystemClock()
    runner = TurnRunner(
        work=SqlTurnWorks(sessions, public_url="https://abogado.example.mx"),
        answerer=answerer,
        clock=clock,
    )
    turns = Turns(runner, watch)
    label = f"{label}{int(time.time())}"  # fresh chats when the database is reused
    forms = [f"{label}-f{i}" for i in range(3)]
    with sessions() as session, session.begin():
        for chat in [*forms, f"{label}-q"]:
            ensure_linked_user(
                session,
                channel="telegram",
                chat_id=chat,
                sub=f"bench-{chat}",
                username=chat,
                now=clock.now(),
            )
    for chat in forms:  # warm the pool and the chat rows; not measured
        turns.runner.handle(
            Inbound.from_text(
                channel="telegram",
                chat_id=chat,
                message_id=f"w{next(_ids)}",
                text="hola",
                received_at=datetime.now(UTC),
            )
        )
    watch.watch(engine)
    for chat in forms:
        for body in FORM[:4]:
            turns.send("form", chat, body)
    question_chat = f"{label}-q"
    turns.send("setup", question_chat, "hola")
    turns.send("setup", question_chat, "/cancelar")
    for n in range(questions):
        turns.send("question", question_chat, f"¿me pueden correr sin pagarme? ({n})")
    for n in range(5):
        turns.send("link", f"{label}-new{n}", "hola")
    engine.dispose()
    turns.kinds.pop("setup", None)
    return turns.kinds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mysql-url", help="use this MariaDB/MySQL instead of starting one")
    parser.add_argument("--questions", type=int, default=5, help="question turns (1 s each)")
    parser.add_argument("--rounds", type=int, default=3, help="passes, pooled (default 3)")
    args = parser.parse_args()
    results: dict[str, object] = {
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_average_at_start": [round(x, 1) for x in os.getloadavg()],
        },
        "answer_seconds": ANSWER_SECONDS,
    }
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        results["sqlite"] = run_backend(
            url, questions=args.questions, rounds=args.rounds, label="s"
        )
    with nullcontext(args.mysql_url) if args.mysql_url else mariadb() as mysql:
        if mysql is not None:
            results["mariadb"] = run_backend(
                mysql, questions=args.questions, rounds=args.rounds, label="m"
            )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    for backend in ("sqlite", "mariadb"):
        for kind, numbers in dict(results.get(backend, {})).items():  # type: ignore[call-overload]
            print(f"{backend:8} {kind:8} {numbers}")
    print(f"wrote {RESULTS.relative_to(REPO)}")


if __name__ == "__main__":
    main()
