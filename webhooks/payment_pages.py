"""Where Stripe Checkout sends the worker back: ``/pagos/listo`` and ``/pagos/cancelado``.

Static pages: coming back here proves nothing (anyone can open the address), so they grant
nothing and read nothing; the payment counts only when Stripe's signed event arrives, and the
chat says so then.
"""

from __future__ import annotations

from html import escape

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from webhooks.auth.pages import SECURITY_HEADERS

DONE_PATH = "/pagos/listo"
CANCELLED_PATH = "/pagos/cancelado"

DONE = (
    "Gracias",
    "Si pagaste con tarjeta, en unos momentos te confirmamos el pago en el chat. Si elegiste "
    "OXXO, paga la ficha en cualquier tienda antes de que venza: cuando llegue el pago te "
    "avisamos en el chat (puede tardar hasta un día). Ya puedes cerrar esta página y volver "
    "a WhatsApp.",
)
CANCELLED = (
    "No se hizo ningún cargo",
    "Cancelaste el pago y no se te cobró nada. Si quieres intentarlo otra vez, vuelve al chat "
    "y escribe pagar.",
)


def page(title: str, text: str) -> HTMLResponse:
    html = (
        '<!doctype html><html lang="es-MX"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)} · abogado</title>"
        "<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;"
        "padding:0 1rem;line-height:1.5;color:#1b1b1b}</style></head>"
        f"<body><main><h1>{escape(title)}</h1><p>{escape(text)}</p></main></body></html>"
    )
    return HTMLResponse(html, headers=dict(SECURITY_HEADERS))


def build_payment_pages_router() -> APIRouter:
    router = APIRouter()

    @router.get(DONE_PATH)
    async def done() -> HTMLResponse:
        return page(*DONE)

    @router.get(CANCELLED_PATH)
    async def cancelled() -> HTMLResponse:
        return page(*CANCELLED)

    return router
