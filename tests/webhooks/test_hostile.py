"""Hostile input on the webhooks is refused cheaply (issue 16): never a 5xx, nothing stored.

Twilio routes: a body over 64 KiB or over 200 fields is refused (413) before the form is parsed
or any HMAC computed. Telegram: JSON nested deeper than ``json.loads`` may go is refused (400).
Also non-UTF-8 forms and chunked bodies without a length; other siblings (lying lengths, huge
headers and ids, log floods) are in ``test_hostile_siblings.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterator
from urllib.parse import parse_qsl, urlencode

import pytest

from tests.webhooks import payloads
from tests.webhooks.raw_asgi import send_raw
from tests.webhooks.rig import Rig
from webhooks import limits
from webhooks.errors import UnparseableUpdate
from webhooks.parse import parse_telegram, peek_telegram, telegram_update_id
from webhooks.receive import Receiver

TWILIO_PATHS = ["/webhooks/whatsapp", "/webhooks/whatsapp/status"]
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
SHAPED_FORGERY = "A" * 27 + "="  # base64 of 20 zero bytes: the right shape, the wrong HMAC
DEEP = b"[" * 100_000


def nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


def post_form(rig: Rig, path: str, body: str | bytes, signature: str) -> int:
    headers = {**FORM, "X-Twilio-Signature": signature}
    return int(rig.client.post(path, content=body, headers=headers).status_code)


# -- finding 1: the 16,000-field form ---------------------------------------------------------


@pytest.mark.parametrize("path", TWILIO_PATHS)
@pytest.mark.parametrize(
    "body",
    [
        "&".join(f"f{i}=v" for i in range(16_000)),  # 133 KB: over the size cap
        "a=&" * 16_000,  # 48 KB: under the size cap, over the field cap
    ],
    ids=["over-size", "over-fields"],
)
def test_sixteen_thousand_fields_are_refused_before_validation(
    rig: Rig, path: str, body: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    assert post_form(rig, path, body, SHAPED_FORGERY) == 413
    # refused on size alone: a correct signature for the same form changes nothing
    signature = rig.twilio_signature(path, dict(parse_qsl(body, keep_blank_values=True)))
    assert post_form(rig, path, body, signature) == 413
    assert rig.storage.inbox.counts() == {}
    assert "f15999" not in caplog.text


def test_the_field_cap_admits_a_signed_form_at_the_cap(rig: Rig) -> None:
    base = payloads.twilio("text")
    padding = limits.TWILIO_MAX_FIELDS - len(base)
    at_cap = {**base, **{f"X{i}": "1" for i in range(padding)}}
    assert rig.whatsapp(at_cap).status_code == 200
    over = {**at_cap, "MessageSid": "SMover", "X-over": "1"}
    assert rig.whatsapp(over).status_code == 413
    assert rig.storage.inbox.counts() == {"queued": 1}


def test_the_longest_whatsapp_text_fits_and_one_byte_more_does_not(rig: Rig) -> None:
    # WhatsApp's longest text, all 4-byte emoji: what the 64 KiB cap was sized for.
    longest = {**payloads.twilio("text"), "Body": "😀" * 4096}
    assert rig.whatsapp(longest).status_code == 200
    body = urlencode(longest)
    pad = limits.TWILIO_MAX_BODY_BYTES - len(body)
    signed = {**longest, "Pad": "x" * (pad - len("&Pad="))}
    assert len(urlencode(signed)) == limits.TWILIO_MAX_BODY_BYTES
    at_cap = {**signed, "MessageSid": "SM" + "c" * 32}  # as long as the recorded sid
    assert rig.whatsapp(at_cap).status_code == 200
    too_big = {**signed, "MessageSid": "SM" + "d" * 32, "Pad": signed["Pad"] + "x"}
    assert len(urlencode(too_big)) == limits.TWILIO_MAX_BODY_BYTES + 1
    assert rig.whatsapp(too_big).status_code == 413
    assert rig.storage.inbox.counts() == {"queued": 2}


@pytest.mark.parametrize("path", TWILIO_PATHS)
def test_a_chunked_body_without_length_is_cut_at_the_cap(rig: Rig, path: str) -> None:
    sent: list[int] = []

    def chunks() -> Iterator[bytes]:
        for _ in range(200):  # 200 x 4 KiB = 800 KiB offered
            sent.append(1)
            yield b"a=" + b"b" * 4094

    headers = {**FORM, "X-Twilio-Signature": SHAPED_FORGERY}
    response = rig.client.post(path, content=chunks(), headers=headers)
    assert response.status_code == 413
    assert "content-length" not in {k.lower() for k in response.request.headers}
    assert rig.storage.inbox.counts() == {}


@pytest.mark.parametrize(
    "signature",
    [
        None,
        "",
        "x" * 28,  # 28 characters, but not base64 of 20 bytes
        "A" * 26 + "B=",  # the last character before "=" must carry only 2 bits
        SHAPED_FORGERY[:-1],
        SHAPED_FORGERY + "=",
        "A" * 43 + "=",  # an HMAC-SHA256: not what we validate
        "Ä" * 27 + "=",
        "A" * 100_000,  # a huge header
    ],
)
def test_signatures_that_cannot_be_twilio_are_refused(rig: Rig, signature: str | None) -> None:
    form = payloads.twilio("text")
    headers = [(b"content-type", b"application/x-www-form-urlencoded")]
    if signature is not None:
        headers.append((b"x-twilio-signature", signature.encode("latin-1")))
    for path in TWILIO_PATHS:
        response = send_raw(
            rig.client.app, path, headers=headers, chunks=[urlencode(form).encode()]
        )
        assert response.status == 403
    assert rig.storage.inbox.counts() == {}


def test_a_non_utf8_form_is_malformed(rig: Rig) -> None:
    for path in TWILIO_PATHS:
        assert post_form(rig, path, b"Body=\xff\xfe&From=x", SHAPED_FORGERY) == 400
        assert post_form(rig, path, b"Body=\xff\xfe&From=x", "nope") == 403
    assert rig.storage.inbox.counts() == {}


# -- finding 6 (Telegram): JSON nested deeper than json.loads goes ------------------------------


@pytest.mark.parametrize(
    "body",
    [
        DEEP,
        b'{"update_id": 1, "message": ' + DEEP,
        b'{"update_id": 1, "message": {"chat": ' + nested(5_000) + b"}}",
        nested(limits.TELEGRAM_MAX_JSON_DEPTH + 1),
        b"{" * 100_000,
    ],
    ids=["100k-open", "deep-message", "deep-balanced", "over-the-limit", "open-objects"],
)
def test_deep_json_on_the_telegram_webhook_is_refused(
    rig: Rig, body: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    response = rig.telegram(body)
    assert response.status_code == 400
    assert rig.storage.inbox.counts() == {}
    assert rig.enqueued == []
    refusals = [r for r in caplog.records if "refused a telegram webhook" in r.getMessage()]
    assert len(refusals) == 1  # logged once, and without the body
    assert "[[[" not in caplog.text


def test_deep_json_without_the_secret_is_forbidden_first(rig: Rig) -> None:
    assert rig.telegram(DEEP, secret=None).status_code == 403


def test_json_at_the_depth_limit_is_accepted_as_before(rig: Rig) -> None:
    at_limit = json.dumps(
        {"update_id": 5, "x": json.loads(nested(limits.TELEGRAM_MAX_JSON_DEPTH - 1))}
    )
    assert rig.telegram(at_limit.encode()).status_code == 200  # not an update: acknowledged
    brackets_in_text = payloads.telegram("text")
    brackets_in_text["message"]["text"] = "[" * 4000 + "{" * 90
    assert rig.telegram(brackets_in_text).status_code == 200
    assert rig.storage.inbox.counts() == {"queued": 1}


def test_deep_json_from_polling_or_the_worker_is_dead_lettered(rig: Rig) -> None:
    received_at = dt.datetime(2026, 5, 1, tzinfo=dt.UTC)
    with pytest.raises(UnparseableUpdate):
        peek_telegram(DEEP)
    with pytest.raises(UnparseableUpdate):
        parse_telegram(b'{"update_id": 1, "message": ' + DEEP, received_at=received_at)
    assert telegram_update_id(DEEP) is None
    receiver = Receiver(
        inbox=rig.storage.inbox, enqueue=rig.enqueued.append, now=lambda: received_at
    )
    receiver.telegram(DEEP)  # the polling path: no webhook in front of it
    assert rig.storage.inbox.counts() == {"dead": 1}


def test_json_with_too_many_parts_is_refused_before_its_depth_is_walked(rig: Rig) -> None:
    many = {"update_id": 9, "x": [{}] * (limits.TELEGRAM_MAX_JSON_CONTAINERS + 1)}
    assert rig.telegram(many).status_code == 400
    sawtooth = (b"[" * 64 + b"]" * 64) * 7_800  # a megabyte, never deeper than the limit
    assert rig.telegram(sawtooth).status_code == 400
    assert rig.storage.inbox.counts() == {}
    fewer = {"update_id": 10, "x": [{}] * 10_000}
    assert rig.telegram(fewer).status_code == 200  # acknowledged as before (not an update)
