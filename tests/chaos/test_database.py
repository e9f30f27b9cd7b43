"""The database dies mid-turn (a MariaDB server killed and restarted; SQLite locked or made
read-only): every message is answered exactly once or dead-lettered, and the process serves on.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from tests.chaos.mariadb import ThrowawayMariaDB
from tests.chaos.rig import ChaosRig, make_chaos_rig
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.twilio_api import FakeTwilioAPI
from webhooks import limits
from webhooks.worker import LEASE, LocalWorker

CHATS = (701, 702, 703)
BOUND_S = 40.0


async def run_until_settled(chaos: ChaosRig, worker: LocalWorker, *, expect: int) -> None:
    """Run the worker loop as ``abogado serve`` does; move the clock on (leases, backoffs) until
    ``expect`` updates are done or dead; fail after ``BOUND_S`` seconds."""
    stop = asyncio.Event()
    running = asyncio.create_task(worker.run(stop))
    deadline = time.monotonic() + BOUND_S
    try:
        while time.monotonic() < deadline:
            await asyncio.sleep(0.2)
            try:
                counts = await asyncio.to_thread(chaos.inbox.counts)
            except OperationalError:  # the database is still down: keep waiting
                counts = {}
            if counts.get("done", 0) + counts.get("dead", 0) >= expect and set(counts) <= {
                "done",
                "dead",
            }:
                return
            assert not running.done(), "the worker loop stopped"
            if not worker._tasks:  # never while a turn runs: its lease must not run out
                chaos.clock.advance(LEASE.total_seconds() / 4)
        raise AssertionError(f"not settled after {BOUND_S} s: {counts}")
    finally:
        stop.set()
        await asyncio.wait_for(running, timeout=10)


def test_mariadb_killed_mid_turn_and_restarted(
    tmp_path: Path,
    mariadb: ThrowawayMariaDB,
    fake_telegram: FakeTelegramAPI,
    fake_twilio: FakeTwilioAPI,
) -> None:
    chaos = make_chaos_rig(tmp_path, fake_telegram, fake_twilio, database_url=mariadb.url)
    try:
        for i, chat in enumerate(CHATS):
            assert chaos.telegram_question(1000 + i, chat) == 200
        killed = threading.Event()

        def kill() -> None:
            mariadb.kill()
            killed.set()

        chaos.answerer.hooks.append(kill)  # during the first answer the server dies
        worker = chaos.worker()

        async def scenario() -> None:
            settle = asyncio.create_task(run_until_settled(chaos, worker, expect=4))
            assert await asyncio.to_thread(killed.wait, BOUND_S)
            await asyncio.sleep(1.0)  # the worker meets a dead database for a while
            # meanwhile the process serves: health answers, a new update is refused with 503
            # (the platform delivers it again), never a 500
            assert chaos.rig.client.get("/healthz").status_code == 200
            assert await asyncio.to_thread(chaos.telegram_question, 1003, 704) == 503
            await asyncio.to_thread(mariadb.start)
            assert await asyncio.to_thread(chaos.telegram_question, 1003, 704) == 200
            await settle

        asyncio.run(scenario())
        assert chaos.inbox.counts() == {"done": 4}
        chaos.assert_answered_once([*CHATS, 704])
    finally:
        chaos.rig.client.close()
        chaos.rig.storage.engine.dispose()


LOCKER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("ROLLBACK")
"""


def test_sqlite_locked_by_another_process_mid_turn(chaos: ChaosRig) -> None:
    db = Path(chaos.rig.settings.database_url.removeprefix("sqlite:///"))
    lockers: list[subprocess.Popen[str]] = []

    def lock_for_two_seconds() -> None:
        locker = subprocess.Popen(
            [sys.executable, "-c", LOCKER, str(db), "2"], stdout=subprocess.PIPE, text=True
        )
        lockers.append(locker)
        assert locker.stdout is not None
        assert locker.stdout.readline().strip() == "locked"

    chaos.answerer.hooks.append(lock_for_two_seconds)
    for i, chat in enumerate(CHATS):
        assert chaos.telegram_question(1000 + i, chat) == 200
    started = time.monotonic()
    chaos.settle(chaos.worker())
    assert time.monotonic() - started >= 1.5  # the turns did wait for the lock
    assert lockers[0].wait(timeout=10) == 0
    assert chaos.inbox.counts() == {"done": 3}
    chaos.assert_answered_once(CHATS)


def _read_only(paths: list[Path], on: bool) -> bool:
    """Make the files unwritable (``chattr +i``: even root cannot write); False if unsupported."""
    existing = [str(p) for p in paths if p.exists()]
    if os.geteuid() != 0:
        for path in existing:
            os.chmod(path, 0o444 if on else 0o644)
        return True
    done = subprocess.run(
        ["chattr", "+i" if on else "-i", *existing], capture_output=True, check=False
    )
    return done.returncode == 0


