"""Forget what is no longer needed: old queue rows, dedupe ledgers, expired login links and codes,
expired admin sessions and used admin login states.

Store the least: each row kind is kept only as long as it does its job (deduplicating a
platform's redeliveries, answering a status callback, letting an operator see a dead letter,
finishing a login). ``abogado db purge`` runs it; production runs it daily (infra/operations.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, delete, or_, select
from sqlalchemy.orm import Session

from db.audit import AdminLoginState, AdminSessionRow
from db.conversations import purge_processed
from db.inbound_table import DEAD, DONE, InboundUpdate
from db.links import LinkCode, LinkToken, PendingLoginRow
from db.models import ChatIdentity, ConversationRow
from db.outbound import OutboundMessage
from db.reminders import purge as purge_reminders


@dataclass(frozen=True)
class Retention:
    """How long each kind of row outlives its use. Platforms redeliver for about a day."""

    done_updates: timedelta = timedelta(days=7)
    dead_letters: timedelta = timedelta(days=30)
    outbound: timedelta = timedelta(days=30)
    processed: timedelta = timedelta(days=7)
    # Expired or used links and codes: a day, so a retried turn still hears "linked".
    links: timedelta = timedelta(days=1)
    # The conversation state of a chat never linked (it may hold a question kept for after
    # linking): a month of silence, then the chat starts over with the welcome.
    anonymous_conversations: timedelta = timedelta(days=30)
    # Deadline reminders sent, skipped, failed or cancelled: a month, to answer "did it go out?".
    reminders: timedelta = timedelta(days=30)


def purge(session: Session, *, now: datetime, keep: Retention | None = None) -> dict[str, int]:
    """Delete what ``keep`` no longer covers; returns the rows deleted per table.

    Never touches a queued or in-flight update, a live link, a user, a case, a message or a
    linked chat's conversation: those belong to the worker or to the user (``/borrar``).
    """
    keep = keep or Retention()
    done = session.execute(
        delete(InboundUpdate).where(
            or_(
                and_(
                    InboundUpdate.status == DONE,
                    InboundUpdate.updated_at < now - keep.done_updates,
                ),
                and_(
                    InboundUpdate.status == DEAD,
                    InboundUpdate.updated_at < now - keep.dead_letters,
                ),
            )
        )
    )
    outbound = session.execute(
        delete(OutboundMessage).where(OutboundMessage.updated_at < now - keep.outbound)
    )
    codes = session.execute(delete(LinkCode).where(LinkCode.expires_at < now - keep.links))
    # A pending login never outlives its token (db/link_pages.py), so this also clears every
    # login of the tokens deleted next.
    logins = session.execute(delete(PendingLoginRow).where(PendingLoginRow.expires_at < now))
    tokens = session.execute(delete(LinkToken).where(LinkToken.expires_at < now - keep.links))
    unlinked = select(ChatIdentity.id).where(ChatIdentity.user_id.is_(None))
    anonymous = session.execute(
        delete(ConversationRow).where(
            ConversationRow.identity_id.in_(unlinked),
            ConversationRow.updated_at < now - keep.anonymous_conversations,
        )
    )
    # Admin pages purge these when they write new ones; a quiet admin site needs this too.
    admin_sessions = session.execute(
        delete(AdminSessionRow).where(AdminSessionRow.expires_at < now)
    )
    admin_states = session.execute(delete(AdminLoginState).where(AdminLoginState.expires_at < now))
    return {
        "inbound_updates": _count(done),
        "outbound_messages": _count(outbound),
        "processed_events": purge_processed(session, before=now - keep.processed),
        "link_tokens": _count(tokens),
        "link_logins": _count(logins),
        "link_codes": _count(codes),
        "anonymous_conversations": _count(anonymous),
        "reminders": purge_reminders(session, before=now - keep.reminders),
        "admin_sessions": _count(admin_sessions),
        "admin_login_states": _count(admin_states),
    }


def _count(result: object) -> int:
    return int(getattr(result, "rowcount", 0) or 0)
