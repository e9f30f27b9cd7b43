"""Inbound platform updates (the local queue and idempotency record) and outbound message status.

``inbound_updates`` holds one row per (channel, platform id): the receiver inserts it, the worker
claims rows in order per chat, records send progress and finishes or dead-letters them. The chat
is stored only as a hash (``chat_key``); the raw payload is cleared once the update is done.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import (
    Index,
    Integer,
    Select,
    String,
    Table,
    Text,
    UniqueConstraint,
    bindparam,
    insert,
    select,
    update,
)
from sqlalchemy.dialects import mysql
from sqlalchemy.engine import Connection, CursorResult
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, aliased, mapped_column, sessionmaker

from db.base import MYSQL_TABLE, Base, UTCDateTime

# A body can be up to 1 MB: MEDIUMTEXT on MySQL, TEXT on SQLite.
Payload = Text().with_variant(mysql.MEDIUMTEXT(), "mysql")

QUEUED, PROCESSING, DONE, DEAD = "queued", "processing", "done", "dead"


class InboundUpdate(Base):
    __tablename__ = "inbound_updates"
    __table_args__ = (
        UniqueConstraint("channel", "platform_id"),
        Index("ix_inbound_updates_chat_status", "chat_key", "status", "id"),
        Index("ix_inbound_updates_status_next", "status", "next_attempt_at"),
        MYSQL_TABLE,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    channel: Mapped[str] = mapped_column(String(16))
    platform_id: Mapped[str] = mapped_column(String(80))
    chat_key: Mapped[str] = mapped_column(String(64))
    content_type: Mapped[str] = mapped_column(String(16))
    payload: Mapped[str] = mapped_column(Payload)
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime())
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Send progress, so a retry never re-sends: replies fully sent, then chunks of the next one.
    replies_sent: Mapped[int] = mapped_column(Integer, default=0)
    parts_sent: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(String(200))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


def _inbound_table() -> Table:
    return cast(Table, InboundUpdate.__table__)


def chat_key(channel: str, chat_id: str) -> str:
    """The per-chat ordering key: a hash, so the queue never stores a phone number."""
    return hashlib.sha256(f"{channel}\x1f{chat_id}".encode()).hexdigest()


@dataclass(frozen=True)
class NewUpdate:
    """An authentic update as the receiver stores it; ``dead_reason`` when it cannot be parsed."""

    channel: str
    platform_id: str
    chat: str
    content_type: str
    payload: str
    dead_reason: str | None = None


def _row(update: NewUpdate, status: str, now: datetime) -> dict[str, Any]:
    reason = update.dead_reason
    return {
        "channel": update.channel,
        "platform_id": update.platform_id,
        "chat_key": chat_key(update.channel, update.chat),
        "content_type": update.content_type,
        "payload": update.payload,
        "status": status,
        "attempts": 0,
        "next_attempt_at": now,
        "replies_sent": 0,
        "parts_sent": 0,
        "last_error": reason[:200] if reason else None,
        "received_at": now,
        "updated_at": now,
    }


@dataclass(frozen=True)
class Recorded:
    id: int
    new: bool
    status: str


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
    """The inbound table as a queue. Every method is one short transaction."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    @property
    def sessions(self) -> sessionmaker[Session]:
        return self._sessions

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
        """Insert each update once, all in one transaction (the receiver's group commit).

        A duplicate, of a stored row or of one earlier in ``updates``, gets that row with
        ``new=False``. Raises ``SQLAlchemyError`` when nothing could be stored.
        """
        try:
            with self._sessions.begin() as session:
                return _insert_new(session.connection(), updates, now)
        except IntegrityError:
            if len(updates) > 1:  # another process stored one of them meanwhile: one by one
                return [self.record_many([item], now=now)[0] for item in updates]
            with self._sessions() as session:
                key = (updates[0].channel, updates[0].platform_id)
                found = _stored(session.connection(), [key]).get(key)
            if found is None:
                raise
            return [found]

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
        from sqlalchemy import func

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


def _stored(conn: Connection, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], Recorded]:
    """The stored rows among ``keys`` (channel, platform id), as duplicates (``new=False``)."""
    found: dict[tuple[str, str], Recorded] = {}
    # One query per channel, so the (channel, platform_id) unique index answers it.
    for channel in {channel for channel, _ in keys}:
        ids = [pid for c, pid in keys if c == channel]
        for row in conn.execute(_stored_query(), {"channel": channel, "ids": ids}):
            found[(channel, row.platform_id)] = Recorded(row.id, False, row.status)
    return found


@functools.cache
def _stored_query() -> Select[int, str, str]:
    # Built once: constructing the select (and its IN list) per batch cost more than the inserts.
    return select(InboundUpdate.id, InboundUpdate.platform_id, InboundUpdate.status).where(
        InboundUpdate.channel == bindparam("channel"),
        InboundUpdate.platform_id.in_(bindparam("ids", expanding=True)),
    )


def _insert_new(conn: Connection, updates: Sequence[NewUpdate], now: datetime) -> list[Recorded]:
    keys = [(item.channel, item.platform_id) for item in updates]
    # One update (the common case) is inserted optimistically: a duplicate raises
    # IntegrityError. Core inserts on the table (cached statements): an ORM flush here cost
    # four times as much.
    seen = _stored(conn, keys) if len(updates) > 1 else {}
    fresh: dict[tuple[str, str], dict[str, Any]] = {}
    for key, item in zip(keys, updates, strict=True):
        if key not in seen and key not in fresh:
            fresh[key] = _row(item, DEAD if item.dead_reason else QUEUED, now)
    if len(fresh) == 1:
        ((key, row),) = fresh.items()
        result = conn.execute(insert(_inbound_table()), row)
        (new_id,) = result.inserted_primary_key or (0,)
        seen[key] = Recorded(int(new_id), False, row["status"])
    elif fresh:  # one executemany, then one query for the new ids
        conn.execute(insert(_inbound_table()), list(fresh.values()))
        seen.update(_stored(conn, list(fresh)))
    results: list[Recorded] = []
    for key in keys:
        recorded = seen[key]
        if key in fresh:  # the first copy is the new row; later ones are its duplicates
            del fresh[key]
            recorded = Recorded(recorded.id, True, recorded.status)
        results.append(recorded)
    return results
