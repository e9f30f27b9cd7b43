""" "Continuar con Facebook" on the local profile: the link page, the callback's one retry after
a link, and the local provider's simulated Facebook, with a real database and real provider."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from abogado.logins import build_auth_services
from db import migrate
from db.cognito_presignup import USE_FACEBOOK
from db.engine import make_engine, make_sessionmaker
from db.local_idp import LocalIdpAccount
from db.models import ChatIdentity, User
from services.settings import Settings
from tests.webhooks.auth.test_routes import BASE, CHEAP, Clock, Site, _code
from webhooks.auth.local_facebook import SESSION_COOKIE, facebook_id
from webhooks.auth.routes import build_auth_router, relink_cookie_name

EMAIL = "ana@example.mx"


def _site(tmp_path: Path, **settings: object) -> Iterator[Site]:
    url = f"sqlite:///{tmp_path / 'site.db'}"
    migrate.upgrade(url)
    engine = make_engine(url)
    sessions = make_sessionmaker(engine)
    config = Settings(profile="local", data_dir=tmp_path, public_url=BASE, **settings)  # type: ignore[arg-type]
    clock = Clock()
    app = FastAPI()
    services = build_auth_services(
        config, sessions=sessions, http=TestClient(app, base_url=BASE), now=clock
    )
    assert services.local_idp is not None
    services.local_idp.hasher = CHEAP
    app.include_router(build_auth_router(settings=config, services=services))
    yield Site(config, sessions, services, app, clock)
    engine.dispose()


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    yield from _site(tmp_path)


def _query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def _to_facebook(site: Site, browser: TestClient, chat: str) -> str:
    answer = browser.post(site.issue(chat), data={"provider": "facebook"})
    assert answer.status_code == 303, answer.text
    authorize = str(answer.headers["location"])
    assert _query(authorize)["identity_provider"] == "Facebook"
    return authorize


def _facebook_login(browser: TestClient, authorize: str, email: str = EMAIL) -> str:
    """The simulated Facebook page, filled in; returns where it sends the browser."""
    page = browser.get(authorize)
    assert page.status_code == 200, page.text
    assert "Facebook (simulado)" in page.text
    form = _query(authorize) | {"email": email, "name": "Ana López"}
    form.pop("identity_provider")
    answer = browser.post("/local-idp/oauth2/facebook", data=form)
    assert answer.status_code == 303, answer.text
    return str(answer.headers["location"])


def _finish(site: Site, browser: TestClient, callback: str, chat: str) -> None:
    done = browser.get(callback)
    assert done.status_code == 200, done.text
    code = _code(done.text)
    assert site.linker().confirm_code(channel="telegram", chat_id=chat, code=code) == "linked"


def _owners(site: Site) -> dict[str, str]:
    """chat id → the ``sub`` of the account it is linked to."""
    with site.sessions() as session:
        rows = session.execute(
            select(ChatIdentity.external_id, User.cognito_sub).join(
                User, ChatIdentity.user_id == User.id
            )
        )
        return {chat: sub for chat, sub in rows}


def test_the_link_page_offers_facebook_beside_email(site: Site) -> None:
    page = site.browser().get(site.issue())
    assert 'id="continue"' in page.text
    assert 'id="continue-facebook"' in page.text
    assert "Continuar con Facebook" in page.text


def test_without_facebook_the_page_offers_email_only(tmp_path: Path) -> None:
    site = next(_site(tmp_path, cognito={"facebook": False}))
    browser = site.browser()
    path = site.issue()
    assert "continue-facebook" not in browser.get(path).text
    answer = browser.post(path, data={"provider": "facebook"})
    assert "identity_provider" not in answer.headers["location"]
    assert relink_cookie_name(
        _query(answer.headers["location"])["state"]
    ) not in answer.headers.get("set-cookie", "")


def test_facebook_first_makes_a_facebook_account_and_an_email_sign_up_is_refused(
    site: Site,
) -> None:
    browser = site.browser()
    callback = _facebook_login(browser, _to_facebook(site, browser, "1001"))
    assert "code" in _query(callback)
    _finish(site, browser, callback, "1001")
    with site.sessions() as session:
        [user] = session.scalars(select(User))
        assert user.username == f"Facebook_{facebook_id(EMAIL)}"
        assert user.email == EMAIL
    # Later, the same address on the e-mail form: refused, pointing at Facebook.
    authorize = site.to_provider(browser, site.issue("2002"))
    form = _query(authorize) | {"mode": "signup", "email": EMAIL, "password": "segura123"}
    refused = browser.post("/local-idp/oauth2/authorize", data=form)
    assert refused.status_code == 400
    assert USE_FACEBOOK in refused.text
    form["mode"] = "signin"  # a Facebook-only account has no password to sign in with
    assert browser.post("/local-idp/oauth2/authorize", data=form).status_code == 400
    assert set(_owners(site).values()) == {user.cognito_sub}


def test_email_first_then_facebook_links_and_lands_in_the_same_account(site: Site) -> None:
    browser = site.browser()
    _finish(site, browser, site.sign_up(browser, site.to_provider(browser, site.issue())), "1001")
    # Facebook with the same address: the first sign-in links, then fails like Cognito's …
    refused = _facebook_login(browser, _to_facebook(site, browser, "2002"))
    assert _query(refused)["error_description"].startswith("Already found an entry for username")
    with site.sessions() as session:
        account = session.scalars(select(LocalIdpAccount)).one()
        assert account.facebook_id == facebook_id(EMAIL)
    # … and the callback sends the browser to Facebook once more, whose session makes it instant.
    again = browser.get(refused)
    assert again.status_code == 303
    assert _query(again.headers["location"])["identity_provider"] == "Facebook"
    assert _query(again.headers["location"])["state"] == _query(refused)["state"]
    callback = browser.get(again.headers["location"])
    assert callback.status_code == 303
    _finish(site, browser, str(callback.headers["location"]), "2002")
    owners = _owners(site)
    assert owners["1001"] == owners["2002"] == account.sub


def test_the_callback_retries_a_first_link_refusal_only_once(site: Site) -> None:
    browser = site.browser()
    _finish(site, browser, site.sign_up(browser, site.to_provider(browser, site.issue())), "1001")
    refused = _facebook_login(browser, _to_facebook(site, browser, "2002"))
    assert browser.get(refused).status_code == 303
    again = browser.get(refused)  # the same refusal a second time: no loop, a page
    assert again.status_code == 400
    assert "No se pudo iniciar sesión" in again.text


def test_a_first_link_refusal_without_our_facebook_cookie_is_just_an_error(site: Site) -> None:
    browser = site.browser()
    path = site.issue()
    state = _query(site.to_provider(browser, path))["state"]  # an e-mail login: no relink cookie
    description = "Already found an entry for username Facebook_1"
    answer = browser.get(
        "/auth/callback",
        params={"error": "invalid_request", "error_description": description, "state": state},
    )
    assert answer.status_code == 400


def test_signed_in_at_facebook_already_goes_straight_back_with_a_code(site: Site) -> None:
    browser = site.browser()
    _finish(site, browser, _facebook_login(browser, _to_facebook(site, browser, "1001")), "1001")
    assert browser.cookies.get(SESSION_COOKIE)
    answer = browser.get(_to_facebook(site, browser, "2002"))
    assert answer.status_code == 303
    _finish(site, browser, str(answer.headers["location"]), "2002")
    assert len(set(_owners(site).values())) == 1


@pytest.mark.parametrize("email", ["", "no-es-correo", 'a"b@example.mx', "x" * 300 + "@e.mx"])
def test_the_simulated_facebook_page_refuses_a_bad_address(site: Site, email: str) -> None:
    browser = site.browser()
    authorize = _to_facebook(site, browser, "1001")
    form = _query(authorize) | {"email": email, "name": "Ana"}
    answer = browser.post("/local-idp/oauth2/facebook", data=form)
    assert answer.status_code == 400
    assert "correo" in answer.text


def test_facebook_is_offered_locally_and_in_aws_only_when_the_stack_says_so(
    tmp_path: Path,
) -> None:
    from webhooks.auth.routes import facebook_offered

    local = Settings(profile="local", data_dir=tmp_path, public_url=BASE)
    assert facebook_offered(local)
    aws = local.model_copy(update={"profile": "aws"})  # the rest of aws's checks do not matter
    assert not facebook_offered(aws)
    on = aws.model_copy(update={"cognito": aws.cognito.model_copy(update={"facebook": True})})
    assert facebook_offered(on)
