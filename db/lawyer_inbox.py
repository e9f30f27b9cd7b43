"""The lawyer's side of ``handoff_requests``: the queue, an atomic claim, reading one case, replies,
document requests and closing. A lawyer reaches only unclaimed requests and their own; each
view and change is audited (``db.audit``) and each word for the worker is a ``notices`` row, all
in the caller's one transaction. The worker's side is ``db.handoffs``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import CursorResult, and_, or_, select, update
from sqlalchemy.orm import Session

from bot import lawyer_wording as wording
from bot.handoff_package import HandoffPackage
from db import notices
from db.audit import record_action
from db.handoff_table import HandoffMessage, HandoffRequest
from db.models import ChatIdentity

# The WhatsApp template kind ("Tu abogado te respondió: escribe VER") for the courier.
HANDOFF_TEMPLATE = "handoff"
MAX_REPLY_CHARS = 1400  # the notice adds a line or two and must stay under WhatsApp's 1,600
MAX_NOTE_CHARS = 1000
MAX_DETAIL_CHARS = 300
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
    return [
        QueueItem(i, s, bool(p), c, cl, e is not None, sub == lawyer.sub)
        for i, s, p, c, cl, e, sub in [*waiting, *mine]
    ]


def _audit(session: Session, lawyer: Lawyer, action: str, request_id: int, now: datetime) -> None:
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
        _audit(session, lawyer, "lawyer_view_refused", request_id, now)
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
    _audit(session, lawyer, "lawyer_view", request_id, now)
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
    )


def _changed(result: Any) -> bool:
    return isinstance(result, CursorResult) and result.rowcount == 1


def _identity(session: Session, request_id: int) -> int:
    found = session.scalar(
        select(HandoffRequest.identity_id).where(HandoffRequest.id == request_id)
    )
    if found is None:  # only called after an UPDATE matched this id in the same transaction
        raise LookupError(f"handoff request {request_id} vanished")
    return int(found)


def claim(session: Session, lawyer: Lawyer, request_id: int, *, now: datetime) -> bool:
    """open and unclaimed → claimed by this lawyer. One conditional UPDATE decides: of two
    lawyers claiming at once, exactly one gets True; the worker is told once."""
    won = _changed(
        session.execute(
            update(HandoffRequest)
            .where(
                HandoffRequest.id == request_id,
                HandoffRequest.status == "open",
                HandoffRequest.lawyer_sub.is_(None),
            )
            .values(status="claimed", lawyer_sub=lawyer.sub, claimed_at=now, updated_at=now)
            .execution_options(synchronize_session=False)
        )
    )
    if won:
        notices.enqueue(
            session,
            identity_id=_identity(session, request_id),
            kind="handoff_claimed",
            text=wording.CLAIMED,
            now=now,
        )
    _audit(session, lawyer, "lawyer_claim" if won else "lawyer_claim_lost", request_id, now)
    return won


def _own_claimed(session: Session, lawyer: Lawyer, request_id: int, now: datetime) -> bool:
    """Touch the request if it is claimed by this lawyer and still claimed (locks the row)."""
    return _changed(
        session.execute(
            update(HandoffRequest)
            .where(
                HandoffRequest.id == request_id,
                HandoffRequest.status == "claimed",
                HandoffRequest.lawyer_sub == lawyer.sub,
            )
            .values(updated_at=now)
            .execution_options(synchronize_session=False)
        )
    )


def _say(
    session: Session,
    request_id: int,
    *,
    kind: str,
    stored: str,
    notice_kind: str,
    notice: str,
    now: datetime,
) -> None:
    session.add(
        HandoffMessage(
            request_id=request_id, author="lawyer", kind=kind, text=stored, created_at=now
        )
    )
    notices.enqueue(
        session,
        identity_id=_identity(session, request_id),
        kind=notice_kind,
        text=notice,
        whatsapp_template=HANDOFF_TEMPLATE,
        now=now,
    )


def reply(session: Session, lawyer: Lawyer, request_id: int, text: str, *, now: datetime) -> bool:
    """Store the lawyer's reply and its notice for the worker (same transaction); False when the
    request is not this lawyer's claimed one. ``text`` is already checked (length, not blank)."""
    if not _own_claimed(session, lawyer, request_id, now):
        _audit(session, lawyer, "lawyer_reply_refused", request_id, now)
        return False
    body = text.strip()
    _say(
        session,
        request_id,
        kind="text",
        stored=body,
        notice_kind="lawyer_reply",
        notice=wording.reply(body),
        now=now,
    )
    _audit(session, lawyer, "lawyer_reply", request_id, now)
    return True


def ask_document(
    session: Session, lawyer: Lawyer, request_id: int, *, document: str, detail: str, now: datetime
) -> bool:
    """A reply of kind ``document_request`` with the fixed text for ``document``."""
    text = wording.document_request(document, detail[:MAX_DETAIL_CHARS])
    if text is None or not _own_claimed(session, lawyer, request_id, now):
        _audit(session, lawyer, "lawyer_document_refused", request_id, now)
        return False
    _say(
        session,
        request_id,
        kind="document_request",
        stored=text,
        notice_kind="lawyer_reply",
        notice=text,
        now=now,
    )
    _audit(session, lawyer, "lawyer_document", request_id, now)
    return True


def close(session: Session, lawyer: Lawyer, request_id: int, note: str, *, now: datetime) -> bool:
    """claimed by this lawyer → closed with the note; the worker is told and asked to rate."""
    closed = _changed(
        session.execute(
            update(HandoffRequest)
            .where(
                HandoffRequest.id == request_id,
                HandoffRequest.status == "claimed",
                HandoffRequest.lawyer_sub == lawyer.sub,
            )
            .values(status="closed", closed_at=now, updated_at=now, close_note=note.strip())
            .execution_options(synchronize_session=False)
        )
    )
    if not closed:
        _audit(session, lawyer, "lawyer_close_refused", request_id, now)
        return False
    _say(
        session,
        request_id,
        kind="close",
        stored=note.strip(),
        notice_kind="handoff_closed",
        notice=wording.closed(note),
        now=now,
    )
    _audit(session, lawyer, "lawyer_close", request_id, now)
    return True
