"""Broadcasts to Telegram groups that opted in (/avisos): one ``group_deliveries`` row per
broadcast and group, claimed pending → sending → sent | failed | skipped; a row a dead sender
left "sending" becomes "unknown" (never sent twice). Only general broadcasts reach groups.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from db.broadcasts import BroadcastRow
from db.group_table import GroupDeliveryRow, GroupRow

STATUSES = ("pending", "sending", "sent", "failed", "skipped", "unknown")


@dataclass(frozen=True)
class GroupDelivery:
    delivery_id: int
    group_id: int
    chat_id: str


def for_groups(row: BroadcastRow) -> bool:
    """A broadcast for everyone on Telegram; one aimed at some people (linked, a topic, recent
    activity) or at WhatsApp only is not sent to groups."""
    return (
        row.channel in ("telegram", "all")
        and not row.linked_only
        and row.topic is None
        and row.active_days is None
    )


def materialise(session: Session, broadcast_id: int) -> int:
    """One pending row per opted-in group still holding the bot, once. Returns the total."""
    row = session.get(BroadcastRow, broadcast_id)
    if row is None:
        raise LookupError(f"no broadcast {broadcast_id}")
    if for_groups(row):
        have = set(
            session.scalars(
                select(GroupDeliveryRow.group_id).where(
                    GroupDeliveryRow.broadcast_id == broadcast_id
                )
            )
        )
        groups = session.scalars(
            select(GroupRow.id).where(GroupRow.broadcasts.is_(True), GroupRow.left_at.is_(None))
        )
        for group_id in groups:
            if group_id not in have:
                session.add(
                    GroupDeliveryRow(broadcast_id=broadcast_id, group_id=group_id, status="pending")
                )
        session.flush()
    return sum(counts(session, broadcast_id).values())


def recover(session: Session, broadcast_id: int) -> int:
    """Rows a dead sender left "sending": it may have sent them, so they are "unknown"."""
    result = session.execute(
        update(GroupDeliveryRow)
        .where(GroupDeliveryRow.broadcast_id == broadcast_id, GroupDeliveryRow.status == "sending")
        .values(status="unknown", reason="sender stopped mid-send")
    )
    return int(getattr(result, "rowcount", 0) or 0)


def pending(session: Session, broadcast_id: int) -> list[GroupDelivery]:
    rows = session.execute(
        select(GroupDeliveryRow.id, GroupRow.id, GroupRow.chat_id)
        .join(GroupRow, GroupRow.id == GroupDeliveryRow.group_id)
        .where(GroupDeliveryRow.broadcast_id == broadcast_id, GroupDeliveryRow.status == "pending")
        .order_by(GroupDeliveryRow.id)
    ).all()
    return [GroupDelivery(int(d), int(g), str(c)) for d, g, c in rows]


def claim(session: Session, delivery_id: int) -> bool:
    """pending → sending; False when another sender took it first."""
    result = session.execute(
        update(GroupDeliveryRow)
        .where(GroupDeliveryRow.id == delivery_id, GroupDeliveryRow.status == "pending")
        .values(status="sending")
    )
    return int(getattr(result, "rowcount", 0) or 0) == 1


def mark(
    session: Session, delivery_id: int, *, status: str, reason: str | None, now: datetime
) -> None:
    session.execute(
        update(GroupDeliveryRow)
        .where(GroupDeliveryRow.id == delivery_id)
        .values(status=status, reason=reason, sent_at=now if status == "sent" else None)
    )


def counts(session: Session, broadcast_id: int) -> dict[str, int]:
    rows = session.execute(
        select(GroupDeliveryRow.status, func.count())
        .where(GroupDeliveryRow.broadcast_id == broadcast_id)
        .group_by(GroupDeliveryRow.status)
    ).all()
    found = {str(status): int(n) for status, n in rows}
    return {status: found.get(status, 0) for status in STATUSES}
