"""The link pages and the callback on the local profile: real database, real provider."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from abogado.logins import build_auth_services
from db import migrate
from db.engine import make_engine, make_sessionmaker
from db.links import SqlAccountLinker
from services.settings import Settings
from webhooks.auth.oidc import OidcClient
from webhooks.auth.routes import COOKIE, AuthServices, build_auth_router, cookie_name

BASE = "http://testserver"
CHEAP = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)
PREVIEW_AGENTS = ("TelegramBot (like TwitterBot)", "WhatsApp/2.23.20.0", "facebookexternalhit/1.1")


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Site:
    settings: Settings
    sessions: sessionmaker[Session]
    services: AuthServices
    app: FastAPI
    clock: Clock

    def browser(self) -> TestClient:
        return TestClient(self.app, base_url=BASE, follow_redirects=False)

    def linker(self) -> SqlAccountLinker:
        return SqlAccountLinker(sessions=self.sessions, public_url=BASE, now=self.clock)

    def issue(self, chat: str = "1001", channel: str = "telegram") -> str:
        url = self.linker().issue_link(channel=channel, chat_id=chat)  # type: ignore[arg-type]
        return urlsplit(url).path

    def to_provider(self, browser: TestClient, link_path: str) -> str:
        answer = browser.post(link_path)
        assert answer.status_code == 303, answer.text
        return str(answer.headers["location"])

    def sign_up(
        self, browser: TestClient, authorize_url: str, email: str = "ana@example.mx"
    ) -> str:
        """Fill the provider's form; returns the callback URL it redirects to."""
        page = browser.get(authorize_url)
        assert page.status_code == 200
        form = {k: v[0] for k, v in parse_qs(urlsplit(authorize_url).query).items()}
        form.update(mode="signup", email=email, password="segura123")
        answer = browser.post("/local-idp/oauth2/authorize", data=form)
        if answer.status_code == 400 and "Ya existe" in answer.text:
            form["mode"] = "signin"
            answer = browser.post("/local-idp/oauth2/authorize", data=form)
        assert answer.status_code == 303, answer.text
        return str(answer.headers["location"])


def _code(page: str) -> str:
    found = re.search(r'id="link-code">(\d{3}) (\d{3})<', page)
    assert found, page
    return found[1] + found[2]


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    url = f"sqlite:///{tmp_path / 'site.db'}"
    migrate.upgrade(url)
    engine = make_engine(url)
    sessions = make_sessionmaker(engine)
    settings = Settings(profile="local", data_dir=tmp_path, public_url=BASE)
    clock = Clock()
    app = FastAPI()
    server_side = TestClient(app, base_url=BASE)
    services = build_auth_services(settings, sessions=sessions, http=server_side, now=clock)
    assert services.local_idp is not None
    services.local_idp.hasher = CHEAP
    app.include_router(build_auth_router(settings=settings, services=services))
    yield Site(settings, sessions, services, app, clock)
    engine.dispose()


def test_link_page_login_code_and_chat_confirmation(site: Site) -> None:
    browser = site.browser()
    path = site.issue()
    page = browser.get(path)
    assert page.status_code == 200
    assert "Continuar para iniciar sesión" in page.text
    assert "chat terminado en 1001" in page.text
    authorize = site.to_provider(browser, path)
    query = parse_qs(urlsplit(authorize).query)
    assert authorize.startswith(f"{BASE}/local-idp/oauth2/authorize?")
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["code_challenge"][0]) == 43
    assert query["redirect_uri"] == [f"{BASE}/auth/callback"]
    assert path.rsplit("/", 1)[1] not in authorize  # the link token never reaches the provider
    callback = site.sign_up(browser, authorize)
    done = browser.get(callback)
    assert done.status_code == 200, done.text
    assert "escribe este código en el chat" in done.text.lower()
    code = _code(done.text)
    # The page names the chat the code is for, and warns never to share it.
    assert re.search(r'id="code-channel">Telegram<', done.text)
    assert 'id="chat-hint">chat terminado en 1001<' in done.text
    assert "Nunca compartas este código" in done.text
    assert site.linker().confirm_code(channel="whatsapp", chat_id="1001", code=code) == "expired"
    assert site.linker().confirm_code(channel="telegram", chat_id="1001", code=code) == "linked"
    assert browser.get(path).status_code == 410  # used


def test_get_with_preview_agents_does_not_consume(site: Site) -> None:
    path = site.issue()
    for agent in PREVIEW_AGENTS:
        preview = httpx.Client(transport=site.browser()._transport, base_url=BASE)
        assert preview.get(path, headers={"User-Agent": agent}).status_code == 200
    browser = site.browser()
    done = browser.get(site.sign_up(browser, site.to_provider(browser, path)))
    assert done.status_code == 200


