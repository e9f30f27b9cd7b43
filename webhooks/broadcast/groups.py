"""Broadcasts to the Telegram groups that opted in (/avisos): at most 20 messages a minute per
group (Telegram's Bot FAQ) besides the channel's own pacing (30 a second in all). Runs after
the people's deliveries of the same broadcast, crash-safe like them (db.group_deliveries).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy.orm import Session, sessionmaker

from bot import wording
from db import broadcasts as repo
from db import group_deliveries as rows
from db.groups import SqlGroups
from webhooks.broadcast.pacing import Pacer, Sleep
from webhooks.broadcast.providers import Message, Result
from webhooks.broadcast.sender import Broadcaster
from webhooks.redact import describe

log = logging.getLogger(__name__)

GROUP_PER_MINUTE = 20
MAX_ROUNDS = 5  # a group whose send keeps asking for a retry is failed after this many


class GroupRate:
    """At most ``per_minute`` messages to one group in any 60 seconds (sliding window)."""

    def __init__(
        self,
        *,
        per_minute: int = GROUP_PER_MINUTE,
        clock: Callable[[], float] = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self._per_minute = per_minute
        self._clock = clock
        self._sleep = sleep
        self._sent: dict[str, deque[float]] = {}

    async def acquire(self, chat_id: str) -> None:
        sent = self._sent.setdefault(chat_id, deque())
        while True:
            now = self._clock()
            while sent and sent[0] <= now - 60.0:
                sent.popleft()
            if len(sent) < self._per_minute:
                sent.append(now)
                return
            await self._sleep(sent[0] + 60.0 - now)


class GroupBroadcastSender:
    def __init__(
        self,
        *,
        sessions: sessionmaker[Session],
        telegram: Broadcaster,
        pacer: Pacer,
        rate: GroupRate | None = None,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._sessions = sessions
        self._telegram = telegram
        self._pacer = pacer
        self._rate = rate or GroupRate()
        self._now = now

    async def run(self, broadcast_id: int) -> dict[str, int]:
        """Send the broadcast to every opted-in group once; returns the totals by status."""
        with self._sessions.begin() as session:
            rows.materialise(session, broadcast_id)
            if rows.recover(session, broadcast_id):
                log.warning("broadcast %s: group deliveries in doubt after a crash", broadcast_id)
            view = repo.get_broadcast(session, broadcast_id)
        assert view is not None  # materialise raised LookupError otherwise
        message = Message(f"{view.text.strip()}\n\n{wording.GROUP_BROADCAST_STOP}")
        for _ in range(MAX_ROUNDS):
            with self._sessions() as session:
                batch = rows.pending(session, broadcast_id)
            if not batch:
                break
            for item in batch:
                await self._send(item, message)
        with self._sessions.begin() as session:
            for item in rows.pending(session, broadcast_id):
                rows.mark(
                    session, item.delivery_id, status="failed", reason="gave up", now=self._now()
                )
            return rows.counts(session, broadcast_id)

    async def _send(self, item: rows.GroupDelivery, message: Message) -> None:
        await self._rate.acquire(item.chat_id)
        await self._pacer.acquire(item.chat_id)
        with self._sessions.begin() as session:
            if not rows.claim(session, item.delivery_id):
                return
        self._pacer.start()
        try:
            result = await self._telegram.send(item.chat_id, message, last_inbound_at=None)
        except Exception as exc:  # an adapter bug must not leave the row "sending" forever
            log.error("group broadcast send crashed: %s", describe(exc))
            result = Result("unknown", f"error: {type(exc).__name__}")
        self._pacer.settled(item.chat_id)
        status: str = result.status
        if status == "retry":
            if result.pause_s:
                self._pacer.pause(result.pause_s)
            status = "pending"
        if result.blocked:  # the bot was removed: no more sends to that group
            SqlGroups(self._sessions).left(item.chat_id, now=self._now())
            status = "skipped"
        with self._sessions.begin() as session:
            rows.mark(
                session, item.delivery_id, status=status, reason=result.reason, now=self._now()
            )
