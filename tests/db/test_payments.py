"""db.payments: the forward-only state machine, events stored once, grants and /borrar's keep."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from db import payments
from db.models import ChatIdentity, User
from db.payment_table import Entitlement, PaymentRow
from db.privacy import SqlPrivacy

NOW = datetime(2026, 12, 4, 18, 0, tzinfo=UTC)
REVIEW = payments.Grant(grants="lawyer_review")


def _people(sessions: sessionmaker[Session]) -> tuple[int, int]:
    with sessions.begin() as session:
        user = User(cognito_sub="sub-1", email="w@example.com", created_at=NOW)
        session.add(user)
        session.flush()
        chat = ChatIdentity(
            channel="whatsapp", external_id="hash-1", user_id=user.id, created_at=NOW
        )
        session.add(chat)
        session.flush()
        return user.id, chat.id


def _payment(sessions: sessionmaker[Session], ref: str = "cs_1") -> tuple[int, int]:
    user_id, identity_id = _people(sessions)
    with sessions.begin() as session:
        payment_id = payments.create(
            session,
            user_id=user_id,
            identity_id=identity_id,
            product="revision",
            provider="stripe",
            provider_ref=ref,
            amount=29_900,
            currency="MXN",
            now=NOW,
        )
    return payment_id, user_id


def _advance(sessions: sessionmaker[Session], to: str, **kw: Any) -> bool:
    with sessions.begin() as session:
        return payments.advance(
            session, provider="stripe", provider_ref="cs_1", to=to, now=NOW, **kw
        )


def test_paid_once_grants_once(sessions: sessionmaker[Session]) -> None:
    payment_id, user_id = _payment(sessions)
    assert _advance(sessions, "paid", charge_ref="pi_1", method="card", grant=REVIEW)
    # A replay, and a late "pending" (OXXO's completed after its success), change nothing.
    assert not _advance(sessions, "paid", charge_ref="pi_1", method="card", grant=REVIEW)
    assert not _advance(sessions, "pending", method="oxxo")
    with sessions() as session:
        view = payments.get(session, payment_id)
        assert view is not None
        assert (view.state, view.charge_ref, view.method, view.paid_at) == (
            "paid",
            "pi_1",
            "card",
            NOW,
        )
        assert payments.active_grants(session, user_id, NOW) == {"lawyer_review"}
        assert len(session.scalars(select(Entitlement)).all()) == 1


@pytest.mark.parametrize(
    ("path", "final"),
    [
        (["pending", "paid", "refunded"], "refunded"),
        (["pending", "failed", "paid"], "failed"),
        (["expired", "paid"], "expired"),
        (["paid", "failed", "expired", "pending"], "paid"),
        (["refunded", "paid"], "paid"),
    ],
)
def test_states_only_move_forward(
    sessions: sessionmaker[Session], path: list[str], final: str
) -> None:
    payment_id, _ = _payment(sessions)
    for to in path:
        _advance(sessions, to)
    with sessions() as session:
        view = payments.get(session, payment_id)
        assert view is not None
        assert view.state == final


def test_refund_revokes_the_entitlement(sessions: sessionmaker[Session]) -> None:
    _, user_id = _payment(sessions)
    _advance(sessions, "paid", grant=REVIEW)
    assert _advance(sessions, "refunded")
    with sessions() as session:
        assert payments.active_grants(session, user_id, NOW) == set()
        row = session.scalars(select(PaymentRow)).one()
        assert row.refunded_at == NOW


def test_a_monthly_grant_ends_and_a_cancelled_subscription_ends_now(
    sessions: sessionmaker[Session],
) -> None:
    _, user_id = _payment(sessions)
    month = NOW + timedelta(days=31)
    plan = payments.Grant(grants="answers", until=month)
    _advance(sessions, "paid", subscription_ref="sub_1", grant=plan)
    with sessions.begin() as session:
        assert payments.active_grants(session, user_id, NOW) == {"answers"}
        assert payments.active_grants(session, user_id, month) == set()
        later = NOW + timedelta(days=3)
        ended = payments.end_subscription(
            session, provider="stripe", subscription_ref="sub_1", now=later
        )
        assert ended == 1
        assert payments.active_grants(session, user_id, later) == set()
        assert payments.active_grants(session, user_id, NOW) == {"answers"}


def test_an_event_is_seen_once(sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as session:
        assert payments.seen_event(session, provider="stripe", event_id="evt_1", now=NOW)
        assert not payments.seen_event(session, provider="stripe", event_id="evt_1", now=NOW)
        assert payments.seen_event(session, provider="stars", event_id="evt_1", now=NOW)
    with sessions.begin() as session:
        assert not payments.seen_event(session, provider="stripe", event_id="evt_1", now=NOW)


def test_an_event_whose_handling_rolled_back_is_new_again(
    sessions: sessionmaker[Session],
) -> None:
    with sessions() as session:
        assert payments.seen_event(session, provider="stripe", event_id="evt_2", now=NOW)
        session.rollback()
    with sessions.begin() as session:
        assert payments.seen_event(session, provider="stripe", event_id="evt_2", now=NOW)


def test_erasing_the_user_keeps_the_payment_for_tax_law(sessions: sessionmaker[Session]) -> None:
    payment_id, user_id = _payment(sessions)
    _advance(sessions, "paid", charge_ref="pi_1", grant=REVIEW)
    with sessions.begin() as session:
        session.execute(delete(ChatIdentity).where(ChatIdentity.user_id == user_id))
        session.execute(delete(User).where(User.id == user_id))
    with sessions() as session:
        view = payments.get(session, payment_id)
        assert view is not None
        assert (view.user_id, view.identity_id) == (None, None)
        assert (view.amount, view.product, view.provider_ref, view.charge_ref) == (
            29_900,
            "revision",
            "cs_1",
            "pi_1",
        )
        assert session.scalars(select(Entitlement)).all() == []


def test_for_user_and_lookups(sessions: sessionmaker[Session]) -> None:
    payment_id, user_id = _payment(sessions)
    _advance(sessions, "paid", charge_ref="pi_9", grant=REVIEW)
    with sessions() as session:
        [mine] = payments.for_user(session, user_id)
        assert mine.id == payment_id
        assert mine.state == "paid"
        assert payments.for_user(session, user_id + 1) == []
        found = payments.find(session, provider="stripe", charge_ref="pi_9")
        assert found is not None
        assert found.id == payment_id
        assert payments.find(session, provider="stars", charge_ref="pi_9") is None
        assert [p.id for p in payments.recent(session)] == [payment_id]


def test_borrar_keeps_the_payment_without_its_person(sessions: sessionmaker[Session]) -> None:
    """/borrar (db.privacy's delete_everything, the real path) keeps what tax law requires."""
    payment_id, user_id = _payment(sessions)
    _advance(sessions, "paid", charge_ref="pi_1", grant=REVIEW)
    with sessions.begin() as session:
        SqlPrivacy(session).delete_everything(channel="whatsapp", chat_id="hash-1")
    with sessions() as session:
        assert session.get(User, user_id) is None
        view = payments.get(session, payment_id)
        assert view is not None
        assert (view.user_id, view.identity_id, view.state, view.amount) == (
            None,
            None,
            "paid",
            29_900,
        )
        assert session.scalars(select(Entitlement)).all() == []
