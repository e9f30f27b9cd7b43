"""Telegram's and Twilio's failures get one classification, and replies and broadcasts read
it the same way (before, each was written twice and the two copies disagreed)."""

from __future__ import annotations

import httpx
import pytest
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from twilio.base.exceptions import TwilioRestException

from webhooks.broadcast.providers import Result, broadcast_result
from webhooks.channels import SendError, reply_outcome
from webhooks.outcomes import Blocked, Failed, Sent
from webhooks.telegram_channel import classify_telegram
from webhooks.whatsapp_channel import classify_twilio


def _network(cause: Exception) -> NetworkError:
    error = NetworkError("httpx error")
    error.__cause__ = cause
    return error


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (RetryAfter(3), SendError("retry", "rate_limited", after_s=3.1)),
        (Forbidden("bot was blocked by the user"), SendError("blocked", "blocked_by_user")),
        # a migrated group cannot be reached under its old id: was retried by broadcasts
        (ChatMigrated(5), SendError("permanent", "chat_migrated")),
        (BadRequest("Chat not found"), SendError("permanent", "bad_request: Chat not found")),
        (TimedOut(), SendError("unknown", "telegram: TimedOut")),
        (_network(httpx.ReadError("gone")), SendError("unknown", "telegram: NetworkError")),
        (
            _network(httpx.ConnectError("refused")),
            SendError("retry", "telegram: NetworkError", after_s=1.0),
        ),
    ],
)
def test_telegram_failures(exc: TelegramError, expected: SendError) -> None:
    assert classify_telegram(exc) == expected


def _twilio(status: int, code: int | None) -> TwilioRestException:
    return TwilioRestException(status, "/Messages.json", msg="", code=code, method="POST")


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (_twilio(429, 20429), SendError("retry", "twilio 20429", after_s=1.0)),
        (_twilio(400, 63017), SendError("retry", "twilio 63017", after_s=1.0)),
        (_twilio(503, None), SendError("retry", "twilio 503", after_s=1.0)),
        (_twilio(400, 21610), SendError("blocked", "opted_out")),
        (_twilio(400, 21211), SendError("permanent", "twilio 21211")),
        (ConnectionRefusedError(), SendError("retry", "twilio: ConnectionRefusedError", 1.0)),
        (ConnectionResetError(), SendError("unknown", "twilio: ConnectionResetError")),
    ],
)
def test_twilio_failures(exc: Exception, expected: SendError) -> None:
    assert classify_twilio(exc) == expected


@pytest.mark.parametrize(
    ("error", "reply", "result"),
    [
        (
            SendError("retry", "x", after_s=2.0),
            Failed("x", retryable=True),
            Result("retry", "x", pause_s=2.0),
        ),
        (SendError("blocked", "x"), Blocked("x"), Result("skipped", "x", blocked=True)),
        (SendError("permanent", "x"), Failed("x", retryable=False), Result("failed", "x")),
        (SendError("unknown", "x"), Sent(()), Result("unknown", "x")),
    ],
)
def test_replies_and_broadcasts_read_a_class_alike(
    error: SendError, reply: object, result: Result
) -> None:
    assert reply_outcome(error) == reply
    assert broadcast_result(error) == result
