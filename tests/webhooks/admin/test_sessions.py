"""Admin sessions live on the server: logout and removal from the admins end them at once; the
audit log names the Cognito sub, refused logins and CSRF failures; a login state buys one token
call; a double submit of "send" starts one sender; garbage from a browser gets 4xx, never 500."""

from __future__ import annotations

import contextlib
import logging
import re
import threading
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from db.audit import AdminAction, AdminSessionRow
from db.models import User
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.webhooks.admin.conftest import BASE
from tests.webhooks.admin.rig import AdminRig, oidc_client
from tests.webhooks.admin.test_admin import ADMIN, WORKER, login
from tests.webhooks.broadcast.people import add_identities
from webhooks.admin.cookies import SESSION_COOKIE


def audit_rows(sessions: sessionmaker[Session]) -> list[tuple[str, str | None, str]]:
    with sessions() as session:
        rows = session.execute(
            select(AdminAction.actor, AdminAction.actor_sub, AdminAction.action).order_by(
                AdminAction.id
            )
        ).all()
    return [(str(a), b, str(c)) for a, b, c in rows]


def test_logout_ends_the_session_on_the_server(
    admin_rig: AdminRig, admin_sessions: sessionmaker[Session]
) -> None:
    browser, csrf = login(admin_rig, ADMIN)
    kept = browser.cookies.get(SESSION_COOKIE)
    assert kept
    assert browser.post("/admin/logout", data={"csrf": csrf}).status_code == 200
    # The cookie an attacker copied before the logout is worth nothing now.
    replay = TestClient(admin_rig.app, base_url=BASE, follow_redirects=False)
    replay.cookies.set(SESSION_COOKIE, kept, path="/admin")
    assert replay.get("/admin").status_code == 303
    with admin_sessions() as session:
        assert session.scalars(select(AdminSessionRow)).all() == []


def test_removal_from_the_admins_ends_the_session_at_once(
    admin_rig: AdminRig, admin_sessions: sessionmaker[Session]
) -> None:
    browser, _ = login(admin_rig, ADMIN)
    assert browser.get("/admin").status_code == 200
    with admin_sessions.begin() as session:
        session.execute(update(User).where(User.cognito_sub == ADMIN.sub).values(role="user"))
    assert browser.get("/admin", follow_redirects=False).status_code == 303


def test_the_session_cookie_is_random_and_only_its_hash_is_stored(
    admin_rig: AdminRig, admin_sessions: sessionmaker[Session]
) -> None:
    browser, csrf = login(admin_rig, ADMIN)
    cookie = browser.cookies.get(SESSION_COOKIE)
    assert cookie
    assert ADMIN.email not in cookie
    assert ADMIN.sub not in cookie
    assert csrf not in cookie
    with admin_sessions() as session:
        stored = session.scalars(select(AdminSessionRow.session_hash)).all()
    assert len(stored) == 1
    assert cookie not in stored[0]


def test_audit_names_the_sub_refused_logins_and_csrf_failures(
    admin_rig: AdminRig, admin_sessions: sessionmaker[Session]
) -> None:
    login(admin_rig, WORKER)
    browser, _ = login(admin_rig, ADMIN)
    assert browser.post("/admin/new", data={"text": "Hola", "csrf": "x" * 43}).status_code == 403
    rows = audit_rows(admin_sessions)
    assert ("", WORKER.sub, "login_refused") in rows
    assert (ADMIN.email, ADMIN.sub, "login") in rows
    assert (ADMIN.email, ADMIN.sub, "csrf_refused") in rows
    assert WORKER.email not in str(rows)


def _token_calls(rig: AdminRig) -> list[str]:
    """Route the provider client through the app and count calls to its token endpoint."""
    calls: list[str] = []

    def count(request: httpx.Request) -> None:
        if request.url.path.endswith("/token"):
            calls.append(request.url.path)

    http = TestClient(rig.app, base_url=BASE)
    http.event_hooks = {"request": [count], "response": []}
    rig.services.oidc = oidc_client(rig.idp, http)
    return calls


def test_a_replayed_callback_makes_no_second_token_call(admin_rig: AdminRig) -> None:
    calls = _token_calls(admin_rig)
    admin_rig.idp.next_user = ADMIN
    browser = TestClient(admin_rig.app, base_url=BASE, follow_redirects=False)
    start = browser.get("/admin/login")
    callback = browser.get(start.headers["location"].removeprefix(BASE)).headers["location"]
    cookies = dict(browser.cookies.items())
    assert browser.get(callback.removeprefix(BASE)).status_code == 303
    assert len(calls) == 1
    # Same login cookie, same URL, many times: refused before the token endpoint is called.
    for _ in range(5):
        replay = TestClient(admin_rig.app, base_url=BASE, follow_redirects=False)
        for name, value in cookies.items():
            replay.cookies.set(name, value, path="/admin/callback")
        assert replay.get(callback.removeprefix(BASE)).status_code == 400
    assert len(calls) == 1


