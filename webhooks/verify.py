"""Authenticate platform webhooks before anything is parsed or stored.

Telegram: the ``X-Telegram-Bot-Api-Secret-Token`` header, compared in constant time. Twilio:
``X-Twilio-Signature`` checked by the SDK's ``RequestValidator`` against the configured *public*
URL (behind API Gateway or a proxy the URL the app sees differs from the one Twilio signed).
"""

from __future__ import annotations

import hmac
from collections.abc import Iterable, Iterator, Mapping, Sequence
from urllib.parse import urlparse

from pydantic import SecretStr

from webhooks.bounds import twilio_signature_shaped

TELEGRAM_SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105  (a header name)
TWILIO_SIGNATURE_HEADER = "X-Twilio-Signature"
# setWebhook's secret_token is 1-256 characters: a longer header is refused before comparing.
TELEGRAM_SECRET_MAX = 256


def telegram_secret_ok(expected: SecretStr | None, received: str | None) -> bool:
    """True only for the exact configured secret; no secret configured means no webhook."""
    if expected is None or received is None or len(received) > TELEGRAM_SECRET_MAX:
        return False
    return hmac.compare_digest(
        expected.get_secret_value().encode("utf-8"), received.encode("utf-8", "surrogatepass")
    )


def public_request_url(public_url: str, path: str, query: str = "") -> str:
    """The URL Twilio signed: the configured public base (stage included) + route path + query."""
    url = public_url.rstrip("/") + "/" + path.lstrip("/")
    return f"{url}?{query}" if query else url


class TwilioParams(dict[str, list[str]]):
    """Form values by name. Twilio's validator asks ``getlist`` once per name: O(1) here,
    where Starlette's ``FormData.getlist`` scans every field (quadratic over a whole form)."""

    def getlist(self, name: str) -> list[str]:
        return self[name]

    @classmethod
    def of(cls, fields: Iterable[tuple[str, str]] | Mapping[str, str]) -> TwilioParams:
        params = cls()
        pairs = fields.items() if isinstance(fields, Mapping) else fields
        for name, value in pairs:
            params.setdefault(name, []).append(value)
        return params


def twilio_signature_ok(
    auth_token: SecretStr | None,
    url: str,
    params: TwilioParams | Mapping[str, str] | Sequence[tuple[str, str]] | str,
    signature: str | None,
) -> bool:
    """Validate a Twilio form (or JSON body with ``bodySHA256``) webhook signature.

    A signature that cannot be base64 of an HMAC-SHA1 is refused before any hashing. A form is
    signed once, over an O(1) mapping, for ``url`` as configured; only when that does not match
    is the other port form tried (``:443``/``:80`` added or removed): Twilio has signed with and
    without the port across products and years (twilio-python #392 and #402, twilio-node #411),
    so its own ``validate`` always computes both. Forgeries pay for two; the caps bound each.
    """
    from twilio.request_validator import RequestValidator

    if auth_token is None or not twilio_signature_shaped(signature):
        return False
    assert signature is not None  # for mypy: twilio_signature_shaped(None) is False
    validator = RequestValidator(auth_token.get_secret_value())
    try:
        if isinstance(params, str):
            return bool(validator.validate(url, params, signature))
        fields = params if isinstance(params, TwilioParams) else TwilioParams.of(params)
        for candidate in _port_forms(url):
            computed = validator.compute_signature(candidate, fields)
            if hmac.compare_digest(computed.encode("ascii"), signature.encode("ascii")):
                return True
    except (ValueError, UnicodeError):
        return False
    return False


def _port_forms(url: str) -> Iterator[str]:
    """``url`` as given, then with its default port removed or added (Twilio signs either)."""
    from twilio.request_validator import add_port, remove_port

    yield url
    parsed = urlparse(url)
    yield remove_port(parsed) if parsed.port else add_port(parsed)
