"""The local OpenID provider, driven over HTTP by the same OidcClient that talks to Cognito."""

from __future__ import annotations

import stat
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient

from services.settings import Settings
from tests.webhooks.auth.fakes import MemoryLocalUserStore
from webhooks.auth import pkce
from webhooks.auth.errors import ProviderError, TokenRejected
from webhooks.auth.local_idp import (
    LOCAL_CLIENT_ID,
    build_local_idp_router,
    local_issuer,
    redirect_uri,
)
from webhooks.auth.local_keys import KEY_FILE, load_or_create_key
from webhooks.auth.oidc import OidcClient, discover

BASE = "http://testserver"
CHEAP = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)


class Idp:
    def __init__(self, tmp_path: Path) -> None:
        self.settings = Settings(profile="local", data_dir=tmp_path, public_url=BASE)
        self.users = MemoryLocalUserStore()
        app = FastAPI()
        app.include_router(
            build_local_idp_router(
                settings=self.settings,
                users=self.users,
                key=load_or_create_key(tmp_path),
                hasher=CHEAP,
            )
        )
        self.http = TestClient(app, base_url=BASE, follow_redirects=False)
        self.client = OidcClient(
            provider=discover(self.http, local_issuer(self.settings)),
            client_id=LOCAL_CLIENT_ID,
            redirect_uri=redirect_uri(self.settings),
            http=self.http,
        )

    def authorize(self, *, mode: str, email: str, password: str) -> tuple[str, str, str]:
        """Walk the authorize page like a browser; return (code, verifier, nonce)."""
        verifier, state, nonce = pkce.new_verifier(), pkce.new_state(), pkce.new_nonce()
        url = self.client.authorization_url(
            state=state, nonce=nonce, code_challenge=pkce.challenge_s256(verifier)
        )
        page = self.http.get(url)
        assert page.status_code == 200, page.text
        assert 'name="password"' in page.text
        form = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
        form.update(mode=mode, email=email, password=password)
        answer = self.http.post("/local-idp/oauth2/authorize", data=form)
        assert answer.status_code == 303, answer.text
        target = urlsplit(answer.headers["location"])
        assert f"{target.scheme}://{target.netloc}{target.path}" == self.client.redirect_uri
        query = parse_qs(target.query)
        assert query["state"] == [state]
        return query["code"][0], verifier, nonce


@pytest.fixture
def idp(tmp_path: Path) -> Idp:
    return Idp(tmp_path)


def test_sign_up_then_sign_in_gives_cognito_shaped_tokens(idp: Idp) -> None:
    code, verifier, nonce = idp.authorize(
        mode="signup", email="Ana@Example.mx", password="segura123"
    )
    first = idp.client.complete(code=code, code_verifier=verifier, nonce=nonce)
    assert first.email == "ana@example.mx"
    assert first.username == first.sub
    assert not first.is_admin
    code, verifier, nonce = idp.authorize(
        mode="signin", email="ana@example.mx", password="segura123"
    )
    again = idp.client.complete(code=code, code_verifier=verifier, nonce=nonce)
    assert again.sub == first.sub


def test_admin_flag_becomes_the_admins_group(idp: Idp) -> None:
    idp.authorize(mode="signup", email="jefa@example.mx", password="segura123")
    idp.users.make_admin("jefa@example.mx")
    code, verifier, nonce = idp.authorize(
        mode="signin", email="jefa@example.mx", password="segura123"
    )
    claims = idp.client.complete(code=code, code_verifier=verifier, nonce=nonce)
    assert claims.groups == ("admins",)
    assert claims.is_admin


def test_wrong_pkce_verifier_is_refused(idp: Idp) -> None:
    code, _, nonce = idp.authorize(mode="signup", email="ana@example.mx", password="segura123")
    with pytest.raises(ProviderError, match="invalid_grant"):
        idp.client.complete(code=code, code_verifier=pkce.new_verifier(), nonce=nonce)


def test_code_is_single_use(idp: Idp) -> None:
    code, verifier, nonce = idp.authorize(
        mode="signup", email="ana@example.mx", password="segura123"
    )
    idp.client.complete(code=code, code_verifier=verifier, nonce=nonce)
    with pytest.raises(ProviderError, match="invalid_grant"):
        idp.client.complete(code=code, code_verifier=verifier, nonce=nonce)


def test_nonce_from_another_session_is_refused(idp: Idp) -> None:
    code, verifier, _ = idp.authorize(mode="signup", email="ana@example.mx", password="segura123")
    with pytest.raises(TokenRejected, match="nonce"):
        idp.client.complete(code=code, code_verifier=verifier, nonce=pkce.new_nonce())


def test_token_request_with_other_redirect_uri_is_refused(idp: Idp) -> None:
    code, verifier, _ = idp.authorize(mode="signup", email="ana@example.mx", password="segura123")
    answer = idp.http.post(
        "/local-idp/oauth2/token",
        data={
            "grant_type": "authorization_code",
            "client_id": LOCAL_CLIENT_ID,
            "code": code,
            "redirect_uri": "https://evil.example/auth/callback",
            "code_verifier": verifier,
        },
    )
    assert answer.status_code == 400
    assert answer.json() == {"error": "invalid_grant"}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("redirect_uri", "https://evil.example/auth/callback"),
        ("redirect_uri", BASE + "/auth/callback/../evil"),
        ("redirect_uri", BASE + "/admin/callback/../evil"),
        ("redirect_uri", BASE + "/admin"),
        ("client_id", "someone-else"),
        ("code_challenge_method", "plain"),
        ("code_challenge", ""),
        ("state", ""),
        ("nonce", ""),
    ],
)
def test_bad_authorize_requests_get_a_spanish_error(idp: Idp, field: str, value: str) -> None:
    url = idp.client.authorization_url(state="s", nonce="n", code_challenge="c" * 43)
    params = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    params[field] = value
    page = idp.http.get("/local-idp/oauth2/authorize", params=params)
    assert page.status_code == 400
    assert "No se pudo iniciar sesión" in page.text
    params.update(mode="signup", email="ana@example.mx", password="segura123")
    assert idp.http.post("/local-idp/oauth2/authorize", data=params).status_code == 400
    assert idp.users.find("ana@example.mx") is None


