"""db.inbound on SQLite and MariaDB: idempotent record, per-chat FIFO claims, leases, status."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from db.inbound import SqlInbox
from db.outbound import SqlIdentityMarks, SqlOutbound
from db.receiving import NewUpdate, Recorded

NOW = datetime(2026, 5, 1, 12, tzinfo=UTC)
LEASE = timedelta(minutes=5)


def put(inbox: SqlInbox, platform_id: str, chat: str = "c1") -> int:
    return inbox.record(
        channel="telegram",
        platform_id=platform_id,
        chat=chat,
        content_type="json",
        payload="{}" + "😀",
        now=NOW,
    ).id


def test_record_is_idempotent_even_concurrently(sessions: sessionmaker[Session]) -> None:
    inbox = SqlInbox(sessions)
    with ThreadPoolExecutor(max_workers=10) as pool:
        results = list(
            pool.map(
                lambda _: inbox.record(
                    channel="telegram",
                    platform_id="42",
                    chat="c1",
                    content_type="json",
                    payload="{}",
                    now=NOW,
                ),
                range(10),
            )
        )
    assert sum(r.new for r in results) == 1
    assert {r.id for r in results} == {results[0].id}
    assert inbox.counts() == {"queued": 1}


def test_claims_follow_per_chat_order(sessions: sessionmaker[Session]) -> None:
    inbox = SqlInbox(sessions)
    a1, b1, a2 = put(inbox, "1", "a"), put(inbox, "2", "b"), put(inbox, "3", "a")
    first = inbox.claim(now=NOW, lease=LEASE, limit=10)
    assert [q.id for q in first] == [a1, b1]
    assert first[0].payload == "{}😀"
    inbox.retry(a1, reason="x", at=NOW + timedelta(seconds=30), now=NOW)
    inbox.done(b1, now=NOW)
    assert inbox.claim(now=NOW, lease=LEASE) == []  # a2 waits behind a1's retry
    [again] = inbox.claim(now=NOW + timedelta(seconds=31), lease=LEASE)
    assert (again.id, again.attempts) == (a1, 2)
    inbox.dead(a1, reason="gave up", now=NOW)
    [later] = inbox.claim(now=NOW + timedelta(seconds=31), lease=LEASE)
    assert later.id == a2


def test_concurrent_claims_take_each_row_once(sessions: sessionmaker[Session]) -> None:
    inbox = SqlInbox(sessions)
    ids = {put(inbox, str(i), f"chat{i}") for i in range(20)}
    with ThreadPoolExecutor(max_workers=4) as pool:
        batches = list(pool.map(lambda _: inbox.claim(now=NOW, lease=LEASE, limit=8), range(4)))
    claimed = [q.id for batch in batches for q in batch]
    assert len(claimed) == len(set(claimed))
    assert set(claimed) <= ids


def test_expired_lease_is_reclaimed_and_take_respects_it(sessions: sessionmaker[Session]) -> None:
    inbox = SqlInbox(sessions)
    row = put(inbox, "9")
    assert inbox.take(row, now=NOW, lease=LEASE) is not None
    assert inbox.take(row, now=NOW + timedelta(minutes=1), lease=LEASE) is None
    assert inbox.claim(now=NOW + timedelta(minutes=1), lease=LEASE) == []
    [back] = inbox.claim(now=NOW + LEASE + timedelta(seconds=1), lease=LEASE)
    assert (back.id, back.attempts) == (row, 2)
    inbox.done(row, now=NOW)
    assert inbox.take(row, now=NOW + timedelta(hours=1), lease=LEASE) is None


def test_status_moves_forward_only(sessions: sessionmaker[Session]) -> None:
    inbox = SqlOutbound(sessions)
    inbox.record_sent(channel="whatsapp", provider_ids=("SM1",), inbound_id=None, now=NOW)
    for status, expected in [
        ("delivered", "delivered"),
        ("sent", "delivered"),
        ("queued", "delivered"),
        ("read", "read"),
        ("delivered", "read"),
        ("failed", "failed"),
        ("read", "failed"),
    ]:
        inbox.update_status(
            channel="whatsapp", provider_id="SM1", status=status, error_code=None, now=NOW
        )
        assert inbox.status(channel="whatsapp", provider_id="SM1") == expected
    assert not inbox.update_status(
        channel="whatsapp", provider_id="SMunknown", status="sent", error_code=None, now=NOW
    )


def test_identity_blocked_flag(sessions: sessionmaker[Session]) -> None:
    marks = SqlIdentityMarks(sessions)
    assert not marks.is_blocked(channel="telegram", chat_id="5")
    marks.set_blocked(channel="telegram", chat_id="5", blocked=True, now=NOW)
    assert marks.is_blocked(channel="telegram", chat_id="5")
    marks.set_blocked(channel="telegram", chat_id="5", blocked=False, now=NOW)
    assert not marks.is_blocked(channel="telegram", chat_id="5")


def _new(platform_id: str, chat: str = "c1", dead: str | None = None) -> NewUpdate:
    return NewUpdate("telegram", platform_id, chat, "json", "{}", dead)


def test_record_many_stores_a_batch_once_each(sessions: sessionmaker[Session]) -> None:
    inbox = SqlInbox(sessions)
    before = put(inbox, "1")
    batch = [_new("1"), _new("2"), _new("3", "c2"), _new("2"), _new("4", dead="not JSON")]
    results = inbox.record_many(batch, now=NOW)
    assert [r.new for r in results] == [False, True, True, False, True]
    assert results[0].id == before
    assert results[3] == Recorded(results[1].id, False, "queued")  # the batch's own duplicate
    assert results[4].status == "dead"
    assert len({r.id for r in results}) == 4
    assert inbox.counts() == {"queued": 3, "dead": 1}
    again = inbox.record_many(batch, now=NOW)
    assert [r.id for r in again] == [r.id for r in results]
    assert not any(r.new for r in again)
    assert inbox.counts() == {"queued": 3, "dead": 1}


def test_record_many_from_racing_writers_stores_each_update_once(
    sessions: sessionmaker[Session],
) -> None:
    """Overlapping batches from several threads (several processes, in production)."""
    inbox = SqlInbox(sessions)
    batches = [[_new(str(i)) for i in range(start, start + 20)] for start in range(0, 60, 10)]
    with ThreadPoolExecutor(max_workers=6) as pool:
        results = [
            r for batch in pool.map(lambda b: inbox.record_many(b, now=NOW), batches) for r in batch
        ]
    by_id: dict[int, int] = {}
    for r in results:
        by_id[r.id] = by_id.get(r.id, 0) + r.new
    assert len(by_id) == 70
    assert set(by_id.values()) == {1}  # every row reported new exactly once
    assert inbox.counts() == {"queued": 70}


def test_claims_take_due_updates_in_the_order_they_fell_due(
    sessions: sessionmaker[Session],
) -> None:
    inbox = SqlInbox(sessions)
    a, b, c = put(inbox, "1", "a"), put(inbox, "2", "b"), put(inbox, "3", "c")
    [first] = inbox.claim(now=NOW, lease=LEASE, limit=1)
    assert first.id == a
    inbox.retry(a, reason="x", at=NOW + timedelta(seconds=10), now=NOW)
    # A lease that ran out comes back before anything else.
    [taken_b] = inbox.claim(now=NOW, lease=LEASE, limit=1)
    assert taken_b.id == b
    later = NOW + LEASE + timedelta(seconds=1)
    assert [q.id for q in inbox.claim(now=later, lease=LEASE, limit=3)] == [b, c, a]
