"""Payments, their provider events and the entitlements they grant, in the caller's transaction.

A payment's state only moves forward (``advance``: a conditional UPDATE, so of two concurrent
deliveries of one event only one changes anything), and the first arrival at "paid" grants,
"refunded" revokes. Entitlements come only from here; nothing about cards is ever stored.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime

from sqlalchemy import CursorResult, or_, select, update
from sqlalchemy.orm import Session

from db import handoffs
from db.payment_table import Entitlement, PaymentEvent, PaymentRow

# Where each state may go next (created → pending → paid → refunded; created|pending → failed |
# expired). Anything else, the same state included, changes nothing.
NEXT: dict[str, frozenset[str]] = {
    "created": frozenset({"pending", "paid", "failed", "expired"}),
    "pending": frozenset({"paid", "failed", "expired"}),
    "paid": frozenset({"refunded"}),
    "refunded": frozenset(),
    "failed": frozenset(),
    "expired": frozenset(),
}


@dataclass(frozen=True)
class Grant:
    """What reaching "paid" grants: ``grants`` ("lawyer_review" | "answers") until ``until``
    (None: it does not end; a monthly plan ends with its paid period)."""

    grants: str
    until: datetime | None = None


@dataclass(frozen=True)
class PaymentView:
    """A payment as /mis_datos and the admin page show it (no card data exists to show)."""

    id: int
    user_id: int | None
    identity_id: int | None
    product: str
    provider: str
    provider_ref: str
    charge_ref: str | None
    subscription_ref: str | None
    method: str | None
    amount: int
    currency: str
    state: str
    handoff_id: int | None
    created_at: datetime
    paid_at: datetime | None
    refunded_at: datetime | None
    refund_requested_at: datetime | None = None  # accepted by the provider, not finished
    refund_owed_at: datetime | None = None  # owed after /borrar deleted its request
    invoice_ref: str | None = None  # a plan period's Stripe invoice


def _view(row: PaymentRow) -> PaymentView:
    return PaymentView(**{f.name: getattr(row, f.name) for f in fields(PaymentView)})


def create(
    session: Session,
    *,
    user_id: int | None,
    identity_id: int | None,
    product: str,
    provider: str,
    provider_ref: str,
    amount: int,
    currency: str,
    handoff_id: int | None = None,
    now: datetime,
    subscription_ref: str | None = None,
) -> int:
    """A new payment in state "created"; its id (flushed, not committed)."""
    row = PaymentRow(
        user_id=user_id,
        identity_id=identity_id,
        product=product,
        provider=provider,
        provider_ref=provider_ref,
        subscription_ref=subscription_ref,
        amount=amount,
        currency=currency,
        state="created",
        handoff_id=handoff_id,
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    session.flush()
    return row.id


def attach_ref(session: Session, payment_id: int, *, provider_ref: str, now: datetime) -> None:
    """Give a payment created before its provider object existed (a Checkout Session) that
    object's id."""
    session.execute(
        update(PaymentRow)
        .where(PaymentRow.id == payment_id)
        .values(provider_ref=provider_ref, updated_at=now)
    )


def get(session: Session, payment_id: int) -> PaymentView | None:
    row = session.get(PaymentRow, payment_id)
    return None if row is None else _view(row)


def find(
    session: Session,
    *,
    provider: str,
    provider_ref: str | None = None,
    charge_ref: str | None = None,
    subscription_ref: str | None = None,
) -> PaymentView | None:
    """The (first) payment of ``provider`` with the given reference, else None."""
    query = select(PaymentRow).where(PaymentRow.provider == provider)
    if provider_ref is not None:
        query = query.where(PaymentRow.provider_ref == provider_ref)
    elif charge_ref is not None:
        query = query.where(PaymentRow.charge_ref == charge_ref)
    elif subscription_ref is not None:
        query = query.where(PaymentRow.subscription_ref == subscription_ref)
    else:
        return None
    row = session.scalars(query.order_by(PaymentRow.id).limit(1)).first()
    return None if row is None else _view(row)


