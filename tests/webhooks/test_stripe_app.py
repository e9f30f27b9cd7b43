"""Stripe in the real app, built by the composition root: the webhook and the Checkout return
pages are served exactly when Stripe is configured, and an OXXO payment goes from the first
event to the notice through them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import select

from abogado.container import Container
from db import payments
from db.models import ChatIdentity, User
from db.notice_table import NoticeRow
from services.settings import DatabaseSettings, Settings, StripeSettings
from tests.fakes import stripe_api
from tests.fakes.stripe_api import FakeStripeAPI
from tests.webhooks.stripe_rig import NOW, PRODUCTS
from webhooks.app import create_app
from webhooks.ports import QueueItem


@pytest.fixture
def fake_stripe() -> Iterator[FakeStripeAPI]:
    yield from stripe_api.running_fake()


def _container(tmp: Path, fake: FakeStripeAPI | None) -> Container:
    stripe = StripeSettings()
    if fake is not None:
        stripe = StripeSettings(
            api_key=SecretStr(fake.api_key),
            webhook_secret=SecretStr(fake.webhook_secret),
            api_base_url=fake.url,
        )
    settings = Settings(
        data_dir=tmp,
        public_url="https://abogado.example.mx",
        database=DatabaseSettings(url=f"sqlite:///{tmp / 'abogado.db'}"),
        stripe=stripe,
        payments=PRODUCTS,
    )
    return Container(settings)


def _client(container: Container) -> TestClient:
    queued: list[QueueItem] = []
    services = container.app_services(enqueue=queued.append, send_in_background=False)
    return TestClient(create_app(container.settings, services))


def test_without_stripe_nothing_of_it_is_served(tmp_path: Path) -> None:
    with _container(tmp_path, None) as container:
        client = _client(container)
        assert client.post("/webhooks/stripe", content=b"{}").status_code == 404
        assert client.get("/pagos/listo").status_code == 404
        assert container.refunds.providers == frozenset()


def test_the_return_pages_promise_nothing_the_event_has_not_said(
    tmp_path: Path, fake_stripe: FakeStripeAPI
) -> None:
    with _container(tmp_path, fake_stripe) as container:
        client = _client(container)
        done = client.get("/pagos/listo")
        assert done.status_code == 200
        assert "te confirmamos el pago en el chat" in done.text
        assert done.headers["x-frame-options"] == "DENY"
        cancelled = client.get("/pagos/cancelado")
        assert "no se te cobró nada" in cancelled.text
        assert container.refunds.providers == frozenset({"stripe"})


def test_an_oxxo_payment_through_the_real_app(tmp_path: Path, fake_stripe: FakeStripeAPI) -> None:
    with _container(tmp_path, fake_stripe) as container:
        client = _client(container)
        sessions = container.sessions
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
        session_id = fake_stripe.open_session()
        with sessions.begin() as session:
            payment_id = payments.create(
                session,
                user_id=user_id,
                identity_id=identity_id,
                product="revision",
                provider="stripe",
                provider_ref=session_id,
                amount=29_900,
                currency="MXN",
                now=NOW,
            )

        def post(body: bytes) -> int:
            answer = client.post("/webhooks/stripe", content=body, headers=fake_stripe.signed(body))
            return int(answer.status_code)

        assert post(fake_stripe.completed(session_id, method="oxxo")) == 200
        forged = fake_stripe.async_result(session_id, succeeded=True)
        assert (
            client.post(
                "/webhooks/stripe",
                content=forged,
                headers={"Stripe-Signature": stripe_api.signature_header(forged, secret="whsec_x")},
            ).status_code
            == 400
        )
        with sessions() as session:
            view = payments.get(session, payment_id)
            assert view is not None
            assert view.state == "pending"
        assert post(forged) == 200
        with sessions() as session:
            view = payments.get(session, payment_id)
            assert view is not None
            assert (view.state, view.method) == ("paid", "oxxo")
            assert payments.active_grants(session, user_id, view.paid_at or NOW) == {
                "lawyer_review"
            }
            kinds = list(session.scalars(select(NoticeRow.kind)))
        assert kinds == ["payment_paid"]
