"""A paid review that gave nothing is refunded by the sweep, on SQLite and MariaDB: cancelled by the
worker before any lawyer claimed it (Stars through the fake Bot API, card through the fake Stripe
API), or paid after the request was cancelled. One refund, one notice, retried when the provider
fails, counted in the EMF metrics; a review a lawyer had claimed is not refunded automatically."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from pydantic import SecretStr
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from db import handoffs, lawyer_inbox, payments
from db.handoff_table import HandoffRequest
from db.notice_table import NoticeRow
from db.payment_table import PaymentRow
from services import stripe_events
from services.handoff_sweep import HandoffSweep, SweepResult
from services.refunds import Refunder, Refunds
from services.settings import Settings, StripeSettings
from services.stripe_payments import StripePayments, stripe_client
from tests.fakes import stripe_api
from tests.fakes.fixtures import fake_telegram
from tests.fakes.stripe_api import FakeStripeAPI
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.webhooks.lawyers.cases import add_request
from tests.webhooks.stripe_rig import PRODUCTS
from webhooks.stars_api import StarsRefunder

Sessions = sessionmaker[Session]
NOW = datetime(2026, 5, 4, 15, 0, tzinfo=UTC)
PAID_AT = NOW - timedelta(minutes=20)  # well inside the claim time: never escalated here
LAWYER = lawyer_inbox.Lawyer(sub="lawyer-1", actor="ana@example.mx")
__all__ = ["fake_telegram"]


@pytest.fixture
def fake_stripe() -> Iterator[FakeStripeAPI]:
    yield from stripe_api.running_fake()


def _sweep(sessions: Sessions, refunders: dict[str, Refunder] | None) -> HandoffSweep:
    refunds = None if refunders is None else Refunds(refunders, sessions=sessions)
    return HandoffSweep(
        sessions=sessions, refunds=refunds, claim_within=timedelta(hours=4), now=lambda: NOW
    )


def _stars(sessions: Sessions, fake: FakeTelegramAPI) -> dict[str, Refunder]:
    refunder = StarsRefunder(
        sessions=sessions, api_base_url=fake.url, token=fake.token, now=lambda: NOW
    )
    return {"stars": refunder}


def _stars_payment(sessions: Sessions, request_id: int, *, link: bool) -> int:
    """A Stars payment of the review, paid at ``PAID_AT``; ``link``: the request took it."""
    with sessions.begin() as session:
        row = session.get_one(HandoffRequest, request_id)
        payment_id = payments.create(
            session,
            user_id=row.user_id,
            identity_id=row.identity_id,
            product="revision",
            provider="stars",
            provider_ref=f"inv-{request_id}",
            amount=250,
            currency="XTR",
            handoff_id=request_id,
            now=PAID_AT,
        )
        session.execute(
            update(PaymentRow)
            .where(PaymentRow.id == payment_id)
            .values(state="paid", paid_at=PAID_AT, charge_ref=f"charge-{request_id}")
        )
        if link:
            row.payment_id, row.paid = payment_id, True
    return payment_id


def _cancel(sessions: Sessions, request_id: int) -> str | None:
    with sessions.begin() as session:
        identity_id = session.get_one(HandoffRequest, request_id).identity_id
        return handoffs.cancel(session, request_id=request_id, identity_id=identity_id, now=NOW)


def _state(sessions: Sessions, payment_id: int) -> str:
    with sessions() as session:
        view = payments.get(session, payment_id)
    assert view is not None
    return view.state


def _notices(sessions: Sessions) -> list[str]:
    with sessions() as session:
        return list(session.scalars(select(NoticeRow.kind).order_by(NoticeRow.id)))


def test_a_paid_review_cancelled_before_any_claim_is_refunded_once(
    sessions: Sessions, fake_telegram: FakeTelegramAPI
) -> None:
    request_id = add_request(sessions, chat_id="9101", paid=True, created_at=PAID_AT)
    payment_id = _stars_payment(sessions, request_id, link=True)
    assert _sweep(sessions, _stars(sessions, fake_telegram)).run_once() == SweepResult(0, 0, 0)
    assert _cancel(sessions, request_id) == "refund"
    sweep = _sweep(sessions, _stars(sessions, fake_telegram))
    assert sweep.run_once() == SweepResult(0, 1, 0)
    assert fake_telegram.refunded == {f"charge-{request_id}"}
    assert _state(sessions, payment_id) == "refunded"
    assert _notices(sessions) == ["refunded"]  # one notice, no escalation
    assert sweep.run_once() == SweepResult(0, 0, 0)
    assert _notices(sessions) == ["refunded"]


def test_a_failed_refund_of_a_cancelled_review_is_retried_by_the_next_sweep(
    sessions: Sessions, fake_telegram: FakeTelegramAPI
) -> None:
    request_id = add_request(sessions, chat_id="9201", paid=True, created_at=PAID_AT)
    payment_id = _stars_payment(sessions, request_id, link=True)
    _cancel(sessions, request_id)
    fake_telegram.fail_next("refundStarPayment", status=500, description="Internal Server Error")
    sweep = _sweep(sessions, _stars(sessions, fake_telegram))
    assert sweep.run_once() == SweepResult(0, 0, 1)
    assert _state(sessions, payment_id) == "paid"
    assert _notices(sessions) == []
    assert sweep.run_once() == SweepResult(0, 1, 0)
    assert _notices(sessions) == ["refunded"]


def test_a_review_a_lawyer_had_claimed_is_not_refunded_automatically(
    sessions: Sessions, fake_telegram: FakeTelegramAPI
) -> None:
    request_id = add_request(sessions, chat_id="9301", paid=True, created_at=PAID_AT)
    payment_id = _stars_payment(sessions, request_id, link=True)
    with sessions.begin() as session:
        assert lawyer_inbox.claim(session, LAWYER, request_id, now=NOW)
    assert _cancel(sessions, request_id) == "kept"
    assert _sweep(sessions, _stars(sessions, fake_telegram)).run_once() == SweepResult(0, 0, 0)
    assert fake_telegram.refunded == set()
    assert _state(sessions, payment_id) == "paid"


def test_stars_paid_after_the_request_was_cancelled_are_refunded_by_the_sweep(
    sessions: Sessions, fake_telegram: FakeTelegramAPI
) -> None:
    """The AWS receiver has no bot token: it only logs such a payment; the sweep gives it back.
    A second payment of a request that another payment opened is refunded the same way."""
    cancelled = add_request(sessions, chat_id="9401", status="cancelled", created_at=PAID_AT)
    late = _stars_payment(sessions, cancelled, link=False)
    opened = add_request(sessions, chat_id="9402", paid=True, created_at=PAID_AT)
    first = _stars_payment(sessions, opened, link=True)
    with sessions.begin() as session:  # the same request paid again from an older link
        session.execute(
            update(PaymentRow).where(PaymentRow.id == first).values(provider_ref="inv-first")
        )
    second = _stars_payment(sessions, opened, link=False)
    unrelated = add_request(sessions, chat_id="9403", status="cancelled", created_at=PAID_AT)
    assert _sweep(sessions, _stars(sessions, fake_telegram)).run_once() == SweepResult(0, 2, 0)
    assert [_state(sessions, p) for p in (late, first, second)] == ["refunded", "paid", "refunded"]
    assert fake_telegram.refunded == {f"charge-{cancelled}", f"charge-{opened}"}
    with sessions() as session:
        assert session.get_one(HandoffRequest, unrelated).status == "cancelled"


def test_refunds_due_without_a_refunder_are_counted_as_failed(sessions: Sessions) -> None:
    request_id = add_request(sessions, chat_id="9501", paid=True, created_at=PAID_AT)
    _stars_payment(sessions, request_id, link=True)
    _cancel(sessions, request_id)
    assert _sweep(sessions, None).run_once() == SweepResult(0, 0, 1)


def test_a_card_payment_of_a_review_cancelled_before_a_claim_is_refunded_in_stripe(
    sessions: Sessions, fake_stripe: FakeStripeAPI
) -> None:
    settings = Settings(
        public_url="https://abogado.example.mx",
        stripe=StripeSettings(api_key=SecretStr(stripe_api.API_KEY), api_base_url=fake_stripe.url),
        payments=PRODUCTS,
    )
    client = stripe_client(settings)
    assert client is not None
    stripe = StripePayments(
        client=client,
        sessions=sessions,
        public_url=settings.public_url,
        products=PRODUCTS,
        now=lambda: NOW,
    )
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
    import json

    with sessions.begin() as session:
        event = json.loads(fake_stripe.completed(view.provider_ref))
        assert stripe_events.apply(session, event, products=PRODUCTS, now=PAID_AT) == "paid"
    assert _cancel(sessions, request_id) == "refund"
    sweep = _sweep(sessions, {"stripe": stripe})
    assert sweep.run_once() == SweepResult(0, 1, 0)
    [call] = fake_stripe.posts("/v1/refunds")
    assert call.idempotency_key == f"abogado-refund-{link.payment_id}"
    assert _state(sessions, link.payment_id) == "refunded"
    assert _notices(sessions) == ["payment_paid", "refunded"]
    assert sweep.run_once() == SweepResult(0, 0, 0)
    assert len(fake_stripe.posts("/v1/refunds")) == 1
