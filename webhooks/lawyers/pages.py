"""Renders the inbox templates (Jinja2, autoescaped) with the admin pages' strict headers: no
scripts, no framing, no caching."""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2
from fastapi.responses import HTMLResponse

from bot.lawyer_wording import DOCUMENTS
from calc.mexico_time import MEXICO_CITY
from webhooks.auth.pages import SECURITY_HEADERS
from webhooks.channels import CHANNEL_TITLES

STATUS_NAMES = {
    "open": "Sin tomar",
    "claimed": "Tomado",
    "closed": "Cerrado",
    "cancelled": "Cancelado",
    "awaiting_payment": "Esperando pago",
}
AUTHORS = {"worker": "Trabajador", "lawyer": "Tú", "system": "Sistema"}


def when(value: Any) -> str:
    """A stored UTC time as Mexico City reads it."""
    return "" if value is None else value.astimezone(MEXICO_CITY).strftime("%d/%m/%Y %H:%M")


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("webhooks.lawyers", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    env.globals.update(
        status_names=STATUS_NAMES,
        authors=AUTHORS,
        channel_names=CHANNEL_TITLES,
        documents=DOCUMENTS,
    )
    env.filters["when"] = when
    return env


def render(template: str, *, status: int = 200, **context: Any) -> HTMLResponse:
    html = _environment().get_template(template).render(context)
    return HTMLResponse(html, status_code=status, headers=dict(SECURITY_HEADERS))


def message(title: str, text: str, *, status: int, who: Any = None) -> HTMLResponse:
    return render("message.html", status=status, title=title, text=text, who=who, error="")
