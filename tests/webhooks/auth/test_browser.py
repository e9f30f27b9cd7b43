"""The link page and the local provider's forms in real headless Chromium (Playwright).

The app runs under uvicorn on 127.0.0.1 in a thread and reaches its own /local-idp/ over HTTP,
exactly as ``abogado serve`` does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from sqlalchemy.orm import Session, sessionmaker

from abogado.logins import build_auth_services
from db import migrate
from db.engine import make_engine, make_sessionmaker
from db.links import SqlAccountLinker
from services.settings import Settings
from tests.browser import CHROMIUM_FLAGS, chromium, free_port, serving
from webhooks.auth.routes import build_auth_router

pytestmark = pytest.mark.browser


@dataclass
class Served:
    base: str
    sessions: sessionmaker[Session]

    def link(self, chat: str) -> str:
        linker = SqlAccountLinker(sessions=self.sessions, public_url=self.base, now=_utcnow)
        return linker.issue_link(channel="telegram", chat_id=chat)

    def confirm(self, chat: str, code: str) -> str:
        linker = SqlAccountLinker(sessions=self.sessions, public_url=self.base, now=_utcnow)
        return linker.confirm_code(channel="telegram", chat_id=chat, code=code)


def _utcnow() -> datetime:
    return datetime.now(UTC)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    url = f"sqlite:///{tmp_path / 'browser.db'}"
    migrate.upgrade(url)
    engine = make_engine(url)
    sessions = make_sessionmaker(engine)
    settings = Settings(profile="local", data_dir=tmp_path, public_url=base)
    http = httpx.Client(timeout=10.0)
    services = build_auth_services(settings, sessions=sessions, http=http)
    assert services.local_idp is not None
    services.local_idp.hasher = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)
    app = FastAPI()
    app.include_router(build_auth_router(settings=settings, services=services))
    with serving(app, port):
        yield Served(base, sessions)
    http.close()
    engine.dispose()


def test_link_page_sign_up_and_sign_in_in_chromium(served: Served) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium(), headless=True, args=CHROMIUM_FLAGS)
        page = browser.new_page()

        page.goto(served.link("1001"))
        expect(page.locator("h1")).to_have_text("Continuar para iniciar sesión")
        expect(page.locator("#chat-hint")).to_have_text("chat terminado en 1001")
        page.click("#continue")
        expect(page.locator("h1")).to_have_text("Inicia sesión")
        page.fill("#signup-email", "maria@example.mx")
        page.fill("#signup-password", "corta")
        page.evaluate("document.getElementById('signup-password').removeAttribute('minlength')")
        page.click("#signup button[type=submit]")
        expect(page.locator("[role=alert]")).to_contain_text("8 caracteres")
        page.fill("#signup-email", "maria@example.mx")
        page.fill("#signup-password", "segura123")
        page.click("#signup button[type=submit]")
        expect(page.locator("#link-code")).to_have_text(re.compile(r"^\d{3} \d{3}$"))
        code = page.locator("#link-code").inner_text().replace(" ", "")
        assert served.confirm("1001", code) == "linked"

        # A second chat, same person: the sign-in form this time, after one wrong password.
        page.goto(served.link("2002"))
        page.click("#continue")
        page.fill("#signin-email", "maria@example.mx")
        page.fill("#signin-password", "equivocada")
        page.click("#signin button[type=submit]")
        expect(page.locator("[role=alert]")).to_contain_text("no son correctos")
        page.fill("#signin-email", "maria@example.mx")
        page.fill("#signin-password", "segura123")
        page.click("#signin button[type=submit]")
        code = page.locator("#link-code").inner_text().replace(" ", "")
        assert served.confirm("2002", code) == "linked"

        # An older link, once a newer one was sent, explains itself in Spanish.
        older = served.link("3003")
        served.link("3003")
        page.goto(older)
        expect(page.locator("h1")).to_have_text("Hay un enlace más nuevo")
        browser.close()


def test_another_sites_page_cannot_start_the_login_in_chromium(served: Served) -> None:
    """A page on another origin that posts the (attacker's own) link, as a hostile site would
    for a victim signed in at the provider: Chromium's own headers get it refused."""
    from fastapi.responses import HTMLResponse
    from playwright.sync_api import expect, sync_playwright

    link = served.link("4004")
    evil = FastAPI()

    @evil.get("/")
    def lure() -> HTMLResponse:
        return HTMLResponse(
            f'<form method="post" action="{link}"><button id="go">Gana un premio</button></form>'
        )

    port = free_port()
    with serving(evil, port), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium(), headless=True, args=CHROMIUM_FLAGS)
        page = browser.new_page()
        page.goto(f"http://localhost:{port}/")
        page.click("#go")
        expect(page.locator("h1")).to_have_text("Abre el enlace desde tu chat")
        # The worker's own click on the same link still works.
        page.goto(link)
        page.click("#continue")
        expect(page.locator("h1")).to_have_text("Inicia sesión")
        browser.close()


