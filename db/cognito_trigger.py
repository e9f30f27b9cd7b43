"""Cognito post-confirmation and post-authentication trigger: inserts the user into the app
database, idempotently (a Facebook user's first sign-in may reach either, docs/accounts.md).

Its Lambda entry point is ``abogado.lambda_handlers.cognito_post_confirmation``. It always
returns the event so sign-up never fails because of us; a database error is logged with context
(no e-mail, no raw ids) and the login callback's upsert is the backstop.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from db.links import insert_user_if_absent

log = logging.getLogger(__name__)

_HANDLED = (
    "PostConfirmation_ConfirmSignUp",
    "PostConfirmation_ConfirmForgotPassword",
    # Every sign-in, federated ones included: one INSERT that does nothing once the sub exists.
    "PostAuthentication_Authentication",
)


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
