"""Refunds between "paid" and "refunded": one the provider accepted but has not finished (an OXXO
refund waits for the customer's bank details: never asked again, only awaited), and one owed
after ``/borrar`` deleted the handoff request that showed it (the money outlives the data); and
the PaymentIntent of a plan period paid by invoice, without which it could not be refunded."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import CursorResult, and_, or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from db.handoff_table import HandoffRequest
from db.payment_table import PaymentRow


def requested(session: Session, payment_id: int, *, now: datetime) -> bool:
    """Record that the provider accepted a refund of ``payment_id`` still in progress; True the
    first time (the sweep then waits for ``charge.refunded`` instead of asking again)."""
    moved: CursorResult[object] = session.execute(  # type: ignore[assignment]
        update(PaymentRow)
        .where(
            PaymentRow.id == payment_id,
            PaymentRow.state == "paid",
            PaymentRow.refund_requested_at.is_(None),
        )
        .values(refund_requested_at=now, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    return moved.rowcount == 1


def unfinished(session: Session, *, requested_before: datetime, limit: int = 100) -> list[int]:
    """Payments whose refund was accepted before ``requested_before`` and is still not done."""
    return list(
        session.scalars(
            select(PaymentRow.id)
            .where(
                PaymentRow.state == "paid",
                PaymentRow.refund_requested_at.is_not(None),
                PaymentRow.refund_requested_at < requested_before,
            )
            .order_by(PaymentRow.id)
            .limit(limit)
        )
    )


def owed_by_request() -> ColumnElement[bool]:
    """The request (joined as ``HandoffRequest`` on ``PaymentRow.handoff_id``) gave nothing for
    this payment: escalated (a later claim does not cancel the promised refund), cancelled before
    any claim, or it no longer waited for this payment (cancelled first, or paid twice)."""
    request = HandoffRequest
    this_one = request.payment_id == PaymentRow.id
    return or_(
        and_(this_one, request.paid.is_(True), request.escalated_at.is_not(None)),
        and_(
            this_one,
            request.status == "cancelled",
            request.lawyer_sub.is_(None),
            request.claimed_at.is_(None),
        ),
        request.payment_id.is_(None),
        request.payment_id != PaymentRow.id,
    )


def owe_on_erasure(session: Session, request_ids: Sequence[int], *, now: datetime) -> int:
    """``/borrar`` is about to delete ``request_ids``: their payments that no lawyer has earned
    (not claimed: open, awaiting payment, cancelled or escalated) become owed, in the deletion's
    transaction, so the sweep still refunds them (a voucher paid later too). How many."""
    if not request_ids:
        return 0
    request = HandoffRequest
    unclaimed = and_(request.lawyer_sub.is_(None), request.claimed_at.is_(None))
    owed = select(PaymentRow.id).join(request, request.id == PaymentRow.handoff_id)
    ids = list(
        session.scalars(
            owed.where(
                request.id.in_(request_ids),
                PaymentRow.state.in_(("created", "pending", "paid")),
                PaymentRow.refund_owed_at.is_(None),
                or_(
                    and_(unclaimed, request.status.in_(("awaiting_payment", "open", "cancelled"))),
                    owed_by_request(),
                ),
            )
        )
    )
    if ids:
        session.execute(
            update(PaymentRow)
            .where(PaymentRow.id.in_(ids))
            .values(refund_owed_at=now, updated_at=now)
            .execution_options(synchronize_session=False)
        )
    return len(ids)


def record_invoice(session: Session, payment_id: int, *, invoice_ref: str, now: datetime) -> None:
    """Remember the Stripe invoice that paid this plan period (its PaymentIntent comes apart)."""
    session.execute(
        update(PaymentRow)
        .where(PaymentRow.id == payment_id, PaymentRow.invoice_ref.is_(None))
        .values(invoice_ref=invoice_ref, updated_at=now)
        .execution_options(synchronize_session=False)
    )


def record_charge(
    session: Session, *, provider: str, invoice_ref: str, charge_ref: str, now: datetime
) -> bool:
    """Give the payment of ``invoice_ref`` the PaymentIntent that paid it (what a refund and
    ``charge.refunded`` need); True when a payment without one took it."""
    moved: CursorResult[object] = session.execute(  # type: ignore[assignment]
        update(PaymentRow)
        .where(
            PaymentRow.provider == provider,
            or_(PaymentRow.invoice_ref == invoice_ref, PaymentRow.provider_ref == invoice_ref),
            PaymentRow.charge_ref.is_(None),
        )
        .values(charge_ref=charge_ref, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    return moved.rowcount >= 1
