"""``build_payments_router``: /admin/pagos lists payments (newest first) and refunds one.

For admins only (the admin pages' session, re-checked on every request); the refund is a POST
with the session's CSRF token and a confirmation, audited with its result. The refund itself is
``services.refunds.Refunds`` (a remote call, with no transaction open). Nothing about cards
exists to show; the person is shown by account number only.
"""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Cookie, Form, Path, Query
from fastapi.responses import RedirectResponse, Response

from db import payments as repo
from services.errors import AbogadoError
from services.refunds import Refunds
from webhooks.admin.cookies import SESSION_COOKIE, AdminSession
from webhooks.admin.login import refused
from webhooks.admin.pages import message, render
from webhooks.admin.services import PREFIX, AdminServices, csrf_allowed, record, signed_in

log = logging.getLogger(__name__)

PAGE = f"{PREFIX}/pagos"
PAGE_SIZE = 100
PaymentId = Annotated[int, Path(ge=1, le=2**31 - 1)]
SessionCookie = Annotated[str, Cookie(alias=SESSION_COOKIE)]
STATE_NAMES = {
    "created": "Sin pagar",
    "pending": "Ficha OXXO emitida",
    "paid": "Pagado",
    "refunded": "Reembolsado",
    "failed": "Fallido",
    "expired": "Vencido",
}
DONE = {
    "ok": "Reembolso hecho.",
    "waiting": "Reembolso pedido: se verá aquí cuando el proveedor lo confirme.",
    "no": "No se pudo reembolsar ese pago: no está pagado, o aquí no se puede reembolsar.",
}


def amount_text(view: repo.PaymentView) -> str:
    if view.currency == "XTR":
        return f"{view.amount} ⭐"
    return f"${view.amount / 100:,.2f} {view.currency}"


def build_payments_router(*, services: AdminServices, refunds: Refunds | None) -> APIRouter:
    router = APIRouter(prefix=PREFIX)

    def current(cookie: str) -> AdminSession | None:
        return signed_in(services, cookie)

    @router.get("/pagos")
    def index(
        cookie: SessionCookie = "",
        antes: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
        hecho: Annotated[str, Query(max_length=8)] = "",
    ) -> Response:
        who = current(cookie)
        if who is None:
            return RedirectResponse(f"{PREFIX}/login", status_code=303)
        with services.sessions() as session:
            items = repo.recent(session, limit=PAGE_SIZE, before=antes)
        refundable = refunds.providers if refunds is not None else frozenset()
        return render(
            "payments.html",
            title="Pagos",
            who=who,
            items=items,
            refundable=refundable,
            state_names=STATE_NAMES,
            amount=amount_text,
            done=DONE.get(hecho, ""),
            older=items[-1].id if len(items) == PAGE_SIZE else None,
        )

    @router.post("/pagos/{payment_id}/reembolso")
    def refund(
        payment_id: PaymentId,
        cookie: SessionCookie = "",
        csrf: Annotated[str, Form()] = "",
        confirm: Annotated[str, Form()] = "",
    ) -> Response:
        who = current(cookie)
        if who is None:
            return refused()
        if not csrf_allowed(services, who, csrf, where="refund"):
            return refused()
        if confirm != "si":
            return RedirectResponse(PAGE, status_code=303)
        with services.sessions() as session:
            view = repo.get(session, payment_id)
        if view is None:
            return message("No existe", "No encontramos ese pago.", status=404)
        if refunds is None:
            return message("Sin reembolsos", "Este servidor no puede reembolsar.", status=503)
        try:
            ok = refunds.refund(payment_id, reason="admin", actor=who.actor)
        except AbogadoError as exc:
            log.warning("admin: refund of payment %d failed: %s", payment_id, type(exc).__name__)
            record(services, who.actor, who.sub, "refund_failed", None, payment_id=payment_id)
            text = "El proveedor de pagos no respondió. Intenta de nuevo en unos minutos."
            return message("No se pudo reembolsar", text, status=503)
        with services.sessions() as session:
            after = repo.get(session, payment_id)
        state = after.state if after is not None else "gone"
        record(
            services, who.actor, who.sub, "refund", None, payment_id=payment_id, ok=ok, state=state
        )
        outcome = "no" if not ok else ("ok" if state == "refunded" else "waiting")
        return RedirectResponse(f"{PAGE}?hecho={outcome}", status_code=303)

    return router
