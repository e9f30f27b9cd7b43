"""The lawyers' inbox through FastAPI's TestClient, route by route: who may reach what, the
queue, claim → read → reply → ask for a document → close, bad input, CSRF, and the audit log."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update

from db import audit
from db.handoff_table import HandoffMessage, HandoffRequest
from db.notice_table import NoticeRow
from tests.webhooks.admin.idp import User
from tests.webhooks.lawyers.cases import add_request
from tests.webhooks.lawyers.conftest import BASE, InboxRig
from webhooks.admin.cookies import LAWYER_COOKIE, SESSION_COOKIE

ANA = User("sub-ana", "ana@despacho.mx", ("abogados",))
BETO = User("sub-beto", "beto@despacho.mx", ("abogados",))
ADMIN = User("sub-admin", "root@abogado.mx", ("admins",))
WORKER = User("sub-worker", "luis@example.mx")
POSTS = ("tomar", "responder", "documento", "cerrar")


def login(rig: InboxRig, user: User) -> tuple[TestClient, str]:
    """Sign ``user`` in to the inbox; the browser and the page's CSRF token ('' when refused)."""
    browser = TestClient(rig.app, base_url=BASE)
    rig.idp.next_user = user
    page = browser.get("/abogados/")
    match = re.search(r'name="csrf" value="([^"]+)"', page.text)
    return browser, match.group(1) if match else ""


def state(rig: InboxRig, request_id: int) -> tuple[str, str | None, int, int]:
    """(status, lawyer, messages, notices) of a request: what a refused call must not change."""
    with rig.sessions() as session:
        row = session.get(HandoffRequest, request_id)
        assert row is not None
        messages = session.scalar(
            select(func.count()).where(HandoffMessage.request_id == request_id)
        )
        notices = session.scalar(
            select(func.count()).where(NoticeRow.identity_id == row.identity_id)
        )
        return row.status, row.lawyer_sub, int(messages or 0), int(notices or 0)


def actions(rig: InboxRig) -> list[tuple[str, str, int | None]]:
    with rig.sessions() as session:
        return audit.admin_actions(session)


def test_anonymous_is_sent_to_the_lawyers_login_and_changes_nothing(inbox_rig: InboxRig) -> None:
    request_id = add_request(inbox_rig.sessions)
    browser = TestClient(inbox_rig.app, base_url=BASE, follow_redirects=False)
    for path in ("/abogados/", f"/abogados/casos/{request_id}"):
        answer = browser.get(path)
        assert (answer.status_code, answer.headers["location"]) == (
            303,
            "/admin/login?to=abogados",
        )
    for action in POSTS:
        answer = browser.post(f"/abogados/casos/{request_id}/{action}", data={"text": "hola"})
        assert answer.status_code == 403
    assert state(inbox_rig, request_id) == ("open", None, 0, 0)


def test_a_worker_without_the_group_gets_403_and_no_session(inbox_rig: InboxRig) -> None:
    browser, csrf = login(inbox_rig, WORKER)
    page = browser.get("/abogados/")
    assert page.status_code == 403
    assert "solo para abogados" in page.text
    assert csrf == ""
    assert LAWYER_COOKIE not in browser.cookies
    assert ("", "login_refused", None) in actions(inbox_rig)


def test_an_admin_who_is_not_a_lawyer_is_refused_from_the_inbox(inbox_rig: InboxRig) -> None:
    browser, csrf = login(inbox_rig, ADMIN)
    assert browser.get("/abogados/").status_code == 403
    assert csrf == ""


def test_a_lawyer_who_is_not_an_admin_is_refused_from_admin(inbox_rig: InboxRig) -> None:
    browser, csrf = login(inbox_rig, ANA)
    assert csrf
    assert browser.get("/abogados/").status_code == 200
    page = browser.get("/admin")
    assert page.status_code == 403
    assert "solo para administradores" in page.text
    assert SESSION_COOKIE not in browser.cookies
    # The inbox session's id is no admin session either, whatever cookie carries it.
    raw = browser.cookies[LAWYER_COOKIE]
    bare = TestClient(inbox_rig.app, base_url=BASE, follow_redirects=False)
    assert bare.get("/admin", headers={"cookie": f"{SESSION_COOKIE}={raw}"}).status_code == 303


def test_the_queue_shows_unclaimed_requests_and_ones_own_only(inbox_rig: InboxRig) -> None:
    sessions = inbox_rig.sessions
    waiting = add_request(sessions)
    bobs = add_request(sessions, status="claimed", lawyer_sub=BETO.sub)
    mine = add_request(sessions, status="claimed", lawyer_sub=ANA.sub)
    cancelled = add_request(sessions, status="cancelled")
    unpaid = add_request(sessions, status="awaiting_payment")
    browser, _ = login(inbox_rig, ANA)
    page = browser.get("/abogados/").text
    shown = {int(n) for n in re.findall(r'data-request="(\d+)"', page)}
    assert shown == {waiting, mine}
    assert {bobs, cancelled, unpaid}.isdisjoint(shown)
    assert "me corrieron" not in page  # no personal data before a claim


