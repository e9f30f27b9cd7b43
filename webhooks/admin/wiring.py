"""Builds the admin pages' services from settings: the OpenID client (local provider or
Cognito) with the /admin/callback redirect, the cookie signer (``session_key``, or a file under
``data_dir`` locally), and a background sender where the process outlives the request."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime

import httpx
from sqlalchemy.orm import Session, sessionmaker

from services.settings import Settings
from webhooks.admin.cookies import Signer, load_or_create_secret
from webhooks.admin.routes import CALLBACK_PATH, AdminServices
from webhooks.auth.oidc import OidcClient
from webhooks.auth.wiring import login_provider
from webhooks.errors import WebhooksError
from webhooks.redact import describe

log = logging.getLogger(__name__)


class AdminConfigError(WebhooksError):
    """The admin pages cannot be served with these settings (no cookie key)."""


def admin_redirect_uri(settings: Settings) -> str:
    return settings.public_url.rstrip("/") + CALLBACK_PATH


def background_sender(settings: Settings, sessions: sessionmaker[Session]) -> Callable[[int], None]:
    """Send in a daemon thread with its own event loop (``abogado serve``). On Lambda, run
    ``abogado broadcast send ID`` instead: a frozen function cannot keep sending."""
    from webhooks.broadcast.wiring import build_sender

    def start(broadcast_id: int) -> None:
        def work() -> None:
            sender = build_sender(settings, sessions=sessions)

            async def go() -> None:
                try:
                    await sender.run(broadcast_id)
                finally:
                    for broadcaster in sender.broadcasters.values():
                        await broadcaster.close()

            try:
                asyncio.run(go())
            except Exception as exc:
                log.error("broadcast %s: the sender stopped: %s", broadcast_id, describe(exc))

        threading.Thread(target=work, name=f"broadcast-{broadcast_id}", daemon=True).start()

    return start


def session_secret(settings: Settings) -> bytes:
    """The cookie-signing key: ``session_key`` (the Sessions secret in aws) when set; else, in
    the local profile only, a file under ``data_dir``. Containers that do not share a key would
    sign each other's admins out, so aws refuses to start without one."""
    if settings.session_key is not None:
        return settings.session_key.get_secret_value().encode("utf-8")
    if settings.profile != "local":
        raise AdminConfigError(
            "aws profile: the admin cookie key is missing (set ABOGADO_SECRETS__SESSIONS_ARN "
            "or ABOGADO_SESSION_KEY)"
        )
    return load_or_create_secret(settings.data_dir)


def build_admin_services(
    settings: Settings,
    *,
    sessions: sessionmaker[Session],
    http: httpx.Client | None = None,
    secret: bytes | None = None,
    start_sending: Callable[[int], None] | None = None,
    send_in_background: bool | None = None,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> AdminServices:
    """``send_in_background``: send confirmed broadcasts from this process (None: only in the
    local profile). Otherwise the page records the broadcast as ready and shows the operator
    command, ``abogado broadcast send ID`` (a frozen Lambda cannot keep sending)."""
    provider, client_id = login_provider(settings)
    signer = Signer(secret or session_secret(settings))
    oidc = OidcClient(
        provider=provider,
        client_id=client_id,
        redirect_uri=admin_redirect_uri(settings),
        http=http or httpx.Client(timeout=10.0),
    )
    if send_in_background is None:
        send_in_background = settings.profile == "local"
    if start_sending is None and send_in_background:
        start_sending = background_sender(settings, sessions)
    return AdminServices(
        sessions=sessions,
        oidc=oidc,
        signer=signer,
        now=now,
        start_sending=start_sending,
    )
