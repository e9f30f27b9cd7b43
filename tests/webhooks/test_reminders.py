"""The reminder sender against the fake Telegram and Twilio servers: due in Mexico City time, sent
once (also by two senders at once), opted-out, unlinked and closed cases, the WhatsApp 24-hour
window with and without a template, retries, crash recovery and the serve loop."""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from db import reminders
from db.identities import unlink
from db.models import CaseRow, ChatIdentity
from tests.db.databases import db_url, empty_db_url, sessions
from tests.fakes.fixtures import fake_telegram, fake_twilio
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.twilio_api import FakeTwilioAPI
from tests.webhooks.reminders_rig import (
    DEADLINE,
    DUE,
    TEMPLATE,
    WHAT,
    clock_at,
    hours,
    person,
    rows,
    run_once,
    sender,
)
from webhooks.reminders import reminder_job, render, template_variables

__all__ = ["db_url", "empty_db_url", "fake_telegram", "fake_twilio", "sessions"]
Sessions = sessionmaker[Session]


def test_render_counts_days_from_today_in_spanish() -> None:
    text = render(case_number=2, deadline=DEADLINE, what=WHAT, today=date(2026, 12, 6))
    assert "caso 2" in text
    assert "tienes hasta el 20 de diciembre de 2026 para presentar tu solicitud" in text
    assert "Faltan 14 días" in text
    assert "PROFEDET" in text
    assert "escribe BAJA" in text
    one = render(case_number=2, deadline=DEADLINE, what=WHAT, today=date(2026, 12, 19))
    assert "mañana, 20 de diciembre de 2026, es el último día" in one
    last = render(case_number=2, deadline=DEADLINE, what=WHAT, today=DEADLINE)
    assert "hoy es el último día para presentar" in last
    assert template_variables(case_number=2, deadline=DEADLINE, what=WHAT) == {
        "1": "2",
        "2": "20 de diciembre de 2026",
        "3": WHAT,
    }


def test_sent_once_when_its_day_and_hour_come(
    sessions: Sessions, fake_telegram: FakeTelegramAPI
) -> None:
    person(sessions, "700")
    # 08:59 in Mexico City: not yet.
    early = clock_at(DUE - timedelta(minutes=1))
    assert run_once(sender(sessions, early, telegram=fake_telegram)) == {}
    assert fake_telegram.sent() == []
    assert run_once(sender(sessions, clock_at(), telegram=fake_telegram)) == {"sent": 1}
    assert run_once(sender(sessions, clock_at(DUE + hours(2)), telegram=fake_telegram)) == {}
    (call,) = fake_telegram.sent()
    assert call.chat_id == "700"
    assert call.text == render(case_number=1, deadline=DEADLINE, what=WHAT, today=date(2026, 12, 6))
    (row,) = rows(sessions)
    assert (row.status, row.attempts, row.reason) == ("sent", 1, None)


def test_two_senders_at_once_send_each_reminder_once(
    sessions: Sessions, fake_telegram: FakeTelegramAPI
) -> None:
    """On SQLite and MariaDB. The fake holds every send, so each sender has claimed a row and
    waits on it before anything is answered: both really run at once, not one after the other."""
    chats = [str(800 + i) for i in range(12)]
    for chat in chats:
        person(sessions, chat)
    fake_telegram.hold()
    a = sender(sessions, clock_at(), telegram=fake_telegram, owner="a")
    b = sender(sessions, clock_at(), telegram=fake_telegram, owner="b")

    async def release_once_both_claimed() -> None:
        for _ in range(2000):
            if {"a", "b"} <= {r.owner for r in rows(sessions)}:
                break
            await asyncio.sleep(0.005)
        fake_telegram.release()

    async def both() -> list[dict[str, int]]:
        try:
            totals = await asyncio.gather(a.run_once(), b.run_once(), release_once_both_claimed())
            return [totals[0], totals[1]]
        finally:
            fake_telegram.release()
            await a.close()
            await b.close()

    first, second = asyncio.run(both())
    assert first["sent"] >= 1
    assert second["sent"] >= 1
    assert first["sent"] + second["sent"] == 12
    assert Counter(c.chat_id for c in fake_telegram.sent()) == dict.fromkeys(chats, 1)
    assert {r.status for r in rows(sessions)} == {"sent"}


