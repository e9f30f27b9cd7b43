"""``/cancelar`` on a paid review through real turns (SQLite and MariaDB): the reply says what
becomes of the payment (refunded when no lawyer had claimed it, not automatically after a claim,
"ya no la pagues" while it waits), and the sweep then refunds exactly the first kind."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from db import lawyer_inbox, payments
from db.handoff_table import HandoffRequest
from db.notice_table import NoticeRow
from db.payment_table import PaymentRow
from services.handoff_effects import ReviewTerms
from services.handoff_sweep import HandoffSweep, SweepResult
from services.payment_effects import PaymentEffects
from services.refunds import Refunds
from services.settings import Product
from services.turns import TurnRunner
from tests.fakes.fixtures import fake_telegram
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.services.fakes import FixedClock
from tests.services.test_handoff_turns import LAWYER, NOW, FakeInvoiceLinks, _ready, _runner, _say
from webhooks.stars_api import StarsRefunder

Sessions = sessionmaker[Session]
__all__ = ["fake_telegram"]


def _paid_runner(sessions: Sessions) -> TurnRunner:
    product = Product(code="revision", title="Revisión de tu caso", price_mxn=199, stars=150)
    step = PaymentEffects(
        sessions=sessions,
        products=[product],
        review_product="revision",
        now=FixedClock().now,
        invoices=FakeInvoiceLinks(),
    )
    terms = ReviewTerms("paid", {"telegram": "150 ⭐"})
    return _runner(sessions, terms=terms, payments_step=step)


def _consent(runner: TurnRunner, sessions: Sessions, *, pay: bool) -> int:
    """A paid review consented to (and paid in Stars when ``pay``); its request id."""
    _ready(runner, sessions)
    _say(runner, "/abogado")
    _say(runner, "1")
    assert "https://t.me/$invoice-" in _say(runner, "sí")
    with sessions() as session:
        request_id, ref = session.execute(
            select(PaymentRow.handoff_id, PaymentRow.provider_ref)
        ).one()
    if pay:
        with sessions.begin() as session:
            assert payments.advance(
                session, provider="stars", provider_ref=ref, to="paid", now=NOW, charge_ref="ch-1"
            )
    assert request_id is not None
    return int(request_id)


def _sweep(sessions: Sessions, fake: FakeTelegramAPI) -> HandoffSweep:
    stars = StarsRefunder(
        sessions=sessions, api_base_url=fake.url, token=fake.token, now=lambda: NOW
    )
    return HandoffSweep(
        sessions=sessions,
        refunds=Refunds({"stars": stars}, sessions=sessions),
        claim_within=timedelta(hours=4),
        now=lambda: NOW,
    )


def _notices(sessions: Sessions) -> list[str]:
    with sessions() as session:
        return list(session.scalars(select(NoticeRow.kind).order_by(NoticeRow.id)))


def test_cancelar_before_a_claim_promises_the_refund_and_the_sweep_makes_it(
    sessions: Sessions, fake_telegram: FakeTelegramAPI
) -> None:
    runner = _paid_runner(sessions)
    request_id = _consent(runner, sessions, pay=True)
    said = _say(runner, "/cancelar")
    assert "Cancelé tu solicitud" in said
    assert "te devolvemos lo que pagaste" in said
    assert _sweep(sessions, fake_telegram).run_once() == SweepResult(0, 1, 0)
    assert fake_telegram.refunded == {"ch-1"}
    assert _notices(sessions) == ["payment_paid", "refunded"]
    with sessions() as session:
        assert session.get_one(HandoffRequest, request_id).status == "cancelled"


def test_cancelar_after_a_claim_says_the_payment_is_not_refunded_by_itself(
    sessions: Sessions, fake_telegram: FakeTelegramAPI
) -> None:
    runner = _paid_runner(sessions)
    request_id = _consent(runner, sessions, pay=True)
    with sessions.begin() as session:
        assert lawyer_inbox.claim(session, LAWYER, request_id, now=NOW)
    said = _say(runner, "/cancelar")
    assert "el pago no se devuelve solo" in said
    assert "/paysupport" in said
    assert "te devolvemos" not in said
    assert _sweep(sessions, fake_telegram).run_once() == SweepResult(0, 0, 0)
    assert fake_telegram.refunded == set()


def test_cancelar_while_the_payment_waits_says_not_to_pay(sessions: Sessions) -> None:
    runner = _paid_runner(sessions)
    _consent(runner, sessions, pay=False)
    said = _say(runner, "/cancelar")
    assert "ya no la pagues" in said
    assert "Si ya la habías pagado, te devolvemos el dinero" in said
