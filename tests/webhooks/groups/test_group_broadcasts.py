"""Broadcasts to opted-in Telegram groups: who gets one, once, and 20 a minute per group."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from db import broadcasts as repo
from db import migrate
from db.engine import make_engine, make_sessionmaker
from db.groups import GroupState, SqlGroups
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.webhooks.broadcast.conftest import make_sender, telegram_broadcaster
from tests.webhooks.clock import FakeTime
from webhooks.broadcast.groups import GroupBroadcastSender, GroupRate
from webhooks.broadcast.pacing import Pacer

NOW = datetime(2026, 5, 1, 18, 0, tzinfo=UTC)


def _sessions(tmp_path: Path) -> sessionmaker[Session]:
    url = f"sqlite:///{tmp_path / 'abogado.db'}"
    migrate.upgrade(url)
    return make_sessionmaker(make_engine(url))


def _broadcast(sessions: sessionmaker[Session], audience: repo.Audience) -> int:
    with sessions.begin() as session:
        return repo.create_broadcast(
            session, text="Cambió la ley: 40 horas.", audience=audience, created_by="a", now=NOW
        )


def _groups(sessions: sessionmaker[Session]) -> SqlGroups:
    groups = SqlGroups(sessions)
    for chat in ("-1001", "-1002", "-1003", "-1004"):
        groups.joined(chat, now=NOW)
    for chat in ("-1001", "-1002", "-1004"):
        groups.switch(chat, now=NOW, broadcasts=True)
    groups.left("-1004", now=NOW)  # opted in, then removed the bot
    return groups


def test_opted_in_groups_get_a_general_broadcast_once(
    tmp_path: Path, fake_telegram: FakeTelegramAPI
) -> None:
    sessions = _sessions(tmp_path)
    _groups(sessions)
    broadcast = _broadcast(sessions, repo.Audience())
    fake_telegram.block_chat("-1002")  # the bot was kicked and the update lost
    sender = make_sender(sessions, telegram=fake_telegram)
    sender.groups = GroupBroadcastSender(
        sessions=sessions,
        telegram=telegram_broadcaster(fake_telegram),
        pacer=Pacer(rate=30.0, per_chat_s=1.0),
    )
    asyncio.run(sender.run(broadcast))
    asyncio.run(sender.run(broadcast))  # again: nobody gets it twice
    [sent] = fake_telegram.delivered("-1001")
    assert sent.text.startswith("Cambió la ley: 40 horas.")
    assert sent.text.endswith("un administrador escribe /avisos no.")
    assert fake_telegram.sent("-1003") == []  # never opted in
    assert fake_telegram.sent("-1004") == []  # left
    assert len(fake_telegram.sent("-1002")) == 1  # refused once, then marked left
    assert SqlGroups(sessions).state("-1002") == GroupState("-1002", broadcasts=True, present=False)


def test_a_broadcast_for_some_people_does_not_reach_groups(
    tmp_path: Path, fake_telegram: FakeTelegramAPI
) -> None:
    sessions = _sessions(tmp_path)
    _groups(sessions)
    sender = make_sender(sessions, telegram=fake_telegram)
    sender.groups = GroupBroadcastSender(
        sessions=sessions, telegram=telegram_broadcaster(fake_telegram), pacer=Pacer(rate=30.0)
    )
    for audience in (
        repo.Audience(topic="despido"),
        repo.Audience(linked_only=True),
        repo.Audience(channel="whatsapp"),
    ):
        asyncio.run(sender.run(_broadcast(sessions, audience)))
    assert fake_telegram.sent() == []


def test_twenty_a_minute_per_group() -> None:
    fake = FakeTime()
    rate = GroupRate(clock=fake.clock, sleep=fake.sleep)

    async def send(n: int, chat: str) -> list[float]:
        times = []
        for _ in range(n):
            await rate.acquire(chat)
            times.append(fake.now)
        return times

    first = asyncio.run(send(25, "-1001"))
    assert first[:20] == [1000.0] * 20
    assert first[20:] == [1060.0] * 5
    other = asyncio.run(send(3, "-1002"))  # another group is not held by the first
    assert other == [1060.0] * 3
    in_window = [t for t in first if 1000.0 <= t < 1060.0]
    assert len(in_window) == 20
