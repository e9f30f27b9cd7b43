"""The broadcast sender against the fake Telegram and Twilio servers: pacing, 429, 403, opt-outs,
the WhatsApp 24-hour rule and templates, Twilio errors, and two senders at once."""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from db import broadcasts as repo
from db.broadcasts import Audience, DeliveryRow
from db.models import ChatIdentity
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.timing import max_in_window
from tests.fakes.twilio_api import FakeTwilioAPI
from tests.webhooks.broadcast.conftest import make_sender, run
from tests.webhooks.broadcast.people import NOW, add_identities, set_flags
from webhooks.broadcast.compose import STOP_LINE

Sessions = sessionmaker[Session]
TEMPLATE = "HX" + "a" * 32


def create(
    sessions: Sessions,
    *,
    channel: str = "all",
    text: str = "La semana laboral baja a 40 horas.",
    template_sid: str | None = None,
    variables: dict[str, str] | None = None,
) -> int:
    with sessions.begin() as session:
        return repo.create_broadcast(
            session,
            text=text,
            audience=Audience(channel=channel),
            created_by="admin@x.mx",
            now=NOW,
            template_sid=template_sid,
            template_variables=variables,
        )


def rows(sessions: Sessions, broadcast_id: int) -> dict[str, DeliveryRow]:
    with sessions() as session:
        found = session.execute(
            select(ChatIdentity.external_id, DeliveryRow)
            .join(DeliveryRow, DeliveryRow.identity_id == ChatIdentity.id)
            .where(DeliveryRow.broadcast_id == broadcast_id)
        ).all()
    return {str(chat): row for chat, row in found}


def test_telegram_holds_30_per_second_and_sends_everyone_once(
    sqlite_sessions: Sessions, fake_telegram: FakeTelegramAPI
) -> None:
    chats = add_identities(sqlite_sessions, "telegram", 90)
    broadcast_id = create(sqlite_sessions)
    (totals,) = run(make_sender(sqlite_sessions, telegram=fake_telegram), broadcast_id)
    calls = fake_telegram.sent()
    assert totals["sent"] == 90
    assert Counter(c.chat_id for c in calls) == dict.fromkeys(chats, 1)
    times = [c.at for c in calls]
    assert max_in_window(times) <= 30
    # 30 per sliding second means messages 1, 31 and 61 are each at least a second apart.
    assert max(times) - min(times) >= 2.0
    assert all(c.text.endswith("\n\n" + STOP_LINE) for c in calls)
    assert all("parse_mode" not in c.params for c in calls)


def test_one_message_per_chat_per_second(
    sqlite_sessions: Sessions, fake_telegram: FakeTelegramAPI
) -> None:
    chats = add_identities(sqlite_sessions, "telegram", 3)
    first, second = create(sqlite_sessions), create(sqlite_sessions, text="Otro aviso")
    sender = make_sender(sqlite_sessions, telegram=fake_telegram, telegram_rate=200)
    run(sender, first, second)
    for chat in chats:
        times = sorted(c.at for c in fake_telegram.sent(chat))
        assert len(times) == 2
        assert times[1] - times[0] >= 0.99


def test_429_pauses_all_sending_for_retry_after(
    sqlite_sessions: Sessions, fake_telegram: FakeTelegramAPI
) -> None:
    chats = add_identities(sqlite_sessions, "telegram", 12)
    broadcast_id = create(sqlite_sessions)
    fake_telegram.rate_limit(retry_after=1)
    (totals,) = run(make_sender(sqlite_sessions, telegram=fake_telegram), broadcast_id)
    calls = fake_telegram.sent()
    limited = calls[0]
    # The pause starts when the sender reads the 429, a moment after the fake answered it (a
    # send already on its way may still land): then nothing for about retry_after.
    later = sorted(c.at for c in calls[1:] if c.at >= limited.at)
    starts = [limited.at, *later]
    pauses = [(a, b - a) for a, b in zip(starts, later, strict=False) if b - a >= 0.9]
    assert pauses, "no pause after the 429"
    assert pauses[0][0] - limited.at < 0.5  # the pause began right after the 429
    assert totals["sent"] == 12
    assert len(calls) == 13
    assert Counter(c.chat_id for c in calls)[limited.chat_id] == 2
    assert rows(sqlite_sessions, broadcast_id)[limited.chat_id].attempts == 2
    assert set(chats) == {c.chat_id for c in calls}


