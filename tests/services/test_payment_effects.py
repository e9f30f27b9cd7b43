"""The turn's payment effects through the real turn runner and database (SQLite, MariaDB) with
Telegram played by the fake Bot API: /plan, pagar, the Stars invoice link, the budget a plan
lifts, and nothing at all without products."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator

import pytest
from pydantic import SecretStr
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.messages import Channel, Inbound
from bot.purchases import PurchaseFailed, PurchaseReady, StartPurchase
from db import payments
from db.handoff_table import HandoffRequest
from db.identities import ensure_linked_user
from db.payment_table import PaymentRow
from services.handoff_effects import HandoffEffects, ReviewTerms
from services.payment_effects import PaymentEffects, grant_for
from services.settings import PaymentsSettings, Product, Settings, StripeSettings
from services.stripe_payments import StripePayments, stripe_client
from services.turns import TurnRunner
from services.usage import ModelBudget, UsageLimits
from tests.fakes import stripe_api
from tests.fakes.fixtures import fake_telegram
from tests.fakes.stripe_api import FakeStripeAPI
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.services.fakes import FakeAnswerer, FixedClock, fake_works
from webhooks.stars_api import TelegramInvoiceLinks

__all__ = ["fake_telegram"]

_ids = itertools.count(1)
MONTHLY = Product(
    code="mensual",
    title="Plan mensual",
    kind="monthly",
    price_mxn=99,
    stars=150,
    grants="answers",
    answers_per_month=300,
)
REVIEW = Product(code="revision", title="Revisión de tu caso", price_mxn=199, stars=250)
PRODUCTS = [MONTHLY, REVIEW]


class Chat:
    def __init__(
        self,
        runner: TurnRunner,
        clock: FixedClock,
        *,
        channel: Channel = "telegram",
        chat_id: str = "555",
    ) -> None:
        self.runner = runner
        self.clock = clock
        self.channel: Channel = channel
        self.chat_id = chat_id

    def say(self, body: str) -> str:
        inbound = Inbound.from_text(
            channel=self.channel,
            chat_id=self.chat_id,
            message_id=f"p{next(_ids)}",
            text=body,
            received_at=self.clock.now(),
        )
        return "\n".join(r.as_text() for r in self.runner.handle(inbound).replies)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


def _effects(
    sessions: sessionmaker[Session], clock: FixedClock, fake: FakeTelegramAPI
) -> PaymentEffects:
    links = TelegramInvoiceLinks(api_base_url=fake.url, token=fake.token)
    return PaymentEffects(
        sessions=sessions,
        products=PRODUCTS,
        review_product="revision",
        now=clock.now,
        invoices=links,
    )


def _chat(
    sessions: sessionmaker[Session],
    clock: FixedClock,
    effects: PaymentEffects | None,
    budget: ModelBudget | None = None,
) -> Chat:
    runner = TurnRunner(
        answerer=FakeAnswerer(),
        clock=clock,
        work=fake_works(sessions),
        sleep=lambda _: None,
        payments=effects,
        budget=budget,
    )
    with sessions() as session, session.begin():
        ensure_linked_user(
            session, channel="telegram", chat_id="555", sub="s-555", username="w", now=clock.now()
        )
    chat = Chat(runner, clock)
    chat.say("hola")
    chat.say("/cancelar")
    return chat


@pytest.fixture
def chat(
    sessions: sessionmaker[Session], clock: FixedClock, fake_telegram: FakeTelegramAPI
) -> Chat:
    return _chat(sessions, clock, _effects(sessions, clock, fake_telegram))


def _rows(sessions: sessionmaker[Session]) -> list[PaymentRow]:
    with sessions() as session:
        return list(session.scalars(select(PaymentRow).order_by(PaymentRow.id)))


def test_plan_lists_the_plans_sold_in_stars_and_never_the_review(chat: Chat) -> None:
    said = chat.say("/plan")
    assert "Ahora usas abogado gratis." in said
    assert "Plan mensual: 150 ⭐ al mes. Escribe /pagar mensual" in said
    assert "Revisión" not in said  # a review is paid from its request (/abogado)


def test_pagar_stores_the_payment_then_sends_a_stars_invoice_link(
    chat: Chat, sessions: sessionmaker[Session], fake_telegram: FakeTelegramAPI
) -> None:
    said = chat.say("/pagar mensual")
    [row] = _rows(sessions)
    assert (row.provider, row.state, row.amount, row.currency) == ("stars", "created", 150, "XTR")
    assert (row.product, row.handoff_id) == ("mensual", None)
    invoice = fake_telegram.invoices[row.provider_ref]
    assert invoice["currency"] == "XTR"
    assert invoice["provider_token"] == ""
    assert json.loads(invoice["prices"]) == [{"label": "Plan mensual", "amount": 150}]
    assert invoice["subscription_period"] == "2592000"
    assert len([c for c in fake_telegram.calls if c.method == "createInvoiceLink"]) == 1
    assert "https://t.me/$inv" in said
    assert "estrellas" in said


def test_pagar_alone_shows_the_same_invoice_again(
    chat: Chat, sessions: sessionmaker[Session], fake_telegram: FakeTelegramAPI
) -> None:
    chat.say("/pagar mensual")
    again = chat.say("pagar")
    [row] = _rows(sessions)  # no second payment
    calls = [c for c in fake_telegram.calls if c.method == "createInvoiceLink"]
    assert [c.params["payload"] for c in calls] == [row.provider_ref, row.provider_ref]
    assert "https://t.me/$inv" in again


def test_pagar_with_nothing_waiting_and_an_unknown_product(chat: Chat) -> None:
    assert "No tienes ningún pago pendiente" in chat.say("pagar")
    assert "No encontré ese producto" in chat.say("/pagar oro")
    assert "No encontré ese producto" in chat.say("/pagar revision")  # needs a request


def test_telegram_down_gets_a_kind_reply_and_nobody_can_pay_the_stored_payment(
    chat: Chat, sessions: sessionmaker[Session], fake_telegram: FakeTelegramAPI
) -> None:
    fake_telegram.fail_next("createInvoiceLink", status=500, description="Internal Server Error")
    said = chat.say("/pagar mensual")
    assert "No pude preparar el pago" in said
    [row] = _rows(sessions)
    assert row.state == "created"
    assert row.provider_ref not in fake_telegram.invoices  # no link exists for it


def test_an_active_plan_is_shown_with_its_end_and_not_sold_twice(
    chat: Chat, sessions: sessionmaker[Session], clock: FixedClock
) -> None:
    chat.say("/pagar mensual")
    [row] = _rows(sessions)
    with sessions() as session, session.begin():
        payments.advance(
            session,
            provider="stars",
            provider_ref=row.provider_ref,
            to="paid",
            now=clock.now(),
            grant=grant_for(MONTHLY, now=clock.now()),
        )
    said = chat.say("/plan")
    assert "Tienes activo: Plan mensual (hasta el 26 de diciembre de 2026)" in said
    mine = chat.say("/mis_datos")
    assert "• Pago de mensual: 150 ⭐, pagado (26 de noviembre de 2026)" in mine
    assert "/pagar mensual" not in said
    assert "ya está activo" in chat.say("/pagar mensual")


def test_a_paid_plan_lifts_the_monthly_budget_and_a_refund_takes_it_back(
    sessions: sessionmaker[Session], clock: FixedClock, fake_telegram: FakeTelegramAPI
) -> None:
    model = FakeAnswerer()
    budget = ModelBudget(
        sessions=sessions,
        limits=UsageLimits(per_minute=0, per_hour=0, per_month=1),
        free=FakeAnswerer(),
        now=clock.now,
        plans={"mensual": 2},
    )
    chat = _chat(sessions, clock, _effects(sessions, clock, fake_telegram), budget)
    chat.runner = TurnRunner(
        answerer=model,
        clock=clock,
        work=fake_works(sessions),
        sleep=lambda _: None,
        payments=_effects(sessions, clock, fake_telegram),
        budget=budget,
    )
    chat.say("¿me pueden correr sin pagarme?")
    assert "Este mes ya usaste tus 1 respuestas" in chat.say("¿y las vacaciones?")
    chat.say("/pagar mensual")
    [row] = _rows(sessions)
    with sessions() as session, session.begin():
        payments.advance(
            session,
            provider="stars",
            provider_ref=row.provider_ref,
            to="paid",
            now=clock.now(),
            grant=grant_for(MONTHLY, now=clock.now()),
        )
    lifted = chat.say("¿y el aguinaldo?")
    assert "ya usaste" not in lifted
    assert len(model.calls) == 2
    # The plan's own limit, said in its own number.
    assert "Este mes ya usaste tus 2 respuestas" in chat.say("¿y si renuncio?")
    with sessions() as session, session.begin():
        payments.advance(
            session, provider="stars", provider_ref=row.provider_ref, to="refunded", now=clock.now()
        )
    assert "Este mes ya usaste tus 1 respuestas" in chat.say(
        "¿me pueden cambiar de turno sin avisarme?"
    )


def test_without_products_nothing_mentions_payments(
    sessions: sessionmaker[Session], clock: FixedClock
) -> None:
    chat = _chat(sessions, clock, None)
    said = chat.say("/plan").lower()
    assert "no conozco ese comando" in said
    for word in ("estrellas", "⭐", "oxxo", "/pagar"):
        assert word not in said
    for typed in ("/pagar mensual", "pagar"):
        said = chat.say(typed).lower()
        assert "no conozco ese comando" in said
        assert "pago" not in said
    assert _rows(sessions) == []


# --- WhatsApp: Stripe Checkout (the fake Stripe API, the real stripe-python client) ----------

WA = "+5215512345678"
WA_MONTHLY = MONTHLY.model_copy(update={"stripe_price_id": "price_123"})


@pytest.fixture
def fake_stripe() -> Iterator[FakeStripeAPI]:
    yield from stripe_api.running_fake()


def _stripe_effects(
    sessions: sessionmaker[Session], clock: FixedClock, fake: FakeStripeAPI
) -> PaymentEffects:
    settings = Settings(
        public_url="https://abogado.example.mx",
        stripe=StripeSettings(api_key=SecretStr(stripe_api.API_KEY), api_base_url=fake.url),
        payments=PaymentsSettings(products=[WA_MONTHLY, REVIEW]),
    )
    client = stripe_client(settings)
    assert client is not None
    stripe = StripePayments(
        client=client,
        sessions=sessions,
        public_url=settings.public_url,
        products=settings.payments,
        now=clock.now,
    )
    return PaymentEffects(
        sessions=sessions,
        products=settings.payments.products,
        review_product="revision",
        now=clock.now,
        stripe=stripe,
    )


def _linked_whatsapp(sessions: sessionmaker[Session], clock: FixedClock) -> None:
    with sessions() as session, session.begin():
        ensure_linked_user(
            session, channel="whatsapp", chat_id=WA, sub="s-wa", username="wa", now=clock.now()
        )


def test_whatsapp_gets_a_checkout_link_for_the_review_with_oxxo_and_its_day(
    sessions: sessionmaker[Session], clock: FixedClock, fake_stripe: FakeStripeAPI
) -> None:
    _linked_whatsapp(sessions, clock)
    effects = _stripe_effects(sessions, clock, fake_stripe)
    event = effects.outside(StartPurchase(None, handoff_id=7), channel="whatsapp", chat_id=WA)
    assert isinstance(event, PurchaseReady)
    assert event.handoff_id == 7
    assert event.checkout.cash
    assert event.checkout.url.startswith(fake_stripe.url + "/c/pay/cs_test_")
    assert event.checkout.price == "$199 MXN"
    [row] = _rows(sessions)
    assert (row.provider, row.state, row.amount, row.currency) == (
        "stripe",
        "created",
        19900,
        "MXN",
    )
    assert row.handoff_id == 7
    assert row.provider_ref.startswith("cs_test_")  # the session's id attached to the payment
    [call] = fake_stripe.posts("/v1/checkout/sessions")
    assert "oxxo" in str(call.form["payment_method_types"])


def test_whatsapp_plan_is_a_card_subscription_link_and_says_no_oxxo(
    sessions: sessionmaker[Session], clock: FixedClock, fake_stripe: FakeStripeAPI
) -> None:
    _linked_whatsapp(sessions, clock)
    runner = TurnRunner(
        answerer=FakeAnswerer(),
        clock=clock,
        work=fake_works(sessions),
        sleep=lambda _: None,
        payments=_stripe_effects(sessions, clock, fake_stripe),
    )
    chat = Chat(runner, clock, channel="whatsapp", chat_id=WA)
    chat.say("hola")
    chat.say("cancelar")
    assert "Plan mensual: $99 MXN al mes. Escribe pagar mensual" in chat.say("plan")
    said = chat.say("pagar mensual")
    assert fake_stripe.url + "/c/pay/cs_test_" in said
    assert "tarjeta" in said
    assert "OXXO" not in said
    [call] = fake_stripe.posts("/v1/checkout/sessions")
    assert call.form["mode"] == "subscription"


def test_stripe_down_gets_a_kind_reply(
    sessions: sessionmaker[Session], clock: FixedClock, fake_stripe: FakeStripeAPI
) -> None:
    _linked_whatsapp(sessions, clock)
    fake_stripe.fail_next(500, times=5)
    effects = _stripe_effects(sessions, clock, fake_stripe)
    event = effects.outside(StartPurchase(None, handoff_id=8), channel="whatsapp", chat_id=WA)
    assert event == PurchaseFailed("unavailable", 8)


def test_a_paid_review_on_whatsapp_gets_a_checkout_link_with_oxxo_after_consent(
    sessions: sessionmaker[Session], clock: FixedClock, fake_stripe: FakeStripeAPI
) -> None:
    _linked_whatsapp(sessions, clock)
    runner = TurnRunner(
        answerer=FakeAnswerer(),
        clock=clock,
        work=fake_works(sessions),
        sleep=lambda _: None,
        payments=_stripe_effects(sessions, clock, fake_stripe),
        handoffs=HandoffEffects(
            sessions=sessions, terms=ReviewTerms("paid", {"whatsapp": "$199 MXN"})
        ),
    )
    chat = Chat(runner, clock, channel="whatsapp", chat_id=WA)
    chat.say("hola")
    chat.say("cancelar")
    chat.say("¿me pueden correr sin carta?")
    assert "($199 MXN)" in chat.say("abogado")
    chat.say("1")
    said = chat.say("sí")
    assert fake_stripe.url + "/c/pay/cs_test_" in said
    assert "OXXO" in said
    assert "hasta un día" in said
    with sessions() as session:
        [request] = session.scalars(select(HandoffRequest)).all()
    assert request.status == "awaiting_payment"
    [row] = _rows(sessions)
    assert (row.provider, row.handoff_id, row.amount) == ("stripe", request.id, 19900)
