"""Fuzz both webhook endpoints: signed garbage never yields a 5xx; unsigned never a 2xx."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl, urlencode

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.datastructures import FormData, UploadFile
from twilio.request_validator import RequestValidator

from tests.webhooks import payloads
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
