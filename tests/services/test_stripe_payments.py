"""services.stripe_payments against the fake Stripe API: Checkout, the portal, refunds; and
services.refunds' dispatch. The real stripe-python client makes every call."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from pydantic import SecretStr
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from db import payments
from db.models import ChatIdentity, User
from db.notice_table import NoticeRow
from services import stripe_events
from services.payment_effects import PaymentUnavailable
from services.refunds import Refunds
from services.settings import Settings, StripeSettings
from services.stripe_payments import StripePayments, stripe_client
from tests.fakes import stripe_api
from tests.fakes.stripe_api import FakeStripeAPI
from tests.webhooks.stripe_rig import PRODUCTS

NOW = datetime(2026, 12, 4, 18, 0, tzinfo=UTC)
PUBLIC = "https://abogado.example.mx"


@pytest.fixture
def fake_stripe() -> Iterator[FakeStripeAPI]:
    yield from stripe_api.running_fake()


def _settings(fake: FakeStripeAPI, *, key: str = stripe_api.API_KEY) -> Settings:
    return Settings(
        public_url=PUBLIC,
        stripe=StripeSettings(api_key=SecretStr(key), api_base_url=fake.url),
        payments=PRODUCTS,
    )


def _service(
    fake: FakeStripeAPI, sessions: sessionmaker[Session], *, key: str = stripe_api.API_KEY
) -> StripePayments:
    client = stripe_client(_settings(fake, key=key))
    assert client is not None
    return StripePayments(
        client=client, sessions=sessions, public_url=PUBLIC, products=PRODUCTS, now=lambda: NOW
    )


def _people(sessions: sessionmaker[Session]) -> tuple[int, int]:
    with sessions.begin() as session:
        user = User(cognito_sub="sub-1", email="w@example.com", created_at=NOW)
        session.add(user)
        session.flush()
        chat = ChatIdentity(
            channel="whatsapp", external_id="hash-1", user_id=user.id, created_at=NOW
        )
        session.add(chat)
        session.flush()
        return user.id, chat.id


def _apply(sessions: sessionmaker[Session], body: bytes) -> str:
    import json

    with sessions.begin() as session:
        return stripe_events.apply(session, json.loads(body), products=PRODUCTS, now=NOW)


def test_a_one_off_checkout_offers_card_and_oxxo(
    fake_stripe: FakeStripeAPI, sessions: sessionmaker[Session]
) -> None:
    user_id, identity_id = _people(sessions)
    link = _service(fake_stripe, sessions).start(
        user_id=user_id, identity_id=identity_id, product="revision"
    )
    assert link.cash
    [call] = fake_stripe.posts("/v1/checkout/sessions")
    assert call.idempotency_key == f"abogado-checkout-{link.payment_id}"
    form = call.form
    assert form["mode"] == "payment"
    assert form["payment_method_types"] == ["card", "oxxo"]
    assert form["line_items"][0]["price_data"]["unit_amount"] == "29900"
    assert form["line_items"][0]["price_data"]["currency"] == "mxn"
    assert form["metadata"]["payment_id"] == str(link.payment_id)
    assert form["client_reference_id"] == str(identity_id)
    assert form["success_url"] == f"{PUBLIC}/pagos/listo"
    assert form["cancel_url"] == f"{PUBLIC}/pagos/cancelado"
    session_id = next(iter(fake_stripe.sessions))
    assert link.url == fake_stripe.sessions[session_id]["url"]
    with sessions() as session:
        view = payments.get(session, link.payment_id)
    assert view is not None
    assert (view.provider_ref, view.state, view.amount, view.currency) == (
        session_id,
        "created",
        29_900,
        "MXN",
    )


def test_a_monthly_plan_is_a_card_subscription(
    fake_stripe: FakeStripeAPI, sessions: sessionmaker[Session]
) -> None:
    user_id, identity_id = _people(sessions)
    link = _service(fake_stripe, sessions).start(
        user_id=user_id, identity_id=identity_id, product="mensual"
    )
    assert not link.cash
    form = fake_stripe.posts("/v1/checkout/sessions")[0].form
    assert form["mode"] == "subscription"
    assert form["payment_method_types"] == ["card"]
    assert form["line_items"][0]["price"] == "price_123"
    assert form["subscription_data"]["metadata"]["payment_id"] == str(link.payment_id)


def test_a_retried_create_reuses_its_idempotency_key(
    fake_stripe: FakeStripeAPI, sessions: sessionmaker[Session]
) -> None:
    user_id, identity_id = _people(sessions)
    fake_stripe.fail_next(500)
    link = _service(fake_stripe, sessions).start(
        user_id=user_id, identity_id=identity_id, product="revision"
    )
    first, second = fake_stripe.posts("/v1/checkout/sessions")
    assert first.status == 500
    assert second.status == 200
    assert first.idempotency_key == second.idempotency_key == f"abogado-checkout-{link.payment_id}"
    assert len(fake_stripe.sessions) == 1


def test_stripe_down_or_a_bad_key_is_payment_unavailable(
    fake_stripe: FakeStripeAPI, sessions: sessionmaker[Session]
) -> None:
    user_id, identity_id = _people(sessions)
    fake_stripe.fail_next(500, times=3)
    with pytest.raises(PaymentUnavailable):
        _service(fake_stripe, sessions).start(
            user_id=user_id, identity_id=identity_id, product="revision"
        )
    with pytest.raises(PaymentUnavailable):
        _service(fake_stripe, sessions, key="sk_test_wrong").start(
            user_id=user_id, identity_id=identity_id, product="revision"
        )
    with pytest.raises(PaymentUnavailable):
        _service(fake_stripe, sessions).start(
            user_id=user_id, identity_id=identity_id, product="no-such-thing"
        )
    # The rows stay "created" under a local reference: no event can ever match them.
    with sessions() as session:
        assert {p.state for p in payments.for_user(session, user_id)} == {"created"}


def _paid(
    fake: FakeStripeAPI, sessions: sessionmaker[Session], *, product: str = "revision"
) -> tuple[StripePayments, int, int]:
    user_id, identity_id = _people(sessions)
    service = _service(fake, sessions)
    link = service.start(user_id=user_id, identity_id=identity_id, product=product)
    with sessions() as session:
        view = payments.get(session, link.payment_id)
    assert view is not None
    assert _apply(sessions, fake.completed(view.provider_ref)) == "paid"
    return service, link.payment_id, user_id


def test_a_refund_revokes_now_and_the_later_event_changes_nothing(
    fake_stripe: FakeStripeAPI, sessions: sessionmaker[Session]
) -> None:
    service, payment_id, user_id = _paid(fake_stripe, sessions)
    assert service.refund(payment_id, reason="SLA", actor="admin@example.com")
    [call] = fake_stripe.posts("/v1/refunds")
    with sessions() as session:
        view = payments.get(session, payment_id)
        assert view is not None
        assert view.state == "refunded"
        assert call.form["payment_intent"] == view.charge_ref
        assert call.idempotency_key == f"abogado-refund-{payment_id}"
        assert payments.active_grants(session, user_id, NOW) == set()
    assert view.charge_ref is not None
    event = fake_stripe.charge_refunded(view.charge_ref, amount=29_900)
    assert _apply(sessions, event) == "unchanged"
    with sessions() as session:
        kinds = list(session.scalars(select(NoticeRow.kind).order_by(NoticeRow.id)))
    assert kinds == ["payment_paid", "refunded"]
    # Refunding again asks Stripe nothing.
    assert not service.refund(payment_id, reason="again", actor="admin@example.com")
    assert len(fake_stripe.posts("/v1/refunds")) == 1


def test_a_refund_still_in_progress_waits_for_charge_refunded(
    fake_stripe: FakeStripeAPI, sessions: sessionmaker[Session]
) -> None:
    service, payment_id, user_id = _paid(fake_stripe, sessions)
    fake_stripe.refund_status = "requires_action"  # an OXXO refund: Stripe asks for a bank
    assert service.refund(payment_id, reason="SLA", actor="sweep")
    with sessions() as session:
        view = payments.get(session, payment_id)
        assert view is not None
        assert view.state == "paid"
        assert payments.active_grants(session, user_id, NOW) == {"lawyer_review"}
    assert view.charge_ref is not None
    assert _apply(sessions, fake_stripe.charge_refunded(view.charge_ref, amount=29_900)) == (
        "refunded"
    )
    with sessions() as session:
        assert payments.active_grants(session, user_id, NOW) == set()


def test_a_payment_refunded_in_stripes_dashboard_is_refunded_here_too(
    fake_stripe: FakeStripeAPI, sessions: sessionmaker[Session]
) -> None:
    service, payment_id, _ = _paid(fake_stripe, sessions)
    with sessions() as session:
        view = payments.get(session, payment_id)
    assert view is not None
    fake_stripe.refunds.append({"payment_intent": view.charge_ref})  # refunded by hand
    assert service.refund(payment_id, reason="SLA", actor="sweep")
    with sessions() as session:
        after = payments.get(session, payment_id)
    assert after is not None
    assert after.state == "refunded"


def test_an_unpaid_payment_is_not_refunded(
    fake_stripe: FakeStripeAPI, sessions: sessionmaker[Session]
) -> None:
    user_id, identity_id = _people(sessions)
    service = _service(fake_stripe, sessions)
    link = service.start(user_id=user_id, identity_id=identity_id, product="revision")
    assert not service.refund(link.payment_id, reason="x", actor="admin")
    assert not service.refund(10_000, reason="x", actor="admin")
    assert fake_stripe.posts("/v1/refunds") == []


class _Recorder:
    def __init__(self) -> None:
        self.calls: list[int] = []

    def refund(self, payment_id: int, *, reason: str, actor: str) -> bool:
        self.calls.append(payment_id)
        return True


def test_refunds_dispatch_on_the_payments_provider(
    fake_stripe: FakeStripeAPI, sessions: sessionmaker[Session]
) -> None:
    service, payment_id, user_id = _paid(fake_stripe, sessions)
    stars = _Recorder()
    with sessions.begin() as session:
        star_payment = payments.create(
            session,
            user_id=user_id,
            identity_id=None,
            product="revision",
            provider="stars",
            provider_ref="inv-1",
            amount=250,
            currency="XTR",
            now=NOW,
        )
    refunds = Refunds({"stars": stars}, sessions=sessions)
    assert refunds.refund(star_payment, reason="x", actor="sweep")
    assert stars.calls == [star_payment]
    assert not refunds.refund(payment_id, reason="x", actor="sweep")  # no stripe refunder
    assert not refunds.refund(99_999, reason="x", actor="sweep")
    both = Refunds({"stars": stars, "stripe": service}, sessions=sessions)
    assert both.refund(payment_id, reason="x", actor="sweep")
    assert len(fake_stripe.posts("/v1/refunds")) == 1


def test_the_portal_opens_for_a_subscriber_only(
    fake_stripe: FakeStripeAPI, sessions: sessionmaker[Session]
) -> None:
    service, _, user_id = _paid(fake_stripe, sessions, product="mensual")
    url = service.portal(user_id=user_id)
    assert url is not None
    assert url.startswith(fake_stripe.url + "/p/session/")
    [call] = fake_stripe.posts("/v1/billing_portal/sessions")
    assert call.form["customer"].startswith("cus_")
    assert call.form["return_url"] == f"{PUBLIC}/pagos/listo"
    assert service.portal(user_id=user_id + 1) is None
