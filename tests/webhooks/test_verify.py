"""Webhook authentication: Telegram's secret header and Twilio's signature (published vectors)."""

from __future__ import annotations

import hmac

import pytest
from pydantic import SecretStr

from webhooks.verify import (
    TwilioParams,
    public_request_url,
    telegram_secret_ok,
    twilio_signature_ok,
)

SECRET = SecretStr("s3cr3t_Token-abc")


@pytest.mark.parametrize(
    ("received", "ok"),
    [
        ("s3cr3t_Token-abc", True),
        (None, False),
        ("", False),
        ("wrong", False),
        ("S3CR3T_TOKEN-ABC", False),
        ("s3cr3t_Token-abc ", False),
        (" s3cr3t_Token-abc", False),
        ("s3cr3t_Token-abc" + "x" * 241, False),
        ("s3cr3t_Token-ab\udcff", False),
    ],
)
def test_telegram_secret(received: str | None, ok: bool) -> None:
    assert telegram_secret_ok(SECRET, received) is ok


def test_no_configured_secret_refuses_everything() -> None:
    assert telegram_secret_ok(None, "") is False
    assert telegram_secret_ok(None, "anything") is False


def test_secret_compared_in_constant_time(monkeypatch: pytest.MonkeyPatch) -> None:
    # The stdlib's compare_digest is watched (not replaced): it must be the comparison used.
    seen: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        seen.append((a, b))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    assert telegram_secret_ok(SECRET, "s3cr3t_Token-abc")
    assert seen == [(b"s3cr3t_Token-abc", b"s3cr3t_Token-abc")]


# twilio-python tests/unit/test_request_validator.py (published known-answer vectors)
TOKEN = SecretStr("12345")
URI = "https://mycompany.com/myapp.php?foo=1&bar=2"
PARAMS = {
    "CallSid": "CA1234567890ABCDE",
    "Digits": "1234",
    "From": "+14158675309",
    "To": "+18005551212",
    "Caller": "+14158675309",
}
EXPECTED = "RSOYDt4T1cUTdK1PDd93/VVr8B8="


def test_twilio_known_answer() -> None:
    assert twilio_signature_ok(TOKEN, URI, PARAMS, EXPECTED)


@pytest.mark.parametrize(
    ("uri", "signature"),
    [
        (URI.replace(".com", ".com:1234"), EXPECTED),  # port removed on https
        (URI, "kvajT1Ptam85bY51eRf/AJRuM3w="),  # signed with :443
        (URI.replace("https", "http"), "0ZXoZLH/DfblKGATFgpif+LLRf4="),  # signed with :80
        (
            URI.replace(".com", ".com:1234").replace("https", "http"),
            "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=",
        ),
    ],
)
def test_twilio_port_vectors(uri: str, signature: str) -> None:
    assert twilio_signature_ok(TOKEN, uri, PARAMS, signature)


def test_twilio_json_body_vector() -> None:
    body = '{"property": "value", "boolean": true}'
    body_hash = "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620"
    uri = URI + "&bodySHA256=" + body_hash
    assert twilio_signature_ok(TOKEN, uri, body, "a9nBmqA0ju/hNViExpshrM61xv4=")
    assert not twilio_signature_ok(TOKEN, uri, body + " ", "a9nBmqA0ju/hNViExpshrM61xv4=")


def test_twilio_duplicate_values_vector() -> None:
    pairs = [("Sid", "CA123"), ("SidAccount", "AC123"), ("Digits", "5678"), ("Digits", "1234")]
    assert twilio_signature_ok(TOKEN, URI, pairs, "IK+Dwps556ElfBT0I3Rgjkr1wJU=")
    assert twilio_signature_ok(TOKEN, URI, TwilioParams.of(pairs), "IK+Dwps556ElfBT0I3Rgjkr1wJU=")
    # the same form with one of the repeated values dropped is another form
    assert not twilio_signature_ok(TOKEN, URI, pairs[:3], "IK+Dwps556ElfBT0I3Rgjkr1wJU=")


