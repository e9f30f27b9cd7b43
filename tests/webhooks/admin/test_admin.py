"""The admin pages through FastAPI's TestClient: login only for admins, CSRF on every POST,
create → preview → confirm → send, counts, audit log."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from db import audit
from db import broadcasts as repo
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.webhooks.admin.conftest import BASE
from tests.webhooks.admin.idp import User
from tests.webhooks.admin.rig import AdminRig
from tests.webhooks.broadcast.people import add_identities
from webhooks.admin.cookies import LOGIN_COOKIE, SESSION_COOKIE
from webhooks.broadcast.compose import STOP_LINE

ADMIN = User("sub-admin", "ana@abogado.mx", ("admins",))
WORKER = User("sub-worker", "luis@example.mx")


def login(rig: AdminRig, user: User) -> tuple[TestClient, str]:
    """Sign ``user`` in; returns the browser and the page's CSRF token ('' when refused)."""
    browser = TestClient(rig.app, base_url=BASE)
    rig.idp.next_user = user
    page = browser.get("/admin")
    match = re.search(r'name="csrf" value="([^"]+)"', page.text)
    return browser, match.group(1) if match else ""


def test_anonymous_is_sent_to_login(admin_rig: AdminRig) -> None:
    browser = TestClient(admin_rig.app, base_url=BASE, follow_redirects=False)
    first = browser.get("/admin")
    assert (first.status_code, first.headers["location"]) == (303, "/admin/login")
    start = browser.get("/admin/login")
    assert start.headers["location"].startswith(f"{BASE}/fake-idp/authorize?")
    assert "code_challenge_method=S256" in start.headers["location"]
    cookie = start.headers["set-cookie"]
    assert LOGIN_COOKIE in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert "Path=/admin/callback" in cookie


def test_non_admin_gets_403_and_no_session(admin_rig: AdminRig) -> None:
    browser, csrf = login(admin_rig, WORKER)
    page = browser.get("/admin", follow_redirects=True)
    assert page.status_code == 403
    assert "solo para administradores" in page.text
    assert csrf == ""
    assert SESSION_COOKIE not in browser.cookies


def test_callback_without_the_login_cookie_is_refused(admin_rig: AdminRig) -> None:
    admin_rig.idp.next_user = ADMIN
    browser = TestClient(admin_rig.app, base_url=BASE, follow_redirects=False)
    location = browser.get("/admin/login").headers["location"]
    stranger = TestClient(admin_rig.app, base_url=BASE, follow_redirects=False)
    back = stranger.get(location.removeprefix(BASE)).headers["location"]
    assert stranger.get(back.removeprefix(BASE)).status_code == 400


def test_forged_session_cookie_is_not_a_session(admin_rig: AdminRig) -> None:
    browser = TestClient(admin_rig.app, base_url=BASE, follow_redirects=False)
    browser.cookies.set(SESSION_COOKIE, "eyJzdWIiOiJ4IiwiY3NyZiI6InkiLCJleHAiOjk5OTk5OTk5OTl9.x")
    assert browser.get("/admin").status_code == 303


def test_post_without_csrf_is_refused(
    admin_rig: AdminRig, admin_sessions: sessionmaker[Session]
) -> None:
    browser, csrf = login(admin_rig, ADMIN)
    assert csrf
    answer = browser.post("/admin/new", data={"text": "Hola", "channel": "all"})
    assert answer.status_code == 403
    answer = browser.post("/admin/new", data={"text": "Hola", "csrf": csrf + "x"})
    assert answer.status_code == 403
    with admin_sessions() as session:
        assert repo.list_broadcasts(session) == []


def test_invalid_form_is_shown_again_with_the_reason(admin_rig: AdminRig) -> None:
    browser, csrf = login(admin_rig, ADMIN)
    answer = browser.post("/admin/new", data={"csrf": csrf, "text": "x" * 1001, "channel": "all"})
    assert answer.status_code == 400
    assert "como máximo 1000" in answer.text


def test_admin_creates_previews_confirms_and_sends(
    admin_rig: AdminRig, admin_sessions: sessionmaker[Session], fake_telegram: FakeTelegramAPI
) -> None:
    chats = add_identities(admin_sessions, "telegram", 6)
    add_identities(admin_sessions, "whatsapp", 2, start=5000)
    browser, csrf = login(admin_rig, ADMIN)
    created = browser.post(
        "/admin/new",
        data={"csrf": csrf, "text": "Sube el salario mínimo.", "channel": "telegram"},
    )
    assert created.status_code == 200
    assert str(created.url).startswith(f"{BASE}/admin/broadcasts/")
    assert 'id="reach">6<' in created.text
    assert f"Sube el salario mínimo.\n\n{STOP_LINE}" in created.text
    broadcast_id = int(str(created.url).rsplit("/", 1)[1])

    # Without the confirmation box nothing is sent.
    browser.post(f"/admin/broadcasts/{broadcast_id}/send", data={"csrf": csrf})
    with admin_sessions() as session:
        view = repo.get_broadcast(session, broadcast_id)
    assert view is not None
    assert view.status == "draft"

    sent = browser.post(
        f"/admin/broadcasts/{broadcast_id}/send", data={"csrf": csrf, "confirm": "si"}
    )
    assert sent.status_code == 200
    admin_rig.join()
    assert sorted(c.chat_id for c in fake_telegram.sent()) == sorted(chats)
    page = browser.get(f"/admin/broadcasts/{broadcast_id}")
    assert 'data-count="sent">6<' in page.text
    assert "Terminado" in page.text
    listing = browser.get("/admin")
    assert f"#{broadcast_id} Sube el salario" in listing.text
    with admin_sessions() as session:
        actions = audit.admin_actions(session)
    assert actions[:3] == [
        ("ana@abogado.mx", "send", broadcast_id),
        ("ana@abogado.mx", "create", broadcast_id),
        ("ana@abogado.mx", "login", None),
    ]
    # A second confirmation (double submit) sends nothing more.
    browser.post(f"/admin/broadcasts/{broadcast_id}/send", data={"csrf": csrf, "confirm": "si"})
    admin_rig.join()
    assert len(fake_telegram.sent()) == 6


def test_pages_carry_strict_headers(admin_rig: AdminRig) -> None:
    browser, _ = login(admin_rig, ADMIN)
    page = browser.get("/admin/new")
    assert page.headers["x-frame-options"] == "DENY"
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert page.headers["cache-control"] == "no-store"
    assert "<script" not in page.text
