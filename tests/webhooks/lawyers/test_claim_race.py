"""Two lawyers claim the same request at the same instant: exactly one wins, the worker is told
once. On SQLite and on MariaDB (row locks: the loser's UPDATE re-reads the row and matches none)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from db import lawyer_inbox as inbox
from db.handoff_table import HandoffRequest
from db.notice_table import NoticeRow
from tests.webhooks.lawyers.cases import add_request

LAWYERS = [inbox.Lawyer(sub=f"sub-{n}", actor=f"abogado{n}@despacho.mx") for n in range(4)]
ROUNDS = 5


def race(sessions: sessionmaker[Session], request_id: int) -> dict[str, bool]:
    """Every lawyer claims ``request_id`` at once, each in its own transaction."""
    barrier = threading.Barrier(len(LAWYERS))
    wins: dict[str, bool] = {}
    errors: list[BaseException] = []

    def claim(lawyer: inbox.Lawyer) -> None:
        try:
            barrier.wait(timeout=10)
            with sessions.begin() as session:
                now = datetime.now(UTC)
                wins[lawyer.sub] = inbox.claim(session, lawyer, request_id, now=now)
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=claim, args=(lawyer,)) for lawyer in LAWYERS]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    return wins


def test_of_lawyers_claiming_at_once_exactly_one_wins(sessions: sessionmaker[Session]) -> None:
    for _ in range(ROUNDS):
        request_id = add_request(sessions)
        wins = race(sessions, request_id)
        winners = [sub for sub, won in wins.items() if won]
        assert len(winners) == 1, wins
        assert len(wins) == len(LAWYERS)
        with sessions() as session:
            row = session.get(HandoffRequest, request_id)
            assert row is not None
            assert (row.status, row.lawyer_sub) == ("claimed", winners[0])
            told = session.scalar(
                select(func.count()).where(
                    NoticeRow.identity_id == row.identity_id, NoticeRow.kind == "handoff_claimed"
                )
            )
        assert told == 1
