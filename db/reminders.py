"""Deadline reminders: scheduled and cancelled inside a turn, claimed and marked by the sender.

Claiming is the at-most-once half of crash safety, as for broadcast deliveries: a sender claims
one due row (pending → sending, committed) right before the network call and marks it after.
A row left "sending" by a dead sender becomes "unknown", never "pending" again. No I/O here
beyond the session passed in; the sender is ``webhooks.reminders``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import ColumnElement, CursorResult, delete, select, update
from sqlalchemy.orm import Session

from calc.mexico_time import MEXICO_CITY
from db.models import CaseRow, ChatIdentity
from db.reminder_table import (
    CANCELLED,
    FINISHED,
    PENDING,
    SENDING,
    UNKNOWN,
    ReminderRow,
)

# A reminder goes out from 09:00 of its day, not at midnight.
SEND_HOUR = 9


def due_at(day: date) -> datetime:
    """The UTC instant a reminder for ``day`` becomes due: 09:00 that day in Mexico City."""
    return datetime.combine(day, time(SEND_HOUR), tzinfo=MEXICO_CITY).astimezone(UTC)


@dataclass(frozen=True)
class Claimed:
    """A claimed reminder and what sending it needs to know now (the chat, the case)."""

    reminder_id: int
    user_id: int
    identity_id: int
    channel: str
    chat_id: str
    identity_user_id: int | None  # None or another user: the chat was unlinked since
    last_inbound_at: datetime | None
    opted_out: bool
    blocked: bool
    case_number: int
    case_status: str
    deadline: date
    what: str
    attempts: int


def schedule(
    session: Session,
    *,
    user_id: int,
    identity_id: int,
    case_number: int,
    deadline: date,
    remind_on: Iterable[date],
    what: str,
    today: date,
    now: datetime,
) -> int:
    """Replace the case's pending reminders with one per day of ``remind_on``; returns how many.

    Days before ``today`` or after ``deadline`` are dropped (the worker was just told the date).
    A case number this user does not have schedules nothing.
    """
    case_id = session.scalar(
        select(CaseRow.id).where(CaseRow.user_id == user_id, CaseRow.number == case_number)
    )
    if case_id is None:
        return 0
    session.execute(
        delete(ReminderRow)
        .where(ReminderRow.case_id == case_id, ReminderRow.status == PENDING)
        .execution_options(synchronize_session=False)
    )
    days = sorted({day for day in remind_on if today <= day <= deadline})
    session.add_all(
        ReminderRow(
            user_id=user_id,
            case_id=case_id,
            identity_id=identity_id,
            send_on=day,
            due_at=due_at(day),
            deadline=deadline,
            what=what[:200],
            status=PENDING,
            attempts=0,
            created_at=now,
            updated_at=now,
        )
        for day in days
    )
    session.flush()
    return len(days)


def cancel(
    session: Session,
    *,
    user_id: int | None,
    identity_id: int | None,
    case_number: int | None,
    reason: str,
    now: datetime,
) -> int:
    """Cancel pending reminders: of one case of the user, or (``case_number`` None) all of the
    user's and of this chat's. Returns how many."""
    which: ColumnElement[bool]
    if case_number is not None:
        if user_id is None:
            return 0
        case_ids = select(CaseRow.id).where(
            CaseRow.user_id == user_id, CaseRow.number == case_number
        )
        which = ReminderRow.case_id.in_(case_ids)
    elif user_id is not None and identity_id is not None:
        which = (ReminderRow.user_id == user_id) | (ReminderRow.identity_id == identity_id)
    elif user_id is not None:
        which = ReminderRow.user_id == user_id
    elif identity_id is not None:
        which = ReminderRow.identity_id == identity_id
    else:
        return 0
    return _count(
        session.execute(
            update(ReminderRow)
            .where(which, ReminderRow.status == PENDING)
            .values(status=CANCELLED, reason=reason[:64], updated_at=now)
            .execution_options(synchronize_session=False)
        )
    )


def pending_for_user(session: Session, user_id: int) -> tuple[tuple[int, date, date], ...]:
    """(case number, send day, deadline) of the user's pending reminders, soonest first."""
    rows = session.execute(
        select(CaseRow.number, ReminderRow.send_on, ReminderRow.deadline)
        .join(CaseRow, CaseRow.id == ReminderRow.case_id)
        .where(ReminderRow.user_id == user_id, ReminderRow.status == PENDING)
        .order_by(ReminderRow.send_on, CaseRow.number, ReminderRow.id)
    ).all()
    return tuple((number, send_on, deadline) for number, send_on, deadline in rows)


