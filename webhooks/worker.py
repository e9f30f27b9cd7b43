"""Process stored updates: run the turn, send the replies, retry with backoff, dead-letter.

``Processor`` handles one claimed update (shared by the local worker and the SQS Lambda);
``LocalWorker`` claims from the DB-backed queue, one update per chat at a time, chats in parallel.
Send progress is stored after every message, so a retry never sends a chunk twice.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from bot.messages import Inbound, Reply
from webhooks import limits
from webhooks.errors import SendRefused, UnparseableUpdate, WebhooksError
from webhooks.outcomes import Blocked, Failed, OutsideWindow, SendOutcome, Sent
from webhooks.parse import ChatStatus, Ignored
from webhooks.ports import IdentityMarks, RunTurn
from webhooks.redact import describe, reason_code
from webhooks.telegram_groups import GROUP_UPDATES, GroupRoute

if TYPE_CHECKING:
    from db.inbound import QueuedUpdate, SqlInbox
    from db.outbound import SqlOutbound
    from webhooks.channels import ChannelRegistry
    from webhooks.voice.step import VoiceStep

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=5)


class RetryLater(WebhooksError):
    """Raised by ``Processor.process`` (``raise_on_retry``) so SQS redelivers the message."""


def backoff(attempts: int) -> float:
    """Capped exponential backoff in seconds after ``attempts`` failed attempts."""
    return float(
        min(limits.WORKER_BACKOFF_MAX_S, limits.WORKER_BACKOFF_BASE_S * 2 ** max(0, attempts - 1))
    )


class Processor:
    def __init__(
        self,
        *,
        inbox: SqlInbox,
        turns: RunTurn,
        identities: IdentityMarks,
        channels: ChannelRegistry,
        outbound: SqlOutbound,
        groups: GroupRoute | None = None,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        max_attempts: int = limits.WORKER_MAX_ATTEMPTS,
        turn_timeout_s: float = limits.WORKER_TURN_TIMEOUT_S,
        voice: VoiceStep | None = None,
    ) -> None:
        self._inbox = inbox
        self._turns = turns
        self._identities = identities
        self._groups = groups
        self._outbound = outbound
        self._channels = channels
        self._now = now
        self._max_attempts = max_attempts
        self._turn_timeout_s = turn_timeout_s
        self._voice = voice  # None: a voice note gets the turn's "write to me" reply
        # Replies sent whose sending the database could not store in time (update id → replies
        # sent): the retry in this process starts after them instead of sending them again.
        self._unrecorded: dict[int, int] = {}

    async def process(self, item: QueuedUpdate, *, raise_on_retry: bool = False) -> None:
        """Take one claimed update to done, a scheduled retry, or a dead letter."""
        try:
            reason = await self._process(item)
        except (UnparseableUpdate, SendRefused) as exc:
            await asyncio.to_thread(self._inbox.dead, item.id, reason=str(exc), now=self._now())
            self._unrecorded.pop(item.id, None)
            return
        except Exception as exc:  # anything else (a RecursionError in a parser): an attempt,
            # so it is dead-lettered after the last one instead of waiting out its lease forever
            log.warning("update %d failed: %s", item.id, type(exc).__name__)
            reason = f"worker: {type(exc).__name__}"
        if reason is None:
            await asyncio.to_thread(self._inbox.done, item.id, now=self._now())
            self._unrecorded.pop(item.id, None)
            return
        if item.attempts >= self._max_attempts:
            log.error(
                "update %d dead after %d attempts: %s", item.id, item.attempts, reason_code(reason)
            )
            await asyncio.to_thread(
                self._inbox.dead, item.id, reason=f"gave up: {reason}", now=self._now()
            )
            self._unrecorded.pop(item.id, None)
            return
        now = self._now()
        at = now + timedelta(seconds=backoff(item.attempts))
        await asyncio.to_thread(self._inbox.retry, item.id, reason=reason, at=at, now=now)
        if raise_on_retry:
            raise RetryLater(reason)

    async def _process(self, item: QueuedUpdate) -> str | None:
        """None when finished; otherwise the (retryable) reason it must be tried again."""
        channel = self._channels.get(item.channel)
        if channel is None:  # stored while configured, or by another deployment: wait for it
            return f"channel {item.channel} is not configured"
        parsed = channel.parse(item.payload, received_at=item.received_at)
        if isinstance(parsed, Ignored):
            return None
        if isinstance(parsed, GROUP_UPDATES):  # a group's message: webhooks/groups.py, no turn
            return None if self._groups is None else await self._groups.handle(parsed)
        if isinstance(parsed, ChatStatus):
            await self._mark(parsed.channel, parsed.chat_id, blocked=parsed.blocked)
            return None
        echo: tuple[Reply, ...] = ()
        if self._voice is not None and self._voice.applies(parsed):  # words first, then a turn
            heard = await self._voice.hear(parsed, first_try=item.attempts <= 1, send=self._send)
            if heard.inbound is None:
                return heard.retry or await self._send_all(item, parsed, list(heard.refusal))
            parsed, echo = heard.inbound, heard.echo
        try:
            # A hung model must not hold the update past its lease: the turn is abandoned (if
            # its thread commits later, the retry sends the stored replies, once).
            replies = await asyncio.wait_for(
                asyncio.to_thread(self._turns, parsed), timeout=self._turn_timeout_s
            )
        except TimeoutError:
            log.warning("turn for update %d timed out; retried later", item.id)
            return "turn: timeout"
        except Exception as exc:  # the turn's own failures: logged and retried, never lost
            # The type and place only: a traceback's messages can carry the worker's words.
            log.error("turn failed for update %d: %s", item.id, describe(exc))
            return f"turn: {type(exc).__name__}"
        return await self._send_all(item, parsed, [*echo, *replies])

    async def _send_all(
        self, item: QueuedUpdate, inbound: Inbound, replies: list[Reply]
    ) -> str | None:
        # Replies this process sent but could not record (the database was down) are not sent
        # again: the stored progress lags behind them.
        first = max(item.replies_sent, self._unrecorded.get(item.id, 0))
        for index in range(first, len(replies)):
            start = item.parts_sent if index == item.replies_sent else 0
            outcome = await self._send(inbound, replies[index].as_text(), start)
            if isinstance(outcome, Sent):
                await self._record_sent(item, inbound, outcome, index + 1)
                continue
            if isinstance(outcome, Blocked):
                log.info(
                    "chat blocked us or opted out (%s); not sending", reason_code(outcome.reason)
                )
                await self._mark(inbound.channel, inbound.chat_id, blocked=True)
                return None
            if isinstance(outcome, OutsideWindow):
                log.warning("reply outside the WhatsApp window; not sent")
                return None
            if outcome.retryable:
                await asyncio.to_thread(
                    self._inbox.progress,
                    item.id,
                    replies_sent=index,
                    parts_sent=max(start, outcome.sent_parts),
                    now=self._now(),
                )
                return f"send: {outcome.reason}"
            raise SendRefused(f"send refused: {outcome.reason}")
        return None

    async def _mark(self, channel: str, chat_id: str, *, blocked: bool) -> None:
        set_blocked = self._identities.set_blocked
        now = self._now()
        await asyncio.to_thread(
            set_blocked, channel=channel, chat_id=chat_id, blocked=blocked, now=now
        )

    async def _record_sent(
        self, item: QueuedUpdate, inbound: Inbound, sent: Sent, replies_sent: int
    ) -> None:
        """Store that a reply went out; while the database is down keep trying (the row is ours
        for its lease): giving up would send this reply again on the retry."""
        delay = 0.25
        deadline = time.monotonic() + limits.WORKER_RECORD_PATIENCE_S
        while True:
            try:
                await asyncio.to_thread(self._record, item, inbound, sent, replies_sent)
                self._unrecorded.pop(item.id, None)
                return
            except Exception as exc:
                if time.monotonic() + delay > deadline:
                    # Out of patience: the update is retried, but not this reply.
                    self._unrecorded[item.id] = replies_sent
                    raise
                log.warning("recording a sent reply failed: %s; trying again", type(exc).__name__)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)

    def _record(self, item: QueuedUpdate, inbound: Inbound, sent: Sent, replies_sent: int) -> None:
        now = self._now()
        self._outbound.record_sent(
            channel=inbound.channel, provider_ids=sent.provider_ids, inbound_id=item.id, now=now
        )
        self._inbox.progress(item.id, replies_sent=replies_sent, parts_sent=0, now=now)

    async def _send(self, inbound: Inbound, text: str, start: int) -> SendOutcome:
        channel = self._channels.get(inbound.channel)
        if channel is not None:
            return await channel.send(
                inbound.chat_id, text, last_inbound_at=inbound.received_at, start_part=start
            )
        return Failed(f"no {inbound.channel} channel configured", retryable=True)


class LocalWorker:
    """Claims from the DB-backed queue and processes up to ``concurrency`` chats at once."""

    def __init__(
        self,
        processor: Processor,
        inbox: SqlInbox,
        *,
        concurrency: int = 8,
        poll_interval: float = 0.5,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        yield_while: Callable[[], bool] = lambda: False,
        max_yield_s: float = 1.0,
    ) -> None:
        self._processor = processor
        self._inbox = inbox
        self._concurrency = concurrency
        self._poll = poll_interval
        self._now = now
        self._wake = asyncio.Event()
        self._tasks: set[asyncio.Task[None]] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        # While the receiver in this process is flooded (updates arrive faster than they can be
        # answered), new work waits up to ``max_yield_s`` at a time and takes one chat at a
        # time: stored updates are safe, platforms waiting for the 200 are not. The backlog grows
        # during a flood whatever the worker does; it is answered at full speed afterwards.
        self._yield_while = yield_while
        self._max_yield_s = max_yield_s

    def wake(self) -> None:
        """Thread-safe: called by the receiver after storing an update."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._wake.set)

    async def run(self, stop: asyncio.Event) -> None:
        self._loop = asyncio.get_running_loop()
        while not stop.is_set():
            await self._yield()
            try:
                claimed = await self.tick()
            except Exception as exc:  # the database is down: claim again after the poll
                log.warning("worker claim failed: %s", type(exc).__name__)
                claimed = 0
            if claimed == 0:
                self._wake.clear()
                waiters = [
                    asyncio.ensure_future(self._wake.wait()),
                    asyncio.ensure_future(stop.wait()),
                ]
                await asyncio.wait(waiters, timeout=self._poll, return_when=asyncio.FIRST_COMPLETED)
                for waiter in waiters:
                    waiter.cancel()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _yield(self) -> None:
        deadline = time.monotonic() + self._max_yield_s
        while self._yield_while() and time.monotonic() < deadline:  # noqa: ASYNC110 (a load signal)
            await asyncio.sleep(0.01)

    async def tick(self) -> int:
        """Claim what fits in the free slots and start processing it; returns how many."""
        self._loop = asyncio.get_running_loop()
        # One chat at a time during a flood of updates; all slots once it is over.
        slots = 1 if self._yield_while() else self._concurrency
        free = slots - len(self._tasks)
        if free <= 0:
            return 0
        items = await asyncio.to_thread(self._inbox.claim, now=self._now(), lease=LEASE, limit=free)
        for item in items:
            task = asyncio.create_task(self._processor.process(item))
            self._tasks.add(task)
            task.add_done_callback(self._finished)
        return len(items)

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        self._wake.set()
        failure = None if task.cancelled() else task.exception()
        if failure is not None:
            log.error("worker task failed: %s", describe(failure))

    async def drain(self, *, max_rounds: int = 1000) -> None:
        """Process until nothing is claimable and nothing is in flight (tests, one-shot runs)."""
        for _ in range(max_rounds):
            claimed = await self.tick()
            if self._tasks:
                await asyncio.wait(set(self._tasks), return_when=asyncio.FIRST_COMPLETED)
            elif claimed == 0:
                return
