"""Fuzz every route create_app mounts (but auth and admin): never a 5xx; unsigned never a 2xx.

Signed garbage is acknowledged; raw requests (any method, bytes, headers, lying lengths) are
refused with 400, 403, 405 or 413.
"""

from __future__ import annotations

import base64
import json
from typing import Any
from urllib.parse import parse_qsl, urlencode

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.datastructures import FormData, UploadFile
from twilio.request_validator import RequestValidator

from tests.webhooks import payloads
from tests.webhooks.raw_asgi import send_raw
from tests.webhooks.rig import PUBLIC, SECRET, Rig

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
text = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=300) | st.sampled_from(
    ["", "/start", "\u200f\u200b", "<b>&amp;", "😀" * 50, "a" * 5000]
)
scalars = st.none() | st.booleans() | st.integers(-(2**63), 2**63) | st.floats() | text
json_values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(text, children, max_size=4),
    max_leaves=20,
)


@st.composite
def telegram_bodies(draw: st.DrawFn) -> bytes:
    choice = draw(st.integers(0, 3))
    if choice == 0:
        return draw(st.binary(max_size=500))
    if choice == 1:
        return json.dumps(draw(json_values)).encode()
    update: dict[str, Any] = payloads.telegram(draw(st.sampled_from(payloads.names("telegram"))))
    # mutate a few fields of a real update, at any depth
    for _ in range(draw(st.integers(1, 4))):
        target: Any = update
        keys = [k for k, v in target.items() if k != "update_id"] if choice == 3 else list(target)
        if not keys:
            break
        key = draw(st.sampled_from(keys))
        while isinstance(target.get(key), dict) and draw(st.booleans()):
            target = target[key]
            if not target:
                break
            key = draw(st.sampled_from(list(target)))
        target[key] = draw(json_values)
    return json.dumps(update).encode()


@st.composite
def twilio_forms(draw: st.DrawFn) -> dict[str, str]:
    form = payloads.twilio(draw(st.sampled_from(payloads.names("twilio"))))
    keys = [*form, "Latitude", "NumMedia", "ButtonPayload", "MediaContentType0", "Junk"]
    for _ in range(draw(st.integers(0, 5))):
        key = draw(st.sampled_from(keys))
        if draw(st.booleans()):
            form[key] = draw(text)
        else:
            form.pop(key, None)
    return form


def sign(rig: Rig, path: str, body: str) -> str:
    """The signing hook: what Twilio would send for this exact body."""
    token = rig.settings.twilio.auth_token
    assert token is not None
    pairs: list[tuple[str, str | UploadFile]] = list(parse_qsl(body, keep_blank_values=True))
    form = FormData(pairs)
    return str(RequestValidator(token.get_secret_value()).compute_signature(PUBLIC + path, form))


@FUZZ
@given(body=telegram_bodies())
def test_fuzz_telegram(rig: Rig, body: bytes) -> None:
    headers = {"Content-Type": "application/json"}
    unsigned = rig.client.post("/webhooks/telegram", content=body, headers=headers)
    assert unsigned.status_code == 403
    headers["X-Telegram-Bot-Api-Secret-Token"] = SECRET
    response = rig.client.post("/webhooks/telegram", content=body, headers=headers)
    assert response.status_code == 200


@FUZZ
@given(
    form=twilio_forms(), path=st.sampled_from(["/webhooks/whatsapp", "/webhooks/whatsapp/status"])
)
def test_fuzz_whatsapp(rig: Rig, form: dict[str, str], path: str) -> None:
    body = urlencode(form)
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    assert rig.client.post(path, content=body, headers=headers).status_code == 403
    headers["X-Twilio-Signature"] = sign(rig, path, body)
    response = rig.client.post(path, content=body, headers=headers)
    assert response.status_code == 200


def test_the_worker_survives_what_the_fuzzer_stored(rig: Rig) -> None:
    for name in payloads.names("telegram"):
        data = payloads.telegram(name)
        data["update_id"] = 10_000 + len(name)
        rig.telegram(data)
    rig.telegram(b'{"update_id": 77, "message": {"chat": {"id": "x"}}}')
    rig.drain()
    counts = rig.storage.inbox.counts()
    assert set(counts) <= {"done", "dead"}
    assert counts.get("dead", 0) >= 1


# -- every route, raw: any method, any bytes, any headers, lying lengths ------------------------

ROUTES = ["/webhooks/telegram", "/webhooks/whatsapp", "/webhooks/whatsapp/status", "/healthz"]
HOSTILE_BODIES = [
    b"[" * 20_000,
    b'{"update_id": 1, "message": ' + b"{" * 5000,
    b"a=&" * 5000,
    b"Body=\xff\xfe&From=whatsapp:+1",
    b"x" * 70_000,
    b'{"update_id": ' + b"9" * 4400 + b"}",
    json.dumps({"update_id": 3, "message": {"chat": {"id": 2**70, "type": "private"}}}).encode(),
]
LYING_LENGTHS = [b"", b"\xb2", b"-1", b"1e3", b"9" * 5000, b"0", b"3"]
# Half of each draw comes from the hostile lists, so the combinations that matter (the right
# secret with a deep body, a lying length on any route) turn up within a few hundred examples.
header_bytes = st.sampled_from(LYING_LENGTHS) | st.binary(max_size=40)
RAW_FUZZ = settings(FUZZ, max_examples=300)


@st.composite
def raw_requests(draw: st.DrawFn) -> tuple[str, str, list[tuple[bytes, bytes]], list[bytes]]:
    path = draw(st.sampled_from(ROUTES))
    method = draw(st.sampled_from(["POST", "POST", "POST", "POST", "GET", "PUT", "HEAD"]))
    body = draw(st.sampled_from(HOSTILE_BODIES) | st.binary(max_size=3000))
    cuts = sorted(draw(st.lists(st.integers(0, len(body)), max_size=3)))
    chunks = [body[a:b] for a, b in zip([0, *cuts], [*cuts, len(body)], strict=True)]
    headers: list[tuple[bytes, bytes]] = []
    length = draw(st.sampled_from(["none", "true", "lie"]))
    if length == "true":
        headers.append((b"content-length", str(len(body)).encode()))
    elif length == "lie":
        headers.append((b"content-length", draw(header_bytes)))
    secret = draw(st.sampled_from([SECRET.encode(), None]) | header_bytes)
    if secret is not None:
        headers.append((b"x-telegram-bot-api-secret-token", secret))
    shaped = base64.b64encode(draw(st.binary(min_size=20, max_size=20)))
    signature = draw(st.sampled_from([shaped, None]) | header_bytes)
    if signature is not None:
        headers.append((b"x-twilio-signature", signature))
    if draw(st.booleans()):
        headers.append((b"content-type", draw(header_bytes)))
    return path, method, headers, chunks


@RAW_FUZZ
@given(request=raw_requests())
def test_fuzz_every_route_raw(
    rig: Rig, request: tuple[str, str, list[tuple[bytes, bytes]], list[bytes]]
) -> None:
    path, method, headers, chunks = request
    response = send_raw(rig.client.app, path, method=method, headers=headers, chunks=chunks)
    assert response.status < 500
    if path == "/healthz":
        assert response.status == (200 if method == "GET" else 405)
        return
    secret = (b"x-telegram-bot-api-secret-token", SECRET.encode())
    authentic = path == "/webhooks/telegram" and secret in headers
    if method != "POST":
        assert response.status == 405
    elif not authentic:
        # no forged Twilio signature can match: refused, whatever else is wrong
        assert response.status in (400, 403, 413)
