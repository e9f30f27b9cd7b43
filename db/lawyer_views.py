"""What a lawyer reads in the inbox: the queue and one request, over ``handoff_requests`` and
``handoff_messages``. Only unclaimed requests and the lawyer's own are reachable; every view is
audited (``db.audit``) in the caller's transaction. Changes are ``db.lawyer_inbox``'s."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from bot.handoff_package import HandoffPackage
from db.audit import record_action
from db.handoff_table import HandoffMessage, HandoffRequest
from db.models import ChatIdentity
from db.notice_table import NoticeRow

QUEUE_LIMIT = 200


@dataclass(frozen=True, slots=True)
class Lawyer:
    """Who acts: the Cognito ``sub`` (what a claim records) and a name for the audit log."""

    sub: str
    actor: str


@dataclass(frozen=True, slots=True)
class QueueItem:
    """One row of the queue: no personal data before the claim."""

    id: int
    status: str
    paid: bool
    created_at: datetime
    claimed_at: datetime | None
    escalated: bool
    mine: bool
    unanswered: int = 0  # the worker's messages since the lawyer last wrote


@dataclass(frozen=True, slots=True)
class Exchange:
    author: str
    kind: str
    text: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class CaseView:
    """A request as one lawyer may see it: the package and messages only once they claimed it."""

    id: int
    status: str
    paid: bool
    channel: str
    created_at: datetime
    claimed_at: datetime | None
    closed_at: datetime | None
    escalated: bool
    mine: bool
    package: HandoffPackage | None
    messages: tuple[Exchange, ...]
    close_note: str | None
    rating: int | None
    # What became of the notices this lawyer's claim, replies and close sent the worker, by
    # state: "sent", "waiting" (WhatsApp: the template went, the text waits), "pending",
    # "failed", "unknown" (may or may not have arrived; never resent).
    delivery: dict[str, int] = field(default_factory=dict)


# The notices a lawyer's actions write (``db.lawyer_inbox``).
LAWYER_NOTICES = ("handoff_claimed", "lawyer_reply", "handoff_closed")


def _delivery(session: Session, identity_id: int, since: datetime | None) -> dict[str, int]:
    if since is None:
        return {}
    rows = session.execute(
        select(NoticeRow.status, NoticeRow.template_sent_at.is_not(None), func.count())
        .where(
            NoticeRow.identity_id == identity_id,
            NoticeRow.kind.in_(LAWYER_NOTICES),
            NoticeRow.created_at >= since,
        )
        .group_by(NoticeRow.status, NoticeRow.template_sent_at.is_not(None))
    ).all()
    found: dict[str, int] = {}
    for status, nudged, n in rows:
        if status == "pending" and nudged:
            key = "waiting"
        else:
            key = "pending" if status == "sending" else status  # sending: a courier has it now
        found[key] = found.get(key, 0) + int(n)
    return found


def _visible(lawyer: Lawyer) -> Any:
    """Unclaimed open requests, and whatever this lawyer claimed (also once closed)."""
    return or_(
        and_(HandoffRequest.status == "open", HandoffRequest.lawyer_sub.is_(None)),
        HandoffRequest.lawyer_sub == lawyer.sub,
    )


def queue(session: Session, lawyer: Lawyer, *, limit: int = QUEUE_LIMIT) -> list[QueueItem]:
    """Unclaimed requests oldest first (first come, first served), then this lawyer's."""
    columns = (
        HandoffRequest.id,
        HandoffRequest.status,
        HandoffRequest.paid,
        HandoffRequest.created_at,
        HandoffRequest.claimed_at,
        HandoffRequest.escalated_at,
        HandoffRequest.lawyer_sub,
    )
    waiting = session.execute(
        select(*columns)
        .where(HandoffRequest.status == "open", HandoffRequest.lawyer_sub.is_(None))
        .order_by(HandoffRequest.created_at, HandoffRequest.id)
        .limit(limit)
    ).all()
    mine = session.execute(
        select(*columns)
        .where(HandoffRequest.lawyer_sub == lawyer.sub)
        .order_by(HandoffRequest.status != "claimed", HandoffRequest.id.desc())
        .limit(limit)
    ).all()
    unanswered = _unanswered(session, [row[0] for row in mine if row[1] == "claimed"])
    return [
        QueueItem(i, s, bool(p), c, cl, e is not None, sub == lawyer.sub, unanswered.get(i, 0))
        for i, s, p, c, cl, e, sub in [*waiting, *mine]
    ]


def _unanswered(session: Session, request_ids: list[int]) -> dict[int, int]:
    """Per request, the worker's messages newer than the lawyer's last one (one query)."""
    if not request_ids:
        return {}
    lawyer = aliased(HandoffMessage)
    last_reply = (
        select(func.max(lawyer.id))
        .where(lawyer.request_id == HandoffMessage.request_id, lawyer.author == "lawyer")
        .scalar_subquery()
    )
    rows = session.execute(
        select(HandoffMessage.request_id, func.count())
        .where(
            HandoffMessage.request_id.in_(request_ids),
            HandoffMessage.author == "worker",
            HandoffMessage.id > func.coalesce(last_reply, 0),
        )
        .group_by(HandoffMessage.request_id)
    ).all()
    return {int(r): int(n) for r, n in rows}


def audit(session: Session, lawyer: Lawyer, action: str, request_id: int, now: datetime) -> None:
    record_action(
        session,
        actor=lawyer.actor,
        actor_sub=lawyer.sub,
        action=action,
        detail={"request_id": request_id},
        now=now,
    )


def view(session: Session, lawyer: Lawyer, request_id: int, *, now: datetime) -> CaseView | None:
    """The request if this lawyer may see it (audited as a view), else None (also audited)."""
    found = session.execute(
        select(HandoffRequest, ChatIdentity.channel)
        .join(ChatIdentity, ChatIdentity.id == HandoffRequest.identity_id)
        .where(HandoffRequest.id == request_id, _visible(lawyer))
    ).first()
    if found is None:
        audit(session, lawyer, "lawyer_view_refused", request_id, now)
        return None
    row, channel = found[0], str(found[1])
    mine = row.lawyer_sub == lawyer.sub
    # A worker who cancelled took their consent back: the lawyer keeps only the request's row.
    shared = mine and row.status != "cancelled"
    exchanges: tuple[Exchange, ...] = ()
    if shared:
        exchanges = tuple(
            Exchange(m.author, m.kind, m.text, m.created_at)
            for m in session.scalars(
                select(HandoffMessage)
                .where(HandoffMessage.request_id == request_id)
                .order_by(HandoffMessage.id)
            )
        )
    audit(session, lawyer, "lawyer_view", request_id, now)
    return CaseView(
        id=row.id,
        status=row.status,
        paid=bool(row.paid),
        channel=channel,
        created_at=row.created_at,
        claimed_at=row.claimed_at,
        closed_at=row.closed_at,
        escalated=row.escalated_at is not None,
        mine=mine,
        package=HandoffPackage.from_json(row.package) if shared else None,
        messages=exchanges,
        close_note=row.close_note if shared else None,
        rating=row.rating if shared else None,
        delivery=_delivery(session, row.identity_id, row.claimed_at) if shared else {},
    )
