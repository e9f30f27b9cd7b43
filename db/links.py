"""Account linking storage: one-time link tokens, pending logins, six-digit chat codes.

Tokens and codes are stored only as SHA-256 hashes. Redeeming is one atomic UPDATE, so a token
is used once even under concurrent callbacks; a code allows at most ``MAX_TRIES`` guesses.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy import ForeignKey, Integer, String, select, update
from sqlalchemy.dialects.mysql import insert as mysql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, Session, mapped_column
from sqlalchemy.sql import Executable

from bot.effects import LinkOutcome
from bot.messages import Channel
from db.base import MYSQL_TABLE, Base, UTCDateTime
from db.conversations import SqlConversationStore, find_identity
from db.models import User

LINK_TTL = timedelta(minutes=10)
CODE_TTL = timedelta(minutes=10)
MAX_TRIES = 5


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


# What a stored reply says where a login link was: the link itself never reaches the database
# (a replayed turn gets a fresh link in its place, see services.erasure).
REDACTED_LINK = "(ese enlace ya no sirve: escribe vincular y te mando uno nuevo)"
_LINK = re.compile(r"https?://\S+?/link/[A-Za-z0-9_-]+")


def redact_links(text: str) -> str:
    """``text`` with every login link (``https://…/link/<token>``) replaced by ``REDACTED_LINK``."""
    return _LINK.sub(REDACTED_LINK, text)


class AccountClaims(Protocol):
    """What the ID token (or Cognito's trigger event) says about the person."""

    @property
    def sub(self) -> str: ...
    @property
    def username(self) -> str: ...
    @property
    def email(self) -> str | None: ...
    @property
    def is_admin(self) -> bool: ...


def insert_user_if_absent(
    session: Session, *, sub: str, username: str, email: str | None, now: datetime
) -> None:
    """One INSERT that does nothing when the ``sub`` exists: safe under concurrent deliveries."""
    values = {
        "cognito_sub": sub,
        "username": username,
        "email": email,
        "role": "user",
        "created_at": now,
    }
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        stmt: Executable = (
            sqlite_insert(User)
            .values(**values)
            .on_conflict_do_nothing(index_elements=["cognito_sub"])
        )
    elif dialect == "mysql":
        mysql_stmt = mysql_insert(User).values(**values)
        stmt = mysql_stmt.on_duplicate_key_update(cognito_sub=mysql_stmt.inserted.cognito_sub)
    else:
        raise NotImplementedError(f"no idempotent insert for {dialect}")
    session.execute(stmt)


def upsert_user(session: Session, claims: AccountClaims, *, now: datetime) -> User:
    """The user with this Cognito ``sub``, created if new; e-mail, name and role refreshed.

    Cognito's ``admins`` group is the source of truth for the role.
    """
    insert_user_if_absent(
        session, sub=claims.sub, username=claims.username, email=claims.email, now=now
    )
    user = session.scalars(select(User).where(User.cognito_sub == claims.sub)).one()
    user.username = claims.username
    if claims.email:
        user.email = claims.email
    user.role = "admin" if claims.is_admin else "user"
    session.flush()
    return user


class LinkToken(Base):
    __tablename__ = "link_tokens"
    __table_args__ = (MYSQL_TABLE,)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    identity_id: Mapped[int] = mapped_column(
        ForeignKey("chat_identities.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


class PendingLoginRow(Base):
    """Between ``POST /link/{token}`` and the callback: PKCE verifier and nonce, server-side."""

    __tablename__ = "link_logins"
    __table_args__ = (MYSQL_TABLE,)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    state_hash: Mapped[str] = mapped_column(String(64), unique=True)
    browser_hash: Mapped[str] = mapped_column(String(64))
    link_token_id: Mapped[int] = mapped_column(
        ForeignKey("link_tokens.id", ondelete="CASCADE"), index=True
    )
    code_verifier: Mapped[str] = mapped_column(String(128))
    nonce: Mapped[str] = mapped_column(String(128))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())


class LinkCode(Base):
    """The six-digit code shown after login; it links only the chat the link was minted for."""

    __tablename__ = "link_codes"
    __table_args__ = (MYSQL_TABLE,)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    identity_id: Mapped[int] = mapped_column(
        ForeignKey("chat_identities.id", ondelete="CASCADE"), unique=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    salt: Mapped[str] = mapped_column(String(32))
    tries: Mapped[int] = mapped_column(Integer, default=0)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


class SqlLinks:
    """Login links and chat codes on the turn's session: the writes commit with the turn's
    other writes or not at all (a rerun after a conflict mints its link again, once).

    ``public_url`` None: linking is not configured, ``issue_link`` gives None.
    """

    def __init__(self, session: Session, *, now: datetime, public_url: str | None) -> None:
        self._session = session
        self._now = now
        self._base = public_url.rstrip("/") if public_url else None

    def issue_link(self, *, channel: Channel, chat_id: str) -> str | None:
        """A new link for this chat; every earlier unused one stops working."""
        if self._base is None:
            return None
        token = secrets.token_urlsafe(32)
        now = self._now
        identity = SqlConversationStore(self._session, now=now).ensure_identity(channel, chat_id)
        self._session.execute(
            update(LinkToken)
            .where(
                LinkToken.identity_id == identity.id,
                LinkToken.used_at.is_(None),
                LinkToken.revoked_at.is_(None),
            )
            .values(revoked_at=now)
            .execution_options(synchronize_session=False)
        )
        self._session.add(
            LinkToken(
                token_hash=hash_secret(token),
                identity_id=identity.id,
                created_at=now,
                expires_at=now + LINK_TTL,
            )
        )
        self._session.flush()
        return f"{self._base}/link/{token}"

    def confirm_code(self, *, channel: Channel, chat_id: str, code: str) -> LinkOutcome:
        """Link this chat when ``code`` is the one shown after a login that started here.

        A confirmed code is kept (``used_at``) so the same code typed again still hears
        "linked" rather than "expired".
        """
        session, now = self._session, self._now
        identity = find_identity(session, channel, chat_id)
        if identity is None:
            return "expired"
        row = session.scalar(select(LinkCode).where(LinkCode.identity_id == identity.id))
        if row is None or (row.used_at is None and row.expires_at <= now):
            if row is not None:
                session.delete(row)
            return "expired"
        # Count the guess before comparing it, so concurrent guesses cannot exceed MAX_TRIES.
        counted = session.execute(
            update(LinkCode)
            .where(LinkCode.id == row.id, LinkCode.tries < MAX_TRIES)
            .values(tries=LinkCode.tries + 1)
            .execution_options(synchronize_session=False)
        )
        if counted.rowcount != 1:  # type: ignore[attr-defined]  # CursorResult for UPDATE
            session.delete(row)
            return "too_many"
        right = hmac.compare_digest(row.code_hash, hash_secret(row.salt + code.strip()))
        if row.used_at is not None:
            return "linked" if right and identity.user_id == row.user_id else "expired"
        if not right:
            session.refresh(row)
            if row.tries >= MAX_TRIES:
                session.delete(row)
                return "too_many"
            return "wrong"
        identity.user_id = row.user_id
        identity.linked_at = now
        row.used_at = now
        session.flush()
        return "linked"


class SqlAccountLinker:
    """``SqlLinks`` in a transaction of its own per call, for callers outside a turn (the link
    pages' tests mint tokens with it). The turn never uses it: its link writes go through the
    turn's unit of work (``db.unit_of_work``); ``public_url`` is what the runner reads from it.
    """

    def __init__(
        self, *, sessions: Callable[[], Session], public_url: str, now: Callable[[], datetime]
    ) -> None:
        self._sessions = sessions
        self.public_url = public_url
        self._now = now

    def issue_link(self, *, channel: Channel, chat_id: str) -> str:
        """A new link for this chat; every earlier unused one stops working."""
        with self._sessions() as session, session.begin():
            url = self._links(session).issue_link(channel=channel, chat_id=chat_id)
        if url is None:  # an empty public_url
            raise ValueError("SqlAccountLinker needs a public URL")
        return url

    def confirm_code(self, *, channel: Channel, chat_id: str, code: str) -> LinkOutcome:
        """Link this chat when ``code`` is the one shown after a login that started here."""
        with self._sessions() as session, session.begin():
            return self._links(session).confirm_code(channel=channel, chat_id=chat_id, code=code)

    def _links(self, session: Session) -> SqlLinks:
        return SqlLinks(session, now=self._now(), public_url=self.public_url)
