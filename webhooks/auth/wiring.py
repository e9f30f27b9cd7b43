"""Builds the login pages' services from settings: Cognito in aws, the local provider locally.

Called by the composition root (``webhooks.wiring`` / ``abogado serve``); nothing at import.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import httpx
from sqlalchemy.orm import Session

from db.link_pages import SqlLinkPages
from db.local_idp import SqlLocalUserStore
from services.settings import Settings
from webhooks.auth.local_idp import local_client_id, local_issuer, redirect_uri
from webhooks.auth.local_keys import load_or_create_key
from webhooks.auth.oidc import OidcClient, ProviderConfig, cognito_provider
from webhooks.auth.routes import AuthServices, LocalIdp
from webhooks.errors import LoginConfigError


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
