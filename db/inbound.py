"""The inbound updates as a queue: the worker claims rows in order per chat, records send
progress and finishes or dead-letters them (the receiver inserts them: ``db.receiving``).

The chat is stored only as a keyed hash (``chat_key``, see ``ChatKeys``); the raw payload is
cleared once the update is done. The table is ``db.inbound_table``.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session, aliased, sessionmaker

from db.inbound_table import (
    DEAD,
    DONE,
    PROCESSING,
    QUEUED,
    ChatKeys,
    InboundUpdate,
)
from db.receiving import NewUpdate, Recorded, record_many


@dataclass(frozen=True)
class QueuedUpdate:
    id: int
    channel: str
    platform_id: str
    content_type: str
    payload: str
    attempts: int
    replies_sent: int
    parts_sent: int
    received_at: datetime


class SqlInbox:
    """The inbound table as a queue. Every method is one short transaction.

    ``chat_keys`` must be the same in every process that shares the database (the composition
    root builds it from the settings); without it a random one serves this process only (tests).
    """

    def __init__(
        self, sessions: sessionmaker[Session], *, chat_keys: ChatKeys | None = None
    ) -> None:
        self._sessions = sessions
        self._chat_keys = chat_keys or ChatKeys(secrets.token_bytes(32))

    @property
    def sessions(self) -> sessionmaker[Session]:
        return self._sessions

    @property
    def chat_keys(self) -> ChatKeys:
        return self._chat_keys

    def chat_key(self, channel: str, chat_id: str) -> str:
        return self._chat_keys(channel, chat_id)

    # -- receiver ---------------------------------------------------------------------------
    def record(
        self,
        *,
        channel: str,
        platform_id: str,
        chat: str,
        content_type: str,
        payload: str,
        now: datetime,
        dead_reason: str | None = None,
    ) -> Recorded:
        """Insert the update once; a duplicate returns the existing row with ``new=False``."""
        update = NewUpdate(channel, platform_id, chat, content_type, payload, dead_reason)
        return self.record_many([update], now=now)[0]

    def record_many(self, updates: Sequence[NewUpdate], *, now: datetime) -> list[Recorded]:
        """Insert each update once, in one transaction (see ``db.receiving.record_many``)."""
        return record_many(self._sessions, updates, now=now, chat_keys=self._chat_keys)

    # -- worker -----------------------------------------------------------------------------
    def claim(self, *, now: datetime, lease: timedelta, limit: int = 8) -> list[QueuedUpdate]:
        """Claim up to ``limit`` updates, at most one per chat and only each chat's oldest."""
        earlier = aliased(InboundUpdate)
        ready = (InboundUpdate.status == QUEUED) & (InboundUpdate.next_attempt_at <= now)
        stale = (InboundUpdate.status == PROCESSING) & (InboundUpdate.locked_until <= now)
        blocked_by_earlier = (
            select(earlier.id)
            .where(
                earlier.chat_key == InboundUpdate.chat_key,
                earlier.id < InboundUpdate.id,
                earlier.status.in_((QUEUED, PROCESSING)),
            )
            .exists()
        )
        claimed: list[QueuedUpdate] = []
        with self._sessions.begin() as session:
            # Two index walks that stop early, not one OR that sorts the whole backlog: leases
            # that ran out (a few rows at most), then due rows in the order they fell due.
            candidates = [
                *session.execute(
                    select(InboundUpdate.id, InboundUpdate.chat_key)
                    .where(stale, ~blocked_by_earlier)
                    .order_by(InboundUpdate.id)
                    .limit(limit * 4)
                ),
                *session.execute(
                    select(InboundUpdate.id, InboundUpdate.chat_key)
                    .where(ready, ~blocked_by_earlier)
                    .order_by(InboundUpdate.next_attempt_at, InboundUpdate.id)
                    .limit(limit * 4)
                ),
            ]
            chats: set[str] = set()
            for cand in candidates:
                if cand.chat_key in chats or len(claimed) >= limit:
                    continue
                result: CursorResult[Any] = session.execute(  # type: ignore[assignment]
                    update(InboundUpdate)
                    .where(InboundUpdate.id == cand.id, ready | stale)
                    .values(
                        status=PROCESSING,
                        locked_until=now + lease,
                        attempts=InboundUpdate.attempts + 1,
                        updated_at=now,
                    )
                    .execution_options(synchronize_session=False)
                )
                if result.rowcount != 1:  # another worker took it
                    continue
                chats.add(cand.chat_key)
                row = session.get_one(InboundUpdate, cand.id, populate_existing=True)
                claimed.append(_queued(row))
        return claimed

    def take(self, update_id: int, *, now: datetime, lease: timedelta) -> QueuedUpdate | None:
        """Claim one known row (the SQS worker's path); None when done, dead or leased."""
        claimable = (InboundUpdate.status == QUEUED) | (
            (InboundUpdate.status == PROCESSING) & (InboundUpdate.locked_until <= now)
        )
        with self._sessions.begin() as session:
            result: CursorResult[Any] = session.execute(  # type: ignore[assignment]
                update(InboundUpdate)
                .where(InboundUpdate.id == update_id, claimable)
                .values(
                    status=PROCESSING,
                    locked_until=now + lease,
                    attempts=InboundUpdate.attempts + 1,
                    updated_at=now,
                )
                .execution_options(synchronize_session=False)
            )
            if result.rowcount != 1:
                return None
            return _queued(session.get_one(InboundUpdate, update_id, populate_existing=True))

    def progress(
        self, update_id: int, *, replies_sent: int, parts_sent: int, now: datetime
    ) -> None:
        with self._sessions.begin() as session:
            session.execute(
                update(InboundUpdate)
                .where(InboundUpdate.id == update_id)
                .values(replies_sent=replies_sent, parts_sent=parts_sent, updated_at=now)
            )

    def done(self, update_id: int, *, now: datetime) -> None:
        """Finished: the payload (message text, phone number) is no longer kept."""
        self._finish(update_id, status=DONE, now=now, payload="", error=None)

    def dead(self, update_id: int, *, reason: str, now: datetime) -> None:
        self._finish(update_id, status=DEAD, now=now, payload=None, error=reason)

    def retry(self, update_id: int, *, reason: str, at: datetime, now: datetime) -> None:
        with self._sessions.begin() as session:
            session.execute(
                update(InboundUpdate)
                .where(InboundUpdate.id == update_id)
                .values(
                    status=QUEUED,
                    next_attempt_at=at,
                    locked_until=None,
                    last_error=reason[:200],
                    updated_at=now,
                )
            )

    def _finish(
        self, update_id: int, *, status: str, now: datetime, payload: str | None, error: str | None
    ) -> None:
        values: dict[str, object] = {"status": status, "locked_until": None, "updated_at": now}
        if payload is not None:
            values["payload"] = payload
        if error is not None:
            values["last_error"] = error[:200]
        with self._sessions.begin() as session:
            session.execute(
                update(InboundUpdate).where(InboundUpdate.id == update_id).values(values)
            )

    def counts(self) -> dict[str, int]:
        with self._sessions() as session:
            rows = session.execute(
                select(InboundUpdate.status, func.count()).group_by(InboundUpdate.status)
            ).all()
        return {status: count for status, count in rows}

    def dead_letters(self) -> list[tuple[str, str, str]]:
        """(channel, platform id, reason) of every dead letter, oldest first."""
        with self._sessions() as session:
            rows = session.execute(
                select(InboundUpdate.channel, InboundUpdate.platform_id, InboundUpdate.last_error)
                .where(InboundUpdate.status == DEAD)
                .order_by(InboundUpdate.id)
            ).all()
        return [(c, p, e or "") for c, p, e in rows]


def _queued(row: InboundUpdate) -> QueuedUpdate:
    return QueuedUpdate(
        row.id,
        row.channel,
        row.platform_id,
        row.content_type,
        row.payload,
        row.attempts,
        row.replies_sent,
        row.parts_sent,
        row.received_at,
    )
