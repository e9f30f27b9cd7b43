"""``build_lawyer_router``: the inbox at /abogados for the Cognito group ``abogados``: the queue,
claim, read the case package, reply, ask for a document, close with a note.

Login is the admin pages' (``/admin/login?to=abogados``): the session lives server-side
(``db.audit``) with the token's groups, its cookie is scoped to /abogados, and every request
re-checks it. Every POST carries the session's CSRF token. What a lawyer may reach is decided by
``db.lawyer_inbox`` (unclaimed requests and their own); anything else is a 404 that changes
nothing. Every view and change is audited there, in the same transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import APIRouter, Cookie, Form, Path, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.routing import APIRoute
from sqlalchemy.orm import Session

from bot.lawyer_wording import DOCUMENTS
from db import audit as records
from db import lawyer_inbox as inbox
from webhooks.admin.cookies import LAWYER_COOKIE, AdminSession
from webhooks.admin.services import (
    LAWYER_PREFIX,
    PREFIX,
    AdminServices,
    csrf_allowed,
    record,
    signed_in,
)
from webhooks.auth.oidc import LAWYER_GROUP
from webhooks.lawyers.pages import message, render

log = logging.getLogger(__name__)

# A request id in a path: a database integer, nothing that overflows a driver.
RequestId = Annotated[int, Path(ge=1, le=2**31 - 1)]
LawyerCookie = Annotated[str, Cookie(alias=LAWYER_COOKIE)]
# Lengths are checked by hand, so a long text gets a clear answer (not a 422).
Field = Annotated[str, Form()]

NOT_FOUND = "No encontramos esa solicitud, o la tomó otra persona."
# A form body larger than this is refused before it is read: a 20,000-character reply of
# accented letters is ~120 KB urlencoded, and gets the friendly length message instead.
MAX_BODY = 256 * 1024


class BoundedRoute(APIRoute):
    """Refuses a POST without a Content-Length, or a larger one than ``MAX_BODY`` (413), before
    FastAPI reads and parses the form: cheap refusals before any work, also for anonymous
    callers."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def bounded(request: Request) -> Response:
            if request.method == "POST":
                length = request.headers.get("content-length", "")
                if not (length.isascii() and length.isdigit()) or int(length) > MAX_BODY:
                    return message(
                        "Demasiado largo", "El formulario es demasiado largo.", status=413
                    )
            return await handler(request)

        return bounded


def _lawyer(who: AdminSession) -> inbox.Lawyer:
    return inbox.Lawyer(sub=who.sub, actor=who.actor)


