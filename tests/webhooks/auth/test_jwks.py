"""The JWKS cache: one fetch for many tokens, one refetch on rotation, refetches rate-limited."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest

from webhooks.auth.errors import ProviderError, TokenRejected
from webhooks.auth.local_keys import SigningKey, generate_key
from webhooks.auth.oidc import IdTokenVerifier, JwksCache

ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Test"
JWKS_URI = ISSUER + "/.well-known/jwks.json"


class FakeJwksServer:
    """Serves whatever keys it is told to, and counts the requests it gets."""

    def __init__(self, *keys: SigningKey) -> None:
        self.keys = list(keys)
        self.requests = 0
        self.status = 200

    def __call__(self, request: httpx.Request) -> httpx.Response:
        assert str(request.url) == JWKS_URI
        self.requests += 1
        return httpx.Response(self.status, json={"keys": [k.public_jwk() for k in self.keys]})


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _token(key: SigningKey, **changes: Any) -> str:
    now = int(time.time())
    claims: dict[str, Any] = {
        "iss": ISSUER,
        "sub": "sub-1",
        "aud": "client-1",
        "token_use": "id",
        "iat": now,
        "exp": now + 600,
        "nonce": "n",
    }
    claims.update(changes)
    return key.sign(claims)


@pytest.fixture(scope="module")
def keys() -> tuple[SigningKey, SigningKey]:
    return generate_key(), generate_key()


def _verifier(server: FakeJwksServer, clock: FakeClock) -> tuple[IdTokenVerifier, JwksCache]:
    http = httpx.Client(transport=httpx.MockTransport(server))
    cache = JwksCache(http=http, jwks_uri=JWKS_URI, clock=clock, min_refresh_s=60)
    return IdTokenVerifier(issuer=ISSUER, client_id="client-1", jwks=cache), cache


def test_one_fetch_for_a_hundred_verifications(keys: tuple[SigningKey, SigningKey]) -> None:
    server = FakeJwksServer(keys[0])
    verifier, _ = _verifier(server, FakeClock())
    for i in range(100):
        assert verifier.verify(_token(keys[0], sub=f"u{i}"), nonce="n").sub == f"u{i}"
    assert server.requests == 1


def test_rotation_refetches_once(keys: tuple[SigningKey, SigningKey]) -> None:
    old, new = keys
    server = FakeJwksServer(old)
    clock = FakeClock()
    verifier, _ = _verifier(server, clock)
    verifier.verify(_token(old), nonce="n")
    server.keys = [old, new]  # the pool rotates: a new kid appears
    clock.now += 61
    assert verifier.verify(_token(new), nonce="n").sub == "sub-1"
    assert server.requests == 2
    verifier.verify(_token(new), nonce="n")
    assert server.requests == 2


def test_unknown_kid_flood_is_rate_limited(keys: tuple[SigningKey, SigningKey]) -> None:
    known, stranger = keys
    server = FakeJwksServer(known)
    clock = FakeClock()
    verifier, _ = _verifier(server, clock)
    for _ in range(20):
        with pytest.raises(TokenRejected, match="unknown signing key"):
            verifier.verify(_token(stranger), nonce="n")
    assert server.requests == 1  # first fetch only: the refetch waits its minute
    clock.now += 60
    with pytest.raises(TokenRejected):
        verifier.verify(_token(stranger), nonce="n")
    assert server.requests == 2


def test_jwks_endpoint_down_is_a_provider_error(keys: tuple[SigningKey, SigningKey]) -> None:
    server = FakeJwksServer(keys[0])
    server.status = 503
    verifier, _ = _verifier(server, FakeClock())
    with pytest.raises(ProviderError, match="503"):
        verifier.verify(_token(keys[0]), nonce="n")
