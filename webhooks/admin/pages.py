"""Renders the admin templates (Jinja2, autoescaped) with the same strict headers as the login
pages: no scripts at all, no framing, no caching."""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2
from fastapi.responses import HTMLResponse

from webhooks.auth.pages import SECURITY_HEADERS
from webhooks.channels import CHANNEL_TITLES

STATUS_NAMES = {
    "draft": "Borrador",
    "ready": "Listo para enviar",
    "sending": "Enviando",
    "done": "Terminado",
    "pending": "Pendientes",
    "sent": "Enviados",
    "delivered": "Entregados",
    "failed": "Fallidos",
    "skipped": "Omitidos",
    "unknown": "Sin confirmar",
}


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("webhooks.admin", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals["status_names"] = STATUS_NAMES
    env.globals["channel_names"] = CHANNEL_TITLES
    return env


def render(template: str, *, status: int = 200, **context: Any) -> HTMLResponse:
    html = _environment().get_template(template).render({"refresh": False, **context})
    return HTMLResponse(html, status_code=status, headers=dict(SECURITY_HEADERS))


def message(title: str, text: str, *, status: int) -> HTMLResponse:
    return render("message.html", status=status, title=title, text=text, who=None)
