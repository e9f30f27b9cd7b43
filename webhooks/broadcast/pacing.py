"""Send pacing for one channel: an even spacing under the platform's rate, one message per chat
per interval, and a pause that holds every send after a 429. No I/O; clock and sleep injected.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

Sleep = Callable[[float], Awaitable[None]]

# Telegram allows about 30 messages a second in bulk; we space them for 29 [ours] so that even
# with network jitter no one-second window sees more than 30.
TELEGRAM_RATE = 29.0
TELEGRAM_PER_CHAT_S = 1.0
WHATSAPP_RATE = 10.0  # Twilio's default WhatsApp throughput (messages per second)
# The SDK's calls reach Twilio with tens of ms of jitter; 10 % more spacing keeps every second
# at or under the configured rate as Twilio counts it [ours, measured against the fake].
WHATSAPP_HEADROOM = 0.1
_FORGET_AFTER = 1000  # per-chat entries kept before old ones are dropped (flat memory)


class Pacer:
    """``await acquire(chat)`` returns when a message to ``chat`` may go out now."""

    def __init__(
        self,
        *,
        rate: float,
        per_chat_s: float = 0.0,
        headroom: float = 0.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.rate = rate
        self._interval = (1.0 + headroom) / rate
        self._per_chat = per_chat_s
        self._clock = clock
        self._sleep = sleep
        self._next = float("-inf")
        self._paused_until = float("-inf")
        self._last: dict[str, float] = {}

    def pause(self, seconds: float) -> None:
        """Hold every send for ``seconds`` from now (a 429's retry_after)."""
        self._paused_until = max(self._paused_until, self._clock() + seconds)

    def settled(self, chat_id: str) -> None:
        """The send to ``chat_id`` got its answer: count the chat's interval from now, so late
        arrivals of one message never bring the next one closer than the interval."""
        if self._per_chat > 0:
            self._last[chat_id] = self._clock()

    def ready_at(self, chat_id: str) -> float:
        last = self._last.get(chat_id, float("-inf"))
        return max(self._next, self._paused_until, last + self._per_chat)

    async def acquire(self, chat_id: str) -> None:
        while True:
            now = self._clock()
            wait = self.ready_at(chat_id) - now
            if wait <= 0:
                break
            await self._sleep(wait)
        self._next = max(self._next, now) + self._interval
        if self._per_chat > 0:
            if len(self._last) >= _FORGET_AFTER:
                horizon = now - self._per_chat
                self._last = {c: t for c, t in self._last.items() if t > horizon}
            self._last[chat_id] = now
