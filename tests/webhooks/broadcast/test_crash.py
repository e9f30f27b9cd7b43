"""Crash safety: ``abogado broadcast send`` as a subprocess, SIGKILLed mid-way and restarted,
against the fake Telegram server; the fake counts what each chat received."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session, sessionmaker

from db import broadcasts as repo
from db import migrate
from db.broadcasts import Audience
from db.engine import make_engine, make_sessionmaker
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.webhooks.broadcast.people import NOW, add_identities

RECIPIENTS = 2000
CONCURRENCY = 8  # the sender's default number of sends in flight


@dataclass
class HoldingTelegram(FakeTelegramAPI):
    """Records each call, then (while ``holding`` is set) keeps the answer back: the message
    reached Telegram but the sender never hears so, the worst moment for a crash."""

    holding: threading.Event = field(default_factory=threading.Event)

    def _reply(  # type: ignore[override]
        self, req: BaseHTTPRequestHandler, status: int, body: dict[str, Any]
    ) -> None:
        while self.holding.is_set():
            time.sleep(0.005)
        # The sender may have been killed while we held its answer.
        with contextlib.suppress(OSError):
            FakeTelegramAPI._reply(req, status, body)


@pytest.fixture
def fake() -> Any:
    server = HoldingTelegram().start()
    yield server
    server.holding.clear()
    server.stop()


def _setup(tmp_path: Path) -> tuple[str, int, list[str], sessionmaker[Session]]:
    url = f"sqlite:///{tmp_path / 'abogado.db'}"
    migrate.upgrade(url)
    sessions = make_sessionmaker(make_engine(url))
    chats = add_identities(sessions, "telegram", RECIPIENTS)
    with sessions.begin() as session:
        broadcast_id = repo.create_broadcast(
            session,
            text="Nuevo salario mínimo desde enero.",
            audience=Audience(channel="telegram"),
            created_by="admin@x.mx",
            now=NOW,
        )
    return url, broadcast_id, chats, sessions


def _command(url: str, broadcast_id: int, fake: FakeTelegramAPI, tmp_path: Path) -> Any:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ABOGADO_")}
    env |= {
        "ABOGADO_DATA_DIR": str(tmp_path / "data"),
        "ABOGADO_DATABASE__URL": url,
        "ABOGADO_TELEGRAM__BOT_TOKEN": fake.token,
        "ABOGADO_TELEGRAM__API_BASE_URL": fake.url,
    }
    argv = [sys.executable, "-m", "abogado", "broadcast", "send", str(broadcast_id)]
    argv += ["--telegram-rate", "500", "--lease-seconds", "1"]
    return argv, env


def _kill_after(fake: HoldingTelegram, argv: list[str], env: dict[str, str], n: int, hold: bool):
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        fake.wait_for("sendMessage", n, timeout=120)
        if hold:
            fake.holding.set()
            time.sleep(0.5)  # every claimed row has reached the fake and waits for its answer
        proc.kill()
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        fake.holding.clear()
    return proc.returncode


def _restart(argv: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_sigkill_while_messages_are_in_flight_then_restart(
    tmp_path: Path, fake: HoldingTelegram
) -> None:
    url, broadcast_id, chats, sessions = _setup(tmp_path)
    argv, env = _command(url, broadcast_id, fake, tmp_path)
    assert _kill_after(fake, argv, env, RECIPIENTS // 2, hold=True) == -9
    with sessions() as session:
        mid = repo.counts(session, broadcast_id)
    assert 0 < mid["sending"] <= CONCURRENCY
    assert mid["pending"] > 0

    _restart(argv, env)
    received = Counter(c.chat_id for c in fake.sent())
    assert received == dict.fromkeys(chats, 1)  # every recipient exactly one message
    with sessions() as session:
        totals = repo.counts(session, broadcast_id)
        view = repo.get_broadcast(session, broadcast_id)
    # The in-doubt rows are reported, not resent: they did reach the chat.
    assert totals["unknown"] == mid["sending"]
    assert totals["sent"] + totals["unknown"] == RECIPIENTS
    assert view is not None
    assert view.status == "done"


def test_sigkill_at_any_moment_never_sends_twice(tmp_path: Path, fake: HoldingTelegram) -> None:
    url, broadcast_id, _chats, sessions = _setup(tmp_path)
    argv, env = _command(url, broadcast_id, fake, tmp_path)
    assert _kill_after(fake, argv, env, 700, hold=False) == -9
    _restart(argv, env)
    received = Counter(c.chat_id for c in fake.sent())
    assert max(received.values()) == 1
    with sessions() as session:
        totals = repo.counts(session, broadcast_id)
    assert totals["pending"] == totals["sending"] == 0
    assert totals["sent"] + totals["unknown"] == RECIPIENTS
    # A chat can only miss its message if its row is reported as in doubt.
    assert RECIPIENTS - len(received) <= totals["unknown"] <= CONCURRENCY
