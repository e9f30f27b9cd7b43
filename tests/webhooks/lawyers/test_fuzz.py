"""Fuzz every inbox route with garbage paths, forms and cookies, signed in as a lawyer (with the
real CSRF token half of the time, so the forms behind it are reached) or not: never a 5xx, and
another lawyer's claimed request never changes."""

from __future__ import annotations

from urllib.parse import quote

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.handoff_table import HandoffRequest
from tests.webhooks.lawyers.cases import add_request
from tests.webhooks.lawyers.conftest import BASE, InboxRig
from tests.webhooks.lawyers.test_inbox import ANA, BETO, login
from webhooks.admin.cookies import LAWYER_COOKIE

FUZZ = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
texts = st.text(max_size=120) | st.sampled_from(
    ["", "é", "ñ" * 43, "😀", "\u200b", "a" * 3000, "%ff%fe", "null", "0", "-1", "9" * 40, "si"]
)
raw_values = st.binary(max_size=120).map(
    lambda b: b.replace(b"\r", b"").replace(b"\n", b"").replace(b"\x00", b"")
)
forms = st.dictionaries(
    st.sampled_from(["csrf", "text", "document", "detail", "note", "confirm", "to"]),
    texts,
    max_size=6,
)
ROUTES = [
    ("GET", "/abogados/"),
    ("GET", "/abogados/casos/{}"),
    ("POST", "/abogados/casos/{}/tomar"),
    ("POST", "/abogados/casos/{}/responder"),
    ("POST", "/abogados/casos/{}/documento"),
    ("POST", "/abogados/casos/{}/cerrar"),
    ("POST", "/abogados/salir"),
    ("GET", "/admin/login?to={}"),
]


def test_fuzz_inbox_routes(inbox_rig: InboxRig) -> None:
    others = add_request(inbox_rig.sessions, status="claimed", lawyer_sub=BETO.sub)
    add_request(inbox_rig.sessions)
    browser, csrf = login(inbox_rig, ANA)
    session_cookie = browser.cookies[LAWYER_COOKIE]

    @FUZZ
    @given(
        route=st.sampled_from(ROUTES),
        segment=texts | st.sampled_from([str(others), "1", "2"]),
        form=forms,
        cookie=st.just(session_cookie.encode()) | raw_values,
        real_csrf=st.booleans(),
    )
    def run(
        route: tuple[str, str],
        segment: str,
        form: dict[str, str],
        cookie: bytes,
        real_csrf: bool,
    ) -> None:
        method, template = route
        client = TestClient(inbox_rig.app, base_url=BASE, follow_redirects=False)
        url = template.format(quote(segment, safe="") or "x")
        headers = {"cookie": LAWYER_COOKIE.encode() + b"=" + cookie}
        if real_csrf:
            form = {**form, "csrf": csrf}
        if method == "GET":
            answer = client.get(url, headers=headers)
        else:
            answer = client.post(url, data=form, headers=headers)
        assert answer.status_code < 500, (method, url, answer.text[:200])

    run()
    with inbox_rig.sessions() as session:
        row = session.get(HandoffRequest, others)
        assert row is not None
        assert (row.status, row.lawyer_sub, row.close_note) == ("claimed", BETO.sub, None)
