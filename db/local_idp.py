"""Accounts of the local profile's built-in OpenID provider (the stand-in for Cognito's pool).

Passwords arrive already hashed (argon2, by the provider); this module only stores them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Boolean, Integer, String, false, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from db.base import MYSQL_TABLE, Base, UTCDateTime
from db.models import User


class LocalIdpAccount(Base):
    __tablename__ = "local_idp_accounts"
    __table_args__ = (MYSQL_TABLE,)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sub: Mapped[str] = mapped_column(String(64), unique=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    # The simulated Facebook user linked to this account (Cognito's AdminLinkProviderForUser).
    facebook_id: Mapped[str | None] = mapped_column(String(64), unique=True, default=None)
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    # The ``abogados`` group (issue 17's lawyers' inbox).
    is_lawyer: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


@dataclass(frozen=True, slots=True)
class LocalAccount:
    sub: str
    email: str
    password_hash: str  # empty for a Facebook-only account
    is_admin: bool
    facebook_id: str | None = None
    is_lawyer: bool = False


def _value(row: LocalIdpAccount | None) -> LocalAccount | None:
    if row is None:
        return None
    return LocalAccount(
        row.sub, row.email, row.password_hash, row.is_admin, row.facebook_id, bool(row.is_lawyer)
    )


class SqlLocalUserStore:
    """``webhooks.auth.local_idp.LocalUserStore`` on the app database."""

    def __init__(self, *, sessions: Callable[[], Session], now: Callable[[], datetime]) -> None:
        self._sessions = sessions
        self._now = now

    def find(self, email: str) -> LocalAccount | None:
        with self._sessions() as session:
            return _value(
                session.scalar(
                    select(LocalIdpAccount).where(LocalIdpAccount.email == email.lower())
                )
            )

    def find_by_sub(self, sub: str) -> LocalAccount | None:
        with self._sessions() as session:
            return _value(session.scalar(select(LocalIdpAccount).where(LocalIdpAccount.sub == sub)))

    def add(self, *, sub: str, email: str, password_hash: str) -> LocalAccount | None:
        row = LocalIdpAccount(
            sub=sub,
            email=email.lower(),
            password_hash=password_hash,
            is_admin=False,
            created_at=self._now(),
        )
        try:
            with self._sessions() as session, session.begin():
                session.add(row)
        except IntegrityError:
            return None
        return _value(row)

    # --- the simulated Facebook (webhooks.auth.local_facebook) ---------------------------

    def find_by_facebook(self, facebook_id: str) -> LocalAccount | None:
        with self._sessions() as session:
            return _value(
                session.scalar(
                    select(LocalIdpAccount).where(LocalIdpAccount.facebook_id == facebook_id)
                )
            )

    def add_federated(self, *, sub: str, email: str, facebook_id: str) -> LocalAccount | None:
        row = LocalIdpAccount(
            sub=sub,
            email=email.lower(),
            password_hash="",
            facebook_id=facebook_id,
            is_admin=False,
            created_at=self._now(),
        )
        try:
            with self._sessions() as session, session.begin():
                session.add(row)
        except IntegrityError:
            return None
        return _value(row)

    def link_facebook(self, *, sub: str, facebook_id: str) -> None:
        with self._sessions() as session, session.begin():
            session.execute(
                update(LocalIdpAccount)
                .where(LocalIdpAccount.sub == sub, LocalIdpAccount.facebook_id.is_(None))
                .values(facebook_id=facebook_id)
            )


def local_sub(session: Session, email: str) -> str | None:
    """The ``sub`` of the one local account with this e-mail (e-mails are unique here)."""
    return session.scalar(select(LocalIdpAccount.sub).where(LocalIdpAccount.email == email.lower()))


def mark_local_admin(session: Session, sub: str, *, admin: bool) -> None:
    """The local provider's ``admins`` group: what its ID tokens will carry from now on."""
    account = session.scalar(select(LocalIdpAccount).where(LocalIdpAccount.sub == sub))
    if account is not None:
        account.is_admin = admin


def mark_local_lawyer(session: Session, sub: str, *, lawyer: bool) -> None:
    """The local provider's ``abogados`` group: what its ID tokens will carry from now on."""
    account = session.scalar(select(LocalIdpAccount).where(LocalIdpAccount.sub == sub))
    if account is not None:
        account.is_lawyer = lawyer


def set_app_role(session: Session, sub: str, *, admin: bool) -> None:
    """The app user's role, by ``sub`` only (never by e-mail: several users may share one)."""
    for user in session.scalars(select(User).where(User.cognito_sub == sub)):
        user.role = "admin" if admin else "user"
