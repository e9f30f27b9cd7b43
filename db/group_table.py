"""The ``telegram_groups`` and ``group_deliveries`` tables: per group only its chat id, its two
switches (silenced, broadcasts), when the bot joined or left, and an answer counter for the
rate limit. No message text, no member, no name. ``db.groups`` reads and writes them.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import MYSQL_TABLE, Base, UTCDateTime


class GroupRow(Base):
    """One Telegram group or supergroup the bot was added to (``chat_id``: Telegram's id)."""

    __tablename__ = "telegram_groups"
    __table_args__ = (MYSQL_TABLE,)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    chat_id: Mapped[str] = mapped_column(String(32), unique=True)
    silenced: Mapped[bool] = mapped_column(Boolean, default=False)
    broadcasts: Mapped[bool] = mapped_column(Boolean, default=False)
    joined_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    left_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # A group that became a supergroup lives on under the new id (Telegram's migrate_to_chat_id).
    migrated_to: Mapped[str | None] = mapped_column(String(32))
    # The per-group answer limit: answers given since ``window_start``.
    window_start: Mapped[datetime | None] = mapped_column(UTCDateTime())
    window_answers: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class GroupDeliveryRow(Base):
    """One broadcast to one opted-in group: pending → sent | failed (at most once)."""

    __tablename__ = "group_deliveries"
    __table_args__ = (UniqueConstraint("broadcast_id", "group_id"), MYSQL_TABLE)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    broadcast_id: Mapped[int] = mapped_column(ForeignKey("broadcasts.id", ondelete="CASCADE"))
    group_id: Mapped[int] = mapped_column(
        ForeignKey("telegram_groups.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(16), default="pending")
    reason: Mapped[str | None] = mapped_column(String(200))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
