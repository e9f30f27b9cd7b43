"""Builds the login pages' and the admin pages' services from settings: Cognito in aws, the
built-in OpenID provider locally; the admin cookie key; a background broadcast sender where the
process outlives the request. Called by the composition root (``abogado.container``) only.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import httpx
from sqlalchemy.orm import Session, sessionmaker

from db.link_pages import SqlLinkPages
from db.local_idp import SqlLocalUserStore
from services.errors import AbogadoError
from services.settings import Settings
from webhooks.admin.cookies import Signer, load_or_create_secret
from webhooks.admin.routes import CALLBACK_PATH, AdminServices
from webhooks.auth.local_idp import local_client_id, local_issuer, redirect_uri
from webhooks.auth.local_keys import load_or_create_key
from webhooks.auth.oidc import OidcClient, ProviderConfig, cognito_provider
from webhooks.auth.routes import AuthServices, LocalIdp
from webhooks.errors import LoginConfigError
from webhooks.redact import describe

if TYPE_CHECKING:
    from webhooks.broadcast.sender import BroadcastSender

log = logging.getLogger(__name__)


class AdminConfigError(AbogadoError):
    """The admin pages cannot be served with these settings (no cookie key)."""


def _utcnow() -> datetime:
    return datetime.now(UTC)


def local_provider(settings: Settings) -> ProviderConfig:
    issuer = local_issuer(settings)
    return ProviderConfig(
        issuer=issuer,
        authorization_endpoint=f"{issuer}/oauth2/authorize",
        token_endpoint=f"{issuer}/oauth2/token",
        jwks_uri=f"{issuer}/.well-known/jwks.json",
    )


def login_provider(settings: Settings) -> tuple[ProviderConfig, str]:
    """The OpenID provider and client id every login uses (the chats' and the admin pages'):
    the built-in provider in the local profile, Cognito's hosted UI in the aws profile."""
    if settings.profile == "local":
        return local_provider(settings), local_client_id(settings)
    cognito = settings.cognito
    if not (cognito.domain and cognito.client_id and cognito.user_pool_id):
        raise LoginConfigError(
            "aws profile: ABOGADO_COGNITO__DOMAIN, CLIENT_ID, USER_POOL_ID needed"
        )
    provider = cognito_provider(
        domain=cognito.domain, region=cognito.region, user_pool_id=cognito.user_pool_id
    )
    return provider, cognito.client_id


def build_auth_services(
    settings: Settings,
    *,
    sessions: Callable[[], Session],
    http: httpx.Client | None = None,
    now: Callable[[], datetime] = _utcnow,
) -> AuthServices:
    """``http`` reaches the provider (Cognito, or this very app's ``/local-idp/``)."""
    client = http or httpx.Client(timeout=10.0)
    provider, client_id = login_provider(settings)
    local: LocalIdp | None = None
    if settings.profile == "local":
        local = LocalIdp(
            users=SqlLocalUserStore(sessions=sessions, now=now),
            key=load_or_create_key(settings.data_dir),
        )
    oidc = OidcClient(
        provider=provider, client_id=client_id, redirect_uri=redirect_uri(settings), http=client
    )
    return AuthServices(
        link_pages=SqlLinkPages(sessions=sessions), oidc=oidc, now=now, local_idp=local
    )


def admin_redirect_uri(settings: Settings) -> str:
    return settings.public_url.rstrip("/") + CALLBACK_PATH


def background_sender(make_sender: Callable[[], BroadcastSender]) -> Callable[[int], None]:
    """Send in a daemon thread with its own event loop (``abogado serve``). On Lambda, run
    ``abogado broadcast send ID`` instead: a frozen function cannot keep sending."""

    def start(broadcast_id: int) -> None:
        def work() -> None:
            sender = make_sender()

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
    start_sending: Callable[[int], None] | None,
    http: httpx.Client | None = None,
    secret: bytes | None = None,
    now: Callable[[], datetime] = _utcnow,
) -> AdminServices:
    """``start_sending``: sends a confirmed broadcast from this process; None where the process
    cannot keep sending (Lambda): the page then records the broadcast as ready and shows the
    operator command, ``abogado broadcast send ID``."""
    provider, client_id = login_provider(settings)
    signer = Signer(secret or session_secret(settings))
    oidc = OidcClient(
        provider=provider,
        client_id=client_id,
        redirect_uri=admin_redirect_uri(settings),
        http=http or httpx.Client(timeout=10.0),
    )
    return AdminServices(
        sessions=sessions, oidc=oidc, signer=signer, now=now, start_sending=start_sending
    )