def _owners(served: Served) -> dict[str, str]:
    """chat id → the ``sub`` of the account it is linked to."""
    from sqlalchemy import select

    from db.models import ChatIdentity, User

    with served.sessions() as session:
        rows = session.execute(
            select(ChatIdentity.external_id, User.cognito_sub).join(
                User, ChatIdentity.user_id == User.id
            )
        )
        return {chat: sub for chat, sub in rows}


def test_email_first_then_facebook_links_the_account_in_chromium(served: Served) -> None:
    """The whole flow with the simulated Facebook: the link, Cognito's refusal of the sign-in
    that linked, the one automatic retry, and the same account for both chats."""
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium(), headless=True, args=CHROMIUM_FLAGS)
        page = browser.new_page()
        page.goto(served.link("1001"))
        page.click("#continue")
        page.fill("#signup-email", "rosa@example.mx")
        page.fill("#signup-password", "segura123")
        page.click("#signup button[type=submit]")
        code = page.locator("#link-code").inner_text().replace(" ", "")
        assert served.confirm("1001", code) == "linked"

        page.goto(served.link("2002"))
        expect(page.locator("#continue-facebook")).to_have_text("Continuar con Facebook")
        page.click("#continue-facebook")
        expect(page.locator("h1")).to_have_text("Facebook (simulado)")
        page.fill("#facebook-email", "Rosa@example.mx")
        page.fill("#facebook-name", "Rosa Pérez")
        page.click("#facebook button[type=submit]")
        # Linked, refused once, retried by the callback: the code page, with no click between.
        expect(page.locator("#link-code")).to_have_text(re.compile(r"^\d{3} \d{3}$"))
        code = page.locator("#link-code").inner_text().replace(" ", "")
        assert served.confirm("2002", code) == "linked"
        browser.close()
    owners = _owners(served)
    assert owners["1001"] == owners["2002"]


def test_facebook_first_then_email_sign_up_is_refused_in_chromium(served: Served) -> None:
    from playwright.sync_api import expect, sync_playwright

    from db.cognito_presignup import USE_FACEBOOK

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium(), headless=True, args=CHROMIUM_FLAGS)
        page = browser.new_page()
        page.goto(served.link("1001"))
        page.click("#continue-facebook")
        page.fill("#facebook-email", "luis@example.mx")
        page.click("#facebook button[type=submit]")
        code = page.locator("#link-code").inner_text().replace(" ", "")
        assert served.confirm("1001", code) == "linked"

        link = served.link("2002")
        page.goto(link)
        page.click("#continue")
        page.fill("#signup-email", "luis@example.mx")
        page.fill("#signup-password", "segura123")
        page.click("#signup button[type=submit]")
        expect(page.locator("[role=alert]")).to_have_text(USE_FACEBOOK)
        # Back to the link: Facebook's session makes the second way in one click.
        page.goto(link)
        page.click("#continue-facebook")
        code = page.locator("#link-code").inner_text().replace(" ", "")
        assert served.confirm("2002", code) == "linked"
        browser.close()
    owners = _owners(served)
    assert owners["1001"] == owners["2002"]
