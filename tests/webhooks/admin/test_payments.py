"""/admin/pagos through FastAPI's TestClient: who may see it, the list, and the refund button
(CSRF, confirmation, audit) down to a refund on the fake Stripe API and its effects."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from db import audit, payments, refunds_owed
from db.audit import AdminAction
from db.models import ChatIdentity, User
from db.notice_table import NoticeRow
from services.refunds import Refunds
from services.stripe_payments import StripePayments, stripe_client
from tests.db.databases import db_url, empty_db_url, sessions
from tests.fakes import stripe_api
from tests.fakes.stripe_api import FakeStripeAPI
from tests.webhooks.admin.idp import FakeIdp
from tests.webhooks.admin.idp import User as IdpUser
from tests.webhooks.admin.rig import oidc_client
from tests.webhooks.stripe_rig import PRODUCTS, stripe_settings
from webhooks.admin.cookies import LAWYER_COOKIE, SESSION_COOKIE, Signer
from webhooks.admin.payments import build_payments_router
from webhooks.admin.routes import CALLBACK_PATH, AdminServices, build_admin_router
from webhooks.lawyers.routes import build_lawyer_router

__all__ = ["db_url", "empty_db_url", "sessions"]
BASE = "http://testserver"
NOW = datetime(2026, 12, 4, 18, 0, tzinfo=UTC)
ADMIN = IdpUser("sub-admin", "ana@abogado.mx", ("admins",))
LAWYER = IdpUser("sub-lawyer", "beto@despacho.mx", ("abogados",))
WORKER = IdpUser("sub-worker", "luis@example.mx")


@dataclass
class PaymentsRig:
    app: FastAPI
    idp: FakeIdp
    sessions: sessionmaker[Session]
    fake: FakeStripeAPI
    paid: int = 0  # a paid card payment
    unpaid: int = 0
    stars: int = 0  # a paid Stars payment: no Stars refunder in this app

    def login(self, user: IdpUser, path: str = "/admin/pagos") -> tuple[TestClient, str]:
        browser = TestClient(self.app, base_url=BASE)
        self.idp.next_user = user
        page = browser.get(path)
        match = re.search(r'name="csrf" value="([^"]+)"', page.text)
        return browser, match.group(1) if match else ""

    def state(self, payment_id: int) -> str:
        with self.sessions() as session:
            view = payments.get(session, payment_id)
        assert view is not None
        return view.state

    def actions(self) -> list[str]:
        with self.sessions() as session:
            return list(session.scalars(select(AdminAction.action).order_by(AdminAction.id)))


@pytest.fixture
def fake_stripe() -> Iterator[FakeStripeAPI]:
    yield from stripe_api.running_fake()


@pytest.fixture
def rig(sessions: sessionmaker[Session], fake_stripe: FakeStripeAPI) -> PaymentsRig:
    idp = FakeIdp(base_url=BASE, redirect_uri=BASE + CALLBACK_PATH)
    services = AdminServices(
        sessions=sessions,
        oidc=oidc_client(idp, TestClient(FastAPI())),
        signer=Signer(b"k" * 32),
        now=lambda: datetime.now(UTC),
        start_sending=None,
    )
    client = stripe_client(stripe_settings(base_url=fake_stripe.url))
    assert client is not None
    stripe = StripePayments(
        client=client, sessions=sessions, public_url=BASE, products=PRODUCTS, now=lambda: NOW
    )
    app = FastAPI()
    app.include_router(idp.router())
    app.include_router(build_admin_router(settings=stripe_settings(), services=services))
    app.include_router(build_lawyer_router(services=services))
    refunds = Refunds({"stripe": stripe}, sessions=sessions)
    app.include_router(build_payments_router(services=services, refunds=refunds))
    services.oidc = oidc_client(idp, TestClient(app, base_url=BASE))
    made = PaymentsRig(app, idp, sessions, fake_stripe)
    with sessions.begin() as session:
        user = User(cognito_sub="sub-w", email="w@example.com", created_at=NOW)
        session.add(user)
        session.flush()
        chat = ChatIdentity(
            channel="whatsapp", external_id="hash-w", user_id=user.id, created_at=NOW
        )
        session.add(chat)
        session.flush()
        user_id, identity_id = user.id, chat.id
    made.paid = stripe.start(
        user_id=user_id, identity_id=identity_id, product="revision"
    ).payment_id
    made.unpaid = stripe.start(
        user_id=user_id, identity_id=identity_id, product="revision"
    ).payment_id
    with sessions.begin() as session:
        view = payments.get(session, made.paid)
        assert view is not None
        settled = fake_stripe._settle(view.provider_ref, method="card")
        payments.advance(
            session,
            provider="stripe",
            provider_ref=view.provider_ref,
            to="paid",
            now=NOW,
            charge_ref=settled["payment_intent"],
            method="card",
            grant=payments.Grant("lawyer_review"),
        )
        made.stars = payments.create(
            session,
            user_id=user_id,
            identity_id=identity_id,
            product="revision",
            provider="stars",
            provider_ref="inv-1",
            amount=250,
            currency="XTR",
            now=NOW,
        )
        payments.advance(session, provider="stars", provider_ref="inv-1", to="paid", now=NOW)
    return made


def _buttons(page: str) -> set[int]:
    return {int(n) for n in re.findall(r'action="/admin/pagos/(\d+)/reembolso"', page)}


def test_anonymous_is_sent_to_login_and_cannot_refund(rig: PaymentsRig) -> None:
    browser = TestClient(rig.app, base_url=BASE, follow_redirects=False)
    answer = browser.get("/admin/pagos")
    assert (answer.status_code, answer.headers["location"]) == (303, "/admin/login")
    refused = browser.post(f"/admin/pagos/{rig.paid}/reembolso", data={"confirm": "si"})
    assert refused.status_code == 403
    assert rig.state(rig.paid) == "paid"
    assert rig.fake.posts("/v1/refunds") == []


def test_a_worker_or_a_lawyer_never_reaches_the_payments(rig: PaymentsRig) -> None:
    worker, csrf = rig.login(WORKER)
    assert csrf == ""
    assert SESSION_COOKIE not in worker.cookies
    lawyer, lawyer_csrf = rig.login(LAWYER, "/abogados/")
    assert lawyer_csrf
    assert lawyer.get("/admin/pagos").status_code == 403  # sent to login, which refuses
    # The inbox session's id is no admin session, whatever cookie carries it.
    raw = lawyer.cookies[LAWYER_COOKIE]
    bare = TestClient(rig.app, base_url=BASE, follow_redirects=False)
    cookie = {"cookie": f"{SESSION_COOKIE}={raw}"}
    assert bare.get("/admin/pagos", headers=cookie).status_code == 303
    post = bare.post(
        f"/admin/pagos/{rig.paid}/reembolso",
        data={"csrf": lawyer_csrf, "confirm": "si"},
        headers=cookie,
    )
    assert post.status_code == 403
    assert rig.state(rig.paid) == "paid"
    assert rig.fake.posts("/v1/refunds") == []


def test_the_list_shows_every_payment_and_refund_buttons_only_where_possible(
    rig: PaymentsRig,
) -> None:
    browser, csrf = rig.login(ADMIN)
    assert csrf
    page = browser.get("/admin/pagos").text
    shown = {int(n) for n in re.findall(r'data-payment="(\d+)"', page)}
    assert shown == {rig.paid, rig.unpaid, rig.stars}
    assert "$299.00 MXN" in page
    assert "250 ⭐" in page
    assert _buttons(page) == {rig.paid}  # not the unpaid one, nor Stars (no refunder here)


def test_a_refund_needs_the_csrf_token_and_the_confirmation(rig: PaymentsRig) -> None:
    browser, csrf = rig.login(ADMIN)
    path = f"/admin/pagos/{rig.paid}/reembolso"
    assert browser.post(path, data={"confirm": "si"}).status_code == 403
    assert browser.post(path, data={"confirm": "si", "csrf": csrf + "x"}).status_code == 403
    unconfirmed = browser.post(path, data={"csrf": csrf}, follow_redirects=False)
    assert unconfirmed.status_code == 303
    assert rig.state(rig.paid) == "paid"
    assert rig.fake.posts("/v1/refunds") == []
    assert rig.actions().count("csrf_refused") == 2


def test_a_refund_reaches_stripe_revokes_tells_and_is_audited(rig: PaymentsRig) -> None:
    browser, csrf = rig.login(ADMIN)
    path = f"/admin/pagos/{rig.paid}/reembolso"
    answer = browser.post(path, data={"csrf": csrf, "confirm": "si"}, follow_redirects=False)
    assert (answer.status_code, answer.headers["location"]) == (303, "/admin/pagos?hecho=ok")
    [call] = rig.fake.posts("/v1/refunds")
    assert call.form["payment_intent"].startswith("pi_")
    assert rig.state(rig.paid) == "refunded"
    with rig.sessions() as session:
        view = payments.get(session, rig.paid)
        assert view is not None
        assert view.user_id is not None
        assert payments.active_grants(session, view.user_id, NOW) == set()
        kinds = list(session.scalars(select(NoticeRow.kind)))
        rows = audit.admin_actions(session)
    assert kinds == ["refunded"]
    assert ("ana@abogado.mx", "refund", None) in rows
    page = browser.get("/admin/pagos?hecho=ok").text
    assert "Reembolso hecho." in page
    assert _buttons(page) == set()
    # The unpaid one cannot be refunded, whatever the form says.
    other = f"/admin/pagos/{rig.unpaid}/reembolso"
    again = browser.post(other, data={"csrf": csrf, "confirm": "si"}, follow_redirects=False)
    assert again.headers["location"] == "/admin/pagos?hecho=no"
    assert len(rig.fake.posts("/v1/refunds")) == 1


def test_stripe_down_is_a_kind_503_and_nothing_changes(rig: PaymentsRig) -> None:
    browser, csrf = rig.login(ADMIN)
    rig.fake.fail_next(500, times=3)
    path = f"/admin/pagos/{rig.paid}/reembolso"
    answer = browser.post(path, data={"csrf": csrf, "confirm": "si"})
    assert answer.status_code == 503
    assert "no respondió" in answer.text
    assert rig.state(rig.paid) == "paid"
    assert "refund_failed" in rig.actions()


def test_a_missing_payment_is_404_and_a_bad_id_never_500(rig: PaymentsRig) -> None:
    browser, csrf = rig.login(ADMIN)
    missing = browser.post("/admin/pagos/999/reembolso", data={"csrf": csrf, "confirm": "si"})
    assert missing.status_code == 404
    for bad in ("0", "-1", "abc", str(2**40)):
        answer = browser.post(f"/admin/pagos/{bad}/reembolso", data={"csrf": csrf})
        assert answer.status_code == 422
    assert browser.get("/admin/pagos?antes=abc").status_code == 422


def test_a_plan_paid_by_invoice_is_refunded_in_stripe_not_here(rig: PaymentsRig) -> None:
    with rig.sessions.begin() as session:
        plan = payments.create(
            session,
            user_id=None,
            identity_id=None,
            product="mensual",
            provider="stripe",
            provider_ref="in_renewal",
            amount=9_900,
            currency="MXN",
            now=NOW,
            subscription_ref="sub_1",
        )
        payments.advance(session, provider="stripe", provider_ref="in_renewal", to="paid", now=NOW)
    browser, _ = rig.login(ADMIN)
    page = browser.get("/admin/pagos").text
    assert plan not in _buttons(page)
    assert "Se reembolsa en Stripe" in page


def test_a_refund_in_progress_shows_reembolso_en_curso_and_no_button(rig: PaymentsRig) -> None:
    """An OXXO refund Stripe accepted waits for the worker's bank details: the page says so and
    offers no second refund (Stripe's idempotency lasts a day; a second call could fail)."""
    rig.fake.refund_status = "requires_action"
    browser, csrf = rig.login(ADMIN)
    path = f"/admin/pagos/{rig.paid}/reembolso"
    answer = browser.post(path, data={"csrf": csrf, "confirm": "si"}, follow_redirects=False)
    assert answer.headers["location"] == "/admin/pagos?hecho=waiting"
    page = browser.get("/admin/pagos").text
    assert "Reembolso en curso" in page
    assert rig.paid not in _buttons(page)
    again = browser.post(path, data={"csrf": csrf, "confirm": "si"}, follow_redirects=False)
    assert again.headers["location"] == "/admin/pagos?hecho=waiting"
    assert len(rig.fake.posts("/v1/refunds")) == 1
    assert rig.state(rig.paid) == "paid"


def test_a_plan_period_with_its_invoice_known_gets_a_refund_button(rig: PaymentsRig) -> None:
    """Its PaymentIntent is asked of Stripe at refund time when invoice_payment.paid is late."""
    with rig.sessions.begin() as session:
        plan = payments.create(
            session,
            user_id=None,
            identity_id=None,
            product="mensual",
            provider="stripe",
            provider_ref="in_known",
            amount=9_900,
            currency="MXN",
            now=NOW,
            subscription_ref="sub_2",
        )
        payments.advance(session, provider="stripe", provider_ref="in_known", to="paid", now=NOW)
        refunds_owed.record_invoice(session, plan, invoice_ref="in_known", now=NOW)
    browser, _ = rig.login(ADMIN)
    assert plan in _buttons(browser.get("/admin/pagos").text)
