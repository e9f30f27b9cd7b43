"""The ``model_usage`` table and its atomic counters: model answers per chat and time window.

One row per chat identity and window kind (minute, hour, month) holds the current window and its
count, so the table never grows beyond three rows a chat and needs no purge. Counting is one
conditional UPDATE per kind in one short transaction; nothing here calls a model.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import (
    ColumnElement,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
    and_,
    case,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import mysql, sqlite
from sqlalchemy.orm import Mapped, Session, mapped_column

from db.base import MYSQL_TABLE, Base, UTCDateTime
from db.conversations import SqlConversationStore
from db.errors import DbError


class ModelUsageRow(Base):
    """``identity_id``'s count of model answers in its current ``window_key`` of ``kind``."""

    __tablename__ = "model_usage"
    __table_args__ = (UniqueConstraint("identity_id", "kind"), MYSQL_TABLE)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    identity_id: Mapped[int] = mapped_column(ForeignKey("chat_identities.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(8))
    window_key: Mapped[str] = mapped_column(String(16))
    count: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


@dataclass(frozen=True)
class Window:
    """One limit: at most ``limit`` model answers while the window is ``key`` (e.g. "2026-12")."""

    kind: str
    key: str
    limit: int


@dataclass(frozen=True)
class Reservation:
    """What ``reserve`` decided: granted, or the first window (in order) that is full."""

    identity_id: int
    granted: bool
    full: str | None = None


def reserve(
    session: Session, *, channel: str, chat_id: str, windows: list[Window], now: datetime
) -> Reservation:
    """Count one model answer in every window, or in none when any is full.

    The caller commits a granted reservation and rolls a denied one back (its earlier windows
    were counted). Each UPDATE adds one only while the stored window is current and under its
    limit, or starts a new window at one: concurrent callers can never count past a limit (the
    row lock on MySQL, the write lock on SQLite).
    """
    identity = SqlConversationStore(session, now=now).ensure_identity(channel, chat_id)
    _ensure_rows(session, identity.id, [w.kind for w in windows], now)
    row = ModelUsageRow.__table__.c
    for window in windows:
        result = session.execute(
            update(ModelUsageRow)
            .where(
                row.identity_id == identity.id,
                row.kind == window.kind,
                or_(
                    row.window_key != window.key,
                    and_(row.window_key == window.key, row.count < window.limit),
                ),
            )
            # MySQL applies SET left to right: the count must read the old window first.
            .ordered_values(
                (row.count, _next_count(window)),
                (row.window_key, window.key),
                (row.updated_at, now),
            )
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]  # an UPDATE's CursorResult
            return Reservation(identity.id, granted=False, full=window.kind)
    return Reservation(identity.id, granted=True)


def release(session: Session, *, identity_id: int, windows: list[Window], now: datetime) -> None:
    """Give one reserved answer back (the model never answered), in windows still current."""
    row = ModelUsageRow.__table__.c
    for window in windows:
        session.execute(
            update(ModelUsageRow)
            .where(
                row.identity_id == identity_id,
                row.kind == window.kind,
                row.window_key == window.key,
                row.count > 0,
            )
            .values(count=row.count - 1, updated_at=now)
            .execution_options(synchronize_session=False)
        )


def counts(session: Session, *, identity_id: int) -> Mapping[str, tuple[str, int]]:
    """``{kind: (window_key, count)}`` for one chat (``/mis_datos`` and tests)."""
    rows = session.scalars(select(ModelUsageRow).where(ModelUsageRow.identity_id == identity_id))
    return {r.kind: (r.window_key, r.count) for r in rows}


def _next_count(window: Window) -> ColumnElement[int]:
    row = ModelUsageRow.__table__.c
    return case((row.window_key == window.key, row.count + 1), else_=1)


def _ensure_rows(session: Session, identity_id: int, kinds: list[str], now: datetime) -> None:
    """Create the chat's missing rows (count 0, no window) without failing on a concurrent one."""
    values = [
        {"identity_id": identity_id, "kind": k, "window_key": "", "count": 0, "updated_at": now}
        for k in kinds
    ]
    name = session.get_bind().dialect.name
    if name == "sqlite":
        session.execute(sqlite.insert(ModelUsageRow).values(values).on_conflict_do_nothing())
    elif name in ("mysql", "mariadb"):
        stmt = mysql.insert(ModelUsageRow).values(values)
        session.execute(stmt.on_duplicate_key_update(kind=stmt.inserted.kind))
    else:
        raise DbError(f"model usage counting is not written for {name}")
