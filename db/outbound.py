"""Outbound message status (Twilio callbacks, forward only) and who we may send to (blocked).

Rows never leave this module; the tables live in ``db.inbound`` and ``db.models``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from db.inbound import OutboundMessage
from db.models import ChatIdentity

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