def advance(
    session: Session,
    *,
    provider: str,
    provider_ref: str,
    to: str,
    now: datetime,
    charge_ref: str | None = None,
    method: str | None = None,
    subscription_ref: str | None = None,
    grant: Grant | None = None,
) -> bool:
    """Move the payment to ``to`` if that is forward; True when this call moved it.

    On first reaching "paid" the user gets ``grant`` (when given, and the payment still has a
    user) and a handoff waiting for this payment opens; on "refunded" its entitlements are
    revoked; on "failed"/"expired" the handoff waiting for it is cancelled. Repeating a call,
    or a state that goes backwards, changes nothing and returns False.
    """
    if to not in NEXT:
        raise ValueError(f"unknown payment state {to!r}")
    sources = [state for state, targets in NEXT.items() if to in targets]
    values: dict[str, object] = {"state": to, "updated_at": now}
    if charge_ref is not None:
        values["charge_ref"] = charge_ref
    if method is not None:
        values["method"] = method
    if subscription_ref is not None:
        values["subscription_ref"] = subscription_ref
    if to == "paid":
        values["paid_at"] = now
    if to == "refunded":
        values["refunded_at"] = now
    moved: CursorResult[object] = session.execute(  # type: ignore[assignment]
        update(PaymentRow)
        .where(
            PaymentRow.provider == provider,
            PaymentRow.provider_ref == provider_ref,
            PaymentRow.state.in_(sources),
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if moved.rowcount != 1:
        return False
    row = session.scalars(
        select(PaymentRow).where(
            PaymentRow.provider == provider, PaymentRow.provider_ref == provider_ref
        )
    ).one()
    session.refresh(row)
    if to == "paid":
        if grant is not None and row.user_id is not None:
            session.add(
                Entitlement(
                    user_id=row.user_id,
                    product=row.product,
                    grants=grant.grants,
                    payment_id=row.id,
                    starts_at=now,
                    ends_at=grant.until,
                )
            )
        if row.handoff_id is not None:
            handoffs.mark_paid(session, request_id=row.handoff_id, payment_id=row.id, now=now)
    elif to == "refunded":
        revoke(session, payment_id=row.id, now=now)
    elif to in ("failed", "expired") and row.handoff_id is not None:
        handoffs.cancel_unpaid(session, request_id=row.handoff_id, now=now)
    session.flush()
    return True


def revoke(session: Session, *, payment_id: int, now: datetime) -> int:
    """End what ``payment_id`` granted (a refund); how many entitlements it ended."""
    ended: CursorResult[object] = session.execute(  # type: ignore[assignment]
        update(Entitlement)
        .where(Entitlement.payment_id == payment_id, Entitlement.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    return int(ended.rowcount)


def extend(session: Session, *, payment_id: int, until: datetime) -> int:
    """Move the end of ``payment_id``'s live entitlements to ``until`` (a monthly plan's first
    invoice tells the real end of its period)."""
    moved: CursorResult[object] = session.execute(  # type: ignore[assignment]
        update(Entitlement)
        .where(Entitlement.payment_id == payment_id, Entitlement.revoked_at.is_(None))
        .values(ends_at=until)
    )
    return int(moved.rowcount)


def end_subscription(
    session: Session, *, provider: str, subscription_ref: str, now: datetime
) -> int:
    """A cancelled subscription: every entitlement of its payments still running ends now."""
    ids = select(PaymentRow.id).where(
        PaymentRow.provider == provider, PaymentRow.subscription_ref == subscription_ref
    )
    ended: CursorResult[object] = session.execute(  # type: ignore[assignment]
        update(Entitlement)
        .where(
            Entitlement.payment_id.in_(ids),
            Entitlement.revoked_at.is_(None),
            or_(Entitlement.ends_at.is_(None), Entitlement.ends_at > now),
        )
        .values(ends_at=now)
        .execution_options(synchronize_session=False)
    )
    return int(ended.rowcount)


def seen_event(session: Session, *, provider: str, event_id: str, now: datetime) -> bool:
    """Record a provider's event id; True the first time. In the caller's transaction, so an
    event whose handling rolls back is handled again when the provider retries it.

    Two deliveries of one event at once: the second blocks on the unique key and then raises
    ``IntegrityError`` at the flush; its caller rolls back and treats the event as seen.
    """
    exists = session.scalar(
        select(PaymentEvent.id).where(
            PaymentEvent.provider == provider, PaymentEvent.event_id == event_id
        )
    )
    if exists is not None:
        return False
    session.add(PaymentEvent(provider=provider, event_id=event_id, received_at=now))
    session.flush()
    return True


def for_user(session: Session, user_id: int) -> list[PaymentView]:
    """A user's payments, newest first (for /mis_datos)."""
    rows = session.scalars(
        select(PaymentRow).where(PaymentRow.user_id == user_id).order_by(PaymentRow.id.desc())
    )
    return [_view(row) for row in rows]


def recent(session: Session, *, limit: int = 100, before: int | None = None) -> list[PaymentView]:
    """Every payment, newest first (the admin page), ``before`` an id to page back."""
    query = select(PaymentRow).order_by(PaymentRow.id.desc()).limit(limit)
    if before is not None:
        query = query.where(PaymentRow.id < before)
    return [_view(row) for row in session.scalars(query)]


def active_grants(session: Session, user_id: int, now: datetime) -> set[str]:
    """What ``user_id`` has now: the ``grants`` of entitlements started, not ended nor revoked."""
    rows = session.scalars(
        select(Entitlement.grants).where(
            Entitlement.user_id == user_id,
            Entitlement.starts_at <= now,
            Entitlement.revoked_at.is_(None),
            or_(Entitlement.ends_at.is_(None), Entitlement.ends_at > now),
        )
    )
    return set(rows)
