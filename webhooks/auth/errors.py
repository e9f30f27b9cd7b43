"""The auth package's exceptions; routes translate them into Spanish pages once.

AuthError
├── TokenRejected    an ID token failed verification (signature, iss, aud, exp, nonce, ...)
└── ProviderError    the identity provider could not be reached or answered with an error
"""

from __future__ import annotations


class AuthError(Exception):
    """Base of every failure in ``webhooks.auth``; ``str(exc)`` never holds a secret."""


class TokenRejected(AuthError):
    """The ID token is not one we accept; the reason is safe to log."""


class ProviderError(AuthError):
    """The OpenID provider failed (network, HTTP error, or an OAuth ``error`` reply)."""
