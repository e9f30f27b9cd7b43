"""The admins' audit log (``admin_actions``): who did what to which broadcast, and when.

No message bodies: the detail holds counts and choices, never what a worker wrote.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Integer, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from db.base import MYSQL_TABLE, Base, JSONText, UTCDateTime


class AdminAction(Base):
    """The audit log: who did what to which broadcast, and when (no message bodies)."""

    __tablename__ = "admin_actions"
    __table_args__ = (MYSQL_TABLE,)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    actor: Mapped[str] = mapped_column(String(320))
    action: Mapped[str] = mapped_column(String(32))
    broadcast_id: Mapped[int | None] = mapped_column(Integer, index=True)
    detail: Mapped[dict[str, Any]] = mapped_column(JSONText())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


def record_action(
    session: Session,
    *,
    actor: str,
    action: str,
    now: datetime,
    broadcast_id: int | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    session.add(
        AdminAction(
            actor=actor[:320],
            action=action[:32],
            broadcast_id=broadcast_id,
            detail=dict(detail or {}),
            created_at=now,
        )
    )
    session.flush()


def admin_actions(session: Session, *, limit: int = 100) -> list[tuple[str, str, int | None]]:
    """(actor, action, broadcast id), newest first."""
    rows = session.execute(
        select(AdminAction.actor, AdminAction.action, AdminAction.broadcast_id)
        .order_by(AdminAction.id.desc())
        .limit(limit)
    ).all()
    return [(str(a), str(b), c) for a, b, c in rows]
