"""Small writes on chat identities: broadcast opt-out, unlinking (the one path: ``/desvincular``
in a turn and any caller outside one), and the terminal's local user."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from db.conversations import SqlConversationStore, find_identity
from db.links import LinkCode
from db.models import User


class SqlChats:
    """A chat identity's own switches, on the caller's session (a turn's unit of work)."""

    def __init__(self, session: Session, *, now: datetime) -> None:
        self._session = session
        self._now = now

    def set_opt_out(self, *, channel: str, chat_id: str, opted_out: bool) -> None:
        identity = SqlConversationStore(self._session, now=self._now).ensure_identity(
            channel, chat_id
        )
        identity.opted_out = opted_out
        self._session.flush()

    def unlink(self, *, channel: str, chat_id: str) -> None:
        unlink(self._session, channel=channel, chat_id=chat_id)


def unlink(session: Session, *, channel: str, chat_id: str) -> None:
    """Detach this chat from its account (the account and its cases stay) and drop a code
    still waiting to be typed, so it cannot link the chat again."""
    identity = find_identity(session, channel, chat_id)
    if identity is None:
        return
    identity.user_id = None
    identity.linked_at = None
    session.execute(delete(LinkCode).where(LinkCode.identity_id == identity.id))
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
