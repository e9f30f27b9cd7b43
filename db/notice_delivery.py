"""Claiming and marking ``notices``: the at-most-once half of the courier (``webhooks.courier``).

A courier claims one pending row (pending → sending, with its owner and time) in its own
committed transaction right before the network call, and marks it after. A row left "sending"
by a dead courier is in doubt: ``recover`` makes it "unknown", never "pending" again.
WhatsApp outside the 24-hour window: one template per chat, then the texts wait
(``template_sent_at``) until the worker writes again (``last_inbound_at`` moves past it).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.orm import Session

from db.models import ChatIdentity
from db.notice_table import NoticeRow


@dataclass(frozen=True, slots=True)
class Candidate:
    """A pending notice and what deciding whether it is due needs to know about its chat."""

    notice_id: int
    identity_id: int
    channel: str
    last_inbound_at: datetime | None
    whatsapp_template: str | None
    template_sent_at: datetime | None


@dataclass(frozen=True, slots=True)
class Claimed:
    notice_id: int
    identity_id: int
    channel: str
    chat_id: str
    last_inbound_at: datetime | None
    kind: str
    text: str
    whatsapp_template: str | None
    attempts: int


def pending(
    session: Session,
    *,
    limit: int = 500,
    channels: Collection[str] | None = None,
    identities: Collection[int] | None = None,
) -> list[Candidate]:
    """Pending notices oldest first, with their chat's channel and last inbound time; only of
    ``channels`` and ``identities`` when given (filtered before the limit, so other chats'
    backlog never hides them)."""
    query = (
        select(
            NoticeRow.id,
            NoticeRow.identity_id,
            ChatIdentity.channel,
            ChatIdentity.last_inbound_at,
            NoticeRow.whatsapp_template,
            NoticeRow.template_sent_at,
        )
        .join(ChatIdentity, ChatIdentity.id == NoticeRow.identity_id)
        .where(NoticeRow.status == "pending")
    )
    if channels is not None:
        query = query.where(ChatIdentity.channel.in_(list(channels)))
    if identities is not None:
        query = query.where(NoticeRow.identity_id.in_(list(identities)))
    rows = session.execute(query.order_by(NoticeRow.id).limit(limit)).all()
    return [Candidate(*row) for row in rows]


def waiting(session: Session, identity_id: int) -> int:
    """How many notices wait for this chat (pending: the courier's next pass sends them)."""
    found = session.scalar(
        select(func.count())
        .select_from(NoticeRow)
        .where(NoticeRow.identity_id == identity_id, NoticeRow.status == "pending")
    )
    return int(found or 0)


def claim(session: Session, notice_id: int, *, owner: str, now: datetime) -> Claimed | None:
    """pending → sending for this owner; None when another courier got there first."""
    result = session.execute(
        update(NoticeRow)
        .where(NoticeRow.id == notice_id, NoticeRow.status == "pending")
        .values(
            status="sending",
            claimed_by=owner[:64],
            claimed_at=now,
            attempts=NoticeRow.attempts + 1,
        )
        .execution_options(synchronize_session=False)
    )
    if not isinstance(result, CursorResult) or result.rowcount != 1:
        return None
    row, identity = session.execute(
        select(NoticeRow, ChatIdentity)
        .join(ChatIdentity, ChatIdentity.id == NoticeRow.identity_id)
        .where(NoticeRow.id == notice_id)
    ).one()
    return Claimed(
        notice_id=row.id,
        identity_id=identity.id,
        channel=identity.channel,
        chat_id=identity.external_id,
        last_inbound_at=identity.last_inbound_at,
        kind=row.kind,
        text=row.text,
        whatsapp_template=row.whatsapp_template,
        attempts=row.attempts,
    )


def mark(
    session: Session,
    notice_id: int,
    *,
    owner: str,
    status: str,
    now: datetime,
    template_sent: bool = False,
) -> bool:
    """Record what happened to a claimed row; only its owner may. "pending" gives it back (a
    retry, or its text waiting for the window after the template: ``template_sent``)."""
    values: dict[str, object] = {"status": status}
    if status == "sent":
        values["sent_at"] = now
    if status == "pending":
        values["claimed_by"] = None
        values["claimed_at"] = None
    if template_sent:
        values["template_sent_at"] = now
    result = session.execute(
        update(NoticeRow)
        .where(
            NoticeRow.id == notice_id,
            NoticeRow.claimed_by == owner[:64],
            NoticeRow.status == "sending",
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return isinstance(result, CursorResult) and result.rowcount == 1


def recover(session: Session, *, now: datetime, lease: timedelta) -> int:
    """Rows "sending" for longer than ``lease`` belong to a dead courier: → "unknown".

    Telegram has no idempotency key: a claimed row that was never marked may or may not have
    reached the worker, so it is never sent again on our own (no duplicate replies).
    """
    result = session.execute(
        update(NoticeRow)
        .where(NoticeRow.status == "sending", NoticeRow.claimed_at < now - lease)
        .values(status="unknown")
        .execution_options(synchronize_session=False)
    )
    return result.rowcount if isinstance(result, CursorResult) else 0
