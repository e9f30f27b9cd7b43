"""Read a webhook request within bounds and authenticate it, cheapest refusal first.

Owns the order of work before an update is trusted: the declared size, the credential (or its
shape), the streamed size, the form's field count or the JSON's depth, then the HMAC (in a
thread when the body is not tiny). A refusal stores nothing and logs nothing of the request.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import parse_qsl

import anyio
import anyio.to_thread
from fastapi import Request
from fastapi.responses import JSONResponse, Response

from webhooks import limits
from webhooks.bounds import (
    BadContentLength,
    declared_length,
    form_fields,
    json_too_complex,
    twilio_signature_shaped,
)
from webhooks.errors import WebhooksError
from webhooks.verify import (
    TELEGRAM_SECRET_HEADER,
    TWILIO_SIGNATURE_HEADER,
    TwilioParams,
    public_request_url,
    telegram_secret_ok,
    twilio_signature_ok,
)

if TYPE_CHECKING:
    from services.settings import Settings

log = logging.getLogger(__name__)
T = TypeVar("T")

_DETAIL = {400: "malformed request", 403: "forbidden", 413: "body too large"}


class Refused(WebhooksError):
    """A webhook request refused before it was trusted: ``status`` is the HTTP answer."""

    def __init__(self, status: int, *, platform: str, reason: str) -> None:
        super().__init__(f"{platform} webhook refused ({status}): {reason}")
        self.status = status
        self.platform = platform
        self.reason = reason


class RefusalLog:
    """Logs refusals, at most one line a second for each kind, with how many it stands for.

    A flood of forged requests must not turn into a flood of log lines (CPU on the event loop,
    and log storage billed per byte); the platform, status and reason are all a line says.
    """

    def __init__(
        self, *, interval_s: float = 1.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._interval_s = interval_s
        self._clock = clock
        self._last: dict[tuple[str, int, str], float] = {}
        self._quiet: dict[tuple[str, int, str], int] = {}

    def response(self, refused: Refused) -> Response:
        """The answer to a refused request; the line about it, unless one was logged just now."""
        key = (refused.platform, refused.status, refused.reason)
        now = self._clock()
        last = self._last.get(key)
        if last is not None and now - last < self._interval_s:
            self._quiet[key] = self._quiet.get(key, 0) + 1
        else:
            self._last[key] = now
            more = self._quiet.pop(key, 0)
            since = f" (and {more} more like it since the last line)" if more else ""
            if refused.status == 403:
                log.warning("rejected an unauthenticated %s webhook%s", refused.platform, since)
            else:
                log.warning(
                    "refused a %s webhook (%d): %s%s",
                    refused.platform,
                    refused.status,
                    refused.reason,
                    since,
                )
        detail = _DETAIL[refused.status]
        return JSONResponse({"detail": detail}, status_code=refused.status)


class Checks:
    """Where an app's CPU-bound checks run: inline for a small body, else in a few threads of
    their own, so a flood of large forged requests neither holds the event loop nor takes the
    shared pool's threads (the stores of status callbacks, the login and admin pages)."""

    def __init__(self, threads: int = limits.CHECK_THREADS) -> None:
        self._limiter = anyio.CapacityLimiter(threads)

    async def run(self, size: int, check: Callable[[], T]) -> T:
        if size <= limits.INLINE_CHECK_BYTES:
            return check()
        return await anyio.to_thread.run_sync(check, limiter=self._limiter)


def declared_within(request: Request, *, cap: int, platform: str) -> int | None:
    """The declared Content-Length: 400 when it is not a number, 413 when it is over ``cap``."""
    try:
        declared = declared_length(request.headers.get("content-length"))
    except BadContentLength:
        raise Refused(400, platform=platform, reason="bad Content-Length") from None
    if declared is not None and declared > cap:
        raise Refused(413, platform=platform, reason="declared length over the cap")
    return declared


async def read_body(request: Request, *, cap: int, platform: str) -> bytes:
    """The body, refused (413) as soon as it is declared or streamed past ``cap`` bytes."""
    declared = declared_within(request, cap=cap, platform=platform)
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > cap:
            raise Refused(413, platform=platform, reason="streamed length over the cap")
    if declared is not None and len(body) > declared:
        raise Refused(400, platform=platform, reason="body longer than its Content-Length")
    return bytes(body)


async def telegram_body(request: Request, settings: Settings, *, checks: Checks) -> bytes:
    """An authentic Telegram update's body, not deeper than ``json.loads`` may safely go."""
    secret = request.headers.get(TELEGRAM_SECRET_HEADER)
    if not telegram_secret_ok(settings.telegram.webhook_secret, secret):
        raise Refused(403, platform="telegram", reason="secret token")
    body = await read_body(request, cap=limits.MAX_BODY_BYTES, platform="telegram")
    if await checks.run(len(body), partial(json_too_complex, body)):
        raise Refused(400, platform="telegram", reason="JSON nested too deep or too many parts")
    return body


async def twilio_form(
    request: Request, settings: Settings, path: str, *, checks: Checks
) -> list[tuple[str, str]]:
    """An authentic Twilio form's fields, in order; every check before the HMAC is cheap."""
    # Size before the signature: a giant is refused alike with any credential.
    declared_within(request, cap=limits.TWILIO_MAX_BODY_BYTES, platform="twilio")
    signature = request.headers.get(TWILIO_SIGNATURE_HEADER)
    if settings.twilio.auth_token is None or not twilio_signature_shaped(signature):
        raise Refused(403, platform="twilio", reason="signature")
    body = await read_body(request, cap=limits.TWILIO_MAX_BODY_BYTES, platform="twilio")
    if form_fields(body) > limits.TWILIO_MAX_FIELDS:
        raise Refused(413, platform="twilio", reason="too many form fields")
    try:
        pairs = parse_qsl(
            body.decode("utf-8"),
            keep_blank_values=True,
            max_num_fields=limits.TWILIO_MAX_FIELDS,
        )
    except (UnicodeDecodeError, ValueError):
        raise Refused(400, platform="twilio", reason="not a form") from None
    url = public_request_url(settings.public_url, path, request.url.query)
    check = partial(
        twilio_signature_ok, settings.twilio.auth_token, url, TwilioParams.of(pairs), signature
    )
    if not await checks.run(len(body), check):
        raise Refused(403, platform="twilio", reason="signature")
    return pairs
