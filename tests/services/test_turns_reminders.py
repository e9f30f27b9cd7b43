"""The turn runner performs the reminder effects on a real database (SQLite and MariaDB): "sí"
to the offer stores the rows for the chat that asked, /mis_datos lists them, /cerrar and BAJA
cancel them, /borrar deletes them."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.messages import Inbound
from db.models import ChatIdentity
from db.reminder_table import ReminderRow
from services.turns import TurnRunner
from tests.db.databases import row_count
from tests.services.fakes import FakeAnswerer, FixedClock, fake_works

Sessions = sessionmaker[Session]
_ids = itertools.count(1)
# FixedClock: 2026-11-26 in Mexico City. Dismissed "ayer", so the deadline is 2027-01-25.
DEADLINE = date(2027, 1, 25)
REMIND_ON = [date(2027, 1, 11), date(2027, 1, 22)]


def _say(runner: TurnRunner, body: str, chat: str) -> str:
    inbound = Inbound.from_text(
        channel="telegram",
        chat_id=chat,
        message_id=f"r{next(_ids)}",
        text=body,
        received_at=datetime(2026, 11, 26, 17, 59, tzinfo=UTC),
    )
    return "\n".join(r.as_text() for r in runner.handle(inbound).replies)


def _dismissed_and_offered(sessions: Sessions, chat: str) -> TurnRunner:
    runner = TurnRunner(
        answerer=FakeAnswerer(),
        clock=FixedClock(),
        work=fake_works(sessions),
        sleep=lambda _: None,
    )
    _say(runner, "hola", chat)
    _say(runner, "123456", chat)
    story = _say(
        runner,
        "buenas, ayer me corrieron del oxxo donde era cajero, entre hace como 3 años y "
        "ganaba 9 mil al mes",
        chat,
    )
    assert "tienes hasta el 25 de enero de 2027" in story
    return runner


def _reminders(sessions: Sessions) -> list[tuple[date, date, str, str]]:
    with sessions() as session:
        rows = session.execute(
            select(ChatIdentity.external_id, ReminderRow)
            .join(ChatIdentity, ChatIdentity.id == ReminderRow.identity_id)
            .order_by(ReminderRow.id)
        ).all()
    return [(r.send_on, r.deadline, r.status, str(chat)) for chat, r in rows]


def test_yes_stores_the_reminders_for_this_chat_and_my_data_lists_them(
    sessions: Sessions,
) -> None:
    runner = _dismissed_and_offered(sessions, "600")
    assert "te lo recuerdo" in _say(runner, "si porfa", "600")
    assert _reminders(sessions) == [(d, DEADLINE, "pending", "600") for d in REMIND_ON]
    my_data = _say(runner, "/mis_datos", "600")
    for day in ("11", "22"):
        assert (
            f"Recordatorio del caso 1: se manda el {day} de enero de 2027 "
            "(plazo: 25 de enero de 2027)"
        ) in my_data


def test_no_stores_nothing(sessions: Sessions) -> None:
    runner = _dismissed_and_offered(sessions, "601")
    _say(runner, "no gracias", "601")
    assert row_count(sessions, ReminderRow) == 0


def test_closing_the_case_cancels_its_reminders(sessions: Sessions) -> None:
    runner = _dismissed_and_offered(sessions, "602")
    _say(runner, "si", "602")
    _say(runner, "/cerrar", "602")
    assert [status for *_, status, _chat in _reminders(sessions)] == ["cancelled", "cancelled"]
    assert "Recordatorio del caso" not in _say(runner, "/mis_datos", "602")


def test_baja_cancels_every_reminder_of_the_user(sessions: Sessions) -> None:
    runner = _dismissed_and_offered(sessions, "603")
    _say(runner, "si", "603")
    _say(runner, "BAJA", "603")
    assert {status for *_, status, _chat in _reminders(sessions)} == {"cancelled"}


def test_delete_everything_removes_them(sessions: Sessions) -> None:
    runner = _dismissed_and_offered(sessions, "604")
    _say(runner, "si", "604")
    _say(runner, "/borrar", "604")
    _say(runner, "Sí, borrar todo", "604")
    assert row_count(sessions, ReminderRow) == 0
