"""Telegram groups' rows: joined and left, the admins' switches, supergroup migration and the
per-group answer limit. Returns ``GroupState`` values; rows never leave db/. Stores no text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from db.group_table import GroupRow

Slot = Literal["ok", "notice", "over"]


@dataclass(frozen=True)
class GroupState:
    chat_id: str
    silenced: bool = False
    broadcasts: bool = False
    # False once the bot was removed (or the group moved to a supergroup): send nothing there.
    present: bool = True
    migrated_to: str | None = None


class SqlGroups:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def state(self, chat_id: str) -> GroupState | None:
        with self._sessions() as session:
            row = _find(session, chat_id)
            return None if row is None else _state(row)

    def joined(self, chat_id: str, *, now: datetime) -> None:
        """The bot was added (again): it may answer here; the switches are kept."""

        def change(row: GroupRow) -> None:
            row.joined_at, row.left_at = now, None

        self._change(chat_id, change, now=now)

    def left(self, chat_id: str, *, now: datetime) -> None:
        """The bot was removed or the group blocked it: nothing is sent there any more."""

        def change(row: GroupRow) -> None:
            row.left_at = now

        self._change(chat_id, change, now=now)

    def switch(
        self,
        chat_id: str,
        *,
        now: datetime,
        silenced: bool | None = None,
        broadcasts: bool | None = None,
    ) -> None:
        def change(row: GroupRow) -> None:
            if silenced is not None:
                row.silenced = silenced
            if broadcasts is not None:
                row.broadcasts = broadcasts

        self._change(chat_id, change, now=now)

    def migrate(self, old: str, new: str, *, now: datetime) -> None:
        """A group became a supergroup: its switches move to the new id; the old one is left."""
        before = self.state(old) or GroupState(old)

        def moved(row: GroupRow) -> None:
            row.silenced, row.broadcasts = before.silenced, before.broadcasts
            row.left_at = None
            row.joined_at = row.joined_at or now

        def gone(row: GroupRow) -> None:
            row.left_at, row.migrated_to = now, new

        self._change(new, moved, now=now)
        self._change(old, gone, now=now)

    def take_answer(self, chat_id: str, *, now: datetime, limit: int, window: timedelta) -> Slot:
        """Count one answer against the group's limit: ``ok`` (answer), ``notice`` (the first
        one over: say so once), ``over`` (stay quiet until the window ends)."""
        if self.state(chat_id) is None:
            self._change(chat_id, lambda row: None, now=now)
        mine = GroupRow.chat_id == chat_id
        with self._sessions.begin() as session:
            # Two UPDATEs, not a read-modify-write: the first takes the row's write lock (MySQL)
            # or the database's (SQLite), so concurrent workers count one after another.
            stale = or_(GroupRow.window_start.is_(None), GroupRow.window_start <= now - window)
            session.execute(
                update(GroupRow).where(mine, stale).values(window_start=now, window_answers=0)
            )
            session.execute(
                update(GroupRow)
                .where(mine)
                .values(window_answers=GroupRow.window_answers + 1, updated_at=now)
            )
            count = session.scalar(select(GroupRow.window_answers).where(mine)) or 0
        over = count - limit
        return "ok" if over <= 0 else "notice" if over == 1 else "over"

    def opted_in(self) -> list[str]:
        """The groups that asked for broadcasts and still have the bot."""
        with self._sessions() as session:
            rows = session.scalars(
                select(GroupRow.chat_id).where(
                    GroupRow.broadcasts.is_(True), GroupRow.left_at.is_(None)
                )
            )
            return list(rows)

    def _change(
        self,
        chat_id: str,
        change: Callable[[GroupRow], None],
        *,
        now: datetime,
    ) -> None:
        for attempt in (1, 2):
            try:
                with self._sessions.begin() as session:
                    row = _find(session, chat_id)
                    if row is None:
                        row = GroupRow(
                            chat_id=chat_id, silenced=False, broadcasts=False, window_answers=0
                        )
                        session.add(row)
                    change(row)
                    row.updated_at = now
                return
            except IntegrityError:
                if attempt == 2:  # another worker created the same group twice? cannot be
                    raise


def _find(session: Session, chat_id: str) -> GroupRow | None:
    return session.scalar(select(GroupRow).where(GroupRow.chat_id == chat_id))


def _state(row: GroupRow) -> GroupState:
    return GroupState(
        chat_id=row.chat_id,
        silenced=row.silenced,
        broadcasts=row.broadcasts,
        present=row.left_at is None and row.migrated_to is None,
        migrated_to=row.migrated_to,
    )
