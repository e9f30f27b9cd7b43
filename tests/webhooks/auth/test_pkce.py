"""PKCE S256, state and nonce: RFC 7636's test vector and the shapes Cognito requires."""

from __future__ import annotations

import pytest

from webhooks.auth import pkce


def test_rfc7636_appendix_b_vector() -> None:
    verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    assert pkce.challenge_s256(verifier) == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
    assert pkce.verify_s256(
        verifier=verifier, challenge="E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
    )


def test_new_verifier_is_43_chars_and_unique() -> None:
    values = {pkce.new_verifier() for _ in range(50)}
    assert len(values) == 50
    assert all(len(v) == 43 and pkce.is_valid_verifier(v) for v in values)
    assert len(pkce.challenge_s256(values.pop())) == 43


def test_wrong_verifier_fails() -> None:
    challenge = pkce.challenge_s256(pkce.new_verifier())
    assert not pkce.verify_s256(verifier=pkce.new_verifier(), challenge=challenge)


@pytest.mark.parametrize("bad", ["", "short", "x" * 129, "ñ" * 50, "a b" * 20])
def test_malformed_verifier_refused(bad: str) -> None:
    assert not pkce.verify_s256(
        verifier=bad, challenge="E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
    )
    with pytest.raises(ValueError, match="43-128"):
        pkce.challenge_s256(bad)


def test_state_and_nonce_are_unguessable() -> None:
    states = {pkce.new_state() for _ in range(50)}
    nonces = {pkce.new_nonce() for _ in range(50)}
    assert len(states) == 50
    assert len(nonces) == 50
    assert all(len(s) >= 43 for s in states | nonces)
