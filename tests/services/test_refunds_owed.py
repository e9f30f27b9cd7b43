"""Money owed to a worker is neither forgotten nor asked for twice (SQLite and MariaDB, fake
Stripe and fake Bot API): an OXXO refund Stripe accepts but has not finished is asked once and
awaited (alarm only past ``REFUND_WAIT``), and a paid review nobody claimed is refunded after
``/borrar`` deleted its request."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta

import pytest
from pydantic import SecretStr
from sqlalchemy.orm import Session, sessionmaker

from db import payments
from db.handoff_table import HandoffRequest
from db.models import ChatIdentity
from db.privacy import SqlPrivacy
from services import stripe_events
from services.handoff_sweep import REFUND_WAIT, HandoffSweep, SweepResult
from services.refunds import Refunds
from services.settings import Settings, StripeSettings
from services.stripe_payments import StripePayments, stripe_client
from tests.fakes import stripe_api
from tests.fakes.fixtures import fake_telegram
from tests.fakes.stripe_api import FakeStripeAPI
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.services.test_handoff_cancel_refunds import (
    NOW,
    PAID_AT,
    _cancel,
    _notices,
    _stars,
    _stars_payment,
    _state,
)
from tests.webhooks.lawyers.cases import add_request
from tests.webhooks.stripe_rig import PRODUCTS

Sessions = sessionmaker[Session]
__all__ = ["fake_telegram"]


@pytest.fixture
def fake_stripe() -> Iterator[FakeStripeAPI]:
    yield from stripe_api.running_fake()


def _stripe(sessions: Sessions, fake: FakeStripeAPI) -> StripePayments:
    settings = Settings(
        public_url="https://abogado.example.mx",
        stripe=StripeSettings(api_key=SecretStr(stripe_api.API_KEY), api_base_url=fake.url),
        payments=PRODUCTS,
    )
    client = stripe_client(settings)
    assert client is not None
    return StripePayments(
        client=client,
        sessions=sessions,
        public_url=settings.public_url,
        products=PRODUCTS,
        now=lambda: NOW,
    )


def _sweep(
    sessions: Sessions, stripe: StripePayments, *, at: timedelta = timedelta()
) -> HandoffSweep:
    return HandoffSweep(
        sessions=sessions,
        refunds=Refunds({"stripe": stripe}, sessions=sessions),
        claim_within=timedelta(hours=4),
        now=lambda: NOW + at,
    )


def _paid_by_voucher(
    sessions: Sessions, fake: FakeStripeAPI, stripe: StripePayments
) -> tuple[int, int, str]:
    """A review paid in cash at OXXO: (request id, payment id, PaymentIntent id)."""
    request_id = add_request(
        sessions, channel="whatsapp", status="awaiting_payment", created_at=PAID_AT
    )
    with sessions() as session:
        row = session.get_one(HandoffRequest, request_id)
        user_id, identity_id = row.user_id, row.identity_id
    link = stripe.start(
        user_id=user_id, identity_id=identity_id, product="revision", handoff_id=request_id
    )
    with sessions() as session:
        view = payments.get(session, link.payment_id)
    assert view is not None
    with sessions.begin() as session:
        for raw in (
            fake.completed(view.provider_ref, method="oxxo"),
            fake.async_result(view.provider_ref, succeeded=True),
        ):
            stripe_events.apply(session, json.loads(raw), products=PRODUCTS, now=PAID_AT)
    with sessions() as session:
        paid = payments.get(session, link.payment_id)
    assert paid is not None
    assert paid.state == "paid"
    assert paid.charge_ref is not None
    return request_id, link.payment_id, paid.charge_ref


def test_an_oxxo_refund_in_progress_is_asked_once_and_awaited(
    sessions: Sessions, fake_stripe: FakeStripeAPI
) -> None:
    stripe = _stripe(sessions, fake_stripe)
    request_id, payment_id, intent = _paid_by_voucher(sessions, fake_stripe, stripe)
    fake_stripe.refund_status = "requires_action"  # Stripe emails the worker for bank details
    assert _cancel(sessions, request_id) == "refund"
    assert _sweep(sessions, stripe).run_once() == SweepResult(0, 1, 0)
    for minutes in (1, 2, 60 * 24 * 2):  # later sweeps, past Stripe's 24-hour idempotency window
        assert _sweep(sessions, stripe, at=timedelta(minutes=minutes)).run_once() == SweepResult(
            0, 0, 0
        )
    assert len(fake_stripe.posts("/v1/refunds")) == 1
    with sessions() as session:
        view = payments.get(session, payment_id)
    assert view is not None
    assert view.state == "paid"
    assert view.refund_requested_at is not None
    # The admin's button does not ask Stripe again either.
    assert Refunds({"stripe": stripe}, sessions=sessions).refund(
        payment_id, reason="admin", actor="a@x.mx"
    )
    assert len(fake_stripe.posts("/v1/refunds")) == 1
    late = _sweep(sessions, stripe, at=REFUND_WAIT + timedelta(minutes=1)).run_once()
    assert late == SweepResult(0, 0, 0, 1)
    assert late.metrics()["HandoffRefundsFailed"] == 1
    with sessions.begin() as session:  # the worker gave the bank details: Stripe paid
        event = json.loads(fake_stripe.charge_refunded(intent, amount=view.amount))
        assert stripe_events.apply(session, event, products=PRODUCTS, now=NOW) == "refunded"
    assert _state(sessions, payment_id) == "refunded"
    assert _notices(sessions).count("refunded") == 1
    assert _sweep(sessions, stripe, at=REFUND_WAIT * 2).run_once() == SweepResult(0, 0, 0)


def _erase(sessions: Sessions, request_id: int) -> None:
    with sessions.begin() as session:
        identity_id = session.get_one(HandoffRequest, request_id).identity_id
        identity = session.get_one(ChatIdentity, identity_id)
        channel, chat_id = identity.channel, identity.external_id
    with sessions.begin() as session:
        SqlPrivacy(session).delete_everything(channel=channel, chat_id=chat_id)
    with sessions() as session:
        assert session.get(HandoffRequest, request_id) is None


def test_a_paid_review_nobody_claimed_is_refunded_after_borrar(
    sessions: Sessions, fake_stripe: FakeStripeAPI
) -> None:
    stripe = _stripe(sessions, fake_stripe)
    request_id, payment_id, _ = _paid_by_voucher(sessions, fake_stripe, stripe)
    _erase(sessions, request_id)
    assert _sweep(sessions, stripe).run_once() == SweepResult(0, 1, 0)
    [call] = fake_stripe.posts("/v1/refunds")
    assert call.idempotency_key == f"abogado-refund-{payment_id}"
    with sessions() as session:
        view = payments.get(session, payment_id)
    assert view is not None
    assert view.state == "refunded"
    assert (view.user_id, view.identity_id) == (None, None)  # kept for tax law, no person
    assert _sweep(sessions, stripe).run_once() == SweepResult(0, 0, 0)


def test_a_claimed_review_is_not_owed_after_borrar(
    sessions: Sessions, fake_stripe: FakeStripeAPI
) -> None:
    stripe = _stripe(sessions, fake_stripe)
    request_id, payment_id, _ = _paid_by_voucher(sessions, fake_stripe, stripe)
    with sessions.begin() as session:
        row = session.get_one(HandoffRequest, request_id)
        row.status, row.lawyer_sub, row.claimed_at = "claimed", "lawyer-1", NOW
    _erase(sessions, request_id)
    assert _sweep(sessions, stripe).run_once() == SweepResult(0, 0, 0)
    assert fake_stripe.posts("/v1/refunds") == []
    assert _state(sessions, payment_id) == "paid"


def test_stars_owed_after_borrar_are_marked_but_cannot_reach_telegram(
    sessions: Sessions, fake_telegram: FakeTelegramAPI
) -> None:
    """Telegram refunds need the user id /borrar deleted: the payment shows the debt (admin
    page), the sweep neither calls Telegram nor pages every minute."""
    request_id = add_request(sessions, chat_id="9801", paid=True, created_at=PAID_AT)
    payment_id = _stars_payment(sessions, request_id, link=True)
    _erase(sessions, request_id)
    sweep = HandoffSweep(
        sessions=sessions,
        refunds=Refunds(_stars(sessions, fake_telegram), sessions=sessions),
        claim_within=timedelta(hours=4),
        now=lambda: NOW,
    )
    assert sweep.run_once() == SweepResult(0, 0, 0)
    assert fake_telegram.refunded == set()
    with sessions() as session:
        view = payments.get(session, payment_id)
    assert view is not None
    assert view.state == "paid"
    assert view.refund_owed_at is not None
