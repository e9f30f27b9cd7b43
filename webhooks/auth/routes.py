"""The login-link pages: ``GET/POST /link/{token}`` and ``GET /auth/callback``.

A GET never consumes the token (link previews are harmless); the POST starts the code flow with
PKCE, ``state`` and ``nonce`` kept server-side and bound to this browser by an HttpOnly cookie;
the callback verifies everything and shows the six-digit code to type back in the chat.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Protocol

from argon2 import PasswordHasher
from fastapi import APIRouter, Cookie, Query, Request
from fastapi.responses import RedirectResponse, Response

from abogado.settings import Settings
from db.link_pages import LinkState, LinkView, LoginResult, PendingLogin
from webhooks.auth import pkce
from webhooks.auth.errors import ProviderError, TokenRejected
from webhooks.auth.local_idp import LocalUserStore, build_local_idp_router
from webhooks.auth.local_keys import SigningKey
from webhooks.auth.oidc import IdentityClaims, OidcClient
from webhooks.auth.pages import SECURITY_HEADERS, error_page, render

log = logging.getLogger(__name__)

COOKIE = "abogado_login"


class LinkPages(Protocol):
    """What the pages need from storage (``db.links.SqlLinkStore``); ``now`` is aware UTC."""

    def view(self, token: str, *, now: datetime) -> LinkView: ...

    def start_login(
        self, token: str, *, state: str, browser: str, code_verifier: str, nonce: str, now: datetime
    ) -> LinkView: ...

    def take_login(self, state: str, *, browser: str, now: datetime) -> PendingLogin | None:
        """The pending login for this ``state`` and browser, removed (one use); else None."""
        ...

    def finish_login(
        self, pending: PendingLogin, *, claims: IdentityClaims, now: datetime
    ) -> LoginResult:
        """Consume the link, upsert the user by ``sub``, and mint the chat code."""
        ...


@dataclass
class LocalIdp:
    """The local profile's provider: its accounts and signing key."""

    users: LocalUserStore
    key: SigningKey
    hasher: PasswordHasher | None = None


@dataclass
class AuthServices:
    """What the pages need; built by ``webhooks.auth.wiring.build_auth_services`` or a test."""

    link_pages: LinkPages
    oidc: OidcClient
    now: Callable[[], datetime]
    local_idp: LocalIdp | None = None


_CHANNEL_NAMES = {"telegram": "Telegram", "whatsapp": "WhatsApp", "cli": "la terminal"}
_DEAD_LINK = {
    "unknown": (
        "Enlace no válido",
        "Este enlace no existe. Pide uno nuevo en el chat con /vincular.",
    ),
    "expired": (
        "El enlace ya venció",
        "Los enlaces duran 10 minutos. Escribe /vincular en el chat y te mandamos uno nuevo.",
    ),
    "used": (
        "El enlace ya se usó",
        "Cada enlace sirve una sola vez. Escribe /vincular en el chat.",
    ),
    "replaced": (
        "Hay un enlace más nuevo",
        "Pediste otro enlace después de este. Usa el más reciente que te mandamos en el chat.",
    ),
}


def _dead_link(state: LinkState) -> Response:
    title, message = _DEAD_LINK.get(state, _DEAD_LINK["unknown"])
    return error_page(title, message, status_code=404 if state == "unknown" else 410)


def build_auth_router(*, settings: Settings, services: AuthServices) -> APIRouter:
    router = APIRouter()
    if services.local_idp is not None:
        router.include_router(
            build_local_idp_router(
                settings=settings,
                users=services.local_idp.users,
                key=services.local_idp.key,
                hasher=services.local_idp.hasher,
            )
        )
    secure_cookie = settings.public_url.startswith("https://")

    @router.get("/link/{token}")
    def link_page(token: str) -> Response:
        view = services.link_pages.view(token, now=services.now())
        if view.state != "ok":
            return _dead_link(view.state)
        return render(
            "link.html",
            title="Continuar para iniciar sesión",
            channel=_CHANNEL_NAMES.get(view.channel, view.channel),
            chat_hint=view.chat_hint,
            action=f"/link/{token}",
        )

    @router.post("/link/{token}")
    def link_start(token: str) -> Response:
        state, verifier, nonce = pkce.new_state(), pkce.new_verifier(), pkce.new_nonce()
        browser = secrets.token_urlsafe(32)
        view = services.link_pages.start_login(
            token,
            state=state,
            browser=browser,
            code_verifier=verifier,
            nonce=nonce,
            now=services.now(),
        )
        if view.state != "ok":
            return _dead_link(view.state)
        target = services.oidc.authorization_url(
            state=state, nonce=nonce, code_challenge=pkce.challenge_s256(verifier)
        )
        response = RedirectResponse(target, status_code=303, headers=dict(SECURITY_HEADERS))
        response.set_cookie(
            COOKIE,
            browser,
            max_age=600,
            path="/auth/callback",
            httponly=True,
            secure=secure_cookie,
            samesite="lax",
        )
        return response

    @router.get("/auth/callback")
    def callback(
        request: Request,
        code: Annotated[str, Query()] = "",
        state: Annotated[str, Query()] = "",
        error: Annotated[str, Query()] = "",
        browser: Annotated[str, Cookie(alias=COOKIE)] = "",
    ) -> Response:
        if error:
            log.warning("identity provider returned error=%s", error[:64])
            return _clear(
                error_page(
                    "No se pudo iniciar sesión",
                    "El servicio de inicio de sesión no completó el acceso. Vuelve al chat, "
                    "escribe /vincular y prueba otra vez.",
                    status_code=400,
                )
            )
        pending = (
            services.link_pages.take_login(state, browser=browser, now=services.now())
            if state and code and browser
            else None
        )
        if pending is None:
            # The cookie stays: a forged callback must not spoil a login in progress.
            return error_page(
                "La sesión no coincide",
                "No pudimos comprobar que este inicio de sesión empezó en este navegador. "
                "Abre otra vez el enlace que te mandamos en el chat, en este mismo navegador.",
                status_code=400,
            )
        try:
            claims = services.oidc.complete(
                code=code, code_verifier=pending.code_verifier, nonce=pending.nonce
            )
        except ProviderError as exc:
            log.warning("code exchange failed: %s", exc)
            return _clear(
                error_page(
                    "No pudimos completar el inicio de sesión",
                    "El servicio de inicio de sesión no respondió bien. Intenta de nuevo en unos "
                    "minutos con /vincular en el chat.",
                    status_code=502,
                )
            )
        except TokenRejected as exc:
            log.warning("ID token rejected: %s", exc)
            return _clear(
                error_page(
                    "No se pudo iniciar sesión",
                    "No pudimos verificar tu inicio de sesión. Escribe /vincular en el chat y "
                    "prueba otra vez.",
                    status_code=400,
                )
            )
        result = services.link_pages.finish_login(pending, claims=claims, now=services.now())
        if result.state != "ok" or result.code is None:
            return _clear(_dead_link(result.state))
        return _clear(
            render(
                "code.html",
                title="Ya casi terminas",
                code=f"{result.code[:3]} {result.code[3:]}",
            )
        )

    return router


def _clear(response: Response) -> Response:
    response.delete_cookie(COOKIE, path="/auth/callback")
    return response
