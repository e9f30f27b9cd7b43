"""The ``reminders`` table: one row per deadline reminder of a case, sent on one day to one chat.

Stores the least: no message text and no phone number (the chat is the identity's foreign key).
``db.reminders`` schedules, claims and marks the rows.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from db.base import MYSQL_TABLE, Base, UTCDateTime

# pending → sending (claimed) → sent | skipped | failed; pending → cancelled (closed case, BAJA,
# a new schedule for the case); sending → unknown when its sender died mid-send (never resent).
PENDING, SENDING, SENT, SKIPPED, FAILED, CANCELLED, UNKNOWN = (
    "pending",
    "sending",
    "sent",
    "skipped",
    "failed",
    "cancelled",
    "unknown",
)
FINISHED = (SENT, SKIPPED, FAILED, CANCELLED, UNKNOWN)


class ReminderRow(Base):
    """``identity_id`` is the chat that asked for the reminder: it is sent there only."""

    __tablename__ = "reminders"
    __table_args__ = (Index("ix_reminders_status_due", "status", "due_at"), MYSQL_TABLE)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    identity_id: Mapped[int] = mapped_column(
        ForeignKey("chat_identities.id", ondelete="CASCADE"), index=True
    )
    # The day it is sent (Mexico City) and the instant that day's sending starts (UTC).
    send_on: Mapped[date] = mapped_column(Date)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    deadline: Mapped[date] = mapped_column(Date)
    what: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    reason: Mapped[str | None] = mapped_column(String(64))
    owner: Mapped[str | None] = mapped_column(String(64))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
