"""A handoff end to end through the real webhooks, worker, turns, inbox routes and courier, with the
fake Telegram and Twilio servers: the worker asks and consents, a lawyer claims and answers, the
worker's reply reaches the lawyer, the case closes and the rating shows in the inbox. On
WhatsApp, a reply outside the 24-hour window goes as the template, and its text after VER."""

from __future__ import annotations

import asyncio
import re
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from db.handoff_table import HandoffMessage, HandoffRequest
from db.identities import ensure_linked_user
from db.models import ChatIdentity
from db.unit_of_work import SqlTurnWorks
from services.handoff_effects import HandoffEffects, review_terms
from services.turns import TurnRunner
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.twilio_api import FakeTwilioAPI
from tests.services.fakes import FixedClock
from tests.webhooks.admin.idp import User
from tests.webhooks.admin.rig import oidc_client
from tests.webhooks.broadcast.conftest import telegram_broadcaster, whatsapp_broadcaster
from tests.webhooks.lawyers.conftest import BASE, InboxRig, make_inbox_app
from tests.webhooks.rig import FakeAnswerer, Rig, make_rig
from webhooks.broadcast.pacing import Pacer
from webhooks.broadcast.sender import Broadcaster
from webhooks.courier import Courier

ROSA = User("sub-rosa", "rosa@despacho.mx", ("abogados",))
CHAT = "4242"
PHONE = "+5215512345678"
TEMPLATE = "HX" + "d" * 32
_updates = iter(range(1, 10_000))


def _turns(rig: Rig) -> Any:
    sessions = rig.storage.sessions
    runner = TurnRunner(
        work=SqlTurnWorks(sessions),
        answerer=FakeAnswerer(),
        clock=FixedClock(datetime.now(UTC)),
        handoffs=HandoffEffects(sessions=sessions, terms=review_terms(rig.settings)),
    )
    return lambda inbound: runner.handle(inbound).replies


def _telegram_update(text: str) -> dict[str, Any]:
    n = next(_updates)
    return {
        "update_id": n,
        "message": {
            "message_id": n,
            "date": int(time.time()),
            "chat": {"id": int(CHAT), "type": "private", "first_name": "Ana"},
            "from": {"id": int(CHAT), "is_bot": False, "first_name": "Ana"},
            "text": text,
        },
    }


def _whatsapp_form(text: str) -> dict[str, str]:
    sid = f"SM{next(_updates):032d}"
    return {
        "MessageSid": sid,
        "SmsMessageSid": sid,
        "AccountSid": "AC" + "0" * 32,
        "From": f"whatsapp:{PHONE}",
        "To": "whatsapp:+14155238886",
        "Body": text,
        "NumMedia": "0",
        "WaId": PHONE.removeprefix("+"),
        "ProfileName": "Ana",
    }


def _say(rig: Rig, channel: str, text: str) -> None:
    """One message through the real webhook, then the worker runs the turn and replies."""
    if channel == "telegram":
        assert rig.telegram(_telegram_update(text)).status_code == 200
    else:
        assert rig.whatsapp(_whatsapp_form(text)).status_code == 200
    rig.drain(rig.processor(turns=_turns(rig)))


def _deliver(rig: Rig, broadcaster: Broadcaster, *, template: str | None = None) -> dict[str, int]:
    courier = Courier(
        sessions=rig.storage.sessions,
        broadcasters={broadcaster.channel: broadcaster},
        clock=FixedClock(datetime.now(UTC)),
        pacers={broadcaster.channel: Pacer(rate=30.0)},
        template_sid=template,
    )

    async def go() -> dict[str, int]:
        try:
            return await courier.run_once()
        finally:
            await courier.close()

    return asyncio.run(go())


def _inbox(rig: Rig) -> tuple[InboxRig, TestClient, str]:
    inbox = make_inbox_app(base_url=BASE, sessions=rig.storage.sessions, http=None)
    inbox.services.oidc = oidc_client(inbox.idp, TestClient(inbox.app, base_url=BASE))
    browser = TestClient(inbox.app, base_url=BASE)
    inbox.idp.next_user = ROSA
    page = browser.get("/abogados/")
    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert found, page.text
    return inbox, browser, found[1]


def _consent(rig: Rig, channel: str) -> int:
    """/abogado → the review → consent; the request's id."""
    _say(rig, channel, "me corrieron sin darme ninguna carta")
    _say(rig, channel, "/abogado" if channel == "telegram" else "abogado")
    _say(rig, channel, "1")
    _say(rig, channel, "sí")
    with rig.storage.sessions() as session:
        [request] = session.scalars(select(HandoffRequest)).all()
    assert request.status == "open"
    return request.id


@pytest.fixture
def telegram_rig(tmp_path: Path, fake_telegram: FakeTelegramAPI) -> Rig:
    rig = make_rig(tmp_path, fake_telegram, None)
    with rig.storage.sessions.begin() as session:
        ensure_linked_user(
            session, channel="telegram", chat_id=CHAT, sub="s-ana", username="ana", now=_now()
        )
    return rig


