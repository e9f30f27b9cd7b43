"""The fake Telegram and Twilio APIs fail mid-turn (5xx, 429 with retry_after, connection
refused, slow): replies are retried within bounds and no reply reaches a chat twice."""

from __future__ import annotations

from urllib.parse import urlsplit

from tests.chaos.rig import ChaosRig
from tests.webhooks import payloads

CHATS = (901, 902, 903)


def ask_all(chaos: ChaosRig) -> None:
    for i, chat in enumerate(CHATS):
        assert chaos.telegram_question(100 + i, chat) == 200


def test_telegram_5xx_mid_reply_is_resumed_not_repeated(chaos: ChaosRig) -> None:
    ask_all(chaos)
    # after two replies went out, the next three sends get 502/500/503
    for status, text in ((502, "Bad Gateway"), (500, "Internal"), (503, "Unavailable")):
        chaos.telegram_api.fail_next("sendMessage", status=status, description=text, after=2)
    chaos.settle(chaos.worker())
    assert chaos.inbox.counts() == {"done": 3}
    chaos.assert_answered_once(CHATS)


def test_telegram_429_is_honoured_within_bounds(chaos: ChaosRig) -> None:
    ask_all(chaos)
    # one 429 is waited out inside the send; four in a row (over the 3 retries) requeue it
    chaos.telegram_api.rate_limit(retry_after=1, times=1)
    worker = chaos.worker()
    chaos.drain(worker)
    assert chaos.inbox.counts() == {"done": 3}
    chaos.assert_answered_once(CHATS)
    assert chaos.telegram_question(200, 904) == 200
    chaos.telegram_api.rate_limit(retry_after=0, times=4)
    chaos.drain(worker)
    assert chaos.inbox.counts() == {"done": 3, "queued": 1}
    chaos.settle(worker)
    chaos.assert_answered_once([*CHATS, 904])


def test_telegram_refusing_connections_then_back(chaos: ChaosRig) -> None:
    ask_all(chaos)
    port = urlsplit(chaos.telegram_api.url).port
    assert port is not None
    chaos.telegram_api.stop()  # connection refused
    worker = chaos.worker()
    chaos.drain(worker)
    assert chaos.inbox.counts() == {"queued": 3}  # retried later, nothing lost
    assert {e.split(":")[0:2] == ["send", " telegram"] for e in _errors(chaos)} == {True}
    chaos.telegram_api.start(port)
    chaos.settle(worker)
    assert chaos.inbox.counts() == {"done": 3}
    chaos.assert_answered_once(CHATS)


def test_a_slow_telegram_within_its_timeout_gets_each_reply_once(chaos: ChaosRig) -> None:
    chaos.telegram_api.delay_s = 0.3
    ask_all(chaos)
    chaos.settle(chaos.worker())
    assert chaos.inbox.counts() == {"done": 3}
    chaos.assert_answered_once(CHATS)


def test_twilio_5xx_429_and_refused_connections(chaos: ChaosRig) -> None:
    phone = "whatsapp:+5215512345678"
    # 5xx and 20429 are retried inside the send (0.5, 1, 2 s backoff, skipped here)
    chaos.twilio_api.fail_next(20500)
    chaos.twilio_api.fail_next(20429)
    assert chaos.rig.whatsapp(payloads.twilio("text")).status_code == 200
    worker = chaos.worker()
    chaos.drain(worker)
    assert chaos.inbox.counts() == {"done": 1}
    first = [c.body for c in chaos.twilio_api.delivered(phone)]
    assert first
    assert len(first) == len(set(first))
    # refused: queued for later, then delivered once
    port = urlsplit(chaos.twilio_api.url).port
    assert port is not None
    chaos.twilio_api.stop()
    form = dict(payloads.twilio("text"), MessageSid="SM" + "1" * 32)
    assert chaos.rig.whatsapp(form).status_code == 200
    chaos.drain(worker)
    assert chaos.inbox.counts() == {"done": 1, "queued": 1}
    chaos.twilio_api.start(port)
    chaos.settle(worker)
    assert chaos.inbox.counts() == {"done": 2}
    second = [c.body for c in chaos.twilio_api.delivered(phone)][len(first) :]
    assert second
    assert len(second) == len(set(second))


def _errors(chaos: ChaosRig) -> list[str]:
    from sqlalchemy import select

    from db.inbound_table import InboundUpdate

    with chaos.rig.storage.sessions() as session:
        return [e or "" for e in session.scalars(select(InboundUpdate.last_error))]


def test_telegram_cut_off_after_a_reply_went_out_is_not_sent_again(chaos: ChaosRig) -> None:
    ask_all(chaos)
    chaos.telegram_api.drop_answers(times=2)  # delivered, but no answer comes back
    chaos.settle(chaos.worker())
    assert chaos.inbox.counts() == {"done": 3}
    chaos.assert_answered_once(CHATS)


def test_twilio_cut_off_after_a_reply_went_out_is_not_sent_again(chaos: ChaosRig) -> None:
    phone = "whatsapp:+5215512345678"
    chaos.twilio_api.drop_answers(times=1)  # created, but no answer comes back
    assert chaos.rig.whatsapp(payloads.twilio("text")).status_code == 200
    chaos.settle(chaos.worker())
    assert chaos.inbox.counts() == {"done": 1}
    bodies = [c.body for c in chaos.twilio_api.delivered(phone)]
    assert bodies
    assert len(bodies) == len(set(bodies))
