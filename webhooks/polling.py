"""Telegram long polling for the local profile: getUpdates → the same receive path as the webhook.

The offset only moves past an update once it is stored, so a crash re-reads it (and the unique
platform id makes that harmless). Telegram refuses getUpdates while a webhook is set: we delete it.
"""

from __future__ import annotations

import asyncio
import json
import logging
import warnings
from typing import TYPE_CHECKING, Any

from webhooks import limits
from webhooks.errors import StoreUnavailable
from webhooks.telegram_payments import is_payment

if TYPE_CHECKING:
    from telegram import Bot

    from webhooks.receive import Receiver
    from webhooks.telegram_payments import StarsPayments

log = logging.getLogger(__name__)


def should_poll(*, has_token: bool, has_secret: bool, public_url: str) -> bool:
    """Poll when a token is set but Telegram cannot reach us (no secret or a loopback URL)."""
    from urllib.parse import urlsplit

    host = urlsplit(public_url).hostname or ""
    local = host in ("", "localhost", "127.0.0.1", "::1") or not public_url.startswith("https://")
    return has_token and (not has_secret or local)


class TelegramPoller:
    def __init__(
        self,
        bot: Bot,
        receiver: Receiver,
        *,
        timeout: int = 25,
        error_pause: float = 2.0,
        stars: StarsPayments | None = None,
    ) -> None:
        self._bot = bot
        self._stars = stars  # Stars payments, answered here as the webhook answers them
        self._receiver = receiver
        self._timeout = timeout
        self._pause = error_pause
        self._offset = 0

    async def run(self, stop: asyncio.Event) -> None:
        from telegram.error import TelegramError

        try:
            await self._bot.delete_webhook()
        except TelegramError as exc:
            log.warning("deleteWebhook failed (%s); polling anyway", type(exc).__name__)
        while not stop.is_set():
            try:
                await self.poll_once()
            except (TelegramError, StoreUnavailable) as exc:
                log.warning("polling paused after %s", type(exc).__name__)
                await _wait(stop, self._pause)

    async def poll_once(self) -> int:
        """One getUpdates round; returns how many updates were stored."""
        # The raw JSON (not PTB's Update objects): we store exactly what a webhook would get.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # PTB suggests get_updates, which re-encodes
            updates: Any = await self._bot.do_api_request(
                "getUpdates",
                api_kwargs={
                    "offset": self._offset,
                    "timeout": self._timeout,
                    "allowed_updates": list(limits.TELEGRAM_ALLOWED_UPDATES),
                },
                read_timeout=self._timeout + 10,
            )
        stored = 0
        for update in updates or []:
            body = json.dumps(update, ensure_ascii=False).encode("utf-8")
            handled = False
            if self._stars is not None and is_payment(body):
                handled = await self._stars.polled(self._bot, body)
            if not handled:
                await asyncio.to_thread(self._receiver.telegram, body)
            update_id = update.get("update_id") if isinstance(update, dict) else None
            if isinstance(update_id, int):
                self._offset = max(self._offset, update_id + 1)
            stored += 1
        return stored


async def _wait(stop: asyncio.Event, seconds: float) -> None:
    try:
        await asyncio.wait_for(stop.wait(), timeout=seconds)
    except TimeoutError:
        return
