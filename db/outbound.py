"""Outbound message status (Twilio callbacks, forward only) and who we may send to (blocked).

Rows never leave this module; ``outbound_messages`` is defined here, ``chat_identities`` in
``db.models``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from db.base import MYSQL_TABLE, Base, UTCDateTime
from db.models import ChatIdentity


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


# Twilio delivery statuses, in the order they move; failures are terminal (RELIABILITY W4).
STATUS_RANK = {"accepted": 0, "queued": 1, "sending": 2, "sent": 3, "delivered": 4, "read": 5}
TERMINAL = {"failed", "undelivered", "canceled"}


class SqlOutbound:
    """Messages we sent, by provider id, and their delivery status."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def record_sent(
        self, *, channel: str, provider_ids: tuple[str, ...], inbound_id: int | None, now: datetime
    ) -> None:
        with self._sessions.begin() as session:
            for provider_id in provider_ids:
                session.add(
                    OutboundMessage(
                        channel=channel,
                        provider_id=provider_id,
                        inbound_id=inbound_id,
                        status="queued" if channel == "whatsapp" else "sent",
                        created_at=now,
                        updated_at=now,
                    )
                )

    def update_status(
        self, *, channel: str, provider_id: str, status: str, error_code: str | None, now: datetime
    ) -> bool:
        """Move a message's status forward only; unknown ids are ignored. True if it changed."""
        with self._sessions.begin() as session:
            row = session.execute(
                select(OutboundMessage)
                .where(
                    OutboundMessage.channel == channel, OutboundMessage.provider_id == provider_id
                )
                .with_for_update()
            ).scalar_one_or_none()
            if row is None or not _moves_forward(row.status, status):
                return False
            row.status = status[:16]
            row.error_code = (error_code or None) and error_code[:16]
            row.updated_at = now
            return True

    def status(self, *, channel: str, provider_id: str) -> str | None:
        with self._sessions() as session:
            return session.execute(
                select(OutboundMessage.status).where(
                    OutboundMessage.channel == channel, OutboundMessage.provider_id == provider_id
                )
            ).scalar_one_or_none()


class SqlIdentityMarks:
    """Marks a chat identity blocked (Telegram ``my_chat_member`` kicked) or unblocked."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def set_blocked(self, *, channel: str, chat_id: str, blocked: bool, now: datetime) -> None:
        with self._sessions.begin() as session:
            identity = session.scalar(
                select(ChatIdentity).where(
                    ChatIdentity.channel == channel, ChatIdentity.external_id == chat_id
                )
            )
            if identity is None:
                if not blocked:
                    return
                identity = ChatIdentity(
                    channel=channel,
                    external_id=chat_id,
                    opted_out=False,
                    blocked=True,
                    anonymous_questions_used=0,
                    created_at=now,
                )
                session.add(identity)
            identity.blocked = blocked

    def is_blocked(self, *, channel: str, chat_id: str) -> bool:
        with self._sessions() as session:
            value = session.scalar(
                select(ChatIdentity.blocked).where(
                    ChatIdentity.channel == channel, ChatIdentity.external_id == chat_id
                )
            )
        return bool(value)


def _moves_forward(current: str, new: str) -> bool:
    if current in TERMINAL or current == new:
        return False
    if new in TERMINAL:
        return True
    if new not in STATUS_RANK:
        # Unknown statuses are stored raw unless we already know a later one.
        return current not in STATUS_RANK or STATUS_RANK[current] < STATUS_RANK["delivered"]
    return STATUS_RANK[new] > STATUS_RANK.get(current, -1)