def test_claim_read_reply_ask_and_close_each_reach_the_worker_once(inbox_rig: InboxRig) -> None:
    request_id = add_request(inbox_rig.sessions, channel="whatsapp")
    browser, csrf = login(inbox_rig, ANA)
    before = browser.get(f"/abogados/casos/{request_id}")
    assert "me corrieron" not in before.text  # the package shows only after the claim
    assert "Tomar esta solicitud" in before.text

    claimed = browser.post(f"/abogados/casos/{request_id}/tomar", data={"csrf": csrf})
    assert claimed.status_code == 200
    assert "me corrieron sin darme ninguna carta" in claimed.text
    assert state(inbox_rig, request_id) == ("claimed", ANA.sub, 0, 1)

    reply = "Tienes derecho a tu liquidación: 3 meses de salario (Art. 48)."
    browser.post(f"/abogados/casos/{request_id}/responder", data={"csrf": csrf, "text": reply})
    browser.post(
        f"/abogados/casos/{request_id}/documento",
        data={"csrf": csrf, "document": "recibos", "detail": "Los de los últimos 3 meses."},
    )
    page = browser.post(
        f"/abogados/casos/{request_id}/cerrar",
        data={"csrf": csrf, "note": "Ve a la conciliación con tus recibos.", "confirm": "si"},
    )
    assert page.status_code == 200
    assert "Cerraste el caso" in page.text
    assert state(inbox_rig, request_id) == ("closed", ANA.sub, 3, 4)

    with inbox_rig.sessions() as session:
        kinds = session.execute(
            select(HandoffMessage.author, HandoffMessage.kind).order_by(HandoffMessage.id)
        ).all()
        sent = session.execute(
            select(NoticeRow.kind, NoticeRow.text, NoticeRow.whatsapp_template).order_by(
                NoticeRow.id
            )
        ).all()
    assert [tuple(k) for k in kinds] == [
        ("lawyer", "text"),
        ("lawyer", "document_request"),
        ("lawyer", "close"),
    ]
    assert [s[0] for s in sent] == [
        "handoff_claimed",
        "lawyer_reply",
        "lawyer_reply",
        "handoff_closed",
    ]
    assert reply in sent[1][1]
    assert "tus recibos de nómina" in sent[2][1]
    assert "del 1 (nada) al 5 (mucho)" in sent[3][1]
    assert [s[2] for s in sent[1:]] == ["handoff"] * 3
    done = {a for _, a, _ in actions(inbox_rig)}
    assert {
        "lawyer_login",
        "lawyer_view",
        "lawyer_claim",
        "lawyer_reply",
        "lawyer_document",
        "lawyer_close",
    } <= done


def test_every_view_is_audited_with_the_request(inbox_rig: InboxRig) -> None:
    request_id = add_request(inbox_rig.sessions)
    browser, _ = login(inbox_rig, ANA)
    browser.get(f"/abogados/casos/{request_id}")
    browser.get(f"/abogados/casos/{request_id}")
    with inbox_rig.sessions() as session:
        views = session.execute(
            select(audit.AdminAction.actor_sub, audit.AdminAction.detail).where(
                audit.AdminAction.action == "lawyer_view"
            )
        ).all()
    assert [(sub, detail) for sub, detail in views] == [(ANA.sub, {"request_id": request_id})] * 2


def test_a_lawyer_cannot_read_reply_to_or_close_another_lawyers_case(
    inbox_rig: InboxRig,
) -> None:
    request_id = add_request(inbox_rig.sessions, status="claimed", lawyer_sub=BETO.sub)
    browser, csrf = login(inbox_rig, ANA)
    page = browser.get(f"/abogados/casos/{request_id}")
    assert page.status_code == 404
    assert "me corrieron" not in page.text
    forms = {
        "tomar": {},
        "responder": {"text": "Hola"},
        "documento": {"document": "contrato"},
        "cerrar": {"note": "fin", "confirm": "si"},
    }
    for action, data in forms.items():
        answer = browser.post(f"/abogados/casos/{request_id}/{action}", data={"csrf": csrf, **data})
        assert answer.status_code in (404, 409), action
        assert "me corrieron" not in answer.text
    assert state(inbox_rig, request_id) == ("claimed", BETO.sub, 0, 0)
    refused = {a for _, a, _ in actions(inbox_rig)}
    assert {
        "lawyer_view_refused",
        "lawyer_claim_lost",
        "lawyer_reply_refused",
        "lawyer_document_refused",
        "lawyer_close_refused",
    } <= refused