def due(session: Session, *, now: datetime, limit: int = 100) -> list[int]:
    """Ids of pending reminders whose time has come, oldest first."""
    return list(
        session.scalars(
            select(ReminderRow.id)
            .where(ReminderRow.status == PENDING, ReminderRow.due_at <= now)
            .order_by(ReminderRow.due_at, ReminderRow.id)
            .limit(limit)
        )
    )


def claim(session: Session, reminder_id: int, *, owner: str, now: datetime) -> Claimed | None:
    """pending → sending for this owner; None when another sender got there first (or it went)."""
    result = session.execute(
        update(ReminderRow)
        .where(
            ReminderRow.id == reminder_id,
            ReminderRow.status == PENDING,
            ReminderRow.due_at <= now,
        )
        .values(
            status=SENDING,
            owner=owner[:64],
            claimed_at=now,
            attempts=ReminderRow.attempts + 1,
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    )
    if _count(result) != 1:
        return None
    row = session.execute(
        select(ReminderRow, ChatIdentity, CaseRow.number, CaseRow.status)
        .join(ChatIdentity, ChatIdentity.id == ReminderRow.identity_id)
        .join(CaseRow, CaseRow.id == ReminderRow.case_id)
        .where(ReminderRow.id == reminder_id)
    ).one()
    reminder, identity, number, case_status = row
    return Claimed(
        reminder_id=reminder.id,
        user_id=reminder.user_id,
        identity_id=identity.id,
        channel=identity.channel,
        chat_id=identity.external_id,
        identity_user_id=identity.user_id,
        last_inbound_at=identity.last_inbound_at,
        opted_out=bool(identity.opted_out),
        blocked=bool(identity.blocked),
        case_number=number,
        case_status=case_status,
        deadline=reminder.deadline,
        what=reminder.what,
        attempts=reminder.attempts,
    )


def mark(
    session: Session,
    reminder_id: int,
    *,
    owner: str,
    status: str,
    now: datetime,
    reason: str | None = None,
    retry_at: datetime | None = None,
) -> bool:
    """Record what happened to a claimed row; only its owner may. ``status`` "pending" with
    ``retry_at`` gives the row back for a later pass (nothing reached the platform)."""
    values: dict[str, object] = {"status": status, "updated_at": now}
    if reason is not None:
        values["reason"] = reason[:64]
    if status == PENDING:
        values["owner"] = None
        values["claimed_at"] = None
        if retry_at is not None:
            values["due_at"] = retry_at
    result = session.execute(
        update(ReminderRow)
        .where(
            ReminderRow.id == reminder_id,
            ReminderRow.owner == owner[:64],
            ReminderRow.status.in_((SENDING, UNKNOWN)),
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return _count(result) == 1


def recover(session: Session, *, now: datetime, lease: timedelta) -> int:
    """Rows "sending" for longer than ``lease`` belong to a dead sender: in doubt → "unknown".

    Telegram has no idempotency key: such a row may or may not have reached the chat, so it is
    never sent again on its own (a case usually has a second reminder closer to the deadline).
    """
    return _count(
        session.execute(
            update(ReminderRow)
            .where(ReminderRow.status == SENDING, ReminderRow.claimed_at < now - lease)
            .values(status=UNKNOWN, reason="in_doubt_after_crash", updated_at=now)
            .execution_options(synchronize_session=False)
        )
    )


def purge(session: Session, *, before: datetime) -> int:
    """Delete finished reminders (sent, skipped, failed, cancelled, unknown) older than
    ``before``; pending and in-flight ones stay."""
    return _count(
        session.execute(
            delete(ReminderRow)
            .where(ReminderRow.status.in_(FINISHED), ReminderRow.updated_at < before)
            .execution_options(synchronize_session=False)
        )
    )


def _count(result: object) -> int:
    return int(result.rowcount or 0) if isinstance(result, CursorResult) else 0
