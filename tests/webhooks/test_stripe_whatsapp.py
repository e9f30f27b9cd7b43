"""A WhatsApp worker pays a lawyer review by Stripe Checkout end to end, through the real Twilio
webhook, worker and Stripe webhook, with the fake Twilio and Stripe APIs: /abogado → consent →
a Checkout link (card and OXXO) → Stripe's signed events → the request opens (or is cancelled)
with one notice, which the courier delivers to the chat. Replays and forgeries change nothing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import select

from abogado.container import Container
from abogado.handoff_jobs import build_courier
from abogado.purchases import build_payment_effects
from abogado.stripe_setup import build_stripe_webhook
from db import payments
from db.handoff_table import HandoffRequest
from db.identities import ensure_linked_user
from db.notice_table import NoticeRow
from db.payment_table import PaymentRow
from db.unit_of_work import SqlTurnWorks
from services.answering import SystemClock
from services.handoff_effects import HandoffEffects, review_terms
from services.settings import HandoffSettings, PaymentsSettings, Product, StripeSettings
from services.turns import TurnRunner
from tests.fakes import stripe_api
from tests.fakes.fixtures import fake_telegram, fake_twilio
from tests.fakes.stripe_api import FakeStripeAPI
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.twilio_api import FakeTwilioAPI
from tests.webhooks import payloads
from tests.webhooks.rig import FakeAnswerer, FixedClock, Rig, make_settings
from webhooks.app import Services, create_app
from webhooks.ports import QueueItem

__all__ = ["fake_telegram", "fake_twilio"]
PHONE = "+5215512345678"
REVIEW = Product(code="revision", title="Revisión de tu caso", price_mxn=199)
MONTHLY = Product(
    code="mensual",
    title="Plan mensual",
    kind="monthly",
    price_mxn=99,
    stripe_price_id="price_mensual",
    grants="answers",
    answers_per_month=300,
)


@pytest.fixture
def fake_stripe() -> Iterator[FakeStripeAPI]:
    yield from stripe_api.running_fake()


@pytest.fixture
def rig(
    tmp_path: Path,
    fake_telegram: FakeTelegramAPI,
    fake_twilio: FakeTwilioAPI,
    fake_stripe: FakeStripeAPI,
) -> Iterator[Rig]:
    base = make_settings(tmp_path, fake_telegram, fake_twilio)
    settings = base.model_copy(
        update={
            "payments": PaymentsSettings(products=[REVIEW, MONTHLY]),
            "handoff": HandoffSettings(review="paid", review_product="revision"),
            "stripe": StripeSettings(
                api_key=SecretStr(fake_stripe.api_key),
                webhook_secret=SecretStr(fake_stripe.webhook_secret),
                api_base_url=fake_stripe.url,
            ),
        }
    )
    storage = Container(settings).storage
    queued: list[QueueItem] = []
    services = Services(
        inbox=storage.inbox,
        outbound=storage.outbound,
        enqueue=queued.append,
        stripe=build_stripe_webhook(settings, sessions=storage.sessions),
    )
    made = Rig(settings, storage, TestClient(create_app(settings, services)), queued)
    with storage.sessions() as session, session.begin():
        ensure_linked_user(
            session,
            channel="whatsapp",
            chat_id=PHONE,
            sub="s-maria",
            username="maria",
            now=datetime.now(UTC),
        )
    yield made
    made.client.close()
    made.storage.engine.dispose()


def _say(rig: Rig, fake: FakeTwilioAPI, text: str, n: int) -> str:
    """One WhatsApp message through the webhook and the worker; the replies Twilio got."""
    before = len(fake.messages())
    form = {**payloads.twilio("command"), "Body": text, "MessageSid": f"SM{n:032x}"}
    form["SmsMessageSid"] = form["SmsSid"] = form["MessageSid"]
    assert rig.whatsapp(form).status_code == 200
    sessions = rig.storage.sessions
    runner = TurnRunner(
        work=SqlTurnWorks(sessions),
        answerer=FakeAnswerer(),
        clock=FixedClock(),
        payments=build_payment_effects(rig.settings, sessions=sessions),
        handoffs=HandoffEffects(sessions=sessions, terms=review_terms(rig.settings)),
    )
    rig.drain(rig.processor(turns=lambda inbound: runner.handle(inbound).replies))
    return "\n".join(c.body for c in fake.messages()[before:])


def _request(rig: Rig) -> HandoffRequest:
    with rig.storage.sessions() as session:
        [request] = session.scalars(select(HandoffRequest)).all()
        session.expunge(request)
        return request


def _notices(rig: Rig) -> list[tuple[str, str]]:
    with rig.storage.sessions() as session:
        return [(n.kind, n.status) for n in session.scalars(select(NoticeRow))]


def _deliver(rig: Rig) -> None:
    courier = build_courier(rig.settings, sessions=rig.storage.sessions, clock=SystemClock())

    async def once() -> None:
        try:
            await courier.run_once()
        finally:
            await courier.close()

    asyncio.run(once())


def _stripe(rig: Rig, fake: FakeStripeAPI, body: bytes) -> int:
    answer = rig.client.post("/webhooks/stripe", content=body, headers=fake.signed(body))
    return int(answer.status_code)


def _to_checkout(rig: Rig, twilio: FakeTwilioAPI, stripe: FakeStripeAPI) -> str:
    _say(rig, twilio, "hola", 1)
    _say(rig, twilio, "cancelar", 2)
    _say(rig, twilio, "¿me pueden correr sin carta?", 3)
    assert "$199" in _say(rig, twilio, "abogado", 4)
    _say(rig, twilio, "1", 5)
    said = _say(rig, twilio, "sí", 6)
    [session_id] = stripe.sessions
    assert stripe.sessions[session_id]["url"] in said
    assert "OXXO" in said
    request = _request(rig)
    assert (request.status, request.paid) == ("awaiting_payment", False)
    form = stripe.posts("/v1/checkout/sessions")[0].form
    assert form["payment_method_types"] == ["card", "oxxo"]
    assert form["metadata"]["handoff_id"] == str(request.id)
    return session_id


@pytest.mark.parametrize("way", ["card", "oxxo_paid", "oxxo_failed"])
def test_a_whatsapp_worker_pays_a_review_by_stripe_checkout(
    rig: Rig, fake_twilio: FakeTwilioAPI, fake_stripe: FakeStripeAPI, way: str
) -> None:
    session_id = _to_checkout(rig, fake_twilio, fake_stripe)
    # Coming back to the success page proves nothing; a forged success changes nothing.
    forged = fake_stripe.completed(session_id, method="card")
    bad = {"Stripe-Signature": stripe_api.signature_header(forged, secret="whsec_guess")}
    assert rig.client.post("/webhooks/stripe", content=forged, headers=bad).status_code == 400
    assert _request(rig).status == "awaiting_payment"
    if way == "card":
        events = [fake_stripe.completed(session_id, method="card")]
    else:
        events = [
            fake_stripe.completed(session_id, method="oxxo"),
            fake_stripe.async_result(session_id, succeeded=way == "oxxo_paid"),
        ]
    for body in events:
        assert _stripe(rig, fake_stripe, body) == 200
        assert _stripe(rig, fake_stripe, body) == 200  # Stripe's retry
    request = _request(rig)
    with rig.storage.sessions() as session:
        row = session.scalars(select(PaymentRow)).one()
        grants = payments.active_grants(session, request.user_id, datetime.now(UTC))
    if way == "oxxo_failed":
        assert (request.status, request.paid, row.state) == ("cancelled", False, "failed")
        assert grants == set()
        assert _notices(rig) == [("payment_failed", "pending")]
    else:
        assert (request.status, request.paid, request.payment_id) == ("open", True, row.id)
        assert (row.state, row.method) == ("paid", "card" if way == "card" else "oxxo")
        assert grants == {"lawyer_review"}
        assert _notices(rig) == [("payment_paid", "pending")]
    before = len(fake_twilio.messages(f"whatsapp:{PHONE}"))
    _deliver(rig)
    _deliver(rig)  # at most once
    delivered = fake_twilio.messages(f"whatsapp:{PHONE}")[before:]
    assert len(delivered) == 1
    assert _notices(rig)[0][1] == "sent"


def test_a_whatsapp_worker_subscribes_manages_renews_and_cancels(
    rig: Rig, fake_twilio: FakeTwilioAPI, fake_stripe: FakeStripeAPI
) -> None:
    _say(rig, fake_twilio, "hola", 1)
    _say(rig, fake_twilio, "cancelar", 2)
    assert "pagar mensual" in _say(rig, fake_twilio, "plan", 3)
    said = _say(rig, fake_twilio, "pagar mensual", 4)
    [session_id] = fake_stripe.sessions
    assert fake_stripe.sessions[session_id]["url"] in said
    form = fake_stripe.posts("/v1/checkout/sessions")[0].form
    assert (form["mode"], form["payment_method_types"]) == ("subscription", ["card"])
    assert form["line_items"][0]["price"] == "price_mensual"
    assert _stripe(rig, fake_stripe, fake_stripe.completed(session_id)) == 200
    plan = _say(rig, fake_twilio, "plan", 5)
    assert "Tienes activo: Plan mensual" in plan
    [portal] = fake_stripe.posts("/v1/billing_portal/sessions")
    assert portal.form["customer"] == fake_stripe.sessions[session_id]["customer"]
    assert f"{fake_stripe.url}/p/session/" in plan
    subscription = fake_stripe.sessions[session_id]["subscription"]
    now = int(datetime.now(UTC).timestamp())
    renewal = fake_stripe.invoice_paid(
        subscription, amount=9_900, start=now, end=now + 30 * 86_400, metadata={}
    )
    assert _stripe(rig, fake_stripe, renewal) == 200
    assert _stripe(rig, fake_stripe, renewal) == 200
    with rig.storage.sessions() as session:
        rows = session.scalars(select(PaymentRow).order_by(PaymentRow.id)).all()
        assert [(r.state, r.subscription_ref) for r in rows] == [("paid", subscription)] * 2
    assert _stripe(rig, fake_stripe, fake_stripe.subscription_deleted(subscription)) == 200
    after = _say(rig, fake_twilio, "plan", 6)
    assert "Tienes activo" not in after
    assert "pagar mensual" in after
