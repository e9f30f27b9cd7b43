"""db.broadcasts and db.deliveries on SQLite and MariaDB: audience, one row per recipient,
exclusive claims, in-doubt recovery, owner-only marks, Twilio status callbacks, audit log."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from db import audit, deliveries
from db import broadcasts as repo
from db.broadcasts import Audience, DeliveryRow
from tests.webhooks.broadcast.people import NOW, add_identities, link_user, set_flags

Sessions = sessionmaker[Session]


def _create(sessions: Sessions, audience: Audience) -> int:
    with sessions.begin() as session:
        return repo.create_broadcast(
            session, text="Aviso", audience=audience, created_by="admin@x.mx", now=NOW
        )


def _population(sessions: Sessions) -> None:
    tg = add_identities(sessions, "telegram", 4, last_inbound_at=NOW - timedelta(days=2))
    wa = add_identities(sessions, "whatsapp", 3, last_inbound_at=NOW - timedelta(days=40))
    add_identities(sessions, "telegram", 1, start=5000, opted_out=True)
    add_identities(sessions, "whatsapp", 1, start=6000, blocked=True)
    add_identities(sessions, "cli", 1, start=7000)
    link_user(sessions, "telegram", tg[0], sub="u1", topic="despido")
    link_user(sessions, "telegram", tg[1], sub="u2", topic="despido", case_status="cerrado")
    link_user(sessions, "whatsapp", wa[0], sub="u3", topic="salario")


@pytest.mark.parametrize(
    ("audience", "expected"),
    [
        (Audience(), {"telegram": 4, "whatsapp": 3}),
        (Audience(channel="telegram"), {"telegram": 4}),
        (Audience(channel="whatsapp"), {"whatsapp": 3}),
        (Audience(linked_only=True), {"telegram": 2, "whatsapp": 1}),
        (Audience(topic="despido"), {"telegram": 1, "whatsapp": 0}),
        (Audience(active_days=7), {"telegram": 4, "whatsapp": 0}),
        (Audience(channel="whatsapp", topic="salario", active_days=60), {"whatsapp": 1}),
    ],
)
def test_audience_counts(sessions: Sessions, audience: Audience, expected: dict[str, int]) -> None:
    _population(sessions)
    with sessions() as session:
        assert repo.count_audience(session, audience, now=NOW) == expected


def test_materialise_once_per_recipient(sessions: Sessions) -> None:
    _population(sessions)
    broadcast_id = _create(sessions, Audience())
    with sessions.begin() as session:
        assert repo.materialise(session, broadcast_id, now=NOW) == 7
    # A second call (a restarted sender) adds nothing, even if the audience grew meanwhile.
    add_identities(sessions, "telegram", 2, start=9000)
    with sessions.begin() as session:
        assert repo.materialise(session, broadcast_id, now=NOW) == 7
        assert repo.counts(session, broadcast_id)["pending"] == 7
        view = repo.get_broadcast(session, broadcast_id)
        assert view is not None
        assert view.status == "sending"
    with sessions() as session:
        first = session.scalars(select(DeliveryRow).limit(1)).one()
    twin = DeliveryRow(
        broadcast_id=broadcast_id,
        identity_id=first.identity_id,
        channel=first.channel,
        status="pending",
        attempts=0,
        updated_at=NOW,
    )
    with sessions() as session:
        session.add(twin)
        with pytest.raises(IntegrityError):
            session.commit()


def test_claim_is_exclusive_and_marks_need_the_owner(sessions: Sessions) -> None:
    add_identities(sessions, "telegram", 2)
    broadcast_id = _create(sessions, Audience())
    with sessions.begin() as session:
        repo.materialise(session, broadcast_id, now=NOW)
        first = deliveries.pending(session, broadcast_id)[0]
    with sessions.begin() as session:
        claimed = deliveries.claim(session, first.delivery_id, owner="a", now=NOW)
    with sessions.begin() as session:
        assert deliveries.claim(session, first.delivery_id, owner="b", now=NOW) is None
    assert claimed is not None
    assert claimed.attempts == 1
    assert claimed.chat_id == first.chat_id
    with sessions.begin() as session:
        assert not deliveries.mark(
            session, first.delivery_id, owner="b", status="sent", now=NOW, provider_id="x"
        )
        assert deliveries.mark(
            session, first.delivery_id, owner="a", status="sent", now=NOW, provider_id="SM1"
        )
        assert repo.counts(session, broadcast_id)["sent"] == 1


def test_recover_turns_expired_claims_into_unknown_never_pending(sessions: Sessions) -> None:
    add_identities(sessions, "telegram", 3)
    broadcast_id = _create(sessions, Audience())
    with sessions.begin() as session:
        repo.materialise(session, broadcast_id, now=NOW)
        ids = [p.delivery_id for p in deliveries.pending(session, broadcast_id)]
    with sessions.begin() as session:
        deliveries.claim(session, ids[0], owner="dead", now=NOW - timedelta(minutes=5))
        deliveries.claim(session, ids[1], owner="alive", now=NOW)
    with sessions.begin() as session:
        assert deliveries.recover(session, broadcast_id, now=NOW, lease=timedelta(minutes=1)) == 1
        totals = repo.counts(session, broadcast_id)
    assert (totals["unknown"], totals["sending"], totals["pending"]) == (1, 1, 1)
    with sessions.begin() as session:
        # The slow-but-alive owner of an expired claim still records its answer.
        assert deliveries.mark(session, ids[0], owner="dead", status="sent", now=NOW)
        assert deliveries.retry_unknown(session, broadcast_id, now=NOW) == 0
        assert not repo.finish_if_done(session, broadcast_id, now=NOW)


def _sent_to_whatsapp(sessions: Sessions, provider_id: str) -> tuple[int, int]:
    """One WhatsApp recipient, claimed and sent as ``provider_id``: (broadcast, delivery) ids."""
    add_identities(sessions, "whatsapp", 1)
    broadcast_id = _create(sessions, Audience())
    with sessions.begin() as session:
        repo.materialise(session, broadcast_id, now=NOW)
        delivery_id = deliveries.pending(session, broadcast_id)[0].delivery_id
        deliveries.claim(session, delivery_id, owner="o", now=NOW)
        deliveries.mark(
            session, delivery_id, owner="o", status="sent", now=NOW, provider_id=provider_id
        )
    return broadcast_id, delivery_id


def test_provider_status_moves_forward_only(sessions: Sessions) -> None:
    broadcast_id, _ = _sent_to_whatsapp(sessions, "SMa")
    with sessions.begin() as session:
        kw = {"provider_id": "SMa", "error_code": None, "now": NOW}
        assert not deliveries.apply_provider_status(session, status="queued", **kw)
        assert deliveries.apply_provider_status(session, status="delivered", **kw)
        assert not deliveries.apply_provider_status(session, status="sent", **kw)
        assert not deliveries.apply_provider_status(session, status="undelivered", **kw)
        assert not deliveries.apply_provider_status(
            session, status="delivered", **kw | {"provider_id": "SMz"}
        )
        assert repo.counts(session, broadcast_id)["delivered"] == 1


def test_failed_callback_records_the_code(sessions: Sessions) -> None:
    _, delivery_id = _sent_to_whatsapp(sessions, "SMb")
    with sessions.begin() as session:
        deliveries.apply_provider_status(
            session, provider_id="SMb", status="undelivered", error_code="63016", now=NOW
        )
        row = session.get(DeliveryRow, delivery_id)
        assert row is not None
        assert (row.status, row.reason) == ("failed", "twilio 63016")


def test_opted_out_after_materialise_is_flagged(sessions: Sessions) -> None:
    chats = add_identities(sessions, "telegram", 2)
    broadcast_id = _create(sessions, Audience())
    with sessions.begin() as session:
        repo.materialise(session, broadcast_id, now=NOW)
    set_flags(sessions, "telegram", chats[1], opted_out=True)
    with sessions() as session:
        flags = {p.chat_id: p.excluded for p in deliveries.pending(session, broadcast_id)}
    assert flags == {chats[0]: False, chats[1]: True}


def test_admin_actions_are_recorded(sessions: Sessions) -> None:
    with sessions.begin() as session:
        audit.record_action(session, actor="ana@x.mx", action="create", broadcast_id=3, now=NOW)
        audit.record_action(session, actor="ana@x.mx", action="send", broadcast_id=3, now=NOW)
        assert audit.admin_actions(session) == [("ana@x.mx", "send", 3), ("ana@x.mx", "create", 3)]
        assert session.scalar(select(func.count()).select_from(audit.AdminAction)) == 2


def test_status_callback_adapter(sessions: Sessions) -> None:
    broadcast_id, _ = _sent_to_whatsapp(sessions, "SMc")
    callbacks = deliveries.SqlDeliveryStatus(sessions)
    kw = {"provider_id": "SMc", "status": "delivered", "error_code": None, "now": NOW}
    assert not callbacks.update_status(channel="telegram", **kw)
    assert callbacks.update_status(channel="whatsapp", **kw)
    with sessions() as session:
        assert repo.counts(session, broadcast_id)["delivered"] == 1
