"""A rig for the Stripe webhook: a migrated SQLite database, the router in an app, a clock, and
a worker's chat with a payment waiting (created the way ``services.stripe_payments`` does)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from db import payments
from db.engine import make_engine, make_sessionmaker
from db.handoff_table import HandoffRequest
from db.migrate import upgrade
from db.models import ChatIdentity, User
from db.notice_table import NoticeRow
from db.payment_table import Entitlement, PaymentEvent
from services.settings import PaymentsSettings, Product, Settings, StripeSettings
from tests.fakes.stripe_api import WEBHOOK_SECRET, FakeStripeAPI
from webhooks.stripe_webhook import STRIPE_PATH, StripeServices, build_stripe_router

NOW = datetime(2026, 12, 4, 18, 0, tzinfo=UTC)
PRODUCTS = PaymentsSettings(
    products=[
        Product(code="revision", title="Revisión de tu caso", price_mxn=299, stars=250),
        Product(
            code="mensual",
            title="Plan mensual",
            kind="monthly",
            price_mxn=99,
            stripe_price_id="price_123",
            grants="answers",
            answers_per_month=300,
        ),
    ]
)


def stripe_settings(*, secret: str | None = WEBHOOK_SECRET, base_url: str = "") -> Settings:
    return Settings(
        stripe=StripeSettings(
            api_key=SecretStr("sk_test_fake_0123456789abcdef"),
            webhook_secret=SecretStr(secret) if secret else None,
            api_base_url=base_url or "https://api.stripe.com",
        ),
        payments=PRODUCTS,
    )


@dataclass
class Clock:
    at: datetime = NOW

    def __call__(self) -> datetime:
        return self.at


@dataclass
class StripeRig:
    sessions: sessionmaker[Session]
    client: TestClient
    clock: Clock
    fake: FakeStripeAPI
    user_id: int = 0
    identity_id: int = 0
    posted: list[int] = field(default_factory=list)

    def post(
        self, body: bytes, *, at: int | None = None, headers: dict[str, str] | None = None
    ) -> Any:
        sent = (
            headers
            if headers is not None
            else self.fake.signed(body, at=at or int(self.clock.at.timestamp()))
        )
        return self.client.post(STRIPE_PATH, content=body, headers=sent)

    def payment(
        self,
        *,
        product: str = "revision",
        amount: int = 29_900,
        ref: str,
        handoff_id: int | None = None,
    ) -> int:
        with self.sessions.begin() as session:
            return payments.create(
                session,
                user_id=self.user_id,
                identity_id=self.identity_id,
                product=product,
                provider="stripe",
                provider_ref=ref,
                amount=amount,
                currency="MXN",
                handoff_id=handoff_id,
                now=NOW,
            )

    def handoff(self) -> int:
        """A paid lawyer review the worker consented to, waiting for its payment."""
        with self.sessions.begin() as session:
            row = HandoffRequest(
                user_id=self.user_id,
                identity_id=self.identity_id,
                status="awaiting_payment",
                consent_text="Acepto",
                consented_at=NOW,
                package={},
                created_at=NOW,
                updated_at=NOW,
            )
            session.add(row)
            session.flush()
            return row.id

    def handoff_status(self, request_id: int) -> tuple[str, bool]:
        with self.sessions() as session:
            row = session.get(HandoffRequest, request_id)
            assert row is not None
            return row.status, row.paid

    def state(self, payment_id: int) -> payments.PaymentView:
        with self.sessions() as session:
            view = payments.get(session, payment_id)
        assert view is not None
        return view

    def grants(self, at: datetime | None = None) -> set[str]:
        with self.sessions() as session:
            return payments.active_grants(session, self.user_id, at or self.clock.at)

    def notices(self) -> list[str]:
        with self.sessions() as session:
            return list(session.scalars(select(NoticeRow.kind).order_by(NoticeRow.id)))

    def count(self, model: type[PaymentEvent] | type[Entitlement]) -> int:
        with self.sessions() as session:
            return int(session.scalar(select(func.count()).select_from(model)) or 0)


def make_stripe_rig(
    tmp_path: Path,
    fake: FakeStripeAPI,
    *,
    settings: Settings | None = None,
    migrate: bool = True,
    url: str = "",
) -> StripeRig:
    """``url``: an empty database (default: a SQLite file under ``tmp_path``)."""
    url = url or f"sqlite:///{tmp_path / 'abogado.db'}"
    if migrate:
        upgrade(url)
    sessions = make_sessionmaker(make_engine(url))
    clock = Clock()
    app = FastAPI()
    services = StripeServices(sessions=sessions, now=clock)
    app.include_router(
        build_stripe_router(settings=settings or stripe_settings(), services=services)
    )
    rig = StripeRig(sessions=sessions, client=TestClient(app), clock=clock, fake=fake)
    if migrate:
        with sessions.begin() as session:
            user = User(cognito_sub="sub-w", email="w@example.com", created_at=NOW)
            session.add(user)
            session.flush()
            chat = ChatIdentity(
                channel="whatsapp", external_id="hash-w", user_id=user.id, created_at=NOW
            )
            session.add(chat)
            session.flush()
            rig.user_id, rig.identity_id = user.id, chat.id
    return rig