def test_sqlite_file_turns_read_only_mid_turn(chaos: ChaosRig) -> None:
    db = Path(chaos.rig.settings.database_url.removeprefix("sqlite:///"))
    # The database and its write-ahead log; not the -shm index, which SQLite maps in memory
    # (writing to a mapped page of an immutable file kills the process with SIGBUS).
    files = [db, db.with_name(db.name + "-wal")]
    if shutil.which("chattr") is None and os.geteuid() == 0:
        pytest.skip("no chattr: cannot make a file read-only for root")
    for i, chat in enumerate(CHATS):
        assert chaos.telegram_question(1000 + i, chat) == 200
    supported: list[bool] = []

    def read_only() -> None:
        supported.append(_read_only(files, True))
        # connections opened from now on meet a read-only file (as after a restart of the pool)
        chaos.rig.storage.engine.dispose(close=False)

    chaos.answerer.hooks.append(read_only)
    try:
        worker = chaos.worker()
        chaos.drain(worker)
        if not supported[0]:
            pytest.skip("this file system does not support chattr +i")
        # the process serves: health answers, a new update is refused (503), never a 500
        assert chaos.rig.client.get("/healthz").status_code == 200
        assert chaos.telegram_question(1003, 704) == 503
    finally:
        _read_only(files, False)
    assert chaos.telegram_question(1003, 704) == 200
    chaos.clock.value += LEASE
    chaos.settle(worker)
    assert chaos.inbox.counts() == {"done": 4}
    chaos.assert_answered_once([*CHATS, 704])


def test_sqlite_read_only_past_the_patience_between_a_send_and_its_bookkeeping(
    chaos: ChaosRig, fake_telegram: FakeTelegramAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reply went out, and the database stayed unwritable longer than the worker waits to
    record it: the update is retried, and the retry in this process does not send it again.
    (CI found it: a chat got its welcome twice when another chat's turn made the file read-only
    while this one was sending.)"""
    db = Path(chaos.rig.settings.database_url.removeprefix("sqlite:///"))
    files = [db, db.with_name(db.name + "-wal")]
    if shutil.which("chattr") is None and os.geteuid() == 0:
        pytest.skip("no chattr: cannot make a file read-only for root")
    monkeypatch.setattr(limits, "WORKER_RECORD_PATIENCE_S", 1.0)
    assert chaos.telegram_question(1000, 701) == 200
    supported: list[bool] = []

    def read_only(method: str) -> None:
        if method == "sendMessage" and not supported:
            supported.append(_read_only(files, True))
            chaos.rig.storage.engine.dispose(close=False)

    fake_telegram.on_call = read_only
    worker = chaos.worker()
    try:
        with contextlib.suppress(OperationalError):  # the next claim meets the read-only file
            chaos.drain(worker)
    finally:
        fake_telegram.on_call = None
        _read_only(files, False)
        chaos.rig.storage.engine.dispose(close=False)  # the file is writable for new connections
    if not supported[0]:
        pytest.skip("this file system does not support chattr +i")
    sent_first = len(chaos.telegram_texts(701))
    assert sent_first >= 1
    chaos.clock.value += LEASE
    chaos.settle(worker)
    assert chaos.inbox.counts() == {"done": 1}
    chaos.assert_answered_once([701])


def test_mariadb_killed_between_a_send_and_its_bookkeeping(
    tmp_path: Path,
    mariadb: ThrowawayMariaDB,
    fake_telegram: FakeTelegramAPI,
    fake_twilio: FakeTwilioAPI,
) -> None:
    chaos = make_chaos_rig(tmp_path, fake_telegram, fake_twilio, database_url=mariadb.url)
    try:
        assert chaos.telegram_question(1000, 705) == 200
        fake_telegram.hold()  # the first reply waits at the platform
        worker = chaos.worker()

        async def scenario() -> None:
            settle = asyncio.create_task(run_until_settled(chaos, worker, expect=1))
            await asyncio.to_thread(_wait_for_turn, chaos)
            # the turn is committed and its first reply is in flight: the database dies now,
            # so the reply arrives but recording that it was sent fails
            await asyncio.to_thread(mariadb.kill)
            fake_telegram.release()
            await asyncio.to_thread(fake_telegram.wait_for, "sendMessage", 1)
            await asyncio.sleep(1.0)
            await asyncio.to_thread(mariadb.start)
            await settle

        asyncio.run(scenario())
        assert chaos.inbox.counts() == {"done": 1}
        chaos.assert_answered_once([705])
    finally:
        fake_telegram.release()
        chaos.rig.client.close()
        chaos.rig.storage.engine.dispose()


def _wait_for_turn(chaos: ChaosRig) -> None:
    """Until the turn's replies are stored (it committed), at most ``BOUND_S``."""
    from sqlalchemy import text

    deadline = time.monotonic() + BOUND_S
    while time.monotonic() < deadline:
        with chaos.rig.storage.engine.connect() as conn:
            if conn.execute(text("SELECT COUNT(*) FROM processed_events")).scalar_one():
                return
        time.sleep(0.05)
    raise AssertionError("the turn never committed")
