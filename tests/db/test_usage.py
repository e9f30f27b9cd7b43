"""Model-answer counters on SQLite and MariaDB: limits hold under concurrency, windows roll over,
a denied reservation counts nothing, and /borrar leaves no usage row behind."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from db import privacy, usage
from db.usage import ModelUsageRow, Window
from tests.db.databases import row_count

NOW = datetime(2026, 12, 4, 18, 0, tzinfo=UTC)


def _reserve(sessions: sessionmaker[Session], windows: list[Window], chat: str = "c1") -> bool:
    with sessions() as session:
        got = usage.reserve(session, channel="telegram", chat_id=chat, windows=windows, now=NOW)
        if got.granted:
            session.commit()
        else:
            session.rollback()
        return got.granted


def _counts(sessions: sessionmaker[Session]) -> dict[str, tuple[str, int]]:
    with sessions() as session:
        rows = session.scalars(select(ModelUsageRow)).all()
        return {r.kind: (r.window_key, r.count) for r in rows}


def test_counts_up_to_the_limit_then_refuses(sessions: sessionmaker[Session]) -> None:
    windows = [Window("month", "2026-12", 3)]
    assert [_reserve(sessions, windows) for _ in range(5)] == [True, True, True, False, False]
    assert _counts(sessions) == {"month": ("2026-12", 3)}


def test_a_new_window_starts_again_at_one(sessions: sessionmaker[Session]) -> None:
    assert _reserve(sessions, [Window("minute", "202612041200", 1)])
    assert not _reserve(sessions, [Window("minute", "202612041200", 1)])
    assert _reserve(sessions, [Window("minute", "202612041201", 1)])
    assert _counts(sessions) == {"minute": ("202612041201", 1)}


def test_a_full_window_counts_nothing_in_the_others(sessions: sessionmaker[Session]) -> None:
    month, minute = Window("month", "2026-12", 10), Window("minute", "202612041200", 1)
    assert _reserve(sessions, [month, minute])
    assert not _reserve(sessions, [month, minute])
    assert _counts(sessions) == {"month": ("2026-12", 1), "minute": ("202612041200", 1)}


def test_release_gives_one_back_in_the_current_window(sessions: sessionmaker[Session]) -> None:
    windows = [Window("month", "2026-12", 2)]
    assert _reserve(sessions, windows)
    assert _reserve(sessions, windows)
    with sessions() as session:
        identity_id = session.scalars(select(ModelUsageRow.identity_id)).one()
        usage.release(session, identity_id=identity_id, windows=windows, now=NOW)
        session.commit()
    assert _counts(sessions) == {"month": ("2026-12", 1)}
    assert _reserve(sessions, windows)
    assert not _reserve(sessions, windows)


def test_concurrent_reservations_never_pass_the_limit(sessions: sessionmaker[Session]) -> None:
    windows = [Window("month", "2026-12", 7), Window("hour", "2026120412", 100)]
    assert _reserve(sessions, windows)  # the chat and its rows exist; the race is on the count
    granted: list[bool] = []
    lock = threading.Lock()

    def worker() -> None:
        for _ in range(4):
            ok = _reserve(sessions, windows)
            with lock:
                granted.append(ok)

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert granted.count(True) == 6  # 7 in all, with the first one
    assert _counts(sessions) == {"month": ("2026-12", 7), "hour": ("2026120412", 7)}


def test_borrar_deletes_the_usage_rows(sessions: sessionmaker[Session]) -> None:
    assert _reserve(sessions, [Window("month", "2026-12", 5)], chat="gone")
    assert _reserve(sessions, [Window("month", "2026-12", 5)], chat="stays")
    with sessions() as session, session.begin():
        privacy.SqlPrivacy(session).delete_everything(channel="telegram", chat_id="gone")
    assert row_count(sessions, ModelUsageRow) == 1
    with sessions() as session:
        kept = session.scalars(select(ModelUsageRow)).one()
        assert usage.counts(session, identity_id=kept.identity_id) == {"month": ("2026-12", 1)}
