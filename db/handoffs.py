"""A worker's requests for a lawyer, the worker's side: the case package, consent and opening,
forwarding, cancel, rating, the payment's outcome (``mark_paid``, ``cancel_unpaid``), and the
``HandoffView`` the conversation loads. The lawyer's side is ``db.lawyer_inbox``.

Functions take the caller's session and never commit. Opening is idempotent per chat: while a
request is active another consent finds it instead of making a second package.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session

from bot import handoff_wording as words
from bot.conversation import Case, HandoffView
from bot.effects import CancelOutcome
from bot.handoff_package import HandoffPackage
from db import notice_delivery, notices
from db.handoff_packages import case_id_of, package
from db.handoff_table import HandoffMessage, HandoffRequest

ACTIVE = ("awaiting_payment", "open", "claimed")
# A closed request is asked for its rating only this long after it was closed.
RATING_WINDOW = timedelta(days=14)


def _view(row: HandoffRequest) -> HandoffView:
    return HandoffView(
        id=row.id,
        status=row.status,
        paid=bool(row.paid),
        rating=row.rating,
        notified_forwarding=bool(row.notified_forwarding),
    )


def view_for(session: Session, identity_id: int, *, now: datetime) -> HandoffView | None:
    """The chat's request the conversation must know about: the active one, else one closed
    lately and not rated (one query: a chat has at most one active request, the newest)."""
    unrated = and_(
        HandoffRequest.status == "closed",
        HandoffRequest.rating.is_(None),
        HandoffRequest.closed_at >= now - RATING_WINDOW,
    )
    row = session.scalars(
        select(HandoffRequest)
        .where(
            HandoffRequest.identity_id == identity_id,
            or_(HandoffRequest.status.in_(ACTIVE), unrated),
        )
        .order_by(HandoffRequest.id.desc())
        .limit(1)
    ).first()
    return _view(row) if row is not None else None


def open_request(
    session: Session,
    *,
    user_id: int,
    identity_id: int,
    case: Case | None,
    consent_text: str,
    digest: str,
    paid: bool,
    today: date,
    now: datetime,
) -> tuple[HandoffView | HandoffPackage, bool]:
    """Record consent and the frozen package; ``(view, existed)``. An active request of this
    chat is returned as it is (``existed`` True unless it holds this very package: a retried
    turn). When the package is no longer the one consented to, ``(package, False)``: ask
    again."""
    current = session.scalars(
        select(HandoffRequest)
        .where(HandoffRequest.identity_id == identity_id, HandoffRequest.status.in_(ACTIVE))
        .order_by(HandoffRequest.id.desc())
        .limit(1)
    ).first()
    if current is not None:
        same = HandoffPackage.from_json(current.package).digest == digest
        return _view(current), not same
    built = package(session, user_id=user_id, case=case, today=today)
    if built.digest != digest:
        return built, False
    row = HandoffRequest(
        user_id=user_id,
        identity_id=identity_id,
        case_id=case_id_of(session, user_id, case.number if case else None),
        status="awaiting_payment" if paid else "open",
        paid=False,
        consent_text=consent_text,
        consented_at=now,
        package=built.as_json(),
        created_at=now,
        updated_at=now,
        notified_forwarding=False,
    )
    session.add(row)
    session.flush()
    return _view(row), False


def _message(session: Session, request_id: int, *, author: str, text: str, now: datetime) -> None:
    session.add(
        HandoffMessage(request_id=request_id, author=author, kind="text", text=text, created_at=now)
    )


def forward(
    session: Session, *, request_id: int, identity_id: int, text: str, first: bool, now: datetime
) -> bool:
    """The worker's message for the lawyer, if the request is still open or claimed."""
    row = session.get(HandoffRequest, request_id)
    if row is None or row.identity_id != identity_id or row.status not in ("open", "claimed"):
        return False
    _message(session, request_id, author="worker", text=text, now=now)
    row.updated_at = now
    if first:
        row.notified_forwarding = True
    session.flush()
    return True


def cancel(
    session: Session, *, request_id: int, identity_id: int, now: datetime
) -> CancelOutcome | None:
    """The worker cancelled (``/cancelar``): the lawyer sees a system message. What becomes of
    the payment, read under the row's lock (a lawyer's claim at the same moment is seen):
    "refund" (paid, never claimed: the sweep refunds it), "kept" (paid and claimed), "unpaid"
    (awaiting payment: a payment that still arrives is refunded), "free"; None if not active."""
    row = session.get(HandoffRequest, request_id, with_for_update=True, populate_existing=True)
    if row is None or row.identity_id != identity_id or row.status not in ACTIVE:
        return None
    outcome: CancelOutcome = (
        "unpaid"
        if row.status == "awaiting_payment"
        else "free"
        if not row.paid
        else "kept"
        if row.lawyer_sub is not None or row.claimed_at is not None
        else "refund"
    )
    row.status = "cancelled"
    row.updated_at = now
    _message(session, request_id, author="system", text=words.SYSTEM_CANCELLED, now=now)
    session.flush()
    return outcome


