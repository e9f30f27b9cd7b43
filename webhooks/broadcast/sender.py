"""The broadcast sender: works through pending deliveries only, paced per channel, crash-safe.

Order per recipient: wait for the pacer → claim the row (pending → sending, committed) → one
network call → mark the result (committed). A second sender cannot claim the same row; a
restarted one finds rows its dead predecessor left "sending" and, once their lease is over,
records them as "unknown" instead of sending again (no duplicates; see docs/broadcasts.md).
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from sqlalchemy.orm import Session, sessionmaker

from db import broadcasts as repo
from db import deliveries
from webhooks.broadcast.compose import render
from webhooks.broadcast.pacing import Pacer
from webhooks.broadcast.providers import Message, Result
from webhooks.redact import describe

if TYPE_CHECKING:
    from webhooks.broadcast.groups import GroupBroadcastSender

log = logging.getLogger(__name__)

DEFAULT_LEASE = timedelta(seconds=60)
MAX_ATTEMPTS = 5
Progress = Callable[[str], None]


class Broadcaster(Protocol):
    channel: str

    async def send(
        self, chat_id: str, message: Message, *, last_inbound_at: datetime | None
    ) -> Result: ...

    async def close(self) -> None: ...


async def paced_send(
    pacer: Pacer | None,
    broadcaster: Broadcaster,
    *,
    chat_id: str,
    message: Message,
    last_inbound_at: datetime | None,
    what: str,
) -> Result:
    """One message to one chat of a claimed row (reminders, notices) at the channel's pace: a
    429's pause pauses every send; an adapter's crash is an "unknown" result, so the row never
    stays "sending"."""
    if pacer is not None:
        await pacer.acquire(chat_id)
        pacer.start()
    try:
        result = await broadcaster.send(chat_id, message, last_inbound_at=last_inbound_at)
    except Exception as exc:  # an adapter bug must not leave the row "sending" forever
        log.error("%s send crashed: %s", what, describe(exc))  # no traceback: values
        result = Result("unknown", f"error: {type(exc).__name__}")
    if pacer is not None:
        pacer.settled(chat_id)
        if result.pause_s:
            pacer.pause(result.pause_s)
    return result


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class BroadcastSender:
    sessions: sessionmaker[Session]
    broadcasters: Mapping[str, Broadcaster]
    pacers: Mapping[str, Pacer]
    lease: timedelta = DEFAULT_LEASE
    concurrency: int = 8
    max_attempts: int = MAX_ATTEMPTS
    now: Callable[[], datetime] = _utcnow
    owner: str = field(default_factory=lambda: uuid.uuid4().hex)
    # The Telegram groups that opted in (/avisos), sent after the people.
    groups: GroupBroadcastSender | None = None

    def prepare(self, broadcast_id: int) -> int:
        """Materialise the deliveries (once) and settle a dead sender's expired claims."""
        with self.sessions.begin() as session:
            total = repo.materialise(session, broadcast_id, now=self.now())
            found = deliveries.recover(session, broadcast_id, now=self.now(), lease=self.lease)
        if found:
            log.warning("broadcast %s: %d deliveries in doubt after a crash", broadcast_id, found)
        return total

    async def run(self, broadcast_id: int, *, progress: Progress | None = None) -> dict[str, int]:
        """Send every pending delivery; returns the totals by status when nothing is left."""
        self.prepare(broadcast_id)
        with self.sessions() as session:
            view = repo.get_broadcast(session, broadcast_id)
        if view is None:
            raise LookupError(f"no broadcast {broadcast_id}")
        message = Message(render(view.text), view.template_sid, view.template_variables)
        slots = asyncio.Semaphore(self.concurrency)
        tasks: set[asyncio.Task[None]] = set()
        while True:
            with self.sessions() as session:
                batch = deliveries.pending(session, broadcast_id)
            if not batch:
                if tasks:
                    await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
                    continue
                if await self._await_in_doubt(broadcast_id):
                    continue
                break
            for item in batch:
                await slots.acquire()
                pacer = self.pacers.get(item.channel)
                if pacer is not None:
                    await pacer.acquire(item.chat_id)
                # In a thread, so answers to earlier sends are noticed while we commit.
                claimed = await asyncio.to_thread(self._claim, item.delivery_id)
                if claimed is None:
                    slots.release()
                    continue
                if pacer is not None:
                    pacer.start()
                task = asyncio.create_task(self._deliver(claimed, message, progress))
                tasks.add(task)
                task.add_done_callback(tasks.discard)
                task.add_done_callback(lambda _: slots.release())
        if self.groups is not None:
            await self.groups.run(broadcast_id)
        with self.sessions.begin() as session:
            repo.finish_if_done(session, broadcast_id, now=self.now())
            return repo.counts(session, broadcast_id)

    def _claim(self, delivery_id: int) -> deliveries.Claimed | None:
        with self.sessions.begin() as session:
            return deliveries.claim(session, delivery_id, owner=self.owner, now=self.now())

    def _mark(self, claimed: deliveries.Claimed, status: str, result: Result) -> None:
        with self.sessions.begin() as session:
            deliveries.mark(
                session,
                claimed.delivery_id,
                owner=self.owner,
                status=status,
                reason=result.reason,
                provider_id=result.provider_id,
                now=self.now(),
            )
            if result.blocked or result.opted_out:
                deliveries.mark_identity(
                    session, claimed.identity_id, blocked=result.blocked, opted_out=result.opted_out
                )

    async def _await_in_doubt(self, broadcast_id: int) -> bool:
        """Rows another sender still holds: wait for their lease, then settle them. True if any."""
        with self.sessions() as session:
            oldest = deliveries.in_doubt(session, broadcast_id)
        if oldest is None:
            return False
        wait = (oldest + self.lease - self.now()).total_seconds()
        if wait > 0:
            log.info("broadcast %s: waiting %.0f s for another sender's claims", broadcast_id, wait)
            await asyncio.sleep(min(wait + 0.05, 5.0))
        with self.sessions.begin() as session:
            deliveries.recover(session, broadcast_id, now=self.now(), lease=self.lease)
        return True

    async def _deliver(
        self, claimed: deliveries.Claimed, message: Message, progress: Progress | None
    ) -> None:
        result = await self._attempt(claimed, message)
        status: str = result.status
        pacer = self.pacers.get(claimed.channel)
        if pacer is not None:
            pacer.settled(claimed.chat_id)
        if status == "retry":
            if pacer is not None and result.pause_s:
                pacer.pause(result.pause_s)
            status = "pending" if claimed.attempts < self.max_attempts else "failed"
        await asyncio.to_thread(self._mark, claimed, status, result)
        if progress is not None and status != "pending":
            progress(status)

    async def _attempt(self, claimed: deliveries.Claimed, message: Message) -> Result:
        if claimed.opted_out:
            return Result("skipped", "opted_out")
        if claimed.blocked:
            return Result("skipped", "blocked")
        broadcaster = self.broadcasters.get(claimed.channel)
        if broadcaster is None:
            return Result("skipped", "channel_not_configured")
        try:
            return await broadcaster.send(
                claimed.chat_id, message, last_inbound_at=claimed.last_inbound_at
            )
        except Exception as exc:  # an adapter bug must not leave the row "sending" forever
            log.error("broadcast send crashed: %s", describe(exc))  # no traceback: values
            return Result("unknown", f"error: {type(exc).__name__}")
