"""The admin pages' records: the audit log (``admin_actions``), server-side sessions and the
one-time login states. No message bodies (the detail holds counts and choices); session ids and
states are stored only as SHA-256 hashes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, String, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from db.base import MYSQL_TABLE, Base, JSONText, UTCDateTime
from db.links import AccountClaims, hash_secret, upsert_user
from db.models import User

ADMIN_ROLE = "admin"


class AdminAction(Base):
    """The audit log: who did what to which broadcast, and when (no message bodies)."""

    __tablename__ = "admin_actions"
    __table_args__ = (MYSQL_TABLE,)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    actor: Mapped[str] = mapped_column(String(320))
    # The Cognito ``sub``: an e-mail can change hands, the sub never does.
    actor_sub: Mapped[str | None] = mapped_column(String(64), default=None)
    action: Mapped[str] = mapped_column(String(32))
    broadcast_id: Mapped[int | None] = mapped_column(Integer, index=True)
    detail: Mapped[dict[str, Any]] = mapped_column(JSONText())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class AdminSessionRow(Base):
    """One signed-in admin browser; the cookie holds the id, this table only its hash."""

    __tablename__ = "admin_sessions"
    __table_args__ = (MYSQL_TABLE,)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    # The ID token's groups at login, space-separated ("admins abogados"): which pages it opens.
    groups: Mapped[str] = mapped_column(String(255), default="", server_default="")


class AdminLoginState(Base):
    """A login ``state`` already presented at the callback: each is good for one token call."""

    __tablename__ = "admin_login_states"
    __table_args__ = (MYSQL_TABLE,)

    state_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


@dataclass(frozen=True, slots=True)
class AdminIdentity:
    """Who holds a live admin session."""

    sub: str
    email: str
    groups: tuple[str, ...] = ()


def record_action(
    session: Session,
    *,
    actor: str,
    action: str,
    now: datetime,
    actor_sub: str | None = None,
    broadcast_id: int | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    session.add(
        AdminAction(
            actor=actor[:320],
            actor_sub=actor_sub[:64] if actor_sub else None,
            action=action[:32],
            broadcast_id=broadcast_id,
            detail=dict(detail or {}),
            created_at=now,
        )
    )
    session.flush()


def admin_actions(session: Session, *, limit: int = 100) -> list[tuple[str, str, int | None]]:
    """(actor, action, broadcast id), newest first."""
    rows = session.execute(
        select(AdminAction.actor, AdminAction.action, AdminAction.broadcast_id)
        .order_by(AdminAction.id.desc())
        .limit(limit)
    ).all()
    return [(str(a), str(b), c) for a, b, c in rows]


def consume_login_state(
    sessions: sessionmaker[Session], state: str, *, expires_at: datetime, now: datetime
) -> bool:
    """True the first time this ``state`` is presented; a replay, even a concurrent one, gets
    False (the primary key decides). Its own transaction, committed before any token call."""
    try:
        with sessions.begin() as session:
            session.execute(delete(AdminLoginState).where(AdminLoginState.expires_at < now))
            session.add(AdminLoginState(state_hash=hash_secret(state), expires_at=expires_at))
    except IntegrityError:
        return False
    return True


def open_session(
    session: Session,
    session_id: str,
    *,
    claims: AccountClaims,
    now: datetime,
    expires_at: datetime,
    groups: tuple[str, ...] = (),
) -> None:
    """Upsert the admin as an app user (role from the ID token) and store the session's hash
    with the token's groups (``find_session(group=...)`` checks them)."""
    session.execute(delete(AdminSessionRow).where(AdminSessionRow.expires_at < now))
    user = upsert_user(session, claims, now=now)
    session.add(
        AdminSessionRow(
            session_hash=hash_secret(session_id),
            user_id=user.id,
            created_at=now,
            expires_at=expires_at,
            groups=" ".join(groups)[:255],
        )
    )
    session.flush()


def find_session(
    session: Session, session_id: str, *, now: datetime, group: str | None = None
) -> AdminIdentity | None:
    """The live session's admin; None when unknown, expired, or its user is no admin now.
    With ``group`` (e.g. "abogados"): the session's token must have carried that group instead;
    ``end_sessions_of`` ends it when the person leaves the group."""
    query = (
        select(User.cognito_sub, User.email, AdminSessionRow.groups)
        .join(AdminSessionRow, AdminSessionRow.user_id == User.id)
        .where(
            AdminSessionRow.session_hash == hash_secret(session_id),
            AdminSessionRow.expires_at > now,
        )
    )
    if group is None:
        query = query.where(User.role == ADMIN_ROLE)
    row = session.execute(query).first()
    if row is None:
        return None
    groups = tuple(str(row[2] or "").split())
    if group is not None and group not in groups:
        return None
    return AdminIdentity(str(row[0]), str(row[1] or ""), groups)


def end_session(session: Session, session_id: str) -> int:
    result = session.execute(
        delete(AdminSessionRow).where(AdminSessionRow.session_hash == hash_secret(session_id))
    )
    return int(getattr(result, "rowcount", 0) or 0)


def end_sessions_of(session: Session, *, sub: str) -> int:
    """End every session of this user at once (removal from the admins)."""
    users = select(User.id).where(User.cognito_sub == sub)
    result = session.execute(delete(AdminSessionRow).where(AdminSessionRow.user_id.in_(users)))
    return int(getattr(result, "rowcount", 0) or 0)
