"""What the admin pages are built from (``AdminServices``), their paths, and the audit helper;
shared by the login (``webhooks.admin.login``) and the pages (``webhooks.admin.routes``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from db import audit as records
from webhooks.admin.cookies import Signer
from webhooks.auth.oidc import OidcClient

PREFIX = "/admin"
LAWYER_PREFIX = "/abogados"
CALLBACK_PATH = "/admin/callback"


@dataclass
class AdminServices:
    """Built by ``abogado.logins.build_admin_services`` (or by a test)."""

    sessions: sessionmaker[Session]
    oidc: OidcClient  # its redirect_uri is {public_url}/admin/callback
    signer: Signer
    now: Callable[[], datetime]
    # Send a materialised broadcast in the background (a thread locally). None where the
    # process may be frozen after the response (Lambda): an operator runs OPERATOR_COMMAND.
    start_sending: Callable[[int], None] | None


def record(
    services: AdminServices,
    actor: str,
    sub: str | None,
    action: str,
    broadcast_id: int | None,
    **detail: Any,
) -> None:
    """One audit row (``admin_actions``) in its own transaction: who (e-mail and Cognito sub)."""
    with services.sessions.begin() as session:
        records.record_action(
            session,
            actor=actor,
            actor_sub=sub,
            action=action,
            broadcast_id=broadcast_id,
            detail=detail,
            now=services.now(),
        )
