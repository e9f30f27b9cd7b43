"""Engines and sessions from a URL: SQLite (WAL, foreign keys on) or MySQL (PyMySQL, utf8mb4).

No global engine: the composition root builds one and passes the session factory down.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import ExceptionContext, make_url
from sqlalchemy.orm import Session, sessionmaker


def make_engine(url: str, *, write_gate: bool = True, **kwargs: Any) -> Engine:
    """An engine for ``url``; SQL parameters (phone numbers, message text) never appear in its
    errors or logs: ``hide_parameters`` is on unless a caller turns it off explicitly.
    ``write_gate``: SQLite's writers queue on ``_gate_writes`` (off only to measure it)."""
    kwargs.setdefault("hide_parameters", True)
    _no_inherited_echo()
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            parsed, connect_args={"timeout": 30, "check_same_thread": False}, **kwargs
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "handle_error", _drop_read_only_connection)
        if write_gate:
            _gate_writes(engine)
        return engine
    if parsed.get_backend_name() == "mysql":
        if "charset" not in parsed.query:
            parsed = parsed.update_query_dict({"charset": "utf8mb4"})
        kwargs.setdefault("pool_pre_ping", True)
        kwargs.setdefault("pool_recycle", 280)
        # READ COMMITTED: each retry of an optimistic turn sees the latest committed rows.
        kwargs.setdefault("isolation_level", "READ COMMITTED")
    return create_engine(parsed, **kwargs)


def _no_inherited_echo() -> None:
    """SQLAlchemy logs every statement at INFO and every row at DEBUG (rows hold phone numbers
    and messages) when its loggers inherit a verbose root, as on Lambda (INFO) or with
    ``--verbose``: they log warnings only, unless configured on their own (or ``echo=True``)."""
    for name in ("sqlalchemy.engine", "sqlalchemy.pool"):
        logger = logging.getLogger(name)
        if logger.level == logging.NOTSET:
            logger.setLevel(logging.WARNING)


def _drop_read_only_connection(context: ExceptionContext) -> None:
    """SQLite opens the file read-only when it cannot write it (a full or read-only disk) and the
    connection stays read-only after the file is writable again: drop it so the pool opens a
    new one (tests/chaos/test_database.py), instead of failing every later write through it."""
    original = context.original_exception
    if isinstance(original, sqlite3.OperationalError) and "readonly database" in str(original):
        context.is_disconnect = True


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


# Statements that take SQLite's write lock (until the transaction ends).
_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER")
_GATE_HELD = "abogado_write_gate"
GATE_TIMEOUT_S = 30.0  # as long as SQLite's own busy timeout


class _WriteGate:
    """A lock on which urgent writers (see ``urgent_writes``) go before the others."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._held = False
        self._urgent_waiting = 0

    def acquire(self, timeout: float) -> bool:
        urgent = getattr(_urgency, "urgent", False)
        with self._cond:
            self._urgent_waiting += urgent
            try:
                free = self._cond.wait_for(
                    lambda: not self._held and (urgent or self._urgent_waiting == 0), timeout
                )
                if free:
                    self._held = True
                return free
            finally:
                self._urgent_waiting -= urgent

    def release(self) -> None:
        with self._cond:
            self._held = False
            self._cond.notify_all()


_urgency = threading.local()


@contextlib.contextmanager
def urgent_writes() -> Iterator[None]:
    """This thread's SQLite writes go first at the write gate (the webhook receiver's, whose
    platforms wait for the acknowledgement; the worker's turns can wait a moment)."""
    _urgency.urgent = True
    try:
        yield
    finally:
        _urgency.urgent = False


def _gate_writes(engine: Engine) -> None:
    """Queue this process's SQLite writers on one gate, from their first write to commit.

    SQLite has one writer at a time. A writer that finds the database locked waits in SQLite's
    busy handler, which sleeps up to 100 ms between tries: with the receiver, the worker and the
    turns writing from several threads, that made tails of hundreds of milliseconds. At the gate
    the next writer starts as soon as the last one commits. A writer waiting longer than SQLite
    would have gets the same "database is locked" error.
    """
    gate = _WriteGate()

    @event.listens_for(engine, "before_cursor_execute")
    def _enter(
        conn: Connection, _cursor: Any, statement: str, _p: Any, _c: Any, _many: bool
    ) -> None:
        if conn.info.get(_GATE_HELD) or not statement.lstrip()[:7].upper().startswith(_WRITES):
            return
        if not gate.acquire(timeout=GATE_TIMEOUT_S):
            raise sqlite3.OperationalError("database is locked (write gate)")
        conn.info[_GATE_HELD] = True

    def _leave(conn: Connection) -> None:
        # An invalidated connection (a read-only file counts as a disconnect) cannot show its
        # info: SQLAlchemy raises PendingRollbackError there, which aborted the rollback and
        # left the session failing every later write. Its pool record's "invalidate" event
        # has released the gate already.
        if conn.invalidated:
            return
        _release(conn.info)

    def _release(info: dict[Any, Any]) -> None:
        if info.pop(_GATE_HELD, False):
            gate.release()

    event.listen(engine, "commit", _leave)
    event.listen(engine, "rollback", _leave)
    # A connection that goes back to the pool, or is thrown away, never keeps the gate.
    event.listen(engine, "checkin", lambda _dbapi, record: _release(record.info))
    event.listen(engine, "invalidate", lambda _dbapi, record, _exc: _release(record.info))


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
