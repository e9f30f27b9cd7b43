"""What a person's plan is made of, read for ``/plan``, ``pagar`` and the monthly answer budget:
their live entitlements by product, and the payment still waiting in a chat. Reads only; the
writes are ``db.payments``'."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from db.models import ChatIdentity
from db.payment_table import Entitlement, PaymentRow
from db.payments import PaymentView, get


def live_products(session: Session, user_id: int, now: datetime) -> dict[str, datetime | None]:
    """Product code → when its latest live entitlement ends (None: it does not end)."""
    rows = session.execute(
        select(Entitlement.product, Entitlement.ends_at).where(
            Entitlement.user_id == user_id,
            Entitlement.starts_at <= now,
            Entitlement.revoked_at.is_(None),
            or_(Entitlement.ends_at.is_(None), Entitlement.ends_at > now),
        )
    )
    ends: dict[str, datetime | None] = {}
    for product, ends_at in rows:
        known = ends.get(product, ends_at)
        ends[product] = None if ends_at is None or known is None else max(known, ends_at)
    return ends


def chat_products(session: Session, *, channel: str, chat_id: str, now: datetime) -> set[str]:
    """The live products of the account this chat is linked to (none when it is not linked)."""
    user_id = session.scalar(
        select(ChatIdentity.user_id).where(
            ChatIdentity.channel == channel, ChatIdentity.external_id == chat_id
        )
    )
    return set() if user_id is None else set(live_products(session, user_id, now))


def waiting(session: Session, *, identity_id: int, since: datetime) -> PaymentView | None:
    """The newest payment this chat started after ``since`` that nobody has paid yet."""
    payment_id = session.scalar(
        select(PaymentRow.id)
        .where(
            PaymentRow.identity_id == identity_id,
            PaymentRow.state == "created",
            PaymentRow.created_at >= since,
        )
        .order_by(PaymentRow.id.desc())
        .limit(1)
    )
    return None if payment_id is None else get(session, payment_id)


def identity(session: Session, *, channel: str, chat_id: str) -> tuple[int, int | None] | None:
    """The chat's identity id and the account it is linked to, if the chat is known."""
    row = session.execute(
        select(ChatIdentity.id, ChatIdentity.user_id).where(
            ChatIdentity.channel == channel, ChatIdentity.external_id == chat_id
        )
    ).first()
    return None if row is None else (row[0], row[1])
