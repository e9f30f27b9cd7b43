"""Cognito post-confirmation trigger: inserts the new user into the app database, idempotently.

A Lambda entry point (``db.cognito_trigger.handler``). It always returns the event so sign-up
never fails because of us; a database error is logged with context (no e-mail, no raw ids) and
the login callback's upsert is the backstop.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from functools import cache
from typing import Any

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from db.engine import make_engine, make_sessionmaker
from db.links import insert_user_if_absent

log = logging.getLogger(__name__)

_HANDLED = ("PostConfirmation_ConfirmSignUp", "PostConfirmation_ConfirmForgotPassword")


def handle(
    event: Mapping[str, Any],
    *,
    sessions: Callable[[], Session],
    now: Callable[[], datetime],
) -> Mapping[str, Any]:
    """Insert (sub, username, email, created_at) unless the sub exists; return the event."""
    source = str(event.get("triggerSource", ""))
    if source not in _HANDLED:
        log.info("ignoring trigger source %s", source[:64])
        return event
    attributes = event.get("request", {}).get("userAttributes", {})
    sub = str(attributes.get("sub", ""))
    if not sub:
        log.error("post-confirmation event without a sub (source=%s)", source)
        return event
    username = str(event.get("userName") or sub)
    email = attributes.get("email")
    try:
        with sessions() as session, session.begin():
            insert_user_if_absent(
                session,
                sub=sub,
                username=username,
                email=str(email) if email else None,
                now=now(),
            )
    except SQLAlchemyError as exc:
        # The class and the pseudonymous reference only: SQL errors can quote the e-mail.
        log.error(
            "could not store confirmed user ref=%s pool=%s source=%s: %s",
            _ref(sub),
            str(event.get("userPoolId", ""))[:64],
            source,
            type(exc).__name__,
        )
    return event


def _ref(sub: str) -> str:
    return hashlib.sha256(sub.encode("utf-8")).hexdigest()[:12]


@cache
def _sessions() -> Callable[[], Session]:
    # Built on the first invocation, reused while the Lambda container stays warm.
    from services.settings import load_settings

    settings = load_settings()
    engine = make_engine(settings.database_url, hide_parameters=True)
    return make_sessionmaker(engine)


def handler(event: dict[str, Any], context: object) -> dict[str, Any]:
    """The Lambda entry point Cognito calls after a user confirms their account."""
    try:
        sessions = _sessions()
    except Exception as exc:  # settings or driver missing: still let the sign-up through
        # The type only: a settings error quotes its input (a database URL with its password).
        log.error("post-confirmation trigger could not reach its database: %s", type(exc).__name__)
        return event
    handle(event, sessions=sessions, now=lambda: datetime.now(UTC))
    return event
