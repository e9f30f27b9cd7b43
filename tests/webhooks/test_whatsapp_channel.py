"""TwilioWhatsAppChannel against the fake Twilio API: window, split, error codes, retries."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from pydantic import SecretStr

from services.settings import Settings, TwilioSettings
from tests.fakes.twilio_api import FROM, FakeTwilioAPI
from tests.webhooks.clock import FakeTime
from webhooks.outcomes import Blocked, Failed, OutsideWindow, Sent
from webhooks.whatsapp_channel import TwilioWhatsAppChannel, build_client, within_window

TO = "+5215512345678"


def channel(fake: FakeTwilioAPI, time: FakeTime) -> TwilioWhatsAppChannel:
    settings = Settings(
        public_url="https://abogado.example.mx/prod",
        twilio=TwilioSettings(
            account_sid=fake.account_sid,
            auth_token=SecretStr(fake.auth_token),
            whatsapp_from=FROM,
            api_base_url=fake.url,
        ),
    )
    return TwilioWhatsAppChannel(
        build_client(settings),
        from_number=settings.twilio.whatsapp_from,
        status_callback="https://abogado.example.mx/prod/webhooks/whatsapp/status",
        now=time.utc,
        sleep=time.sleep,
    )


def test_sends_inside_the_window(fake_twilio: FakeTwilioAPI) -> None:
    time = FakeTime()
    last = time.utc() - dt.timedelta(hours=23, minutes=59)
    outcome = asyncio.run(channel(fake_twilio, time).send(TO, "hola & <b>", last_inbound_at=last))
    assert isinstance(outcome, Sent)
    [call] = fake_twilio.messages()
    assert call.form["To"] == f"whatsapp:{TO}"
    assert call.form["From"] == FROM
    assert call.body == "hola & <b>"
    assert call.form["StatusCallback"].endswith("/prod/webhooks/whatsapp/status")


@pytest.mark.parametrize(
    ("age", "inside"),
    [
        (dt.timedelta(hours=23, minutes=59, seconds=59), True),
        (dt.timedelta(hours=24), False),
        (dt.timedelta(hours=24, seconds=1), False),
    ],
)
def test_window_edges(age: dt.timedelta, inside: bool) -> None:
    now = dt.datetime(2026, 5, 1, 12, tzinfo=dt.UTC)
    assert within_window(now - age, now) is inside
    assert within_window(None, now) is False


def test_outside_the_window_sends_nothing(fake_twilio: FakeTwilioAPI) -> None:
    time = FakeTime()
    last = time.utc() - dt.timedelta(hours=24, seconds=1)
    outcome = asyncio.run(channel(fake_twilio, time).send(TO, "hola", last_inbound_at=last))
    assert outcome == OutsideWindow()
    assert fake_twilio.messages() == []


def test_split_at_1600(fake_twilio: FakeTwilioAPI) -> None:
    time = FakeTime()
    text = "Artículo 48 de la Ley Federal del Trabajo. " * 100
    outcome = asyncio.run(channel(fake_twilio, time).send(TO, text, last_inbound_at=time.utc()))
    assert isinstance(outcome, Sent)
    calls = fake_twilio.messages()
    assert len(calls) == len(outcome.provider_ids) == 3
    assert all(len(c.body) <= 1600 for c in calls)


@pytest.mark.parametrize(
    ("code", "expected", "calls"),
    [
        (63016, OutsideWindow(), 1),
        (21610, Blocked("opted_out"), 1),
        (21617, Failed("twilio 21617", retryable=False), 1),
    ],
)
def test_error_codes(fake_twilio: FakeTwilioAPI, code: int, expected: object, calls: int) -> None:
    time = FakeTime()
    fake_twilio.fail_next(code)
    outcome = asyncio.run(channel(fake_twilio, time).send(TO, "hola", last_inbound_at=time.utc()))
    assert outcome == expected
    assert len(fake_twilio.messages()) == calls


@pytest.mark.parametrize("code", [20429, 63017, 20500])
def test_transient_errors_are_retried_with_backoff(fake_twilio: FakeTwilioAPI, code: int) -> None:
    time = FakeTime()
    fake_twilio.fail_next(code, times=2)
    outcome = asyncio.run(channel(fake_twilio, time).send(TO, "hola", last_inbound_at=time.utc()))
    assert isinstance(outcome, Sent)
    assert len(fake_twilio.messages()) == 3
    assert time.sleeps == [0.5, 1.0]


def test_retries_are_bounded(fake_twilio: FakeTwilioAPI) -> None:
    time = FakeTime()
    fake_twilio.fail_next(20429, times=100)
    outcome = asyncio.run(channel(fake_twilio, time).send(TO, "hola", last_inbound_at=time.utc()))
    assert outcome == Failed("twilio 20429", retryable=True, sent_parts=0)
    assert len(fake_twilio.messages()) == 4


def test_failure_mid_reply_reports_sent_parts(fake_twilio: FakeTwilioAPI) -> None:
    time = FakeTime()
    text = "Una oración completa de la respuesta. " * 100
    ch = channel(fake_twilio, time)
    fake_twilio.fail_next(21617, to=f"whatsapp:{TO}", times=1)
    first = asyncio.run(ch.send(TO, text, last_inbound_at=time.utc()))
    assert first == Failed("twilio 21617", retryable=False, sent_parts=0)
    resumed = asyncio.run(ch.send(TO, text, last_inbound_at=time.utc(), start_part=2))
    assert isinstance(resumed, Sent)
    assert len(resumed.provider_ids) == 1
