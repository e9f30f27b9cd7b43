"""Reminder rows on SQLite and MariaDB: scheduling replaces, cancelling, due in Mexico City time,
claimed once by two senders at once, recovery after a crash, purge, export and deletion."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from db import reminders
from db.housekeeping import purge
from db.identities import ensure_linked_user
from db.models import CaseRow, ChatIdentity
from db.privacy import SqlPrivacy
from db.reminder_table import ReminderRow
from tests.db.databases import row_count

Sessions = sessionmaker[Session]
NOW = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)  # 12:00 in Mexico City
TODAY = date(2026, 12, 1)
DEADLINE = date(2026, 12, 20)
WHAT = "presentar tu solicitud ante el Centro de Conciliación"


def _person(sessions: Sessions, chat: str = "555", cases: int = 2) -> tuple[int, int]:
    """A linked Telegram chat whose user has ``cases`` open cases; (user id, identity id)."""
    with sessions.begin() as session:
        user_id = ensure_linked_user(
            session, channel="telegram", chat_id=chat, sub=f"sub-{chat}", username=chat, now=NOW
        )
        for number in range(1, cases + 1):
            session.add(
                CaseRow(
                    user_id=user_id,
                    number=number,
                    topic="despido",
                    status="abierto",
                    opened_on=TODAY,
                    created_at=NOW,
                    updated_at=NOW,
                )
            )
        identity_id = session.scalars(
            select(ChatIdentity.id).where(ChatIdentity.external_id == chat)
        ).one()
    return user_id, identity_id


def _schedule(
    sessions: Sessions,
    who: tuple[int, int],
    case_number: int = 1,
    days: tuple[date, ...] = (date(2026, 12, 6), date(2026, 12, 17)),
    deadline: date = DEADLINE,
) -> int:
    with sessions.begin() as session:
        return reminders.schedule(
            session,
            user_id=who[0],
            identity_id=who[1],
            case_number=case_number,
            deadline=deadline,
            remind_on=days,
            what=WHAT,
            today=TODAY,
            now=NOW,
        )


def _statuses(sessions: Sessions) -> list[tuple[date, str]]:
    with sessions() as session:
        rows = session.execute(
            select(ReminderRow.send_on, ReminderRow.status).order_by(ReminderRow.id)
        ).all()
    return [(day, status) for day, status in rows]


def test_schedule_stores_one_row_per_day_within_today_and_the_deadline(sessions: Sessions) -> None:
    who = _person(sessions)
    days = (date(2026, 11, 30), TODAY, date(2026, 12, 6), date(2026, 12, 6), date(2026, 12, 21))
    assert _schedule(sessions, who, days=days) == 2
    assert _statuses(sessions) == [(TODAY, "pending"), (date(2026, 12, 6), "pending")]
    with sessions() as session:
        row = session.scalars(select(ReminderRow).order_by(ReminderRow.id)).first()
    assert row is not None
    assert (row.deadline, row.what, row.identity_id, row.attempts) == (DEADLINE, WHAT, who[1], 0)


def test_schedule_for_an_unknown_case_stores_nothing(sessions: Sessions) -> None:
    who = _person(sessions, cases=1)
    assert _schedule(sessions, who, case_number=7) == 0
    assert row_count(sessions, ReminderRow) == 0


def test_a_new_schedule_replaces_only_the_cases_pending_reminders(sessions: Sessions) -> None:
    who = _person(sessions)
    _schedule(sessions, who, case_number=1, days=(TODAY, date(2026, 12, 6)))
    _schedule(sessions, who, case_number=2, days=(date(2026, 12, 10),))
    with sessions.begin() as session:  # the first one went out already
        (first,) = reminders.due(session, now=NOW)
        assert reminders.claim(session, first, owner="a", now=NOW) is not None
        assert reminders.mark(session, first, owner="a", status="sent", now=NOW)
    _schedule(sessions, who, case_number=1, days=(date(2026, 12, 15), date(2026, 12, 18)))
    with sessions() as session:
        rows = session.execute(
            select(CaseRow.number, ReminderRow.send_on, ReminderRow.status)
            .join(CaseRow, CaseRow.id == ReminderRow.case_id)
            .order_by(CaseRow.number, ReminderRow.send_on)
        ).all()
    assert [tuple(r) for r in rows] == [
        (1, TODAY, "sent"),
        (1, date(2026, 12, 15), "pending"),
        (1, date(2026, 12, 18), "pending"),
        (2, date(2026, 12, 10), "pending"),
    ]


def test_cancel_one_case_then_all_of_the_user(sessions: Sessions) -> None:
    who = _person(sessions)
    _schedule(sessions, who, case_number=1)
    _schedule(sessions, who, case_number=2)
    with sessions.begin() as session:
        n = reminders.cancel(
            session, user_id=who[0], identity_id=who[1], case_number=1, reason="x", now=NOW
        )
        assert n == 2
        assert reminders.pending_for_user(session, who[0]) == (
            (2, date(2026, 12, 6), DEADLINE),
            (2, date(2026, 12, 17), DEADLINE),
        )
        n = reminders.cancel(
            session, user_id=who[0], identity_id=who[1], case_number=None, reason="x", now=NOW
        )
        assert n == 2
        assert reminders.pending_for_user(session, who[0]) == ()
    assert Counter(status for _, status in _statuses(sessions)) == {"cancelled": 4}


def test_cancel_leaves_other_people_alone(sessions: Sessions) -> None:
    ana, beto = _person(sessions, "ana"), _person(sessions, "beto")
    _schedule(sessions, ana)
    _schedule(sessions, beto)
    with sessions.begin() as session:
        reminders.cancel(
            session, user_id=ana[0], identity_id=ana[1], case_number=None, reason="x", now=NOW
        )
        assert len(reminders.pending_for_user(session, beto[0])) == 2


def test_due_from_9_in_the_morning_mexico_city_time(sessions: Sessions) -> None:
    who = _person(sessions)
    _schedule(sessions, who, days=(date(2026, 12, 10),))
    assert reminders.due_at(date(2026, 12, 10)) == datetime(2026, 12, 10, 15, 0, tzinfo=UTC)
    with sessions() as session:
        # 23:30 of the 9th in Mexico City is already the 10th in UTC: not due yet.
        assert reminders.due(session, now=datetime(2026, 12, 10, 5, 30, tzinfo=UTC)) == []
        assert reminders.due(session, now=datetime(2026, 12, 10, 14, 59, 59, tzinfo=UTC)) == []
        assert len(reminders.due(session, now=datetime(2026, 12, 10, 15, 0, tzinfo=UTC))) == 1
        # A sender that was down for days still finds it.
        assert len(reminders.due(session, now=datetime(2026, 12, 14, 1, 0, tzinfo=UTC))) == 1


def test_claim_returns_the_chat_and_the_case(sessions: Sessions) -> None:
    who = _person(sessions)
    _schedule(sessions, who, case_number=2, days=(TODAY,))
    later = NOW + timedelta(hours=1)
    with sessions.begin() as session:
        (reminder_id,) = reminders.due(session, now=later)
        claimed = reminders.claim(session, reminder_id, owner="a", now=later)
        assert reminders.claim(session, reminder_id, owner="b", now=later) is None
    assert claimed is not None
    assert (claimed.channel, claimed.chat_id, claimed.case_number, claimed.case_status) == (
        "telegram",
        "555",
        2,
        "abierto",
    )
    assert (claimed.identity_user_id, claimed.user_id, claimed.attempts) == (who[0], who[0], 1)
    assert (claimed.deadline, claimed.what, claimed.opted_out) == (DEADLINE, WHAT, False)


def test_two_senders_at_once_claim_each_reminder_once(sessions: Sessions) -> None:
    """Both threads race over the same due rows; the conditional UPDATE lets one win each."""
    people = [_person(sessions, f"c{i}", cases=1) for i in range(20)]
    for who in people:
        _schedule(sessions, who, days=(TODAY, date(2026, 12, 2), date(2026, 12, 3)))
    later = datetime(2026, 12, 4, 16, 0, tzinfo=UTC)
    start = threading.Barrier(2)
    won: dict[str, list[int]] = {"a": [], "b": []}

    def sender(owner: str) -> None:
        with sessions() as session:
            ids = reminders.due(session, now=later)
        start.wait()
        for reminder_id in ids:
            with sessions.begin() as session:
                if reminders.claim(session, reminder_id, owner=owner, now=later) is not None:
                    won[owner].append(reminder_id)

    threads = [threading.Thread(target=sender, args=(o,)) for o in won]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    claimed = won["a"] + won["b"]
    assert len(claimed) == len(set(claimed)) == 60
    assert Counter(status for _, status in _statuses(sessions)) == {"sending": 60}


def test_only_the_owner_marks_and_a_retry_waits_for_its_time(sessions: Sessions) -> None:
    who = _person(sessions)
    _schedule(sessions, who, days=(TODAY,))
    with sessions.begin() as session:
        (reminder_id,) = reminders.due(session, now=NOW)
        reminders.claim(session, reminder_id, owner="a", now=NOW)
        assert not reminders.mark(session, reminder_id, owner="b", status="sent", now=NOW)
        retry_at = NOW + timedelta(minutes=5)
        assert reminders.mark(
            session, reminder_id, owner="a", status="pending", now=NOW, retry_at=retry_at
        )
        assert reminders.due(session, now=NOW) == []
        assert reminders.claim(session, reminder_id, owner="b", now=NOW) is None
        assert reminders.due(session, now=retry_at) == [reminder_id]
        claimed = reminders.claim(session, reminder_id, owner="b", now=retry_at)
    assert claimed is not None
    assert claimed.attempts == 2


def test_a_dead_senders_claim_becomes_unknown_and_is_never_resent(sessions: Sessions) -> None:
    who = _person(sessions)
    _schedule(sessions, who, days=(TODAY,))
    with sessions.begin() as session:
        (reminder_id,) = reminders.due(session, now=NOW)
        reminders.claim(session, reminder_id, owner="dead", now=NOW)
    lease = timedelta(minutes=10)
    with sessions.begin() as session:
        assert reminders.recover(session, now=NOW + timedelta(minutes=9), lease=lease) == 0
        assert reminders.recover(session, now=NOW + timedelta(minutes=11), lease=lease) == 1
        assert reminders.due(session, now=NOW + timedelta(days=1)) == []
    with sessions() as session:
        row = session.get_one(ReminderRow, reminder_id)
    assert (row.status, row.reason) == ("unknown", "in_doubt_after_crash")


def test_purge_drops_finished_reminders_after_30_days(sessions: Sessions) -> None:
    who = _person(sessions)
    _schedule(sessions, who, days=(TODAY, date(2026, 12, 6)))
    with sessions.begin() as session:
        first = reminders.due(session, now=NOW)[0]
        reminders.claim(session, first, owner="a", now=NOW)
        reminders.mark(session, first, owner="a", status="sent", now=NOW)
    with sessions.begin() as session:
        assert purge(session, now=NOW + timedelta(days=29))["reminders"] == 0
    with sessions.begin() as session:
        assert purge(session, now=NOW + timedelta(days=31))["reminders"] == 1
    assert _statuses(sessions) == [(date(2026, 12, 6), "pending")]


def test_export_lists_pending_reminders_and_delete_removes_them(sessions: Sessions) -> None:
    who = _person(sessions)
    other = _person(sessions, "otro")
    _schedule(sessions, who, case_number=2, days=(date(2026, 12, 17), date(2026, 12, 6)))
    _schedule(sessions, other)
    with sessions() as session:
        data = SqlPrivacy(session).export_user_data(channel="telegram", chat_id="555")
    assert data.reminders == (
        (2, date(2026, 12, 6), DEADLINE),
        (2, date(2026, 12, 17), DEADLINE),
    )
    with sessions.begin() as session:
        SqlPrivacy(session).delete_everything(channel="telegram", chat_id="555")
    assert row_count(sessions, ReminderRow) == 2
    with sessions() as session:
        assert len(reminders.pending_for_user(session, other[0])) == 2
