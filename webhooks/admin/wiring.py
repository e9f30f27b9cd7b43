"""Builds the admin pages' services from settings: the OpenID client (local provider or
Cognito) with the /admin/callback redirect, the cookie signer, and a background sender."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime

import httpx
from sqlalchemy.orm import Session, sessionmaker

from abogado.settings import Settings
from webhooks.admin.cookies import Signer, load_or_create_secret
from webhooks.admin.routes import CALLBACK_PATH, AdminServices
from webhooks.auth.local_idp import local_client_id
from webhooks.auth.oidc import OidcClient, cognito_provider
from webhooks.auth.wiring import local_provider

log = logging.getLogger(__name__)


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
            except Exception:
                log.exception("broadcast %s: the background sender stopped", broadcast_id)

        threading.Thread(target=work, name=f"broadcast-{broadcast_id}", daemon=True).start()

    return start


def build_admin_services(
    settings: Settings,
    *,
    sessions: sessionmaker[Session],
    http: httpx.Client | None = None,
    secret: bytes | None = None,
    start_sending: Callable[[int], None] | None = None,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> AdminServices:
    if settings.profile == "local":
        provider, client_id = local_provider(settings), local_client_id(settings)
    else:
        cognito = settings.cognito
        provider = cognito_provider(
            domain=cognito.domain, region=cognito.region, user_pool_id=cognito.user_pool_id
        )
        client_id = cognito.client_id
    oidc = OidcClient(
        provider=provider,
        client_id=client_id,
        redirect_uri=admin_redirect_uri(settings),
        http=http or httpx.Client(timeout=10.0),
    )
    return AdminServices(
        sessions=sessions,
        oidc=oidc,
        signer=Signer(secret or load_or_create_secret(settings.data_dir)),
        now=now,
        start_sending=start_sending or background_sender(settings, sessions),
    )
