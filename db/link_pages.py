"""The login pages' storage: what a link shows, pending logins, and redeeming the link.

Each call is one short transaction; the link token is redeemed with one atomic UPDATE, so
concurrent callbacks cannot both succeed.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from db.links import (
    CODE_TTL,
    LINK_TTL,
    AccountClaims,
    LinkCode,
    LinkToken,
    PendingLoginRow,
    hash_secret,
    upsert_user,
)
from db.models import ChatIdentity

LinkState = Literal["ok", "unknown", "expired", "used", "replaced"]
MAX_PENDING_PER_LINK = 5


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
    """The code to type in the chat, and which chat (the page names it: a code is never shared)."""

    state: LinkState
    code: str | None = None
    channel: str = ""
    chat_hint: str = ""


def chat_hint(channel: str, chat_id: str) -> str:
    """Enough of the chat to recognise it, never the whole number."""
    tail = "".join(ch for ch in chat_id if ch.isdigit())[-4:] or chat_id[-3:]
    if channel == "whatsapp":
        return f"número terminado en {tail}"
    return f"chat terminado en {tail}"


class SqlLinkPages:
    """``webhooks.auth.routes.LinkPages`` on the app database."""

    def __init__(self, *, sessions: Callable[[], Session]) -> None:
        self._sessions = sessions

    # --- the web pages' side (webhooks.auth.routes.LinkPages) ----------------------------

    def view(self, token: str, *, now: datetime) -> LinkView:
        with self._sessions() as session:
            return self._view(session, token, now)[0]

    def _view(
        self, session: Session, token: str, now: datetime
    ) -> tuple[LinkView, LinkToken | None]:
        row = session.scalar(select(LinkToken).where(LinkToken.token_hash == hash_secret(token)))
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
                    state_hash=hash_secret(state),
                    browser_hash=hash_secret(browser),
                    link_token_id=row.id,
                    code_verifier=code_verifier,
                    nonce=nonce,
                    expires_at=min(row.expires_at, now + LINK_TTL),
                )
            )
            session.flush()
            # Tabs and double clicks need a few; a script posting one link in a loop gets no
            # more rows than that (the oldest go first).
            extra = (
                select(PendingLoginRow.id)
                .where(PendingLoginRow.link_token_id == row.id)
                .order_by(PendingLoginRow.id.desc())
                .offset(MAX_PENDING_PER_LINK)
            )
            stale = list(session.scalars(extra))
            if stale:
                session.execute(delete(PendingLoginRow).where(PendingLoginRow.id.in_(stale)))
        return view

    def take_login(self, state: str, *, browser: str, now: datetime) -> PendingLogin | None:
        with self._sessions() as session, session.begin():
            row = session.scalar(
                select(PendingLoginRow).where(PendingLoginRow.state_hash == hash_secret(state))
            )
            # Another browser holding the state learns nothing and spoils nothing.
            if row is None or not hmac.compare_digest(row.browser_hash, hash_secret(browser)):
                return None
            if row.expires_at <= now:
                return None  # left for ``take_expired`` to say so
            gone = session.execute(
                delete(PendingLoginRow).where(PendingLoginRow.id == row.id)
            ).rowcount  # type: ignore[attr-defined]  # CursorResult
            if gone != 1:
                return None
            return PendingLogin(row.link_token_id, row.code_verifier, row.nonce)

    def take_expired(self, state: str, *, now: datetime) -> bool:
        """True (and the row removed) when a login with this ``state`` began and has expired:
        a slow sign-up hears "expired", not "session mismatch". Needs no cookie (the browser
        drops it when it expires too); it reveals nothing and nothing is exchanged."""
        with self._sessions() as session, session.begin():
            gone = session.execute(
                delete(PendingLoginRow).where(
                    PendingLoginRow.state_hash == hash_secret(state),
                    PendingLoginRow.expires_at <= now,
                )
            ).rowcount  # type: ignore[attr-defined]  # CursorResult
        return bool(gone)

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
            identity = session.get_one(ChatIdentity, token.identity_id)
            channel, hint = identity.channel, chat_hint(identity.channel, identity.external_id)
            user = upsert_user(session, claims, now=now)
            session.execute(delete(LinkCode).where(LinkCode.identity_id == token.identity_id))
            session.add(
                LinkCode(
                    identity_id=token.identity_id,
                    user_id=user.id,
                    code_hash=hash_secret(salt + code),
                    salt=salt,
                    tries=0,
                    expires_at=now + CODE_TTL,
                )
            )
        return LoginResult("ok", code, channel, hint)
