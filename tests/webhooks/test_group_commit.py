"""The receiver's group commit: many requests, one transaction; failures reach every request."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import pytest

from db.engine import make_engine, make_sessionmaker
from db.inbound import SqlInbox
from db.migrate import upgrade
from db.receiving import NewUpdate
from webhooks.errors import StoreUnavailable
from webhooks.group_commit import GroupCommit
from webhooks.ports import QueueItem
from webhooks.receive import Receiver

NOW = datetime(2026, 5, 1, 12, tzinfo=UTC)


def _update(n: int) -> NewUpdate:
    return NewUpdate("telegram", str(n), f"chat-{n % 3}", "json", "{}")


class HeldStore:
    """Wraps a store: records each batch, and holds the first until ``release``."""

    def __init__(self, store: object) -> None:
        self.store = store
        self.batches: list[int] = []
        self.release = threading.Event()

    def __call__(self, updates: Sequence[NewUpdate]) -> Sequence[StoreUnavailable | None]:
        self.batches.append(len(updates))
        self.release.wait(timeout=10)
        return self.store(updates)  # type: ignore[operator, no-any-return]


@pytest.fixture
def inbox(tmp_path: Path) -> SqlInbox:
    url = f"sqlite:///{tmp_path / 'abogado.db'}"
    upgrade(url)
    return SqlInbox(make_sessionmaker(make_engine(url)))


def test_waiting_requests_are_stored_together_and_each_once(inbox: SqlInbox) -> None:
    enqueued: list[QueueItem] = []
    receiver = Receiver(inbox=inbox, enqueue=enqueued.append, now=lambda: NOW)
    held = HeldStore(receiver.store)
    commits = GroupCommit(held)

    async def main() -> None:
        requests = [asyncio.create_task(commits.submit(_update(n))) for n in range(40)]
        requests += [asyncio.create_task(commits.submit(_update(n))) for n in range(5)]  # again
        await asyncio.sleep(0.2)
        held.release.set()
        await asyncio.gather(*requests)

    asyncio.run(main())
    assert sum(held.batches) == 45
    assert len(held.batches) <= 2  # whatever waited while the first batch was held went next
    assert inbox.counts() == {"queued": 40}
    # Every update reaches the queue; a copy of one still queued is handed over again, as a
    # platform's retry is (in case the first hand-over failed).
    assert {int(item.platform_id) for item in enqueued} == set(range(40))


def test_a_failing_store_fails_every_request_of_the_batch_and_the_next_one_works() -> None:
    calls: list[int] = []

    def store(updates: Sequence[NewUpdate]) -> list[StoreUnavailable | None]:
        calls.append(len(updates))
        if len(calls) == 1:
            raise RuntimeError("database gone")
        return [None] * len(updates)

    commits = GroupCommit(store)

    async def main() -> list[BaseException | None]:
        return await asyncio.gather(
            *(commits.submit(_update(n)) for n in range(3)), return_exceptions=True
        )

    first = asyncio.run(main())
    failed = [r for r in first if isinstance(r, StoreUnavailable)]
    assert failed  # the batch that broke: those requests answer 5xx, the platform retries
    assert all(isinstance(r, StoreUnavailable) or r is None for r in first)
    assert asyncio.run(main()) == [None, None, None]


def test_one_update_failing_fails_only_its_request() -> None:
    def store(updates: Sequence[NewUpdate]) -> list[StoreUnavailable | None]:
        return [StoreUnavailable("queue") if u.platform_id == "1" else None for u in updates]

    commits = GroupCommit(store)

    async def main() -> list[BaseException | None]:
        return await asyncio.gather(
            *(commits.submit(_update(n)) for n in range(3)), return_exceptions=True
        )

    outcomes = asyncio.run(main())
    assert outcomes[0] is None
    assert isinstance(outcomes[1], StoreUnavailable)
    assert outcomes[2] is None


def test_the_writer_ends_when_idle_and_a_new_request_starts_another(inbox: SqlInbox) -> None:
    receiver = Receiver(inbox=inbox, enqueue=lambda _item: None, now=lambda: NOW)
    commits = GroupCommit(receiver.store, idle_s=0.5)

    def writers() -> set[threading.Thread]:
        return {t for t in threading.enumerate() if t.name == "receiver-group-commit"}

    before = writers()
    asyncio.run(commits.submit(_update(1)))
    [writer] = writers() - before
    writer.join(timeout=5)
    assert not writer.is_alive()
    asyncio.run(commits.submit(_update(2)))
    assert inbox.counts() == {"queued": 2}


def test_a_request_that_goes_away_still_has_its_update_stored(inbox: SqlInbox) -> None:
    receiver = Receiver(inbox=inbox, enqueue=lambda _item: None, now=lambda: NOW)
    held = HeldStore(receiver.store)
    commits = GroupCommit(held)

    async def main() -> None:
        gone = asyncio.create_task(commits.submit(_update(1)))
        await asyncio.sleep(0.05)
        assert held.batches == [1]  # being stored when the client goes
        gone.cancel()  # the client disconnected before the 200
        held.release.set()
        await commits.submit(_update(2))
        with pytest.raises(asyncio.CancelledError):
            await gone

    asyncio.run(main())
    assert inbox.counts() == {"queued": 2}


def test_a_flood_of_updates_is_noticed_and_forgotten(inbox: SqlInbox) -> None:
    receiver = Receiver(inbox=inbox, enqueue=lambda _item: None, now=lambda: NOW)
    commits = GroupCommit(receiver.store, flood_rate=50)

    async def flood() -> None:
        await asyncio.gather(*(commits.submit(_update(n)) for n in range(200)))

    assert not commits.flooded()
    asyncio.run(flood())
    assert commits.flooded()  # 200 in one second or two: at least 100 in one of them
    threading.Event().wait(2.1)
    assert not commits.flooded()
    asyncio.run(commits.submit(_update(1000)))
    assert not commits.flooded()  # a trickle is no flood
