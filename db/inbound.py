"""Inbound platform updates (the local queue and idempotency record) and outbound message status.

``inbound_updates`` holds one row per (channel, platform id): the receiver inserts it, the worker
claims rows in order per chat, records send progress and finishes or dead-letters them. The chat
is stored only as a hash (``chat_key``); the raw payload is cleared once the update is done.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import (
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    insert,
    select,
    update,
)
from sqlalchemy.dialects import mysql
from sqlalchemy.engine import CursorResult
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


class OutboundMessage(Base):
    __tablename__ = "outbound_messages"
    __table_args__ = (UniqueConstraint("channel", "provider_id"), MYSQL_TABLE)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    channel: Mapped[str] = mapped_column(String(16))
    provider_id: Mapped[str] = mapped_column(String(64))
    inbound_id: Mapped[int | None] = mapped_column(Integer, index=True)
    status: Mapped[str] = mapped_column(String(16))
    error_code: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


def _inbound_table() -> Table:
    return cast(Table, InboundUpdate.__table__)


def chat_key(channel: str, chat_id: str) -> str:
    """The per-chat ordering key: a hash, so the queue never stores a phone number."""
    return hashlib.sha256(f"{channel}\x1f{chat_id}".encode()).hexdigest()


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
        status = DEAD if dead_reason else QUEUED
        values = {
            "channel": channel,
            "platform_id": platform_id,
            "chat_key": chat_key(channel, chat),
            "content_type": content_type,
            "payload": payload,
            "status": status,
            "attempts": 0,
            "next_attempt_at": now,
            "replies_sent": 0,
            "parts_sent": 0,
            "last_error": dead_reason[:200] if dead_reason else None,
            "received_at": now,
            "updated_at": now,
        }
        try:
            # A Core insert on the table (cached statement): the receiver's hot path; an ORM
            # flush here cost four times as much.
            with self._sessions.begin() as session:
                result = session.connection().execute(insert(_inbound_table()), values)
                (new_id,) = result.inserted_primary_key or (0,)
                return Recorded(int(new_id), True, status)
        except IntegrityError:
            with self._sessions() as session:
                found = session.execute(
                    select(InboundUpdate.id, InboundUpdate.status).where(
                        InboundUpdate.channel == channel, InboundUpdate.platform_id == platform_id
                    )
                ).one_or_none()
            if found is None:
                raise
            return Recorded(found.id, False, found.status)

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
            candidates = session.execute(
                select(InboundUpdate.id, InboundUpdate.chat_key)
                .where(ready | stale, ~blocked_by_earlier)
                .order_by(InboundUpdate.id)
                .limit(limit * 4)
            ).all()
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
