"""A Telegram worker pays with Stars end to end through the real webhook, worker and the fake Bot
API: /plan → invoice link → pre_checkout_query answered on the webhook's response →
successful_payment → entitlement and notice → refund through refundStarPayment."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update
from telegram import Bot

from abogado.container import Container
from abogado.purchases import build_payment_effects, build_stars, build_stars_refunder
from db import payments
from db.handoff_table import HandoffRequest
from db.identities import ensure_linked_user
from db.notice_table import NoticeRow
from db.payment_table import Entitlement, PaymentRow
from db.unit_of_work import SqlTurnWorks
from services.handoff_effects import HandoffEffects, review_terms
from services.settings import HandoffSettings, PaymentsSettings, Product, Settings
from services.turns import TurnRunner
from tests.fakes.stars import paid_update, pre_checkout_update
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.webhooks.rig import FakeAnswerer, FixedClock, Rig, make_settings
from webhooks.app import Services, create_app
from webhooks.polling import TelegramPoller
from webhooks.ports import QueueItem
from webhooks.receive import Receiver

CHAT = 555
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


def _settings(tmp: Path, fake: FakeTelegramAPI, products: list[Product]) -> Settings:
    base = make_settings(tmp, fake)
    paid = HandoffSettings(review="paid", review_product="revision")
    return base.model_copy(
        update={"payments": PaymentsSettings(products=products), "handoff": paid}
    )


def _rig(tmp: Path, fake: FakeTelegramAPI, products: list[Product]) -> Rig:
    tmp.mkdir(parents=True, exist_ok=True)
    FAKES[fake.url] = fake
    settings = _settings(tmp, fake, products)
    storage = Container(settings).storage
    enqueued: list[QueueItem] = []
    stars = build_stars(settings, sessions=storage.sessions)
    services = Services(
        inbox=storage.inbox, outbound=storage.outbound, enqueue=enqueued.append, stars=stars
    )
    rig = Rig(settings, storage, TestClient(create_app(settings, services)), enqueued)
    with storage.sessions() as session, session.begin():
        ensure_linked_user(
            session,
            channel="telegram",
            chat_id=str(CHAT),
            sub="s-ana",
            username="ana",
            now=datetime.now(UTC),
        )
    return rig


@pytest.fixture
def rig(tmp_path: Path, fake_telegram: FakeTelegramAPI) -> Iterator[Rig]:
    made = _rig(tmp_path, fake_telegram, [MONTHLY, REVIEW])
    yield made
    made.client.close()
    made.storage.engine.dispose()


def _message(text: str, update_id: int) -> dict[str, Any]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": int(time.time()),
            "chat": {"id": CHAT, "type": "private", "first_name": "Ana"},
            "from": {"id": CHAT, "is_bot": False, "first_name": "Ana"},
            "text": text,
        },
    }


def _say(rig: Rig, text: str, update_id: int) -> str:
    """One message through the webhook and the worker; the replies the fake Telegram got."""
    fake = FAKES[rig.settings.telegram.api_base_url]
    before = len(fake.sent(str(CHAT)))
    assert rig.telegram(_message(text, update_id)).status_code == 200
    sessions = rig.storage.sessions
    runner = TurnRunner(
        work=SqlTurnWorks(sessions),
        answerer=FakeAnswerer(),
        clock=FixedClock(),
        payments=build_payment_effects(rig.settings, sessions=sessions),
        handoffs=HandoffEffects(sessions=sessions, terms=review_terms(rig.settings)),
    )
    rig.drain(rig.processor(turns=lambda inbound: runner.handle(inbound).replies))
    return "\n".join(c.text for c in fake.sent(str(CHAT))[before:])


# The fake Telegram of each rig, by its URL (the rig knows only its settings).
FAKES: dict[str, FakeTelegramAPI] = {}


def _payload(fake: FakeTelegramAPI) -> str:
    [payload] = fake.invoices
    return payload


def _count(rig: Rig, table: type[Any]) -> int:
    with rig.storage.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(table)) or 0)


def _payment(rig: Rig) -> PaymentRow:
    with rig.storage.sessions() as session:
        return session.scalars(select(PaymentRow)).one()


def _grants(rig: Rig) -> set[str]:
    with rig.storage.sessions() as session:
        user_id = _payment(rig).user_id
        assert user_id is not None
        return payments.active_grants(session, user_id, datetime.now(UTC))


def test_a_worker_pays_with_stars_from_plan_to_entitlement(
    rig: Rig, fake_telegram: FakeTelegramAPI
) -> None:
    _say(rig, "hola", 1)
    _say(rig, "/cancelar", 2)
    assert "/pagar mensual" in _say(rig, "/plan", 3)
    said = _say(rig, "/pagar mensual", 4)
    payload = _payload(fake_telegram)
    assert "https://t.me/$inv" in said

    answer = rig.telegram(pre_checkout_update(user_id=CHAT, payload=payload, total=150))
    assert answer.status_code == 200
    body = answer.json()
    assert body["method"] == "answerPreCheckoutQuery"
    assert body["ok"] is True
    assert "error_message" not in body

    paid = paid_update(user_id=CHAT, payload=payload, total=150, charge_id="stxCHARGE1")
    assert rig.telegram(paid).status_code == 200
    row = _payment(rig)
    assert (row.state, row.charge_ref, row.method) == ("paid", "stxCHARGE1", "stars")
    assert row.subscription_ref == payload
    assert _grants(rig) == {"answers"}
    with rig.storage.sessions() as session:
        [notice] = session.scalars(select(NoticeRow)).all()
    assert notice.kind == "payment_paid"
    assert "Plan mensual" in notice.text
    assert str(paid["update_id"]) not in [i.platform_id for i in rig.enqueued]  # no turn

    assert rig.telegram(paid).status_code == 200  # Telegram sends it again: nothing changes
    assert (_count(rig, Entitlement), _count(rig, NoticeRow)) == (1, 1)
    again = rig.telegram(pre_checkout_update(user_id=CHAT, payload=payload, total=150)).json()
    assert again["ok"] is False  # a used invoice cannot be paid twice
    assert "ya no es válido" in again["error_message"]


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"payload": "nadie-lo-creo"}, "unknown payload"),
        ({"total": 1}, "another amount"),
        ({"currency": "USD"}, "another currency"),
        ({"user_id": 777}, "someone else's chat"),
    ],
)
def test_a_pre_checkout_that_does_not_match_a_waiting_payment_is_refused(
    rig: Rig, fake_telegram: FakeTelegramAPI, change: dict[str, Any], why: str
) -> None:
    _say(rig, "/pagar mensual", 10)
    query: dict[str, Any] = {"user_id": CHAT, "payload": _payload(fake_telegram), "total": 150}
    query.update(change)
    body = rig.telegram(pre_checkout_update(**query)).json()
    assert body["ok"] is False, why
    assert body["error_message"].startswith("Este pago ya no es válido")
    assert _payment(rig).state == "created"


def test_an_older_link_of_a_plan_bought_since_cannot_be_paid(
    rig: Rig, fake_telegram: FakeTelegramAPI
) -> None:
    _say(rig, "/pagar mensual", 15)
    [old] = fake_telegram.invoices
    with rig.storage.sessions() as session, session.begin():
        session.execute(update(PaymentRow).values(created_at=datetime(2026, 1, 1, tzinfo=UTC)))
    _say(rig, "/pagar mensual", 16)  # the first link is too old to be shown again: a new one
    new = next(p for p in fake_telegram.invoices if p != old)
    rig.telegram(paid_update(user_id=CHAT, payload=new, total=150, charge_id="stxNEW"))
    body = rig.telegram(pre_checkout_update(user_id=CHAT, payload=old, total=150)).json()
    assert body["ok"] is False


def test_a_forged_payment_update_is_refused_before_anything(
    rig: Rig, fake_telegram: FakeTelegramAPI
) -> None:
    _say(rig, "/pagar mensual", 20)
    paid = paid_update(user_id=CHAT, payload=_payload(fake_telegram), total=150, charge_id="x")
    assert rig.telegram(paid, secret="wrong").status_code in (401, 403)
    assert rig.telegram(paid, secret=None).status_code in (401, 403)
    assert _payment(rig).state == "created"
    assert _count(rig, Entitlement) == 0


def test_a_refund_calls_refund_star_payment_and_revokes_the_plan(
    rig: Rig, fake_telegram: FakeTelegramAPI
) -> None:
    _say(rig, "/pagar mensual", 30)
    payload = _payload(fake_telegram)
    rig.telegram(paid_update(user_id=CHAT, payload=payload, total=150, charge_id="stxR"))
    refunder = build_stars_refunder(rig.settings, sessions=rig.storage.sessions)
    assert refunder is not None
    payment_id = _payment(rig).id
    assert refunder.refund(payment_id, reason="SLA", actor="sweep") is True
    [call] = [c for c in fake_telegram.calls if c.method == "refundStarPayment"]
    assert (call.params["user_id"], call.params["telegram_payment_charge_id"]) == ("555", "stxR")
    assert fake_telegram.refunded == {"stxR"}
    assert _payment(rig).state == "refunded"
    assert _grants(rig) == set()
    with rig.storage.sessions() as session:
        told = session.scalars(select(NoticeRow).where(NoticeRow.kind == "refunded")).one()
    assert told.text.startswith("Te devolvimos tus 150 ⭐ de Plan mensual")
    assert refunder.refund(payment_id, reason="again", actor="admin") is False  # once
    assert len([c for c in fake_telegram.calls if c.method == "refundStarPayment"]) == 1


def test_a_refund_telegram_refuses_changes_nothing(
    rig: Rig, fake_telegram: FakeTelegramAPI
) -> None:
    _say(rig, "/pagar mensual", 40)
    payload = _payload(fake_telegram)
    rig.telegram(paid_update(user_id=CHAT, payload=payload, total=150, charge_id="stxN"))
    refunder = build_stars_refunder(rig.settings, sessions=rig.storage.sessions)
    assert refunder is not None
    fake_telegram.refuse_refund("Bad Request: CHARGE_NOT_FOUND")
    assert refunder.refund(_payment(rig).id, reason="x", actor="admin") is False
    assert _payment(rig).state == "paid"
    assert _grants(rig) == {"answers"}


def test_a_subscription_renewal_is_a_payment_of_its_own(
    rig: Rig, fake_telegram: FakeTelegramAPI
) -> None:
    _say(rig, "/pagar mensual", 50)
    payload = _payload(fake_telegram)
    first = paid_update(
        user_id=CHAT,
        payload=payload,
        total=150,
        charge_id="c1",
        recurring=True,
        first_recurring=True,
    )
    rig.telegram(first)
    renewal = paid_update(user_id=CHAT, payload=payload, total=150, charge_id="c2", recurring=True)
    rig.telegram(renewal)
    rig.telegram(renewal)
    with rig.storage.sessions() as session:
        rows = session.scalars(select(PaymentRow).order_by(PaymentRow.id)).all()
        assert [(r.state, r.charge_ref, r.subscription_ref) for r in rows] == [
            ("paid", "c1", payload),
            ("paid", "c2", payload),
        ]
    assert _count(rig, Entitlement) == 2
    with rig.storage.sessions() as session:
        texts = [n.text for n in session.scalars(select(NoticeRow).order_by(NoticeRow.id))]
    assert "Se renovó tu Plan mensual" in texts[-1]


def test_polling_answers_the_pre_checkout_query_through_the_bot_api(
    rig: Rig, fake_telegram: FakeTelegramAPI
) -> None:
    _say(rig, "/pagar mensual", 60)
    payload = _payload(fake_telegram)
    stars = build_stars(rig.settings, sessions=rig.storage.sessions)
    receiver = Receiver(inbox=rig.storage.inbox, enqueue=rig.enqueued.append, now=datetime.now)
    bot = Bot(fake_telegram.token, base_url=fake_telegram.base_url)
    poller = TelegramPoller(bot, receiver, timeout=0, stars=stars)
    fake_telegram.push_update(pre_checkout_update(user_id=CHAT, payload=payload, total=150))
    fake_telegram.push_update(pre_checkout_update(user_id=CHAT, payload="otro", total=150))
    asyncio.run(poller.poll_once())
    answers = [c for c in fake_telegram.calls if c.method == "answerPreCheckoutQuery"]
    assert [c.params["ok"] for c in answers] == ["true", "false"]
    assert "ya no es válido" in answers[1].params["error_message"]


def test_without_products_a_payment_update_takes_the_usual_path(
    tmp_path: Path, fake_telegram: FakeTelegramAPI
) -> None:
    plain = _rig(tmp_path / "free", fake_telegram, [])
    try:
        answer = plain.telegram(pre_checkout_update(user_id=CHAT, payload="x", total=1))
        assert answer.status_code == 200
        assert answer.content == b""  # no answer rides on the response: nothing is sold
    finally:
        plain.client.close()
        plain.storage.engine.dispose()


def test_a_paid_review_opens_only_when_its_stars_arrive(
    rig: Rig, fake_telegram: FakeTelegramAPI
) -> None:
    _say(rig, "hola", 70)
    _say(rig, "/cancelar", 71)
    _say(rig, "¿me pueden correr sin carta?", 72)
    assert "(250 ⭐)" in _say(rig, "/abogado", 73)
    _say(rig, "1", 74)
    said = _say(rig, "sí", 75)
    assert "https://t.me/$inv" in said
    assert "listo para el abogado en cuanto se confirme el pago" in said
    payload = _payload(fake_telegram)
    with rig.storage.sessions() as session:
        [request] = session.scalars(select(HandoffRequest)).all()
        assert (request.status, request.paid) == ("awaiting_payment", False)
    row = _payment(rig)
    assert (row.product, row.amount, row.handoff_id) == ("revision", 250, request.id)

    assert rig.telegram(pre_checkout_update(user_id=CHAT, payload=payload, total=250)).json()["ok"]
    rig.telegram(paid_update(user_id=CHAT, payload=payload, total=250, charge_id="stxREV"))
    with rig.storage.sessions() as session:
        opened = session.get_one(HandoffRequest, request.id)
        assert (opened.status, opened.paid, opened.payment_id) == ("open", True, row.id)
        kinds = session.scalars(select(NoticeRow.kind)).all()
    assert kinds == ["payment_paid"]  # one notice: the request's, not a second one from Stars
    assert _grants(rig) == {"lawyer_review"}


def test_a_review_cancelled_before_paying_takes_no_stars(
    rig: Rig, fake_telegram: FakeTelegramAPI
) -> None:
    _say(rig, "¿me pueden correr sin carta?", 80)
    _say(rig, "/abogado", 81)
    _say(rig, "1", 82)
    _say(rig, "sí", 83)
    payload = _payload(fake_telegram)
    _say(rig, "/cancelar", 84)
    body = rig.telegram(pre_checkout_update(user_id=CHAT, payload=payload, total=250)).json()
    assert body["ok"] is False


def test_stars_paid_for_a_review_cancelled_after_its_pre_checkout_are_given_back(
    rig: Rig, fake_telegram: FakeTelegramAPI
) -> None:
    _say(rig, "¿me pueden correr sin carta?", 90)
    _say(rig, "/abogado", 91)
    _say(rig, "1", 92)
    _say(rig, "sí", 93)
    payload = _payload(fake_telegram)
    assert rig.telegram(pre_checkout_update(user_id=CHAT, payload=payload, total=250)).json()["ok"]
    _say(rig, "/cancelar", 94)  # while Telegram takes the Stars
    rig.telegram(paid_update(user_id=CHAT, payload=payload, total=250, charge_id="stxLATE"))
    assert fake_telegram.refunded == {"stxLATE"}
    assert _payment(rig).state == "refunded"
    assert _grants(rig) == set()
    with rig.storage.sessions() as session:
        [request] = session.scalars(select(HandoffRequest)).all()
        kinds = session.scalars(select(NoticeRow.kind)).all()
    assert request.status == "cancelled"
    assert "refunded" in kinds


def test_malformed_payment_updates_go_the_usual_way_and_change_nothing(rig: Rig) -> None:
    long = pre_checkout_update(user_id=CHAT, payload="x" * 300, total=1)
    odd = pre_checkout_update(user_id=CHAT, payload="x", total=1)
    odd["pre_checkout_query"]["total_amount"] = "mucho"
    paid = paid_update(user_id=CHAT, payload="p", total=1, charge_id="c" * 300)
    for sent in (long, odd, paid):
        answer = rig.telegram(sent)
        assert answer.status_code == 200
        assert answer.content == b""
    assert _count(rig, PaymentRow) == 0


def test_the_container_answers_stars_only_where_something_is_sold_in_stars(
    tmp_path: Path, fake_telegram: FakeTelegramAPI
) -> None:
    for name in ("sold", "free", "pesos"):
        (tmp_path / name).mkdir()
    sold = Container(_settings(tmp_path / "sold", fake_telegram, [MONTHLY]))
    free = Container(_settings(tmp_path / "free", fake_telegram, []))
    pesos = Container(
        _settings(tmp_path / "pesos", fake_telegram, [REVIEW.model_copy(update={"stars": 0})])
    )
    for container, expected in ((sold, True), (free, False), (pesos, False)):
        services = container.app_services(enqueue=lambda _i: None, send_in_background=False)
        assert (services.stars is not None) is expected
        container.close()
