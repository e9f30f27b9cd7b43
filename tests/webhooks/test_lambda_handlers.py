"""The aws profile's Lambda handlers against moto's SQS FIFO: enqueue, worker, partial failures."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import boto3
import pytest
from moto import mock_aws

from abogado import lambda_handlers
from abogado.lambda_handlers import SqsWorker, build_http, build_worker
from services.settings import Settings, SqsSettings
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.webhooks import payloads
from tests.webhooks.rig import SECRET, Rig


@pytest.fixture
def sqs(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Any, str]]:
    for key, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(key, value)
    with mock_aws():
        client = boto3.client("sqs", region_name="us-east-1")
        url = client.create_queue(
            QueueName="abogado-inbound.fifo",
            Attributes={"FifoQueue": "true", "ContentBasedDeduplication": "false"},
        )["QueueUrl"]
        yield client, url


def aws_settings(rig: Rig, queue_url: str) -> Settings:
    return rig.settings.model_copy(update={"sqs": SqsSettings(queue_url=queue_url)})


def api_event(path: str, body: bytes, headers: dict[str, str]) -> dict[str, Any]:
    """An API Gateway HTTP API (payload 2.0) event, as a Function URL also sends it."""
    return {
        "version": "2.0",
        "routeKey": "$default",
        "rawPath": path,
        "rawQueryString": "",
        "headers": {"host": "abc123.execute-api.us-east-1.amazonaws.com", **headers},
        "requestContext": {
            "accountId": "123456789012",
            "apiId": "abc123",
            "domainName": "abc123.execute-api.us-east-1.amazonaws.com",
            "http": {
                "method": "POST",
                "path": path,
                "protocol": "HTTP/1.1",
                "sourceIp": "149.154.167.220",
                "userAgent": "TelegramBot",
            },
            "requestId": "req-1",
            "routeKey": "$default",
            "stage": "$default",
            "time": "01/May/2026:12:00:00 +0000",
            "timeEpoch": 1777636800000,
        },
        "body": base64.b64encode(body).decode(),
        "isBase64Encoded": True,
    }


def rest_event(path: str, body: bytes, headers: dict[str, str]) -> dict[str, Any]:
    """A REST API (payload 1.0) proxy event on the custom domain, as infra/front.py sends it."""
    return {
        "resource": path,
        "path": path,
        "httpMethod": "POST",
        "headers": {"Host": "abogado.example.mx", **headers},
        "multiValueHeaders": {
            "Host": ["abogado.example.mx"],
            **{k: [v] for k, v in headers.items()},
        },
        "queryStringParameters": None,
        "multiValueQueryStringParameters": None,
        "pathParameters": None,
        "stageVariables": None,
        "requestContext": {
            "accountId": "123456789012",
            "apiId": "abc123",
            "domainName": "abogado.example.mx",
            "httpMethod": "POST",
            "path": path,
            "protocol": "HTTP/1.1",
            "requestId": "req-1",
            "resourcePath": path,
            "stage": "live",
            "identity": {"sourceIp": "149.154.167.220", "userAgent": "TelegramBot"},
        },
        "body": body.decode(),
        "isBase64Encoded": False,
    }


def receive_all(client: Any, url: str) -> list[dict[str, Any]]:
    got = client.receive_message(
        QueueUrl=url, MaxNumberOfMessages=10, AttributeNames=["All"], WaitTimeSeconds=0
    )
    return list(got.get("Messages", []))


def sqs_event(messages: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "Records": [
            {
                "messageId": m["MessageId"],
                "receiptHandle": m["ReceiptHandle"],
                "body": m["Body"],
                "attributes": m.get("Attributes", {}),
                "eventSource": "aws:sqs",
            }
            for m in messages
        ]
    }


def test_http_enqueues_with_group_and_dedup_ids(rig: Rig, sqs: tuple[Any, str]) -> None:
    client, url = sqs
    handler = build_http(aws_settings(rig, url), sqs=client)
    event = api_event(
        "/webhooks/telegram",
        payloads.telegram_bytes("text"),
        {"content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET},
    )
    assert handler(event, None)["statusCode"] == 200
    assert handler(event, None)["statusCode"] == 200  # Telegram re-delivers
    [message] = receive_all(client, url)  # FIFO deduplication: one message
    assert message["Attributes"]["MessageDeduplicationId"] == "telegram:918273001"
    group = message["Attributes"]["MessageGroupId"]
    assert group.startswith("telegram:")
    assert "111222333" not in group
    assert json.loads(message["Body"]) == {"id": 1}


def test_http_rejects_forgeries_without_enqueuing(rig: Rig, sqs: tuple[Any, str]) -> None:
    client, url = sqs
    handler = build_http(aws_settings(rig, url), sqs=client)
    event = api_event(
        "/webhooks/telegram",
        payloads.telegram_bytes("text"),
        {"content-type": "application/json", "x-telegram-bot-api-secret-token": "nope"},
    )
    assert handler(event, None)["statusCode"] == 403
    assert receive_all(client, url) == []


def test_http_validates_twilio_against_the_public_url(rig: Rig, sqs: tuple[Any, str]) -> None:
    client, url = sqs
    handler = build_http(aws_settings(rig, url), sqs=client)
    form = payloads.twilio("text")
    signature = rig.twilio_signature("/webhooks/whatsapp", form)
    headers = {"content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature}
    response = handler(api_event("/webhooks/whatsapp", urlencode(form).encode(), headers), None)
    assert response["statusCode"] == 200
    assert "<Response></Response>" in response["body"]
    [message] = receive_all(client, url)
    assert message["Attributes"]["MessageDeduplicationId"] == f"whatsapp:{form['MessageSid']}"


def test_http_serves_the_rest_api_payload_of_the_front(rig: Rig, sqs: tuple[Any, str]) -> None:
    """infra/front.py is a REST API (payload 1.0): both webhooks verify and enqueue through it."""
    client, url = sqs
    handler = build_http(aws_settings(rig, url), sqs=client)
    telegram = rest_event(
        "/webhooks/telegram",
        payloads.telegram_bytes("text"),
        {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET},
    )
    assert handler(telegram, None)["statusCode"] == 200
    forged = rest_event(
        "/webhooks/telegram",
        payloads.telegram_bytes("text"),
        {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": "nope"},
    )
    assert handler(forged, None)["statusCode"] == 403
    form = payloads.twilio("text")
    signature = rig.twilio_signature("/webhooks/whatsapp", form)
    whatsapp = rest_event(
        "/webhooks/whatsapp",
        urlencode(form).encode(),
        {"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature},
    )
    assert handler(whatsapp, None)["statusCode"] == 200
    assert len(receive_all(client, url)) == 2


def test_the_public_pages_and_their_cookies_work_through_the_rest_api(
    rig: Rig, sqs: tuple[Any, str]
) -> None:
    """A GET page and a Set-Cookie come back in payload 1.0's shape."""
    client, url = sqs
    handler = build_http(aws_settings(rig, url), sqs=client)
    health = dict(rest_event("/healthz", b"", {}), httpMethod="GET", body=None)
    assert handler(health, None)["statusCode"] == 200
    login = dict(rest_event("/admin/login", b"", {}), httpMethod="GET", body=None)
    response = handler(login, None)
    assert response["statusCode"] in (302, 303, 307)
    # One cookie comes as a header; several would come as multiValueHeaders.
    single = response["headers"].get("set-cookie")
    cookies = [single] if single else response["multiValueHeaders"].get("set-cookie", [])
    assert cookies
    assert all("HttpOnly" in c for c in cookies)
    assert receive_all(client, url) == []


