"""``build_admin_router``: /admin pages to list, create, preview and send broadcasts.

Login: the same OpenID client as the link pages (code + PKCE, ``state`` and ``nonce`` in a signed
HttpOnly cookie per state; each state buys one token call), redirect ``/admin/callback``; only ID
tokens with the ``admins`` group get a session, kept server-side (``db.audit``) and re-checked
against the user's role on every request. Every POST carries the session's CSRF token; every
action, refused login and CSRF failure is audited with the Cognito ``sub``.
Where this process cannot keep sending (Lambda), confirming records the broadcast as ready and
the page shows the operator command instead of pretending to send.
"""

from __future__ import annotations

import logging
from typing import Annotated, Any

from fastapi import APIRouter, Cookie, Form, Path
from fastapi.responses import RedirectResponse, Response

from db import audit as records
from db import broadcasts as repo
from services.settings import Settings
from webhooks.admin.cookies import SESSION_COOKIE, AdminSession
from webhooks.admin.login import build_login_router, refused
from webhooks.admin.pages import message, render
from webhooks.admin.services import (
    CALLBACK_PATH,
    PREFIX,
    AdminServices,
    csrf_allowed,
    record,
    signed_in,
)
from webhooks.broadcast.compose import InvalidBroadcast, check, previews
from webhooks.channels import CHANNEL_NAMES

log = logging.getLogger(__name__)

__all__ = ["CALLBACK_PATH", "AdminServices", "build_admin_router"]


OPERATOR_COMMAND = "abogado broadcast send {id}"
MAX_ACTIVE_DAYS = 3650
MAX_FIELD = 64  # broadcasts.topic and template_sid columns
# A broadcast id in a path: a database integer, nothing that overflows a driver.
BroadcastId = Annotated[int, Path(ge=1, le=2**31 - 1)]
SessionCookie = Annotated[str, Cookie(alias=SESSION_COOKIE)]


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
    router.include_router(build_login_router(settings=settings, services=services))
    operator = services.start_sending is None

    def current(cookie: str) -> AdminSession | None:
        return signed_in(services, cookie)

    def audit(
        actor: str, sub: str | None, action: str, broadcast_id: int | None, **detail: Any
    ) -> None:
        record(services, actor, sub, action, broadcast_id, **detail)

    def allowed(who: AdminSession | None, csrf: str, *, where: str) -> bool:
        return csrf_allowed(services, who, csrf, where=where)

    def to_login() -> Response:
        return RedirectResponse(f"{PREFIX}/login", status_code=303)

    @router.get("")
    def index(cookie: SessionCookie = "") -> Response:
        who = current(cookie)
        if who is None:
            return to_login()
        with services.sessions() as session:
            items = repo.list_broadcasts(session)
        shown = {b.id: shown_status(b, operator=operator) for b in items}
        busy = any(status == "sending" for status in shown.values())
        return render("list.html", title="Avisos", who=who, items=items, shown=shown, refresh=busy)

    @router.get("/new")
    def new(cookie: SessionCookie = "") -> Response:
        who = current(cookie)
        if who is None:
            return to_login()
        return render("new.html", title="Nuevo aviso", who=who, form={}, error="")

    @router.post("/new")
    def create(
        cookie: SessionCookie = "",
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
        if not allowed(who, csrf, where="new"):
            return refused()
        assert who is not None
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
            if channel not in (*CHANNEL_NAMES, "all"):
                raise InvalidBroadcast("Elige un canal.")
            days = int(active_days) if active_days.strip() else None
            if days is not None and not 1 <= days <= MAX_ACTIVE_DAYS:
                raise InvalidBroadcast(f"Los días de actividad van de 1 a {MAX_ACTIVE_DAYS}.")
            if len(topic.strip()) > MAX_FIELD or len(template_sid.strip()) > MAX_FIELD:
                raise InvalidBroadcast("El tema y el ContentSid admiten hasta 64 caracteres.")
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
        audit(who.actor, who.sub, "create", broadcast_id)
        return RedirectResponse(f"{PREFIX}/broadcasts/{broadcast_id}", status_code=303)

    @router.get("/broadcasts/{broadcast_id}")
    def detail(broadcast_id: BroadcastId, cookie: SessionCookie = "") -> Response:
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
        broadcast_id: BroadcastId,
        cookie: SessionCookie = "",
        csrf: Annotated[str, Form()] = "",
        confirm: Annotated[str, Form()] = "",
    ) -> Response:
        who = current(cookie)
        if not allowed(who, csrf, where="send"):
            return refused()
        assert who is not None
        target = RedirectResponse(f"{PREFIX}/broadcasts/{broadcast_id}", status_code=303)
        if confirm != "si":
            return target
        with services.sessions.begin() as session:
            if repo.get_broadcast(session, broadcast_id) is None:
                return message("No existe", "No encontramos ese aviso.", status=404)
            # Only the request that moves it out of draft starts anything (a double submit,
            # or two admins at once, start one sender).
            total = repo.start(session, broadcast_id, now=services.now())
        if total is None:
            return target
        if services.start_sending is None:
            # The audience is fixed now; the operator task sends (docs/broadcasts.md).
            audit(who.actor, who.sub, "ready", broadcast_id, recipients=total)
        else:
            audit(who.actor, who.sub, "send", broadcast_id, recipients=total)
            services.start_sending(broadcast_id)
        return target

    @router.post("/logout")
    def logout(cookie: SessionCookie = "", csrf: Annotated[str, Form()] = "") -> Response:
        who = current(cookie)
        if who is not None and not allowed(who, csrf, where="logout"):
            return refused()
        if who is not None:
            with services.sessions.begin() as session:
                records.end_session(session, who.session_id)
            audit(who.actor, who.sub, "logout", None)
        response = message("Sesión cerrada", "Cerraste la sesión de administración.", status=200)
        response.delete_cookie(SESSION_COOKIE, path=PREFIX)
        return response

    return router
