"""Siblings of issue 16's hostile input: lying Content-Length, huge headers and ids, log floods.

Never a 5xx, nothing stored; a flood of refusals is logged in a few lines, not one per request.
"""

from __future__ import annotations

import asyncio
import logging
from urllib.parse import urlencode

import anyio
import pytest

from tests.webhooks import payloads
from tests.webhooks.raw_asgi import send_raw, send_raw_async
from tests.webhooks.rig import SECRET, Rig
from webhooks.intake import RefusalLog, Refused

TWILIO_PATHS = ["/webhooks/whatsapp", "/webhooks/whatsapp/status"]
SHAPED_FORGERY = "A" * 27 + "="  # base64 of 20 zero bytes: the right shape, the wrong HMAC


def _telegram_headers(length: bytes) -> list[tuple[bytes, bytes]]:
    return [
        (b"content-type", b"application/json"),
        (b"x-telegram-bot-api-secret-token", SECRET.encode()),
        (b"content-length", length),
    ]


@pytest.mark.parametrize(
    "length", [b"\xb2", b"\xb9\xb2", b"abc", b"-1", b"1e3", b"0x10", b"", b"1 2", b"+5"]
)
def test_a_content_length_that_is_not_a_number_is_malformed(rig: Rig, length: bytes) -> None:
    body = payloads.telegram_bytes("text")
    response = send_raw(
        rig.client.app, "/webhooks/telegram", headers=_telegram_headers(length), chunks=[body]
    )
    assert response.status == 400
    twilio = [
        (b"content-type", b"application/x-www-form-urlencoded"),
        (b"x-twilio-signature", SHAPED_FORGERY.encode()),
        (b"content-length", length),
    ]
    for path in TWILIO_PATHS:
        assert send_raw(rig.client.app, path, headers=twilio, chunks=[b"a=b"]).status == 400
    assert rig.storage.inbox.counts() == {}


def test_a_body_longer_than_its_content_length_is_malformed(rig: Rig) -> None:
    body = payloads.telegram_bytes("text")
    headers = _telegram_headers(b"10")
    response = send_raw(
        rig.client.app, "/webhooks/telegram", headers=headers, chunks=[body[:10], body[10:]]
    )
    assert response.status == 400
    assert rig.storage.inbox.counts() == {}


@pytest.mark.parametrize("length", [b"1000000000", b"9" * 40, b"9" * 5000])
def test_a_declared_giant_is_refused_before_a_byte_is_read(rig: Rig, length: bytes) -> None:
    # The declared length alone decides: the client never sends the rest. (int() refuses more
    # than 4,300 digits: that raised a 500 before.)
    headers = _telegram_headers(length)
    response = send_raw(rig.client.app, "/webhooks/telegram", headers=headers, chunks=[b"{"])
    assert response.status == 413
    for path in TWILIO_PATHS:
        twilio = [(b"content-length", length), (b"x-twilio-signature", b"x")]
        assert send_raw(rig.client.app, path, headers=twilio, chunks=[b"a"]).status == 413


def test_a_huge_secret_header_is_forbidden(rig: Rig) -> None:
    response = rig.telegram(payloads.telegram("text"), secret=SECRET + "x" * 100_000)
    assert response.status_code == 403
    assert rig.storage.inbox.counts() == {}


def test_healthz_answers_any_method_without_a_5xx(rig: Rig) -> None:
    for method in ("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"):
        status = send_raw(rig.client.app, "/healthz", method=method, chunks=[b"x" * 10]).status
        assert status == (200 if method == "GET" else 405)


@pytest.mark.parametrize("field", ["update_id", "chat"])
def test_an_id_too_long_for_its_column_is_dead_lettered_under_a_short_key(
    rig: Rig, field: str
) -> None:
    update = payloads.telegram("text")
    huge = int("9" * 4000)  # json.loads reads it; MySQL's VARCHAR(80) would refuse it: 503s
    if field == "update_id":
        update["update_id"] = huge
    else:
        update["message"]["chat"]["id"] = huge
    assert rig.telegram(update).status_code == 200
    assert rig.storage.inbox.counts() == {"dead": 1}
    with rig.storage.engine.connect() as conn:
        [key] = conn.exec_driver_sql("SELECT platform_id FROM inbound_updates").scalars()
    assert len(key) <= 80


def test_a_flood_of_forgeries_is_logged_in_a_few_lines(
    rig: Rig, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    form = payloads.twilio("text")
    for _ in range(40):
        assert rig.whatsapp(form, signature=SHAPED_FORGERY).status_code == 403
    lines = [r for r in caplog.records if "unauthenticated twilio" in r.getMessage()]
    assert 1 <= len(lines) <= 5  # one a second at most, not one per request


def test_the_refusal_log_says_how_many_lines_it_held_back(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING)
    now = [100.0]
    refusals = RefusalLog(interval_s=1.0, clock=lambda: now[0])
    deep = Refused(400, platform="telegram", reason="JSON nested too deep")
    for _ in range(5):
        assert refusals.response(deep).status_code == 400
    assert refusals.response(Refused(413, platform="twilio", reason="x")).status_code == 413
    now[0] += 1.0
    refusals.response(deep)
    messages = [r.getMessage() for r in caplog.records]
    assert messages == [
        "refused a telegram webhook (400): JSON nested too deep",
        "refused a twilio webhook (413): x",
        "refused a telegram webhook (400): JSON nested too deep"
        " (and 4 more like it since the last line)",
    ]


def test_healthz_answers_while_every_worker_thread_is_busy(rig: Rig) -> None:
    # Large forged forms are checked in the thread pool; /healthz must not queue behind them.
    async def scenario() -> int:
        limiter = anyio.to_thread.current_default_thread_limiter()
        holders = [object() for _ in range(int(limiter.total_tokens))]
        for holder in holders:
            await limiter.acquire_on_behalf_of(holder)
        try:
            with anyio.fail_after(5):
                response = await send_raw_async(rig.client.app, "/healthz", method="GET")
        finally:
            for holder in holders:
                limiter.release_on_behalf_of(holder)
        return response.status

    assert asyncio.run(scenario()) == 200


def test_large_forgeries_are_checked_in_threads_of_their_own(rig: Rig) -> None:
    # With every thread of the shared pool taken (stores, pages), a large forged form is still
    # refused: its check does not queue there, and a flood of them cannot take those threads.
    form = {**payloads.twilio("text"), "Body": "x" * 20_000}
    headers = [
        (b"content-type", b"application/x-www-form-urlencoded"),
        (b"x-twilio-signature", SHAPED_FORGERY.encode()),
    ]
    deep = b'{"update_id": 1, "x": ' + b"[" * 5_000 + b"}"
    telegram = [(b"x-telegram-bot-api-secret-token", SECRET.encode())]

    async def scenario() -> tuple[int, int]:
        limiter = anyio.to_thread.current_default_thread_limiter()
        holders = [object() for _ in range(int(limiter.total_tokens))]
        for holder in holders:
            await limiter.acquire_on_behalf_of(holder)
        try:
            with anyio.fail_after(5):
                twilio = await send_raw_async(
                    rig.client.app,
                    "/webhooks/whatsapp",
                    headers=headers,
                    chunks=[urlencode(form).encode()],
                )
                tg = await send_raw_async(
                    rig.client.app, "/webhooks/telegram", headers=telegram, chunks=[deep]
                )
        finally:
            for holder in holders:
                limiter.release_on_behalf_of(holder)
        return twilio.status, tg.status

    assert asyncio.run(scenario()) == (403, 400)
