"""Small writes on chat identities: broadcast opt-out, unlinking, and the terminal's local user."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.conversations import SqlConversationStore, find_identity
from db.models import User


def set_opt_out(
    session: Session, *, channel: str, chat_id: str, opted_out: bool, now: datetime
) -> None:
    identity = SqlConversationStore(session, now=now).ensure_identity(channel, chat_id)
    identity.opted_out = opted_out
    session.flush()


def unlink(session: Session, *, channel: str, chat_id: str) -> None:
    identity = find_identity(session, channel, chat_id)
    if identity is not None:
        identity.user_id = None
        identity.linked_at = None
        session.flush()


def ensure_linked_user(
    session: Session, *, channel: str, chat_id: str, sub: str, username: str, now: datetime
) -> int:
    """A user linked to this chat (the terminal's "local" user); created when missing."""
    user = session.scalar(select(User).where(User.cognito_sub == sub))
    if user is None:
        user = User(cognito_sub=sub, username=username, role="user", created_at=now)
        session.add(user)
        session.flush()
    identity = SqlConversationStore(session, now=now).ensure_identity(channel, chat_id)
    if identity.user_id != user.id:
        identity.user_id = user.id
        identity.linked_at = now
    session.flush()
    return user.id
