"""A plan paid by subscription can be refunded like a one-off payment: the PaymentIntent of each
period's invoice comes in ``invoice_payment.paid`` (API versions since 2025-03-31 removed it from
the invoice), so ``charge.refunded`` finds the period and /admin/pagos' refund reaches Stripe; if
that event has not arrived, the refund asks Stripe for the invoice's payments."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from db import payments
from services.stripe_payments import StripePayments, stripe_client
from tests.fakes import stripe_api
from tests.fakes.stripe_api import FakeStripeAPI
from tests.webhooks.stripe_rig import NOW, PRODUCTS, StripeRig, make_stripe_rig, stripe_settings


@pytest.fixture
def fake_stripe() -> Iterator[FakeStripeAPI]:
    yield from stripe_api.running_fake()


@pytest.fixture
def rig(tmp_path: Path, fake_stripe: FakeStripeAPI) -> Iterator[StripeRig]:
    made = make_stripe_rig(tmp_path, fake_stripe)
    yield made
    made.client.close()


def _plan(rig: StripeRig) -> tuple[int, str, str]:
    """A monthly plan bought through Checkout: (payment id, subscription, first invoice)."""
    session_id = rig.fake.open_session(mode="subscription")
    payment_id = rig.payment(product="mensual", ref=session_id)
    assert rig.post(rig.fake.completed(session_id)).status_code == 200
    subscription = rig.fake.sessions[session_id]["subscription"]
    start, end = int(NOW.timestamp()), int((NOW + timedelta(days=30)).timestamp())
    first = rig.fake.invoice_paid(subscription, amount=9_900, start=start, end=end, metadata={})
    first = first.replace(b'"subscription_cycle"', b'"subscription_create"')
    assert rig.post(first).status_code == 200
    [invoice] = rig.fake.invoices
    return payment_id, subscription, invoice


def _refunder(rig: StripeRig) -> StripePayments:
    client = stripe_client(stripe_settings(base_url=rig.fake.url))
    assert client is not None
    return StripePayments(
        client=client,
        sessions=rig.sessions,
        public_url="https://x.mx",
        products=PRODUCTS,
        now=lambda: NOW,
    )


def test_each_period_keeps_its_payment_intent_and_charge_refunded_finds_it(
    rig: StripeRig,
) -> None:
    payment_id, subscription, first = _plan(rig)
    assert rig.post(rig.fake.invoice_payment_paid(first)).status_code == 200
    intent = rig.fake.invoices[first]["payment_intent"]
    assert rig.state(payment_id).charge_ref == intent
    month = NOW + timedelta(days=30)
    start, end = int(month.timestamp()), int((month + timedelta(days=30)).timestamp())
    rig.clock.at = month
    renewal = rig.fake.invoice_paid(subscription, amount=9_900, start=start, end=end, metadata={})
    assert rig.post(renewal).status_code == 200
    second = next(i for i in rig.fake.invoices if i != first)
    assert rig.post(rig.fake.invoice_payment_paid(second)).status_code == 200
    with rig.sessions() as session:
        period = payments.find(session, provider="stripe", provider_ref=second)
    assert period is not None
    assert period.charge_ref == rig.fake.invoices[second]["payment_intent"]
    # Refunded in Stripe's dashboard: the event finds the period and takes its month back.
    refunded = rig.fake.charge_refunded(period.charge_ref or "", amount=9_900)
    assert rig.post(refunded).status_code == 200
    assert rig.state(period.id).state == "refunded"
    assert rig.state(payment_id).state == "paid"


def test_a_plan_period_is_refunded_from_admin_even_before_its_invoice_payment_event(
    rig: StripeRig,
) -> None:
    payment_id, _, first = _plan(rig)
    assert rig.state(payment_id).charge_ref is None  # invoice_payment.paid not arrived yet
    assert _refunder(rig).refund(payment_id, reason="admin", actor="ana@abogado.mx")
    [call] = rig.fake.posts("/v1/refunds")
    assert call.form["payment_intent"] == rig.fake.invoices[first]["payment_intent"]
    assert rig.state(payment_id).state == "refunded"
    assert rig.grants() == set()
