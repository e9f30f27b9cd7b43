"""One broadcast message to one recipient through Telegram (PTB ``Bot``) or Twilio WhatsApp.

Each platform answer becomes a ``Result`` the sender records: sent, failed, skipped, retry (not
delivered: safe to send again, after ``pause_s``) or unknown (a timeout: it may have arrived).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from webhooks import limits
from webhooks.channels import SendError
from webhooks.telegram_channel import classify_telegram
from webhooks.whatsapp_channel import classify_twilio, whatsapp_address, within_window

if TYPE_CHECKING:
    from telegram import Bot
    from twilio.rest import Client

log = logging.getLogger(__name__)

Status = Literal["sent", "failed", "skipped", "retry", "unknown"]


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
        from telegram.error import TelegramError

        try:
            sent = await self._bot.send_message(chat_id=chat_id, text=message.text)
        except TelegramError as exc:
            return broadcast_result(classify_telegram(exc))
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
        from twilio.base.exceptions import TwilioException

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
        except (TwilioException, OSError) as exc:
            error = classify_twilio(exc)
            if error.kind == "blocked":
                return Result("failed", f"twilio {limits.TWILIO_OPTED_OUT}", opted_out=True)
            return broadcast_result(error)
        return Result("sent", provider_id=str(created.sid))


def broadcast_result(error: SendError) -> Result:
    """The shared classification as the broadcast sender records it."""
    if error.kind == "retry":
        return Result("retry", error.reason, pause_s=error.after_s)
    if error.kind == "blocked":
        return Result("skipped", error.reason, blocked=True)
    if error.kind == "unknown":
        return Result("unknown", error.reason)
    return Result("failed", error.reason)
