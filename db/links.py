"""Account linking storage: one-time link tokens, pending logins, six-digit chat codes.

Tokens and codes are stored only as SHA-256 hashes. Redeeming is one atomic UPDATE, so a token
is used once even under concurrent callbacks; a code allows at most ``MAX_TRIES`` guesses.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal, Protocol

from sqlalchemy import ForeignKey, Integer, String, delete, select, update
from sqlalchemy.dialects.mysql import insert as mysql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, Session, mapped_column
from sqlalchemy.sql import Executable

from bot.effects import LinkOutcome
from bot.messages import Channel
from db.base import MYSQL_TABLE, Base, UTCDateTime
from db.conversations import SqlConversationStore, find_identity
from db.models import ChatIdentity, User

LINK_TTL = timedelta(minutes=10)
CODE_TTL = timedelta(minutes=10)
MAX_TRIES = 5
LinkState = Literal["ok", "unknown", "expired", "used", "replaced"]


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


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


@dataclass(frozen=True, slots=True)
class LinkView:
    state: LinkState
    channel: str = ""
    chat_hint: str = ""


@dataclass(frozen=True, slots=True)
class PendingLogin:
    link_token_id: int
    code_verifier: str
    nonce: str


@dataclass(frozen=True, slots=True)
class LoginResult:
    state: LinkState
    code: str | None = None


def chat_hint(channel: str, chat_id: str) -> str:
    """Enough of the chat to recognise it, never the whole number."""
    tail = "".join(ch for ch in chat_id if ch.isdigit())[-4:] or chat_id[-3:]
    if channel == "whatsapp":
        return f"número terminado en {tail}"
    return f"chat terminado en {tail}"


class SqlAccountLinker:
    """``bot.ports.AccountLinker`` for the turn runner; each call is its own short transaction.

    A confirmed code is kept (``used_at``) so a turn retried after a conflict that types the same
    code again still hears "linked" rather than "expired".
    """

    def __init__(
        self, *, sessions: Callable[[], Session], public_url: str, now: Callable[[], datetime]
    ) -> None:
        self._sessions = sessions
        self._base = public_url.rstrip("/")
        self._now = now

    def issue_link(self, *, channel: Channel, chat_id: str) -> str:
        """A new link for this chat; every earlier unused one stops working."""
        token = secrets.token_urlsafe(32)
        now = self._now()
        with self._sessions() as session, session.begin():
            identity = SqlConversationStore(session, now=now).ensure_identity(channel, chat_id)
            session.execute(
                update(LinkToken)
                .where(
                    LinkToken.identity_id == identity.id,
                    LinkToken.used_at.is_(None),
                    LinkToken.revoked_at.is_(None),
                )
                .values(revoked_at=now)
                .execution_options(synchronize_session=False)
            )
            session.add(
                LinkToken(
                    token_hash=_hash(token),
                    identity_id=identity.id,
                    created_at=now,
                    expires_at=now + LINK_TTL,
                )
            )
        return f"{self._base}/link/{token}"

    def confirm_code(self, *, channel: Channel, chat_id: str, code: str) -> LinkOutcome:
        """Link this chat when ``code`` is the one shown after a login that started here."""
        now = self._now()
        with self._sessions() as session, session.begin():
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
            right = hmac.compare_digest(row.code_hash, _hash(row.salt + code.strip()))
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
        return "linked"

    def unlink(self, *, channel: Channel, chat_id: str) -> None:
        """Detach this chat from its account; the account and its cases stay."""
        with self._sessions() as session, session.begin():
            identity = find_identity(session, channel, chat_id)
            if identity is None:
                return
            identity.user_id = None
            identity.linked_at = None
            session.execute(delete(LinkCode).where(LinkCode.identity_id == identity.id))


class SqlLinkPages:
    """``webhooks.auth.routes.LinkPages``: each call is its own short transaction."""

    def __init__(self, *, sessions: Callable[[], Session]) -> None:
        self._sessions = sessions

    # --- the web pages' side (webhooks.auth.routes.LinkPages) ----------------------------

    def view(self, token: str, *, now: datetime) -> LinkView:
        with self._sessions() as session:
            return self._view(session, token, now)[0]

    def _view(
        self, session: Session, token: str, now: datetime
    ) -> tuple[LinkView, LinkToken | None]:
        row = session.scalar(select(LinkToken).where(LinkToken.token_hash == _hash(token)))
        if row is None:
            return LinkView("unknown"), None
        identity = session.get_one(ChatIdentity, row.identity_id)
        hint = chat_hint(identity.channel, identity.external_id)
        state: LinkState = "ok"
        if row.used_at is not None:
            state = "used"
        elif row.revoked_at is not None:
            state = "replaced"
        elif row.expires_at <= now:
            state = "expired"
        return LinkView(state, identity.channel, hint), row

    def start_login(
        self,
        token: str,
        *,
        state: str,
        browser: str,
        code_verifier: str,
        nonce: str,
        now: datetime,
    ) -> LinkView:
        with self._sessions() as session, session.begin():
            view, row = self._view(session, token, now)
            if view.state != "ok" or row is None:
                return view
            session.add(
                PendingLoginRow(
                    state_hash=_hash(state),
                    browser_hash=_hash(browser),
                    link_token_id=row.id,
                    code_verifier=code_verifier,
                    nonce=nonce,
                    expires_at=min(row.expires_at, now + LINK_TTL),
                )
            )
        return view

    def take_login(self, state: str, *, browser: str, now: datetime) -> PendingLogin | None:
        with self._sessions() as session, session.begin():
            row = session.scalar(
                select(PendingLoginRow).where(PendingLoginRow.state_hash == _hash(state))
            )
            # Another browser holding the state learns nothing and spoils nothing.
            if row is None or not hmac.compare_digest(row.browser_hash, _hash(browser)):
                return None
            gone = session.execute(
                delete(PendingLoginRow).where(PendingLoginRow.id == row.id)
            ).rowcount  # type: ignore[attr-defined]  # CursorResult
            if gone != 1 or row.expires_at <= now:
                return None
            return PendingLogin(row.link_token_id, row.code_verifier, row.nonce)

    def finish_login(
        self, pending: PendingLogin, *, claims: AccountClaims, now: datetime
    ) -> LoginResult:
        code = f"{secrets.randbelow(1_000_000):06d}"
        salt = secrets.token_hex(16)
        with self._sessions() as session, session.begin():
            redeemed = session.execute(
                update(LinkToken)
                .where(
                    LinkToken.id == pending.link_token_id,
                    LinkToken.used_at.is_(None),
                    LinkToken.revoked_at.is_(None),
                    LinkToken.expires_at > now,
                )
                .values(used_at=now)
                .execution_options(synchronize_session=False)
            ).rowcount  # type: ignore[attr-defined]  # CursorResult
            if redeemed != 1:
                row = session.get(LinkToken, pending.link_token_id)
                if row is None:
                    return LoginResult("unknown")
                if row.used_at is not None:
                    return LoginResult("used")
                return LoginResult("replaced" if row.revoked_at is not None else "expired")
            token = session.get_one(LinkToken, pending.link_token_id)
            user = upsert_user(session, claims, now=now)
            session.execute(delete(LinkCode).where(LinkCode.identity_id == token.identity_id))
            session.add(
                LinkCode(
                    identity_id=token.identity_id,
                    user_id=user.id,
                    code_hash=_hash(salt + code),
                    salt=salt,
                    tries=0,
                    expires_at=now + CODE_TTL,
                )
            )
        return LoginResult("ok", code)
