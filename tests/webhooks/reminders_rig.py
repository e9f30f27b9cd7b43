"""Seeds people with cases and reminders; builds reminder senders aimed at the fake platforms."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from db import reminders
from db.identities import ensure_linked_user
from db.models import CaseRow, ChatIdentity
from db.reminder_table import ReminderRow
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.twilio_api import FakeTwilioAPI
from tests.services.fakes import FixedClock
from tests.webhooks.broadcast.conftest import telegram_broadcaster, whatsapp_broadcaster
from webhooks.broadcast.pacing import TELEGRAM_PER_CHAT_S, TELEGRAM_RATE, WHATSAPP_RATE, Pacer
from webhooks.broadcast.sender import Broadcaster
from webhooks.reminders import ReminderSender

Sessions = sessionmaker[Session]
# Scheduled on Dec 1; the first reminder is due on Dec 6 at 09:00 Mexico City (15:00 UTC).
SCHEDULED = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)
SCHEDULED_ON = date(2026, 12, 1)
SEND_DAY = date(2026, 12, 6)
DUE = datetime(2026, 12, 6, 15, 0, tzinfo=UTC)
DEADLINE = date(2026, 12, 20)
WHAT = "presentar tu solicitud ante el Centro de Conciliación"
TEMPLATE = "HX" + "b" * 32


def person(
    sessions: Sessions,
    chat: str,
    *,
    channel: str = "telegram",
    days: tuple[date, ...] = (SEND_DAY,),
    deadline: date = DEADLINE,
    today: date = SCHEDULED_ON,
    last_inbound_at: datetime | None = SCHEDULED,
) -> int:
    """A linked chat with open case 1 and reminders on ``days`` (scheduled ``today``); returns
    the identity id."""
    with sessions.begin() as session:
        user_id = ensure_linked_user(
            session, channel=channel, chat_id=chat, sub=f"sub-{chat}", username=chat, now=SCHEDULED
        )
        session.add(
            CaseRow(
                user_id=user_id,
                number=1,
                topic="despido",
                status="abierto",
                opened_on=SCHEDULED_ON,
                created_at=SCHEDULED,
                updated_at=SCHEDULED,
            )
        )
        identity = session.scalars(
            select(ChatIdentity).where(
                ChatIdentity.channel == channel, ChatIdentity.external_id == chat
            )
        ).one()
        identity.last_inbound_at = last_inbound_at
        session.flush()
        reminders.schedule(
            session,
            user_id=user_id,
            identity_id=identity.id,
            case_number=1,
            deadline=deadline,
            remind_on=days,
            what=WHAT,
            today=today,
            now=SCHEDULED,
        )
        return identity.id


def rows(sessions: Sessions) -> list[ReminderRow]:
    with sessions() as session:
        return list(session.scalars(select(ReminderRow).order_by(ReminderRow.id)))


def clock_at(instant: datetime = DUE) -> FixedClock:
    return FixedClock(instant)


def sender(
    sessions: Sessions,
    clock: FixedClock,
    *,
    telegram: FakeTelegramAPI | None = None,
    twilio: FakeTwilioAPI | None = None,
    template_sid: str | None = None,
    owner: str = "test",
) -> ReminderSender:
    broadcasters: dict[str, Broadcaster] = {}
    if telegram is not None:
        broadcasters["telegram"] = telegram_broadcaster(telegram)
    if twilio is not None:
        broadcasters["whatsapp"] = whatsapp_broadcaster(twilio, now=clock.now)
    return ReminderSender(
        sessions=sessions,
        broadcasters=broadcasters,
        clock=clock,
        pacers={
            "telegram": Pacer(rate=TELEGRAM_RATE, per_chat_s=TELEGRAM_PER_CHAT_S),
            "whatsapp": Pacer(rate=WHATSAPP_RATE),
        },
        template_sid=template_sid,
        owner=owner,
    )


def run_once(reminder_sender: ReminderSender) -> dict[str, int]:
    """One pass on a fresh event loop, then close the platform clients."""

    async def go() -> dict[str, int]:
        try:
            return await reminder_sender.run_once()
        finally:
            await reminder_sender.close()

    return asyncio.run(go())


def hours(n: float) -> timedelta:
    return timedelta(hours=n)