def test_blocked_bot_marks_identity_and_moves_on(
    sqlite_sessions: Sessions, fake_telegram: FakeTelegramAPI
) -> None:
    chats = add_identities(sqlite_sessions, "telegram", 5)
    fake_telegram.block_chat(chats[2])
    broadcast_id = create(sqlite_sessions)
    (totals,) = run(make_sender(sqlite_sessions, telegram=fake_telegram), broadcast_id)
    assert (totals["sent"], totals["skipped"]) == (4, 1)
    row = rows(sqlite_sessions, broadcast_id)[chats[2]]
    assert (row.status, row.reason, row.attempts) == ("skipped", "blocked_by_user", 1)
    with sqlite_sessions() as session:
        assert repo.count_audience(session, Audience(channel="telegram"), now=NOW) == {
            "telegram": 4
        }


def test_opted_out_never_receive(sqlite_sessions: Sessions, fake_telegram: FakeTelegramAPI) -> None:
    chats = add_identities(sqlite_sessions, "telegram", 4)
    set_flags(sqlite_sessions, "telegram", chats[0], opted_out=True)
    broadcast_id = create(sqlite_sessions)
    sender = make_sender(sqlite_sessions, telegram=fake_telegram)
    sender.prepare(broadcast_id)
    # BAJA arrives after the deliveries exist but before the sender reaches the row.
    set_flags(sqlite_sessions, "telegram", chats[1], opted_out=True)
    (totals,) = run(sender, broadcast_id)
    found = rows(sqlite_sessions, broadcast_id)
    assert chats[0] not in found
    assert (found[chats[1]].status, found[chats[1]].reason) == ("skipped", "opted_out")
    assert {c.chat_id for c in fake_telegram.sent()} == set(chats[2:])
    assert totals["sent"] == 2


def test_whatsapp_window_template_and_skip(
    sqlite_sessions: Sessions, fake_twilio: FakeTwilioAPI
) -> None:
    inside = add_identities(
        sqlite_sessions, "whatsapp", 1, last_inbound_at=NOW - timedelta(hours=23, minutes=59)
    )
    outside = add_identities(
        sqlite_sessions, "whatsapp", 1, start=2000, last_inbound_at=NOW - timedelta(seconds=86401)
    )
    never = add_identities(sqlite_sessions, "whatsapp", 1, start=3000, last_inbound_at=None)
    with_template = create(sqlite_sessions, template_sid=TEMPLATE, variables={"1": "mayo"})
    (totals,) = run(make_sender(sqlite_sessions, twilio=fake_twilio), with_template)
    assert totals["sent"] == 3
    free = fake_twilio.messages(to=f"whatsapp:{inside[0]}")
    assert [c.body for c in free] == ["La semana laboral baja a 40 horas.\n\n" + STOP_LINE]
    for number in (outside[0], never[0]):
        (call,) = fake_twilio.messages(to=f"whatsapp:{number}")
        assert call.form["ContentSid"] == TEMPLATE
        assert json.loads(call.form["ContentVariables"]) == {"1": "mayo"}
        assert "Body" not in call.form
    found = rows(sqlite_sessions, with_template)
    assert all(r.provider_id and r.provider_id.startswith("SM") for r in found.values())

    without = create(sqlite_sessions)
    (totals,) = run(make_sender(sqlite_sessions, twilio=fake_twilio), without)
    assert (totals["sent"], totals["skipped"]) == (1, 2)
    assert rows(sqlite_sessions, without)[outside[0]].reason == "outside_24h_window_no_template"
    assert len(fake_twilio.messages()) == 4


