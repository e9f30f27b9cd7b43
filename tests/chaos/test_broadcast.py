"""The platforms fail mid-broadcast (5xx, 429, refused connections): the sender resumes and no
recipient gets the message twice; every row ends final, with its reason."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable, Coroutine, Iterator, Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from db import broadcasts as repo
from db import migrate
from db.broadcasts import Audience, DeliveryRow
from db.engine import make_engine, make_sessionmaker
from tests.chaos.mariadb import ThrowawayMariaDB
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.twilio_api import FakeTwilioAPI
from tests.webhooks.broadcast.conftest import make_sender
from tests.webhooks.broadcast.people import NOW, add_identities
from webhooks.broadcast.sender import BroadcastSender

Sessions = sessionmaker[Session]


@pytest.fixture
def sessions(tmp_path: Path) -> Iterator[Sessions]:
    url = f"sqlite:///{tmp_path / 'abogado.db'}"
    migrate.upgrade(url)
    engine = make_engine(url)
    yield make_sessionmaker(engine)
    engine.dispose()


def create(sessions: Sessions, channel: str) -> int:
    with sessions.begin() as session:
        return repo.create_broadcast(
            session,
            text="El salario mínimo sube el 1 de enero.",
            audience=Audience(channel=channel),
            created_by="admin@x.mx",
            now=NOW,
        )


async def outage(
    *, wait: Callable[[], object], stop: Callable[[], None], start: Callable[[], object]
) -> None:
    """Once ``wait`` returns (enough sends went out), refuse connections for half a second."""
    await asyncio.to_thread(wait)
    await asyncio.to_thread(stop)
    await asyncio.sleep(0.5)
    await asyncio.to_thread(start)


def send(
    sender: BroadcastSender, broadcast_id: int, chaos: Callable[[], Coroutine[Any, Any, None]]
) -> dict[str, int]:
    async def go() -> dict[str, int]:
        try:
            chaos_task = asyncio.create_task(chaos())
            totals = await asyncio.wait_for(sender.run(broadcast_id), timeout=45)
            await asyncio.wait_for(chaos_task, timeout=5)
            return {status: n for status, n in totals.items() if n}
        finally:
            for broadcaster in sender.broadcasters.values():
                await broadcaster.close()

    return asyncio.run(go())


def reasons(sessions: Sessions, broadcast_id: int) -> list[tuple[str, str | None]]:
    """(status, reason) of every delivery not sent: what an assertion shows when it fails."""
    with sessions() as session:
        rows = session.execute(
            select(DeliveryRow.status, DeliveryRow.reason).where(
                DeliveryRow.broadcast_id == broadcast_id, DeliveryRow.status != "sent"
            )
        ).all()
    return [(status, reason) for status, reason in rows]


def once_each(recipients: Sequence[str], delivered: Sequence[str]) -> None:
    counts = Counter(delivered)
    assert sorted(counts) == sorted(recipients)
    assert set(counts.values()) == {1}


def test_telegram_fails_mid_broadcast_and_every_chat_gets_it_once(
    sessions: Sessions, fake_telegram: FakeTelegramAPI
) -> None:
    chats = add_identities(sessions, "telegram", 40)
    broadcast_id = create(sessions, "telegram")
    fake_telegram.fail_next("sendMessage", status=502, description="Bad Gateway", after=5, times=3)
    fake_telegram.fail_next("sendMessage", status=500, description="Internal", after=8)
    fake_telegram.rate_limit(retry_after=1)
    port = urlsplit(fake_telegram.url).port
    sender = make_sender(sessions, telegram=fake_telegram, telegram_rate=200.0, per_chat_s=0.0)

    async def chaos() -> None:
        await outage(
            wait=lambda: fake_telegram.wait_for("sendMessage", 20),
            stop=fake_telegram.stop,
            start=lambda: fake_telegram.start(port or 0),
        )

    totals = send(sender, broadcast_id, chaos)
    # a request cut off by the outage (connected, then reset) is in doubt: "unknown"
    unsure = reasons(sessions, broadcast_id)
    assert {reason for _, reason in unsure} <= {"telegram: NetworkError"}, unsure
    assert totals.get("unknown", 0) == len(unsure) <= sender.concurrency
    delivered = Counter(c.chat_id for c in fake_telegram.delivered())
    assert set(delivered.values()) == {1}
    assert len(delivered) >= totals["sent"] >= 40 - sender.concurrency
    assert set(delivered) <= set(chats)


def test_twilio_fails_mid_broadcast_and_every_phone_gets_it_once(
    sessions: Sessions, fake_twilio: FakeTwilioAPI
) -> None:
    phones = add_identities(sessions, "whatsapp", 20)
    broadcast_id = create(sessions, "whatsapp")
    fake_twilio.fail_next(20500, times=2)
    fake_twilio.fail_next(20429)
    port = urlsplit(fake_twilio.url).port
    sender = make_sender(sessions, twilio=fake_twilio, whatsapp_rate=100.0)

    async def chaos() -> None:
        await outage(
            wait=lambda: fake_twilio.wait_for(8),
            stop=fake_twilio.stop,
            start=lambda: fake_twilio.start(port or 0),
        )

    totals = send(sender, broadcast_id, chaos)
    # A request cut off by the outage (connected, then reset) may have reached Twilio: it is
    # recorded "unknown", never sent again; a refused connection is retried.
    unsure = reasons(sessions, broadcast_id)
    assert {reason for _, reason in unsure} <= {"twilio: ConnectionError"}, unsure
    assert totals.get("unknown", 0) == len(unsure) <= sender.concurrency
    delivered = Counter(c.to for c in fake_twilio.delivered())
    assert set(delivered.values()) == {1}
    assert len(delivered) >= totals["sent"] >= 20 - sender.concurrency
    assert set(delivered) <= {f"whatsapp:{p}" for p in phones}


def test_mariadb_killed_mid_broadcast_then_resumed(
    mariadb: ThrowawayMariaDB, fake_telegram: FakeTelegramAPI
) -> None:
    migrate.upgrade(mariadb.url)
    engine = make_engine(mariadb.url)
    sessions = make_sessionmaker(engine)
    try:
        chats = add_identities(sessions, "telegram", 40)
        broadcast_id = create(sessions, "telegram")
        first = make_sender(sessions, telegram=fake_telegram, telegram_rate=100.0, per_chat_s=0.0)

        async def crash() -> None:
            await asyncio.to_thread(fake_telegram.wait_for, "sendMessage", 15)
            await asyncio.to_thread(mariadb.kill)

        with pytest.raises(OperationalError):  # the sender dies with its database
            send(first, broadcast_id, crash)
        mariadb.start()
        later = NOW + timedelta(minutes=5)  # past the dead sender's claim leases
        second = make_sender(
            sessions, telegram=fake_telegram, per_chat_s=0.0, owner="second", now=lambda: later
        )
        totals = send(second, broadcast_id, _nothing)
        assert set(totals) <= {"sent", "unknown"}
        assert totals["sent"] + totals.get("unknown", 0) == 40
        assert totals.get("unknown", 0) <= first.concurrency  # at most the sends in flight
        delivered = Counter(c.chat_id for c in fake_telegram.delivered())
        assert set(delivered.values()) == {1}  # nobody got it twice
        assert set(delivered) <= set(chats)
        assert len(delivered) >= totals["sent"]
    finally:
        engine.dispose()


async def _nothing() -> None:
    return None


def test_telegram_cut_off_after_sending_is_not_sent_again(
    sessions: Sessions, fake_telegram: FakeTelegramAPI
) -> None:
    chats = add_identities(sessions, "telegram", 10)
    broadcast_id = create(sessions, "telegram")
    fake_telegram.drop_answers(times=2)  # delivered, but the answer never comes back
    sender = make_sender(sessions, telegram=fake_telegram, telegram_rate=200.0, per_chat_s=0.0)
    totals = send(sender, broadcast_id, _nothing)
    assert totals == {"sent": 8, "unknown": 2}, reasons(sessions, broadcast_id)
    once_each(chats, [c.chat_id for c in fake_telegram.delivered()])
