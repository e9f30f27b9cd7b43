"""The handoff SLA sweep on SQLite and MariaDB: escalation once, the worker told honestly, a paid
request counted from its payment and refunded in Stars through the fake Telegram API (retried
by the next sweep when Telegram fails), and the EMF metric line the alarm reads."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from db import payments
from db.handoff_table import HandoffRequest
from db.notice_table import NoticeRow
from db.payment_table import PaymentRow
from services.handoff_sweep import HandoffSweep, SweepResult, emf_line
from services.refunds import Refunds
from tests.fakes.fixtures import fake_telegram
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.webhooks.lawyers.cases import add_request
from webhooks.stars_api import StarsRefunder

Sessions = sessionmaker[Session]
NOW = datetime(2026, 5, 4, 15, 0, tzinfo=UTC)
WITHIN = timedelta(minutes=240)
__all__ = ["fake_telegram"]


def sweep(sessions: Sessions, fake: FakeTelegramAPI | None = None) -> HandoffSweep:
    refunds = None
    if fake is not None:
        stars = StarsRefunder(
            sessions=sessions, api_base_url=fake.url, token=fake.token, now=lambda: NOW
        )
        refunds = Refunds({"stars": stars}, sessions=sessions)
    return HandoffSweep(sessions=sessions, refunds=refunds, claim_within=WITHIN, now=lambda: NOW)


def escalations(sessions: Sessions) -> list[str]:
    with sessions() as session:
        return list(
            session.scalars(select(NoticeRow.text).where(NoticeRow.kind == "handoff_escalated"))
        )


def paid_request(sessions: Sessions, *, paid_at: datetime, chat_id: str) -> tuple[int, int]:
    """A request made two days ago and paid in Stars at ``paid_at``; (request id, payment id)."""
    request_id = add_request(
        sessions, chat_id=chat_id, paid=True, created_at=NOW - timedelta(days=2)
    )
    with sessions.begin() as session:
        row = session.get(HandoffRequest, request_id)
        assert row is not None
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
            now=paid_at,
        )
        session.execute(
            update(PaymentRow)
            .where(PaymentRow.id == payment_id)
            .values(state="paid", paid_at=paid_at, charge_ref=f"charge-{request_id}")
        )
        row.payment_id = payment_id
    return request_id, payment_id


def test_an_unclaimed_request_is_escalated_once_and_the_worker_told(sessions: Sessions) -> None:
    late = add_request(sessions, created_at=NOW - timedelta(hours=5))
    assert sweep(sessions).run_once() == SweepResult(1, 0, 0)
    assert sweep(sessions).run_once() == SweepResult(0, 0, 0)
    [text] = escalations(sessions)
    assert "ningún abogado pudo tomar tu caso" in text
    assert "800 911 7877" in text
    assert "devolver" not in text  # nothing was paid: no refund promised
    with sessions() as session:
        row = session.get(HandoffRequest, late)
        assert row is not None
        assert (row.status, row.escalated_at) == ("open", NOW)


def test_requests_in_time_claimed_or_cancelled_are_left_alone(sessions: Sessions) -> None:
    add_request(sessions, created_at=NOW - timedelta(hours=3, minutes=59))
    add_request(
        sessions, created_at=NOW - timedelta(hours=9), status="claimed", lawyer_sub="sub-ana"
    )
    add_request(sessions, created_at=NOW - timedelta(hours=9), status="cancelled")
    add_request(sessions, created_at=NOW - timedelta(hours=9), status="awaiting_payment")
    assert sweep(sessions).run_once() == SweepResult(0, 0, 0)
    assert escalations(sessions) == []


def test_a_paid_request_counts_from_its_payment_and_is_refunded(
    sessions: Sessions, fake_telegram: FakeTelegramAPI
) -> None:
    late, late_payment = paid_request(sessions, paid_at=NOW - timedelta(hours=5), chat_id="8001")
    paid_paid_recently, _ = paid_request(sessions, paid_at=NOW - timedelta(hours=1), chat_id="8002")
    assert sweep(sessions, fake_telegram).run_once() == SweepResult(1, 1, 0)
    assert fake_telegram.refunded == {f"charge-{late}"}
    [text] = escalations(sessions)
    assert "Te vamos a devolver lo que pagaste." in text
    with sessions() as session:
        view = payments.get(session, late_payment)
        assert view is not None
        assert (view.state, view.refunded_at) == ("refunded", NOW)
        recent = session.get(HandoffRequest, paid_paid_recently)
        assert recent is not None
        assert recent.escalated_at is None
    # Nothing more to do: no second refund, no second notice.
    assert sweep(sessions, fake_telegram).run_once() == SweepResult(0, 0, 0)


def test_a_failed_refund_is_retried_by_the_next_sweep(
    sessions: Sessions, fake_telegram: FakeTelegramAPI
) -> None:
    _, payment_id = paid_request(sessions, paid_at=NOW - timedelta(hours=5), chat_id="8101")
    fake_telegram.fail_next("refundStarPayment", status=500, description="Internal Server Error")
    assert sweep(sessions, fake_telegram).run_once() == SweepResult(1, 0, 1)
    with sessions() as session:
        view = payments.get(session, payment_id)
        assert view is not None
        assert view.state == "paid"
    assert sweep(sessions, fake_telegram).run_once() == SweepResult(0, 1, 0)
    assert len(escalations(sessions)) == 1


def test_refunds_due_without_a_refunder_are_counted_as_failed(sessions: Sessions) -> None:
    paid_request(sessions, paid_at=NOW - timedelta(hours=5), chat_id="8201")
    assert sweep(sessions).run_once() == SweepResult(1, 0, 1)


def test_the_emf_line_is_what_cloudwatch_and_the_alarm_read() -> None:
    line = emf_line(SweepResult(3, 1, 0).metrics(), now=NOW)
    record = json.loads(line)
    [directive] = record["_aws"]["CloudWatchMetrics"]
    assert directive["Namespace"] == "abogado"
    assert directive["Dimensions"] == [[]]
    assert {"Name": "HandoffsEscalated", "Unit": "Count"} in directive["Metrics"]
    assert record["HandoffsEscalated"] == 3
    assert record["_aws"]["Timestamp"] == int(NOW.timestamp() * 1000)
    assert "\n" not in line