def test_opted_out_chat_is_not_sent_to_and_its_reminders_are_cancelled(
    sessions: Sessions, fake_telegram: FakeTelegramAPI
) -> None:
    identity_id = person(sessions, "701", days=(date(2026, 12, 6), date(2026, 12, 17)))
    person(sessions, "702")
    with sessions.begin() as session:  # BAJA after the reminders were scheduled
        session.get_one(ChatIdentity, identity_id).opted_out = True
    assert run_once(sender(sessions, clock_at(), telegram=fake_telegram)) == {
        "cancelled": 1,
        "sent": 1,
    }
    assert [c.chat_id for c in fake_telegram.sent()] == ["702"]
    found = {(r.identity_id, r.send_on): (r.status, r.reason) for r in rows(sessions)}
    assert found[(identity_id, date(2026, 12, 6))] == ("cancelled", "opted_out")
    assert found[(identity_id, date(2026, 12, 17))] == ("cancelled", "opted_out")


def test_closed_case_unlinked_chat_and_past_deadline_are_not_sent(
    sessions: Sessions, fake_telegram: FakeTelegramAPI
) -> None:
    person(sessions, "710")
    person(sessions, "711")
    person(sessions, "712")
    with sessions.begin() as session:
        closed = session.scalars(
            select(CaseRow)
            .join(ChatIdentity, ChatIdentity.user_id == CaseRow.user_id)
            .where(ChatIdentity.external_id == "710")
        ).one()
        closed.status = "cerrado"
        unlink(session, channel="telegram", chat_id="711")
    totals = run_once(sender(sessions, clock_at(), telegram=fake_telegram))
    assert totals == {"cancelled": 2, "sent": 1}
    assert [c.chat_id for c in fake_telegram.sent()] == ["712"]
    reasons = sorted(r.reason or "" for r in rows(sessions) if r.status == "cancelled")
    assert reasons == ["case_closed", "unlinked"]


def test_a_sender_down_past_the_deadline_skips_instead_of_sending_late(
    sessions: Sessions, fake_telegram: FakeTelegramAPI
) -> None:
    person(sessions, "720")
    late = clock_at(DUE + timedelta(days=15))  # Dec 21: the deadline was Dec 20
    assert run_once(sender(sessions, late, telegram=fake_telegram)) == {"skipped": 1}
    assert fake_telegram.sent() == []
    assert rows(sessions)[0].reason == "deadline_passed"


def test_whatsapp_inside_the_window_gets_the_text(
    sessions: Sessions, fake_twilio: FakeTwilioAPI
) -> None:
    person(sessions, "+5215512340001", channel="whatsapp", last_inbound_at=DUE - hours(3))
    assert run_once(sender(sessions, clock_at(), twilio=fake_twilio, template_sid=TEMPLATE)) == {
        "sent": 1
    }
    (call,) = fake_twilio.messages()
    assert call.to == "whatsapp:+5215512340001"
    assert call.body.startswith("⏰ Recordatorio de tu caso 1")
    assert "ContentSid" not in call.form


def test_whatsapp_outside_the_window_uses_the_template(
    sessions: Sessions, fake_twilio: FakeTwilioAPI
) -> None:
    person(sessions, "+5215512340002", channel="whatsapp", last_inbound_at=DUE - hours(30))
    assert run_once(sender(sessions, clock_at(), twilio=fake_twilio, template_sid=TEMPLATE)) == {
        "sent": 1
    }
    (call,) = fake_twilio.messages()
    assert call.form["ContentSid"] == TEMPLATE
    assert json.loads(call.form["ContentVariables"]) == {
        "1": "1",
        "2": "20 de diciembre de 2026",
        "3": WHAT,
    }
    assert "Body" not in call.form


