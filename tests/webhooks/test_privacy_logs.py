"""Nothing of a worker reaches the logs, whatever fails: every log record captured at DEBUG
(ours, SQLAlchemy's, the HTTP clients') through a turn whose database fails, a dead letter,
failed sends on both channels, a failing reminder and a failing broadcast delivery is searched
for the phone number, the chat id, the profile name and the message text."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import text

from db import broadcasts
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.twilio_api import ERRORS, FakeTwilioAPI
from tests.webhooks import payloads
from tests.webhooks import reminders_rig as rr
from tests.webhooks.broadcast.conftest import make_sender, run
from tests.webhooks.rig import Rig
from webhooks.redact import describe, reason_code
from webhooks.worker import LocalWorker, Processor

PHONE_DIGITS = "5512345678"  # the fixture's number, +5215512345678
PROFILE = "María López"
WORDS = "Quintanilla me corrió de la bodega"
TELEGRAM_CHAT = "111222333"  # the Telegram fixtures' chat


@pytest.fixture
def records(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """Every record at DEBUG, from every logger, as the Lambda runtime's root would pass on."""
    caplog.set_level(logging.DEBUG)
    return caplog


def _logged(caplog: pytest.LogCaptureFixture) -> str:
    """All captured text: formatted messages, tracebacks and stack information."""
    handler = caplog.handler
    return "\n".join(handler.format(record) for record in caplog.records)


def _assert_clean(caplog: pytest.LogCaptureFixture, *needles: str) -> None:
    logged = _logged(caplog)
    assert caplog.records, "nothing was logged: the paths did not fail"
    found = [needle for needle in needles if needle.lower() in logged.lower()]
    assert found == [], logged[-4000:]


def _whatsapp_form(body: str) -> dict[str, str]:
    form = payloads.twilio("text")
    form["Body"] = body
    return form


def _processor(rig: Rig, *, max_attempts: int) -> Processor:
    made = rig.processor()
    made._max_attempts = max_attempts  # the dead letter comes after the first failure
    return made


def test_a_turn_failing_on_its_database_and_the_dead_letter_log_no_words(
    rig: Rig, fake_twilio: FakeTwilioAPI, records: pytest.LogCaptureFixture
) -> None:
    # The conversations table is gone: the turn's INSERT fails (its parameters hold the
    # worker's number and the question kept for after the login).
    with rig.storage.engine.begin() as conn:
        conn.execute(text("ALTER TABLE conversations RENAME TO conversations_gone"))
    assert rig.whatsapp(_whatsapp_form(WORDS)).status_code == 200
    asyncio.run(LocalWorker(_processor(rig, max_attempts=1), rig.storage.inbox).drain())
    assert rig.storage.inbox.counts() == {"dead": 1}
    assert any("turn failed" in r.getMessage() for r in records.records)
    _assert_clean(records, PHONE_DIGITS, PROFILE, WORDS, "Quintanilla")


def test_failed_sends_log_no_words(
    rig: Rig,
    fake_telegram: FakeTelegramAPI,
    fake_twilio: FakeTwilioAPI,
    records: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Platforms name the chat and quote the text in their errors; a retry, then a dead letter.
    monkeypatch.setitem(
        ERRORS, 21211, (400, f"The 'To' number +521{PHONE_DIGITS} is not a valid phone number.")
    )
    fake_twilio.fail_next(21211, times=5)
    fake_telegram.fail_next(
        "sendMessage",
        status=400,
        description=f"Bad Request: can't parse entities in «{WORDS}» for chat {TELEGRAM_CHAT}",
        times=5,
    )
    fake_telegram.fail_next("sendMessage", status=502, description="Bad Gateway", times=1)
    update = payloads.telegram("text")
    update["message"]["text"] = WORDS
    assert rig.telegram(update).status_code == 200
    assert rig.whatsapp(_whatsapp_form(WORDS)).status_code == 200
    processor = _processor(rig, max_attempts=2)
    worker = LocalWorker(processor, rig.storage.inbox)
    asyncio.run(worker.drain())
    assert rig.storage.inbox.counts().get("dead", 0) >= 1
    _assert_clean(records, PHONE_DIGITS, PROFILE, WORDS, TELEGRAM_CHAT, "Quintanilla")


def test_a_failing_reminder_and_broadcast_delivery_log_no_words(
    rig: Rig,
    fake_telegram: FakeTelegramAPI,
    fake_twilio: FakeTwilioAPI,
    records: pytest.LogCaptureFixture,
) -> None:
    sessions = rig.storage.sessions
    rr.person(sessions, TELEGRAM_CHAT)
    rr.person(sessions, f"+521{PHONE_DIGITS}", channel="whatsapp")
    fake_telegram.fail_next(
        "sendMessage",
        status=400,
        description=f"Bad Request: chat {TELEGRAM_CHAT} rejected «{WORDS}»",
        times=10,
    )
    fake_twilio.fail_next(20500, times=10)
    clock = rr.clock_at(rr.DUE + timedelta(minutes=1))
    rr.run_once(rr.sender(sessions, clock, telegram=fake_telegram, twilio=fake_twilio))
    with sessions.begin() as session:
        broadcast = broadcasts.create_broadcast(
            session,
            text=f"Aviso para {WORDS}",
            audience=broadcasts.Audience(),
            created_by="admin@example.mx",
            now=clock.now(),
        )
    sender = make_sender(sessions, telegram=fake_telegram, twilio=fake_twilio, now=clock.now)
    totals: list[dict[str, Any]] = run(sender, broadcast)
    assert totals
    _assert_clean(records, PHONE_DIGITS, WORDS, TELEGRAM_CHAT, "Quintanilla")


def test_describe_names_type_place_and_causes_never_the_message() -> None:
    def fail() -> None:
        try:
            raise KeyError(f"whatsapp:+521{PHONE_DIGITS}")
        except KeyError as exc:
            raise RuntimeError(WORDS) from exc

    with pytest.raises(RuntimeError) as caught:
        fail()
    said = describe(caught.value)
    assert said.startswith("RuntimeError at tests/webhooks/test_privacy_logs.py:")
    assert said.endswith("(from KeyError)")
    assert PHONE_DIGITS not in said
    assert "Quintanilla" not in said


@pytest.mark.parametrize(
    ("reason", "code"),
    [
        ("send: bad_request: Bad Request: can't parse «Quintanilla»", "send: bad_request"),
        ("turn: OperationalError", "turn: OperationalError"),
        ("twilio 21211", "twilio 21211"),
        (f"to +521{PHONE_DIGITS}: refused", "unknown"),
        ("«Quintanilla»", "unknown"),
    ],
)
def test_reason_code_keeps_the_code_only(reason: str, code: str) -> None:
    assert reason_code(reason) == code
