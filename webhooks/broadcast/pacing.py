"""Send pacing for one channel: even spacing at the configured rate, a hard cap on messages per
second counted from dispatch to answer, one message per chat per interval, and a pause that holds
every send after a 429. No I/O; clock and sleep injected.

Why the cap counts until the answer: the platform counts arrivals, and an arrival happens
somewhere between our dispatch and its answer. If the (n+limit)-th dispatch waits until a second
after the n-th answer, no second at the platform ever sees more than ``limit`` messages.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable

Sleep = Callable[[float], Awaitable[None]]

# Telegram: about 30 messages a second in bulk, about 1 a second per chat (Bot FAQ).
TELEGRAM_RATE = 30.0
TELEGRAM_PER_CHAT_S = 1.0
WHATSAPP_RATE = 10.0  # Twilio's default WhatsApp throughput (messages per second)
_POLL_S = 0.005  # how often to look again while every slot is in flight
_FORGET_AFTER = 1000  # per-chat entries kept before old ones are dropped (flat memory)


class Pacer:
    """``await acquire(chat)`` waits for a turn; ``start()`` right before the network call;
    ``settled(chat)`` after its answer. (A turn not followed by ``start`` sends nothing.)"""

    def __init__(
        self,
        *,
        rate: float,
        per_chat_s: float = 0.0,
        limit_per_s: int | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.rate = rate
        self._interval = 1.0 / rate
        self._limit = limit_per_s or max(1, int(rate))
        self._per_chat = per_chat_s
        self._clock = clock
        self._sleep = sleep
        self._next = float("-inf")
        self._paused_until = float("-inf")
        self._in_flight = 0
        self._answered: deque[float] = deque()  # answer times within the last second
        self._last: dict[str, float] = {}

    def pause(self, seconds: float) -> None:
        """Hold every send for ``seconds`` from now (a 429's retry_after)."""
        self._paused_until = max(self._paused_until, self._clock() + seconds)

    def ready_at(self, chat_id: str, now: float) -> float:
        last = self._last.get(chat_id, float("-inf"))
        ready = max(self._next, self._paused_until, last + self._per_chat)
        while self._answered and self._answered[0] <= now - 1.0:
            self._answered.popleft()
        if self._in_flight + len(self._answered) >= self._limit:
            ready = max(ready, self._answered[0] + 1.0 if self._answered else now + _POLL_S)
        return ready

    async def acquire(self, chat_id: str) -> None:
        while True:
            now = self._clock()
            wait = self.ready_at(chat_id, now) - now
            if wait <= 0:
                break
            await self._sleep(wait)
        # Lateness of up to one interval is made up (the loop also does database work).
        self._next = max(self._next, now - self._interval) + self._interval
        if self._per_chat > 0:
            self._last[chat_id] = now

    def start(self) -> None:
        """A message is about to leave: it counts against the cap until its answer."""
        self._in_flight += 1

    def settled(self, chat_id: str) -> None:
        """The send got its answer. The chat's interval counts from now, so a message that
        arrived late never brings the next one to that chat closer than the interval."""
        self._in_flight = max(0, self._in_flight - 1)
        now = self._clock()
        self._answered.append(now)
        if self._per_chat > 0:
            if len(self._last) >= _FORGET_AFTER:
                horizon = now - self._per_chat
                self._last = {c: t for c, t in self._last.items() if t > horizon}
            self._last[chat_id] = now