def test_63016_falls_back_to_the_template_once(
    sqlite_sessions: Sessions, fake_twilio: FakeTwilioAPI
) -> None:
    (number,) = add_identities(sqlite_sessions, "whatsapp", 1)
    fake_twilio.fail_next(63016, to=f"whatsapp:{number}")
    broadcast_id = create(sqlite_sessions, template_sid=TEMPLATE)
    (totals,) = run(make_sender(sqlite_sessions, twilio=fake_twilio), broadcast_id)
    calls = fake_twilio.messages()
    assert totals["sent"] == 1
    assert ["Body" in c.form for c in calls] == [True, False]
    assert calls[1].form["ContentSid"] == TEMPLATE


def test_21610_and_63017_are_recorded(
    sqlite_sessions: Sessions, fake_twilio: FakeTwilioAPI
) -> None:
    numbers = add_identities(sqlite_sessions, "whatsapp", 3)
    fake_twilio.fail_next(21610, to=f"whatsapp:{numbers[0]}")
    fake_twilio.fail_next(63017, to=f"whatsapp:{numbers[1]}")
    broadcast_id = create(sqlite_sessions)
    (totals,) = run(make_sender(sqlite_sessions, twilio=fake_twilio), broadcast_id)
    found = rows(sqlite_sessions, broadcast_id)
    assert (found[numbers[0]].status, found[numbers[0]].reason) == ("failed", "twilio 21610")
    assert (found[numbers[1]].status, found[numbers[1]].reason) == ("sent", "twilio 63017")
    assert found[numbers[1]].attempts == 2
    assert (totals["sent"], totals["failed"]) == (2, 1)
    with sqlite_sessions() as session:
        opted = session.scalar(
            select(ChatIdentity.opted_out).where(ChatIdentity.external_id == numbers[0])
        )
    assert opted is True


def test_whatsapp_default_rate(sqlite_sessions: Sessions, fake_twilio: FakeTwilioAPI) -> None:
    add_identities(sqlite_sessions, "whatsapp", 25)
    broadcast_id = create(sqlite_sessions)
    run(make_sender(sqlite_sessions, twilio=fake_twilio), broadcast_id)
    times = [c.at for c in fake_twilio.messages()]
    assert len(times) == 25
    assert max_in_window(times) <= 10
    assert max(times) - min(times) >= 24 / 10.5


def test_two_senders_at_once_send_each_message_once(
    sessions: Sessions, fake_telegram: FakeTelegramAPI
) -> None:
    """On SQLite and MariaDB: the claim's conditional UPDATE is the only lock needed."""
    chats = add_identities(sessions, "telegram", 60)
    broadcast_id = create(sessions)
    # The fake holds every send, so a sender claims at most `concurrency` (8) rows and then
    # waits; both must have claimed before anything is answered. Timing cannot make one sender
    # take all 60 before the other runs.
    fake_telegram.hold()
    a = make_sender(sessions, telegram=fake_telegram, owner="a")
    b = make_sender(sessions, telegram=fake_telegram, owner="b")

    async def release_once_both_claimed() -> None:
        for _ in range(2000):
            owners = {r.owner for r in rows(sessions, broadcast_id).values()}
            if {"a", "b"} <= owners:
                break
            await asyncio.sleep(0.005)
        fake_telegram.release()

    async def both() -> None:
        try:
            await asyncio.gather(
                a.run(broadcast_id), b.run(broadcast_id), release_once_both_claimed()
            )
        finally:
            fake_telegram.release()
            for sender in (a, b):
                for broadcaster in sender.broadcasters.values():
                    await broadcaster.close()

    asyncio.run(both())
    assert Counter(c.chat_id for c in fake_telegram.sent()) == dict.fromkeys(chats, 1)
    owners = Counter(r.owner for r in rows(sessions, broadcast_id).values())
    assert set(owners) == {"a", "b"}
    with sessions() as session:
        view = repo.get_broadcast(session, broadcast_id)
    assert view is not None
    assert view.status == "done"
