"""What the admin pages are built from (``AdminServices``), their paths, and the audit helper;
shared by the login (``webhooks.admin.login``) and the pages (``webhooks.admin.routes``)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from db import audit as records
from webhooks.admin.cookies import AdminSession, Signer, csrf_ok, well_formed
from webhooks.auth.oidc import OidcClient

log = logging.getLogger(__name__)

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


def signed_in(
    services: AdminServices, cookie: str, *, group: str | None = None, area: str = "admin"
) -> AdminSession | None:
    """The live session of this cookie, else None: its user an admin now, or with ``group``
    (``abogados``) a session whose token carried that group."""
    if not cookie:
        return None
    if not well_formed(cookie):
        log.warning("%s: malformed session cookie refused", area)
        return None
    with services.sessions() as session:
        found = records.find_session(session, cookie, now=services.now(), group=group)
    if found is None:
        return None
    csrf = services.signer.csrf_for(cookie)
    return AdminSession(session_id=cookie, sub=found.sub, email=found.email, csrf=csrf)


def csrf_allowed(
    services: AdminServices,
    who: AdminSession | None,
    csrf: str,
    *,
    where: str,
    area: str = "admin",
) -> bool:
    """A session and its CSRF token; a live session with a wrong token is audited."""
    if who is None:
        return False
    if csrf_ok(who, csrf):
        return True
    log.warning("%s: CSRF token refused on %s", area, where)
    record(services, who.actor, who.sub, "csrf_refused", None, where=where)
    return False