def test_wrong_password_and_duplicate_sign_up(idp: Idp) -> None:
    idp.authorize(mode="signup", email="ana@example.mx", password="segura123")
    url = idp.client.authorization_url(state="s", nonce="n", code_challenge="c" * 43)
    form = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    cases = [
        (
            {"mode": "signin", "email": "ana@example.mx", "password": "otra-cosa"},
            "no son correctos",
        ),
        (
            {"mode": "signin", "email": "nadie@example.mx", "password": "segura123"},
            "no son correctos",
        ),
        ({"mode": "signup", "email": "ana@example.mx", "password": "segura123"}, "Ya existe"),
        ({"mode": "signup", "email": "no-es-correo", "password": "segura123"}, "correo"),
        ({"mode": "signup", "email": "beto@example.mx", "password": "corta"}, "8 caracteres"),
        # Longer than any address (the column is 320: MariaDB would refuse it with a 500).
        (
            {"mode": "signup", "email": "b" * 400 + "@example.mx", "password": "segura123"},
            "demasiado largos",
        ),
        (
            {"mode": "signin", "email": "ana@example.mx", "password": "x" * 100_000},
            "demasiado largos",
        ),
    ]
    for fields, message in cases:
        page = idp.http.post("/local-idp/oauth2/authorize", data={**form, **fields})
        assert page.status_code == 400
        assert message in page.text
        assert "location" not in page.headers
    assert idp.users.find("b" * 400 + "@example.mx") is None


def test_password_stored_as_argon2_hash(idp: Idp) -> None:
    idp.authorize(mode="signup", email="ana@example.mx", password="segura123")
    account = idp.users.find("ana@example.mx")
    assert account is not None
    assert account.password_hash.startswith("$argon2id$")
    assert "segura123" not in account.password_hash


def test_pages_carry_no_referrer_and_no_store(idp: Idp) -> None:
    url = idp.client.authorization_url(state="s", nonce="n", code_challenge="c" * 43)
    page = idp.http.get(url)
    assert page.headers["referrer-policy"] == "no-referrer"
    assert page.headers["cache-control"] == "no-store"
    assert "<script" not in page.text


def test_refused_in_aws_profile(tmp_path: Path) -> None:
    settings = Settings.model_construct(profile="aws", data_dir=tmp_path, public_url=BASE)
    with pytest.raises(ValueError, match="local profile"):
        build_local_idp_router(
            settings=settings,
            users=MemoryLocalUserStore(),
            key=load_or_create_key(tmp_path),
            hasher=CHEAP,
        )


def test_signing_key_is_created_once_and_private(tmp_path: Path) -> None:
    first = load_or_create_key(tmp_path)
    second = load_or_create_key(tmp_path)
    assert first.kid == second.kid
    mode = stat.S_IMODE((tmp_path / KEY_FILE).stat().st_mode)
    assert mode == 0o600
    assert "d" not in first.public_jwk()


def test_discovery_and_jwks(idp: Idp) -> None:
    doc = idp.http.get("/local-idp/.well-known/openid-configuration").json()
    assert doc["issuer"] == f"{BASE}/local-idp"
    assert doc["code_challenge_methods_supported"] == ["S256"]
    jwks = idp.http.get(doc["jwks_uri"].removeprefix(BASE)).json()
    assert [k["alg"] for k in jwks["keys"]] == ["RS256"]
    assert all("d" not in k for k in jwks["keys"])


def test_unreachable_token_endpoint_is_a_provider_error(idp: Idp) -> None:
    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("down", request=request)

    client = OidcClient(
        provider=idp.client.provider,
        client_id=LOCAL_CLIENT_ID,
        redirect_uri=idp.client.redirect_uri,
        http=httpx.Client(transport=httpx.MockTransport(down)),
    )
    with pytest.raises(ProviderError, match="unreachable"):
        client.exchange_code(code="x", code_verifier=pkce.new_verifier())


def test_admin_callback_is_allowed_and_bound_to_its_code(idp: Idp) -> None:
    """The admin pages log in through /admin/callback; a code issued for it is not valid for
    /auth/callback (the token endpoint checks the redirect the code was issued for)."""
    from webhooks.admin.routes import CALLBACK_PATH

    admin = OidcClient(
        provider=idp.client.provider,
        client_id=LOCAL_CLIENT_ID,
        redirect_uri=BASE + CALLBACK_PATH,
        http=idp.http,
    )
    idp.client, links = admin, idp.client
    code, verifier, nonce = idp.authorize(
        mode="signup", email="ana@example.mx", password="segura123"
    )
    claims = admin.complete(code=code, code_verifier=verifier, nonce=nonce)
    assert claims.email == "ana@example.mx"
    assert not claims.is_admin

    code, verifier, nonce = idp.authorize(
        mode="signin", email="ana@example.mx", password="segura123"
    )
    with pytest.raises(ProviderError):
        links.complete(code=code, code_verifier=verifier, nonce=nonce)
