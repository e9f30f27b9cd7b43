"""Broadcast test fixtures: a migrated SQLite file and senders aimed at the fake platforms."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from db import migrate
from db.engine import make_engine, make_sessionmaker
from tests.db.databases import db_url, empty_db_url, sessions
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.twilio_api import ACCOUNT_SID, AUTH_TOKEN, FROM, FakeTwilioAPI
from tests.webhooks.broadcast.people import NOW
from webhooks.broadcast.pacing import Pacer
from webhooks.broadcast.providers import TelegramBroadcaster, WhatsAppBroadcaster
from webhooks.broadcast.sender import Broadcaster, BroadcastSender

Sessions = sessionmaker[Session]
__all__ = ["db_url", "empty_db_url", "sessions"]


@pytest.fixture
def sqlite_sessions(tmp_path: Path) -> Iterator[Sessions]:
    url = f"sqlite:///{tmp_path / 'abogado.db'}"
    migrate.upgrade(url)
    engine = make_engine(url)
    yield make_sessionmaker(engine)
    engine.dispose()


def telegram_broadcaster(fake: FakeTelegramAPI) -> TelegramBroadcaster:
    from telegram import Bot
    from telegram.request import HTTPXRequest

    return TelegramBroadcaster(
        Bot(fake.token, base_url=fake.base_url, request=HTTPXRequest(connection_pool_size=16))
    )


def whatsapp_broadcaster(
    fake: FakeTwilioAPI, *, now: Callable[[], datetime] = lambda: NOW
) -> WhatsAppBroadcaster:
    from services.settings import Settings, TwilioSettings
    from webhooks.whatsapp_channel import build_client

    settings = Settings(
        twilio=TwilioSettings(
            account_sid=ACCOUNT_SID,
            auth_token=AUTH_TOKEN,  # type: ignore[arg-type]  # pydantic coerces to SecretStr
            whatsapp_from=FROM,
            api_base_url=fake.url,
        )
    )
    return WhatsAppBroadcaster(build_client(settings), from_number=FROM, now=now)


def make_sender(
    sessions: Sessions,
    *,
    telegram: FakeTelegramAPI | None = None,
    twilio: FakeTwilioAPI | None = None,
    telegram_rate: float = 30.0,
    per_chat_s: float = 1.0,
    whatsapp_rate: float = 10.0,
    concurrency: int = 8,
    owner: str = "test-sender",
    now: Callable[[], datetime] = lambda: NOW,
) -> BroadcastSender:
    broadcasters: dict[str, Broadcaster] = {}
    if telegram is not None:
        broadcasters["telegram"] = telegram_broadcaster(telegram)
    if twilio is not None:
        broadcasters["whatsapp"] = whatsapp_broadcaster(twilio, now=now)
    return BroadcastSender(
        sessions=sessions,
        broadcasters=broadcasters,
        pacers={
            "telegram": Pacer(rate=telegram_rate, per_chat_s=per_chat_s),
            "whatsapp": Pacer(rate=whatsapp_rate),
        },
        concurrency=concurrency,
        owner=owner,
        now=now,
    )


def run(sender: BroadcastSender, *broadcast_ids: int) -> list[dict[str, int]]:
    """Send each broadcast in turn on one event loop (pacers shared), then close the clients."""

    async def go() -> list[dict[str, int]]:
        try:
            return [await sender.run(b) for b in broadcast_ids]
        finally:
            for broadcaster in sender.broadcasters.values():
                await broadcaster.close()

    return asyncio.run(go())
