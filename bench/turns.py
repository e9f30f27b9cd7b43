"""Time per conversation turn, excluding the answerer: SQLite and MariaDB on loopback,
one chat at a time and 20 chats at once (threads).

Run ``python -m bench.turns [--mysql-url URL] [--turns N]``. Without ``--mysql-url`` it starts a
throwaway MariaDB on 127.0.0.1:33310 the way ``.ci/run`` does (skipped if ``mariadbd`` is absent).
Results go to ``bench/results/turns.json``. Targets: p50 < 20 ms (SQLite), < 40 ms (MariaDB).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext
from datetime import UTC, datetime
from pathlib import Path

from bot.messages import Inbound
from bot.ports import AnswerResult
from db.engine import make_engine, make_sessionmaker
from db.identities import ensure_linked_user
from db.migrate import upgrade
from db.unit_of_work import SqlTurnWorks
from services.answering import SystemClock
from services.turns import TurnRunner

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results" / "turns.json"
PORT = 33310
# The story, then what the conversation asks for a dismissal, then the reminder's yes.
FORM = [
    "me despidieron de Abarrotes La Esperanza, era cajera, sin contrato",
    "el lunes pasado",
    "hace 3 años",
    "8,500 al mes",
    "si",
    "gracias",
]
QUESTIONS = [
    "¿me pueden correr sin pagarme?",
    "¿cuánto me toca de aguinaldo?",
    "¿tengo derecho a vacaciones?",
    "¿qué pasa con mis horas extra?",
]
_ids = itertools.count(1)


class TrivialAnswerer:
    """No retrieval, no model: the bench measures the turn around the answer."""

    def answer(
        self,
        question: str,
        *,
        context: Mapping[str, str],
        history: Sequence[tuple[str, str]],
        facts: Sequence[str] = (),
        detail: bool = False,
    ) -> AnswerResult:
        return AnswerResult("Respuesta de prueba (Art. 47 LFT).", ("47",))


def _send(runner: TurnRunner, chat: str, body: str) -> float:
    inbound = Inbound.from_text(
        channel="telegram",
        chat_id=chat,
        message_id=f"b{next(_ids)}",
        text=body,
        received_at=datetime.now(UTC),
    )
    start = time.perf_counter()
    runner.handle(inbound)
    return (time.perf_counter() - start) * 1000


def _script() -> list[str]:
    """One worker's session: first contact, the story and the facts asked, then questions."""
    return ["hola", *FORM, *QUESTIONS, *QUESTIONS]


def _prepare(url: str, chats: list[str]) -> TurnRunner:
    upgrade(url)
    engine = make_engine(url, pool_size=25, max_overflow=5) if "mysql" in url else make_engine(url)
    sessions = make_sessionmaker(engine)
    clock = SystemClock()
    with sessions() as session, session.begin():
        for chat in chats:
            ensure_linked_user(
                session,
                channel="telegram",
                chat_id=chat,
                sub=f"bench-{chat}",
                username=chat,
                now=clock.now(),
            )
    return TurnRunner(
        work=SqlTurnWorks(sessions),
        answerer=TrivialAnswerer(),
        clock=clock,
    )


def _summary(times: list[float], wall: float) -> dict[str, float]:
    ordered = sorted(times)
    return {
        "turns": len(times),
        "p50_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1], 2),
        "max_ms": round(ordered[-1], 2),
        "turns_per_s": round(len(times) / wall, 1),
    }


def run_case(url: str, *, chats: int, rounds: int, label: str) -> dict[str, object]:
    names = [f"{label}-{i}" for i in range(chats)]
    runner = _prepare(url, names)
    script = _script() * rounds
    times: list[float] = []
    lock = threading.Lock()

    def worker(chat: str) -> None:
        mine = [_send(runner, chat, body) for body in script]
        with lock:
            times.extend(mine)

    start, cpu = time.perf_counter(), time.process_time()
    if chats == 1:
        worker(names[0])
    else:
        threads = [threading.Thread(target=worker, args=(c,)) for c in names]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    wall = time.perf_counter() - start
    cpu_ms = (time.process_time() - cpu) * 1000 / len(times)
    return {"chats": chats, **_summary(times, wall), "client_cpu_ms_per_turn": round(cpu_ms, 2)}


@contextmanager
def mariadb() -> Iterator[str | None]:
    """A throwaway MariaDB on loopback, as .ci/run starts one; None when not installed."""
    if shutil.which("mariadbd") is None:
        yield None
        return
    root = Path(tempfile.mkdtemp(prefix="abogado-bench-mariadb."))
    sock = root / "mysqld.sock"
    subprocess.run(
        [
            "mariadb-install-db",
            "--no-defaults",
            f"--datadir={root / 'data'}",
            "--user=root",
            "--auth-root-authentication-method=normal",
        ],
        check=True,
        capture_output=True,
    )
    server = subprocess.Popen(
        [
            "mariadbd",
            "--no-defaults",
            f"--datadir={root / 'data'}",
            f"--socket={sock}",
            f"--port={PORT}",
            "--bind-address=127.0.0.1",
            "--user=root",
            "--skip-log-bin",
            "--innodb-buffer-pool-size=128M",
            f"--pid-file={root / 'mysqld.pid'}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(60):
            ping = subprocess.run(
                ["mariadb-admin", "--no-defaults", f"--socket={sock}", "-uroot", "ping"],
                capture_output=True,
            )
            if ping.returncode == 0:
                break
            time.sleep(1)
        sql = (
            "CREATE DATABASE bench CHARACTER SET utf8mb4;"
            "CREATE USER 'bench'@'127.0.0.1' IDENTIFIED BY 'bench';"
            "GRANT ALL PRIVILEGES ON bench.* TO 'bench'@'127.0.0.1';"
        )
        subprocess.run(
            ["mariadb", "--no-defaults", f"--socket={sock}", "-uroot", "-e", sql], check=True
        )
        yield f"mysql+pymysql://bench:bench@127.0.0.1:{PORT}/bench?charset=utf8mb4"
    finally:
        server.terminate()
        server.wait(30)
        shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mysql-url", help="use this MariaDB/MySQL instead of starting one")
    parser.add_argument("--rounds", type=int, default=2, help="scripts per chat (default 2)")
    args = parser.parse_args()
    results: dict[str, object] = {
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "load_average_at_start": [round(x, 1) for x in os.getloadavg()],
        },
        "script": "first contact, 9 form answers, 8 questions (trivial answerer)",
        "targets_p50_ms": {"sqlite": 20, "mariadb": 40},
    }
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        results["sqlite"] = {
            "one_chat": run_case(url, chats=1, rounds=args.rounds * 5, label="s1"),
            "twenty_chats": run_case(url, chats=20, rounds=args.rounds, label="s20"),
        }
    with nullcontext(args.mysql_url) if args.mysql_url else mariadb() as mysql:
        if mysql is not None:
            results["mariadb"] = {
                "one_chat": run_case(mysql, chats=1, rounds=args.rounds * 5, label="m1"),
                "twenty_chats": run_case(mysql, chats=20, rounds=args.rounds, label="m20"),
            }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    for backend in ("sqlite", "mariadb"):
        for case, numbers in dict(results.get(backend, {})).items():  # type: ignore[call-overload]
            print(f"{backend:8} {case:13} {numbers}")
    print(f"wrote {RESULTS.relative_to(REPO)}")


if __name__ == "__main__":
    main()
