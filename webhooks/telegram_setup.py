"""Register our Telegram webhook: URL, secret, allowed updates, connection cap (RELIABILITY T4).

Called by ``abogado serve`` in webhook mode and usable from a deploy step; idempotent on Telegram's
side (setWebhook replaces the previous registration).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any

from webhooks import limits

if TYPE_CHECKING:
    from telegram import Bot

    from services.settings import Settings

log = logging.getLogger(__name__)

WEBHOOK_PATH = "/webhooks/telegram"


async def register_webhook(bot: Bot, settings: Settings, *, max_connections: int = 40) -> bool:
    secret = settings.telegram.webhook_secret
    if secret is None:
        raise ValueError("ABOGADO_TELEGRAM__WEBHOOK_SECRET is needed to register a webhook")
    return bool(
        await bot.set_webhook(
            url=settings.public_url.rstrip("/") + WEBHOOK_PATH,
            secret_token=secret.get_secret_value(),
            allowed_updates=list(limits.TELEGRAM_ALLOWED_UPDATES),
            max_connections=max_connections,
        )
    )


def registration_job(
    bot: Bot, settings: Settings
) -> Callable[[asyncio.Event], Coroutine[Any, Any, None]]:
    """A background job for the app: register once at start-up, log (not crash) on failure."""
    from telegram.error import TelegramError

    async def job(_stop: asyncio.Event) -> None:
        try:
            await register_webhook(bot, settings)
        except TelegramError as exc:
            log.error("setWebhook failed: %s", type(exc).__name__)

    return job