def rate(
    session: Session, *, request_id: int, identity_id: int, rating: int, now: datetime
) -> bool:
    """Store the 1-5 rating once, for a closed request of this chat."""
    if not 1 <= rating <= 5:
        return False
    moved = session.execute(
        update(HandoffRequest)
        .where(
            HandoffRequest.id == request_id,
            HandoffRequest.identity_id == identity_id,
            HandoffRequest.status == "closed",
            HandoffRequest.rating.is_(None),
        )
        .values(rating=rating, rated_at=now, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    return bool(moved.rowcount == 1)  # type: ignore[attr-defined]


def mark_paid(session: Session, *, request_id: int, payment_id: int, now: datetime) -> bool:
    """awaiting_payment → open once its payment is verified; the worker gets a notice.
    Idempotent: a replayed payment event changes nothing."""
    values = {"status": "open", "paid": True, "payment_id": payment_id}
    return _settle(session, request_id, values, "payment_paid", words.PAID, now=now)


def cancel_unpaid(session: Session, *, request_id: int, now: datetime) -> bool:
    """The payment failed or expired (an OXXO voucher not paid in time): the request is
    cancelled and the worker is told how to ask again."""
    values = {"status": "cancelled"}
    return _settle(session, request_id, values, "payment_failed", words.UNPAID, now=now)


def _settle(
    session: Session,
    request_id: int,
    values: Mapping[str, object],
    kind: str,
    text: str,
    *,
    now: datetime,
) -> bool:
    moved = session.execute(
        update(HandoffRequest)
        .where(HandoffRequest.id == request_id, HandoffRequest.status == "awaiting_payment")
        .values(**values, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if moved.rowcount != 1:  # type: ignore[attr-defined]  # CursorResult for UPDATE
        return False
    identity_id = session.scalar(
        select(HandoffRequest.identity_id).where(HandoffRequest.id == request_id)
    )
    if identity_id is not None:
        notices.enqueue(session, identity_id=identity_id, kind=kind, text=text, now=now)
    return True


def for_user(
    session: Session, user_id: int
) -> tuple[tuple[str, date, date | None, int | None], ...]:
    """For ``/mis_datos``: each request's status, dates and rating (never the lawyer)."""
    rows = session.execute(
        select(
            HandoffRequest.status,
            HandoffRequest.created_at,
            HandoffRequest.closed_at,
            HandoffRequest.rating,
        )
        .where(HandoffRequest.user_id == user_id)
        .order_by(HandoffRequest.id)
    ).all()
    return tuple(
        (status, created.date(), closed.date() if closed else None, rating)
        for status, created, closed, rating in rows
    )


class SqlHandoffs:
    """The turn's side of requests for a lawyer, on its session (``services.unit_of_work``)."""

    def __init__(self, session: Session, *, now: datetime) -> None:
        self._session = session
        self._now = now

    def view_for(self, identity_id: int) -> HandoffView | None:
        return view_for(self._session, identity_id, now=self._now)

    def waiting_notices(self, identity_id: int) -> int:
        return notice_delivery.waiting(self._session, identity_id)

    def package(self, *, user_id: int, case: Case | None, today: date) -> HandoffPackage:
        return package(self._session, user_id=user_id, case=case, today=today)

    def open(
        self,
        *,
        user_id: int,
        identity_id: int,
        case: Case | None,
        consent_text: str,
        digest: str,
        paid: bool,
        today: date,
    ) -> tuple[HandoffView | HandoffPackage, bool]:
        return open_request(
            self._session,
            user_id=user_id,
            identity_id=identity_id,
            case=case,
            consent_text=consent_text,
            digest=digest,
            paid=paid,
            today=today,
            now=self._now,
        )

    def forward(self, *, request_id: int, identity_id: int, text: str, first: bool) -> bool:
        return forward(
            self._session,
            request_id=request_id,
            identity_id=identity_id,
            text=text,
            first=first,
            now=self._now,
        )

    def cancel(self, *, request_id: int, identity_id: int) -> CancelOutcome | None:
        return cancel(self._session, request_id=request_id, identity_id=identity_id, now=self._now)

    def rate(self, *, request_id: int, identity_id: int, rating: int) -> bool:
        return rate(
            self._session,
            request_id=request_id,
            identity_id=identity_id,
            rating=rating,
            now=self._now,
        )