def test_token_pages_send_no_referrer_and_no_store(site: Site) -> None:
    page = site.browser().get(site.issue())
    # same-origin: the token never reaches another site, and "Continuar" sends a real Origin.
    assert page.headers["referrer-policy"] == "same-origin"
    assert '<meta name="referrer" content="same-origin">' in page.text
    error = site.browser().get("/link/" + "x" * 43)
    assert error.headers["referrer-policy"] == "no-referrer"
    assert page.headers["cache-control"] == "no-store"
    assert not re.search(r"<(script|img|iframe)\b", page.text)


def test_state_cookie_is_httponly_lax_and_scoped(site: Site) -> None:
    answer = site.browser().post(site.issue())
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}_")
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert "Path=/auth/callback" in cookie


@pytest.mark.parametrize("change", ["tampered", "missing", "other-browser"])
def test_bad_state_is_refused_before_any_exchange(site: Site, change: str) -> None:
    browser = site.browser()
    callback = site.sign_up(browser, site.to_provider(browser, site.issue()))
    parts = urlsplit(callback)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    client = browser
    if change == "tampered":
        query["state"] = query["state"][:-2] + "xx"
    elif change == "missing":
        del query["state"]
    else:
        client = site.browser()  # no cookie: the login did not start in this browser
    refused = client.get(parts.path, params=query)
    assert refused.status_code == 400
    assert "La sesión no coincide" in refused.text
    # The code was not spent on an exchange: the genuine callback still works.
    assert browser.get(callback).status_code == 200


def test_replayed_callback_is_refused(site: Site) -> None:
    browser = site.browser()
    callback = site.sign_up(browser, site.to_provider(browser, site.issue()))
    name = cookie_name(parse_qs(urlsplit(callback).query)["state"][0])
    cookie = browser.cookies.get(name)
    assert cookie
    assert browser.get(callback).status_code == 200
    browser.cookies.set(name, cookie, path="/auth/callback")
    assert browser.get(callback).status_code == 400


@pytest.mark.parametrize(
    ("setup", "status", "title"),
    [
        ("unknown", 404, "Enlace no válido"),
        ("expired", 410, "El enlace ya venció"),
        ("replaced", 410, "Hay un enlace más nuevo"),
    ],
)
def test_dead_links_get_clear_pages(site: Site, setup: str, status: int, title: str) -> None:
    path = site.issue()
    if setup == "unknown":
        path = "/link/" + "x" * 43
    elif setup == "expired":
        site.clock.now += timedelta(minutes=10, seconds=1)
    else:
        site.issue()
    browser = site.browser()
    for answer in (browser.get(path), browser.post(path)):
        assert answer.status_code == status
        assert title in answer.text


def test_link_expiring_during_login_is_refused_at_callback(site: Site) -> None:
    browser = site.browser()
    callback = site.sign_up(browser, site.to_provider(browser, site.issue()))
    site.clock.now += timedelta(minutes=11)
    answer = browser.get(callback)
    assert answer.status_code == 410
    assert "El enlace caducó" in answer.text
    assert "La sesión no coincide" not in answer.text


def test_provider_error_redirect_gets_a_spanish_page(site: Site) -> None:
    answer = site.browser().get("/auth/callback", params={"error": "access_denied", "state": "s"})
    assert answer.status_code == 400
    assert "No se pudo iniciar sesión" in answer.text


def test_unreachable_token_endpoint_gets_a_502_page(site: Site) -> None:
    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("down", request=request)

    site.services.oidc = OidcClient(
        provider=site.services.oidc.provider,
        client_id=site.services.oidc.client_id,
        redirect_uri=site.services.oidc.redirect_uri,
        http=httpx.Client(transport=httpx.MockTransport(down)),
    )
    browser = site.browser()
    answer = browser.get(site.sign_up(browser, site.to_provider(browser, site.issue())))
    assert answer.status_code == 502
    assert "no respondió" in answer.text


def test_aws_profile_has_no_local_provider(tmp_path: Path) -> None:
    settings = Settings.model_construct(
        profile="aws",
        data_dir=tmp_path,
        public_url="https://abogado.example.mx",
        cognito=Settings().cognito.model_copy(
            update={"domain": "auth.example.mx", "client_id": "abc", "user_pool_id": "us-east-1_X"}
        ),
    )
    url = f"sqlite:///{tmp_path / 'aws.db'}"
    migrate.upgrade(url)
    engine = make_engine(url)
    services = build_auth_services(settings, sessions=make_sessionmaker(engine))
    assert services.local_idp is None
    assert services.oidc.provider.token_endpoint == "https://auth.example.mx/oauth2/token"
    app = FastAPI()
    app.include_router(build_auth_router(settings=settings, services=services))
    client = TestClient(app)
    assert client.get("/local-idp/.well-known/openid-configuration").status_code == 404
    engine.dispose()
