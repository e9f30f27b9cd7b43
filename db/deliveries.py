"""Claiming and marking broadcast deliveries: the at-most-once half of crash safety.

A sender claims one pending row (pending → sending, with its owner and time) in its own committed
transaction right before the network call, and marks the result after it. Rows left "sending" by
a dead sender are in doubt: ``recover`` turns them into "unknown" and never back into "pending".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from db.broadcasts import DeliveryRow
from db.models import ChatIdentity

# Twilio's callback statuses that mean the message reached the phone, or never will.
_DELIVERED = {"delivered", "read"}
_FAILED = {"failed", "undelivered"}


@dataclass(frozen=True)
class Claimed:
    """A claimed delivery and what sending it needs to know about the recipient now."""

    delivery_id: int
    broadcast_id: int
    channel: str
    chat_id: str
    identity_id: int
    last_inbound_at: datetime | None
    opted_out: bool
    blocked: bool
    attempts: int


@dataclass(frozen=True)
class Pending:
    delivery_id: int
    channel: str
    chat_id: str
    excluded: bool  # opted out or blocked since the broadcast was materialised


def pending(session: Session, broadcast_id: int, *, limit: int = 200) -> list[Pending]:
    rows = session.execute(
        select(
            DeliveryRow.id,
            DeliveryRow.channel,
            ChatIdentity.external_id,
            ChatIdentity.opted_out,
            ChatIdentity.blocked,
        )
        .join(ChatIdentity, ChatIdentity.id == DeliveryRow.identity_id)
        .where(DeliveryRow.broadcast_id == broadcast_id, DeliveryRow.status == "pending")
        .order_by(DeliveryRow.id)
        .limit(limit)
    ).all()
    return [Pending(i, c, x, bool(o) or bool(b)) for i, c, x, o, b in rows]


def in_doubt(session: Session, broadcast_id: int) -> datetime | None:
    """The oldest claim time among rows still "sending" (held by a live or a dead sender)."""
    return session.scalar(
        select(func.min(DeliveryRow.claimed_at)).where(
            DeliveryRow.broadcast_id == broadcast_id, DeliveryRow.status == "sending"
        )
    )


def mark_identity(
    session: Session, identity_id: int, *, blocked: bool = False, opted_out: bool = False
) -> None:
    """The platform said the person blocked the bot (403) or opted out (21610): stop for good."""
    values: dict[str, bool] = {}
    if blocked:
        values["blocked"] = True
    if opted_out:
        values["opted_out"] = True
    if values:
        session.execute(
            update(ChatIdentity)
            .where(ChatIdentity.id == identity_id)
            .values(**values)
            .execution_options(synchronize_session=False)
        )


def claim(session: Session, delivery_id: int, *, owner: str, now: datetime) -> Claimed | None:
    """pending → sending for this owner; None when another sender got there first."""
    result = session.execute(
        update(DeliveryRow)
        .where(DeliveryRow.id == delivery_id, DeliveryRow.status == "pending")
        .values(
            status="sending",
            owner=owner,
            claimed_at=now,
            attempts=DeliveryRow.attempts + 1,
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    )
    if not isinstance(result, CursorResult) or result.rowcount != 1:
        return None
    row = session.execute(
        select(DeliveryRow, ChatIdentity)
        .join(ChatIdentity, ChatIdentity.id == DeliveryRow.identity_id)
        .where(DeliveryRow.id == delivery_id)
    ).one()
    delivery, identity = row[0], row[1]
    return Claimed(
        delivery_id=delivery.id,
        broadcast_id=delivery.broadcast_id,
        channel=delivery.channel,
        chat_id=identity.external_id,
        identity_id=identity.id,
        last_inbound_at=identity.last_inbound_at,
        opted_out=identity.opted_out,
        blocked=identity.blocked,
        attempts=delivery.attempts,
    )


def mark(
    session: Session,
    delivery_id: int,
    *,
    owner: str,
    status: str,
    now: datetime,
    reason: str | None = None,
    provider_id: str | None = None,
) -> bool:
    """Record what happened to a claimed row; only its owner may (also after ``recover``)."""
    # A reason is kept when none replaces it: a 63017 retried and then sent still shows it.
    values: dict[str, object] = {"status": status, "updated_at": now}
    if reason is not None:
        values["reason"] = reason[:200]
    if provider_id is not None:
        values["provider_id"] = provider_id[:64]
    if status == "pending":
        values["owner"] = None
        values["claimed_at"] = None
    result = session.execute(
        update(DeliveryRow)
        .where(
            DeliveryRow.id == delivery_id,
            DeliveryRow.owner == owner,
            DeliveryRow.status.in_(("sending", "unknown")),
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return isinstance(result, CursorResult) and result.rowcount == 1


def recover(session: Session, broadcast_id: int, *, now: datetime, lease: timedelta) -> int:
    """Rows "sending" for longer than ``lease`` belong to a dead sender: in doubt → "unknown".

    Telegram has no idempotency key, so a row claimed but not marked may or may not have reached
    the person. We never resend it on our own (no duplicates); the admin may retry unknown rows.
    """
    result = session.execute(
        update(DeliveryRow)
        .where(
            DeliveryRow.broadcast_id == broadcast_id,
            DeliveryRow.status == "sending",
            DeliveryRow.claimed_at < now - lease,
        )
        .values(status="unknown", reason="in_doubt_after_crash", updated_at=now)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount if isinstance(result, CursorResult) else 0


def retry_unknown(session: Session, broadcast_id: int, *, now: datetime) -> int:
    """An admin's explicit choice: send the in-doubt rows again (may duplicate a few)."""
    result = session.execute(
        update(DeliveryRow)
        .where(DeliveryRow.broadcast_id == broadcast_id, DeliveryRow.status == "unknown")
        .values(status="pending", owner=None, claimed_at=None, reason=None, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount if isinstance(result, CursorResult) else 0


def apply_provider_status(
    session: Session, *, provider_id: str, status: str, error_code: str | None, now: datetime
) -> bool:
    """A Twilio status callback for a broadcast message: sent → delivered, or → failed.

    Callbacks arrive out of order; only forward moves are applied. True when a row changed.
    """
    status = status.lower()
    if status in _DELIVERED:
        new, allowed = "delivered", ("sending", "sent", "unknown")
        reason = None
    elif status in _FAILED:
        new, allowed = "failed", ("sending", "sent", "unknown")
        reason = f"twilio {error_code}" if error_code else f"twilio {status}"
    else:
        return False
    result = session.execute(
        update(DeliveryRow)
        .where(DeliveryRow.provider_id == provider_id[:64], DeliveryRow.status.in_(allowed))
        .values(status=new, reason=reason, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    return isinstance(result, CursorResult) and result.rowcount > 0


class SqlDeliveryStatus:
    """Twilio status callbacks → broadcast deliveries; same call as ``SqlInbox.update_status``
    so the /webhooks/whatsapp/status route can call both."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def update_status(
        self, *, channel: str, provider_id: str, status: str, error_code: str | None, now: datetime
    ) -> bool:
        if channel != "whatsapp":
            return False
        with self._sessions.begin() as session:
            return apply_provider_status(
                session, provider_id=provider_id, status=status, error_code=error_code, now=now
            )
