"""Group commit for the receiver: one writer thread stores the updates of many requests at once.

Each webhook request parses its update on the event loop and awaits ``submit``; the writer takes
every update waiting (up to ``max_batch``), stores them in one transaction and answers each
request. One writer means no two receive transactions wait on each other, a commit is paid once
per batch instead of once per request, and on SQLite its writes go first at the write gate.
``flooded`` tells the in-process worker to leave the CPU to the acknowledgements for a while.
"""

from __future__ import annotations

import asyncio
import queue
import threading
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from db.engine import urgent_writes
from webhooks.errors import StoreUnavailable

if TYPE_CHECKING:
    from db.receiving import NewUpdate

# Store the updates in one transaction; one outcome per update (None: stored, or was already).
Store = Callable[[Sequence["NewUpdate"]], Sequence[StoreUnavailable | None]]
_Waiting = tuple["NewUpdate", asyncio.AbstractEventLoop, "asyncio.Future[None]"]
_Settled = tuple["asyncio.Future[None]", StoreUnavailable | None]


class GroupCommit:
    """The writer thread starts with the first update and ends after ``idle_s`` without one."""

    def __init__(
        self, store: Store, *, max_batch: int = 64, idle_s: float = 5.0, flood_rate: int = 200
    ) -> None:
        self._store = store
        self._max_batch = max_batch
        self._idle_s = idle_s
        self._waiting: queue.SimpleQueue[_Waiting] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._writer: threading.Thread | None = None
        self._flood_rate = flood_rate
        self._second = 0
        self._stored_this_second = 0
        self._stored_last_second = 0

    async def submit(self, update: NewUpdate) -> None:
        """Return once ``update`` is stored and enqueued; raise ``StoreUnavailable`` if not."""
        loop = asyncio.get_running_loop()
        done: asyncio.Future[None] = loop.create_future()
        self._waiting.put((update, loop, done))
        self._ensure_writer()
        await done

    def flooded(self) -> bool:
        """Whether updates arrive at ``flood_rate`` a second or more (this second or the last):
        faster than the local worker answers them, so it may as well answer them later."""
        second = int(time.monotonic())
        if second == self._second:
            return max(self._stored_last_second, self._stored_this_second) >= self._flood_rate
        if second == self._second + 1:
            return self._stored_this_second >= self._flood_rate
        return False

    def _count(self, stored: int) -> None:
        second = int(time.monotonic())
        if second != self._second:
            follows = second == self._second + 1
            self._stored_last_second = self._stored_this_second if follows else 0
            self._stored_this_second = 0
            self._second = second
        self._stored_this_second += stored

    def _ensure_writer(self) -> None:
        with self._lock:
            if self._writer is None:
                self._writer = threading.Thread(
                    target=self._write, name="receiver-group-commit", daemon=True
                )
                self._writer.start()

    def _write(self) -> None:
        while True:
            batch = self._next_batch()
            if not batch:
                with self._lock:
                    if self._waiting.empty():  # nothing slipped in: a new submit starts a writer
                        self._writer = None
                        return
                continue
            try:
                with urgent_writes():
                    outcomes = list(self._store([update for update, _, _ in batch]))
            except Exception as exc:  # the store broke: every request must be retried
                outcomes = [StoreUnavailable(f"receiver: {type(exc).__name__}")] * len(batch)
            self._count(len(batch))
            # One wake-up per event loop, not one per request.
            by_loop: dict[asyncio.AbstractEventLoop, list[_Settled]] = {}
            for (_, loop, done), outcome in zip(batch, outcomes, strict=True):
                by_loop.setdefault(loop, []).append((done, outcome))
            for loop, settled in by_loop.items():
                if not loop.is_closed():
                    loop.call_soon_threadsafe(_settle, settled)

    def _next_batch(self) -> list[_Waiting]:
        try:
            batch = [self._waiting.get(timeout=self._idle_s)]
        except queue.Empty:
            return []
        while len(batch) < self._max_batch:
            try:
                batch.append(self._waiting.get_nowait())
            except queue.Empty:
                break
        return batch


def _settle(settled: list[_Settled]) -> None:
    for done, outcome in settled:
        if done.done():  # the request was cancelled (client gone): the update is stored anyway
            continue
        if outcome is None:
            done.set_result(None)
        else:
            done.set_exception(outcome)
