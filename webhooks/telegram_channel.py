"""Send replies to Telegram through python-telegram-bot's ``Bot``: split, escape, pace, retry.

Knows the Bot API's failure modes (429 retry_after, 403 blocked, 400 parse errors) and turns them
into ``outcomes``; it stores nothing, the caller records the outcome.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
import warnings
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from webhooks import limits
from webhooks.broadcast.pacing import TELEGRAM_PER_CHAT_S, TELEGRAM_RATE, Pacer
from webhooks.channels import SendError, reply_outcome
from webhooks.errors import ChannelConfigError
from webhooks.outcomes import Failed, SendOutcome, Sent
from webhooks.text import telegram_chunks

if TYPE_CHECKING:
    from telegram import Bot
    from telegram.error import RetryAfter, TelegramError

    from services.settings import Settings
    from webhooks.broadcast.providers import Message, Result
    from webhooks.parse import Parsed

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]


def build_bot(settings: Settings) -> Bot:
    """A PTB ``Bot`` aimed at settings.telegram.api_base_url (Telegram's, or a local fake)."""
    from telegram import Bot
    from telegram.request import HTTPXRequest

    token = settings.telegram.bot_token
    if token is None:
        raise ChannelConfigError("ABOGADO_TELEGRAM__BOT_TOKEN is not set")
    base = settings.telegram.api_base_url.rstrip("/")
    return Bot(
        token.get_secret_value(),
        base_url=f"{base}/bot",
        request=HTTPXRequest(connection_pool_size=64, read_timeout=15.0),
    )


def _seconds(value: int | float | dt.timedelta) -> float:
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)