def test_the_second_claim_loses(inbox_rig: InboxRig) -> None:
    request_id = add_request(inbox_rig.sessions)
    ana, ana_csrf = login(inbox_rig, ANA)
    beto, beto_csrf = login(inbox_rig, BETO)
    assert ana.post(f"/abogados/casos/{request_id}/tomar", data={"csrf": ana_csrf}).is_success
    lost = beto.post(f"/abogados/casos/{request_id}/tomar", data={"csrf": beto_csrf})
    assert lost.status_code == 409
    assert state(inbox_rig, request_id) == ("claimed", ANA.sub, 0, 1)


def test_a_20000_character_reply_is_refused_with_a_message(inbox_rig: InboxRig) -> None:
    request_id = add_request(inbox_rig.sessions, status="claimed", lawyer_sub=ANA.sub)
    browser, csrf = login(inbox_rig, ANA)
    answer = browser.post(
        f"/abogados/casos/{request_id}/responder", data={"csrf": csrf, "text": "a" * 20_000}
    )
    assert answer.status_code == 400
    assert "20,000 caracteres" in answer.text
    assert "el máximo es 1,400" in answer.text
    blank = browser.post(f"/abogados/casos/{request_id}/responder", data={"csrf": csrf})
    assert blank.status_code == 400
    unchecked = browser.post(f"/abogados/casos/{request_id}/cerrar", data={"csrf": csrf})
    assert unchecked.status_code == 400
    odd = browser.post(
        f"/abogados/casos/{request_id}/documento", data={"csrf": csrf, "document": "pasaporte"}
    )
    assert odd.status_code == 400
    assert state(inbox_rig, request_id) == ("claimed", ANA.sub, 0, 0)


@pytest.mark.parametrize("path", ["999999", "0", "-1", "abc", str(2**40), "1%00"])
def test_unknown_or_malformed_ids_are_404_or_422_never_500(inbox_rig: InboxRig, path: str) -> None:
    browser, csrf = login(inbox_rig, ANA)
    assert browser.get(f"/abogados/casos/{path}").status_code in (404, 422)
    for action in POSTS:
        answer = browser.post(
            f"/abogados/casos/{path}/{action}",
            data={"csrf": csrf, "text": "x", "document": "otro", "confirm": "si"},
        )
        assert answer.status_code in (404, 409, 422), (path, action)


def test_a_wrong_csrf_token_is_refused_audited_and_changes_nothing(inbox_rig: InboxRig) -> None:
    request_id = add_request(inbox_rig.sessions)
    browser, _ = login(inbox_rig, ANA)
    answer = browser.post(f"/abogados/casos/{request_id}/tomar", data={"csrf": "forged"})
    assert answer.status_code == 403
    assert state(inbox_rig, request_id) == ("open", None, 0, 0)
    assert (ANA.email, "csrf_refused", None) in actions(inbox_rig)


def test_logging_out_ends_the_session(inbox_rig: InboxRig) -> None:
    browser, csrf = login(inbox_rig, ANA)
    raw = browser.cookies[LAWYER_COOKIE]
    assert browser.post("/abogados/salir", data={"csrf": csrf}).status_code == 200
    bare = TestClient(inbox_rig.app, base_url=BASE, follow_redirects=False)
    answer = bare.get("/abogados/", headers={"cookie": f"{LAWYER_COOKIE}={raw}"})
    assert answer.status_code == 303


def test_an_oversized_or_unsized_form_is_refused_before_it_is_read(inbox_rig: InboxRig) -> None:
    request_id = add_request(inbox_rig.sessions, status="claimed", lawyer_sub=ANA.sub)
    browser, csrf = login(inbox_rig, ANA)
    path = f"/abogados/casos/{request_id}/responder"
    big = browser.post(path, data={"csrf": csrf, "text": "á" * 200_000})
    assert big.status_code == 413
    anonymous = TestClient(inbox_rig.app, base_url=BASE)
    assert anonymous.post(path, content=b"text=" + b"a" * 300_000).status_code == 413
    chunked = anonymous.post(path, content=iter([b"text=hola"]))  # no Content-Length
    assert chunked.status_code == 413
    # A 20,000-character reply of accented letters still gets the friendly message.
    long = browser.post(path, data={"csrf": csrf, "text": "á" * 20_000})
    assert long.status_code == 400
    assert "20,000 caracteres" in long.text
    assert state(inbox_rig, request_id) == ("claimed", ANA.sub, 0, 0)