def test_two_admin_login_tabs_both_work(admin_rig: AdminRig) -> None:
    admin_rig.idp.next_user = ADMIN
    browser = TestClient(admin_rig.app, base_url=BASE, follow_redirects=False)
    first = browser.get("/admin/login").headers["location"]
    second = browser.get("/admin/login").headers["location"]
    back_first = browser.get(first.removeprefix(BASE)).headers["location"]
    back_second = browser.get(second.removeprefix(BASE)).headers["location"]
    assert browser.get(back_first.removeprefix(BASE)).status_code == 303
    assert browser.get(back_second.removeprefix(BASE)).status_code == 303


class GateClock:
    """A real clock whose next two readings wait for each other once armed: two requests are
    held at the same point, so a check-then-act race happens every time, not by luck."""

    def __init__(self) -> None:
        self.barrier: threading.Barrier | None = None

    def arm(self) -> None:
        self.barrier = threading.Barrier(2, action=self.disarm)

    def disarm(self) -> None:
        self.barrier = None

    def __call__(self) -> datetime:
        barrier = self.barrier
        if barrier is not None:
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait(timeout=5)
        return datetime.now(UTC)


def test_double_submit_of_send_starts_one_sender(
    admin_rig: AdminRig, admin_sessions: sessionmaker[Session], fake_telegram: FakeTelegramAPI
) -> None:
    add_identities(admin_sessions, "telegram", 3)
    browser, csrf = login(admin_rig, ADMIN)
    created = browser.post("/admin/new", data={"csrf": csrf, "text": "Aviso", "channel": "all"})
    path = urlsplit(str(created.url)).path + "/send"
    cookie = browser.cookies.get(SESSION_COOKIE)
    assert cookie
    clock = GateClock()
    admin_rig.services.now = clock
    clock.arm()
    answers: list[int] = []

    def submit() -> None:
        tab = TestClient(admin_rig.app, base_url=BASE, follow_redirects=False)
        tab.cookies.set(SESSION_COOKIE, cookie, path="/admin")
        answers.append(tab.post(path, data={"csrf": csrf, "confirm": "si"}).status_code)

    tabs = [threading.Thread(target=submit) for _ in range(2)]
    for tab in tabs:
        tab.start()
    for tab in tabs:
        tab.join(30)
    admin_rig.join()
    assert answers == [303, 303]
    assert len(admin_rig.threads) == 1
    assert [a for _, _, a in audit_rows(admin_sessions)].count("send") == 1
    assert len(fake_telegram.sent()) == 3


NON_ASCII = ["é", "ñ" * 43, "😀", "\u200b", "a.é", "a" * 2000]


@pytest.mark.parametrize("value", NON_ASCII)
def test_garbage_session_cookie_is_no_session_and_no_500(
    admin_rig: AdminRig, value: str, caplog: pytest.LogCaptureFixture
) -> None:
    browser = TestClient(admin_rig.app, base_url=BASE, follow_redirects=False)
    raw = f"{SESSION_COOKIE}={value}".encode()
    with caplog.at_level(logging.WARNING):
        assert browser.get("/admin", headers={"cookie": raw}).status_code == 303
        posted = browser.post(
            "/admin/new",
            data={"csrf": value, "text": "x"},
            headers={"cookie": raw},
        )
    assert posted.status_code == 403


@pytest.mark.parametrize("value", NON_ASCII)
def test_garbage_csrf_field_gets_403_and_creates_nothing(
    admin_rig: AdminRig, admin_sessions: sessionmaker[Session], value: str
) -> None:
    browser, _ = login(admin_rig, ADMIN)
    answer = browser.post("/admin/new", data={"csrf": value, "text": "Hola", "channel": "all"})
    assert answer.status_code == 403
    answer = browser.post("/admin/broadcasts/1/send", data={"csrf": value, "confirm": "si"})
    assert answer.status_code == 403
    with admin_sessions() as session:
        assert session.scalar(select(AdminAction.id).where(AdminAction.action == "create")) is None


@pytest.mark.parametrize("value", NON_ASCII)
def test_garbage_state_on_the_callback_gets_400(
    admin_rig: AdminRig, value: str, caplog: pytest.LogCaptureFixture
) -> None:
    admin_rig.idp.next_user = ADMIN
    browser = TestClient(admin_rig.app, base_url=BASE, follow_redirects=False)
    start = browser.get("/admin/login").headers["location"]
    back = browser.get(start.removeprefix(BASE)).headers["location"]
    code = parse_qs(urlsplit(back).query)["code"][0]
    with caplog.at_level(logging.WARNING, logger="webhooks.admin"):
        answer = browser.get("/admin/callback", params={"code": code, "state": value})
    assert answer.status_code == 400
    assert "La sesión no coincide" in answer.text
    assert len([r for r in caplog.records if "malformed" in r.getMessage()]) <= 1


def test_out_of_range_ids_and_days_are_4xx(admin_rig: AdminRig) -> None:
    browser, csrf = login(admin_rig, ADMIN)
    assert browser.get("/admin/broadcasts/99999999999999999999").status_code == 422
    assert browser.get("/admin/broadcasts/0").status_code == 422
    answer = browser.post(
        "/admin/new",
        data={"csrf": csrf, "text": "Hola", "channel": "all", "active_days": "9" * 30},
    )
    assert answer.status_code == 400
    answer = browser.post(
        "/admin/new", data={"csrf": csrf, "text": "Hola", "channel": "all", "topic": "t" * 65}
    )
    assert answer.status_code == 400
    assert re.search(r"hasta 64 caracteres", answer.text)