@pytest.mark.parametrize(
    "mutate",
    [
        lambda p: {**p, "Digits": "1235"},
        lambda p: {**p, "Extra": "1"},
        lambda p: {k: v for k, v in p.items() if k != "To"},
        lambda p: {**p, "Digits": "1234 "},
    ],
)
def test_twilio_mutated_params_fail(mutate: object) -> None:
    assert not twilio_signature_ok(TOKEN, URI, mutate(PARAMS), EXPECTED)  # type: ignore[operator]


@pytest.mark.parametrize("signature", [None, "", "garbage", EXPECTED.lower()])
def test_twilio_bad_signatures(signature: str | None) -> None:
    assert not twilio_signature_ok(TOKEN, URI, PARAMS, signature)
    assert not twilio_signature_ok(None, URI, PARAMS, EXPECTED)


def test_public_url_behind_api_gateway_stage() -> None:
    from twilio.request_validator import RequestValidator

    signed_url = "https://api.example.mx/prod/webhooks/whatsapp"
    signature = RequestValidator("12345").compute_signature(signed_url, PARAMS)
    url = public_request_url("https://api.example.mx/prod/", "/webhooks/whatsapp")
    assert url == signed_url
    assert twilio_signature_ok(TOKEN, url, PARAMS, signature)
    for wrong in (
        "http://api.example.mx/prod/webhooks/whatsapp",
        "https://api.example.mx/webhooks/whatsapp",
        "https://api.example.mx/prod/webhooks/whatsapp/",
    ):
        assert not twilio_signature_ok(TOKEN, wrong, PARAMS, signature)


def test_public_url_keeps_the_query() -> None:
    assert public_request_url("https://x.mx", "/webhooks/whatsapp", "a=1") == (
        "https://x.mx/webhooks/whatsapp?a=1"
    )


class _Watch:
    """Counts Twilio's own ``compute_signature`` calls (watched, not replaced)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from twilio.request_validator import RequestValidator

        self.calls = 0
        real = RequestValidator.compute_signature

        def counted(validator: RequestValidator, *args: object, **kwargs: object) -> str:
            self.calls += 1
            return str(real(validator, *args, **kwargs))

        monkeypatch.setattr(RequestValidator, "compute_signature", counted)


@pytest.mark.parametrize(
    "signature",
    ["x" * 28, "A" * 26 + "B=", EXPECTED[:-1], EXPECTED + "=", "A" * 43 + "=", "Ä" * 27 + "="],
)
def test_a_signature_of_the_wrong_shape_costs_no_hmac(
    monkeypatch: pytest.MonkeyPatch, signature: str
) -> None:
    watch = _Watch(monkeypatch)
    assert not twilio_signature_ok(TOKEN, URI, PARAMS, signature)
    assert watch.calls == 0


def test_a_good_signature_is_computed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    watch = _Watch(monkeypatch)
    assert twilio_signature_ok(TOKEN, URI, PARAMS, EXPECTED)
    assert watch.calls == 1  # twilio's validate() computes it twice: with and without the port


def test_a_shaped_forgery_costs_at_most_the_two_port_forms(monkeypatch: pytest.MonkeyPatch) -> None:
    watch = _Watch(monkeypatch)
    assert not twilio_signature_ok(TOKEN, URI, PARAMS, "A" * 27 + "=")
    assert watch.calls == 2


def test_twilio_params_answer_getlist_without_scanning() -> None:
    pairs = [(f"f{i}", "v") for i in range(16_000)] + [("f7", "w")]
    params = TwilioParams.of(pairs)
    assert params.getlist("f7") == ["v", "w"]
    assert params.getlist("f15999") == ["v"]
    assert len(params) == 16_000


def test_an_overlong_secret_is_refused_without_comparing(monkeypatch: pytest.MonkeyPatch) -> None:
    # setWebhook's secret_token has at most 256 characters; a 100 KB header is not compared.
    seen: list[object] = []
    real = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        seen.append(1)
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    assert not telegram_secret_ok(SECRET, "s3cr3t_Token-abc" + "x" * 100_000)
    assert seen == []
    assert not telegram_secret_ok(SECRET, "y" * 256)
    assert len(seen) == 1
