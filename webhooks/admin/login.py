"""The admin login: ``/admin/login`` and ``/admin/callback`` (code + PKCE with the same OpenID
client as the link pages). The state, nonce and verifier travel in a signed HttpOnly cookie per
state; each state buys one token call. ``/admin/login`` opens an admin session (group ``admins``);
``/admin/login?to=abogados`` a lawyers' inbox session (group ``abogados``, its own cookie)."""

from __future__ import annotations

import logging
import secrets
from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from db import audit as records
from services.settings import Settings
from webhooks.admin.cookies import (
    LAWYER_COOKIE,
    LOGIN_TTL_S,
    SESSION_COOKIE,
    SESSION_TTL_S,
    login_cookie,
    same,
    well_formed,
)
from webhooks.admin.pages import message
from webhooks.admin.services import CALLBACK_PATH, LAWYER_PREFIX, PREFIX, AdminServices, record
from webhooks.auth import pkce
from webhooks.auth.errors import ProviderError, TokenRejected

log = logging.getLogger(__name__)


def refused() -> Response:
    return message("Sin permiso", "Esta página es solo para administradores.", status=403)


def refused_lawyer() -> Response:
    return message("Sin permiso", "Esta página es solo para abogados.", status=403)


def build_login_router(*, settings: Settings, services: AdminServices) -> APIRouter:
    router = APIRouter()
    secure = settings.public_url.startswith("https://")

    def mismatch() -> Response:
        return message(
            "La sesión no coincide",
            "Este inicio de sesión no empezó en este navegador o ya se usó. "
            "Vuelve a entrar a /admin.",
            status=400,
        )

    @router.get("/login")
    def login(to: Annotated[str, Query(max_length=16)] = "") -> Response:
        state, nonce, verifier = pkce.new_state(), pkce.new_nonce(), pkce.new_verifier()
        target = services.oidc.authorization_url(
            state=state, nonce=nonce, code_challenge=pkce.challenge_s256(verifier)
        )
        response = RedirectResponse(target, status_code=303)
        value = services.signer.dumps(
            {
                "state": state,
                "nonce": nonce,
                "verifier": verifier,
                "to": "abogados" if to == "abogados" else "admin",
            },
            ttl_s=LOGIN_TTL_S,
        )
        response.set_cookie(
            login_cookie(state),
            value,
            max_age=LOGIN_TTL_S,
            path=CALLBACK_PATH,
            httponly=True,
            secure=secure,
            samesite="lax",
        )
        return response

    @router.get("/callback")
    def callback(
        request: Request,
        code: Annotated[str, Query()] = "",
        state: Annotated[str, Query()] = "",
    ) -> Response:
        if not (code and state):
            return mismatch()
        if not (well_formed(code) and well_formed(state)):
            log.warning("admin login: malformed code or state refused")
            return mismatch()
        name = login_cookie(state)
        pending = request.cookies.get(name, "")
        started = services.signer.loads(pending) if pending else None
        if started is None or not same(str(started.get("state", "")), state):
            return mismatch()
        expires = datetime.fromtimestamp(int(started["exp"]), UTC)
        # One token call per state: a replayed callback (same cookie, same URL) stops here.
        if not records.consume_login_state(
            services.sessions, state, expires_at=expires, now=services.now()
        ):
            log.warning("admin login: replayed state refused")
            return mismatch()
        try:
            claims = services.oidc.complete(
                code=code, code_verifier=str(started["verifier"]), nonce=str(started["nonce"])
            )
        except (ProviderError, TokenRejected) as exc:
            log.warning("admin login failed: %s", type(exc).__name__)
            record(services, "", None, "login_failed", None, reason=type(exc).__name__)
            response: Response = message(
                "No se pudo iniciar sesión", "Intenta de nuevo.", status=400
            )
        else:
            actor = claims.email or claims.username
            lawyer = started.get("to") == "abogados"
            if lawyer and not claims.is_lawyer:
                record(services, "", claims.sub, "login_refused", None, reason="not_in_abogados")
                response = refused_lawyer()
            elif not lawyer and not claims.is_admin:
                record(services, "", claims.sub, "login_refused", None, reason="not_in_admins")
                response = refused()
            else:
                session_id = secrets.token_urlsafe(32)
                now = services.now()
                with services.sessions.begin() as session:
                    records.open_session(
                        session,
                        session_id,
                        claims=claims,
                        now=now,
                        expires_at=now + timedelta(seconds=SESSION_TTL_S),
                        groups=claims.groups,
                    )
                record(services, actor, claims.sub, "lawyer_login" if lawyer else "login", None)
                home = LAWYER_PREFIX if lawyer else PREFIX
                response = RedirectResponse(home + "/" if lawyer else home, status_code=303)
                response.set_cookie(
                    LAWYER_COOKIE if lawyer else SESSION_COOKIE,
                    session_id,
                    max_age=SESSION_TTL_S,
                    path=home,
                    httponly=True,
                    secure=secure,
                    samesite="lax",
                )
        response.delete_cookie(name, path=CALLBACK_PATH)
        return response

    return router
