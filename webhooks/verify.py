"""Authenticate platform webhooks before anything is parsed or stored.

Telegram: the ``X-Telegram-Bot-Api-Secret-Token`` header, compared in constant time. Twilio:
``X-Twilio-Signature`` checked by the SDK's ``RequestValidator`` against the configured *public*
URL (behind API Gateway or a proxy the URL the app sees differs from the one Twilio signed).
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from typing import Any

from pydantic import SecretStr

TELEGRAM_SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105  (a header name)
TWILIO_SIGNATURE_HEADER = "X-Twilio-Signature"


def telegram_secret_ok(expected: SecretStr | None, received: str | None) -> bool:
    """True only for the exact configured secret; no secret configured means no webhook."""
    if expected is None or received is None:
        return False
    return hmac.compare_digest(
        expected.get_secret_value().encode("utf-8"), received.encode("utf-8", "surrogatepass")
    )


def public_request_url(public_url: str, path: str, query: str = "") -> str:
    """The URL Twilio signed: the configured public base (stage included) + route path + query."""
    url = public_url.rstrip("/") + "/" + path.lstrip("/")
    return f"{url}?{query}" if query else url


def twilio_signature_ok(
    auth_token: SecretStr | None,
    url: str,
    params: Mapping[str, Any] | str,
    signature: str | None,
) -> bool:
    """Validate a Twilio form (or JSON body with ``bodySHA256``) webhook signature."""
    from twilio.request_validator import RequestValidator

    if auth_token is None or not signature:
        return False
    validator = RequestValidator(auth_token.get_secret_value())
    try:
        return bool(validator.validate(url, params, signature))
    except (ValueError, UnicodeError):
        return False
