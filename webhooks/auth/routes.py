"""The login-link pages: ``GET/POST /link/{token}`` and ``GET /auth/callback``.

A GET never consumes the token (link previews are harmless); the POST, same-origin only, starts
the code flow with PKCE, ``state`` and ``nonce`` kept server-side and bound to this browser by an
HttpOnly cookie per state; the callback verifies everything and shows the six-digit code to type
back in the chat it names.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Protocol
from urllib.parse import urlencode

from argon2 import PasswordHasher
from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from db.link_pages import LinkState, LinkView, LoginResult, PendingLogin
from services.settings import Settings
from webhooks.auth import pkce
from webhooks.auth.errors import ProviderError, TokenRejected
from webhooks.auth.local_idp import LocalUserStore, build_local_idp_router
from webhooks.auth.local_keys import SigningKey
from webhooks.auth.oidc import IdentityClaims, OidcClient
from webhooks.auth.pages import SECURITY_HEADERS, error_page, render
from webhooks.auth.same_origin import cross_site_reason, loggable_error, well_formed
from webhooks.channels import CHANNEL_TITLES

log = logging.getLogger(__name__)

COOKIE = "abogado_login"
RELINK_COOKIE = "abogado_relink"
FACEBOOK = "Facebook"  # the identity provider's name in the pool (Cognito's authorize URL)
_FIRST_LINK = "already found an entry for username"


def cookie_name(state: str) -> str:
    """One cookie per ``state``: a second tab (or a double click on "Continuar") starts its own
    login without overwriting the first one's cookie."""
    return f"{COOKIE}_{hashlib.sha256(state.encode('utf-8', 'replace')).hexdigest()[:16]}"


def relink_cookie_name(state: str) -> str:
    """Set when a login goes to Facebook: what the callback needs to send it there once more."""
    return f"{RELINK_COOKIE}_{hashlib.sha256(state.encode('utf-8', 'replace')).hexdigest()[:16]}"


def facebook_offered(settings: Settings) -> bool:
    """ "Continuar con Facebook": on locally (the built-in provider simulates it), in aws only
    where the pool has Facebook (``ABOGADO_COGNITO__FACEBOOK``, set by the CDK stack)."""
    if settings.cognito.facebook is not None:
        return settings.cognito.facebook
    return settings.profile == "local"


def first_link_refusal(description: str) -> bool:
    """Cognito refuses the Facebook sign-in that linked an identity to an e-mail account with
    this error (the link stands; signing in again lands in that account)."""
    return _FIRST_LINK in description[:256].lower()


class LinkPages(Protocol):
    """What the pages need from storage (``db.links.SqlLinkStore``); ``now`` is aware UTC."""

    def view(self, token: str, *, now: datetime) -> LinkView: ...

    def start_login(
        self, token: str, *, state: str, browser: str, code_verifier: str, nonce: str, now: datetime
    ) -> LinkView: ...

    def take_login(self, state: str, *, browser: str, now: datetime) -> PendingLogin | None:
        """The pending login for this ``state`` and browser, removed (one use); else None."""
        ...

    def take_expired(self, state: str, *, now: datetime) -> bool:
        """True when a login with this ``state`` began and expired (the row is removed)."""
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
    """What the pages need; built by ``abogado.logins.build_auth_services`` or a test."""

    link_pages: LinkPages
    oidc: OidcClient
    now: Callable[[], datetime]
    local_idp: LocalIdp | None = None


_CHANNEL_NAMES = {**CHANNEL_TITLES, "cli": "la terminal"}
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