class TelegramChannel:
    """One per process. ``send`` is safe to call concurrently for many chats."""

    def __init__(
        self,
        bot: Bot,
        *,
        per_chat_interval: float = limits.TELEGRAM_PER_CHAT_INTERVAL_S,
        per_chat_burst: int = limits.TELEGRAM_PER_CHAT_BURST,
        max_retries: int = limits.TELEGRAM_MAX_RETRIES,
        limit: int = limits.TELEGRAM_MAX_TEXT,
        clock: Callable[[], float] = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self._bot = bot
        self._interval = per_chat_interval
        self._max_retries = max_retries
        self._limit = limit
        self._clock = clock
        self._sleep = sleep
        self._burst = float(per_chat_burst)
        # Per chat: a token bucket (tokens, when counted) refilled at one message per interval.
        self._buckets: dict[str, tuple[float, float]] = {}
        self._locks: dict[str, asyncio.Lock] = {}
        # After a 429 Telegram wants every request paused (as PTB's AIORateLimiter does).
        self._paused_until = 0.0
        self._me: tuple[str, int] | None = None
        self._moved: dict[str, str] = {}  # group → its supergroup, learnt from ChatMigrated

    @classmethod
    def from_settings(cls, settings: Settings) -> TelegramChannel:
        return cls(build_bot(settings))

    def pacer(self, rate: float | None = None) -> Pacer:
        """About 30 messages a second in bulk and one a second per chat (Telegram's Bot FAQ)."""
        return Pacer(rate=rate or TELEGRAM_RATE, per_chat_s=TELEGRAM_PER_CHAT_S)

    async def close(self) -> None:
        await self._bot.shutdown()

    name = "telegram"

    def parse(self, payload: str, *, received_at: dt.datetime) -> Parsed:
        from webhooks.parse import parse_telegram

        return parse_telegram(payload.encode("utf-8"), received_at=received_at)

    async def send(
        self,
        chat_id: str,
        text: str,
        *,
        last_inbound_at: dt.datetime | None = None,
        start_part: int = 0,
    ) -> SendOutcome:
        """Send ``text`` as one or more messages, skipping the first ``start_part`` chunks
        (``last_inbound_at`` does not matter here: Telegram has no reply window)."""
        return await self._send_text(chat_id, text, start_part, {})

    async def send_in_group(
        self, chat_id: str, text: str, *, reply_to: int, thread_id: int | None, start_part: int = 0
    ) -> SendOutcome:
        """A reply in a group: to the message that asked, in its forum topic (if any); sent
        even if that message was deleted meanwhile."""
        from telegram import ReplyParameters

        extra: dict[str, Any] = {
            "reply_parameters": ReplyParameters(reply_to, allow_sending_without_reply=True)
        }
        if thread_id is not None:
            extra["message_thread_id"] = thread_id
        return await self._send_text(chat_id, text, start_part, extra)

    async def me(self) -> tuple[str, int]:
        """The bot's own username and id (``getMe``, asked once per process)."""
        if self._me is None:
            user = await self._bot.get_me()
            self._me = (user.username or "", user.id)
        return self._me

    def moved_to(self, chat_id: str) -> str | None:
        """The supergroup a send to this group was told it became (Telegram's ChatMigrated)."""
        return self._moved.get(chat_id)

    async def is_admin(self, chat_id: str, user_id: int) -> bool:
        """Whether Telegram says this person is the group's creator or one of its admins."""
        from telegram.error import BadRequest

        try:
            member = await self._bot.get_chat_member(chat_id, user_id)
        except BadRequest:  # "user not found", "chat not found": not an admin, no retry
            return False
        return member.status in ("creator", "administrator")

    async def _send_text(
        self, chat_id: str, text: str, start_part: int, extra: dict[str, Any]
    ) -> SendOutcome:
        chunks = telegram_chunks(text, self._limit)
        lock = self._locks.setdefault(chat_id, asyncio.Lock())
        ids: list[str] = []
        fallback = False
        async with lock:
            for index, (html_text, plain) in enumerate(chunks):
                if index < start_part:
                    continue
                outcome = await self._send_chunk(chat_id, html_text, plain, extra)
                if isinstance(outcome, Failed):
                    return Failed(outcome.reason, outcome.retryable, sent_parts=index)
                if not isinstance(outcome, Sent):
                    return outcome
                ids.extend(outcome.provider_ids)
                fallback = fallback or outcome.plain_fallback
        return Sent(tuple(ids), plain_fallback=fallback)

    def _tokens(self, chat_id: str, now: float) -> float:
        tokens, counted = self._buckets.get(chat_id, (self._burst, now))
        if self._interval <= 0:
            return self._burst
        return min(self._burst, tokens + (now - counted) / self._interval)

    async def _pace(self, chat_id: str) -> None:
        """About one message per second per chat, with a short burst (a reply of a few parts)."""
        now = self._clock()
        wait = max(0.0, self._paused_until - now)
        tokens = self._tokens(chat_id, now + wait)
        if tokens < 1:
            wait += (1 - tokens) * self._interval
        if wait > 0:
            await self._sleep(wait)
            now = self._clock()
        self._buckets[chat_id] = (self._tokens(chat_id, now) - 1, now)

    async def _send_chunk(
        self, chat_id: str, html_text: str, plain: str, extra: dict[str, Any]
    ) -> SendOutcome:
        from telegram import LinkPreviewOptions
        from telegram.constants import ParseMode
        from telegram.error import BadRequest, ChatMigrated, RetryAfter, TelegramError

        as_html = True
        retries = 0
        while True:
            await self._pace(chat_id)
            try:
                message = await self._bot.send_message(
                    chat_id=chat_id,
                    text=html_text if as_html else plain,
                    parse_mode=ParseMode.HTML if as_html else None,
                    # Login links must never be fetched by a preview (RELIABILITY A2).
                    link_preview_options=LinkPreviewOptions(is_disabled=True),
                    **extra,
                )
            except TelegramError as exc:
                bad_html = isinstance(exc, BadRequest) and "parse entities" in exc.message.lower()
                if as_html and bad_html:
                    # Resend once as plain text; never loop on a parse error.
                    log.warning("telegram rejected our HTML; resending as plain text")
                    as_html = False
                    continue
                error = classify_telegram(exc)
                if isinstance(exc, ChatMigrated):
                    self._moved[chat_id] = str(exc.new_chat_id)
                if isinstance(exc, RetryAfter):
                    self._paused_until = max(self._paused_until, self._clock() + error.after_s)
                    if retries >= self._max_retries:
                        return Failed("rate_limited", retryable=True)
                    retries += 1
                    log.warning("telegram 429: pausing sends for %.1f s", error.after_s)
                    continue
                if error.kind == "unknown":
                    # The request went out and no answer came back (a timeout, a connection
                    # dropped mid-request): it has probably arrived. Counted as sent, never sent
                    # twice; the cost is a chunk that may be missing (see docs/architecture.md).
                    log.warning("telegram send in doubt (%s); not sent again", type(exc).__name__)
                return reply_outcome(error)
            return Sent((str(message.message_id),), plain_fallback=not as_html)

    async def broadcast(
        self, chat_id: str, message: Message, *, last_inbound_at: dt.datetime | None
    ) -> Result:
        """Plain text (the admin's text is not HTML), one message, no retries here."""
        from webhooks.broadcast.providers import TelegramBroadcaster

        return await TelegramBroadcaster(self._bot).send(
            chat_id, message, last_inbound_at=last_inbound_at
        )


def retry_after_s(exc: RetryAfter) -> float:
    """Telegram's retry_after (seconds, or a timedelta in newer PTB) plus our pad."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # PTB warns that retry_after becomes a timedelta
        return _seconds(exc.retry_after) + limits.TELEGRAM_RETRY_AFTER_PAD_S


def classify_telegram(exc: TelegramError) -> SendError:
    """One Bot API failure → the shared classification (replies and broadcasts)."""
    from telegram.error import BadRequest, ChatMigrated, Forbidden, InvalidToken, RetryAfter

    if isinstance(exc, RetryAfter):
        return SendError("retry", "rate_limited", after_s=retry_after_s(exc))
    if isinstance(exc, Forbidden):
        return SendError("blocked", "blocked_by_user")
    if isinstance(exc, ChatMigrated):
        return SendError("permanent", "chat_migrated")
    if isinstance(exc, InvalidToken):
        return SendError("permanent", "invalid_token")
    if isinstance(exc, BadRequest):
        return SendError("permanent", f"bad_request: {exc.message[:120]}")
    if _in_doubt(exc):
        return SendError("unknown", f"telegram: {type(exc).__name__}")
    # a refused connection or an error answer: nothing reached the chat
    return SendError("retry", f"telegram: {type(exc).__name__}", after_s=1.0)


def _in_doubt(exc: Exception) -> bool:
    """A timeout, or a connection lost after the request was sent (PTB wraps httpx's error);
    not a refused connection or an error answer, after which nothing was delivered."""
    import httpx
    from telegram.error import TimedOut

    cause = exc.__cause__
    if isinstance(cause, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout):
        return False
    return isinstance(exc, TimedOut) or isinstance(cause, httpx.TransportError)