def build_lawyer_router(*, services: AdminServices) -> APIRouter:
    router = APIRouter(prefix=LAWYER_PREFIX, route_class=BoundedRoute)

    def current(cookie: str) -> AdminSession | None:
        """The live session of this cookie whose token carried ``abogados``, else None."""
        return signed_in(services, cookie, group=LAWYER_GROUP, area="inbox")

    def to_login() -> Response:
        return RedirectResponse(f"{PREFIX}/login?to=abogados", status_code=303)

    def refused() -> Response:
        return message("Sin permiso", "Esta página es solo para abogados.", status=403)

    def allowed(who: AdminSession | None, csrf: str, *, where: str) -> bool:
        return csrf_allowed(services, who, csrf, where=where, area="inbox")

    def case_page(
        who: AdminSession, request_id: int, *, error: str = "", status: int = 200
    ) -> Response:
        with services.sessions.begin() as session:
            view = inbox.view(session, _lawyer(who), request_id, now=services.now())
        if view is None:
            return message("No existe", NOT_FOUND, status=404, who=who)
        return render(
            "case.html",
            status=status,
            title=f"Solicitud {view.id}",
            who=who,
            view=view,
            error=error,
            max_reply=inbox.MAX_REPLY_CHARS,
            max_note=inbox.MAX_NOTE_CHARS,
        )

    def act(
        who: AdminSession,
        request_id: int,
        change: Callable[[Session, inbox.Lawyer], bool],
    ) -> Response:
        with services.sessions.begin() as session:
            done = change(session, _lawyer(who))
        if not done:
            return case_page(
                who, request_id, error="Esta solicitud ya no está a tu cargo.", status=409
            )
        return RedirectResponse(f"{LAWYER_PREFIX}/casos/{request_id}", status_code=303)

    @router.get("/")
    def index(cookie: LawyerCookie = "") -> Response:
        who = current(cookie)
        if who is None:
            return to_login()
        with services.sessions() as session:
            items = inbox.queue(session, _lawyer(who))
        waiting = [i for i in items if not i.mine]
        mine = [i for i in items if i.mine]
        return render(
            "queue.html", title="Solicitudes", who=who, waiting=waiting, mine=mine, error=""
        )

    @router.get("/casos/{request_id}")
    def case(request_id: RequestId, cookie: LawyerCookie = "") -> Response:
        who = current(cookie)
        if who is None:
            return to_login()
        return case_page(who, request_id)

    @router.post("/casos/{request_id}/tomar")
    def claim(request_id: RequestId, cookie: LawyerCookie = "", csrf: Field = "") -> Response:
        who = current(cookie)
        if not allowed(who, csrf, where="claim"):
            return refused()
        assert who is not None
        with services.sessions.begin() as session:
            won = inbox.claim(session, _lawyer(who), request_id, now=services.now())
        if not won:
            return message("Ya no está disponible", NOT_FOUND, status=409, who=who)
        return RedirectResponse(f"{LAWYER_PREFIX}/casos/{request_id}", status_code=303)

    @router.post("/casos/{request_id}/responder")
    def reply(
        request_id: RequestId, cookie: LawyerCookie = "", csrf: Field = "", text: Field = ""
    ) -> Response:
        who = current(cookie)
        if not allowed(who, csrf, where="reply"):
            return refused()
        assert who is not None
        if not text.strip():
            return case_page(who, request_id, error="Escribe tu respuesta.", status=400)
        if len(text.strip()) > inbox.MAX_REPLY_CHARS:
            error = (
                f"Tu respuesta tiene {len(text.strip()):,} caracteres; el máximo es "
                f"{inbox.MAX_REPLY_CHARS:,}. Divídela en varios mensajes."
            )
            return case_page(who, request_id, error=error, status=400)
        now = services.now()
        return act(who, request_id, lambda s, me: inbox.reply(s, me, request_id, text, now=now))

    @router.post("/casos/{request_id}/documento")
    def document(
        request_id: RequestId,
        cookie: LawyerCookie = "",
        csrf: Field = "",
        document: Field = "",
        detail: Field = "",
    ) -> Response:
        who = current(cookie)
        if not allowed(who, csrf, where="document"):
            return refused()
        assert who is not None
        if len(detail) > inbox.MAX_DETAIL_CHARS:
            error = f"La aclaración admite hasta {inbox.MAX_DETAIL_CHARS} caracteres."
            return case_page(who, request_id, error=error, status=400)
        if document not in dict(DOCUMENTS):
            return case_page(who, request_id, error="Elige un documento.", status=400)
        now = services.now()
        return act(
            who,
            request_id,
            lambda s, me: inbox.ask_document(
                s, me, request_id, document=document, detail=detail, now=now
            ),
        )

    @router.post("/casos/{request_id}/cerrar")
    def close(
        request_id: RequestId,
        cookie: LawyerCookie = "",
        csrf: Field = "",
        note: Field = "",
        confirm: Field = "",
    ) -> Response:
        who = current(cookie)
        if not allowed(who, csrf, where="close"):
            return refused()
        assert who is not None
        if len(note.strip()) > inbox.MAX_NOTE_CHARS:
            error = f"La nota admite hasta {inbox.MAX_NOTE_CHARS:,} caracteres."
            return case_page(who, request_id, error=error, status=400)
        if confirm != "si":
            return case_page(
                who, request_id, error="Marca la casilla para confirmar el cierre.", status=400
            )
        now = services.now()
        return act(who, request_id, lambda s, me: inbox.close(s, me, request_id, note, now=now))

    @router.post("/salir")
    def logout(cookie: LawyerCookie = "", csrf: Field = "") -> Response:
        who = current(cookie)
        if who is not None and not allowed(who, csrf, where="logout"):
            return refused()
        if who is not None:
            with services.sessions.begin() as session:
                records.end_session(session, who.session_id)
            record(services, who.actor, who.sub, "lawyer_logout", None)
        response = message("Sesión cerrada", "Cerraste tu sesión de abogado.", status=200)
        response.delete_cookie(LAWYER_COOKIE, path=LAWYER_PREFIX)
        return response

    return router
