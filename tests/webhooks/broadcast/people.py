"""Seeds chat identities, users and cases straight into a migrated database for broadcast tests."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import insert
from sqlalchemy.orm import Session, sessionmaker

from db.models import CaseRow, ChatIdentity, User

NOW = datetime(2026, 5, 4, 15, 0, tzinfo=UTC)


def add_identities(
    sessions: sessionmaker[Session],
    channel: str,
    count: int,
    *,
    start: int = 1000,
    last_inbound_at: datetime | None = NOW - timedelta(hours=1),
    opted_out: bool = False,
    blocked: bool = False,
) -> list[str]:
    """``count`` chats on ``channel``; returns their external ids (Telegram chat ids or phones)."""
    ids = [
        str(start + i) if channel == "telegram" else f"+5215500{start + i:06d}"
        for i in range(count)
    ]
    rows = [
        {
            "channel": channel,
            "external_id": external,
            "user_id": None,
            "linked_at": None,
            "opted_out": opted_out,
            "blocked": blocked,
            "last_inbound_at": last_inbound_at,
            "anonymous_questions_used": 0,
            "created_at": NOW - timedelta(days=30),
        }
        for external in ids
    ]
    with sessions.begin() as session:
        for chunk in range(0, len(rows), 500):
            session.execute(insert(ChatIdentity), rows[chunk : chunk + 500])
    return ids


def link_user(
    sessions: sessionmaker[Session],
    channel: str,
    external_id: str,
    *,
    sub: str,
    topic: str | None = None,
    case_status: str = "abierto",
) -> int:
    """Link the chat to a new user; with ``topic``, give that user one case on it."""
    with sessions.begin() as session:
        user = User(cognito_sub=sub, username=sub, email=None, role="user", created_at=NOW)
        session.add(user)
        session.flush()
        identity = (
            session.query(ChatIdentity).filter_by(channel=channel, external_id=external_id).one()
        )
        identity.user_id = user.id
        identity.linked_at = NOW
        if topic is not None:
            session.add(
                CaseRow(
                    user_id=user.id,
                    number=1,
                    topic=topic,
                    status=case_status,
                    opened_on=date(2026, 5, 1),
                    created_at=NOW,
                    updated_at=NOW,
                )
            )
        return user.id


def set_flags(
    sessions: sessionmaker[Session], channel: str, external_id: str, **flags: object
) -> None:
    with sessions.begin() as session:
        identity = (
            session.query(ChatIdentity).filter_by(channel=channel, external_id=external_id).one()
        )
        for name, value in flags.items():
            setattr(identity, name, value)
