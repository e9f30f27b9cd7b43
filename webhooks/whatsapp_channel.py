"""Send replies to WhatsApp through the Twilio client: 24-hour window, 1,600-char split, errors.

The twilio SDK is synchronous; ``send`` runs it in a thread. Stores nothing: the caller records
the outcome (opted out, outside the window, retryable failure).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from webhooks import limits
from webhooks.broadcast.pacing import WHATSAPP_RATE, Pacer
from webhooks.channels import SendError, reply_outcome
from webhooks.errors import ChannelConfigError
from webhooks.outcomes import Failed, OutsideWindow, SendOutcome, Sent
from webhooks.text import whatsapp_chunks

if TYPE_CHECKING:
    from twilio.rest import Client

    from services.settings import Settings
    from webhooks.broadcast.providers import Message, Result
    from webhooks.parse import Parsed

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]
_RETRYABLE_CODES = {limits.TWILIO_ACCOUNT_RATE, limits.TWILIO_CONCURRENCY}
TWILIO_PAUSE_S = 1.0  # a broadcast's pause after a refused or throttled send


def _rebased_http_client(base_url: str) -> Any:
    """A TwilioHttpClient that sends every request to ``base_url`` (Twilio's, or a local fake)."""
    from twilio.http.http_client import TwilioHttpClient

    target = urlsplit(base_url)
    # The SDK logs request parameters at INFO (phone numbers, bodies): keep it quiet.
    quiet = logging.getLogger("webhooks.twilio_http")
    quiet.setLevel(logging.WARNING)

    class RebasedHttpClient(TwilioHttpClient):  # type: ignore[misc]  # untyped SDK base
        def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> Any:
            parts = urlsplit(url)
            url = urlunsplit((target.scheme, target.netloc, parts.path, parts.query, ""))
            return super().request(method, url, *args, **kwargs)

    return RebasedHttpClient(timeout=15.0, logger=quiet)


def build_client(settings: Settings) -> Client:
    from twilio.rest import Client

    token = settings.twilio.auth_token
    if not settings.twilio.account_sid or token is None:
        raise ChannelConfigError("ABOGADO_TWILIO__ACCOUNT_SID and __AUTH_TOKEN must be set")
    http_client = None
    if settings.twilio.api_base_url.rstrip("/") != "https://api.twilio.com":
        http_client = _rebased_http_client(settings.twilio.api_base_url)
    return Client(settings.twilio.account_sid, token.get_secret_value(), http_client=http_client)


def whatsapp_address(number: str) -> str:
    return number if number.startswith("whatsapp:") else f"whatsapp:{number}"


def within_window(last_inbound_at: dt.datetime | None, now: dt.datetime) -> bool:
    """Free-form text is allowed until 24 h after the user's last inbound message (63016)."""
    if last_inbound_at is None:
        return False
    if last_inbound_at.tzinfo is None:
        last_inbound_at = last_inbound_at.replace(tzinfo=dt.UTC)
    return (now - last_inbound_at).total_seconds() < limits.WHATSAPP_WINDOW_S


class TwilioWhatsAppChannel:
    def __init__(
        self,
        client: Client,
        *,
        from_number: str,
        status_callback: str | None = None,
        max_retries: int = limits.TWILIO_MAX_RETRIES,
        limit: int = limits.WHATSAPP_MAX_BODY,
        now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        if not from_number:
            raise ChannelConfigError("ABOGADO_TWILIO__WHATSAPP_FROM is not set")
        self._client = client
        self._from = whatsapp_address(from_number)
        self._status_callback = status_callback
        self._max_retries = max_retries
        self._limit = limit
        self._now = now
        self._sleep = sleep

    @classmethod
    def from_settings(cls, settings: Settings) -> TwilioWhatsAppChannel:
        return cls(
            build_client(settings),
            from_number=settings.twilio.whatsapp_from,
            status_callback=status_callback_url(settings),
        )

    name = "whatsapp"

    def pacer(self, rate: float | None = None) -> Pacer:
        """Twilio's default WhatsApp throughput (messages per second) unless told otherwise."""
        return Pacer(rate=rate or WHATSAPP_RATE)

    async def close(self) -> None:
        return None  # the SDK's HTTP session needs no closing

    def parse(self, payload: str, *, received_at: dt.datetime) -> Parsed:
        from webhooks.parse import parse_whatsapp

        pairs = parse_qsl(payload, keep_blank_values=True)
        return parse_whatsapp(dict(pairs), received_at=received_at)

    async def send(
        self,
        to: str,
        text: str,
        *,
        last_inbound_at: dt.datetime | None,
        start_part: int = 0,
    ) -> SendOutcome:
        """Send ``text`` to ``to`` (E.164 or ``whatsapp:`` address) in ≤ 1,600-char messages."""
        if not within_window(last_inbound_at, self._now()):
            return OutsideWindow()
        ids: list[str] = []
        for index, chunk in enumerate(whatsapp_chunks(text, self._limit)):
            if index < start_part:
                continue
            outcome = await self._send_chunk(whatsapp_address(to), chunk)
            if isinstance(outcome, Failed):
                return Failed(outcome.reason, outcome.retryable, sent_parts=index)
            if not isinstance(outcome, Sent):
                return outcome
            ids.extend(outcome.provider_ids)
        return Sent(tuple(ids))

    async def _send_chunk(self, to: str, body: str) -> SendOutcome:
        from twilio.base.exceptions import TwilioException, TwilioRestException

        attempt = 0
        while True:
            try:
                message = await asyncio.to_thread(self._create, to, body)
            except (TwilioException, OSError) as exc:
                error = classify_twilio(exc)
                if isinstance(exc, TwilioRestException):
                    if exc.code == limits.TWILIO_OUTSIDE_WINDOW:
                        return OutsideWindow()
                    if error.kind == "retry" and attempt < self._max_retries:
                        # 20429 "is never processed and is always safe to retry".
                        await self._sleep(limits.TWILIO_BACKOFF_BASE_S * 2**attempt)
                        attempt += 1
                        continue
                if error.kind == "unknown":
                    # The request went out and no answer came back: it has probably arrived.
                    # Counted as sent, never sent twice (see docs/architecture.md).
                    log.warning("twilio send in doubt (%s); not sent again", type(exc).__name__)
                return reply_outcome(error)
            return Sent((str(message.sid),))

    async def broadcast(
        self, chat_id: str, message: Message, *, last_inbound_at: dt.datetime | None
    ) -> Result:
        """Free-form inside the 24-hour window, else the message's template, else skipped."""
        from webhooks.broadcast.providers import WhatsAppBroadcaster

        broadcaster = WhatsAppBroadcaster(
            self._client,
            from_number=self._from,
            status_callback=self._status_callback,
            now=self._now,
        )
        return await broadcaster.send(chat_id, message, last_inbound_at=last_inbound_at)

    def _create(self, to: str, body: str) -> Any:
        kwargs: dict[str, Any] = {"to": to, "from_": self._from, "body": body}
        if self._status_callback:
            kwargs["status_callback"] = self._status_callback
        return self._client.messages.create(**kwargs)


def status_callback_url(settings: Settings) -> str:
    """Where Twilio posts delivery statuses (``webhooks.app``'s status route)."""
    return settings.public_url.rstrip("/") + "/webhooks/whatsapp/status"


def classify_twilio(exc: BaseException) -> SendError:
    """One Twilio failure → the shared classification (replies and broadcasts)."""
    from twilio.base.exceptions import TwilioRestException

    if isinstance(exc, TwilioRestException):
        code = int(exc.code or 0)
        reason = f"twilio {code or exc.status}"
        if code == limits.TWILIO_OPTED_OUT:
            return SendError("blocked", "opted_out")
        if code in _RETRYABLE_CODES or exc.status == 429 or exc.status >= 500:
            # 63017 / 20429: "never processed and always safe to retry".
            return SendError("retry", reason, after_s=TWILIO_PAUSE_S)
        return SendError("permanent", reason)
    if never_connected(exc):  # refused or unreachable: nothing reached Twilio
        return SendError("retry", f"twilio: {type(exc).__name__}", after_s=TWILIO_PAUSE_S)
    return SendError("unknown", f"twilio: {type(exc).__name__}")


def never_connected(exc: BaseException) -> bool:
    """True when the connection itself failed (refused, connect timeout), so the request was
    never sent and sending again cannot duplicate; a read error or timeout stays in doubt."""
    from urllib3.exceptions import ConnectTimeoutError

    seen: BaseException | None = exc
    for _ in range(8):  # requests wraps urllib3's MaxRetryError, which wraps the socket error
        if seen is None:
            return False
        if isinstance(seen, ConnectionRefusedError | ConnectTimeoutError):
            return True
        reason = getattr(seen, "reason", None)  # MaxRetryError keeps its cause here
        seen = reason if isinstance(reason, BaseException) else seen.__cause__ or seen.__context__
    return False