def test_a_cancelled_request_no_longer_shows_what_the_worker_shared(inbox_rig: InboxRig) -> None:
    request_id = add_request(inbox_rig.sessions)
    browser, csrf = login(inbox_rig, ANA)
    browser.post(f"/abogados/casos/{request_id}/tomar", data={"csrf": csrf})
    with inbox_rig.sessions.begin() as session:  # the worker's /cancelar (db.handoffs)
        row = session.get(HandoffRequest, request_id)
        assert row is not None
        row.status = "cancelled"
    page = browser.get(f"/abogados/casos/{request_id}")
    assert page.status_code == 200
    assert "retiró su permiso" in page.text
    assert "me corrieron" not in page.text
    answer = browser.post(
        f"/abogados/casos/{request_id}/responder", data={"csrf": csrf, "text": "¿Sigues ahí?"}
    )
    assert answer.status_code == 409
    assert state(inbox_rig, request_id) == ("cancelled", ANA.sub, 0, 1)


def test_the_queue_counts_the_workers_messages_since_the_lawyer_last_wrote(
    inbox_rig: InboxRig,
) -> None:
    request_id = add_request(inbox_rig.sessions)
    browser, csrf = login(inbox_rig, ANA)
    browser.post(f"/abogados/casos/{request_id}/tomar", data={"csrf": csrf})

    def worker_writes(text: str) -> None:
        with inbox_rig.sessions.begin() as session:
            session.add(
                HandoffMessage(
                    request_id=request_id,
                    author="worker",
                    kind="text",
                    text=text,
                    created_at=datetime.now(UTC),
                )
            )

    def unanswered() -> list[str]:
        return re.findall(r'data-unanswered="(\d+)"', browser.get("/abogados/").text)

    worker_writes("hola")
    worker_writes("¿me ayudas?")
    assert unanswered() == ["2"]
    browser.post(f"/abogados/casos/{request_id}/responder", data={"csrf": csrf, "text": "Sí."})
    assert unanswered() == []
    worker_writes("gracias")
    assert unanswered() == ["1"]
    assert "1 mensaje nuevo" in browser.get("/abogados/").text


@pytest.mark.parametrize(
    "cookie",
    ["x", "a" * 5000, "ñandú", "a.b.c", "%00", "abc def", "'; DROP TABLE users; --"],
)
def test_hostile_cookies_and_bodies_never_reach_a_500(inbox_rig: InboxRig, cookie: str) -> None:
    request_id = add_request(inbox_rig.sessions)
    raw = TestClient(inbox_rig.app, base_url=BASE, follow_redirects=False)
    # Raw bytes on the wire (a browser's UTF-8), which Starlette reads as latin-1.
    header = {"cookie": f"{LAWYER_COOKIE}={cookie}".encode()}
    assert raw.get("/abogados/", headers=header).status_code == 303
    for action in POSTS:
        for body, kind in (
            (b'{"csrf": "x"}', "application/json"),
            (b"csrf=1&csrf=2&text=%FF%FE", "application/x-www-form-urlencoded"),
            (b"\x00\x01\x02", "multipart/form-data; boundary=zzz"),
        ):
            answer = raw.post(
                f"/abogados/casos/{request_id}/{action}",
                content=body,
                headers={**header, "content-type": kind},
            )
            assert answer.status_code in (400, 403, 413, 422), (action, kind, answer.status_code)
    assert state(inbox_rig, request_id) == ("open", None, 0, 0)


def test_the_case_page_says_what_became_of_the_lawyers_messages(inbox_rig: InboxRig) -> None:
    request_id = add_request(inbox_rig.sessions, channel="whatsapp")
    browser, csrf = login(inbox_rig, ANA)
    browser.post(f"/abogados/casos/{request_id}/tomar", data={"csrf": csrf})
    browser.post(f"/abogados/casos/{request_id}/responder", data={"csrf": csrf, "text": "Hola."})
    browser.post(f"/abogados/casos/{request_id}/responder", data={"csrf": csrf, "text": "¿Sigues?"})

    def shown() -> dict[str, str]:
        page = browser.get(f"/abogados/casos/{request_id}").text
        return dict(re.findall(r'data-delivery="(\w+)">(\d+)', page))

    assert shown() == {"pending": "3"}
    with inbox_rig.sessions.begin() as session:  # what the courier would record
        ids = list(session.scalars(select(NoticeRow.id).order_by(NoticeRow.id)))
        session.execute(update(NoticeRow).where(NoticeRow.id == ids[0]).values(status="sent"))
        session.execute(
            update(NoticeRow)
            .where(NoticeRow.id == ids[1])
            .values(template_sent_at=datetime.now(UTC))
        )
        session.execute(update(NoticeRow).where(NoticeRow.id == ids[2]).values(status="unknown"))
    assert shown() == {"sent": "1", "waiting": "1", "unknown": "1"}
