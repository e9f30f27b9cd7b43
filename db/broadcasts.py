"""Broadcast tables (broadcasts, deliveries) and the writes that are not sending.

Creating, choosing the audience, materialising one delivery per recipient and totals. Claiming
and marking deliveries lives in ``db.deliveries``, the admins' audit log in ``db.audit``. Rows
never leave db/.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    Select,
    String,
    Text,
    UniqueConstraint,
    exists,
    func,
    insert,
    literal,
    select,
    update,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from db.base import MYSQL_TABLE, Base, JSONText, UTCDateTime
from db.models import CaseRow, ChatIdentity

CHANNELS = ("telegram", "whatsapp")
# pending → sending → sent → delivered; failed, skipped and unknown (in doubt after a crash).
STATUSES = ("pending", "sending", "sent", "delivered", "failed", "skipped", "unknown")
OPEN_CASE = "abierto"


class BroadcastRow(Base):
    __tablename__ = "broadcasts"
    __table_args__ = (MYSQL_TABLE,)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    text: Mapped[str] = mapped_column(Text)
    # WhatsApp template (ContentSid) and its variables, for recipients outside the 24-hour window.
    template_sid: Mapped[str | None] = mapped_column(String(64))
    template_variables: Mapped[dict[str, str]] = mapped_column(JSONText())
    channel: Mapped[str] = mapped_column(String(16))
    linked_only: Mapped[bool] = mapped_column(Boolean, default=False)
    topic: Mapped[str | None] = mapped_column(String(64))
    active_days: Mapped[int | None] = mapped_column(Integer)
    # draft → sending (deliveries materialised) → done
    status: Mapped[str] = mapped_column(String(16), default="draft")
    created_by: Mapped[str] = mapped_column(String(320))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class DeliveryRow(Base):
    """One recipient of one broadcast; the row exists before anything is sent."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("broadcast_id", "identity_id"),
        Index("ix_deliveries_broadcast_status", "broadcast_id", "status"),
        MYSQL_TABLE,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    broadcast_id: Mapped[int] = mapped_column(ForeignKey("broadcasts.id", ondelete="CASCADE"))
    identity_id: Mapped[int] = mapped_column(
        ForeignKey("chat_identities.id", ondelete="CASCADE"), index=True
    )
    channel: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    reason: Mapped[str | None] = mapped_column(String(200))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    provider_id: Mapped[str | None] = mapped_column(String(64), index=True)
    # The sender that holds the row while it is "sending", and since when.
    owner: Mapped[str | None] = mapped_column(String(64))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


@dataclass(frozen=True)
class Audience:
    """Who receives a broadcast. By default every identity of the channels not opted out."""

    channel: str = "all"  # telegram | whatsapp | all
    linked_only: bool = False
    topic: str | None = None  # users with an open case on this topic
    active_days: int | None = None  # users who wrote in the last N days

    @property
    def channels(self) -> tuple[str, ...]:
        return CHANNELS if self.channel == "all" else (self.channel,)


@dataclass(frozen=True)
class BroadcastView:
    id: int
    text: str
    template_sid: str | None
    template_variables: dict[str, str]
    audience: Audience
    status: str
    created_by: str
    created_at: datetime
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def audience_query(audience: Audience, *, now: datetime) -> Select[int, str]:
    """(identity id, channel) of everyone the audience reaches now; opted-out and blocked never."""
    query = select(ChatIdentity.id, ChatIdentity.channel).where(
        ChatIdentity.channel.in_(audience.channels),
        ChatIdentity.opted_out.is_(False),
        ChatIdentity.blocked.is_(False),
    )
    if audience.linked_only or audience.topic:
        query = query.where(ChatIdentity.user_id.is_not(None))
    if audience.topic:
        open_case = exists().where(
            CaseRow.user_id == ChatIdentity.user_id,
            CaseRow.topic == audience.topic,
            CaseRow.status == OPEN_CASE,
        )
        query = query.where(open_case)
    if audience.active_days is not None:
        since = now - timedelta(days=audience.active_days)
        query = query.where(ChatIdentity.last_inbound_at >= since)
    return query


def count_audience(session: Session, audience: Audience, *, now: datetime) -> dict[str, int]:
    """How many would receive it, per channel (what the admin sees before confirming)."""
    sub = audience_query(audience, now=now).subquery()
    rows = session.execute(select(sub.c.channel, func.count()).group_by(sub.c.channel)).all()
    found = {str(channel): int(n) for channel, n in rows}
    return {channel: found.get(channel, 0) for channel in audience.channels}


