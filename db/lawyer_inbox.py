"""The lawyer's changes to ``handoff_requests``: an atomic claim, replies, document requests and
closing. A lawyer changes only requests they claimed; each change is audited (``db.audit``) and
each word for the worker is a ``notices`` row, all in the caller's one transaction. What a
lawyer reads (the queue, a request) is ``db.lawyer_views``; the worker's side is
``db.handoffs``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from bot import lawyer_wording as wording
from db import notices
from db.handoff_table import HandoffMessage, HandoffRequest
from db.lawyer_views import CaseView, Lawyer, QueueItem, queue, view
from db.lawyer_views import audit as _audit

# The views are re-exported: the inbox routes use one module for the lawyer's side.
__all__ = [
    "CaseView",
    "Lawyer",
    "QueueItem",
    "ask_document",
    "claim",
    "close",
    "queue",
    "reply",
    "view",
]

# The WhatsApp template kind ("Tu abogado te respondió: escribe VER") for the courier.
HANDOFF_TEMPLATE = "handoff"
MAX_REPLY_CHARS = 1400  # the notice adds a line or two and must stay under WhatsApp's 1,600
MAX_NOTE_CHARS = 1000
MAX_DETAIL_CHARS = 300


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
