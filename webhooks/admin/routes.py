"""``build_admin_router``: /admin pages to list, create, preview and send broadcasts.

Login: the same OpenID client as the link pages (code + PKCE, ``state`` and ``nonce`` in a signed
HttpOnly cookie), redirect ``/admin/callback``; only ID tokens with the ``admins`` group get a
session (else 403). Every POST carries the session's CSRF token; every action is audited.
Where this process cannot keep sending (Lambda), confirming records the broadcast as ready and
the page shows the operator command instead of pretending to send.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Cookie, Form, Query
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session, sessionmaker

from abogado.settings import Settings
from db import broadcasts as repo
from db.audit import record_action
from webhooks.admin.cookies import (
    LOGIN_COOKIE,
    LOGIN_TTL_S,
    SESSION_COOKIE,
    SESSION_TTL_S,
    AdminSession,
    Signer,
    csrf_ok,
)
from webhooks.admin.pages import message, render
from webhooks.auth import pkce
from webhooks.auth.errors import ProviderError, TokenRejected
from webhooks.auth.oidc import OidcClient
from webhooks.broadcast.compose import InvalidBroadcast, check, previews

log = logging.getLogger(__name__)

PREFIX = "/admin"
CALLBACK_PATH = "/admin/callback"


@dataclass
class AdminServices:
    """Built by ``webhooks.admin.wiring.build_admin_services`` (or by a test)."""

    sessions: sessionmaker[Session]
    oidc: OidcClient  # its redirect_uri is {public_url}/admin/callback
    signer: Signer
    now: Callable[[], datetime]
    # Send a materialised broadcast in the background (a thread locally). None where the
    # process may be frozen after the response (Lambda): an operator runs OPERATOR_COMMAND.
    start_sending: Callable[[int], None] | None


OPERATOR_COMMAND = "abogado broadcast send {id}"


def shown_status(view: repo.BroadcastView, *, operator: bool) -> str:
    """What the page calls the broadcast: with an operator sender, one that nobody has started
    (every row still pending) is "ready", not "sending"."""
    untouched = view.counts.get("pending", 0) == view.total
    if operator and view.status == "sending" and untouched:
        return "ready"
    return view.status


def _variables(text: str) -> dict[str, str]:
    found = {}
    for line in text.splitlines():
        name, sep, value = line.partition("=")
        if line.strip():
            if not sep or not name.strip():
                raise InvalidBroadcast("Escribe cada variable como NOMBRE=valor, una por línea.")
            found[name.strip()] = value.strip()
    return found


def build_admin_router(*, settings: Settings, services: AdminServices) -> APIRouter:
    router = APIRouter(prefix=PREFIX)
    secure = settings.public_url.startswith("https://")
    operator = services.start_sending is None

    def current(cookie: str) -> AdminSession | None:
        return AdminSession.from_payload(services.signer.loads(cookie)) if cookie else None

    def audit(who: AdminSession, action: str, broadcast_id: int | None, **detail: Any) -> None:
        with services.sessions.begin() as session:
            record_action(
                session,
                actor=who.actor,
                action=action,
                broadcast_id=broadcast_id,
                detail=detail,
                now=services.now(),
            )

    def to_login() -> Response:
        return RedirectResponse(f"{PREFIX}/login", status_code=303)

    def refused() -> Response:
        return message("Sin permiso", "Esta página es solo para administradores.", status=403)

    @router.get("/login")
    def login() -> Response:
        state, nonce, verifier = pkce.new_state(), pkce.new_nonce(), pkce.new_verifier()
        target = services.oidc.authorization_url(
            state=state, nonce=nonce, code_challenge=pkce.challenge_s256(verifier)
        )
        response = RedirectResponse(target, status_code=303)
        value = services.signer.dumps(
            {"state": state, "nonce": nonce, "verifier": verifier}, ttl_s=LOGIN_TTL_S
        )
        response.set_cookie(
            LOGIN_COOKIE,
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
        code: Annotated[str, Query()] = "",
        state: Annotated[str, Query()] = "",
        pending: Annotated[str, Cookie(alias=LOGIN_COOKIE)] = "",
    ) -> Response:
        started = services.signer.loads(pending) if pending else None
        if (
            started is None
            or not code
            or not hmac.compare_digest(str(started.get("state", "")), state)
        ):
            return message(
                "La sesión no coincide",
                "Este inicio de sesión no empezó en este navegador. Vuelve a entrar a /admin.",
                status=400,
            )
        try:
            claims = services.oidc.complete(
                code=code, code_verifier=str(started["verifier"]), nonce=str(started["nonce"])
            )
        except (ProviderError, TokenRejected) as exc:
            log.warning("admin login failed: %s", type(exc).__name__)
            return message("No se pudo iniciar sesión", "Intenta de nuevo.", status=400)
        if not claims.is_admin:
            response = refused()
        else:
            who = AdminSession.new(sub=claims.sub, email=claims.email or claims.username)
            audit(who, "login", None)
            response = RedirectResponse(PREFIX, status_code=303)
            response.set_cookie(
                SESSION_COOKIE,
                services.signer.dumps(who.to_payload(), ttl_s=SESSION_TTL_S),
                max_age=SESSION_TTL_S,
                path=PREFIX,
                httponly=True,
                secure=secure,
                samesite="lax",
            )
        response.delete_cookie(LOGIN_COOKIE, path=CALLBACK_PATH)
        return response

    @router.get("")
    def index(cookie: Annotated[str, Cookie(alias=SESSION_COOKIE)] = "") -> Response:
        who = current(cookie)
        if who is None:
            return to_login()
        with services.sessions() as session:
            items = repo.list_broadcasts(session)
        shown = {b.id: shown_status(b, operator=operator) for b in items}
        busy = any(status == "sending" for status in shown.values())
        return render("list.html", title="Avisos", who=who, items=items, shown=shown, refresh=busy)

    @router.get("/new")
    def new(cookie: Annotated[str, Cookie(alias=SESSION_COOKIE)] = "") -> Response:
        who = current(cookie)
        if who is None:
            return to_login()
        return render("new.html", title="Nuevo aviso", who=who, form={}, error="")

    @router.post("/new")
    def create(
        cookie: Annotated[str, Cookie(alias=SESSION_COOKIE)] = "",
        csrf: Annotated[str, Form()] = "",
        text: Annotated[str, Form()] = "",
        channel: Annotated[str, Form()] = "all",
        linked_only: Annotated[str, Form()] = "",
        topic: Annotated[str, Form()] = "",
        active_days: Annotated[str, Form()] = "",
        template_sid: Annotated[str, Form()] = "",
        template_variables: Annotated[str, Form()] = "",
    ) -> Response:
        who = current(cookie)
        if who is None or not csrf_ok(who, csrf):
            return refused()
        form = {
            "text": text,
            "channel": channel,
            "linked_only": linked_only,
            "topic": topic,
            "active_days": active_days,
            "template_sid": template_sid,
            "template_variables": template_variables,
        }
        try:
            if channel not in ("telegram", "whatsapp", "all"):
                raise InvalidBroadcast("Elige un canal.")
            days = int(active_days) if active_days.strip() else None
            if days is not None and days < 1:
                raise InvalidBroadcast("Los días de actividad deben ser 1 o más.")
            variables = _variables(template_variables)
            check(text, template_sid=template_sid.strip() or None, variables=variables)
        except ValueError as exc:
            error = str(exc) if isinstance(exc, InvalidBroadcast) else "Revisa los días."
            return render(
                "new.html", title="Nuevo aviso", who=who, form=form, error=error, status=400
            )
        audience = repo.Audience(
            channel=channel,
            linked_only=bool(linked_only),
            topic=topic.strip() or None,
            active_days=days,
        )
        with services.sessions.begin() as session:
            broadcast_id = repo.create_broadcast(
                session,
                text=text.strip(),
                audience=audience,
                created_by=who.actor,
                now=services.now(),
                template_sid=template_sid.strip() or None,
                template_variables=variables,
            )
        audit(who, "create", broadcast_id)
        return RedirectResponse(f"{PREFIX}/broadcasts/{broadcast_id}", status_code=303)

    @router.get("/broadcasts/{broadcast_id}")
    def detail(
        broadcast_id: int, cookie: Annotated[str, Cookie(alias=SESSION_COOKIE)] = ""
    ) -> Response:
        who = current(cookie)
        if who is None:
            return to_login()
        with services.sessions() as session:
            view = repo.get_broadcast(session, broadcast_id)
            if view is None:
                return message("No existe", "No encontramos ese aviso.", status=404)
            reach = repo.count_audience(session, view.audience, now=services.now())
        shown = previews(
            view.text,
            channels=view.audience.channels,
            template_sid=view.template_sid,
            variables=view.template_variables,
        )
        status = shown_status(view, operator=operator)
        return render(
            "detail.html",
            title=f"Aviso {view.id}",
            who=who,
            view=view,
            shown=status,
            operator=operator,
            command=OPERATOR_COMMAND.format(id=view.id),
            reach=reach,
            reach_total=sum(reach.values()),
            previews=shown,
            refresh=status == "sending",
        )

    @router.post("/broadcasts/{broadcast_id}/send")
    def send(
        broadcast_id: int,
        cookie: Annotated[str, Cookie(alias=SESSION_COOKIE)] = "",
        csrf: Annotated[str, Form()] = "",
        confirm: Annotated[str, Form()] = "",
    ) -> Response:
        who = current(cookie)
        if who is None or not csrf_ok(who, csrf):
            return refused()
        target = RedirectResponse(f"{PREFIX}/broadcasts/{broadcast_id}", status_code=303)
        if confirm != "si":
            return target
        with services.sessions.begin() as session:
            view = repo.get_broadcast(session, broadcast_id)
            if view is None:
                return message("No existe", "No encontramos ese aviso.", status=404)
            if view.status == "draft":
                total = repo.materialise(session, broadcast_id, now=services.now())
        if view.status == "draft":
            if services.start_sending is None:
                # The audience is fixed now; the operator task sends (docs/broadcasts.md).
                audit(who, "ready", broadcast_id, recipients=total)
            else:
                audit(who, "send", broadcast_id, recipients=total)
                services.start_sending(broadcast_id)
        return target

    @router.post("/logout")
    def logout(
        cookie: Annotated[str, Cookie(alias=SESSION_COOKIE)] = "",
        csrf: Annotated[str, Form()] = "",
    ) -> Response:
        who = current(cookie)
        if who is not None and csrf_ok(who, csrf):
            audit(who, "logout", None)
        response = message("Sesión cerrada", "Cerraste la sesión de administración.", status=200)
        response.delete_cookie(SESSION_COOKIE, path=PREFIX)
        return response

    return router
