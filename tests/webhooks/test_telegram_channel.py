"""TelegramChannel against the fake Bot API: escaping, splitting, 429, 403, parse errors, pacing."""

from __future__ import annotations

import asyncio
import json

import pytest
from telegram import Bot

from tests.fakes.telegram_api import FakeTelegramAPI
from tests.webhooks.clock import FakeTime
from webhooks.outcomes import Blocked, Failed, Sent
from webhooks.telegram_channel import TelegramChannel


def channel(fake: FakeTelegramAPI, time: FakeTime, **kwargs: float) -> TelegramChannel:
    kwargs.setdefault("per_chat_burst", 1)
    bot = Bot(fake.token, base_url=fake.base_url)
    return TelegramChannel(bot, clock=time.clock, sleep=time.sleep, **kwargs)  # type: ignore[arg-type]


def test_sends_escaped_html_without_link_preview(fake_telegram: FakeTelegramAPI) -> None:
    time = FakeTime()
    outcome = asyncio.run(channel(fake_telegram, time).send("42", "x < y & <b>z</b>"))
    assert outcome == Sent(("1",))
    [call] = fake_telegram.sent()
    assert call.params["parse_mode"] == "HTML"
    assert call.text == "x &lt; y &amp; &lt;b&gt;z&lt;/b&gt;"
    assert json.loads(call.params["link_preview_options"]) == {"is_disabled": True}


def test_long_reply_is_split_and_paced_per_chat(fake_telegram: FakeTelegramAPI) -> None:
    time = FakeTime()
    text = "\n\n".join(["Párrafo número uno de la respuesta. " * 50] * 6)
    outcome = asyncio.run(channel(fake_telegram, time).send("42", text))
    assert isinstance(outcome, Sent)
    calls = fake_telegram.sent("42")
    assert len(calls) == len(outcome.provider_ids) >= 3
    assert all(len(c.text) <= 4096 for c in calls)
    # about one message per second per chat
    assert time.sleeps == [pytest.approx(1.0)] * (len(calls) - 1)


def test_a_short_burst_goes_out_at_once_then_one_per_second(
    fake_telegram: FakeTelegramAPI,
) -> None:
    time = FakeTime()
    ch = channel(fake_telegram, time, per_chat_burst=5)

    async def eight() -> None:
        for i in range(8):
            assert isinstance(await ch.send("42", f"mensaje {i}"), Sent)
        assert isinstance(await ch.send("43", "otro chat"), Sent)

    asyncio.run(eight())
    assert time.sleeps == [pytest.approx(1.0)] * 3
    assert len(fake_telegram.sent("42")) == 8


def test_max_retries_on_429(fake_telegram: FakeTelegramAPI) -> None:
    time = FakeTime()
    fake_telegram.rate_limit(retry_after=1, times=10)
    outcome = asyncio.run(channel(fake_telegram, time, max_retries=3).send("42", "hola"))
    assert outcome == Failed("rate_limited", retryable=True, sent_parts=0)
    assert len(fake_telegram.sent()) == 4
    assert time.sleeps == [pytest.approx(1.1, rel=0.05)] * 3


def test_429_pauses_every_chat(fake_telegram: FakeTelegramAPI) -> None:
    time = FakeTime()
    fake_telegram.rate_limit(retry_after=2)
    ch = channel(fake_telegram, time)

    async def both() -> None:
        assert isinstance(await ch.send("1", "uno"), Sent)
        start = time.now
        assert isinstance(await ch.send("2", "dos"), Sent)
        assert time.now == start  # the pause was already served by chat 1's retry

    asyncio.run(both())
    assert time.sleeps[0] == pytest.approx(2.1)
    assert [c.chat_id for c in fake_telegram.sent()] == ["1", "1", "2"]


def test_other_chat_waits_while_paused(fake_telegram: FakeTelegramAPI) -> None:
    time = FakeTime()
    fake_telegram.rate_limit(retry_after=5, times=10)
    ch = channel(fake_telegram, time, max_retries=0)
    assert isinstance(asyncio.run(ch.send("1", "uno")), Failed)
    paused_at = time.now
    assert isinstance(asyncio.run(ch.send("2", "dos")), Failed)
    assert time.sleeps == [pytest.approx(5.1)]
    assert time.now == pytest.approx(paused_at + 5.1)


def test_blocked_user_is_not_retried(fake_telegram: FakeTelegramAPI) -> None:
    fake_telegram.block_chat("7")
    outcome = asyncio.run(channel(fake_telegram, FakeTime()).send("7", "hola"))
    assert outcome == Blocked("blocked_by_user")
    assert len(fake_telegram.sent()) == 1


def test_parse_error_resends_once_as_plain_text(fake_telegram: FakeTelegramAPI) -> None:
    fake_telegram.fail_next(
        "sendMessage",
        status=400,
        description="Bad Request: can't parse entities: unsupported start tag at byte offset 3",
        only_html=True,
    )
    outcome = asyncio.run(channel(fake_telegram, FakeTime()).send("42", "a & b"))
    assert outcome == Sent(("1",), plain_fallback=True)
    first, second = fake_telegram.sent()
    assert first.params["parse_mode"] == "HTML"
    assert "parse_mode" not in second.params
    assert second.text == "a & b"


def test_parse_error_never_loops(fake_telegram: FakeTelegramAPI) -> None:
    fake_telegram.fail_next(
        "sendMessage", status=400, description="Bad Request: can't parse entities", times=5
    )
    outcome = asyncio.run(channel(fake_telegram, FakeTime()).send("42", "a & b"))
    assert isinstance(outcome, Failed)
    assert not outcome.retryable
    assert len(fake_telegram.sent()) == 2


def test_resume_skips_sent_parts(fake_telegram: FakeTelegramAPI) -> None:
    text = "\n\n".join(["Uno dos tres cuatro. " * 150] * 3)
    ch = channel(fake_telegram, FakeTime())
    fake_telegram.fail_next("sendMessage", status=500, description="Internal Server Error")
    # PTB maps a 500 to NetworkError: retryable, and nothing was sent yet
    first = asyncio.run(ch.send("42", text))
    assert first == Failed("telegram: NetworkError", retryable=True, sent_parts=0)
    total = len(asyncio.run(ch.send("42", text)).provider_ids)  # type: ignore[union-attr]
    resumed = asyncio.run(ch.send("42", text, start_part=1))
    assert isinstance(resumed, Sent)
    assert len(resumed.provider_ids) == total - 1