_EXPIRED_LOGIN = (
    "El enlace caducó",
    "Pasaron más de 10 minutos desde que abriste el enlace. Escribe /vincular en el chat y te "
    "mandamos uno nuevo.",
)
_CROSS_SITE = (
    "Abre el enlace desde tu chat",
    "Por seguridad, el inicio de sesión solo empieza desde la página del enlace. Toca el enlace "
    "que te mandamos en el chat y luego «Continuar».",
)
_MISMATCH = (
    "La sesión no coincide",
    "No pudimos comprobar que este inicio de sesión empezó en este navegador. "
    "Abre otra vez el enlace que te mandamos en el chat, en este mismo navegador.",
)


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
    facebook = facebook_offered(settings)

    @router.get("/link/{token}")
    def link_page(token: str) -> Response:
        if not well_formed(token):
            return _dead_link("unknown")
        view = services.link_pages.view(token, now=services.now())
        if view.state != "ok":
            return _dead_link(view.state)
        return render(
            "link.html",
            referrer_policy="same-origin",  # so that "Continuar" sends a real Origin
            title="Continuar para iniciar sesión",
            channel=_CHANNEL_NAMES.get(view.channel, view.channel),
            chat_hint=view.chat_hint,
            action=f"/link/{token}",
            facebook=facebook,
        )

    @router.post("/link/{token}")
    def link_start(request: Request, token: str, provider: Annotated[str, Form()] = "") -> Response:
        reason = cross_site_reason(request.headers, public_url=settings.public_url)
        if reason is not None:
            log.warning("login start refused as cross-site: %s", reason)
            return error_page(*_CROSS_SITE, status_code=403)
        if not well_formed(token):
            return _dead_link("unknown")
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
        challenge = pkce.challenge_s256(verifier)
        via_facebook = facebook and provider == "facebook"
        target = _authorize(
            services, state=state, nonce=nonce, challenge=challenge, facebook=via_facebook
        )
        response = RedirectResponse(target, status_code=303, headers=dict(SECURITY_HEADERS))
        cookies = {cookie_name(state): browser}
        if via_facebook:
            # Nothing secret: the same nonce and challenge are in the authorize URL itself.
            cookies[relink_cookie_name(state)] = f"{nonce}.{challenge}"
        for name, value in cookies.items():
            response.set_cookie(
                name,
                value,
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
        error_description: Annotated[str, Query()] = "",
    ) -> Response:
        if error and first_link_refusal(error_description):
            again = _relink(request, services, state=state)
            if again is not None:
                log.info("a Facebook identity was linked to an e-mail account; signing in again")
                return again
        if error:
            log.warning("identity provider returned error=%s", loggable_error(error))
            return _clear(
                error_page(
                    "No se pudo iniciar sesión",
                    "El servicio de inicio de sesión no completó el acceso. Vuelve al chat, "
                    "escribe /vincular y prueba otra vez.",
                    status_code=400,
                ),
                state,
            )
        if not (well_formed(state) and well_formed(code)):
            if state or code:
                log.warning("login callback: malformed state or code refused")
            return error_page(*_MISMATCH, status_code=400)
        browser = request.cookies.get(cookie_name(state), "")
        now = services.now()
        pending = (
            services.link_pages.take_login(state, browser=browser, now=now) if browser else None
        )
        if pending is None:
            if services.link_pages.take_expired(state, now=now):
                return _clear(error_page(*_EXPIRED_LOGIN, status_code=410), state)
            # The cookie stays: a forged callback must not spoil a login in progress.
            return error_page(*_MISMATCH, status_code=400)
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
                ),
                state,
            )
        except TokenRejected as exc:
            log.warning("ID token rejected: %s", exc)
            return _clear(
                error_page(
                    "No se pudo iniciar sesión",
                    "No pudimos verificar tu inicio de sesión. Escribe /vincular en el chat y "
                    "prueba otra vez.",
                    status_code=400,
                ),
                state,
            )
        result = services.link_pages.finish_login(pending, claims=claims, now=services.now())
        if result.state != "ok" or result.code is None:
            return _clear(_dead_link(result.state), state)
        return _clear(
            render(
                "code.html",
                title="Ya casi terminas",
                code=f"{result.code[:3]} {result.code[3:]}",
                channel=_CHANNEL_NAMES.get(result.channel, result.channel),
                chat_hint=result.chat_hint,
            ),
            state,
        )

    return router


def _clear(response: Response, state: str) -> Response:
    if state:
        response.delete_cookie(cookie_name(state), path="/auth/callback")
        response.delete_cookie(relink_cookie_name(state), path="/auth/callback")
    return response


def _authorize(
    services: AuthServices, *, state: str, nonce: str, challenge: str, facebook: bool
) -> str:
    """The provider's authorize URL; with ``identity_provider=Facebook`` Cognito's hosted UI
    goes straight to Facebook (the local provider to its simulated Facebook)."""
    target = services.oidc.authorization_url(state=state, nonce=nonce, code_challenge=challenge)
    if facebook:
        target += "&" + urlencode({"identity_provider": FACEBOOK})
    return target


def _relink(request: Request, services: AuthServices, *, state: str) -> Response | None:
    """Once per login: the same state, nonce and challenge to Facebook again (its session makes
    it instant), so the person lands in the linked account. Their login cookie stays."""
    name = relink_cookie_name(state)
    nonce, _, challenge = request.cookies.get(name, "").partition(".")
    if not (well_formed(state) and well_formed(nonce) and well_formed(challenge)):
        return None
    target = _authorize(services, state=state, nonce=nonce, challenge=challenge, facebook=True)
    response = RedirectResponse(target, status_code=303, headers=dict(SECURITY_HEADERS))
    response.delete_cookie(name, path="/auth/callback")
    return response
