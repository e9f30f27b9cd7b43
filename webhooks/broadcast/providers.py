"""One broadcast message to one recipient through Telegram (PTB ``Bot``) or Twilio WhatsApp.

Each platform answer becomes a ``Result`` the sender records: sent, failed, skipped, retry (not
delivered: safe to send again, after ``pause_s``) or unknown (a timeout: it may have arrived).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from webhooks import limits
from webhooks.whatsapp_channel import never_connected, whatsapp_address, within_window

if TYPE_CHECKING:
    from telegram import Bot
    from twilio.rest import Client

log = logging.getLogger(__name__)

Status = Literal["sent", "failed", "skipped", "retry", "unknown"]
_TWILIO_RETRY = {limits.TWILIO_ACCOUNT_RATE, limits.TWILIO_CONCURRENCY}
TWILIO_PAUSE_S = 1.0


@dataclass(frozen=True)
class Result:
    status: Status
    reason: str | None = None
    provider_id: str | None = None
    pause_s: float = 0.0
    blocked: bool = False
    opted_out: bool = False


@dataclass(frozen=True)
class Message:
    text: str  # the rendered text, stop line included
    template_sid: str | None = None
    variables: Mapping[str, str] | None = None


class TelegramBroadcaster:
    """Plain text (no parse mode: the admin's text is not HTML), one message per chat."""

    channel = "telegram"

    def __init__(self, bot: Bot) -> None:
        self._bot = bot

    async def close(self) -> None:
        await self._bot.shutdown()

    async def send(
        self, chat_id: str, message: Message, *, last_inbound_at: dt.datetime | None
    ) -> Result:
        from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError, TimedOut

        try:
            sent = await self._bot.send_message(chat_id=chat_id, text=message.text)
        except RetryAfter as exc:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                after = exc.retry_after
            seconds = after.total_seconds() if isinstance(after, dt.timedelta) else float(after)
            return Result(
                "retry", "telegram 429", pause_s=seconds + limits.TELEGRAM_RETRY_AFTER_PAD_S
            )
        except Forbidden:
            return Result("skipped", "blocked_by_user", blocked=True)
        except BadRequest as exc:
            return Result("failed", f"telegram 400: {exc.message[:100]}")
        except TimedOut:
            return Result("unknown", "telegram timeout")
        except TelegramError as exc:
            if _cut_off(exc):  # sent, then the connection dropped: it may have arrived
                return Result("unknown", f"telegram: {type(exc).__name__}")
            # a refused connection or an error answer: nothing reached the chat
            return Result("retry", f"telegram: {type(exc).__name__}", pause_s=1.0)
        return Result("sent", provider_id=str(sent.message_id))


class WhatsAppBroadcaster:
    """Free-form inside the 24-hour window, the template (ContentSid) outside it, else skipped."""

    channel = "whatsapp"

    def __init__(
        self,
        client: Client,
        *,
        from_number: str,
        status_callback: str | None = None,
        now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    ) -> None:
        self._client = client
        self._from = whatsapp_address(from_number)
        self._status_callback = status_callback
        self._now = now

    async def close(self) -> None:
        return None

    async def send(
        self, chat_id: str, message: Message, *, last_inbound_at: dt.datetime | None
    ) -> Result:
        if within_window(last_inbound_at, self._now()):
            result = await self._create(chat_id, body=message.text)
            if result.reason != f"twilio {limits.TWILIO_OUTSIDE_WINDOW}":
                return result
            # Our clock and Twilio's disagree at the edge: fall back to the template once.
        if not message.template_sid:
            return Result("skipped", "outside_24h_window_no_template")
        return await self._create(
            chat_id, content_sid=message.template_sid, variables=message.variables or {}
        )

    async def _create(
        self,
        chat_id: str,
        *,
        body: str | None = None,
        content_sid: str | None = None,
        variables: Mapping[str, str] | None = None,
    ) -> Result:
        from twilio.base.exceptions import TwilioException, TwilioRestException

        kwargs: dict[str, Any] = {"to": whatsapp_address(chat_id), "from_": self._from}
        if content_sid:
            kwargs["content_sid"] = content_sid
            if variables:
                kwargs["content_variables"] = json.dumps(dict(variables), ensure_ascii=False)
        else:
            kwargs["body"] = body
        if self._status_callback:
            kwargs["status_callback"] = self._status_callback
        try:
            created = await asyncio.to_thread(self._client.messages.create, **kwargs)
        except TwilioRestException as exc:
            code = int(exc.code or 0)
            reason = f"twilio {code or exc.status}"
            if code == limits.TWILIO_OPTED_OUT:
                return Result("failed", reason, opted_out=True)
            if code in _TWILIO_RETRY or exc.status == 429 or exc.status >= 500:
                # 63017 / 20429: "never processed and always safe to retry".
                return Result("retry", reason, pause_s=TWILIO_PAUSE_S)
            return Result("failed", reason)
        except (TwilioException, OSError) as exc:
            if never_connected(exc):  # refused or unreachable: nothing reached Twilio
                return Result("retry", f"twilio: {type(exc).__name__}", pause_s=TWILIO_PAUSE_S)
            return Result("unknown", f"twilio: {type(exc).__name__}")
        return Result("sent", provider_id=str(created.sid))


def _cut_off(exc: BaseException) -> bool:
    """True when PTB's network error comes from a connection that failed after the request
    went out (no answer read), not from one that never opened."""
    import httpx

    cause = exc.__cause__
    return isinstance(cause, httpx.TransportError) and not isinstance(
        cause, httpx.ConnectError | httpx.ConnectTimeout
    )
