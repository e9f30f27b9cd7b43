"""db.engine's SQLite write gate: held from a transaction's first write to its end; urgent first."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, text

from db.engine import make_engine, urgent_writes


def _engine(tmp_path: Path) -> Engine:
    engine = make_engine(f"sqlite:///{tmp_path / 'gate.db'}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (who TEXT)"))
    return engine


def _insert(engine: Engine, who: str, order: list[str]) -> None:
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO t VALUES (:who)"), {"who": who})
        order.append(who)


def _waiting(target: Callable[[], None]) -> threading.Thread:
    """Start ``target`` in a thread and give it a moment to queue at the gate."""
    thread = threading.Thread(target=target)
    thread.start()
    thread.join(timeout=0.2)
    return thread


def test_the_gate_opens_after_commit_rollback_and_close(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    order: list[str] = []
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO t VALUES ('committed')"))
    with engine.connect() as conn:
        conn.execute(text("INSERT INTO t VALUES ('rolled back')"))
        conn.rollback()
    with engine.connect() as conn:
        conn.execute(text("INSERT INTO t VALUES ('closed without commit')"))
    other = threading.Thread(target=_insert, args=(engine, "other thread", order))
    other.start()
    other.join(timeout=10)
    assert order == ["other thread"]  # never stuck behind a finished transaction
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT who FROM t ORDER BY rowid")).scalars().all()
    assert rows == ["committed", "other thread"]
    engine.dispose()


def test_a_second_writer_waits_for_the_first_to_commit(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    order: list[str] = []
    with engine.connect() as conn:
        conn.execute(text("INSERT INTO t VALUES ('first')"))
        second = _waiting(lambda: _insert(engine, "second", order))
        assert second.is_alive()  # waiting at the gate, not failing
        order.append("first commits")
        conn.commit()
    second.join(timeout=10)
    assert order == ["first commits", "second"]
    engine.dispose()


def test_urgent_writers_go_before_waiting_ones(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    order: list[str] = []

    def urgent() -> None:
        with urgent_writes():
            _insert(engine, "urgent", order)

    with engine.connect() as conn:
        conn.execute(text("INSERT INTO t VALUES ('holder')"))
        plain = _waiting(lambda: _insert(engine, "plain", order))  # queued first
        fast = _waiting(urgent)
        assert plain.is_alive()
        assert fast.is_alive()
        conn.commit()
    for thread in (plain, fast):
        thread.join(timeout=10)
    assert order == ["urgent", "plain"]
    engine.dispose()


def test_a_connection_thrown_away_mid_write_leaves_the_gate_open(tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    order: list[str] = []
    conn = engine.connect()
    conn.execute(text("INSERT INTO t VALUES ('lost')"))
    conn.invalidate()  # e.g. the connection broke
    other = threading.Thread(target=_insert, args=(engine, "after", order))
    other.start()
    other.join(timeout=10)
    assert order == ["after"]
    engine.dispose()


def test_an_invalidated_connection_rolls_back_and_opens_the_gate(tmp_path: Path) -> None:
    """A read-only database file invalidates the connection mid-transaction (db.engine treats it
    as a disconnect): its rollback must not fail on the way (it did, with PendingRollbackError,
    and every later write through the session failed), and the next writer gets the gate."""
    engine = _engine(tmp_path)
    order: list[str] = []
    with engine.connect() as conn:
        conn.execute(text("INSERT INTO t VALUES ('lost')"))  # holds the gate
        conn.invalidate()
        conn.rollback()
    other = threading.Thread(target=_insert, args=(engine, "after", order))
    other.start()
    other.join(timeout=10)
    assert order == ["after"]
