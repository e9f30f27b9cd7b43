"""The ``inbound_updates`` table: one row per (channel, platform id), the local queue and the
idempotency record. ``db.receiving`` inserts rows, ``db.inbound`` works the queue.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime
from typing import cast

from sqlalchemy import Index, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy.dialects import mysql
from sqlalchemy.orm import Mapped, mapped_column

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


def inbound_table() -> Table:
    return cast(Table, InboundUpdate.__table__)


class ChatKeys:
    """The per-chat ordering key: an HMAC-SHA256 of the chat under a secret kept outside the
    database, so the queue never stores a phone number and a copy of the database alone cannot
    turn a key back into one (a plain hash of a 10-digit number is found by trying them all)."""

    def __init__(self, secret: bytes) -> None:
        if len(secret) < 16:
            raise ValueError("the chat-key secret must have at least 16 bytes")
        self._secret = secret

    def __call__(self, channel: str, chat_id: str) -> str:
        message = f"{channel}\x1f{chat_id}".encode()
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()

    def event_key(self, key: str) -> str:
        """A message's idempotency key (``Inbound.key``, a plain hash of chat and message id)
        keyed the same way, for the processed-events ledger: the platform id stays in the queue,
        so the plain hash would give the chat away to whoever tries every number."""
        return hmac.new(self._secret, f"event\x1f{key}".encode(), hashlib.sha256).hexdigest()

    def __repr__(self) -> str:  # never the secret
        return "ChatKeys(<secret>)"
