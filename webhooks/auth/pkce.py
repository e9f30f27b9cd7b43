"""PKCE (RFC 7636, S256 only), OAuth ``state`` and OIDC ``nonce`` values.

Pure functions over ``secrets`` and ``hashlib``; nothing here stores anything.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets

# RFC 7636 §4.1: 43-128 characters from the unreserved set.
_VERIFIER = re.compile(r"^[A-Za-z0-9\-._~]{43,128}$")


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def sha256_b64url(data: bytes) -> str:
    return _b64url(hashlib.sha256(data).digest())


def new_verifier() -> str:
    """A fresh ``code_verifier``: 32 random bytes, 43 base64url characters."""
    return secrets.token_urlsafe(32)


def is_valid_verifier(verifier: str) -> bool:
    return bool(_VERIFIER.fullmatch(verifier))


def challenge_s256(verifier: str) -> str:
    """``BASE64URL(SHA256(ASCII(code_verifier)))``, the only method Cognito accepts."""
    if not is_valid_verifier(verifier):
        raise ValueError("code_verifier must be 43-128 unreserved characters")
    return sha256_b64url(verifier.encode("ascii"))


def verify_s256(*, verifier: str, challenge: str) -> bool:
    """True when ``verifier`` hashes to ``challenge``; compared in constant time."""
    if not is_valid_verifier(verifier):
        return False
    expected = challenge_s256(verifier)
    return hmac.compare_digest(expected.encode("ascii"), challenge.encode("ascii", "replace"))


def new_state() -> str:
    """An unguessable one-time ``state`` (CSRF protection for the callback)."""
    return secrets.token_urlsafe(32)


def new_nonce() -> str:
    """An unguessable ``nonce`` that the ID token must echo (replay protection)."""
    return secrets.token_urlsafe(32)