def test_whatsapp_outside_the_window_without_a_template_is_skipped_with_the_reason(
    sessions: Sessions, fake_twilio: FakeTwilioAPI
) -> None:
    person(sessions, "+5215512340003", channel="whatsapp", last_inbound_at=DUE - hours(30))
    assert run_once(sender(sessions, clock_at(), twilio=fake_twilio)) == {"skipped": 1}
    assert fake_twilio.messages() == []
    assert rows(sessions)[0].reason == "outside_24h_window_no_template"


def test_twilio_opt_out_marks_the_chat_and_cancels_its_other_reminders(
    sessions: Sessions, fake_twilio: FakeTwilioAPI
) -> None:
    identity_id = person(
        sessions,
        "+5215512340004",
        channel="whatsapp",
        days=(date(2026, 12, 6), DEADLINE),
        last_inbound_at=DUE - hours(1),
    )
    fake_twilio.fail_next(21610)
    assert run_once(sender(sessions, clock_at(), twilio=fake_twilio)) == {"failed": 1}
    assert [(r.status, r.reason) for r in rows(sessions)] == [
        ("failed", "twilio 21610"),
        ("cancelled", "opted_out"),
    ]
    with sessions() as session:
        assert session.get_one(ChatIdentity, identity_id).opted_out


def test_a_rate_limit_gives_the_reminder_back_for_a_later_pass(
    sessions: Sessions, fake_twilio: FakeTwilioAPI
) -> None:
    person(sessions, "+5215512340005", channel="whatsapp", last_inbound_at=DUE - hours(1))
    fake_twilio.fail_next(63017)
    assert run_once(sender(sessions, clock_at(), twilio=fake_twilio)) == {"retry": 1}
    assert (
        run_once(sender(sessions, clock_at(DUE + timedelta(minutes=1)), twilio=fake_twilio)) == {}
    )
    later = clock_at(DUE + timedelta(minutes=5))
    assert run_once(sender(sessions, later, twilio=fake_twilio)) == {"sent": 1}
    assert len(fake_twilio.messages()) == 2  # the refused one and the one that went
    (row,) = rows(sessions)
    assert (row.status, row.attempts) == ("sent", 2)


def test_a_dead_senders_claim_is_recorded_as_unknown_not_resent(
    sessions: Sessions, fake_telegram: FakeTelegramAPI
) -> None:
    person(sessions, "730")
    with sessions.begin() as session:
        (reminder_id,) = reminders.due(session, now=DUE)
        reminders.claim(session, reminder_id, owner="dead", now=DUE)
    after_lease = clock_at(DUE + timedelta(minutes=11))
    assert run_once(sender(sessions, after_lease, telegram=fake_telegram)) == {}
    assert fake_telegram.sent() == []
    assert (rows(sessions)[0].status, rows(sessions)[0].reason) == (
        "unknown",
        "in_doubt_after_crash",
    )


def test_the_serve_job_sends_due_reminders_until_stopped(
    sessions: Sessions, fake_telegram: FakeTelegramAPI
) -> None:
    person(sessions, "740")
    job = reminder_job(sender(sessions, clock_at(), telegram=fake_telegram), interval_s=3600)

    async def go() -> None:
        stop = asyncio.Event()
        task = asyncio.create_task(job(stop))
        await asyncio.to_thread(fake_telegram.wait_for, "sendMessage", 1)
        stop.set()
        await asyncio.wait_for(task, timeout=10)

    asyncio.run(go())
    assert [c.chat_id for c in fake_telegram.sent()] == ["740"]


def test_out_of_time_claims_nothing_more_and_leaves_the_rest_pending(
    sessions: Sessions, fake_telegram: FakeTelegramAPI
) -> None:
    person(sessions, "750")
    reminder_sender = sender(sessions, clock_at(), telegram=fake_telegram)

    async def go() -> dict[str, int]:
        try:
            return await reminder_sender.run_once(budget_s=0)
        finally:
            await reminder_sender.close()

    assert asyncio.run(go()) == {}
    assert fake_telegram.sent() == []
    assert [(r.status, r.attempts) for r in rows(sessions)] == [("pending", 0)]
