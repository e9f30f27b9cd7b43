"""The receiver: authenticate, store once, enqueue, acknowledge; refuse forgeries and giants."""

from __future__ import annotations

import json
import logging
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import pytest

from tests.webhooks import payloads
from tests.webhooks.rig import SECRET, Rig

SECRET_BODY_MARK = "Me despidieron sin avisarme"


def test_healthz(rig: Rig) -> None:
    assert rig.client.get("/healthz").json() == {"status": "ok"}


def test_telegram_text_is_stored_and_enqueued(rig: Rig) -> None:
    response = rig.telegram(payloads.telegram("text"))
    assert response.status_code == 200
    assert rig.storage.inbox.counts() == {"queued": 1}
    [item] = rig.enqueued
    assert (item.channel, item.platform_id) == ("telegram", "918273001")
    assert "111222333" not in item.chat_key  # a hash, never the chat id


@pytest.mark.parametrize(
    "secret", [None, "", "wrong", SECRET.upper(), SECRET + " ", " " + SECRET, SECRET + "x" * 240]
)
def test_telegram_bad_secret_stores_nothing_and_logs_no_body(
    rig: Rig, secret: str | None, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    response = rig.telegram(payloads.telegram("text"), secret=secret)
    assert response.status_code == 403
    assert rig.storage.inbox.counts() == {}
    assert rig.enqueued == []
    assert SECRET_BODY_MARK not in caplog.text
    assert "111222333" not in caplog.text


def test_telegram_duplicate_acknowledged_once(rig: Rig) -> None:
    for _ in range(3):
        assert rig.telegram(payloads.telegram("text")).status_code == 200
    assert rig.storage.inbox.counts() == {"queued": 1}
    # still pending: a redelivery re-enqueues (the queue and worker are idempotent)
    assert {i.update_id for i in rig.enqueued} == {rig.enqueued[0].update_id}


def test_telegram_ten_concurrent_duplicates(rig: Rig) -> None:
    body = payloads.telegram("text")
    with ThreadPoolExecutor(max_workers=10) as pool:
        statuses = list(pool.map(lambda _: rig.telegram(body).status_code, range(10)))
    assert statuses == [200] * 10
    assert rig.storage.inbox.counts() == {"queued": 1}


def test_update_ids_need_not_be_monotonic(rig: Rig) -> None:
    for uid in (1000, 5, 999999):
        data = payloads.telegram("text")
        data["update_id"] = uid
        assert rig.telegram(data).status_code == 200
    assert rig.storage.inbox.counts() == {"queued": 3}


@pytest.mark.parametrize(
    "body",
    [
        payloads.telegram_bytes("poison"),
        b"not json at all",
        b'{"update_id": 7, "message": {"message_id": 1, "date": 0}}',
        b"\xff\xfe\x00",
    ],
)
def test_poison_update_is_acknowledged_and_dead_lettered(rig: Rig, body: bytes) -> None:
    response = rig.telegram(body)
    assert response.status_code == 200
    assert rig.storage.inbox.counts() == {"dead": 1}
    assert rig.enqueued == []
    # the next valid update still goes through
    assert rig.telegram(payloads.telegram("text")).status_code == 200
    assert rig.storage.inbox.counts() == {"dead": 1, "queued": 1}


def test_poison_redelivery_is_not_stored_twice(rig: Rig) -> None:
    for _ in range(2):
        assert rig.telegram(b"garbage").status_code == 200
    assert rig.storage.inbox.counts() == {"dead": 1}


@pytest.mark.parametrize("name", ["edited_message", "channel_post"])
def test_ignored_updates_are_acknowledged(rig: Rig, name: str) -> None:
    assert rig.telegram(payloads.telegram(name)).status_code == 200
    assert rig.enqueued == []


def test_oversized_bodies_are_refused(rig: Rig) -> None:
    big = json.dumps({"update_id": 1, "pad": "x" * 1_000_001}).encode()
    assert rig.telegram(big).status_code == 413
    form = {**payloads.twilio("text"), "Body": "x" * 1_000_001}
    assert rig.whatsapp(form, signature="irrelevant").status_code == 413
    assert rig.storage.inbox.counts() == {}


def test_whatsapp_signed_message_gets_empty_twiml(rig: Rig) -> None:
    response = rig.whatsapp(payloads.twilio("text"))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/xml")
    assert response.text == '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'
    [item] = rig.enqueued
    assert item.platform_id == "SM1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d"


def test_whatsapp_forgeries_are_refused(rig: Rig, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    form = payloads.twilio("text")
    good = rig.twilio_signature("/webhooks/whatsapp", form)
    cases = [
        (form, None),
        (form, ""),
        (form, "bm90IGEgc2lnbmF0dXJl"),
        ({**form, "Body": form["Body"] + " "}, good),
        ({**form, "Extra": "1"}, good),
        ({k: v for k, v in form.items() if k != "NumMedia"}, good),
    ]
    for data, signature in cases:
        assert rig.whatsapp(data, signature=signature).status_code == 403
    # signed for the URL the app sees instead of the public one
    from twilio.request_validator import RequestValidator

    local = RequestValidator("x").compute_signature("http://testserver/webhooks/whatsapp", form)
    assert rig.whatsapp(form, signature=local).status_code == 403
    assert rig.storage.inbox.counts() == {}
    assert "+5215512345678" not in caplog.text
    assert SECRET_BODY_MARK not in caplog.text


def test_whatsapp_duplicates(rig: Rig) -> None:
    form = payloads.twilio("text")
    with ThreadPoolExecutor(max_workers=10) as pool:
        statuses = list(pool.map(lambda _: rig.whatsapp(form).status_code, range(10)))
    assert statuses == [200] * 10
    assert rig.storage.inbox.counts() == {"queued": 1}


def test_whatsapp_unparseable_is_dead_lettered(rig: Rig) -> None:
    form = {"MessageSid": "SMdead", "From": "+5215512345678", "Body": "hola"}
    assert rig.whatsapp(form).status_code == 200
    assert rig.storage.inbox.counts() == {"dead": 1}


def test_store_failure_answers_503_so_the_platform_retries(rig: Rig) -> None:
    with rig.storage.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE inbound_updates")
    assert rig.telegram(payloads.telegram("text")).status_code == 503
    assert rig.whatsapp(payloads.twilio("text")).status_code == 503
    assert rig.enqueued == []


def test_queue_failure_answers_503_and_redelivery_enqueues(rig: Rig) -> None:
    from webhooks.app import Services, create_app

    calls: list[int] = []

    def flaky(item: object) -> None:
        calls.append(1)
        if len(calls) == 1:
            raise ConnectionError("queue down")

    from fastapi.testclient import TestClient

    client = TestClient(
        create_app(
            rig.settings,
            Services(inbox=rig.storage.inbox, outbound=rig.storage.outbound, enqueue=flaky),
        )
    )
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    body = payloads.telegram_bytes("text")
    assert client.post("/webhooks/telegram", content=body, headers=headers).status_code == 503
    assert client.post("/webhooks/telegram", content=body, headers=headers).status_code == 200
    assert len(calls) == 2
    assert rig.storage.inbox.counts() == {"queued": 1}


def test_status_callbacks_move_forward_only(rig: Rig) -> None:
    from datetime import UTC, datetime

    sid = "SMb0b1b2b3b4b5b6b7b8b9c0c1c2c3c4c5"
    rig.storage.outbound.record_sent(
        channel="whatsapp", provider_ids=(sid,), inbound_id=None, now=datetime.now(UTC)
    )
    base = payloads.twilio("status_delivered")
    path = "/webhooks/whatsapp/status"
    for status in ("delivered", "sent", "queued"):
        form = {**base, "MessageStatus": status, "SmsStatus": status}
        assert rig.whatsapp(form, path=path).status_code == 200
    assert rig.storage.outbound.status(channel="whatsapp", provider_id=sid) == "delivered"
    for status in ("read", "delivered"):
        form = {**base, "MessageStatus": status, "SmsStatus": status}
        assert rig.whatsapp(form, path=path).status_code == 200
    assert rig.storage.outbound.status(channel="whatsapp", provider_id=sid) == "read"
    forged = {**base, "MessageStatus": "failed"}
    assert rig.whatsapp(forged, path=path, signature="forged").status_code == 403
    assert rig.storage.outbound.status(channel="whatsapp", provider_id=sid) == "read"


def test_status_failure_is_terminal_and_unknown_is_harmless(rig: Rig) -> None:
    from datetime import UTC, datetime

    sid = "SMb0b1b2b3b4b5b6b7b8b9c0c1c2c3c4c5"
    rig.storage.outbound.record_sent(
        channel="whatsapp", provider_ids=(sid,), inbound_id=None, now=datetime.now(UTC)
    )
    path = "/webhooks/whatsapp/status"
    assert (
        rig.whatsapp(
            {**payloads.twilio("status_delivered"), "MessageStatus": "weird"}, path=path
        ).status_code
        == 200
    )
    assert rig.storage.outbound.status(channel="whatsapp", provider_id=sid) == "weird"
    assert rig.whatsapp(payloads.twilio("status_failed"), path=path).status_code == 200
    assert rig.whatsapp(payloads.twilio("status_delivered"), path=path).status_code == 200
    assert rig.storage.outbound.status(channel="whatsapp", provider_id=sid) == "undelivered"


def test_database_down_during_receive_then_redelivery_is_kept(rig: Rig) -> None:
    from fastapi.testclient import TestClient

    from db.engine import make_engine, make_sessionmaker
    from db.inbound import SqlInbox
    from webhooks.app import Services, create_app

    # A MySQL nobody listens on: every store fails to connect.
    down = make_engine(
        "mysql+pymysql://abogado:x@127.0.0.1:1/abogado", connect_args={"connect_timeout": 2}
    )
    broken = SqlInbox(make_sessionmaker(down))
    enqueued: list[object] = []
    services = Services(inbox=broken, outbound=rig.storage.outbound, enqueue=enqueued.append)
    with TestClient(create_app(rig.settings, services)) as client:
        headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        body = payloads.telegram_bytes("text")
        assert client.post("/webhooks/telegram", content=body, headers=headers).status_code == 503
        form = payloads.twilio("text")
        response = client.post(
            "/webhooks/whatsapp",
            content=urlencode(form),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Twilio-Signature": rig.twilio_signature("/webhooks/whatsapp", form),
            },
        )
        assert response.status_code == 503
    assert enqueued == []
    down.dispose()
    # the platforms re-deliver once the database is back: both are kept, once
    assert rig.telegram(payloads.telegram("text")).status_code == 200
    assert rig.whatsapp(payloads.twilio("text")).status_code == 200
    assert rig.storage.inbox.counts() == {"queued": 2}