def test_the_receiver_needs_only_the_webhook_secret_not_the_bot_token(
    rig: Rig, sqs: tuple[Any, str]
) -> None:
    """On AWS the receiver's Telegram secret holds webhook_secret alone (infra/secrets.py)."""
    client, url = sqs
    settings = aws_settings(rig, url)
    telegram = settings.telegram.model_copy(update={"bot_token": None})
    handler = build_http(settings.model_copy(update={"telegram": telegram}), sqs=client)
    event = api_event(
        "/webhooks/telegram",
        payloads.telegram_bytes("text"),
        {"content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET},
    )
    assert handler(event, None)["statusCode"] == 200
    assert len(receive_all(client, url)) == 1


def test_sqs_down_means_503(rig: Rig, sqs: tuple[Any, str]) -> None:
    client, _url = sqs
    missing = "https://sqs.us-east-1.amazonaws.com/123456789012/missing.fifo"
    handler = build_http(aws_settings(rig, missing), sqs=client)
    event = api_event(
        "/webhooks/telegram",
        payloads.telegram_bytes("text"),
        {"content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET},
    )
    assert handler(event, None)["statusCode"] == 503


def worker_for(rig: Rig, settings: Settings) -> SqsWorker:
    return build_worker(settings, turns=rig.turns())


def test_worker_processes_a_batch_once(
    rig: Rig, sqs: tuple[Any, str], fake_telegram: FakeTelegramAPI
) -> None:
    client, url = sqs
    settings = aws_settings(rig, url)
    handler = build_http(settings, sqs=client)
    for uid in (1, 2, 3):
        data = payloads.telegram("command")
        data["update_id"] = uid
        data["message"]["chat"]["id"] = 500 + uid
        body = json.dumps(data).encode()
        headers = {"content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET}
        assert handler(api_event("/webhooks/telegram", body, headers), None)["statusCode"] == 200
    messages = receive_all(client, url)
    assert len(messages) == 3
    work = worker_for(rig, settings)
    assert work(sqs_event(messages), None) == {"batchItemFailures": []}
    sent = {c.chat_id for c in fake_telegram.sent()}
    assert sent == {"501", "502", "503"}
    before = len(fake_telegram.sent())
    # SQS redelivers the same batch (at-least-once): nothing is sent again
    assert work(sqs_event(messages), None) == {"batchItemFailures": []}
    assert len(fake_telegram.sent()) == before
    assert rig.storage.inbox.counts() == {"done": 3}


def test_a_failure_fails_only_its_own_chats_records(
    rig: Rig, sqs: tuple[Any, str], fake_telegram: FakeTelegramAPI
) -> None:
    client, url = sqs
    settings = aws_settings(rig, url)
    handler = build_http(settings, sqs=client)
    headers = {"content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET}
    # Chat 703 writes twice; its first message fails, so its second must wait (FIFO), while
    # chat 704, after both in the batch, is a different group and is answered.
    for uid, chat in enumerate((701, 702, 703, 703, 704), start=1):
        data = payloads.telegram("command")
        data["update_id"] = uid
        data["message"]["chat"]["id"] = chat
        body = json.dumps(data).encode()
        assert handler(api_event("/webhooks/telegram", body, headers), None)["statusCode"] == 200
    messages = receive_all(client, url)
    assert len(messages) == 5
    fake_telegram.block_chat("702")  # not a failure: blocked users are marked, not retried
    fake_telegram.fail_next(
        "sendMessage", status=500, description="Internal Server Error", chat_id="703", times=50
    )
    result = build_worker(settings, turns=rig.turns())(sqs_event(messages), None)
    by_body = {json.loads(m["Body"])["id"]: m["MessageId"] for m in messages}
    assert [f["itemIdentifier"] for f in result["batchItemFailures"]] == [by_body[3], by_body[4]]
    sent = {c.chat_id for c in fake_telegram.sent()}
    assert {"701", "704"} <= sent
    counts = rig.storage.inbox.counts()
    assert counts == {"done": 3, "queued": 2}  # 703's first awaits its retry, the second untouched


def test_records_without_a_group_fail_like_one_chat(
    rig: Rig, sqs: tuple[Any, str], fake_telegram: FakeTelegramAPI
) -> None:
    """Without MessageGroupId (never on a FIFO queue) the old whole-batch rule holds: safe."""
    client, url = sqs
    settings = aws_settings(rig, url)
    handler = build_http(settings, sqs=client)
    headers = {"content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET}
    for uid, chat in enumerate((801, 802), start=1):
        data = payloads.telegram("command")
        data["update_id"] = uid
        data["message"]["chat"]["id"] = chat
        body = json.dumps(data).encode()
        assert handler(api_event("/webhooks/telegram", body, headers), None)["statusCode"] == 200
    messages = [dict(m, Attributes={}) for m in receive_all(client, url)]
    fake_telegram.fail_next(
        "sendMessage", status=500, description="Internal Server Error", chat_id="801", times=50
    )
    result = build_worker(settings, turns=rig.turns())(sqs_event(messages), None)
    assert len(result["batchItemFailures"]) == 2
    assert "802" not in {c.chat_id for c in fake_telegram.sent()}


def test_malformed_records_are_not_retried_forever(rig: Rig, sqs: tuple[Any, str]) -> None:
    _client, url = sqs
    work = worker_for(rig, aws_settings(rig, url))
    event = {
        "Records": [{"messageId": "m1", "body": "not json"}, {"messageId": "m2", "body": "{}"}]
    }
    assert work(event, None) == {"batchItemFailures": []}


def test_cold_import_is_light() -> None:
    code = (
        "import sys, time; t = time.perf_counter(); import abogado.lambda_handlers; "
        "heavy = [m for m in ('fastapi', 'sqlalchemy', 'telegram', 'twilio', 'boto3', 'mangum') "
        "if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    assert callable(lambda_handlers.http)
    assert callable(lambda_handlers.worker)
