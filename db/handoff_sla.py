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
    """Payment ids still "paid" (never refunded, or the refund failed) for a review that gave
    nothing for them: escalated (a lawyer's later claim does not cancel the refund the worker was
    promised), cancelled by the worker before any lawyer claimed it, or paid when the request no
    longer waited for this payment (cancelled first, or paid twice)."""
    request = HandoffRequest
    this_one = request.payment_id == PaymentRow.id
    return list(
        session.scalars(
            select(PaymentRow.id)
            .join(request, request.id == PaymentRow.handoff_id)
            .where(
                PaymentRow.state == "paid",
                or_(
                    and_(this_one, request.paid.is_(True), request.escalated_at.is_not(None)),
                    and_(
                        this_one,
                        request.status == "cancelled",
                        request.lawyer_sub.is_(None),
                        request.claimed_at.is_(None),
                    ),
                    request.payment_id.is_(None),
                    request.payment_id != PaymentRow.id,
                ),
            )
            .order_by(PaymentRow.id)
            .limit(limit)
        )
    )
