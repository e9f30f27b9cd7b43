"""The service level of handoff requests: which open requests nobody claimed in time, marking one
escalated (once, with the worker's notice in the same transaction), and which paid reviews still
await their refund (escalated, or cancelled before a lawyer claimed them). The sweep is
``services.handoff_sweep``."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CursorResult, and_, func, or_, select, update
from sqlalchemy.orm import Session

from bot import lawyer_wording as wording
from db import notices
from db.handoff_table import HandoffRequest
from db.payment_table import PaymentRow
from db.refunds_owed import owed_by_request


def overdue(session: Session, *, opened_before: datetime, limit: int = 500) -> list[int]:
    """Open, unclaimed, not yet escalated requests that became open before ``opened_before``: a
    paid one when its payment was confirmed, a free one when it was made."""
    opened = func.coalesce(PaymentRow.paid_at, HandoffRequest.created_at)
    return list(
        session.scalars(
            select(HandoffRequest.id)
            .outerjoin(PaymentRow, PaymentRow.id == HandoffRequest.payment_id)
            .where(
                HandoffRequest.status == "open",
                HandoffRequest.lawyer_sub.is_(None),
                HandoffRequest.escalated_at.is_(None),
                opened < opened_before,
            )
            .order_by(HandoffRequest.id)
            .limit(limit)
        )
    )


def escalate(session: Session, request_id: int, *, now: datetime) -> bool:
    """Mark the request escalated and tell the worker, once: False when it was claimed,
    cancelled or escalated meanwhile (a lawyer or another sweep got there first)."""
    result = session.execute(
        update(HandoffRequest)
        .where(
            HandoffRequest.id == request_id,
            HandoffRequest.status == "open",
            HandoffRequest.lawyer_sub.is_(None),
            HandoffRequest.escalated_at.is_(None),
        )
        .values(escalated_at=now, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if not isinstance(result, CursorResult) or result.rowcount != 1:
        return False
    identity_id, paid = session.execute(
        select(HandoffRequest.identity_id, HandoffRequest.paid).where(
            HandoffRequest.id == request_id
        )
    ).one()
    notices.enqueue(
        session,
        identity_id=identity_id,
        kind="handoff_escalated",
        text=wording.escalated(refunded=bool(paid)),
        now=now,
    )
    return True


def refunds_due(session: Session, *, limit: int = 100) -> list[int]:
    """Payment ids still "paid" whose refund was never accepted (never asked, or it failed) for
    a review that gave nothing for them (``refunds_owed.owed_by_request``), or owed after
    ``/borrar`` deleted their request. A Stars payment owed with no chat left is not here:
    Telegram refunds need the user id that ``/borrar`` deleted (docs/handoff.md)."""
    request = HandoffRequest
    owed_after_erasure = and_(
        PaymentRow.refund_owed_at.is_not(None),
        or_(PaymentRow.provider != "stars", PaymentRow.identity_id.is_not(None)),
    )
    return list(
        session.scalars(
            select(PaymentRow.id)
            .outerjoin(request, request.id == PaymentRow.handoff_id)
            .where(
                PaymentRow.state == "paid",
                PaymentRow.refund_requested_at.is_(None),
                or_(owed_after_erasure, and_(request.id.is_not(None), owed_by_request())),
            )
            .order_by(PaymentRow.id)
            .limit(limit)
        )
    )
