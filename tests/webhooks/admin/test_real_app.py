"""The admin pages on the real local runtime (``abogado.serve.build_local_app`` under uvicorn):
a local provider account that is not an admin gets 403; after ``abogado users make-admin`` the
same account signs in, sees the broadcasts and sends one from the page (local profile)."""

from __future__ import annotations

import html
import re
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from abogado.cli import main
from abogado.serve import build_local_app
from services.settings import load_settings
from tests.browser import free_port, serving
from webhooks.admin.cookies import SECRET_FILE, SESSION_COOKIE

EMAIL = "rosa@example.mx"
PASSWORD = "una-clave-larga"


@pytest.fixture
def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """``abogado serve``'s app, configured only through the environment, on a free port."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    monkeypatch.setenv("ABOGADO_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("ABOGADO_PUBLIC_URL", base)
    # No answer pipeline (no law index here); no turn runs in these tests.
    app = build_local_app(load_settings(), turns=lambda _inbound: ())
    with serving(app, port):
        yield base


def _form(page: str, form_id: str) -> tuple[str, dict[str, str]]:
    """The action and hidden fields of the form with this id."""
    found = re.search(
        rf'<form method="post" action="([^"]+)" id="{form_id}">(.*?)</form>', page, re.S
    )
    assert found, page
    fields = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', found[2])
    return html.unescape(found[1]), {name: html.unescape(value) for name, value in fields}


def sign_in(browser: httpx.Client, base: str, *, mode: str) -> httpx.Response:
    """/admin → /admin/login → the local provider's page and form → /admin/callback."""
    first = browser.get("/admin")
    assert (first.status_code, first.headers["location"]) == (303, "/admin/login")
    start = browser.get("/admin/login")
    authorize = start.headers["location"]
    assert authorize.startswith(f"{base}/local-idp/oauth2/authorize?")
    assert parse_qs(urlsplit(authorize).query)["redirect_uri"] == [f"{base}/admin/callback"]
    page = browser.get(authorize)
    assert page.status_code == 200, page.text
    action, fields = _form(page.text, mode)
    assert fields["redirect_uri"] == f"{base}/admin/callback"
    answer = browser.post(action, data={**fields, "email": EMAIL, "password": PASSWORD})
    assert answer.status_code == 303, answer.text
    back = answer.headers["location"]
    assert back.startswith(f"{base}/admin/callback?code=")
    return browser.get(back)


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found, page
    return found[1]


def test_non_admin_is_refused_until_made_admin(
    served: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with httpx.Client(base_url=served, timeout=20.0) as browser:
        refused = sign_in(browser, served, mode="signup")
        assert refused.status_code == 403
        assert "solo para administradores" in refused.text
        assert SESSION_COOKIE not in browser.cookies
        assert browser.get("/admin").status_code == 303  # still no session

    assert main(["users", "make-admin", EMAIL]) == 0
    assert f"{EMAIL} is now an admin" in capsys.readouterr().out

    with httpx.Client(base_url=served, timeout=20.0) as browser:
        welcome = sign_in(browser, served, mode="signin")
        assert (welcome.status_code, welcome.headers["location"]) == (303, "/admin")
        listing = browser.get("/admin")
        assert listing.status_code == 200
        assert "<h1>Avisos</h1>" in listing.text
        assert "Todavía no hay avisos." in listing.text
        assert EMAIL in listing.text
        csrf = _csrf(listing.text)

        # Local profile: confirming sends from this process (nobody to reach here: done at once).
        created = browser.post("/admin/new", data={"csrf": csrf, "text": "Aviso de prueba"})
        assert created.status_code == 303
        detail = created.headers["location"]
        assert "Dejar listo para enviar" not in browser.get(detail).text
        sent = browser.post(f"{detail}/send", data={"csrf": csrf, "confirm": "si"})
        assert sent.status_code == 303
        deadline = time.monotonic() + 30
        while "Terminado" not in (page := browser.get(detail).text):
            assert time.monotonic() < deadline, page
            time.sleep(0.1)
        assert "Cómo enviarlo" not in page
    # The local profile keeps its cookie key in a file under data_dir.
    assert (tmp_path / SECRET_FILE).stat().st_mode & 0o777 == 0o600