def create_broadcast(
    session: Session,
    *,
    text: str,
    audience: Audience,
    created_by: str,
    now: datetime,
    template_sid: str | None = None,
    template_variables: dict[str, str] | None = None,
) -> int:
    row = BroadcastRow(
        text=text,
        template_sid=template_sid or None,
        template_variables=dict(template_variables or {}),
        channel=audience.channel,
        linked_only=audience.linked_only,
        topic=audience.topic or None,
        active_days=audience.active_days,
        status="draft",
        created_by=created_by,
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    session.flush()
    return row.id


def start(session: Session, broadcast_id: int, *, now: datetime) -> int | None:
    """Move a draft to ``sending`` and materialise one pending delivery per recipient.

    One conditional UPDATE decides: of two callers (a double submit, two admins, the page and
    the command), exactly one gets the total; the others get None and must not start a sender.
    """
    moved = session.execute(
        update(BroadcastRow)
        .where(BroadcastRow.id == broadcast_id, BroadcastRow.status == "draft")
        .values(status="sending", started_at=now, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if int(getattr(moved, "rowcount", 0) or 0) != 1:
        return None
    row = session.get_one(BroadcastRow, broadcast_id, populate_existing=True)
    recipients = audience_query(_audience(row), now=now).subquery()
    already = exists().where(
        DeliveryRow.broadcast_id == broadcast_id,
        DeliveryRow.identity_id == recipients.c.id,
    )
    source = select(
        literal(broadcast_id),
        recipients.c.id,
        recipients.c.channel,
        literal("pending"),
        literal(0),
        literal(now, UTCDateTime()),
    ).where(~already)
    columns = ["broadcast_id", "identity_id", "channel", "status", "attempts", "updated_at"]
    session.execute(insert(DeliveryRow).from_select(columns, source))
    session.flush()
    return _total(session, broadcast_id)


def materialise(session: Session, broadcast_id: int, *, now: datetime) -> int:
    """One pending delivery per recipient, once: a second call adds nothing. Returns the total."""
    if session.get(BroadcastRow, broadcast_id) is None:
        raise LookupError(f"no broadcast {broadcast_id}")
    started = start(session, broadcast_id, now=now)
    return _total(session, broadcast_id) if started is None else started


def _total(session: Session, broadcast_id: int) -> int:
    return int(
        session.scalar(select(func.count()).where(DeliveryRow.broadcast_id == broadcast_id)) or 0
    )


def counts(session: Session, broadcast_id: int) -> dict[str, int]:
    rows = session.execute(
        select(DeliveryRow.status, func.count())
        .where(DeliveryRow.broadcast_id == broadcast_id)
        .group_by(DeliveryRow.status)
    ).all()
    found = {str(status): int(n) for status, n in rows}
    return {status: found.get(status, 0) for status in STATUSES}


def get_broadcast(session: Session, broadcast_id: int) -> BroadcastView | None:
    row = session.get(BroadcastRow, broadcast_id)
    return None if row is None else _view(row, counts(session, broadcast_id))


def list_broadcasts(session: Session, *, limit: int = 50) -> list[BroadcastView]:
    rows = session.scalars(select(BroadcastRow).order_by(BroadcastRow.id.desc()).limit(limit))
    return [_view(row, counts(session, row.id)) for row in rows]


def finish_if_done(session: Session, broadcast_id: int, *, now: datetime) -> bool:
    """Mark the broadcast done when no delivery is pending or sending any more."""
    row = session.get(BroadcastRow, broadcast_id)
    if row is None or row.status != "sending":
        return row is not None and row.status == "done"
    open_rows = session.scalar(
        select(func.count()).where(
            DeliveryRow.broadcast_id == broadcast_id,
            DeliveryRow.status.in_(("pending", "sending")),
        )
    )
    if open_rows:
        return False
    row.status = "done"
    row.finished_at = now
    row.updated_at = now
    session.flush()
    return True


def _audience(row: BroadcastRow) -> Audience:
    return Audience(
        channel=row.channel,
        linked_only=row.linked_only,
        topic=row.topic,
        active_days=row.active_days,
    )


def _view(row: BroadcastRow, totals: dict[str, int]) -> BroadcastView:
    return BroadcastView(
        id=row.id,
        text=row.text,
        template_sid=row.template_sid,
        template_variables=dict(row.template_variables or {}),
        audience=_audience(row),
        status=row.status,
        created_by=row.created_by,
        created_at=row.created_at,
        counts=totals,
    )