def _now() -> datetime:
    return datetime.now(UTC)


def test_telegram_ask_claim_answer_reply_close_and_rate(
    telegram_rig: Rig, fake_telegram: FakeTelegramAPI
) -> None:
    rig = telegram_rig
    request_id = _consent(rig, "telegram")
    inbox, browser, csrf = _inbox(rig)
    assert f'data-request="{request_id}"' in browser.get("/abogados/").text
    page = browser.post(f"/abogados/casos/{request_id}/tomar", data={"csrf": csrf})
    assert "me corrieron sin darme ninguna carta" in page.text  # the package, after the claim

    answer = "Por despido sin carta te toca indemnización. ¿Cuánto ganabas?"
    browser.post(f"/abogados/casos/{request_id}/responder", data={"csrf": csrf, "text": answer})
    before = len(fake_telegram.sent(CHAT))
    assert _deliver(rig, telegram_broadcaster(fake_telegram)) == {"sent": 2}  # claim, reply
    texts = [c.text for c in fake_telegram.sent(CHAT)[before:]]
    assert "Un abogado tomó tu caso" in texts[0]
    assert answer in texts[1]

    _say(rig, "telegram", "ganaba 9 mil al mes")
    case = browser.get(f"/abogados/casos/{request_id}").text
    assert "ganaba 9 mil al mes" in case  # the worker's reply reached the lawyer

    browser.post(
        f"/abogados/casos/{request_id}/cerrar",
        data={"csrf": csrf, "note": "Ve a conciliación con tus recibos.", "confirm": "si"},
    )
    assert _deliver(rig, telegram_broadcaster(fake_telegram)) == {"sent": 1}
    assert "del 1 (nada) al 5 (mucho)" in fake_telegram.sent(CHAT)[-1].text
    _say(rig, "telegram", "5")
    with rig.storage.sessions() as session:
        row = session.get(HandoffRequest, request_id)
        assert row is not None
        assert (row.status, row.rating) == ("closed", 5)
        authors = list(session.scalars(select(HandoffMessage.author).order_by(HandoffMessage.id)))
    assert authors.count("worker") == 1
    assert authors.count("lawyer") == 2
    assert (
        'Calificación: <strong id="rating">5</strong>'
        in browser.get(f"/abogados/casos/{request_id}").text
    )
    assert _deliver(rig, telegram_broadcaster(fake_telegram)) == {}  # nothing twice
    assert inbox.sessions is rig.storage.sessions


@pytest.fixture
def whatsapp_rig(tmp_path: Path, fake_telegram: FakeTelegramAPI, fake_twilio: FakeTwilioAPI) -> Rig:
    rig = make_rig(tmp_path, fake_telegram, fake_twilio)
    with rig.storage.sessions.begin() as session:
        ensure_linked_user(
            session, channel="whatsapp", chat_id=PHONE, sub="s-ana", username="ana", now=_now()
        )
    return rig


def test_whatsapp_a_reply_outside_the_window_goes_as_the_template_then_the_text_after_ver(
    whatsapp_rig: Rig, fake_twilio: FakeTwilioAPI
) -> None:
    rig = whatsapp_rig
    request_id = _consent(rig, "whatsapp")
    _, browser, csrf = _inbox(rig)
    browser.post(f"/abogados/casos/{request_id}/tomar", data={"csrf": csrf})
    whatsapp = whatsapp_broadcaster(fake_twilio, now=_now)
    assert _deliver(rig, whatsapp, template=TEMPLATE) == {"sent": 1}  # inside the window

    # The worker goes quiet for more than a day; then the lawyer answers.
    with rig.storage.sessions.begin() as session:
        session.execute(update(ChatIdentity).values(last_inbound_at=_now() - timedelta(hours=30)))
    answer = "Guarda tus recibos de nómina y la carta; con eso reclamamos."
    browser.post(f"/abogados/casos/{request_id}/responder", data={"csrf": csrf, "text": answer})
    before = len(fake_twilio.messages())
    assert _deliver(rig, whatsapp_broadcaster(fake_twilio, now=_now), template=TEMPLATE) == {
        "template": 1
    }
    [nudge] = fake_twilio.messages()[before:]
    assert nudge.form.get("ContentSid") == TEMPLATE
    assert answer not in str(nudge.form)

    _say(rig, "whatsapp", "VER")  # the window opens; VER is not passed to the lawyer
    before = len(fake_twilio.messages())
    assert _deliver(rig, whatsapp_broadcaster(fake_twilio, now=_now), template=TEMPLATE) == {
        "sent": 1
    }
    [text] = fake_twilio.messages()[before:]
    assert answer in text.body
    with rig.storage.sessions() as session:
        worker_said = list(
            session.scalars(select(HandoffMessage.text).where(HandoffMessage.author == "worker"))
        )
    assert "VER" not in worker_said
