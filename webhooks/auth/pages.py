"""Renders the auth package's Spanish HTML pages with headers fit for pages that carry tokens.

``no-referrer`` and ``no-store`` keep the one-time token out of Referer headers and caches. The
link page says ``same-origin`` instead: its own POST then carries a real ``Origin`` (under
``no-referrer`` browsers send ``Origin: null``), and no other site ever sees the token.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2
from fastapi.responses import HTMLResponse

SECURITY_HEADERS = {
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'"
    ),
}


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("webhooks.auth", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )


def render(
    template: str, *, status_code: int = 200, referrer_policy: str = "no-referrer", **context: Any
) -> HTMLResponse:
    html = _environment().get_template(template).render(referrer_policy=referrer_policy, **context)
    headers = dict(SECURITY_HEADERS, **{"Referrer-Policy": referrer_policy})
    return HTMLResponse(html, status_code=status_code, headers=headers)


def error_page(title: str, message: str, *, status_code: int) -> HTMLResponse:
    return render("message.html", status_code=status_code, title=title, message=message)
