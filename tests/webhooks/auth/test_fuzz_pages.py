"""Fuzz every login-link, local-provider and admin route with garbage paths, queries, forms,
cookies and headers (raw bytes included): never a 5xx. Admin garbage is also sent with a live
admin session, so the CSRF field and the forms behind it are reached."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.webhooks.admin.conftest import admin_rig, admin_sessions
from tests.webhooks.admin.rig import AdminRig
from tests.webhooks.admin.test_admin import ADMIN, login
from tests.webhooks.auth.test_routes import BASE, Site, site
from tests.webhooks.conftest import fake_telegram
from webhooks.admin.cookies import SESSION_COOKIE
from webhooks.auth.routes import COOKIE

__all__ = ["admin_rig", "admin_sessions", "fake_telegram", "site"]

FUZZ = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
texts = st.text(max_size=120) | st.sampled_from(
    ["", "é", "ñ" * 43, "😀", "\u200b", "a" * 3000, "%ff%fe", "null", "a.b", "0", "-1", "9" * 40]
)
# Header and cookie values as a browser (or a script) may send them: any byte but CR, LF, NUL.
raw_values = st.binary(max_size=120).map(
    lambda b: b.replace(b"\r", b"").replace(b"\n", b"").replace(b"\x00", b"")
) | st.tuples(texts, texts).map(lambda ab: f"{ab[0]}.{ab[1]}".encode())
forms = st.dictionaries(
    st.sampled_from(
        [
            "mode",
            "email",
            "password",
            "client_id",
            "redirect_uri",
            "state",
            "nonce",
            "code_challenge",
            "code_challenge_method",
            "grant_type",
            "code",
            "code_verifier",
            "csrf",
            "text",
            "channel",
            "linked_only",
            "topic",
            "active_days",
            "template_sid",
            "template_variables",
            "confirm",
        ]
    ),
    texts,
    max_size=8,
)
queries = st.dictionaries(
    st.sampled_from(["code", "state", "error", "client_id", "redirect_uri", "nonce", "x"]),
    texts,
    max_size=5,
)


def _headers(cookie_name: str, cookie: bytes, origin: bytes, site: bytes) -> dict[str, bytes]:
    headers = {"cookie": cookie_name.encode() + b"=" + cookie}
    if origin:
        headers["origin"] = origin
    if site:
        headers["sec-fetch-site"] = site
    return headers


def _path(template: str, segment: str) -> str:
    return template.format(quote(segment, safe="") or "x")


AUTH_ROUTES = [
    ("GET", "/link/{}"),
    ("POST", "/link/{}"),
    ("GET", "/auth/callback"),
    ("GET", "/local-idp/oauth2/authorize"),
    ("POST", "/local-idp/oauth2/authorize"),
    ("POST", "/local-idp/oauth2/token"),
    ("POST", "/local-idp/oauth2/facebook"),
    ("GET", "/local-idp/.well-known/openid-configuration"),
    ("GET", "/local-idp/.well-known/jwks.json"),
]


@FUZZ
@given(
    route=st.sampled_from(AUTH_ROUTES),
    segment=texts,
    query=queries,
    form=forms,
    cookie=raw_values,
    origin=raw_values,
    fetch_site=raw_values,
    raw_query=st.sampled_from(
        [
            "",
            "state=%ff%fe&code=%c3",
            "state&code",
            "error=%00",
            "identity_provider=Facebook&client_id=abogado-local&state=%ff",
            "error=x&error_description=Already+found+an+entry+for+username+Facebook_1&state=%ff",
        ]
    ),
)
def test_fuzz_login_and_local_provider_routes(
    site: Site,
    route: tuple[str, str],
    segment: str,
    query: dict[str, str],
    form: dict[str, str],
    cookie: bytes,
    origin: bytes,
    fetch_site: bytes,
    raw_query: str,
) -> None:
    method, template = route
    client = TestClient(site.app, base_url=BASE, follow_redirects=False)
    url = _path(template, segment) + "?" + (raw_query or urlencode(query))
    name = f"{COOKIE}_{segment[:16]}" if segment.isalnum() else COOKIE
    headers = _headers(name, cookie, origin, fetch_site)
    if method == "GET":
        answer = client.get(url, headers=headers)
    else:
        answer = client.post(url, data=form, headers=headers)
    assert answer.status_code < 500, (method, url, answer.text[:200])


ADMIN_ROUTES = [
    ("GET", "/admin"),
    ("GET", "/admin/login"),
    ("GET", "/admin/callback"),
    ("GET", "/admin/new"),
    ("POST", "/admin/new"),
    ("GET", "/admin/broadcasts/{}"),
    ("POST", "/admin/broadcasts/{}/send"),
    ("POST", "/admin/logout"),
]


@FUZZ
@given(
    route=st.sampled_from(ADMIN_ROUTES),
    segment=texts | st.integers(-(2**70), 2**70).map(str),
    query=queries,
    form=forms,
    cookie=raw_values,
    csrf=texts,
    live=st.booleans(),
    real_csrf=st.booleans(),
)
def test_fuzz_admin_routes(
    admin_rig: AdminRig,
    route: tuple[str, str],
    segment: str,
    query: dict[str, str],
    form: dict[str, str],
    cookie: bytes,
    csrf: str,
    live: bool,
    real_csrf: bool,
) -> None:
    method, template = route
    client = TestClient(admin_rig.app, base_url=BASE, follow_redirects=False)
    cookies = [SESSION_COOKIE.encode() + b"=" + cookie]
    form = {**form, "csrf": csrf}
    if live:
        browser, real = login(admin_rig, ADMIN)
        cookies = [
            SESSION_COOKIE.encode() + b"=" + (browser.cookies.get(SESSION_COOKIE) or "").encode()
        ]
        if real_csrf:
            form["csrf"] = real
    if template == "/admin/callback":
        # A login in progress: its (genuinely signed) cookie, with the fuzzed state and code.
        start = client.get("/admin/login")
        cookies = [start.headers["set-cookie"].split(";", 1)[0].encode()]
    url = _path(template, segment) + "?" + urlencode(query)
    headers = {"cookie": b"; ".join(cookies)}
    if method == "GET":
        answer = client.get(url, headers=headers)
    else:
        answer = client.post(url, data=form, headers=headers)
    assert answer.status_code < 500, (method, url, form, answer.text[:200])
    admin_rig.join()
