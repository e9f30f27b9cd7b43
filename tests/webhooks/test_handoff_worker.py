"""The worker's side of a lawyer's review end to end on Telegram: real webhook, queue, worker
and channel against the fake Bot API; the lawyer's inbox functions and the courier for the
other side. Consent, forwarding, a reply delivered once, the close and the rating."""

from __future__ import annotations

import itertools
from datetime import timedelta

from sqlalchemy import select

from bot import handoff_wording as words
from db import lawyer_inbox
from db.handoff_table import HandoffMessage, HandoffRequest
from db.identities import ensure_linked_user
from db.unit_of_work import SqlTurnWorks
from services.handoff_effects import HandoffEffects, ReviewTerms
from services.turns import TurnRunner
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.services.fakes import FixedClock as ServiceClock
from tests.webhooks.broadcast.conftest import telegram_broadcaster
from tests.webhooks.rig import FixedClock, Rig
from tests.webhooks.test_courier import courier, run
from webhooks.ports import RunTurn

CHAT = "424242"
ANA = lawyer_inbox.Lawyer(sub="sub-ana", actor="ana@despacho.mx")
_ids = itertools.count(1)


def _update(body: str) -> dict[str, object]:
    n = next(_ids)
    person = {"id": int(CHAT), "is_bot": False, "first_name": "Rosa"}
    message = {
        "message_id": n,
        "from": person,
        "chat": {"id": int(CHAT), "first_name": "Rosa", "type": "private"},
        "date": 1777651200,
        "text": body,
    }
    if body.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(body.split()[0])}]
    return {"update_id": 5_000_000 + n, "message": message}


def _turns(rig: Rig) -> RunTurn:
    runner = TurnRunner(
        work=SqlTurnWorks(rig.storage.sessions),
        answerer=rig.answerer,
        clock=FixedClock(),
        handoffs=HandoffEffects(sessions=rig.storage.sessions, terms=ReviewTerms("free")),
    )
    return lambda inbound: runner.handle(inbound).replies


def _send(rig: Rig, fake: FakeTelegramAPI, body: str) -> list[str]:
    before = len(fake.sent(CHAT))
    assert rig.telegram(_update(body)).status_code == 200
    rig.drain(rig.processor(turns=_turns(rig)))
    return [call.text for call in fake.sent(CHAT)[before:]]


def test_a_telegram_worker_consents_talks_to_the_lawyer_and_rates(
    rig: Rig, fake_telegram: FakeTelegramAPI
) -> None:
    sessions = rig.storage.sessions
    now = FixedClock().now()
    with sessions.begin() as session:
        ensure_linked_user(
            session, channel="telegram", chat_id=CHAT, sub="sub-rosa", username="rosa", now=now
        )
    _send(rig, fake_telegram, "hola")
    _send(rig, fake_telegram, "/cancelar")
    _send(rig, fake_telegram, "¿me pueden correr sin carta?")
    offer = "\n".join(_send(rig, fake_telegram, "/abogado"))
    assert "800 911 7877" in offer
    preview = "\n".join(_send(rig, fake_telegram, "1"))
    assert "«¿me pueden correr sin carta?»" in preview
    assert "Listo, envié tu caso" in "\n".join(_send(rig, fake_telegram, "sí"))
    with sessions() as session:
        (request,) = session.scalars(select(HandoffRequest)).all()
    assert request.status == "open"

    assert "Se lo pasé" in "\n".join(_send(rig, fake_telegram, "tengo mis recibos"))
    with sessions.begin() as session:
        assert lawyer_inbox.claim(session, ANA, request.id, now=now)
        assert lawyer_inbox.reply(session, ANA, request.id, "Guárdalos, sirven.", now=now)
    clock = ServiceClock(now + timedelta(minutes=1))
    assert run(courier(sessions, clock, telegram=telegram_broadcaster(fake_telegram))) == {
        "sent": 2
    }  # the claim and the reply, once each
    assert run(courier(sessions, clock, telegram=telegram_broadcaster(fake_telegram))) == {}
    assert any("Guárdalos, sirven." in c.text for c in fake_telegram.sent(CHAT))
    assert _send(rig, fake_telegram, "gracias, ¿y luego?") == []  # passed on, no reply

    with sessions.begin() as session:
        assert lawyer_inbox.close(session, ANA, request.id, "Ve a conciliación.", now=now)
    run(courier(sessions, clock, telegram=telegram_broadcaster(fake_telegram)))
    assert "1 (nada) al 5 (mucho)" in fake_telegram.sent(CHAT)[-1].text
    assert words.RATED in "\n".join(_send(rig, fake_telegram, "5"))
    with sessions() as session:
        stored = session.get_one(HandoffRequest, request.id)
        said = session.scalars(
            select(HandoffMessage.text)
            .where(HandoffMessage.author == "worker")
            .order_by(HandoffMessage.id)
        ).all()
    assert (stored.status, stored.rating) == ("closed", 5)
    assert said == ["tengo mis recibos", "gracias, ¿y luego?"]
